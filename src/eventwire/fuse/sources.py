"""Who really stands behind an article: outlet, wire agency and original publisher.

Three roles, which a single article can fill differently:

* **outlet** – who published this copy (``Article.outlet``, else ``Article.source``, else the
  URL's host).
* **wire** – the agency the text came from (``Article.wire`` from the dateline, else a credit
  line such as ``(Xinhua)`` or ``Reporting by Reuters`` found by :func:`credited_wires`).
* **original publisher** – whoever first put the text out. For wire copy that is the wire; for
  a reprint (see :mod:`eventwire.fuse.reprints`) it is the original publisher of the copy it
  reprints; otherwise it is the outlet.

Independent confirmation counts original publishers, not copies: The Straits Times and
CNA both running the same Xinhua dispatch are one source (Xinhua); Reuters and Xinhua
reporting the same strike are two.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Dict, Iterable, Mapping, Optional, Tuple
from urllib.parse import urlparse

from ..models import Article
from ..resources import load_json


@dataclass(frozen=True)
class SourceInfo:
    """The source roles of one article; ``publishers`` are canonical names, never empty."""

    outlet: Optional[str]
    wires: Tuple[str, ...]
    publishers: Tuple[str, ...]


@lru_cache(maxsize=1)
def _lexicon() -> dict:
    names = load_json("lexicons/sources.json")
    credits = load_json("fuse/credits.json")
    return {
        "wires": {k.upper(): v for k, v in names["wires"].items()},
        "outlets": {k.upper(): v for k, v in names["outlets"].items()},
        "credits": [re.compile(p) for p in credits["patterns"]],
        "head_lines": int(credits["head_lines"]),
        "tail_lines": int(credits["tail_lines"]),
    }


def canonical_wire(name: str) -> Optional[str]:
    """The canonical agency name for ``name`` ("AP", "Associated Press" -> "Associated Press")."""
    wires = _lexicon()["wires"]
    key = name.strip().upper()
    if key in wires:
        return wires[key]
    # canonical names are accepted as themselves ("Agence France-Presse")
    for canon in wires.values():
        if canon.upper() == key:
            return canon
    return None


def canonical_outlet(name: str) -> str:
    key = name.strip()
    return _lexicon()["outlets"].get(key.upper(), canonical_wire(key) or key)


def _split_names(value: str) -> list:
    # "Reuters/AFP", "AFP and Reuters", "AP, Reuters"
    return [p for p in re.split(r"\s*(?:/|,|&|\band\b)\s*", value) if p.strip()]


def credited_wires(article: Article) -> Tuple[str, ...]:
    """Wire agencies credited in the article: metadata first, then credit lines at top or bottom."""
    found: list = []
    if article.wire:
        for part in _split_names(article.wire):
            found.append(canonical_wire(part) or part.strip())
    lex = _lexicon()
    lines = [ln for ln in article.text[article.body_start:].splitlines() if ln.strip()]
    edges = lines[: lex["head_lines"]] + lines[-lex["tail_lines"]:] if lines else []
    for line in edges:
        for pattern in lex["credits"]:
            m = pattern.match(line)
            if not m:
                continue
            for part in _split_names(m.group("wire")):
                canon = canonical_wire(part)
                if canon and canon not in found:
                    found.append(canon)
    return tuple(dict.fromkeys(found))


def outlet_of(article: Article) -> Optional[str]:
    if article.outlet:
        return canonical_outlet(article.outlet)
    if article.source:
        return canonical_outlet(article.source)
    if article.url:
        host = urlparse(article.url).netloc.lower()
        return host[4:] if host.startswith("www.") else host or None
    return None


def source_info(article: Article) -> SourceInfo:
    """Outlet, wires and original publishers of one article, from its own metadata and text."""
    outlet = outlet_of(article)
    wires = credited_wires(article)
    if wires:
        publishers = wires
    elif outlet:
        publishers = (outlet,)
    else:
        # nothing names the source: the article can only vouch for itself
        publishers = (f"unknown:{article.id}",)
    return SourceInfo(outlet=outlet, wires=wires, publishers=publishers)


def original_publishers(articles: Mapping[str, Article],
                        reprint_of: Optional[Mapping[str, Optional[str]]] = None) -> Dict[str, Tuple[str, ...]]:
    """Article id -> original publishers, following reprint links to the copy that was reprinted."""
    reprint_of = reprint_of or {}
    own = {aid: source_info(a).publishers for aid, a in articles.items()}
    out: Dict[str, Tuple[str, ...]] = {}
    for aid in articles:
        seen = {aid}
        root = aid
        while reprint_of.get(root) and reprint_of[root] in articles and reprint_of[root] not in seen:
            root = reprint_of[root]
            seen.add(root)
        out[aid] = own[root]
    return out


def independent_sources(articles: Iterable[Article],
                        reprint_of: Optional[Mapping[str, Optional[str]]] = None) -> int:
    """How many independent sources a set of articles amounts to.

    Each article contributes its original publishers (a reprint contributes those of the copy it
    reprints); the answer is the number of distinct publishers. Two outlets reprinting one Xinhua
    dispatch count 1; Reuters plus Xinhua count 2.
    """
    by_id = {a.id: a for a in articles}
    publishers = set()
    for names in original_publishers(by_id, reprint_of).values():
        publishers.update(names)
    return len(publishers)
