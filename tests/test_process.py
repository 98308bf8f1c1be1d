"""process / process_stream: one article a component fails on is reported and left out, the
rest of the batch goes on."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import eventwire.extract.events as events_module
from eventwire.cli import main
from eventwire.errors import ComponentError, DataFileError
from eventwire.models import Article
from eventwire.process import process

GOOD = "Rebels attacked a convoy near the town on Monday, the army said."
BAD = "KABOOM: this article makes the event coder fail."


@pytest.fixture
def failing_events(monkeypatch):
    """The event coder raises on any article holding 'KABOOM' (a stand-in for a bug)."""
    real = events_module.dateline_end_of

    def dateline_end(article):
        if "KABOOM" in article.text:
            raise ValueError("boom")
        return real(article)

    monkeypatch.setattr(events_module, "dateline_end_of", dateline_end)


def test_one_failing_article_is_reported_and_the_batch_goes_on(failing_events):
    errors = []
    articles = [Article(id="good-1", text=GOOD), Article(id="bad", text=BAD + " Rebels attacked a convoy."),
                Article(id="good-2", text=GOOD + " Police arrested two men.")]
    results = process(articles, on_error=errors.append)
    assert [r.id for r in results] == ["good-1", "good-2"]
    assert results[0].events and results[1].events
    [err] = errors
    assert isinstance(err, ComponentError) and err.source == "bad"
    assert "eventwire_events" in str(err) and "ValueError: boom" in str(err)


def test_without_a_handler_the_failure_propagates(failing_events):
    with pytest.raises(ValueError):
        process([Article(id="bad", text=BAD + " Rebels attacked a convoy.")])


def test_a_broken_data_file_is_never_swallowed(monkeypatch):
    def broken(article):
        raise DataFileError("lexicons/events.json: malformed")

    monkeypatch.setattr(events_module, "dateline_end_of", broken)
    with pytest.raises(DataFileError):
        process([Article(id="a", text=GOOD)], on_error=lambda e: None)


def test_extract_prints_the_others_and_names_the_failed_article(failing_events, tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps({"id": i, "text": t}) for i, t in
                              [("g", GOOD), ("b", BAD + " Rebels attacked a convoy.")]) + "\n")
    result = CliRunner().invoke(main, ["extract", str(path), "--format", "jsonl"])
    assert result.exit_code == 0
    out = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [d["id"] for d in out] == ["g"]
    assert "EW202" in result.stderr and "eventwire_events" in result.stderr
