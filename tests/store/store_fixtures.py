"""Hand-built articles and extraction results, so store tests never depend on extraction quality.

Import with ``from store_fixtures import ...`` (test modules outside tests/store put this
folder on ``sys.path`` first).
"""
from __future__ import annotations

from eventwire.ingest import article_id
from eventwire.models import (Actor, Article, Attribution, DocumentResult, Entity, EventMention,
                              Place, Quantity, Span, TimeValue)

STRIKE_TEXT = ("Russia says militants retreat\n\n"
               "MOSCOW (XINHUA) - Russian warplanes carried out 33 sorties and hit 32 facilities "
               "near Raqqa on Wednesday, the Russian Defence Ministry said on Thursday. "
               "Syrian officials denied that civilians were hurt.")
TALKS_TEXT = ("Talks in Geneva\n\n"
              "GENEVA - Delegations from Russia and the United States met in Geneva on Oct 20 "
              "to discuss the conflict, according to a statement from the US State Department.")
PLAIN_TEXT = "A quiet day\n\nNothing of note happened in the capital today, officials said."


def span(text: str, needle: str, start_at: int = 0) -> Span:
    start = text.index(needle, start_at)
    return Span(start, start + len(needle), needle)


def sentence(text: str, needle: str) -> Span:
    """The sentence (between full stops) holding ``needle``."""
    hit = text.index(needle)
    start = max(text.rfind(". ", 0, hit) + 2, text.find("\n\n") + 2 if "\n\n" in text[:hit] else 0)
    end = text.index(".", hit) + 1
    return Span(start, end, text[start:end])


def article(text: str, **meta) -> Article:
    return Article(id=article_id(text), text=text, **meta)


def strike_result() -> DocumentResult:
    text = STRIKE_TEXT
    art = article(text, title="Russia says militants retreat", published="2015-10-15",
                  outlet="The Straits Times", wire="Xinhua", dateline="Moscow",
                  dateline_span=span(text, "MOSCOW"), origin="fixtures/strike.txt",
                  external_id="strike-1", body_start=text.index("MOSCOW"), extra={"lang": "en"})
    ministry = span(text, "the Russian Defence Ministry")
    sorties, facilities = span(text, "33 sorties"), span(text, "32 facilities")
    raqqa, wednesday = span(text, "Raqqa"), span(text, "Wednesday")
    place = Place(raqqa.start, raqqa.end, "Raqqa", name="Ar Raqqah", country="SYR", lat=35.95,
                  lon=39.01, precision="city", feature="PPLA", geonameid=172955, confidence=0.9,
                  component="eventwire_places@0.1")
    date = TimeValue(wednesday.start, wednesday.end, "Wednesday", "DATE", "2015-10-14",
                     precision="day", anchor="2015-10-15", component="eventwire_times@0.1")
    q1 = Quantity(sorties.start, sorties.end, sorties.text, 33.0, "sortie", role="sorties",
                  component="eventwire_quantities@0.1")
    q2 = Quantity(facilities.start, facilities.end, facilities.text, 32.0, "facility",
                  role="targets", component="eventwire_quantities@0.1")
    strike = EventMention(
        type="ASSAULT", mode="aerial", trigger=span(text, "hit"),
        evidence=sentence(text, "warplanes"),
        actor=Actor("Russian warplanes", *_se(text, "Russian warplanes"), name="Russia",
                    registry_id="RUS", country="RUS", countries=["RUS"], sector="military",
                    component="eventwire_actors@0.1"),
        recipient=Actor("militants", name="ISIS", country=None, sector="rebel"),
        place=place, date=date, quantities=[q1, q2],
        claimant=Actor(ministry.text, ministry.start, ministry.end, name="Russian Defence Ministry",
                       country="RUS", sector="military"),
        claimant_chain=["Russian Defence Ministry", "Xinhua", "The Straits Times"],
        attribution=0, modality="claimed", confidence=0.8, component="eventwire_events@0.1")
    denial = EventMention(
        type="ASSAULT", trigger=span(text, "hurt"), evidence=sentence(text, "denied"),
        actor=Actor("Russian warplanes", name="Russia", country="RUS"),
        recipient=Actor("civilians", sector="civilians", country="SYR"),
        claimant=Actor("Syrian officials", name="Syrian government", country="SYR", sector="government"),
        modality="denied", negated=True, confidence=0.4, component="eventwire_events@0.1")
    return DocumentResult(
        id=art.id, article=art,
        entities=[Entity(*_se(text, "Russian Defence Ministry"), "ORG", "Russian Defence Ministry", "eventwire_entities@0.1"),
                  Entity(*_se(text, "Raqqa"), "GPE", "Raqqa", "eventwire_entities@0.1")],
        places=[place], times=[date], quantities=[q1, q2],
        attributions=[Attribution(source=[[ministry.start, ministry.end]],
                                  cue=[list(_se(text, "said"))],
                                  content=[[text.index("Russian warplanes"), text.index(", the Russian")]],
                                  source_text=ministry.text, cue_text="said", kind="indirect",
                                  component="eventwire_attributions@0.1")],
        events=[strike, denial], story="s-strike", versions={"eventwire_events": "0.1"})


def talks_result() -> DocumentResult:
    text = TALKS_TEXT
    art = article(text, title="Talks in Geneva", published="2015-10-21T09:30:00Z", outlet="Reuters",
                  origin="fixtures/talks.txt")
    geneva = span(text, "Geneva", text.index("met"))
    talks = EventMention(
        type="CONSULT", trigger=span(text, "met"), evidence=sentence(text, "Delegations"),
        actor=Actor("Russia", name="Russia", country=["RUS", "USA"], countries=["RUS", "USA"]),
        recipient=Actor("the United States", name="United States", country="USA", sector="government"),
        place=Place(geneva.start, geneva.end, "Geneva", name="Geneva", country="CHE", lat=46.2, lon=6.15),
        date=TimeValue(*_se(text, "Oct 20"), "Oct 20", "DATE", "2015-10-20", precision="day"),
        claimant=Actor("the US State Department", name="US State Department", country="USA"),
        claimant_chain=["US State Department", "Reuters"], modality="asserted", confidence=0.7,
        component="eventwire_events@0.1")
    return DocumentResult(id=art.id, article=art, events=[talks], story="s-talks")


def plain_result() -> DocumentResult:
    art = article(PLAIN_TEXT, title="A quiet day", origin="fixtures/plain.txt")
    return DocumentResult(id=art.id, article=art)


def all_results():
    return [strike_result(), talks_result(), plain_result()]


def _se(text: str, needle: str):
    """``(start, end)`` of ``needle`` in ``text``."""
    start = text.index(needle)
    return start, start + len(needle)
