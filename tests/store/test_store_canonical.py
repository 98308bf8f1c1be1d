"""Canonical events in the store: one row per real-world event across articles, reprints
counted once, conflicts and denials queryable, stories grouped across batches and runs,
re-ingest idempotent. Articles and events are hand-written (canonical_fixtures.py)."""
from __future__ import annotations

import json

import pytest
from canonical_fixtures import DENIAL, OTHER, REPRINT, RIVAL, WIRE, as_article, fake_pipeline

from eventwire.api import ingest_paths, open_store
from eventwire.store import DuckDBStore, EventFilter


def write_jsonl(path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return path


def ingest(db, *records, tmp, name="batch.jsonl", batch_size=200):
    path = write_jsonl(tmp / name, records)
    with open_store(db) as store:
        return ingest_paths([path], store, pipeline=fake_pipeline, batch_size=batch_size)


def snapshot(db):
    """Everything canonical the store holds, in a stable order."""
    with open_store(db, read_only=True) as store:
        con = store.con
        return {
            "events": con.execute("SELECT * EXCLUDE (component) FROM events ORDER BY id").fetchall(),
            "versions": con.execute("SELECT * FROM event_versions ORDER BY event_id, idx").fetchall(),
            "links": con.execute("SELECT id, event_id FROM event_mentions ORDER BY id").fetchall(),
            "stories": con.execute("SELECT id, story, reprint_of FROM articles ORDER BY id").fetchall(),
        }


def ids(store):
    """external id -> article id as stored (ingest computes ids from the text it read)."""
    return {a["external_id"]: a["id"] for a in store.articles()}


def strike(store, **filters):
    rows = store.events(type="ASSAULT", **filters)
    assert len(rows) == 1, rows
    return rows[0]


# ------------------------------------------------------------------ reprints and sources
def test_a_wire_story_and_its_reprint_are_one_event_from_one_source(tmp_path):
    db = tmp_path / "s.duckdb"
    ingest(db, WIRE, REPRINT, tmp=tmp_path)
    with open_store(db, read_only=True) as store:
        event = strike(store)
        assert (event["n_articles"], event["n_sources"], event["n_mentions"]) == (2, 1, 2)
        assert event["contested"] is False
        mentions = store.events(mentions=True, type="ASSAULT")
        assert len(mentions) == 2 and {m["event_id"] for m in mentions} == {event["id"]}
        reprint = [a for a in store.articles() if a["external_id"] == "herald-1"][0]
        assert reprint["reprint_of"] == ids(store)["wire-1"]


def test_an_independent_account_is_a_second_source_and_its_numbers_conflict(tmp_path):
    db = tmp_path / "s.duckdb"
    ingest(db, WIRE, REPRINT, RIVAL, tmp=tmp_path)
    with open_store(db, read_only=True) as store:
        event = strike(store)
        assert (event["n_articles"], event["n_sources"]) == (3, 2)
        assert event["contested"] is True
        conflict = json.loads(event["conflicts"])[0]
        assert conflict["kind"] == "numbers" and conflict["role"] == "killed"
        assert conflict["values"] == {"12": ["Defence Ministry"], "7": ["Steppe Monitor"]}
        assert sorted(event["claimants"]) == ["Defence Ministry", "Steppe Monitor"]
        # queryable: --contested, and the rival's claimant finds the canonical event
        assert [e["id"] for e in store.events(contested=True)] == [event["id"]]
        assert store.events(contested=False, type="ASSAULT") == []
        assert [e["id"] for e in store.events(claimant="steppe monitor")] == [event["id"]]
        contested = store.contested_events()
        assert [v["numbers"] for v in contested[0]["versions"]] == [{"killed": 12.0}, {"killed": 12.0},
                                                                    {"killed": 7.0}]
        assert [v["publishers"] for v in contested[0]["versions"]] == [["Northern Wire"]] * 2 + [["Meridian Press"]]


def test_a_denial_by_the_actor_is_a_version_and_makes_the_event_contested(tmp_path):
    db = tmp_path / "s.duckdb"
    ingest(db, WIRE, DENIAL, tmp=tmp_path)
    with open_store(db, read_only=True) as store:
        stories = {a["external_id"]: a["story"] for a in store.articles()}
        if stories["wire-1"] != stories["cnag-1"]:
            pytest.skip("the story index put the denial in its own story (see fuse/stories.py)")
        event = strike(store)
        assert event["contested"] is True and "denied" in event["modalities"]
        assert json.loads(event["conflicts"]) == [{"article_id": ids(store)["cnag-1"], "by": "Kazakhstan",
                                                   "kind": "denial"}]
        assert [e["id"] for e in store.events(modality="denied")] == [event["id"]]
        assert [e["id"] for e in store.events(text="denied on Wednesday")] == [event["id"]]


# ------------------------------------------------------------------ across batches and runs
def test_an_article_of_a_later_run_joins_the_stored_story_and_its_event(tmp_path):
    db = tmp_path / "s.duckdb"
    ingest(db, WIRE, OTHER, tmp=tmp_path, name="monday.jsonl")
    with open_store(db, read_only=True) as store:
        before = strike(store)
        assert store.story_state() is not None
    ingest(db, REPRINT, RIVAL, tmp=tmp_path, name="tuesday.jsonl")  # a separate run, a new store handle
    with open_store(db, read_only=True) as store:
        stories = {a["external_id"]: a["story"] for a in store.articles()}
        assert stories["herald-1"] == stories["wire-1"] == stories["meridian-1"] != stories["port-1"]
        after = strike(store)
        assert after["id"] == before["id"]  # the event keeps its id as it grows
        assert (after["n_articles"], after["n_sources"], after["contested"]) == (3, 2, True)
        assert store.con.execute("SELECT count(*) FROM events WHERE story = ?", [stories["wire-1"]]).fetchone()[0] == 1


def test_batches_of_one_give_the_same_events_as_one_batch(tmp_path):
    records = [WIRE, OTHER, REPRINT, RIVAL]
    ingest(tmp_path / "one.duckdb", *records, tmp=tmp_path)
    ingest(tmp_path / "many.duckdb", *records, tmp=tmp_path, batch_size=1)
    one, many = snapshot(tmp_path / "one.duckdb"), snapshot(tmp_path / "many.duckdb")
    # everything but the ids, which say which article came first (see canonical.keep_ids)
    assert [e[1:] for e in one["events"]] == [e[1:] for e in many["events"]]
    assert [v[1:] for v in one["versions"]] == [v[1:] for v in many["versions"]]
    assert one["stories"] == many["stories"]


def test_re_ingesting_changes_nothing(tmp_path):
    db = tmp_path / "s.duckdb"
    ingest(db, WIRE, REPRINT, RIVAL, OTHER, tmp=tmp_path)
    first = snapshot(db)
    report = ingest(db, RIVAL, WIRE, OTHER, REPRINT, tmp=tmp_path, name="again.jsonl")
    assert (report.added, report.duplicates) == (0, 4)
    assert snapshot(db) == first
    assert len(first["events"]) == 1 and len(first["versions"]) == 3


def test_articles_stored_without_the_story_index_are_filed_at_the_next_ingest(tmp_path):
    db = tmp_path / "s.duckdb"
    with DuckDBStore(str(db)) as store:  # e.g. results from eventwire.process, stored directly
        store.add_results(fake_pipeline([as_article(WIRE)]))
        assert store.story_state() is None
    ingest(db, REPRINT, tmp=tmp_path)
    with open_store(db, read_only=True) as store:
        stories = {a["external_id"]: a["story"] for a in store.articles()}
        assert stories["wire-1"] is not None and stories["herald-1"] == stories["wire-1"]
        assert strike(store)["n_articles"] == 2
        assert len(store.story_state()["assigned"]) + len(store.story_state()["follows"]) == 2


# ------------------------------------------------------------------ the store on its own
def test_add_results_recomputes_a_story_from_all_its_stored_mentions():
    wire, rival = fake_pipeline([as_article(WIRE), as_article(RIVAL)])
    wire.story = rival.story = "s-strike"
    with DuckDBStore() as store:
        store.add_results([wire])
        first = strike(store)
        assert first["contested"] is False
        store.add_results([rival])
        second = strike(store)
        assert second["id"] == first["id"] and second["contested"] is True
        assert store.count_events() == 1 and store.count_events(EventFilter(mentions=True)) == 2
        # a rebuild from scratch gives the same rows
        before = store.con.execute("SELECT * FROM events").fetchall()
        assert store.rebuild_events() == 1
        assert store.con.execute("SELECT * FROM events").fetchall() == before


def test_a_failed_batch_leaves_the_events_of_its_story_untouched(monkeypatch):
    wire, rival = fake_pipeline([as_article(WIRE), as_article(RIVAL)])
    wire.story = rival.story = "s-strike"
    with DuckDBStore() as store:
        store.add_results([wire])
        before = store.con.execute("SELECT * FROM events").fetchall()

        def broken(results):
            raise RuntimeError("merge failed")

        monkeypatch.setattr("eventwire.fuse.events.canonical_events", broken)
        with pytest.raises(RuntimeError):
            store.add_results([rival])
        assert store.con.execute("SELECT * FROM events").fetchall() == before
        assert store.known_ids([rival.id]) == set()


def test_a_store_from_before_canonical_events_gets_them_when_migrated(tmp_path):
    import duckdb

    from eventwire.store import migrations

    path = str(tmp_path / "v2.duckdb")
    con = duckdb.connect(path)  # what an eventwire with migrations 001-002 wrote
    con.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, "
                "applied_at TIMESTAMP DEFAULT current_timestamp)")
    for version, name, sql in migrations()[:2]:
        con.execute(sql)
        con.execute("INSERT INTO schema_version (version, name) VALUES (?, ?)", [version, name])
    con.execute("INSERT INTO articles (id, text, published, story) VALUES ('a1', 'Jets struck a camp.', '2026-09-28', 's1'), "
                "('a2', 'Jets hit the camp.', '2026-09-29', 's1')")
    con.execute("INSERT INTO event_mentions (id, article_id, idx, type, trigger_start, trigger_end, "
                "evidence_start, evidence_end, actor_text, actor_country) VALUES "
                "('a1:e0', 'a1', 0, 'ASSAULT', 5, 11, 0, 19, 'Jets', 'KAZ'), "
                "('a2:e0', 'a2', 0, 'ASSAULT', 5, 8, 0, 18, 'Jets', 'KAZ')")
    con.close()
    with DuckDBStore(path) as store:
        assert store.schema_version() == len(migrations())
        (event,) = store.events()
        assert (event["n_articles"], event["story"]) == (2, "s1")
        assert {m["event_id"] for m in store.events(mentions=True)} == {event["id"]}


