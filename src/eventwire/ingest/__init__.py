"""Ingest: files, directories and records in, :class:`~eventwire.models.Article` out.

``read_paths`` is the entry point. It yields an Article for every article it could read and
an :class:`~eventwire.errors.IngestError` for every one it could not, so one bad input never
stops a batch. Formats: plain text (``.txt``), JSON Lines (``.jsonl``), HTML (``.html``),
RSS/Atom (``.xml``, ``.rss``, ``.atom``) and WARC (``.warc``, ``.warc.gz``); other endings
are sniffed.
"""
from __future__ import annotations

import codecs
import io
import re
from pathlib import Path
from typing import Iterable, Iterator, Union

from ..errors import (BinaryInput, EmptyInput, EventwireError, IngestError, InputNotFound,
                      UnsupportedInput)
from ..models import Article
from .decode import DEFAULT_MAX_BYTES, check_size, decode_bytes, looks_binary
from .feeds import read_feed
from .html import article_from_html
from .ids import article_id, normalise_text
from .jsonl import read_json_array, read_jsonl, record_to_article
from .metadata import enrich
from .text import article_from_text
from .warc import read_warc

__all__ = ["read_paths", "read_path", "article_from_text", "record_to_article", "article_id",
           "normalise_text", "enrich", "Outcome"]

Outcome = Union[Article, IngestError]
SUFFIXES = {".txt": "text", ".text": "text", ".md": "text", ".jsonl": "jsonl", ".ndjson": "jsonl",
            ".json": "jsonl", ".html": "html", ".htm": "html", ".xhtml": "html", ".xml": "feed",
            ".rss": "feed", ".atom": "feed", ".warc": "warc", ".gz": "warc"}


def _kind(path: Path, head: bytes) -> str:
    name = path.name.lower()
    if name.endswith((".warc.gz", ".warc")):
        return "warc"
    kind = SUFFIXES.get(path.suffix.lower())
    if kind and kind != "warc":
        return kind
    sniff = head.lstrip()[:512].lower()
    if head.startswith(b"WARC/") or head.startswith(b"\x1f\x8b"):
        return "warc"
    if sniff.startswith(b"{"):
        return "jsonl"
    if sniff.startswith((b"<?xml", b"<rss", b"<feed")) or b"<rss" in sniff or b"<feed" in sniff:
        return "feed"
    if sniff.startswith((b"<!doctype html", b"<html")) or b"<html" in sniff:
        return "html"
    return "text"


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE)


def _declared_charset(head: bytes) -> str | None:
    """The charset an HTML page declares in a ``<meta>`` tag, when it is a known codec."""
    m = _META_CHARSET.search(head)
    if not m:
        return None
    name = m.group(1).decode("ascii", "ignore")
    try:
        codecs.lookup(name)
    except LookupError:
        return None
    return name


def read_path(path: Union[str, Path], encoding: str | None = None,
              max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Outcome]:
    """Read one file (or, recursively, a directory) into Articles and errors.

    ``max_bytes`` limits a whole file, except for JSON Lines, where it limits each record.
    """
    path = Path(path)
    if path.is_dir():
        for child in sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")):
            yield from read_path(child, encoding, max_bytes)
        return
    origin = str(path)
    if not path.exists():
        yield InputNotFound(origin, source=origin)
        return
    try:
        size = path.stat().st_size
        if size == 0:
            raise EmptyInput("0 bytes", source=origin)
        with path.open("rb") as f:
            head = f.read(4096)
        kind = _kind(path, head)
        if kind == "jsonl" and not head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"["):
            if not encoding and looks_binary(head):
                raise BinaryInput("NUL or control bytes in the first 8 KB", source=origin)
            # streamed: a large JSONL file is many articles, so only a line is ever held
            with path.open("rb") as raw:
                yield from (_finish(o) for o in read_jsonl(raw, origin, encoding, max_bytes))
            return
        check_size(size, origin, max_bytes)
        data = path.read_bytes()
        if kind == "jsonl":
            yield from (_finish(o) for o in read_json_array(decode_bytes(data, origin, encoding), origin))
        elif kind == "warc":
            yield from (_finish(o) for o in read_warc(io.BytesIO(data), origin))
        elif kind == "feed":
            yield from (_finish(o) for o in read_feed(data, origin))
        elif kind == "html":
            text = decode_bytes(data, origin, encoding or _html_encoding(data, head, origin))
            yield _finish(article_from_html(text, origin))
        else:
            yield _finish(article_from_text(decode_bytes(data, origin, encoding), origin))
    except IngestError as exc:
        yield exc
    except OSError as exc:
        yield UnsupportedInput(f"could not be read ({exc.strerror or exc})", source=origin)


def _html_encoding(data: bytes, head: bytes, origin: str) -> str | None:
    """UTF-8 when the page decodes as UTF-8, else the charset the page declares (if any)."""
    try:
        data.decode("utf-8-sig")
        return None
    except UnicodeDecodeError:
        declared = _declared_charset(head)
        return declared if declared and codecs.lookup(declared).name != "utf-8" else None


def read_paths(paths: Iterable[Union[str, Path]], encoding: str | None = None,
               max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Outcome]:
    for p in paths:
        if str(p) == "-":
            import sys
            stream = getattr(sys.stdin, "buffer", sys.stdin)
            yield from (_finish(o) for o in read_jsonl(stream, "<stdin>", encoding, max_bytes))
        else:
            yield from read_path(p, encoding, max_bytes)


def _finish(outcome: Outcome) -> Outcome:
    if isinstance(outcome, Article):
        try:
            return enrich(outcome)
        except EventwireError as exc:  # pragma: no cover - metadata never blocks an article
            outcome.extra["metadata_error"] = str(exc)
    return outcome
