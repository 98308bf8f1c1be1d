"""RSS and Atom feeds (feedparser): one article per entry, HTML stripped."""
from __future__ import annotations

import shutil

from eventwire.errors import BadRecord, NoArticleText
from eventwire.ingest import read_path

from .conftest import FIXTURES, split


def test_rss_entries_become_articles_and_an_empty_entry_an_error():
    path = FIXTURES / "feed.rss"
    articles, errors = split(read_path(path))
    assert [a.title for a in articles] == ["Ferry service resumes after storm", "Council votes to build sea wall"]
    ferry, council = articles
    assert ferry.outlet == "Harbour Gazette - World"  # the channel title
    assert ferry.url == "https://harbour.example/ferry-resumes"
    assert ferry.external_id == "https://harbour.example/ferry-resumes"
    assert ferry.published == "2024-03-12T08:30:00Z"
    assert ferry.origin == f"{path}#entry1"
    body = ferry.text[ferry.body_start:]
    assert "<p>" not in ferry.text and body.startswith("PORT ELLIS (Harbour Wire) - Ferries crossed")
    assert "\n\nThe first boat carried 140 passengers" in body  # paragraphs kept apart
    assert (ferry.dateline, ferry.wire) == ("Port Ellis", "Harbour Wire")
    assert council.text == ("Council votes to build sea wall\n\n"
                            "The town council voted on Wednesday to build a sea wall along the north shore.")
    [err] = errors
    assert isinstance(err, NoArticleText) and err.source == f"{path}#entry3"


def test_atom_entry_content_is_read():
    [a], errors = split(read_path(FIXTURES / "feed.atom"))
    assert errors == []
    assert a.title == "Bridge reopens after repairs"
    assert a.outlet == "Valley Post"
    assert a.published == "2024-05-01T09:15:00Z"
    assert a.url == "https://valley.example/bridge-reopens"
    assert a.text.endswith("Trucks over ten tonnes are still banned.")
    assert "&lt;" not in a.text and "<p>" not in a.text


def test_feed_is_sniffed_without_a_feed_suffix(tmp_path):
    path = tmp_path / "download.dat"
    shutil.copy(FIXTURES / "feed.atom", path)
    [a], errors = split(read_path(path))
    assert errors == [] and a.title == "Bridge reopens after repairs"


def test_feed_without_entries_is_reported(tmp_path):
    path = tmp_path / "empty.rss"
    path.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title></channel></rss>',
                    encoding="utf-8")
    articles, [err] = split(read_path(path))
    assert articles == [] and isinstance(err, NoArticleText) and err.source == str(path)


def test_unreadable_feed_is_a_bad_record(tmp_path):
    path = tmp_path / "broken.xml"
    path.write_text("<?xml version='1.0'?><rss><channel><item><title>cut off", encoding="utf-8")
    articles, errors = split(read_path(path))
    assert articles == []
    [err] = errors
    assert isinstance(err, (BadRecord, NoArticleText)) and err.source.startswith(str(path))
