"""The bundled demo corpus reads cleanly and carries what the demo and the reprint work need."""
from __future__ import annotations

import datetime as dt
import json
import re

from eventwire.ingest import read_path
from eventwire.resources import data_path

from .conftest import split

MONTHS = {m: i for i, m in enumerate(["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
                                      "Oct", "Nov", "Dec"], 1)}
WEEKDAY_DATE = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) \(([A-Z][a-z]{2})[a-z]* (\d{1,2})\)")


def _demo():
    path = data_path("demo/articles.jsonl")
    articles, errors = split(read_path(path))
    assert errors == []
    return {a.external_id: a for a in articles}


def test_demo_corpus_reads_without_errors_and_has_full_metadata():
    demo = _demo()
    assert 30 <= len(demo) <= 36
    assert len({a.id for a in demo.values()}) == len(demo)  # no two articles share a content id
    for a in demo.values():
        assert a.title and a.published and a.source and a.outlet, a.external_id
        assert a.dateline, f"{a.external_id} has no dateline"


def test_wire_story_and_its_three_reprints():
    demo = _demo()
    copies = [demo[i] for i in ("demo-09", "demo-10", "demo-11", "demo-12")]
    assert {a.wire for a in copies} == {"Northern Wire"}
    assert {a.dateline for a in copies} == {"Zhanaozen"}
    assert len({a.outlet for a in copies}) == 4  # four outlets, one source
    assert len({a.title for a in copies}) == 4  # every reprint changed the headline
    assert demo["demo-10"].photo_credit == "Northern Wire / Kazakh Defence Ministry"
    assert "12 fighters" in demo["demo-09"].text and "12 fighters" in demo["demo-11"].text


def test_rival_account_and_denial_are_other_sources():
    demo = _demo()
    assert demo["demo-13"].wire == "Meridian Press" and "7 civilians" in demo["demo-13"].text
    assert demo["demo-14"].wire == "Caspian News Agency" and "denied" in demo["demo-14"].text


def test_weekday_dates_match_the_calendar():
    checked = 0
    with data_path("demo/articles.jsonl").open(encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            year = int(rec["published"][:4])
            for weekday, month, day in WEEKDAY_DATE.findall(rec["text"]):
                date = dt.date(year, MONTHS[month], int(day))
                assert date.strftime("%A") == weekday, (rec["id"], weekday, month, day)
                assert date <= dt.date.fromisoformat(rec["published"]) + dt.timedelta(days=7)
                checked += 1
    assert checked >= 6


def test_demo_readme_says_it_is_fiction():
    readme = data_path("demo/README.md").read_text(encoding="utf-8")
    assert "fiction" in readme.lower() and "Licence" in readme
