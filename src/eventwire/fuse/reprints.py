"""Reprints: the same wire copy republished with edits (new headline, cut paragraphs, boilerplate).

Each article's body is reduced to a set of word shingles and summarised by a MinHash
(datasketch's "affine32" scheme, computed here with numpy: importing datasketch pulls in
scipy.integrate, which cost more start-up than the whole stage costs per batch). An LSH index finds candidate copies in constant time per article; a candidate
is a reprint when the estimated *containment* of the shorter body in the longer one is high
(a copy that keeps half the paragraphs is still contained in its source). Linked copies form
one reprint group; its **original** is the earliest copy (publication date, then the copy
whose outlet is the wire itself, then the longest, then the smallest id, so the choice never
depends on input order). Every other member's ``reprint_of`` is the original's id.

Parameters live in ``eventwire/data/fuse/reprints.json``.
"""
from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from functools import lru_cache
from typing import Dict, List, Optional, Tuple

import numpy as np

from ..models import Article
from ..resources import load_json

_WORD = re.compile(r"\w+", re.UNICODE)
_SCHEME = "affine32"


@lru_cache(maxsize=1)
def config() -> dict:
    cfg = dict(load_json("fuse/reprints.json"))
    boiler = load_json("lexicons/sources.json").get("boilerplate", [])
    # scans of the whole body: a lone unanchored pattern keeps the regex engine's fast
    # literal-prefix search (an alternation with anchored patterns loses it); the line-anchored
    # patterns share one alternation, tried only where a line starts (named groups dropped)
    from ..nlp.ner.lexicons import has_top_level_alternative, literal_openings

    patterns = [re.sub(r"\(\?P<\w+>", "(?:", p) for p in list(boiler) + list(cfg["extra_boilerplate"])]
    anchored = [p for p in patterns if p.startswith("^")]
    # a pattern that opens with alternatives ("(?:Follow|Subscribe to) ...") has no literal
    # prefix for the engine to skip ahead to, and costs a step at every position: it is only
    # run on a body that holds one of its openings (a substring test)
    cfg["_boilerplate"] = [(re.compile(p, re.MULTILINE), literal_openings(p, re.MULTILINE))
                           for p in patterns if not p.startswith("^")]
    cfg["_boilerplate_lines"] = None
    if anchored:
        joined = "|".join(f"(?:{p})" for p in anchored)
        lines = re.compile(joined, re.MULTILINE)
        # every alternative opens with "^": after a newline is the only place one can match,
        # and a leading "\n" lets the engine jump from line to line
        after_newline = None if any(has_top_level_alternative(p) for p in anchored) else \
            re.compile(f"\n(?:{joined})", re.MULTILINE)
        cfg["_boilerplate_lines"] = (lines, after_newline)
    return cfg


@lru_cache(maxsize=1)
def _permutations() -> np.ndarray:
    """The (a, b) parameters of datasketch's "affine32" permutations for our ``num_perm`` and
    ``seed``, drawn the way ``MinHash._init_permutations`` draws them (odd ``a``); generated
    once: building them per MinHash costs more than hashing a whole article."""
    cfg = config()
    gen = np.random.RandomState(cfg["seed"])
    a = gen.randint(0, 1 << 31, cfg["num_perm"], dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, cfg["num_perm"], dtype=np.uint32)
    return np.array([a, b])


def body_text(article: Article) -> str:
    """The text a reprint keeps: body without headline, dateline or boilerplate lines."""
    text = article.text
    start = article.body_start
    if article.dateline_span is not None and article.dateline_span.start >= start:
        # the dateline ("MOSCOW (Xinhua) -") differs between copies; the line after it does not
        line_end = text.find("\n", article.dateline_span.start)
        head = text[article.dateline_span.end: line_end if line_end >= 0 else len(text)]
        dash = re.match(r"[^-\u2013\u2014:]*?(?:-{1,2}|\u2013|\u2014|:)\s*", head)
        start = article.dateline_span.end + (dash.end() if dash else 0)
    body = text[start:]
    # one scan of the whole body per pattern (the patterns are line-anchored in MULTILINE mode)
    # instead of a search per line; a line is dropped when a pattern matches inside it
    drop = []
    for start in _boilerplate_starts(body):
        line_start = body.rfind("\n", 0, start) + 1
        line_end = body.find("\n", start)
        drop.append((line_start, len(body) if line_end < 0 else line_end))
    if not drop:
        return body
    kept, pos = [], 0
    for line_start, line_end in sorted(drop):
        if line_start >= pos:
            kept.append(body[pos:line_start])
        pos = max(pos, line_end + 1)
    kept.append(body[pos:])
    return "".join(kept).rstrip("\n") if kept else ""


