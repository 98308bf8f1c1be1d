"""Migrations build the schema the row mapping expects, and versions are enforced."""
from __future__ import annotations

import duckdb
import pytest

from eventwire.errors import StoreError, StoreVersionError
from eventwire.store import DuckDBStore, migrations
from eventwire.store.rows import TABLE_COLUMNS


def test_migrations_are_numbered_in_order_and_recorded(tmp_path):
    found = migrations()
    assert [v for v, _, _ in found] == list(range(1, len(found) + 1))
    with DuckDBStore(str(tmp_path / "s.duckdb")) as store:
        assert store.schema_version() == found[-1][0]
        rows = store.con.execute("SELECT version, name FROM schema_version ORDER BY version").fetchall()
    assert rows == [(v, n) for v, n, _ in found]


def test_every_model_field_has_a_column_and_back():
    with DuckDBStore() as store:
        for table, columns in TABLE_COLUMNS.items():
            in_db = set(store._column_types(table)) - {"ingested_at"}
            assert in_db == set(columns), table


def test_reopening_does_not_reapply_migrations(tmp_path):
    path = str(tmp_path / "s.duckdb")
    DuckDBStore(path).close()
    with DuckDBStore(path) as store:
        assert store.con.execute("SELECT count(*) FROM schema_version").fetchone()[0] == len(migrations())


def test_store_from_a_newer_eventwire_is_refused(tmp_path):
    path = str(tmp_path / "s.duckdb")
    DuckDBStore(path).close()
    con = duckdb.connect(path)
    con.execute("INSERT INTO schema_version (version, name) VALUES (999, 'future')")
    con.close()
    with pytest.raises(StoreVersionError, match="upgrade eventwire"):
        DuckDBStore(path)


def test_read_only_store_needing_migration_asks_for_a_write(tmp_path):
    path = str(tmp_path / "old.duckdb")
    con = duckdb.connect(path)  # a file eventwire never migrated
    con.execute("CREATE TABLE unrelated (x INTEGER)")
    con.close()
    with pytest.raises(StoreVersionError, match="open it once for writing"):
        DuckDBStore(path, read_only=True)
    with DuckDBStore(path) as store:  # a write open migrates it, keeping what was there
        assert store.schema_version() == len(migrations())
        assert store.con.execute("SELECT count(*) FROM unrelated").fetchone()[0] == 0


def test_read_only_open_of_a_missing_file_says_how_to_create_one(tmp_path):
    with pytest.raises(StoreError, match="eventwire ingest") as info:
        DuckDBStore(str(tmp_path / "nope.duckdb"), read_only=True)
    assert info.value.code == "EW300"
    assert not (tmp_path / "nope.duckdb").exists()


def test_a_file_that_is_not_a_database_gives_a_store_error(tmp_path):
    path = tmp_path / "text.duckdb"
    path.write_text("this is not a database\n" * 100)
    with pytest.raises(StoreError, match="could not open the store"):
        DuckDBStore(str(path))


def test_a_store_at_an_older_version_is_migrated_in_order_keeping_its_data(tmp_path):
    path = str(tmp_path / "v1.duckdb")
    version, name, sql = migrations()[0]
    con = duckdb.connect(path)  # what an eventwire with only the first migration wrote
    con.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, "
                "applied_at TIMESTAMP DEFAULT current_timestamp)")
    con.execute(sql)
    con.execute("INSERT INTO schema_version (version, name) VALUES (?, ?)", [version, name])
    con.execute("INSERT INTO articles (id, text) VALUES ('a1', 'Some text.')")
    con.close()
    with DuckDBStore(path) as store:
        assert store.schema_version() == len(migrations()) > 1
        assert store.get_result("a1").article.text == "Some text."
        assert "denies" in store._column_types("event_mentions")
