"""HTML pages: main text and metadata by trafilatura (boilerplate, menus and ads removed)."""
from __future__ import annotations

from ..errors import NoArticleText
from ..models import Article
from .ids import article_id

MIN_CHARS = 40


def article_from_html(html: str, origin: str, url: str | None = None) -> Article:
    import trafilatura

    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                      include_tables=False, favor_precision=True)
    if doc is None:
        raise NoArticleText("trafilatura found no main text in the page", source=origin)
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    body = (data.get("text") or "").strip()
    if len(body) < MIN_CHARS:
        raise NoArticleText(f"the page's main text has {len(body)} characters, fewer than {MIN_CHARS}",
                            source=origin)
    title = (data.get("title") or "").strip() or None
    body = _paragraphs(body, title)
    text = f"{title}\n\n{body}" if title else body
    return Article(
        id=article_id(text), text=text, title=title, origin=origin,
        body_start=len(title) + 2 if title else 0,
        published=data.get("date") or None,
        outlet=data.get("sitename") or None,
        url=data.get("url") or url,
        extra={k: data[k] for k in ("author", "hostname", "description") if data.get(k)},
    )


def _paragraphs(body: str, title: str | None) -> str:
    """trafilatura's lines as blank-line-separated paragraphs (the seed layout), without the
    page's ``<h1>`` when it only repeats the headline that is put in front of the body."""
    lines = [line.strip() for line in body.splitlines() if line.strip()]
    if title and len(lines) > 1 and lines[0].casefold() == title.casefold():
        lines = lines[1:]
    return "\n\n".join(lines)
