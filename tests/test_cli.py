"""The eventwire command: store commands over hand-built fixtures, error reporting, and every
command documented in docs/cli.md actually running."""
from __future__ import annotations

import csv
import io
import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parent / "store"))
from store_fixtures import STRIKE_TEXT, all_results  # noqa: E402

from eventwire.cli import main  # noqa: E402
from eventwire.store import DuckDBStore  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs" / "cli.md"


def run(*args, env=None):
    return CliRunner().invoke(main, [str(a) for a in args], env=env, catch_exceptions=False)


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "fixture.duckdb"
    with DuckDBStore(str(path)) as store:
        store.add_results(all_results())
    return path


def test_events_table_is_aligned_and_counted(db):
    result = run("events", "--db", db)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split()[:3] == ["WHEN", "TYPE", "ACTOR"]
    assert lines[0].split()[-5:] == ["MODALITY", "SRC", "ART", "CONTESTED", "EVIDENCE"]
    # canonical events: the strike and the denial of its toll are one (contested) event
    assert len(lines) == 3
    evidence_at = lines[0].index("EVIDENCE")
    assert all(line[evidence_at - 2:evidence_at] == "  " for line in lines[1:])
    assert "ASSAULT/aerial" in lines[1] and "Russia" in lines[1] and "claimed" in lines[1]
    contested_at = lines[0].index("CONTESTED")
    assert lines[1][contested_at:contested_at + 3] == "yes" and lines[2][contested_at:contested_at + 3] == "   "
    assert result.stderr.strip() == "2 events"


def test_events_mentions_switch_shows_raw_mentions(db):
    result = run("events", "--db", db, "--mentions")
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 4 and result.stderr.strip() == "3 mentions"
    rows = [json.loads(line) for line in run("events", "--db", db, "--mentions", "--format", "jsonl").stdout.splitlines()]
    strike_event = {r["event_id"] for r in rows if r["type"] == "ASSAULT"}
    assert len(strike_event) == 1 and all(r["contested"] for r in rows if r["type"] == "ASSAULT")


def test_contested_filter_keeps_events_whose_sources_disagree(db):
    rows = [json.loads(line) for line in
            run("events", "--db", db, "--contested", "--format", "jsonl").stdout.splitlines()]
    assert [(r["type"], r["modalities"]) for r in rows] == [("ASSAULT", ["claimed", "denied"])]
    assert json.loads(rows[0]["conflicts"])[0]["kind"] == "denial"


def test_events_table_cuts_long_text_and_reports_the_limit(db):
    result = run("events", "--db", db, "--limit", "1")
    assert len(result.stdout.splitlines()) == 2
    assert "\u2026" in result.stdout  # the evidence sentence is longer than its column
    assert result.stderr.strip() == "1 of 2 events; use --limit 0 for all"


def test_events_jsonl_with_filters(db):
    result = run("events", "--db", db, "--mentions", "--type", "assault", "--country", "Syria",
                 "--since", "2015-10-15", "--format", "jsonl")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["type"], r["modality"], r["when"]) for r in rows] == [("ASSAULT", "denied", "2015-10-15")]
    assert "place_lat" not in rows[0]  # empty fields are left out


@pytest.mark.parametrize("option, value, expected", [
    ("--actor", "warplanes", 1), ("--recipient", "united states", 1), ("--place", "geneva", 1),
    ("--until", "2015-10-14", 1), ("--claimant", "straits times", 1), ("--text", "delegations", 1),
    ("--modality", "claimed", 1), ("--type", "ASSAULT,CONSULT", 2),
    # an event matches on any of its versions: the denial's claimant and modality
    ("--claimant", "syrian", 1), ("--modality", "denied", 1), ("--text", "denied that civilians", 1)])
def test_each_filter_option_reaches_the_query(db, option, value, expected):
    result = run("events", "--db", db, option, value, "--format", "jsonl")
    assert result.exit_code == 0 and len(result.stdout.splitlines()) == expected


