"""The offline gazetteer: GeoNames-derived places shipped in ``data/gazetteer/``.

    from eventwire.resolve.gazetteer import get_gazetteer
    gaz = get_gazetteer()                 # loaded once per process (~0.3 s)
    gaz.lookup("Hmeimim")                 # -> [Candidate(name="Khmeimim Air Base", ...)]
    gaz.country("SYR")                    # -> Candidate for Syria (centroid)
    gaz.names()                           # every normalised name, for building matchers

Names are compared in a normalised form (:func:`normalize`): case, accents, dots, hyphens
and curly apostrophes are ignored, so "U.S." == "US" and "Khmeimim" == "KHMEIMIM".
See docs/places.md for the sources and ``tools/build_gazetteer.py`` for the build.
"""
from __future__ import annotations

import gzip
import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from ..errors import DataFileError
from ..resources import data_path

PLACES_FILE = "gazetteer/places.tsv.gz"
NAMES_FILE = "gazetteer/names.tsv.gz"
DEMONYMS_FILE = "gazetteer/demonyms.tsv"
COMMON_WORDS_FILE = "gazetteer/common_words.txt"
PERSON_NAMES_FILE = "gazetteer/person_names.txt"

# How specific a record is, by GeoNames feature code (precision level of models.Place).
PRECISION = {"PCLI": "country", "CONT": "region", "ADM1": "region", "ADM2": "region",
             "RGN": "region", "PEN": "region", "OCN": "region", "SEA": "region", "GULF": "region",
             "LK": "region", "CHN": "region", "STRT": "region", "PLAT": "region", "ISL": "region",
             "PPL": "city", "PPLC": "city", "AIRP": "point", "AIRB": "point", "MILB": "point",
             "NVB": "point"}

_SPACES = re.compile(r"\s+")
# Apostrophes and ayin/hamza marks vary freely in transliterations (‘Afrīn, Afrin).
_DROP = str.maketrans({".": "", "’": "", "‘": "", "'": "", "`": "", "ʿ": "", "ʾ": "", "-": " ", "–": " "})


@lru_cache(maxsize=200_000)
def normalize(name: str) -> str:
    """The lookup key of a name: casefolded, accents, dots and apostrophes dropped, hyphens as spaces."""
    if not name.isascii():
        name = "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))
    key = _SPACES.sub(" ", name.translate(_DROP)).strip().casefold()
    if key.startswith("the "):
        key = key[4:]
    return key


@dataclass(frozen=True)
class Candidate:
    """One gazetteer record."""

    name: str
    country: str  # ISO 3166 alpha-3, "" for continents and oceans
    lat: float
    lon: float
    feature_class: str  # GeoNames feature class: A admin, P populated place, S spot, H water, L area, T terrain
    feature_code: str  # PCLI, ADM1, ADM2, PPL, PPLC, AIRP, MILB, CONT, SEA ...
    population: int
    geonameid: Optional[int]
    admin1: str = ""  # name of the first-level region the place lies in
    alternate: bool = False  # matched through an alternate name, not the main one

    @property
    def precision(self) -> str:
        return PRECISION.get(self.feature_code, "point" if self.feature_class == "S" else "region")


