from __future__ import annotations

import duckdb
import pytest
from store_fixtures import all_results

from eventwire.errors import BadOption, StoreError
from eventwire.store import DuckDBStore


@pytest.fixture
def store():
    with DuckDBStore() as s:
        s.add_results(all_results())
        yield s


def read(path):
    con = duckdb.connect()
    cur = con.execute("SELECT * FROM read_parquet(?)", [str(path)])
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


@pytest.mark.parametrize("what, rows, column", [
    # the strike and its denial in one article are one canonical event: 2 events from 3 mentions
    ("events", 2, "n_sources"), ("mentions", 3, "event_id"), ("articles", 3, "text"),
    ("versions", 3, "publishers")])
def test_exports_write_parquet_with_every_row(store, tmp_path, what, rows, column):
    target = tmp_path / f"{what}.parquet"
    assert store.export_parquet(str(target), what=what) == rows
    back = read(target)
    assert len(back) == rows and column in back[0]
    assert not list(tmp_path.glob(".*partial"))


def test_event_export_keeps_lists_and_dates(store, tmp_path):
    target = tmp_path / "e.parquet"
    store.export_parquet(str(target))
    first = read(target)[0]
    assert first["claimant_chain"] == ["Russian Defence Ministry", "Xinhua", "The Straits Times"]
    assert str(first["when_from"]) == "2015-10-14"


def test_unknown_export_and_missing_folder(store, tmp_path):
    with pytest.raises(BadOption):
        store.export_parquet(str(tmp_path / "x.parquet"), what="everything")
    with pytest.raises(StoreError, match="does not exist"):
        store.export_parquet(str(tmp_path / "no" / "x.parquet"))
