"""WARC archives: HTML responses become articles; everything else is skipped or reported."""
from __future__ import annotations

import io

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from eventwire.errors import BadRecord, NoArticleText
from eventwire.ingest import read_path

from .conftest import FIXTURES, split

UNDATED_PAGE = """<html><head><title>Bridge reopens after repairs</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Bridge reopens after repairs</h1>
<p>The old stone bridge over the river reopened on Wednesday after six months of repairs, the county said.</p>
<p>Trucks over ten tonnes are still banned from crossing it, and a speed limit of thirty applies.</p>
</article><footer>Contact us</footer></body></html>"""


def _response(writer, url, body: bytes, content_type: str, date: str = "2024-05-02T10:00:00Z"):
    headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
    record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers,
                                       warc_headers_dict={"WARC-Date": date})
    writer.write_record(record)


def _request(writer, url):
    headers = StatusAndHeaders("GET / HTTP/1.1", [("Host", "harbour.example")], is_http_request=True)
    writer.write_record(writer.create_warc_record(url, "request", payload=io.BytesIO(b""), http_headers=headers))


def write_warc(path, gzip: bool, records):
    with path.open("wb") as f:
        writer = WARCWriter(f, gzip=gzip)
        for kind, *args in records:
            (_response if kind == "response" else _request)(writer, *args)
    return path


@pytest.mark.parametrize("gzip, name", [(True, "crawl.warc.gz"), (False, "crawl.warc")])
def test_html_responses_become_articles(tmp_path, gzip, name):
    page = (FIXTURES / "page.html").read_bytes()
    path = write_warc(tmp_path / name, gzip, [
        ("request", "https://harbour.example/ferry"),
        ("response", "https://harbour.example/ferry", page, "text/html; charset=utf-8"),
        ("response", "https://harbour.example/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(64), "image/png"),
        ("response", "https://valley.example/bridge", UNDATED_PAGE.encode(), "text/html"),
    ])
    articles, errors = split(read_path(path))
    assert errors == []
    ferry, bridge = articles
    assert ferry.url == "https://harbour.example/ferry"
    assert ferry.title == "Ferry service resumes across the bay after storm"
    assert ferry.published == "2024-03-12"  # the page's own date beats the crawl date
    assert "ADVERTISEMENT" not in ferry.text
    assert ferry.origin.startswith(f"{path}#record")
    assert bridge.url == "https://valley.example/bridge"
    assert bridge.published == "2024-05-02"  # no date in the page: the crawl date stands in
    assert "Trucks over ten tonnes" in bridge.text and "Contact us" not in bridge.text


def test_http_charset_header_is_honoured(tmp_path):
    html = UNDATED_PAGE.replace("The old stone bridge", "The caf\u00e9 by the old stone bridge")
    path = write_warc(tmp_path / "latin1.warc", False, [
        ("response", "https://valley.example/cafe", html.encode("latin-1"), "text/html; charset=ISO-8859-1")])
    [a], errors = split(read_path(path))
    assert errors == [] and "caf\u00e9 by the old stone bridge" in a.text


def test_a_page_without_an_article_costs_only_itself(tmp_path):
    nav_only = (FIXTURES / "no_article.html").read_bytes()
    path = write_warc(tmp_path / "mixed.warc.gz", True, [
        ("response", "https://harbour.example/sitemap", nav_only, "text/html"),
        ("response", "https://valley.example/bridge", UNDATED_PAGE.encode(), "text/html"),
    ])
    articles, errors = split(read_path(path))
    assert [a.url for a in articles] == ["https://valley.example/bridge"]
    [err] = errors
    assert isinstance(err, NoArticleText) and err.source == f"{path}#record1"


def test_warc_without_html_is_reported(tmp_path):
    path = write_warc(tmp_path / "images.warc", False, [
        ("response", "https://harbour.example/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(64), "image/png")])
    articles, [err] = split(read_path(path))
    assert articles == [] and isinstance(err, NoArticleText) and err.source == str(path)


def test_corrupt_warc_is_a_bad_record(tmp_path):
    path = tmp_path / "corrupt.warc"
    path.write_bytes(b"this is not a web archive at all\n" * 10)
    articles, [err] = split(read_path(path))
    assert articles == [] and isinstance(err, BadRecord)
    assert err.code == "EW106" and err.source == str(path)