def _boilerplate_starts(body: str) -> List[int]:
    """Where the boilerplate patterns' matches start (each pattern's ``finditer``)."""
    cfg = config()
    out = []
    for pattern, openings in cfg["_boilerplate"]:
        if openings is None or any(o in body for o in openings):
            out.extend(m.start() for m in pattern.finditer(body))
    if cfg["_boilerplate_lines"] is not None:
        out.extend(_line_starts(body, *cfg["_boilerplate_lines"]))
    return out


def _line_starts(body: str, lines: "re.Pattern", after_newline: Optional["re.Pattern"]) -> List[int]:
    r"""``[m.start() for m in lines.finditer(body)]`` for a pattern that matches only at a line
    start: tried at the start and then only after each newline (``after_newline`` is the
    pattern behind a "\n"). A match may end where a line starts (a trailing ``\s*$`` stops
    before the last of several newlines), so the next search begins on that newline."""
    if after_newline is None:
        return [m.start() for m in lines.finditer(body)]
    out = []
    pos = 0
    m = lines.match(body)
    if m is not None:
        if m.end() == 0:
            return [m.start() for m in lines.finditer(body)]  # empty matches: finditer's own rules
        out.append(0)
        pos = m.end()
    while True:
        m = after_newline.search(body, pos - 1 if pos and body[pos - 1] == "\n" else pos)
        if m is None:
            return out
        if m.end() == m.start() + 1:
            return [m.start() for m in lines.finditer(body)]
        out.append(m.start() + 1)
        pos = m.end()


def shingles(text: str, k: Optional[int] = None) -> List[str]:
    """The k-word shingles of a text, as strings (for inspection and tests)."""
    k = k or config()["shingle_words"]
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < k:
        return [" ".join(words)] if words else []
    return list(dict.fromkeys(" ".join(words[i:i + k]) for i in range(len(words) - k + 1)))


_MIX = np.uint64(1000003)
_LOW32 = np.uint64(0xFFFFFFFF)
# ASCII bytes that are not word characters (``\w``) become spaces; bytes >= 0x80 (the UTF-8
# of non-ASCII characters) are kept, the non-word ones among them are blanked beforehand
_WORD_BYTES = bytes(c if c >= 0x80 or chr(c).isalnum() or c == 0x5F else 0x20 for c in range(256))
_ASCII = bytes(range(0x80))


@lru_cache(maxsize=4096)
def _non_word_utf8(chars: str) -> tuple:
    r"""The UTF-8 of those of ``chars`` that are not ``\w`` (cached: a corpus uses few)."""
    return tuple(c.encode("utf-8") for c in sorted(set(chars)) if not _WORD.match(c))


def word_bytes(text: str) -> List[bytes]:
    r"""``_WORD.findall(text)`` as UTF-8 bytes: the same words, found by a byte translation
    and a whitespace split (C loops without the regex engine, several times faster). The
    non-ASCII characters are checked against ``\w`` through their distinct set; UTF-8 is
    self-synchronising, so blanking one character's bytes touches no other character."""
    data = text.encode("utf-8")
    if len(data) != len(text):
        others = data.translate(None, _ASCII).decode("utf-8")
        for char in _non_word_utf8("".join(sorted(set(others)))):
            data = data.replace(char, b" ")
    return data.translate(_WORD_BYTES).split()


def shingle_hashes(text: str, k: Optional[int] = None) -> np.ndarray:
    """Distinct 32-bit hashes of the k-word shingles: each word hashed once (CRC32 of its
    UTF-8), the k hashes of a window combined as a polynomial; vectorised, so an 800-word
    article costs a fraction of a millisecond."""
    k = k or config()["shingle_words"]
    words = word_bytes(text.lower())
    if not words:
        return np.zeros(0, dtype=np.uint64)
    word_hash = np.fromiter(map(zlib.crc32, words), dtype=np.uint64, count=len(words))
    n = max(1, len(words) - k + 1)
    combined = np.zeros(n, dtype=np.uint64)
    for j in range(min(k, len(words))):
        combined = combined * _MIX + word_hash[j:j + n]  # wraps mod 2**64, fine for hashing
    # distinct values: sorted, then the first of each run (cheaper than np.unique's hashing)
    values = np.sort(combined & _LOW32)
    if len(values) > 1:
        values = values[np.concatenate(([True], values[1:] != values[:-1]))]
    return values


def _identity(value):
    return value


