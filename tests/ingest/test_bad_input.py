"""Bad input: every bad file or record is one clear error (code, path, reason); nothing else is lost."""
from __future__ import annotations

import json
import shutil

import pytest

from eventwire.errors import (BadRecord, BinaryInput, EmptyInput, EncodingError, InputNotFound,
                              InputTooLarge, NoArticleText)
from eventwire.ingest import read_path, read_paths

from .conftest import FIXTURES, split

GOOD_TEXT = "Storm closes port\n\nThe port closed on Monday after a storm, officials said.\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4


def one_error(path, **kw):
    articles, errors = split(read_path(path, **kw))
    assert articles == [], articles
    assert len(errors) == 1, errors
    return errors[0]


@pytest.mark.parametrize("name", ["empty.txt", "empty.jsonl", "empty.html", "empty.warc", "empty.rss", "empty"])
def test_empty_file(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"")
    err = one_error(path)
    assert isinstance(err, EmptyInput) and err.code == "EW101" and err.source == str(path)
    assert str(err) == f"[EW101] {path}: the input is empty (0 bytes); give a file with article text"


def test_whitespace_only_files(tmp_path):
    txt = tmp_path / "blank.txt"
    txt.write_text(" \n\n\t\n", encoding="utf-8")
    assert isinstance(one_error(txt), EmptyInput)
    jsonl = tmp_path / "blank.jsonl"
    jsonl.write_text("\n\n  \n", encoding="utf-8")
    assert isinstance(one_error(jsonl), EmptyInput)


