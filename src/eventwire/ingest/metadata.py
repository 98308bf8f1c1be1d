"""Article metadata read from the text itself: dateline, wire agency, photo credit, outlet.

The forms recognised (agencies, outlets, boilerplate lines) live in
``eventwire/data/lexicons/sources.json`` so that they can be extended without code.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..models import Article, Span
from ..resources import load_json

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
# "MOSCOW (XINHUA) -", "BEIRUT, Oct 15 (Reuters) -", "KYIV, Ukraine (AP) —", "DAMASCUS, Oct. 15 --"
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Za-z.'\- ]{1,40}?[A-Za-z.])"
    r"(?:,\s*(?P<region>[A-Z][A-Za-z.'\- ]{1,30}?))?"
    rf"(?:,\s*(?P<date>{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?))?"
    r"\s*(?:\((?P<wire>[A-Za-z][A-Za-z\- .]{0,30})\))?"
    r"\s*(?:-{1,2}|–|—|:)\s+",
    re.MULTILINE,
)
_CREDIT = re.compile(r"\b(?:PHOTO|PHOTOS|IMAGE|PICTURE|FILE PHOTO)\s*:\s*(?P<credit>[A-Z][A-Z0-9/ .,&'\-]+?)\s*$",
                     re.MULTILINE)


@lru_cache(maxsize=1)
def _sources() -> dict:
    data = load_json("lexicons/sources.json")
    return {
        "wires": {k.upper(): v for k, v in data["wires"].items()},
        "outlets": {k.upper(): v for k, v in data["outlets"].items()},
        "boilerplate": [re.compile(p) for p in data["boilerplate"]],
    }


def _title_case(words: str) -> str:
    keep = _sources()["wires"]
    parts = []
    for part in re.split(r"(\s*/\s*)", words.strip()):
        if "/" in part:
            parts.append(" / ")
        elif part.upper() in keep and len(part) <= 5:
            parts.append(part.upper())
        else:
            parts.append(" ".join(w.capitalize() if len(w) > 2 or i == 0 else w.lower()
                                  for i, w in enumerate(part.split())))
    return "".join(parts)


def find_dateline(text: str, start: int = 0):
    """The first paragraph-initial dateline after ``start``: (place, wire, span) or None."""
    for m in _DATELINE.finditer(text, start):
        place = m.group("place").strip()
        wire = m.group("wire")
        known_wire = wire is not None and wire.upper() in _sources()["wires"]
        titled = known_wire and all(w[:1].isupper() for w in place.split())
        if len(place) < 3 or (place.upper() != place and not titled):
            # a place in capitals, or in title case before a known agency ("New York (AFP) -")
            continue
        if m.group("wire") is None and not m.group("date") and not m.group("region"):
            # a bare "WORD -" is weak evidence: "WASHINGTON: ..." is a label and "NATO - the
            # alliance ..." is prose, so only a bare dash followed by a new sentence counts
            if m.group(0).rstrip().endswith(":") or text[m.end():m.end() + 1].islower():
                continue
        wire_name = _sources()["wires"].get(wire.upper(), wire) if wire else None
        if wire and wire.upper() not in _sources()["wires"] and len(wire) > 12:
            continue
        pretty = " ".join(w.capitalize() for w in place.split())
        return pretty, wire_name, Span(m.start("place"), m.end("place"), text[m.start("place"):m.end("place")])
    return None


def dateline_end(article: Article | None) -> int:
    """Offset after the whole dateline ('AKTAU, Kazakhstan, Sept 29 (Meridian Press) - '), where
    the first sentence of the story begins; 0 when the article has no dateline."""
    span = article.dateline_span if article is not None else None
    if span is None:
        return 0
    m = _DATELINE.match(article.text, span.start)
    if m is not None and m.start("place") == span.start:
        return m.end()
    window = article.text[span.start:span.start + 120]
    for dash in (" - ", " – ", " — ", " -- "):
        k = window.find(dash)
        if k >= 0:
            return span.start + k + len(dash)
    return span.end


def find_outlet(text: str):
    for pattern in _sources()["boilerplate"]:
        m = pattern.search(text)
        if m:
            raw = m.group("outlet").strip()
            return _sources()["outlets"].get(raw.upper(), raw)
    return None


_CREDIT_WORDS = ("PHOTO", "IMAGE", "PICTURE")


def find_photo_credit(text: str):
    # the regex opens with an alternation, which re tries at every offset; a substring test
    # first makes the usual case (no credit line) about thirty times cheaper
    if not any(word in text for word in _CREDIT_WORDS):
        return None
    m = _CREDIT.search(text)
    return _title_case(m.group("credit")) if m else None


def enrich(article: Article) -> Article:
    """Fill dateline, wire, photo credit and outlet from the text where they are not known."""
    text = article.text
    found = find_dateline(text, article.body_start)
    if found and found[2].start - article.body_start < 2000:
        place, wire, span = found
        article.dateline = article.dateline or place
        article.dateline_span = article.dateline_span or span
        article.wire = article.wire or wire
    article.photo_credit = article.photo_credit or find_photo_credit(text)
    article.outlet = article.outlet or find_outlet(text)
    if not article.outlet and article.source:
        article.outlet = _sources()["outlets"].get(article.source.upper(), article.source)
    return article
