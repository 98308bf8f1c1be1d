"""Writing batches: everything comes back, duplicates are no-ops, a failed batch leaves nothing."""
from __future__ import annotations

import duckdb
import pytest
from store_fixtures import STRIKE_TEXT, all_results, plain_result, strike_result, talks_result

from eventwire.errors import StoreError
from eventwire.models import EventMention, Span
from eventwire.store import DuckDBStore


def count(store, table):
    return store.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


@pytest.fixture
def store():
    with DuckDBStore() as s:
        yield s


def test_every_field_of_every_record_comes_back(store):
    results = all_results()
    assert store.add_results(results) == 3
    for original in results:
        assert store.get_result(original.id) == original


def test_offsets_point_into_the_stored_text(store):
    store.add_results([strike_result()])
    row = store.events(type="ASSAULT", modality="claimed")[0]
    text = store.get_result(row["article_id"]).article.text
    assert text[row["evidence_start"]:row["evidence_end"]] == row["evidence_text"]
    assert row["evidence_text"].startswith("MOSCOW (XINHUA) - Russian warplanes")
    q = store.con.execute('SELECT "start", "end", text FROM event_quantities ORDER BY idx').fetchall()
    assert [text[s:e] for s, e, _ in q] == [t for _, _, t in q] == ["33 sorties", "32 facilities"]


def test_compound_actor_countries_survive(store):
    talks = talks_result()
    store.add_results([talks])
    back = store.get_result(talks.id).events[0].actor
    assert back.country == ["RUS", "USA"] and back.countries == ["RUS", "USA"]


def test_readding_the_same_articles_is_a_no_op(store):
    assert store.add_results(all_results()) == 3
    assert store.add_results(all_results()) == 0
    assert count(store, "articles") == 3
    assert count(store, "event_mentions") == 3
    assert store.known_ids([strike_result().id, "a-not-there"]) == {strike_result().id}


def test_duplicates_inside_one_batch_are_stored_once(store):
    assert store.add_results([strike_result(), strike_result()]) == 1
    assert count(store, "event_mentions") == 2


def test_an_article_without_extractions_is_kept(store):
    store.add_results([plain_result()])
    back = store.get_result(plain_result().id)
    assert back.article.text == plain_result().article.text and back.events == []


def test_a_failing_batch_lands_not_at_all(store, monkeypatch):
    real_insert = store._insert

    def failing_insert(table, rows):
        if table == "event_mentions":  # articles, entities ... are already inserted by now
            raise duckdb.ConstraintException("simulated failure")
        real_insert(table, rows)

    monkeypatch.setattr(store, "_insert", failing_insert)
    with pytest.raises(StoreError, match="nothing from it was kept") as info:
        store.add_results(all_results())
    assert info.value.code == "EW300"
    for table in ("articles", "entities", "places", "times", "attributions", "event_mentions"):
        assert count(store, table) == 0, table
    monkeypatch.undo()
    assert store.add_results(all_results()) == 3  # the store is still usable


def test_records_given_as_dicts_are_accepted(store):
    result = strike_result()
    result.events = [e.to_dict() for e in result.events]
    result.places = [p.to_dict() for p in result.places]
    store.add_results([result])
    back = store.get_result(result.id)
    assert back.events == strike_result().events and back.places == strike_result().places


def test_read_only_store_refuses_writes(tmp_path):
    path = str(tmp_path / "s.duckdb")
    DuckDBStore(path).close()
    with DuckDBStore(path, read_only=True) as ro:
        with pytest.raises(StoreError, match="read-only"):
            ro.add_results([strike_result()])


def test_a_closed_store_says_so():
    store = DuckDBStore()
    store.close()
    store.close()  # closing twice is harmless
    with pytest.raises(StoreError, match="closed"):
        store.events()


def test_an_extension_type_is_stored_as_is(store):
    result = plain_result()
    text = result.article.text
    ev = Span(0, len(text), text)
    result.events = [EventMention(type="REQUEST", trigger=Span(0, 1, text[0]), evidence=ev, extension=True)]
    store.add_results([result])
    row = store.events(type="request", mentions=True)[0]
    assert row["type"] == "REQUEST" and row["extension"] is True
    # extension types are not coded as canonical events (fuse.events._codable)
    assert store.events(type="request") == [] and row["event_id"] is None
    assert STRIKE_TEXT not in row["evidence_text"]


def test_a_column_empty_for_many_rows_then_filled_keeps_its_values(store):
    # column types are inferred from every value of a batch, not from a leading sample
    results = []
    for n in range(1500):
        r = plain_result()
        r.article.text = f"{r.article.text} {n}"
        r.id = r.article.id = f"a{n:016x}"
        results.append(r)
    results[-1].article.photo_credit = "AFP"
    results[-1].article.extra = {"nested": [1, 2]}
    assert store.add_results(results) == 1500
    assert store.con.execute("SELECT photo_credit FROM articles WHERE photo_credit IS NOT NULL").fetchall() \
        == [("AFP",)]
    assert store.get_result(results[-1].id).article.extra == {"nested": [1, 2]}


def test_attribution_fragments_in_any_accepted_shape_are_stored_as_pairs(store):
    result = strike_result()
    att = result.attributions[0]
    att.source = [{"start": att.source[0][0], "end": att.source[0][1]}]
    att.cue = [Span(att.cue[0][0], att.cue[0][1])]
    att.content = [tuple(att.content[0])]
    store.add_results([result])
    back = store.get_result(result.id).attributions[0]
    assert back.source == strike_result().attributions[0].source
    assert back.cue == strike_result().attributions[0].cue
    assert back.content == strike_result().attributions[0].content
