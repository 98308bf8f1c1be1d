"""The offline gazetteer: GeoNames-derived places shipped in ``data/gazetteer/``.

    from eventwire.resolve.gazetteer import get_gazetteer
    gaz = get_gazetteer()                 # opened once per process (a few milliseconds)
    gaz.lookup("Hmeimim")                 # -> [Candidate(name="Khmeimim Air Base", ...)]
    gaz.country("SYR")                    # -> Candidate for Syria (centroid)
    gaz.names()                           # every normalised name, for building matchers

Names are compared in a normalised form (:func:`normalize`): case, accents, dots, hyphens
and curly apostrophes are ignored, so "U.S." == "US" and "Khmeimim" == "KHMEIMIM".
See docs/places.md for the sources and ``tools/build_gazetteer.py`` for the build.

On disk (all written by the build): ``places.tsv`` (one record a line), ``names.tsv`` (the
sorted name index: normalised name, record numbers) and ``gazetteer.idx``, a binary index
over the two text files: where each record line starts, and an open-addressing hash table
from a name's CRC-32 to its line in ``names.tsv``. The three are memory-mapped, never read
whole: opening the gazetteer costs milliseconds instead of the second it took to
decompress and split the tables, and a name lookup is one hash and a byte comparison.
"""
from __future__ import annotations

import mmap
from bisect import bisect_left
import re
import struct
import sys
import unicodedata
import zlib
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional, Union

from ..errors import DataFileError
from ..resources import data_path

PLACES_FILE = "gazetteer/places.tsv"
NAMES_FILE = "gazetteer/names.tsv"
INDEX_FILE = "gazetteer/gazetteer.idx"
DEMONYMS_FILE = "gazetteer/demonyms.tsv"
COMMON_WORDS_FILE = "gazetteer/common_words.txt"
PERSON_NAMES_FILE = "gazetteer/person_names.txt"
COUNTRY_TLDS_FILE = "gazetteer/country_tlds.tsv"

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


# ---------------------------------------------------------------------- the index
# gazetteer.idx: magic, a header of unsigned 32-bit little-endian numbers, then two arrays of
# them: the byte offset of every record line in places.tsv, and the hash slots. A slot holds
# 1 + the byte offset of a line in names.tsv (0: empty), with the top bit set when a longer
# name starts with this one plus a space ("new york" -> "new york city").
_MAGIC = b"EWGAZ001"
_HEADER = struct.Struct("<8s6I")  # magic, places bytes, names bytes, records, names, slots, 0
_LONGER = 0x80000000
_OFFSET = 0x7FFFFFFF


def _name_key(line: bytes) -> bytes:
    return line.split(b"\t", 1)[0]


def build_index(places: bytes, names: bytes) -> tuple[bytes, bytes]:
    """``(names, index)``: the name table completed with prefix-only lines, and the binary
    index over it and ``places`` (the layout described above). Used by the build and by
    :meth:`Gazetteer.from_lines`; the result depends only on the two inputs."""
    lines = [ln for ln in names.split(b"\n") if ln]
    keys = {_name_key(ln) for ln in lines}
    # Every proper word-prefix of a name must be findable, so that matching can go on
    # from "new" to "new york" to "new york city"; prefixes that are no name get a line of
    # their own with no record numbers.
    prefixes = set()
    for k in keys:
        parts = k.split(b" ")
        for i in range(1, len(parts)):
            prefixes.add(b" ".join(parts[:i]))
    lines += [p + b"\t" for p in prefixes - keys]
    lines.sort(key=lambda ln: _name_key(ln) + b"\t")
    names = b"\n".join(lines) + b"\n"
    size = 1 << max(4, (2 * len(lines)).bit_length())  # load factor <= 1/2
    mask = size - 1
    slots = [0] * size
    off = 0
    n_names = 0
    for ln in lines:
        key = _name_key(ln)
        if len(ln) > len(key) + 1:
            n_names += 1
        i = zlib.crc32(key) & mask
        while slots[i]:
            i = (i + 1) & mask
        slots[i] = (off + 1) | (_LONGER if key in prefixes else 0)
        off += len(ln) + 1
    if off > _OFFSET:
        raise DataFileError("gazetteer names table too large for the index")
    record_offsets = []
    pos = 0
    for ln in places.split(b"\n"):
        if ln and not ln.startswith(b"#"):
            record_offsets.append(pos)
        pos += len(ln) + 1
    header = _HEADER.pack(_MAGIC, len(places), len(names), len(record_offsets), n_names, size, 0)
    body = struct.pack(f"<{len(record_offsets)}I", *record_offsets) + struct.pack(f"<{size}I", *slots)
    return names, header + body


