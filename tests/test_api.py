"""The Python API: open_store, ingest_paths (with a stand-in pipeline), GeoJSON."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "store"))
from store_fixtures import all_results, sentence  # noqa: E402

from eventwire import api  # noqa: E402
from eventwire.errors import ComponentError, EventwireError, IngestError  # noqa: E402
from eventwire.models import Actor, DocumentResult, EventMention, Span  # noqa: E402


class FakePipeline:
    """Stands in for eventwire.process: one ASSAULT per article that says "attacked",
    and it fails on any article containing "EXPLODE"."""

    def __init__(self):
        self.seen = []

    def __call__(self, articles):
        out = []
        for article in articles:
            if "EXPLODE" in article.text:
                raise RuntimeError("component crashed")
            self.seen.append(article.id)
            events = []
            if "attacked" in article.text:
                hit = article.text.index("attacked")
                events.append(EventMention(type="ASSAULT", trigger=Span(hit, hit + 8, "attacked"),
                                           evidence=sentence(article.text, "attacked"),
                                           actor=Actor("Rebels", name="Rebels")))
            out.append(DocumentResult(id=article.id, article=article, events=events))
        return out


def write_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "one.txt").write_text("Rebels attack\n\nRebels attacked a convoy on Monday, police said.\n")
    (folder / "two.txt").write_text("Talks resume\n\nEnvoys met in Vienna on Tuesday.\n")
    (folder / "zz-copy.txt").write_text("Rebels attack\n\nRebels attacked  a convoy on Monday, police said.")
    (folder / "empty.txt").write_text("")
    lines = [json.dumps({"id": "j1", "text": "Rebels attacked a checkpoint overnight, officials said.",
                         "published": "2020-05-02", "source": "Wire"}),
             "{broken json",
             json.dumps({"id": "j2", "text": "Envoys met in Geneva on Friday."})]
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n")
    return folder


def test_open_store_uses_env_then_default(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(api.ENV_DB, raising=False)
    with api.open_store() as store:
        assert store.path == "eventwire.duckdb"
    assert (tmp_path / "eventwire.duckdb").exists()
    monkeypatch.setenv(api.ENV_DB, str(tmp_path / "env.duckdb"))
    with api.open_store() as store:
        assert store.path == str(tmp_path / "env.duckdb")
    with api.open_store(tmp_path / "given.duckdb", read_only=False) as store:
        assert store.path.endswith("given.duckdb")


def test_ingest_counts_and_keeps_going_past_bad_inputs(tmp_path):
    corpus = write_corpus(tmp_path / "in")
    pipeline = FakePipeline()
    seen_errors = []
    with api.open_store(tmp_path / "s.duckdb") as store:
        report = api.ingest_paths([corpus], store, pipeline=pipeline, on_error=seen_errors.append)
        # zz-copy.txt differs from one.txt only in whitespace: same content-addressed id
        assert (report.read, report.added, report.duplicates) == (5, 4, 1)
        assert report.events == 2
        assert len(report.errors) == 2 and seen_errors == report.errors
        sources = sorted(Path(e.source.split(":")[0]).name for e in report.errors)
        assert sources == ["empty.txt", "feed.jsonl"]
        assert all(isinstance(e, IngestError) and e.code.startswith("EW1") for e in report.errors)
        assert not report.all_failed
        assert {r["type"] for r in store.events()} == {"ASSAULT"}
        assert store.summary()["articles"] == 4


def test_reingest_is_a_no_op_that_skips_the_pipeline(tmp_path):
    corpus = write_corpus(tmp_path / "in")
    db = tmp_path / "s.duckdb"
    api.ingest_paths([corpus], str(db), pipeline=FakePipeline())
    again = FakePipeline()
    report = api.ingest_paths([corpus], str(db), pipeline=again)
    assert (report.added, report.duplicates) == (0, 5)
    assert again.seen == []  # known ids are checked before processing
    with api.open_store(db, read_only=True) as store:
        assert store.summary()["articles"] == 4


def test_batches_bound_the_work_in_memory(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    with (folder / "a.jsonl").open("w") as f:
        for n in range(23):
            f.write(json.dumps({"id": f"n{n}", "text": f"Rebels attacked post number {n}."}) + "\n")
    batch_sizes = []

    class Recording(FakePipeline):
        def __call__(self, articles):
            batch_sizes.append(len(articles))
            return super().__call__(articles)

    progress = []
    with api.open_store(tmp_path / "s.duckdb") as store:
        report = api.ingest_paths([folder], store, pipeline=Recording(), batch_size=10,
                                  on_batch=lambda r: progress.append(r.added))
    assert batch_sizes == [10, 10, 3]
    assert progress == [10, 20, 23]
    assert (report.batches, report.added, report.events) == (3, 23, 23)


def test_a_pipeline_crash_costs_only_its_article(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "ok.txt").write_text("Fine\n\nRebels attacked a depot.\n")
    (folder / "bad.txt").write_text("Boom\n\nEXPLODE the component.\n")
    with api.open_store(tmp_path / "s.duckdb") as store:
        report = api.ingest_paths([folder], store, pipeline=FakePipeline())
        assert report.added == 1 and len(report.errors) == 1
        err = report.errors[0]
        assert isinstance(err, ComponentError) and err.source.endswith("bad.txt")
        assert "RuntimeError: component crashed" in str(err)
        assert store.summary()["articles"] == 1


def test_all_failed_only_when_nothing_landed(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    report = api.ingest_paths([tmp_path / "empty.txt", tmp_path / "missing.txt"],
                              str(tmp_path / "s.duckdb"), pipeline=FakePipeline())
    assert report.all_failed and report.read == 0
    assert [e.code for e in report.errors] == ["EW101", "EW108"]
    assert json.loads(json.dumps(report.to_dict()))["errors"][0]["code"] == "EW101"
    assert not api.IngestReport(duplicates=1, errors=[EventwireError("x")]).all_failed


def test_store_events_and_geojson():
    with api.open_store(":memory:") as store:
        store.add_results(all_results())
        rows = store.events(type="ASSAULT")
        # the strike and the denial of its civilian toll are one canonical event
        assert len(rows) == 1 and rows[0]["n_mentions"] == 2
        assert len(store.events(type="ASSAULT", mentions=True)) == 2
        geo = api.events_to_geojson(store.events())
        mention_geo = api.events_to_geojson(store.events(mentions=True))
    assert geo["type"] == "FeatureCollection"
    # the strike (Raqqa) and the talks (Geneva) have places; the denial mention has none
    assert [f["geometry"]["coordinates"] for f in geo["features"]] == [[39.01, 35.95], [6.15, 46.2]]
    assert len(mention_geo["features"]) == 2
    props = geo["features"][0]["properties"]
    assert props["type"] == "ASSAULT" and props["when_from"] == "2015-10-14" and props["contested"] is True
    assert "url" not in props  # NULLs are dropped
    json.dumps(geo)  # JSON-ready


def test_demo_corpus_files_exclude_its_readme():
    try:
        files = api.demo_corpus_paths()
    except EventwireError:
        pytest.skip("the demo corpus is not there yet")
    assert files and all(not f.name.upper().startswith("README") for f in files)


def test_a_broken_installation_stops_the_run_with_one_error(tmp_path):
    from eventwire.errors import DataFileError

    (tmp_path / "a.txt").write_text("One\n\nRebels attacked a depot.\n")

    def broken(articles):
        raise DataFileError("lexicons/x.json does not exist")

    with api.open_store(tmp_path / "s.duckdb") as store:
        with pytest.raises(DataFileError):
            api.ingest_paths([tmp_path / "a.txt"], store, pipeline=broken)
        assert store.summary()["articles"] == 0


def test_reading_a_store_does_not_load_spacy(tmp_path):
    import subprocess

    code = ("import sys, eventwire\n"
            "store = eventwire.open_store(sys.argv[1])\n"
            "store.events(); store.summary(); store.close()\n"
            "assert 'spacy' not in sys.modules, 'spaCy was imported'\n"
            "assert callable(eventwire.ingest_paths) and 'spacy' not in sys.modules\n"
            "import eventwire.process\n"
            "assert eventwire.process is eventwire.process_stream.__globals__['process']\n"
            "print('ok')\n")
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path / "s.duckdb")], capture_output=True,
                         text=True)
    assert out.stdout.strip() == "ok", out.stderr


def test_processed_docs_are_freed_without_the_cyclic_gc():
    """process_stream empties each Doc's user_data once its result is built: the per-Doc
    caches there point back at the Doc, and with that cycle the Doc (its token arrays and
    caches) waited for the cyclic GC, which `eventwire extract` keeps off during the run."""
    import gc

    from spacy.tokens import Doc

    from eventwire.models import Article
    from eventwire.process import process_stream

    text = ("MOSCOW, Oct. 15 (Xinhua) -- Russian warplanes carried out 33 sorties in Syria over "
            "the past 24 hours, the Russian Defence Ministry said on Thursday.")
    articles = [Article(id=f"cycle-{i}", text=text) for i in range(3)]
    list(process_stream(articles[:1]))  # build the pipeline outside the count
    gc.collect()
    before = sum(isinstance(o, Doc) for o in gc.get_objects())
    gc.disable()
    try:
        results = list(process_stream(articles))
        after = sum(isinstance(o, Doc) for o in gc.get_objects())
    finally:
        gc.enable()
    assert [r.article.id for r in results] == ["cycle-0", "cycle-1", "cycle-2"]
    assert results[0].events and results[0].events[0].type  # the results keep what the Docs held
    assert after <= before