@dataclass
class Fingerprint:
    """What the index keeps of one article: MinHash values and the shingle count."""

    hashvalues: np.ndarray
    size: int

    def minhash(self):
        """The datasketch ``MinHash`` of these values (for use with datasketch's own tools)."""
        from datasketch import MinHash

        cfg = config()
        return MinHash(num_perm=cfg["num_perm"], seed=cfg["seed"], hashfunc=_identity,
                       hashvalues=self.hashvalues, permutations=_permutations(), scheme=_SCHEME)

    def to_json(self) -> dict:
        return {"h": [int(v) for v in self.hashvalues], "n": self.size}

    @classmethod
    def from_json(cls, data: dict) -> "Fingerprint":
        return cls(np.asarray(data["h"], dtype=np.uint32), int(data["n"]))


_FMIX32 = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35), np.uint32(16))
_CHUNK = 2048  # shingles per block: bounds the (block x num_perm) matrix of permuted values


def minhash_values(items: np.ndarray) -> np.ndarray:
    """The MinHash values datasketch's ``update_batch`` gives for these 32-bit hashes
    ("affine32": MurmurHash3 finaliser, then ``a * h + b`` mod 2**32 per permutation), as one
    numpy expression: datasketch calls the hash function once per item in Python, which costs
    more than the whole permutation step."""
    cfg = config()
    a, b = _permutations()
    out = np.full(cfg["num_perm"], np.iinfo(np.uint32).max, dtype=np.uint32)
    s1, m1, s2, m2, s3 = _FMIX32
    for start in range(0, len(items), _CHUNK):
        hv = items[start:start + _CHUNK].astype(np.uint32)
        hv ^= hv >> s1
        hv *= m1
        hv ^= hv >> s2
        hv *= m2
        hv ^= hv >> s3
        # permutations as rows: the minimum runs along contiguous memory (several times
        # faster than reducing the columns of the transposed layout)
        permuted = np.multiply.outer(a, hv)
        permuted += b[:, None]
        np.minimum(out, permuted.min(axis=1), out=out)
    return out


def fingerprint(article: Article) -> Fingerprint:
    items = shingle_hashes(body_text(article))
    return Fingerprint(minhash_values(items), int(len(items)))


def containment(a: Fingerprint, b: Fingerprint) -> Tuple[float, float]:
    """(estimated share of the smaller shingle set found in the larger one, shared shingles)."""
    if not a.size or not b.size:
        return 0.0, 0.0
    jac = float(np.mean(a.hashvalues == b.hashvalues))
    shared = jac * (a.size + b.size) / (1.0 + jac)
    return min(1.0, shared / min(a.size, b.size)), shared


def is_reprint_pair(a: Fingerprint, b: Fingerprint) -> bool:
    cfg = config()
    share, shared = containment(a, b)
    return share >= cfg["min_containment"] and shared >= min(cfg["min_shared_shingles"], min(a.size, b.size))


