"""Plain-text articles in the seed layout: headline line, blank line, body."""
from __future__ import annotations

from eventwire.ingest import article_from_text, read_path

from .conftest import FIXTURES, split


def test_seed_layout_file_gives_headline_body_and_untouched_text():
    path = FIXTURES / "seed_layout.txt"
    articles, errors = split(read_path(path))
    assert errors == []
    [a] = articles
    raw = path.read_text(encoding="utf-8")
    assert a.text == raw  # offsets are into the text exactly as ingested
    assert a.title == "Navy says it intercepted a drone over the gulf"
    assert a.text[a.body_start:].startswith("A patrol boat at anchor")
    assert a.origin == str(path)
    assert a.id.startswith("a") and len(a.id) == 17


def test_text_without_headline_has_no_title():
    text = "Police said on Monday that two men were arrested. They will appear in court on Friday."
    a = article_from_text(text, "mem")
    assert a.title is None
    assert a.body_start == 0


def test_first_line_followed_by_body_line_is_not_a_headline():
    text = "Police said two men were arrested.\nThey will appear in court on Friday."
    assert article_from_text(text, "mem").title is None


def test_overlong_first_line_is_not_a_headline():
    first = "word " * 80  # 400 characters: a paragraph, not a headline
    a = article_from_text(first + "\n\nSecond paragraph.", "mem")
    assert a.title is None


def test_crlf_line_endings_still_find_the_headline():
    text = "Storm closes port\r\n\r\nThe port closed on Monday, officials said.\r\n"
    a = article_from_text(text, "mem")
    assert a.title == "Storm closes port"
    assert a.text[a.body_start:].startswith("The port closed")


def test_metadata_passed_in_is_kept_and_title_overrides_first_line():
    a = article_from_text("Body only, one paragraph.", "mem", title="Given title", published="2024-01-02")
    assert a.title == "Given title"
    assert a.published == "2024-01-02"


def test_utf8_bom_is_dropped_and_utf16_is_read(tmp_path):
    body = "Headline\n\nZürich police said on Monday that the café had reopened."
    bom = tmp_path / "bom.txt"
    bom.write_bytes(b"\xef\xbb\xbf" + body.encode("utf-8"))
    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes(body.encode("utf-16"))
    for path in (bom, utf16):
        [a], errors = split(read_path(path))
        assert errors == []
        assert a.text == body
        assert a.title == "Headline"


def test_explicit_encoding_decodes_latin1(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Headline\n\nThe café in Zürich reopened.".encode("latin-1"))
    [a], errors = split(read_path(path, encoding="latin-1"))
    assert errors == []
    assert "café in Zürich" in a.text


def test_unknown_suffix_is_sniffed_as_text(tmp_path):
    path = tmp_path / "story.article"
    path.write_text("Bridge reopens\n\nThe bridge reopened on Wednesday.", encoding="utf-8")
    [a], errors = split(read_path(path))
    assert errors == [] and a.title == "Bridge reopens"
