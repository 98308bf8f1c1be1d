"""HTML pages: only the article's text comes out (trafilatura), with the page's metadata."""
from __future__ import annotations

from eventwire.errors import EncodingError, NoArticleText
from eventwire.ingest import read_path
from eventwire.ingest.html import article_from_html

from .conftest import FIXTURES, split

BOILERPLATE = ["Subscribe now", "ADVERTISEMENT", "Cheap flights", "SPONSORED", "luxury cruise",
               "Privacy policy", "Cookie settings", "All rights reserved", "Related stories",
               "Council debates new sea wall", "Home", "Business"]


def _page():
    [a], errors = split(read_path(FIXTURES / "page.html"))
    assert errors == []
    return a


def test_only_the_article_text_comes_out():
    a = _page()
    body = a.text[a.body_start:]
    assert body.startswith("PORT ELLIS (Harbour Wire) - Ferries crossed the bay again on Tuesday")
    assert "140 passengers" in body
    assert body.rstrip().endswith("repairs to flooded storerooms.")
    for junk in BOILERPLATE:
        assert junk not in a.text, junk


def test_page_metadata_is_read():
    a = _page()
    assert a.title == "Ferry service resumes across the bay after storm"
    assert a.outlet == "The Harbour Gazette"
    assert a.published == "2024-03-12"
    assert a.extra.get("author") == "Lena Ortiz"
    assert (a.dateline, a.wire) == ("Port Ellis", "Harbour Wire")


def test_headline_is_not_repeated_and_paragraphs_are_blank_line_separated():
    a = _page()
    assert a.text.count("Ferry service resumes across the bay") == 1
    assert a.text.count("\n\n") == 4  # headline + four paragraphs
    assert a.text[:a.body_start] == a.title + "\n\n"


def test_page_without_an_article_is_a_clear_error():
    path = FIXTURES / "no_article.html"
    articles, [err] = split(read_path(path))
    assert articles == []
    assert isinstance(err, NoArticleText)
    assert err.code == "EW105" and err.source == str(path)
    assert str(err).startswith(f"[EW105] {path}: no article text")


def test_declared_charset_is_used_when_the_page_is_not_utf8(tmp_path):
    html = (FIXTURES / "page.html").read_text(encoding="utf-8")
    html = html.replace('<meta charset="utf-8">', '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">')
    html = html.replace("Shop owners on the waterfront", "Caf\u00e9 owners on the waterfront")
    path = tmp_path / "latin1.html"
    path.write_bytes(html.encode("latin-1"))
    [a], errors = split(read_path(path))
    assert errors == []
    assert "Caf\u00e9 owners" in a.text


def test_undeclared_non_utf8_page_is_an_encoding_error(tmp_path):
    html = (FIXTURES / "page.html").read_text(encoding="utf-8").replace('<meta charset="utf-8">', "")
    path = tmp_path / "undeclared.html"
    path.write_bytes(html.replace("Shop owners", "Caf\u00e9 owners").encode("latin-1"))
    articles, [err] = split(read_path(path))
    assert articles == [] and isinstance(err, EncodingError)
    assert "0xe9" in str(err) and err.source == str(path)


def test_url_given_by_the_caller_is_kept():
    html = (FIXTURES / "page.html").read_text(encoding="utf-8")
    a = article_from_html(html, "mem", url="https://harbour.example/ferry")
    assert a.url == "https://harbour.example/ferry"


def test_tiny_page_text_is_refused():
    html = "<html><body><article><p>Too short.</p></article></body></html>"
    try:
        article_from_html(html, "mem")
    except NoArticleText as exc:
        assert exc.source == "mem"
    else:
        raise AssertionError("a 10-character page was accepted")