@pytest.mark.parametrize("name", ["image.txt", "image.png", "image.jsonl", "image.html"])
def test_binary_file(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(PNG)
    err = one_error(path)
    assert isinstance(err, BinaryInput) and err.code == "EW102" and err.source == str(path)
    assert "binary" in str(err)


def test_latin1_text_file_names_the_byte_and_offset(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Headline\n\nThe caf\u00e9 reopened.".encode("latin-1"))
    err = one_error(path)
    assert isinstance(err, EncodingError) and err.code == "EW103"
    assert "byte 0xe9 at offset 17" in str(err) and "--encoding" in str(err)
    # the same file is fine once its encoding is given
    [a] = split(read_path(path, encoding="latin-1"))[0]
    assert "caf\u00e9" in a.text


def test_unknown_encoding_name_is_an_encoding_error(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(GOOD_TEXT, encoding="utf-8")
    err = one_error(path, encoding="no-such-codec")
    assert isinstance(err, EncodingError) and err.source == str(path)


def test_latin1_line_in_jsonl_costs_only_that_line(tmp_path):
    path = tmp_path / "mixed.jsonl"
    lines = [json.dumps({"id": "a", "text": "First body."}).encode(),
             '{"id": "b", "text": "Caf\u00e9 body."}'.encode("latin-1"),
             json.dumps({"id": "c", "text": "Third body."}).encode()]
    path.write_bytes(b"\n".join(lines) + b"\n")
    articles, errors = split(read_path(path))
    assert [a.external_id for a in articles] == ["a", "c"]
    [err] = errors
    assert isinstance(err, EncodingError) and err.source == f"{path}:2"


def test_file_over_max_bytes(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_text(GOOD_TEXT * 50, encoding="utf-8")
    err = one_error(path, max_bytes=1000)
    assert isinstance(err, InputTooLarge) and err.code == "EW104" and err.source == str(path)
    assert f"{path.stat().st_size:,} bytes, over the limit of 1,000" in str(err)
    assert "--max-bytes" in str(err)


def test_huge_html_and_warc_are_refused_before_reading(tmp_path):
    for name in ("big.html", "big.warc"):
        path = tmp_path / name
        shutil.copy(FIXTURES / "page.html", path)
        assert isinstance(one_error(path, max_bytes=100), InputTooLarge)


def test_jsonl_limit_applies_per_record(tmp_path):
    path = tmp_path / "records.jsonl"
    small = json.dumps({"id": "s", "text": "Short body."})
    big = json.dumps({"id": "b", "text": "word " * 500})
    path.write_text(f"{small}\n{big}\n{small}\n", encoding="utf-8")
    articles, errors = split(read_path(path, max_bytes=200))
    assert [a.external_id for a in articles] == ["s", "s"]
    [err] = errors
    assert isinstance(err, InputTooLarge) and err.source == f"{path}:2"


def test_html_without_article():
    err = one_error(FIXTURES / "no_article.html")
    assert isinstance(err, NoArticleText) and err.code == "EW105"


def test_jsonl_with_broken_lines_keeps_the_good_ones(tmp_path):
    path = tmp_path / "broken.jsonl"
    path.write_text("\n".join([
        json.dumps({"id": "1", "text": "First good body."}),
        '{"id": "2", "text": "cut off in the middle',
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "4", "title": "No text field"}),
        json.dumps({"id": "5", "text": "   "}),
        json.dumps({"id": "6", "text": "Last good body."}),
    ]) + "\n", encoding="utf-8")
    articles, errors = split(read_path(path))
    assert [a.external_id for a in articles] == ["1", "6"]
    assert [(type(e), e.source) for e in errors] == [
        (BadRecord, f"{path}:2"), (BadRecord, f"{path}:3"), (BadRecord, f"{path}:4"), (EmptyInput, f"{path}:5")]
    assert "not valid JSON" in str(errors[0]) and "column" in str(errors[0])
    assert "expected a JSON object, got list" in str(errors[1])
    assert 'no "text" string' in str(errors[2])


def test_broken_json_array(tmp_path):
    path = tmp_path / "batch.json"
    path.write_text('[{"text": "one"}, {"text": ', encoding="utf-8")
    err = one_error(path)
    assert isinstance(err, BadRecord) and err.source == str(path) and "not valid JSON" in str(err)


def test_nonexistent_path_does_not_stop_the_batch(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(GOOD_TEXT, encoding="utf-8")
    missing = tmp_path / "missing.txt"
    articles, errors = split(read_paths([missing, good, str(tmp_path / "nope" / "x.jsonl")]))
    assert [a.origin for a in articles] == [str(good)]
    assert [type(e) for e in errors] == [InputNotFound, InputNotFound]
    assert errors[0].code == "EW108" and errors[0].source == str(missing)
    assert "no such file or directory" in str(errors[0])


def test_directory_mixing_good_and_bad_files(tmp_path):
    d = tmp_path / "batch"
    (d / "sub").mkdir(parents=True)
    (d / "a_good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (d / "b_empty.txt").write_bytes(b"")
    (d / "c_image.png").write_bytes(PNG)
    (d / "d_latin1.txt").write_bytes("Headline\n\nThe caf\u00e9 reopened.".encode("latin-1"))
    (d / "e_records.jsonl").write_text(
        json.dumps({"id": "r1", "text": "A good record."}) + "\n{broken\n"
        + json.dumps({"id": "r3", "text": "Another good record."}) + "\n", encoding="utf-8")
    shutil.copy(FIXTURES / "no_article.html", d / "f_nav.html")
    shutil.copy(FIXTURES / "page.html", d / "sub" / "g_page.html")
    shutil.copy(FIXTURES / "feed.rss", d / "sub" / "h_feed.rss")
    (d / ".hidden.txt").write_text(GOOD_TEXT, encoding="utf-8")  # dot files are skipped

    articles, errors = split(read_path(d))
    assert sorted(a.origin.replace(str(d) + "/", "") for a in articles) == [
        "a_good.txt", "e_records.jsonl:1", "e_records.jsonl:3", "sub/g_page.html",
        "sub/h_feed.rss#entry1", "sub/h_feed.rss#entry2"]
    got = {(e.code, e.source.replace(str(d) + "/", "")) for e in errors}
    assert got == {("EW101", "b_empty.txt"), ("EW102", "c_image.png"), ("EW103", "d_latin1.txt"),
                   ("EW106", "e_records.jsonl:2"), ("EW105", "f_nav.html"), ("EW105", "sub/h_feed.rss#entry3")}
    for e in errors:  # every error says what, where and why, also as a dict for JSON output
        d_ = e.to_dict()
        assert d_["code"] == e.code and d_["source"] == e.source
        assert d_["message"].startswith(f"[{e.code}] {e.source}: ") and len(e.detail) > 5