def test_events_csv_has_every_column(db):
    result = run("events", "--db", db, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 2 and rows[0]["n_sources"] == "1" and rows[0]["contested"] == "True"
    assert rows[0]["claimant_chain"] == "Russian Defence Ministry; Xinhua; The Straits Times"
    assert rows[0]["when_from"] == "2015-10-14" and rows[0]["place_lat"] == "35.95"
    empty = run("events", "--db", db, "--format", "csv", "--type", "PROTEST")
    assert empty.stdout.startswith("id,article_id,") and len(empty.stdout.splitlines()) == 1


def test_events_geojson_is_a_feature_collection_of_placed_events(db):
    geo = json.loads(run("events", "--db", db, "--format", "geojson").stdout)
    assert geo["type"] == "FeatureCollection" and len(geo["features"]) == 2
    feature = geo["features"][0]
    assert feature["geometry"] == {"type": "Point", "coordinates": [39.01, 35.95]}
    assert feature["properties"]["evidence_text"].startswith("MOSCOW (XINHUA)")


def test_bad_filter_is_one_error_line(db):
    result = run("events", "--db", db, "--since", "yesterday")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: [EW401] --since 'yesterday' is not a date")
    assert result.stdout == ""


def test_missing_store_is_an_error_not_a_new_file(tmp_path):
    result = run("events", "--db", tmp_path / "none.duckdb")
    assert result.exit_code == 1
    assert re.match(r"error: \[EW300\] .*none\.duckdb: no store at", result.stderr)
    assert not (tmp_path / "none.duckdb").exists()


@pytest.mark.parametrize("what, rows", [("events", 2), ("articles", 3), ("mentions", 3), ("versions", 3)])
def test_export_writes_parquet(db, tmp_path, what, rows):
    target = tmp_path / f"{what}.parquet"
    result = run("export", target, "--db", db, "--what", what)
    assert result.exit_code == 0 and result.stdout.startswith(f"wrote {rows} {what} to ")
    assert duckdb.connect().execute("SELECT count(*) FROM read_parquet(?)", [str(target)]).fetchone()[0] == rows


def test_summary_prints_types_actors_and_evidence(db):
    out = run("summary", "--db", db).stdout
    assert "3 articles from 2 outlets, published 2015-10-15 to 2015-10-21; 2 events from 3 mentions" in out
    assert re.search(r"ASSAULT\s+1", out) and re.search(r"Russia\s+2", out)
    assert "claimed by Russian Defence Ministry (claimed)" in out
    contested = out.split("Contested events (sources disagree):")[1]
    assert "denied by Syrian government" in contested
    assert "- Russian Defence Ministry (claimed): sorties 33, targets 32  [source: Xinhua; in The Straits Times]" in contested
    assert '"MOSCOW (XINHUA) - Russian warplanes' in out


def test_ingest_reports_bad_inputs_and_still_exits_0(tmp_path):
    (tmp_path / "good.txt").write_text(STRIKE_TEXT)
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    db = tmp_path / "s.duckdb"
    result = run("ingest", tmp_path / "good.txt", tmp_path / "empty.txt", tmp_path / "binary.txt", "--db", db)
    assert result.exit_code == 0
    errors = result.stderr.splitlines()
    assert len(errors) == 2 and all(re.match(r"error: \[EW10\d\] \S+\.txt: ", e) for e in errors)
    assert result.stdout.startswith("read 1 article: 1 added, 0 already stored,")
    assert "2 errors" in result.stdout
    again = run("ingest", tmp_path / "good.txt", "--db", db)
    assert again.exit_code == 0 and "0 added, 1 already stored" in again.stdout


def test_ingest_exits_1_when_every_input_failed(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    result = run("ingest", tmp_path / "empty.txt", tmp_path / "missing.txt", "--db", tmp_path / "s.duckdb")
    assert result.exit_code == 1
    assert [line.split()[1] for line in result.stderr.splitlines()] == ["[EW101]", "[EW108]"]


def test_locked_store_is_reported_with_its_code(db):
    holder = subprocess.Popen([sys.executable, "-c",
                               "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
                               "print('ready', flush=True); time.sleep(30)", str(db)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        result = run("events", "--db", db)
        assert result.exit_code == 1
        assert result.stderr.startswith(f"error: [EW301] {db}: the store is in use by another process "
                                        f"(PID {holder.pid})")
    finally:
        holder.kill()
        holder.wait()


def test_python_dash_m_runs_the_same_command():
    out = subprocess.run([sys.executable, "-m", "eventwire", "--help"], capture_output=True, text=True,
                         check=True).stdout
    for command in ("demo", "events", "export", "extract", "ingest", "summary"):
        assert command in out


def test_every_command_is_documented():
    documented = set(re.findall(r"^\$ (?:eventwire|python -m eventwire) (\w+)", DOCS.read_text(), re.M))
    assert set(main.commands) <= documented


# ------------------------------------------------------------------ docs/cli.md examples
def documented_commands():
    commands, in_console = [], False
    for line in DOCS.read_text().splitlines():
        if line.startswith("```"):
            in_console = line.strip() == "```console"
        elif in_console and line.startswith("$ "):
            commands.append(line[2:].strip())
    return commands


def make_articles(folder: Path) -> None:
    folder.mkdir()
    (folder / "strike.txt").write_text(STRIKE_TEXT + "\n")
    records = [{"id": "w1", "title": "Convoy attacked", "published": "2020-05-02", "source": "Wire",
                "text": "KABUL (Wire) - Gunmen attacked a supply convoy on Saturday, police said."},
               {"id": "w2", "title": "Talks", "published": "2020-05-03", "source": "Wire",
                "text": "GENEVA (Wire) - Envoys met in Geneva on Sunday to discuss a ceasefire."}]
    (folder / "wire.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))


def test_documented_commands_run(tmp_path, monkeypatch):
    commands = documented_commands()
    assert len(commands) >= 10
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("EVENTWIRE_DB", raising=False)
    make_articles(tmp_path / "articles")
    for command in commands:
        words = shlex.split(command)
        target = None
        if ">" in words:
            at = words.index(">")
            words, target = words[:at], words[at + 1]
        prefix = 3 if words[:3] == ["python", "-m", "eventwire"] else 1
        assert words[0] in ("eventwire", "python"), command
        result = CliRunner().invoke(main, words[prefix:], catch_exceptions=False)
        assert result.exit_code == 0, f"{command}\n{result.stdout}\n{result.stderr}"
        if target:
            Path(target).write_text(result.stdout)
    assert json.loads(Path("events.geojson").read_text())["type"] == "FeatureCollection"
    assert Path("eventwire.duckdb").exists() and Path("news.duckdb").exists()
    for name in ("events", "articles", "mentions"):
        assert Path(f"{name}.parquet").stat().st_size > 0


def test_extract_prints_one_json_object_per_document(tmp_path):
    (tmp_path / "a.txt").write_text(STRIKE_TEXT)
    (tmp_path / "empty.txt").write_text("")
    result = run("extract", tmp_path / "a.txt", tmp_path / "empty.txt", "--format", "jsonl")
    assert result.exit_code == 0
    docs = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(docs) == 1 and docs[0]["title"] == "Russia says militants retreat"
    assert result.stderr.startswith("error: [EW101]")


def test_a_broken_installation_is_one_error_line_not_a_traceback(tmp_path, monkeypatch):
    import eventwire
    from eventwire.errors import DataFileError

    def broken(*args, **kwargs):
        raise DataFileError("lexicons/x.json does not exist")

    monkeypatch.setattr(eventwire, "extract_paths", broken)
    (tmp_path / "a.txt").write_text(STRIKE_TEXT)
    result = run("extract", tmp_path / "a.txt")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: [EW201] a bundled data file is missing or malformed")


def test_ingest_reads_json_lines_from_stdin(tmp_path):
    line = json.dumps({"id": "s1", "title": "Strike", "published": "2015-10-15", "text": STRIKE_TEXT})
    result = CliRunner().invoke(main, ["ingest", "-", "--db", str(tmp_path / "s.duckdb")], input=line + "\n")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("read 1 article: 1 added")
    with DuckDBStore(str(tmp_path / "s.duckdb"), read_only=True) as store:
        assert [a["external_id"] for a in store.articles()] == ["s1"]


def test_extract_jsonl_is_utf8_one_object_per_line_equal_to_to_dict(monkeypatch):
    import eventwire

    results = all_results()
    results[0].article.title = "Kyiv – Київ \u2028 “quoted”"  # non-ASCII stays raw UTF-8
    results[-1].versions = dict(results[-1].versions, huge=2**70)  # past orjson's 64 bits: json module
    monkeypatch.setattr(eventwire, "extract_paths", lambda *a, **k: results)
    first, again = run("extract", "x.jsonl", "--format", "jsonl"), run("extract", "x.jsonl", "--format", "jsonl")
    assert first.exit_code == 0 and first.stdout_bytes == again.stdout_bytes
    lines = first.stdout_bytes.split(b"\n")
    assert lines[-1] == b"" and len(lines) - 1 == len(results)
    assert "Київ".encode("utf-8") in lines[0]
    for line, result in zip(lines, results):
        doc = json.loads(line.decode("utf-8"))
        assert doc == result.to_dict() and list(doc) == list(result.to_dict())
    assert json.loads(lines[-2])["versions"]["huge"] == 2**70


def test_extract_raises_gc_thresholds_for_the_run_and_restores_them(monkeypatch):
    import gc

    import eventwire

    seen = []
    monkeypatch.setattr(eventwire, "extract_paths", lambda *a, **k: seen.append(gc.get_threshold()) or [])
    before = gc.get_threshold()
    assert run("extract", "x.jsonl").exit_code == 0
    assert seen and seen[0][0] > before[0]  # fewer young collections while the pipeline runs
    assert gc.get_threshold() == before


def test_timex_values_read_as_words_in_listings():
    from eventwire.cli import _when

    assert _when("2026-09-30TNI") == "2026-09-30 night"  # TimeML's part of day
    assert _when("2026-09-30T14:00") == "2026-09-30 14:00"
    assert _when("2026-09-30TNI", short=True) == "2026-09-30"
    assert _when("2026-W40") == "2026-W40" and _when(None) is None


def test_regroup_reports_the_stories_and_refuses_a_missing_store(db, tmp_path):
    result = run("regroup", "--db", db)
    assert result.exit_code == 0 and "0 articles moved" in result.stdout and "stories over" in result.stdout
    missing = tmp_path / "none.duckdb"
    result = run("regroup", "--db", missing)
    assert result.exit_code == 1 and "EW300" in result.stderr and not missing.exists()