@lru_cache(maxsize=1)
def _band_shape() -> Tuple[int, int]:
    """(bands, rows per band) that datasketch's MinHashLSH picks for our threshold and
    permutations: the shape minimising the false positive plus false negative areas under
    the banding curve (``datasketch.lsh._optimal_param`` with equal weights). The curve is a
    polynomial of degree at most ``num_perm``, so Gauss-Legendre quadrature with that many
    nodes integrates it exactly, without scipy.integrate (tests compare with datasketch)."""
    cfg = config()
    threshold, num_perm = cfg["lsh_threshold"], cfg["num_perm"]
    x, w = np.polynomial.legendre.leggauss(num_perm // 2 + 2)

    def nodes(lo, hi):  # the Gauss-Legendre nodes and weights moved to [lo, hi]
        half = (hi - lo) / 2.0
        return lo + half * (x + 1.0), half * w

    s_fp, w_fp = nodes(0.0, threshold)
    s_fn, w_fn = nodes(threshold, 1.0)
    best, best_error = (0, 0), float("inf")
    for b in range(1, num_perm + 1):
        r = np.arange(1, num_perm // b + 1, dtype=np.float64)
        fp = w_fp @ (1.0 - (1.0 - s_fp[:, None] ** r) ** b)  # one value per r
        fn = w_fn @ ((1.0 - s_fn[:, None] ** r) ** b)
        error = fp * 0.5 + fn * 0.5
        j = int(np.argmin(error))  # the first of equal minima, as datasketch's strict "<"
        if error[j] < best_error:
            best, best_error = (b, j + 1), float(error[j])
    return best


class _Bands:
    """LSH banding over the MinHash values, as datasketch's MinHashLSH does it (same bands,
    so the same candidates), with one dict lookup per band instead of its per-band byte
    swapping and storage layers: the index costs microseconds per article."""

    def __init__(self) -> None:
        self.b, self.r = _band_shape()
        self.tables: List[Dict[object, List[str]]] = [{} for _ in range(self.b)]

    def keys(self, hashvalues: np.ndarray) -> list:
        bands = np.asarray(hashvalues[: self.b * self.r], dtype=np.uint64).reshape(self.b, self.r)
        if self.r <= 2:  # the band's values packed into one integer
            packed = bands[:, 0] if self.r == 1 else (bands[:, 0] << np.uint64(32)) | bands[:, 1]
            return packed.tolist()
        return [row.tobytes() for row in bands]

    def query(self, keys: list) -> set:
        out: set = set()
        for table, key in zip(self.tables, keys):
            found = table.get(key)
            if found:
                out.update(found)
        return out

    def insert(self, article_id: str, keys: list) -> None:
        for table, key in zip(self.tables, keys):
            table.setdefault(key, []).append(article_id)


def original_key(article: Article) -> tuple:
    """Sort key: the smallest member of a reprint group is its original."""
    published = article.published or "9999"
    wire_own_copy = 0 if (article.wire and article.outlet and article.wire == article.outlet) else 1
    return (published, wire_own_copy, -len(article.text), article.id)


class ReprintIndex:
    """Incremental reprint groups: ``add`` one article, ask ``reprint_of`` for any id.

    State is JSON-serialisable (``to_state`` / ``from_state``); the LSH tables are rebuilt from
    the stored MinHash values on load.
    """

    def __init__(self) -> None:
        cfg = config()
        self._lsh = _Bands()
        self.prints: Dict[str, Fingerprint] = {}
        self.keys: Dict[str, list] = {}
        self.parent: Dict[str, str] = {}
        self.members: Dict[str, List[str]] = {}  # group root -> member ids

    def __contains__(self, article_id: str) -> bool:
        return article_id in self.prints

    def _find(self, aid: str) -> str:
        root = aid
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[aid] != root:  # path compression
            self.parent[aid], aid = root, self.parent[aid]
        return root

    def _union(self, a: str, b: str) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra == rb:
            return
        # the root is always the group's original (smallest key)
        if tuple(self.keys[rb]) < tuple(self.keys[ra]):
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.members[ra] = sorted(self.members.pop(ra, [ra]) + self.members.pop(rb, [rb]))

    def add(self, article: Article, fp: Optional[Fingerprint] = None) -> List[str]:
        """Index one article; returns the ids it was found to be a copy of (maybe empty)."""
        if article.id in self.prints:
            return []
        fp = fp or fingerprint(article)
        self.prints[article.id] = fp
        self.keys[article.id] = list(original_key(article))
        self.parent[article.id] = article.id
        linked = []
        if fp.size:
            keys = self._lsh.keys(fp.hashvalues)
            for other in sorted(self._lsh.query(keys)):
                if is_reprint_pair(fp, self.prints[other]):
                    linked.append(other)
                    self._union(article.id, other)
            self._lsh.insert(article.id, keys)
        return linked

    def original(self, article_id: str) -> str:
        return self._find(article_id)

    def reprint_of(self, article_id: str) -> Optional[str]:
        root = self._find(article_id)
        return None if root == article_id else root

    def groups_of(self, article_id: str) -> List[str]:
        """Every member of the article's reprint group (itself included)."""
        return list(self.members.get(self._find(article_id), [article_id]))

    def groups(self) -> Dict[str, List[str]]:
        out: Dict[str, List[str]] = {}
        for aid in sorted(self.prints):
            out.setdefault(self._find(aid), []).append(aid)
        return out

    def to_state(self) -> dict:
        return {"prints": {k: v.to_json() for k, v in sorted(self.prints.items())},
                "keys": dict(sorted(self.keys.items())),
                "parent": {k: self._find(k) for k in sorted(self.parent)}}

    @classmethod
    def from_state(cls, state: dict) -> "ReprintIndex":
        index = cls()
        for aid, data in state["prints"].items():
            fp = Fingerprint.from_json(data)
            index.prints[aid] = fp
            if fp.size:
                index._lsh.insert(aid, index._lsh.keys(fp.hashvalues))
        index.keys = {k: list(v) for k, v in state["keys"].items()}
        index.parent = dict(state["parent"])
        for aid, root in index.parent.items():
            if aid != root:
                index.members.setdefault(root, [root]).append(aid)
        for root in index.members:
            index.members[root].sort()
        return index


def find_reprints(articles: List[Article]) -> Dict[str, Optional[str]]:
    """Article id -> id of the original it reprints (None for originals), for one batch."""
    index = ReprintIndex()
    for article in sorted(articles, key=original_key):
        index.add(article)
    return {a.id: index.reprint_of(a.id) for a in articles}
