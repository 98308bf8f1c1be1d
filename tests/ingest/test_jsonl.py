"""JSON Lines (the gold sets' docs.jsonl layout) and JSON arrays."""
from __future__ import annotations

import io
import json
import sys

from eventwire.errors import BadRecord, EmptyInput
from eventwire.ingest import read_path, read_paths, record_to_article
from eventwire.ingest.jsonl import read_jsonl

from .conftest import FIXTURES, split


def test_fixture_records_keep_ids_metadata_and_order():
    path = FIXTURES / "articles.jsonl"
    articles, errors = split(read_path(path))
    assert errors == []
    assert [a.external_id for a in articles] == ["wire-001", "42", "wire-003"]  # numeric id kept as text
    assert [a.origin for a in articles] == [f"{path}:1", f"{path}:2", f"{path}:3"]
    first, second, third = articles
    assert first.title == "Talks on water rights open in Geneva"
    assert first.published == "2024-10-15"
    assert first.source == "Reuters"
    assert first.url == "https://wire.example/talks-open"
    assert first.text.startswith("GENEVA, Oct 15 (Reuters) - ")  # text is not rewritten
    # no title field: the headline is read from the seed layout inside the text
    assert second.title == "Farmers block highway"
    assert second.text[second.body_start:].startswith("BEIRUT (AFP)")
    assert second.outlet == "The Straits Times"
    assert third.title is None and third.published is None
    assert third.outlet == "Valley Post"


def test_record_to_article_rejects_records_without_text():
    for record, kind in (({"id": 1}, BadRecord), ({"text": 5}, BadRecord), (["text"], BadRecord),
                         ({"text": "   "}, EmptyInput)):
        try:
            record_to_article(record, "mem:1")
        except kind as exc:
            assert exc.source == "mem:1"
        else:
            raise AssertionError(f"{record!r} was accepted")


def test_blank_lines_are_skipped_and_line_numbers_stay_true():
    stream = io.StringIO('\n{"text": "First article body."}\n\n\n{"text": "Second article body."}\n')
    articles, errors = split(read_jsonl(stream, "mem"))
    assert errors == []
    assert [a.origin for a in articles] == ["mem:2", "mem:5"]


def test_bytes_stream_is_decoded_line_by_line():
    stream = io.BytesIO('{"text": "Caf\u00e9 owners protested on Monday."}\n'.encode("utf-8"))
    [a] = split(read_jsonl(stream, "mem"))[0]
    assert a.text == "Caf\u00e9 owners protested on Monday."


def test_json_array_file_is_read(tmp_path):
    path = tmp_path / "batch.json"
    path.write_text(json.dumps([{"id": "j1", "text": "One body."}, {"id": "j2", "text": "Two body."}],
                               indent=2), encoding="utf-8")
    articles, errors = split(read_path(path))
    assert errors == []
    assert [a.external_id for a in articles] == ["j1", "j2"]
    assert articles[1].origin == f"{path}[1]"


def test_standard_input_is_read_as_jsonl(monkeypatch):
    data = b'{"id": "s1", "text": "Read from standard input."}\nnot json\n'
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    articles, errors = split(read_paths(["-"]))
    assert [a.external_id for a in articles] == ["s1"]
    assert [e.source for e in errors] == ["<stdin>:2"]


def test_known_metadata_fields_from_the_record_win_over_the_text(tmp_path):
    path = tmp_path / "meta.jsonl"
    record = {"text": "MOSCOW (XINHUA) - The ministry said so.", "wire": "Interfax", "dateline": "Kazan",
              "outlet": "Given Outlet"}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    [a] = split(read_path(path))[0]
    assert (a.wire, a.dateline, a.outlet) == ("Interfax", "Kazan", "Given Outlet")