class Gazetteer:
    """Name -> candidate records, plus country centroids and demonyms.

    Built from two text tables made by ``tools/build_gazetteer.py``: the records (one TSV
    line each, parsed only when looked up) and a sorted name index searched by bisection,
    so that loading is little more than decompressing and splitting two files.
    """

    def __init__(self, record_lines: list[str], name_lines: list[str], demonyms: dict[str, str],
                 common_words: frozenset = frozenset(), person_names: frozenset = frozenset()):
        self._lines = record_lines
        self._names = name_lines
        self.common_words = common_words  # lowercase English words ("reading", "mobile")
        self.person_names = person_names  # capitalised given names and surnames ("Tyler")
        self._countries = {}
        for i, line in enumerate(record_lines):
            if "\tPCLI\t" in line:
                self._countries[line.split("\t", 3)[2]] = i
        self.demonyms: dict[str, Candidate] = {}
        for adj, target in demonyms.items():
            rec = self.country(target) if len(target) == 3 and target.isupper() else self._named(target)
            if rec is not None:
                self.demonyms[adj] = rec
        self.max_words = 6

    @lru_cache(maxsize=50_000)
    def _candidate(self, code: int) -> Candidate:
        row = self._lines[code >> 1].split("\t")
        if len(row) != 10:
            raise DataFileError(f"{PLACES_FILE} record {code >> 1}: expected 10 columns, got {len(row)}")
        gid, name, cc3, lat, lon, fclass, fcode, pop, admin1, _alts = row
        return Candidate(name, cc3, float(lat), float(lon), fclass, fcode, int(pop),
                         int(gid) if gid else None, admin1, bool(code & 1))

    def _postings(self, key: str) -> list[int]:
        probe = key + "\t"
        i = bisect_left(self._names, probe)
        if i < len(self._names) and self._names[i].startswith(probe):
            return [int(x) for x in self._names[i][len(probe):].split(",")]
        return []

    def _named(self, name: str) -> Optional[Candidate]:
        """The most populous record with this exact (normalised) name."""
        cands = self.lookup(name)
        return max(cands, key=lambda c: (not c.alternate, c.population)) if cands else None

    def lookup(self, name: str) -> list[Candidate]:
        """Every record whose name or alternate name matches ``name`` (normalised)."""
        return self.lookup_key(normalize(name))

    def lookup_key(self, key: str) -> list[Candidate]:
        """Like :meth:`lookup` for a key that is already normalised (the matcher's hot path)."""
        return [self._candidate(c) for c in self._postings(key)]

    def has_key(self, key: str) -> bool:
        probe = key + "\t"
        i = bisect_left(self._names, probe)
        return i < len(self._names) and self._names[i].startswith(probe)

    def probe(self, key: str) -> tuple[bool, bool]:
        """(is ``key`` a name, does a longer name start with ``key + " "``) in one bisection:
        in the sorted index "key\t..." sorts right before any "key ...".
        """
        names = self._names
        i = bisect_left(names, key + "\t")
        hit = i < len(names) and names[i].startswith(key + "\t")
        if hit:
            i += 1
        return hit, i < len(names) and names[i].startswith(key + " ")

    def has_prefix(self, key: str) -> bool:
        """Whether some name starts with ``key`` followed by a space (a longer name may follow)."""
        probe = key + " "
        i = bisect_left(self._names, probe)
        return i < len(self._names) and self._names[i].startswith(probe)

    def country(self, iso3: str) -> Optional[Candidate]:
        """The country record (GeoNames-style centroid) for an ISO-3 code."""
        i = self._countries.get(iso3)
        return self._candidate(i * 2) if i is not None else None

    def names(self) -> list[str]:
        """Every normalised name and alternate name (keys of :meth:`lookup_key`)."""
        return [line.split("\t", 1)[0] for line in self._names]

    def __len__(self) -> int:
        return len(self._lines)


def _read_lines(relative: str) -> list[str]:
    path = data_path(relative)
    try:
        with gzip.open(path, "rt", encoding="utf-8") as f:
            text = f.read()
    except (OSError, EOFError) as exc:
        raise DataFileError(f"{path}: {exc}") from None
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if lines and lines[0].startswith("#"):
        lines.pop(0)
    return lines


def _read_tsv_pairs(relative: str) -> dict[str, str]:
    out = {}
    for line in data_path(relative).read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            k, v = line.split("\t")[:2]
            out[k] = v
    return out


@lru_cache(maxsize=1)
def get_gazetteer() -> Gazetteer:
    """The process-wide gazetteer (loaded on first use)."""
    return Gazetteer(_read_lines(PLACES_FILE), _read_lines(NAMES_FILE), _read_tsv_pairs(DEMONYMS_FILE),
                     _read_words(COMMON_WORDS_FILE), _read_words(PERSON_NAMES_FILE))


def _read_words(relative: str) -> frozenset:
    return frozenset(w for w in data_path(relative).read_text(encoding="utf-8").split("\n")
                     if w and not w.startswith("#"))
