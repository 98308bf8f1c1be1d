"""RSS and Atom feeds: one article per entry, from its content or summary (HTML stripped)."""
from __future__ import annotations

from typing import Iterator, Union

from ..errors import BadRecord, IngestError, NoArticleText
from ..models import Article
from .html import _paragraphs
from .ids import article_id


def _entry_text(entry) -> str:
    import trafilatura

    parts = [c.get("value", "") for c in entry.get("content", [])] or [entry.get("summary", "")]
    html = "\n".join(p for p in parts if p)
    if "<" in html:
        extracted = trafilatura.extract(f"<html><body><article>{html}</article></body></html>",
                                        favor_recall=True, include_comments=False)
        if extracted:
            return _paragraphs(extracted, None)
        import lxml.html
        return _paragraphs(lxml.html.fromstring(html).text_content(), None)
    return html.strip()


def _published(entry) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if parsed:
        return "%04d-%02d-%02dT%02d:%02d:%02dZ" % tuple(parsed[:6])
    return entry.get("published") or entry.get("updated")


def read_feed(data: bytes, origin: str) -> Iterator[Union[Article, IngestError]]:
    import feedparser

    feed = feedparser.parse(data)
    if feed.bozo and not feed.entries:
        yield BadRecord(f"not a readable RSS/Atom feed ({feed.bozo_exception})", source=origin)
        return
    if not feed.entries:
        yield NoArticleText("the feed has no entries", source=origin)
        return
    outlet = feed.feed.get("title")
    for n, entry in enumerate(feed.entries, 1):
        where = f"{origin}#entry{n}"
        body = _entry_text(entry)
        title = (entry.get("title") or "").strip() or None
        if not body:
            yield NoArticleText("the feed entry has no content or summary", source=where)
            continue
        text = f"{title}\n\n{body}" if title else body
        yield Article(id=article_id(text), text=text, title=title, origin=where,
                      body_start=len(title) + 2 if title else 0, published=_published(entry),
                      outlet=outlet, url=entry.get("link"), external_id=entry.get("id"))
