"""Content-addressed ids: the same article text gets the same id, whatever file it came from."""
from __future__ import annotations

import json

from eventwire.ingest import article_id, normalise_text, read_path

from .conftest import split

HEADLINE = "Farmers block highway with tractors"
BODY = "BEIRUT (AFP) - Farmers blocked a highway on Monday to demand lower fuel prices, police said."


def test_id_ignores_whitespace_layout_but_not_words():
    a = article_id("Farmers blocked  a highway.\n\nPolice said so.")
    b = article_id("Farmers blocked a highway.\r\n\r\nPolice said so.   ")
    assert a == b
    assert article_id("Farmers blocked a road.\n\nPolice said so.") != a


def test_normalisation_folds_unicode_forms():
    composed = "caf\u00e9"
    decomposed = "cafe\u0301"
    assert normalise_text(composed) == normalise_text(decomposed)
    assert article_id(composed) == article_id(decomposed)


def test_same_article_from_txt_and_jsonl_gets_one_id(tmp_path):
    txt = tmp_path / "a.txt"
    txt.write_text(f"{HEADLINE}\n\n{BODY}\n", encoding="utf-8")
    jsonl = tmp_path / "b.jsonl"
    records = [
        {"id": "x1", "title": HEADLINE, "text": BODY},             # headline as a field
        {"id": "x2", "text": f"{HEADLINE}\n\n{BODY}"},              # headline inside text
        {"id": "x3", "title": HEADLINE, "text": f"{HEADLINE}\n\n{BODY}"},  # both (gold-set layout)
    ]
    jsonl.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    [from_txt], errors = split(read_path(txt))
    from_jsonl, errors2 = split(read_path(jsonl))
    assert errors == errors2 == []
    assert len(from_jsonl) == 3
    assert {a.id for a in from_jsonl} == {from_txt.id}
    assert [a.external_id for a in from_jsonl] == ["x1", "x2", "x3"]


def test_reading_a_file_twice_gives_the_same_ids(fixtures):
    first = [a.id for a in split(read_path(fixtures / "articles.jsonl"))[0]]
    second = [a.id for a in split(read_path(fixtures / "articles.jsonl"))[0]]
    assert first == second and len(set(first)) == 3


def test_different_headline_same_body_is_a_different_copy(tmp_path):
    path = tmp_path / "two.jsonl"
    path.write_text(json.dumps({"title": "One headline", "text": BODY}) + "\n"
                    + json.dumps({"title": "Another headline", "text": BODY}) + "\n", encoding="utf-8")
    a, b = split(read_path(path))[0]
    assert a.id != b.id
