"""Event filters on raw mentions (`mentions=True`): each narrows as documented, and user input
never becomes SQL. Canonical events: tests/store/test_store_canonical.py."""
from __future__ import annotations

import pytest
from store_fixtures import all_results

from eventwire.errors import BadFilter
from eventwire.store import DuckDBStore, EventFilter
from eventwire.store.query import compile_events, country_code


@pytest.fixture(scope="module")
def store():
    with DuckDBStore() as s:
        s.add_results(all_results())
        yield s


def kinds(rows):
    return sorted((r["type"], r["modality"]) for r in rows)


def test_no_filter_gives_every_event_in_date_order(store):
    rows = store.events(mentions=True)
    assert [r["when"] for r in rows] == ["2015-10-14", "2015-10-15", "2015-10-20"]
    assert store.count_events(EventFilter(mentions=True)) == 3


def test_type_filter_takes_several_types_in_any_case(store):
    assert kinds(store.events(mentions=True, type="consult")) == [("CONSULT", "asserted")]
    assert len(store.events(mentions=True, type=["assault", "CONSULT"])) == 3
    assert len(store.events(mentions=True, type="ASSAULT,CONSULT")) == 3
    assert store.events(mentions=True, type="PROTEST") == []


def test_actor_and_recipient_match_text_or_canonical_name(store):
    assert len(store.events(mentions=True, actor="warplanes")) == 2
    assert len(store.events(mentions=True, actor="russia")) == 3  # canonical name
    assert kinds(store.events(mentions=True, recipient="ISIS")) == [("ASSAULT", "claimed")]
    assert kinds(store.events(mentions=True, recipient="civilians")) == [("ASSAULT", "denied")]


def test_country_matches_actor_recipient_or_place(store):
    assert len(store.events(mentions=True, country="SYR")) == 2  # place of the strike, recipient of the denial
    assert len(store.events(mentions=True, country="Syria")) == 2
    assert len(store.events(mentions=True, country="sy")) == 2
    assert kinds(store.events(mentions=True, country="CHE")) == [("CONSULT", "asserted")]  # place only
    assert len(store.events(mentions=True, country="USA")) == 1  # inside a compound actor and as recipient


def test_place_claimant_text_and_modality(store):
    assert kinds(store.events(mentions=True, place="raqqah")) == [("ASSAULT", "claimed")]
    assert kinds(store.events(mentions=True, claimant="Xinhua")) == [("ASSAULT", "claimed")]  # in the chain
    assert kinds(store.events(mentions=True, claimant="syrian")) == [("ASSAULT", "denied")]
    assert kinds(store.events(mentions=True, text="according to a statement")) == [("CONSULT", "asserted")]
    assert kinds(store.events(mentions=True, modality="DENIED")) == [("ASSAULT", "denied")]


def test_date_range_uses_event_date_else_publication_day(store):
    assert [r["when"] for r in store.events(mentions=True, since="2015-10-15")] == ["2015-10-15", "2015-10-20"]
    assert [r["when"] for r in store.events(mentions=True, until="2015-10-14")] == ["2015-10-14"]
    assert len(store.events(mentions=True, since="2015-10", until="2015-10")) == 3
    assert store.events(mentions=True, since="2016") == []


def test_filters_combine_with_and(store):
    assert kinds(store.events(mentions=True, type="ASSAULT", country="SYR", modality="claimed", since="2015-10-14")) \
        == [("ASSAULT", "claimed")]
    assert store.events(mentions=True, type="CONSULT", country="SYR") == []


def test_limit_and_offset(store):
    assert [r["when"] for r in store.events(mentions=True, limit=1, offset=1)] == ["2015-10-15"]
    assert store.count_events(EventFilter(limit=1, mentions=True)) == 3


def test_like_wildcards_in_input_are_literal(store):
    assert store.events(mentions=True, text="%") == []
    assert store.events(mentions=True, actor="_") == []


def test_hostile_input_stays_a_parameter(store):
    hostile = "x'; DROP TABLE articles; --"
    sql, params = compile_events(EventFilter(actor=hostile, text=hostile, claimant=hostile))
    assert hostile not in sql and "DROP" not in sql
    assert store.events(mentions=True, actor=hostile, text=hostile) == []
    assert store.con.execute("SELECT count(*) FROM articles").fetchone()[0] == 3


@pytest.mark.parametrize("kwargs, message", [
    ({"since": "last week"}, "--since"),
    ({"until": "2015-13"}, "--until"),
    ({"country": "Atlantis"}, "unknown country"),
    ({"limit": -1}, "--limit"),
    ({"colour": "red"}, "unknown event filter"),
])
def test_bad_filters_are_clear_errors(store, kwargs, message):
    with pytest.raises(BadFilter, match=message) as info:
        store.events(mentions=True, **kwargs)
    assert info.value.code == "EW401"


def test_country_codes():
    assert country_code("de") == "DEU"
    assert country_code("Russian Federation") == "RUS"
    assert country_code("rus") == "RUS"
