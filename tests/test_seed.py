"""End to end on the story the project started from: ../shared/examples/seed-article.txt.

What should come out is ../shared/examples/seed-article.EXPECTED.md; these tests check the
events, roles, claimants, places and dates listed there. They skip where ../shared is absent.
"""
from __future__ import annotations

import pytest

import eventwire
from eventwire.ingest import read_paths

from pathlib import Path

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


def shared_path(*parts):
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent (a clone without ../shared)")
    return path


def _seed(published=None):
    article = next(a for a in read_paths([shared_path("examples", "seed-article.txt")])
                   if isinstance(a, eventwire.Article))
    article.published = published
    return eventwire.process([article])[0]


@pytest.fixture(scope="module")
def seed():
    return _seed("2015-10-15")


def _countries(actor):
    if actor is None:
        return set()
    return {actor.country} if actor.country else set(actor.countries)


def _find(result, etype, trigger_word=None):
    found = [e for e in result.events if e.type == etype
             and (trigger_word is None or trigger_word in e.trigger.text.lower() or trigger_word in e.evidence.text.lower())]
    assert found, f"no {etype} event ({trigger_word}) in {[(e.type, e.trigger.text) for e in result.events]}"
    return found


def test_article_metadata(seed):
    a = seed.article
    assert (a.wire, a.dateline, a.outlet) == ("Xinhua", "Moscow", "The Straits Times")
    assert "AFP" in a.photo_credit and "Russian Defence Ministry" in a.photo_credit


def test_air_strikes_claimed_by_the_defence_ministry(seed):
    ev = next(e for e in _find(seed, "ASSAULT") if "sorties" in e.evidence.text)
    assert ev.mode == "aerial"
    assert _countries(ev.actor) == {"RUS"}
    assert ev.recipient is not None and "ISIS" in ev.recipient.text
    assert ev.place is not None and ev.place.country == "SYR"
    assert {(q.value, q.unit) for q in ev.quantities} >= {(33.0, "sortie"), (32.0, "facility")}
    assert ev.modality == "claimed"
    assert ev.claimant is not None and ev.claimant.country == "RUS"
    assert "Xinhua" in ev.claimant_chain and "The Straits Times" in ev.claimant_chain


def test_retreat_claim(seed):
    ev = next(e for e in _find(seed, "RETREAT") if "begun to retreat in Syria" in e.evidence.text)
    assert ev.actor is not None and "militants" in ev.actor.text
    assert ev.modality == "claimed" and ev.claimant.country == "RUS"
    assert ev.place is not None and ev.place.country == "SYR"


def test_joint_exercises_on_the_day_before(seed):
    ev = _find(seed, "COOPERATE", "joint exercises")[0]
    assert _countries(ev.actor) | _countries(ev.recipient) == {"RUS", "ISR"}
    assert ev.date is not None and ev.date.value == "2015-10-14"
    assert ev.place is not None and ev.place.country == "SYR"


def test_negotiations_with_the_us(seed):
    ev = _find(seed, "CONSULT", "negotiations")[0]
    assert {"RUS", "USA"} <= _countries(ev.actor) | _countries(ev.recipient)
    assert ev.date.value == "2015-10-14"


def test_assads_request_is_an_extension_type(seed):
    ev = _find(seed, "REQUEST")[0]
    assert ev.extension
    assert ev.actor is not None and ev.actor.country == "SYR" and "Assad" in ev.actor.text
    assert all(e.type != "DEMAND" for e in seed.events if "request" in e.trigger.text.lower())


def test_campaign_start_date(seed):
    ev = next(e for e in _find(seed, "ASSAULT") if "Sept 30" in e.evidence.text)
    assert ev.date.value == "2015-09-30"


def test_boilerplate_has_no_event(seed):
    assert not [e for e in seed.events if "Telegram" in e.evidence.text]


def test_attributions(seed):
    text = seed.article.text
    sources = [text[a.source[0][0]:a.source[0][1]] for a in seed.attributions if a.source]
    assert any("Kremlin" in s for s in sources)
    assert any("Defence Ministry" in s for s in sources)
    assert any("statement" in s for s in sources)


def test_places(seed):
    by_text = {p.text: p for p in seed.places}
    assert any("Idlib" in t and p.country == "SYR" and p.precision == "region" for t, p in by_text.items())
    assert by_text["Baghdad"].country == "IRQ"
    moscow = [p for p in seed.places if p.text.upper() == "MOSCOW"]
    assert moscow and moscow[0].role == "dateline"
    hmeimim = [p for p in seed.places if "Hmeimim" in p.text]
    assert hmeimim and abs(hmeimim[0].lat - 35.40) < 0.2 and abs(hmeimim[0].lon - 35.95) < 0.2


def test_year_is_narrowed_without_a_publication_date():
    result = _seed(None)
    oct15 = [t for t in result.times if "Oct 15" in t.text]
    assert oct15 and oct15[0].value.endswith("-10-15")
    assert oct15[0].certainty < 1.0
    assert "2015" in (oct15[0].anchor or "")
