"""The embedded default store: one DuckDB file.

DuckDB lets one process write a file at a time (it takes an OS file lock; readers share a
lock). A second process that finds the lock taken gets :class:`~eventwire.errors.StoreLocked`,
after retrying for ``wait`` seconds. Every batch is one transaction, and DuckDB's write-ahead
log means a process killed mid-batch leaves the file at its last committed batch.
"""
from __future__ import annotations

import json
import re
import time
from importlib import resources
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Sequence, Set, Tuple

import duckdb
import numpy as np

from ..errors import (BadOption, MigrationError, StoreError, StoreLocked, StoreVersionError)
from ..models import DocumentResult, EventMention
from .base import EXPORTS, Store
from .canonical import EVENT_COLUMNS, VERSION_COLUMNS, event_tables, keep_ids, merge_by_story
from .query import EVENT_ORDER, EventFilter, compile_events
from .rows import TABLE_COLUMNS, result_from_rows, result_rows

MIGRATION_NAME = re.compile(r"^(\d{3})_([A-Za-z0-9_]+)\.sql$")
# parents before children, so a reader never sees a mention without its article
WRITE_ORDER = ["articles", "entities", "times", "places", "quantities", "attributions",
               "event_mentions", "event_quantities"]
CHILD_TABLES = WRITE_ORDER[1:]
# what canonical events need of an article: its metadata and text (for credit lines), its mentions
EVENT_SOURCE_TABLES = ("event_mentions", "event_quantities")
FUSED_COLUMNS = {"events": EVENT_COLUMNS, "event_versions": VERSION_COLUMNS}
STORY_INDEX = "default"
CANONICAL_SINCE = 3  # the migration that added canonical events
BATCH_VIEW = "_eventwire_batch"
_LOCK_HOLDER = re.compile(r"held in (.+?) \(PID (\d+)\)")
_EXPORT_SQL = {
    "events": f"SELECT * FROM event_view {EVENT_ORDER}",
    "articles": "SELECT * FROM articles ORDER BY published_day NULLS LAST, id",
    "mentions": "SELECT * FROM event_mentions ORDER BY article_id, idx",
    "versions": "SELECT * FROM event_versions ORDER BY event_id, idx",
}


def migrations() -> List[Tuple[int, str, str]]:
    """``(version, name, sql)`` for every bundled migration, in order."""
    found = []
    for entry in resources.files("eventwire.store").joinpath("migrations").iterdir():
        match = MIGRATION_NAME.match(entry.name)
        if match:
            found.append((int(match[1]), match[2], entry.read_text(encoding="utf-8")))
    found.sort()
    versions = [v for v, _, _ in found]
    if versions != list(range(1, len(found) + 1)):
        raise MigrationError(f"bundled migrations are not numbered 001, 002, ... without gaps: {versions}")
    return found


def require_store(path: str) -> None:
    """Raise when there is no store file at ``path`` (commands that only read or rework a store)."""
    if path != ":memory:" and not Path(path).exists():
        raise StoreError(f"no store at {path}; create one with `eventwire ingest` or `eventwire demo`",
                         source=path)


def _connect(path: str, read_only: bool, wait: float) -> duckdb.DuckDBPyConnection:
    if path != ":memory:":
        if read_only:
            require_store(path)
        else:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + max(0.0, wait)
    while True:
        try:
            return duckdb.connect(path, read_only=read_only)
        except duckdb.IOException as exc:
            message = str(exc)
            if "lock" not in message.lower():
                raise StoreError(f"could not open the store: {message}", source=path) from None
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                holder = _LOCK_HOLDER.search(message)
                detail = f"PID {holder[2]}" if holder else "another process"
                if wait > 0:
                    detail += f", still held after waiting {wait:g}s"
                raise StoreLocked(detail, source=path) from None
            time.sleep(min(0.1, remaining))
        except duckdb.Error as exc:
            raise StoreError(f"could not open the store: {exc}", source=path) from None