def _uint32s(buf, start: int, count: int):
    view = memoryview(buf)[start:start + 4 * count]
    if sys.byteorder == "little":
        return view.cast("I")
    import array  # pragma: no cover - big-endian machines copy and swap once

    arr = array.array("I", bytes(view))  # pragma: no cover
    arr.byteswap()  # pragma: no cover
    return arr  # pragma: no cover


Buffer = Union[bytes, mmap.mmap]


class Gazetteer:
    """Name -> candidate records, plus country centroids and demonyms.

    Works on three buffers (memory-mapped files, or bytes for small tables in tests): the
    records, the name table and the binary index of :func:`build_index`. Records are parsed
    only when looked up; name probes are memoised for the life of the process.
    """

    def __init__(self, places: Buffer, names: Buffer, index: Buffer, demonyms: dict[str, str],
                 common_words: frozenset = frozenset(), person_names: frozenset = frozenset()):
        magic, places_size, names_size, n_records, n_names, n_slots, _ = _HEADER.unpack_from(index, 0)
        if magic != _MAGIC or places_size != len(places) or names_size != len(names):
            raise DataFileError(f"{INDEX_FILE} does not match {PLACES_FILE} and {NAMES_FILE}: "
                                "run tools/build_gazetteer.py --reindex")
        self._places = places
        self._names_buf = names
        self._offsets = _uint32s(index, _HEADER.size, n_records)
        self._slots = _uint32s(index, _HEADER.size + 4 * n_records, n_slots)
        self._mask = n_slots - 1
        self._n_records = n_records
        self._n_names = n_names
        self._probes: dict[str, int] = {}
        self._postings_memo: dict[str, tuple] = {}
        self._lookups: dict[str, tuple] = {}  # key -> its candidates, the same objects each time
        self._words: dict[str, tuple] = {}  # token text -> (key, is a name, a longer name follows)
        self.memo: dict[str, dict] = {}  # callers' answers that depend only on a name's records
        self.common_words = common_words  # lowercase English words ("reading", "mobile")
        self.person_names = person_names  # capitalised given names and surnames ("Tyler")
        self._countries = {}
        # Countries: a find() over the mapped bytes for the feature-code column (a regex or
        # a split of every line costs a hundred times more).
        pos = places.find(b"\tPCLI\t")
        while pos >= 0:
            start = places.rfind(b"\n", 0, pos) + 1
            row = places[start:pos].split(b"\t")
            if len(row) == 6:  # the feature-code column, not a name that happens to match
                # the last record of a country wins, as it always has
                self._countries[row[2].decode()] = bisect_left(self._offsets, start)
            pos = places.find(b"\tPCLI\t", pos + 1)
        self.demonyms: dict[str, Candidate] = {}
        for adj, target in demonyms.items():
            rec = self.country(target) if len(target) == 3 and target.isupper() else self._named(target)
            if rec is not None:
                self.demonyms[adj] = rec
        # first words of the multi-word adjectives ("North" of "North Korean"): only after
        # one of them is a two-token demonym worth looking up
        self.demonym_heads = frozenset(adj.split(" ", 1)[0] for adj in self.demonyms if " " in adj)
        self.max_words = 6

    @classmethod
    def from_lines(cls, record_lines: list[str], name_lines: list[str], demonyms: dict[str, str],
                   common_words: frozenset = frozenset(), person_names: frozenset = frozenset()) -> "Gazetteer":
        """An in-memory gazetteer from the text layout of places.tsv and names.tsv."""
        places = ("\n".join(record_lines) + "\n").encode("utf-8")
        names, index = build_index(places, ("\n".join(name_lines) + "\n").encode("utf-8"))
        return cls(places, names, index, demonyms, common_words, person_names)

    # -- names
    def _slot(self, key: str) -> int:
        """The slot value of ``key`` (0 when it is neither a name nor the start of one)."""
        kb = key.encode("utf-8")
        names, slots, mask = self._names_buf, self._slots, self._mask
        n = len(kb)
        i = zlib.crc32(kb) & mask
        while True:
            v = slots[i]
            if not v:
                return 0
            off = (v & _OFFSET) - 1
            if names[off:off + n] == kb and names[off + n] == 9:  # 9: tab
                return v
            i = (i + 1) & mask

    def _probe_value(self, key: str) -> int:
        v = self._probes.get(key)
        if v is None:
            if len(self._probes) > 500_000:  # a long-running process reading endless new words
                self._probes.clear()
            v = self._probes[key] = self._slot(key)
        return v

    def _postings(self, key: str) -> tuple:
        codes = self._postings_memo.get(key)
        if codes is None:
            v = self._probe_value(key)
            codes = ()
            if v:
                names = self._names_buf
                start = (v & _OFFSET) - 1 + len(key.encode("utf-8")) + 1
                field = names[start:names.find(b"\n", start)]
                if field:
                    codes = tuple(int(x) for x in field.split(b","))
            if len(self._postings_memo) > 200_000:
                self._postings_memo.clear()
            self._postings_memo[key] = codes
        return codes

    @lru_cache(maxsize=50_000)
    def _candidate(self, code: int) -> Candidate:
        rec = code >> 1
        if rec >= self._n_records:
            raise DataFileError(f"{NAMES_FILE}: record number {rec} is past the end of {PLACES_FILE}")
        return self._parse(self._offsets[rec], bool(code & 1))

    def _parse(self, off: int, alternate: bool) -> Candidate:
        places = self._places
        row = places[off:places.find(b"\n", off)].decode("utf-8").split("\t")
        if len(row) != 10:
            raise DataFileError(f"{PLACES_FILE} byte {off}: expected 10 columns, got {len(row)}")
        gid, name, cc3, lat, lon, fclass, fcode, pop, admin1, _alts = row
        return Candidate(name, cc3, float(lat), float(lon), fclass, fcode, int(pop),
                         int(gid) if gid else None, admin1, alternate)

    def _named(self, name: str) -> Optional[Candidate]:
        """The most populous record with this exact (normalised) name."""
        cands = self.lookup(name)
        return max(cands, key=lambda c: (not c.alternate, c.population)) if cands else None

    def lookup(self, name: str) -> list[Candidate]:
        """Every record whose name or alternate name matches ``name`` (normalised)."""
        return self.lookup_key(normalize(name))

    def lookup_key(self, key: str) -> list[Candidate]:
        """Like :meth:`lookup` for a key that is already normalised (the matcher's hot path)."""
        return list(self.candidates(key))

    def candidates(self, key: str) -> tuple:
        """:meth:`lookup_key` as the shared tuple, for callers that never change it in place."""
        cands = self._lookups.get(key)
        if cands is None:
            if len(self._lookups) > 50_000:
                self._lookups.clear()
            cands = self._lookups[key] = tuple(self._candidate(c) for c in self._postings(key))
        return cands

    def has_key(self, key: str) -> bool:
        return bool(self._postings(key))

    def probe(self, key: str) -> tuple[bool, bool]:
        """(is ``key`` a name, does a longer name start with ``key + " "``), in one lookup."""
        v = self._probe_value(key)
        if not v:
            return False, False
        return bool(self._postings(key)), bool(v & _LONGER)

    def probe_word(self, word: str) -> tuple[str, bool, bool]:
        """``(normalize(word),) + probe(normalize(word))``, memoised by the word itself: the
        matcher asks it for every capitalised token, and most of them recur."""
        hit = self._words.get(word)
        if hit is None:
            if len(self._words) > 200_000:  # a long-running process reading endless new words
                self._words.clear()
            key = normalize(word)
            hit = self._words[word] = (key, *self.probe(key))
        return hit

    def has_prefix(self, key: str) -> bool:
        """Whether some name starts with ``key`` followed by a space (a longer name may follow)."""
        return bool(self._probe_value(key) & _LONGER)

    def country(self, iso3: str) -> Optional[Candidate]:
        """The country record (GeoNames-style centroid) for an ISO-3 code."""
        rec = self._countries.get(iso3)
        return self._candidate(rec * 2) if rec is not None else None

    def names(self) -> list[str]:
        """Every normalised name and alternate name (keys of :meth:`lookup_key`), sorted."""
        out = []
        for line in bytes(self._names_buf).decode("utf-8").split("\n"):
            key, _, postings = line.partition("\t")
            if postings:
                out.append(key)
        return out

    def __len__(self) -> int:
        return self._n_records


def _map(relative: str) -> mmap.mmap:
    path = data_path(relative)
    try:
        with open(path, "rb") as f:
            return mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError) as exc:
        raise DataFileError(f"{path}: {exc}") from None


def _read_tsv_pairs(relative: str) -> dict[str, str]:
    out = {}
    for line in data_path(relative).read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            k, v = line.split("\t")[:2]
            out[k] = v
    return out


@lru_cache(maxsize=1)
def get_gazetteer() -> Gazetteer:
    """The process-wide gazetteer (opened on first use)."""
    return Gazetteer(_map(PLACES_FILE), _map(NAMES_FILE), _map(INDEX_FILE), _read_tsv_pairs(DEMONYMS_FILE),
                     _read_words(COMMON_WORDS_FILE), _read_words(PERSON_NAMES_FILE))


@lru_cache(maxsize=1)
def country_tlds() -> dict[str, str]:
    """Country-code top-level domain ("uk", "ie") -> ISO-3 ("GBR", "IRL")."""
    return _read_tsv_pairs(COUNTRY_TLDS_FILE)


def _read_words(relative: str) -> frozenset:
    return frozenset(w for w in data_path(relative).read_text(encoding="utf-8").split("\n")
                     if w and not w.startswith("#"))