def test_keep_ids_hands_a_stored_id_to_the_event_sharing_most_mentions():
    from eventwire.models import Event
    from eventwire.store.canonical import keep_ids

    grown = Event(id="eNEW", type="ASSAULT", story="s", mentions=[{"article_id": "b", "index": 0},
                                                                 {"article_id": "a", "index": 0},
                                                                 {"article_id": "a", "index": 1}])
    split = Event(id="eOLD", type="ASSAULT", story="s", mentions=[{"article_id": "a", "index": 2}])
    keep_ids([grown, split], {"a:e0": "eOLD", "a:e1": "eOLD", "a:e2": "eOLD"})
    assert grown.id == "eOLD"  # two shared mentions beat one
    assert split.id != "eOLD" and split.id.startswith("e") and len(split.id) == 17


def test_regroup_gives_the_batch_grouping_and_is_idempotent(tmp_path):
    from eventwire.api import regroup_stories
    from eventwire.fuse import group_stories

    def partition(story_of: dict) -> set:
        groups: dict = {}
        for member, story in story_of.items():
            groups.setdefault(story, set()).add(member)
        return {frozenset(g) for g in groups.values()}

    db = tmp_path / "s.duckdb"
    records = [WIRE, OTHER, REPRINT, RIVAL, DENIAL]
    ingest(db, *records, tmp=tmp_path, batch_size=1)
    regroup_stories(db)
    articles = {r["id"]: as_article(r) for r in records}
    batch = group_stories(fake_pipeline(list(articles.values())))
    with open_store(db, read_only=True) as store:
        stored = {a["external_id"]: a["story"] for a in store.articles()}
        assert stored["wire-1"] == stored["meridian-1"] != stored["port-1"]
    assert partition(stored) == partition({x: batch.story_of(a.id) for x, a in articles.items()})
    assert regroup_stories(db) == 0
    before = snapshot(db)
    regroup_stories(db)
    assert snapshot(db) == before
