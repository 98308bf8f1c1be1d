"""The records' generated ``to_dict`` converters against the generic walk they replaced."""
from dataclasses import fields

import pytest

from eventwire.models import (Actor, Article, Attribution, DocumentResult, Entity, EventMention, Place,
                              Quantity, Record, Span, TimeValue, json_line)


def _walk(value):
    """The generic walk (models.py before per-class converters): records become dicts over
    their fields in order, ``None`` and empty containers are dropped, tuples become lists."""
    if isinstance(value, Record):
        return _items({f.name: getattr(value, f.name) for f in fields(value)})
    if isinstance(value, (list, tuple)):
        return [_walk(v) for v in value]
    if isinstance(value, dict):
        return _items(value)
    return value


def _items(mapping):
    return {k: _walk(v) for k, v in mapping.items() if not (v is None or v == [] or v == {})}


def _event(**extra):
    actor = Actor(text="Russian and Israeli pilots", start=0, end=26, name="Russia and Israel",
                  countries=["RUS", "ISR"], sector="military", component="a@1")
    return EventMention(
        type="ASSAULT", trigger=Span(30, 38, "attacked"), evidence=Span(0, 60, "..."), actor=actor,
        recipient=Actor(text="rebels", start=39, end=45, country="SYR"),
        place=Place(50, 56, "Aleppo", name="Aleppo", country="SYR", lat=36.2, lon=37.1, geonameid=170063),
        date=TimeValue(57, 60, "Monday", "DATE", "2015-10-12", precision="day", certainty=1.0),
        quantities=[Quantity(10, 18, "33 sorties", 33.0, "sortie", role="sorties")],
        claimant=Actor(text="the ministry"), claimant_chain=["Ministry", "Xinhua"], attribution=0,
        modality="claimed", negated=False, confidence=0.7, component="e@1", **extra)


@pytest.mark.parametrize("record", [
    Span(1, 2),  # text "" is kept: only None and empty containers are dropped
    Entity(0, 4, "ORG", "NATO", "ent@1", kind="name"),
    TimeValue(0, 3, "now", "DATE", "PRESENT_REF", certainty=0.0),
    Attribution(source=[[0, 5]], cue=[(6, 10)], content=[], source_text="he", nested_in=0),
    Attribution(source=(), cue=[], content=[[1, 2]]),  # an empty tuple is not dropped (it is not == [])
    Article(id="x", text="t", dateline_span=Span(0, 3, "ROME"), extra={"a": {"b": [], "c": (1, 2)}, "d": {}}),
    _event(),
    _event(mode="air", denies="ASSAULT", extension=True),
    # values of another shape than their annotation still go through the generic rules
    EventMention(type="X", trigger={"start": 1, "end": (2, [])}, evidence=Span(0, 1),
                 actor=Actor(text="a", country=["RUS", "SYR"]), quantities=(Quantity(0, 1, "1", 1.0, "x"),),
                 claimant_chain=[], date="2015"),
])
def test_to_dict_gives_what_the_generic_walk_gives(record):
    got = record.to_dict()
    assert got == _walk(record)
    assert list(got) == list(_walk(record))  # same key order, so the same JSON bytes
    assert json_line(got) == json_line(_walk(record))


def test_document_result_to_dict_keeps_its_shape():
    article = Article(id="abc", text="Rebels attacked.", title="T", external_id="ext-1", outlet="Wire")
    result = DocumentResult(id="abc", article=article, entities=[Entity(0, 6, "NORP", "Rebels", "c")],
                            events=[_event()], versions={"eventwire_events": "0.1"})
    out = result.to_dict()
    assert list(out) == ["id", "article_id", "title", "outlet", "entities", "places", "times", "quantities",
                         "attributions", "events", "versions"]
    assert out["id"] == "ext-1" and out["places"] == [] and out["events"] == [_walk(_event())]
    assert out["entities"] == [{"start": 0, "end": 6, "label": "NORP", "text": "Rebels", "component": "c",
                                "kind": "name"}]


def test_records_are_slotted():
    # slots keep records small and make the field list the whole record: the converters
    # rely on it (an attribute set outside the fields would be silently dropped otherwise)
    actor = Actor(text="x")
    assert not hasattr(actor, "__dict__")
    with pytest.raises(AttributeError):
        actor.score = 1.0