class DuckDBStore(Store):
    def __init__(self, path: str = ":memory:", *, read_only: bool = False, wait: float = 0.0):
        self.path = str(path)
        self.read_only = read_only
        self._con: Optional[duckdb.DuckDBPyConnection] = _connect(self.path, read_only, wait)
        self._types: Dict[str, Dict[str, str]] = {}
        # infer each object column's type from all its values, not the first 1000: a column
        # that is NULL for 1000 rows and then holds text must not be typed NULL
        self.con.execute("SET pandas_analyze_sample = 2000000000")
        try:
            self._migrate()
        except BaseException:
            self.close()
            raise

    # ---------------------------------------------------------------- plumbing
    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        if self._con is None:
            raise StoreError("the store is closed", source=self.path)
        return self._con

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None

    def _fetch_dicts(self, sql: str, params: Sequence = ()) -> List[dict]:
        try:
            cur = self.con.execute(sql, list(params))
            names = [d[0] for d in cur.description]
            return [dict(zip(names, row)) for row in cur.fetchall()]
        except duckdb.Error as exc:
            raise StoreError(f"query failed: {exc}", source=self.path) from None

    def _scalar(self, sql: str, params: Sequence = ()):
        return self.con.execute(sql, list(params)).fetchone()[0]

    def schema_version(self) -> int:
        exists = self._scalar("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'schema_version'")
        if not exists:
            return 0
        return self._scalar("SELECT COALESCE(max(version), 0) FROM schema_version")

    def _migrate(self) -> None:
        available = migrations()
        latest = available[-1][0] if available else 0
        current = self.schema_version()
        if current > latest:
            raise StoreVersionError(f"the store has schema version {current} but this eventwire knows "
                                    f"only up to {latest}; upgrade eventwire", source=self.path)
        if current == latest:
            return
        if self.read_only:
            raise StoreVersionError(f"the store has schema version {current}, this eventwire needs "
                                    f"{latest}; open it once for writing (e.g. `eventwire ingest`) to "
                                    "migrate it", source=self.path)
        con = self.con
        rebuild = 0 < current < CANONICAL_SINCE <= latest
        for version, name, sql in available:
            if version <= current:
                continue
            con.execute("BEGIN TRANSACTION")
            try:
                con.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
                            "name VARCHAR NOT NULL, applied_at TIMESTAMP DEFAULT current_timestamp)")
                con.execute(sql)
                con.execute("INSERT INTO schema_version (version, name) VALUES (?, ?)", [version, name])
                con.execute("COMMIT")
            except duckdb.Error as exc:
                con.execute("ROLLBACK")
                raise MigrationError(f"{version:03d}_{name}.sql: {exc}", source=self.path) from None
        if rebuild:  # articles stored before canonical events existed get theirs now
            self.rebuild_events()

    def _column_types(self, table: str) -> Dict[str, str]:
        if table not in self._types:
            rows = self.con.execute("SELECT column_name, data_type FROM information_schema.columns "
                                    "WHERE table_name = ?", [table]).fetchall()
            self._types[table] = dict(rows)
        return self._types[table]

    def _insert(self, table: str, rows: List[dict], columns: Optional[List[str]] = None) -> None:
        """Columnar insert: each column becomes one NumPy object array and DuckDB scans the
        batch as a table. Values never pass through SQL text, and this is several times faster
        than ``executemany`` or list parameters on wide rows with nested lists."""
        if not rows:
            return
        types = self._column_types(table)
        columns = columns or TABLE_COLUMNS.get(table) or FUSED_COLUMNS[table]
        # fromiter keeps each list value as one object (np.array would try to make it 2-D)
        frame = {f"c{i}": np.fromiter((row.get(c) for row in rows), dtype=object, count=len(rows))
                 for i, c in enumerate(columns)}
        select = ", ".join(f"CAST(c{i} AS {types[c]})" for i, c in enumerate(columns))
        names = ", ".join(f'"{c}"' for c in columns)
        self.con.register(BATCH_VIEW, frame)
        try:
            self.con.execute(f"INSERT INTO {table} ({names}) SELECT {select} FROM {BATCH_VIEW}")
        finally:
            self.con.unregister(BATCH_VIEW)

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError("the store was opened read-only", source=self.path)

    # ---------------------------------------------------------------- writing
    def known_ids(self, ids: Iterable[str]) -> Set[str]:
        ids = list(dict.fromkeys(ids))
        if not ids:
            return set()
        rows = self.con.execute("SELECT id FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))", [ids]).fetchall()
        return {r[0] for r in rows}

    def add_results(self, results: Sequence[DocumentResult], *, story_state: Optional[dict] = None,
                    restory: Optional[Dict[str, Tuple[Optional[str], Optional[str]]]] = None) -> int:
        """Store a batch and recompute the canonical events of every story it touches, in one
        transaction.

        ``story_state`` (a :meth:`eventwire.fuse.StoryIndex.to_state`) is saved with the batch,
        so the index and the articles it has filed never disagree. ``restory`` maps stored
        article ids to a new ``(story, reprint_of)`` (a later article can turn out to be the
        original of one stored earlier); their old and new stories are recomputed too.
        """
        self._writable()
        unique: Dict[str, DocumentResult] = {}
        for result in results:
            unique.setdefault(result.id, result)
        known = self.known_ids(unique)
        batch = [r for rid, r in unique.items() if rid not in known]
        restory = {aid: v for aid, v in (restory or {}).items() if aid not in unique or aid in known}
        if not batch and not restory and story_state is None:
            return 0
        tables: Dict[str, List[dict]] = {t: [] for t in WRITE_ORDER}
        for result in batch:  # flatten first: a bad record fails before the transaction opens
            for table, rows in result_rows(result).items():
                tables[table].extend(rows)
        touched = {r.story or r.id for r in batch}
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            for table in WRITE_ORDER:
                self._insert(table, tables[table])
            if restory:
                touched |= self._restory(restory)
            self._recompute_stories(touched, fresh=batch)
            if story_state is not None:
                self._save_story_state(story_state)
            con.execute("COMMIT")
        except BaseException as exc:
            con.execute("ROLLBACK")
            if isinstance(exc, duckdb.Error):
                raise StoreError(f"a batch of {len(batch)} articles was not stored (nothing from it "
                                 f"was kept): {exc}", source=self.path) from None
            raise
        return len(batch)

    # ---------------------------------------------------------------- canonical events
    def _restory(self, changes: Dict[str, Tuple[Optional[str], Optional[str]]]) -> Set[str]:
        """Move stored articles to new stories / originals; returns every story involved."""
        ids = list(changes)
        old = self.con.execute("SELECT COALESCE(story, id) FROM articles WHERE id IN "
                               "(SELECT unnest(?::VARCHAR[]))", [ids]).fetchall()
        touched = {r[0] for r in old}
        frame = {"aid": np.array(ids, dtype=object),
                 "story": np.array([changes[a][0] for a in ids], dtype=object),
                 "reprint_of": np.array([changes[a][1] for a in ids], dtype=object)}
        self.con.register(BATCH_VIEW, frame)
        try:
            self.con.execute(f"UPDATE articles SET story = CAST(b.story AS VARCHAR), "
                             f"reprint_of = CAST(b.reprint_of AS VARCHAR) FROM {BATCH_VIEW} b "
                             "WHERE articles.id = b.aid")
        finally:
            self.con.unregister(BATCH_VIEW)
        touched.update(story or aid for aid, (story, _r) in changes.items())
        return touched

    def _results_for_events(self, article_ids: List[str]) -> List[DocumentResult]:
        """The stored results of ``article_ids`` with what canonical events read (article,
        mentions and their quantities; not entities, times ...), in three queries."""
        if not article_ids:
            return []
        param = [article_ids]
        where = "WHERE article_id IN (SELECT unnest(?::VARCHAR[]))"
        articles = self._fetch_dicts("SELECT * FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))", param)
        rows: Dict[str, Dict[str, List[dict]]] = {a["id"]: {"articles": [a]} for a in articles}
        for table in EVENT_SOURCE_TABLES:
            order = "mention_id, idx" if table == "event_quantities" else "idx"
            for row in self._fetch_dicts(f"SELECT * FROM {table} {where} ORDER BY article_id, {order}", param):
                rows[row["article_id"]].setdefault(table, []).append(row)
        return [result_from_rows(rows[aid]) for aid in sorted(rows)]

    def _recompute_stories(self, stories: Iterable[str], fresh: Sequence[DocumentResult] = ()) -> int:
        """Replace the canonical events of ``stories`` with ones merged from all their stored
        mentions (inside the caller's transaction). Returns how many events they now have.

        ``fresh`` are results just written in this transaction: they are used as they are
        instead of being read back (the round trip is exact, see rows.py).
        """
        stories = sorted({s for s in stories if s})
        if not stories:
            return 0
        con = self.con
        in_stories = "(SELECT unnest(?::VARCHAR[]))"
        ids = [r[0] for r in con.execute(f"SELECT id FROM articles WHERE COALESCE(story, id) IN {in_stories}",
                                         [stories]).fetchall()]
        usable = {r.id: r for r in fresh if all(isinstance(e, EventMention) for e in r.events or [])}
        results = [usable[i] for i in ids if i in usable]
        results += self._results_for_events([i for i in ids if i not in usable])
        merged = merge_by_story(results)
        old_links = dict(con.execute("SELECT id, event_id FROM event_mentions WHERE event_id IS NOT NULL AND "
                                     "article_id IN (SELECT unnest(?::VARCHAR[]))", [ids]).fetchall())
        keep_ids(merged, old_links)
        events, versions, links = event_tables(merged)
        con.execute(f"DELETE FROM event_versions WHERE event_id IN (SELECT id FROM events WHERE story IN {in_stories})",
                    [stories])
        con.execute(f"DELETE FROM events WHERE story IN {in_stories}", [stories])
        con.execute("UPDATE event_mentions SET event_id = NULL WHERE event_id IS NOT NULL AND "
                    "article_id IN (SELECT unnest(?::VARCHAR[]))", [ids])
        self._insert("events", events)
        self._insert("event_versions", versions)
        if links:
            frame = {"mention_id": np.array(list(links), dtype=object),
                     "event_id": np.array(list(links.values()), dtype=object)}
            con.register(BATCH_VIEW, frame)
            try:
                con.execute(f"UPDATE event_mentions SET event_id = CAST(b.event_id AS VARCHAR) FROM {BATCH_VIEW} b "
                            "WHERE event_mentions.id = b.mention_id")
            finally:
                con.unregister(BATCH_VIEW)
        return len(events)

    def rebuild_events(self, stories: Optional[Iterable[str]] = None) -> int:
        """Recompute canonical events for ``stories`` (default: every story) in one transaction;
        returns how many events those stories have."""
        self._writable()
        if stories is None:
            stories = [r[0] for r in self.con.execute("SELECT DISTINCT COALESCE(story, id) FROM articles").fetchall()]
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            n = self._recompute_stories(stories)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        return n

    def story_state(self) -> Optional[dict]:
        """The saved story index (``StoryIndex.to_state()``), or None before the first ingest."""
        row = self.con.execute("SELECT state FROM story_index WHERE name = ?", [STORY_INDEX]).fetchone()
        return json.loads(row[0]) if row else None

    def _save_story_state(self, state: dict) -> None:
        text = json.dumps(state, ensure_ascii=False, separators=(",", ":"))
        filed = len(state.get("assigned", {})) + len(state.get("follows", {}))
        self.con.execute("INSERT OR REPLACE INTO story_index (name, state, articles, updated_at) "
                         "VALUES (?, ?, ?, current_timestamp)", [STORY_INDEX, text, filed])

    def stored_fuse(self, article_ids: Optional[Iterable[str]] = None, *,
                    stories: Optional[Iterable[str]] = None) -> Dict[str, Tuple[Optional[str], Optional[str]]]:
        """``article id -> (story, reprint_of)`` as stored: for ``article_ids``, for the members
        of ``stories``, or for every article when neither is given."""
        if article_ids is not None:
            rows = self.con.execute("SELECT id, story, reprint_of FROM articles WHERE id IN "
                                    "(SELECT unnest(?::VARCHAR[]))", [list(article_ids)]).fetchall()
        elif stories is not None:
            rows = self.con.execute("SELECT id, story, reprint_of FROM articles WHERE COALESCE(story, id) IN "
                                    "(SELECT unnest(?::VARCHAR[]))", [list(stories)]).fetchall()
        else:
            rows = self.con.execute("SELECT id, story, reprint_of FROM articles").fetchall()
        return {r[0]: (r[1], r[2]) for r in rows}

    def results_for(self, article_ids: Iterable[str]) -> List[DocumentResult]:
        """Stored results (article and event mentions only) for several articles at once."""
        return self._results_for_events(list(article_ids))

    # ---------------------------------------------------------------- reading
    def query_events(self, flt: EventFilter) -> List[dict]:
        sql, params = compile_events(flt)
        return self._fetch_dicts(sql, params)

    def event_columns(self) -> List[str]:
        return [d[0] for d in self.con.execute("SELECT * FROM event_view LIMIT 0").description]

    def count_events(self, flt: Optional[EventFilter] = None) -> int:
        flt = flt or EventFilter()
        sql, params = compile_events(EventFilter(**{**flt.__dict__, "limit": None, "offset": 0}))
        return self._scalar(f"SELECT count(*) FROM ({sql})", params)

    def articles(self, limit: Optional[int] = None) -> List[dict]:
        columns = ", ".join(f'"{c}"' for c in TABLE_COLUMNS["articles"] if c != "text")
        sql = f"SELECT {columns}, ingested_at FROM articles ORDER BY published_day DESC NULLS LAST, id"
        params: list = []
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        return self._fetch_dicts(sql, params)

    def get_result(self, article_id: str) -> Optional[DocumentResult]:
        rows = {"articles": self._fetch_dicts("SELECT * FROM articles WHERE id = ?", [article_id])}
        if not rows["articles"]:
            return None
        for table in CHILD_TABLES:
            rows[table] = self._fetch_dicts(f"SELECT * FROM {table} WHERE article_id = ? ORDER BY "
                                            + ("mention_id, idx" if table == "event_quantities" else "idx"),
                                            [article_id])
        return result_from_rows(rows)

    def summary(self, top: int = 5, examples: int = 5) -> dict:
        """Counts for people. ``events`` counts canonical events, ``mentions`` the event
        mentions they were merged from; ``contested`` lists the most widely reported events
        whose sources disagree, each with its versions."""
        counts = self._fetch_dicts(
            "SELECT (SELECT count(*) FROM articles) AS articles, "
            "(SELECT count(*) FROM events) AS events, "
            "(SELECT count(*) FROM event_mentions) AS mentions, "
            "(SELECT count(*) FROM events WHERE contested) AS contested_events, "
            "(SELECT count(*) FROM events WHERE n_sources > 1) AS corroborated_events, "
            "(SELECT count(DISTINCT outlet) FROM articles) AS outlets, "
            "(SELECT count(DISTINCT COALESCE(story, id)) FROM articles) AS stories, "
            "(SELECT count(*) FROM articles WHERE reprint_of IS NOT NULL) AS reprints, "
            "(SELECT min(published_day) FROM articles) AS first_published, "
            "(SELECT max(published_day) FROM articles) AS last_published")[0]
        by_type = self.con.execute("SELECT type, count(*) FROM events GROUP BY type "
                                   "ORDER BY count(*) DESC, type").fetchall()
        actors = self.con.execute(
            "SELECT COALESCE(actor_name, actor_text) AS actor, count(*) FROM events "
            "WHERE actor_text IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?", [top]).fetchall()
        claimants = self.con.execute(
            "SELECT COALESCE(claimant_name, claimant_text) AS claimant, count(*) FROM event_mentions "
            "WHERE claimant_text IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?", [top]).fetchall()
        # one example per type, the most fully told (who, to whom, where, when, how many,
        # who says so) and most widely reported first, then shown in date order
        rich = ("((claimant_text IS NOT NULL)::INT + (actor_text IS NOT NULL)::INT + "
                "(recipient_text IS NOT NULL)::INT + (place_lat IS NOT NULL)::INT + "
                "(quantities IS NOT NULL)::INT + (date_value IS NOT NULL)::INT)")
        sample = self._fetch_dicts(
            "SELECT * EXCLUDE (rn, richness) FROM (SELECT * FROM (SELECT *, "
            f"{rich} AS richness, row_number() OVER (PARTITION BY type ORDER BY {rich} DESC, "
            "n_sources DESC, confidence DESC NULLS LAST, article_id, idx) AS rn FROM event_view) WHERE rn = 1 "
            "ORDER BY richness DESC, confidence DESC NULLS LAST, type LIMIT ?) "
            "ORDER BY when_from NULLS LAST, type", [examples])
        return {**counts, "events_by_type": by_type, "top_actors": actors,
                "top_claimants": claimants, "examples": sample,
                "contested": self.contested_events(limit=top)}

    def contested_events(self, limit: Optional[int] = 5) -> List[dict]:
        """Contested events, most articles first, each with ``conflicts`` (parsed) and
        ``versions`` (its sources' accounts, with the outlet of each article)."""
        # sources that disagree matter most when several independent ones report the event
        sql = "SELECT * FROM event_view WHERE contested ORDER BY n_sources DESC, n_articles DESC, id"
        params: list = []
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        rows = self._fetch_dicts(sql, params)
        if not rows:
            return rows
        versions = self._fetch_dicts(
            "SELECT v.*, a.outlet, a.title, a.published FROM event_versions v JOIN articles a ON a.id = v.article_id "
            "WHERE v.event_id IN (SELECT unnest(?::VARCHAR[])) ORDER BY v.event_id, v.idx",
            [[r["id"] for r in rows]])
        by_event: Dict[str, List[dict]] = {}
        for v in versions:
            v["numbers"] = json.loads(v["numbers"] or "{}")
            by_event.setdefault(v["event_id"], []).append(v)
        for r in rows:
            r["conflicts"] = json.loads(r["conflicts"] or "[]")
            r["versions"] = by_event.get(r["id"], [])
        return rows

    def export_parquet(self, path: str, what: str = "events") -> int:
        if what not in EXPORTS:
            raise BadOption(f"cannot export {what!r}; choose one of {', '.join(EXPORTS)}")
        target = Path(path)
        if target.parent and not target.parent.exists():
            raise StoreError(f"the folder {target.parent} does not exist", source=str(path))
        # write beside the target and rename, so a failed export never leaves half a file
        partial = target.with_name(f".{target.name}.partial")
        try:
            rows = self.con.execute(f"COPY ({_EXPORT_SQL[what]}) TO ? (FORMAT PARQUET)",
                                    [str(partial)]).fetchone()[0]
            partial.replace(target)
        except duckdb.Error as exc:
            partial.unlink(missing_ok=True)
            raise StoreError(f"export failed: {exc}", source=str(path)) from None
        return int(rows)
