"""Plain-text articles: a headline line, a blank line, then the body."""
from __future__ import annotations

from ..models import Article
from .ids import article_id


def article_from_text(text: str, origin: str, **meta) -> Article:
    """Build an Article from text in the seed layout; offsets stay those of ``text``."""
    title, body_start = None, 0
    first, sep, _rest = text.partition("\n")
    stripped = first.strip()
    if sep and stripped and len(stripped) < 300 and text[len(first) + 1:].lstrip(" \t").startswith(("\n", "\r\n")):
        title = stripped
        # the body starts at its first character, past the blank line(s) under the headline
        rest = text[len(first) + 1:]
        body_start = len(first) + 1 + (len(rest) - len(rest.lstrip()))
    if meta.get("title"):
        title = meta.pop("title")
    return Article(id=article_id(text), text=text, title=title, origin=origin, body_start=body_start, **meta)
