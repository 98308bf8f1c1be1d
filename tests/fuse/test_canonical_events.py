"""Canonical events across articles: merging, independent sources, denials, conflicting numbers."""
from __future__ import annotations

from eventwire.fuse.events import canonical_events
from eventwire.models import Actor, Article, DocumentResult, EventMention, Quantity, Span, TimeValue


def _article(aid, outlet, wire=None, published="2026-10-01"):
    return Article(id=aid, text="x", outlet=outlet, wire=wire, published=published)


def _mention(etype, actor=None, country=None, killed=None, claimant=None, denies=None, day="2026-10-01"):
    quantities = [Quantity(0, 1, "x", killed, "person", "killed")] if killed is not None else []
    return EventMention(
        type=etype, trigger=Span(0, 1, "x"), evidence=Span(0, 1, "x"),
        actor=Actor(text=actor, name=actor, country=country) if actor else None,
        date=TimeValue(0, 1, "x", "DATE", day), quantities=quantities,
        claimant=Actor(text=claimant, name=claimant) if claimant else None, denies=denies,
        modality="claimed" if claimant else "asserted")


def _result(article, events, story="S1", reprint_of=None):
    return DocumentResult(id=article.id, article=article, events=events, story=story, reprint_of=reprint_of)


def test_reprints_are_one_source_and_a_second_wire_is_independent():
    xinhua = _result(_article("a1", "Xinhua", wire="Xinhua"), [_mention("ASSAULT", "Russia", "RUS")])
    st = _result(_article("a2", "The Straits Times", wire="Xinhua"), [_mention("ASSAULT", "Russia", "RUS")],
                 reprint_of="a1")
    cna = _result(_article("a3", "CNA", wire="Xinhua"), [_mention("ASSAULT", "Russia", "RUS")], reprint_of="a1")
    events = canonical_events([xinhua, st, cna])
    assert len(events) == 1
    assert events[0].n_articles == 3 and events[0].n_sources == 1
    reuters = _result(_article("a4", "Reuters", wire="Reuters"), [_mention("ASSAULT", "Russia", "RUS")])
    events = canonical_events([xinhua, st, cna, reuters])
    assert len(events) == 1 and events[0].n_sources == 2


def test_different_stories_or_types_or_actors_stay_apart():
    a = _result(_article("a1", "Reuters"), [_mention("ASSAULT", "Russia", "RUS"), _mention("PROTEST", "Iraq", "IRQ")])
    b = _result(_article("a2", "AFP"), [_mention("ASSAULT", "Turkey", "TUR")])
    c = _result(_article("a3", "AP"), [_mention("ASSAULT", "Russia", "RUS")], story="S2")
    events = canonical_events([a, b, c])
    assert len(events) == 4


def test_dates_far_apart_are_different_events():
    a = _result(_article("a1", "Reuters"), [_mention("ASSAULT", "Russia", "RUS", day="2026-10-01")])
    b = _result(_article("a2", "AFP"), [_mention("ASSAULT", "Russia", "RUS", day="2026-10-09")])
    assert len(canonical_events([a, b])) == 2


def test_conflicting_casualty_numbers_are_flagged_with_their_sources():
    a = _result(_article("a1", "Northern Wire"), [_mention("ASSAULT", "Kazakhstan", "KAZ", killed=12, claimant="Defence Ministry")])
    b = _result(_article("a2", "Meridian Press"), [_mention("ASSAULT", "Kazakhstan", "KAZ", killed=7, claimant="Steppe Monitor")])
    [event] = canonical_events([a, b])
    assert event.contested
    [conflict] = event.conflicts
    assert conflict["kind"] == "numbers" and conflict["role"] == "killed"
    assert conflict["values"] == {"12": ["Defence Ministry"], "7": ["Steppe Monitor"]}
    assert set(event.claimants) == {"Defence Ministry", "Steppe Monitor"}


def test_a_denial_by_the_actor_contests_the_event():
    claim = _result(_article("a1", "Northern Wire"), [_mention("ASSAULT", "Kazakhstan", "KAZ", claimant="rights group")])
    denial = _result(_article("a2", "Caspian News Agency"), [_mention("REJECT", "Kazakhstan", "KAZ", denies="ASSAULT")])
    events = canonical_events([claim, denial])
    assault = next(e for e in events if e.type == "ASSAULT")
    assert assault.contested
    assert {"kind": "denial", "by": "Kazakhstan", "article_id": "a2"} in assault.conflicts
    assert [v.modality for v in assault.versions] == ["claimed", "denied"]


def test_denying_a_statement_is_not_a_counter_account():
    a = _result(_article("a1", "Reuters"), [_mention("DISAPPROVE", "Iran", "IRN"),
                                             _mention("REJECT", "Iran", "IRN", denies="DISAPPROVE")])
    events = canonical_events([a])
    assert not any(e.contested for e in events)


def test_ids_are_deterministic():
    a = _result(_article("a1", "Reuters"), [_mention("ASSAULT", "Russia", "RUS")])
    b = _result(_article("a2", "AFP"), [_mention("ASSAULT", "Russia", "RUS")])
    assert [e.id for e in canonical_events([a, b])] == [e.id for e in canonical_events([b, a])]


def test_the_most_confident_mention_leads_the_event():
    weak = _mention("ASSAULT", "Kazakhstan", "KAZ", claimant="Red Cross")
    weak.confidence = 0.4  # 'people displaced by fighting, the Red Cross said'
    strong = _mention("ASSAULT", "Kazakhstan", "KAZ", killed=12, claimant="Defence Ministry")
    strong.confidence = 0.8  # 'an air strike killed 12 fighters, the ministry said'
    [event] = canonical_events([_result(_article("a1", "Northern Wire"), [weak, strong])])
    assert event.mentions[0] == {"article_id": "a1", "index": 1}
    assert event.claimants == ["Defence Ministry", "Red Cross"]
    # what a mention tells (actor, recipient, numbers) counts before its confidence
    strong.confidence = 0.3
    [event] = canonical_events([_result(_article("a1", "Northern Wire"), [weak, strong])])
    assert event.mentions[0] == {"article_id": "a1", "index": 1}


def test_the_lead_mention_gives_the_event_its_mode():
    seizure = _mention("COERCE")
    seizure.mode = "seize"  # 'Customs officers seized 350 rifles'
    arrest = _mention("COERCE", "Police", "KAZ", killed=5)
    arrest.mode = "arrest"  # 'Police arrested 5 people'
    [event] = canonical_events([_result(_article("a1", "Caspian News Agency"), [seizure, arrest])])
    assert event.mentions[0] == {"article_id": "a1", "index": 1}
    assert event.mode == "arrest"
