"""JSON Lines: one article a line, ``{"id", "text", "title"?, "published"?, "source"?, "url"?}``."""
from __future__ import annotations

import json
from typing import IO, Iterator, Union

from ..errors import BadRecord, EmptyInput, IngestError
from ..models import Article
from .text import article_from_text

KNOWN = ("title", "published", "source", "url", "outlet", "wire", "dateline")


def record_to_article(record: dict, origin: str) -> Article:
    if not isinstance(record, dict):
        raise BadRecord(f"expected a JSON object, got {type(record).__name__}", source=origin)
    text = record.get("text")
    if not isinstance(text, str):
        raise BadRecord('the record has no "text" string', source=origin)
    if not text.strip():
        raise EmptyInput('the "text" field is empty', source=origin)
    meta = {k: str(record[k]) for k in KNOWN if record.get(k) not in (None, "")}
    ext = record.get("id")
    if "title" in meta:
        from .ids import article_id
        return Article(id=article_id(text), text=text, origin=origin,
                       external_id=str(ext) if ext is not None else None, **meta)
    return article_from_text(text, origin, external_id=str(ext) if ext is not None else None, **meta)


def read_jsonl(stream: IO[str], origin: str) -> Iterator[Union[Article, IngestError]]:
    """Yield one Article per good line and one error per bad line; a bad line never stops the rest."""
    for n, line in enumerate(stream, 1):
        if not line.strip():
            continue
        where = f"{origin}:{n}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield BadRecord(f"line is not valid JSON ({exc.msg} at column {exc.colno})", source=where)
            continue
        try:
            yield record_to_article(record, where)
        except IngestError as exc:
            yield exc
