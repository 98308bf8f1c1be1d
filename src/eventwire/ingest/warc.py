"""WARC archives: every HTML response record becomes an article (via the HTML reader)."""
from __future__ import annotations

from typing import IO, Iterator, Union

from ..errors import BadRecord, IngestError, NoArticleText
from ..models import Article
from .decode import decode_bytes
from .html import article_from_html


def read_warc(stream: IO[bytes], origin: str) -> Iterator[Union[Article, IngestError]]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    if not _looks_like_warc(stream):
        # warcio reads garbage as a run of broken records (warning on stderr each time), so
        # refuse a file that does not open with a WARC (or ARC) header up front
        yield BadRecord("not a readable WARC file (it does not start with a WARC/ header)", source=origin)
        return
    pages = 0
    try:
        for n, record in enumerate(ArchiveIterator(stream), 1):
            if record.rec_type != "response":
                continue
            ctype = (record.http_headers.get_header("Content-Type") if record.http_headers else "") or ""
            if "html" not in ctype.lower():
                continue
            pages += 1
            url = record.rec_headers.get_header("WARC-Target-URI")
            where = f"{origin}#record{n}"
            try:
                html = decode_bytes(record.content_stream().read(), where, _charset(ctype))
                article = article_from_html(html, where, url=url)
                date = record.rec_headers.get_header("WARC-Date")
                article.published = article.published or (date[:10] if date else None)
                yield article
            except IngestError as exc:
                yield exc
    except ArchiveLoadFailed as exc:
        yield BadRecord(f"not a readable WARC file ({exc})", source=origin)
        return
    if not pages:
        # an archive of only requests, images or scripts: say so rather than yield nothing
        yield NoArticleText("the WARC file has no HTML response records", source=origin)


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";"):
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip("\"'")
    return None


def _looks_like_warc(stream: IO[bytes]) -> bool:
    pos = stream.tell()
    head = stream.read(2)
    stream.seek(pos)
    if head == b"\x1f\x8b":
        import gzip
        try:
            with gzip.GzipFile(fileobj=stream) as gz:
                head = gz.read(16)
        except (OSError, EOFError):
            return False
        finally:
            stream.seek(pos)
    else:
        head = stream.read(16)
        stream.seek(pos)
    return head.lstrip().startswith((b"WARC/", b"filedesc://"))
