"""Metadata read from the text: dateline, wire agency, photo credit, outlet boilerplate."""
from __future__ import annotations

import pytest

from eventwire.ingest import enrich, read_path
from eventwire.ingest.metadata import dateline_end, find_dateline, find_outlet, find_photo_credit
from eventwire.models import Article

from .conftest import FIXTURES, split


@pytest.mark.parametrize("opening, place, wire, raw", [
    ("MOSCOW (XINHUA) - Russia's Defence Ministry said", "Moscow", "Xinhua", "MOSCOW"),
    ("BEIRUT, Oct 15 (Reuters) - Syrian troops", "Beirut", "Reuters", "BEIRUT"),
    ("KYIV, Ukraine (AP) \u2014 The mayor said", "Kyiv", "Associated Press", "KYIV"),
    ("DAMASCUS, Oct. 15 -- State media said", "Damascus", None, "DAMASCUS"),
    ("NEW YORK (AFP) - Shares rose", "New York", "Agence France-Presse", "NEW YORK"),
    ("GENEVA, Switzerland, Oct 12 (AFP) - Talks began", "Geneva", "Agence France-Presse", "GENEVA"),
    ("ZHANAOZEN - Gunmen ambushed a patrol", "Zhanaozen", None, "ZHANAOZEN"),
    ("New York (AFP) \u2013 Vice President Joe Biden", "New York", "Agence France-Presse", "New York"),
])
def test_dateline_forms(opening, place, wire, raw):
    text = "Some headline\n\n" + opening + " on Monday."
    found = find_dateline(text, 15)
    assert found is not None
    got_place, got_wire, span = found
    assert (got_place, got_wire) == (place, wire)
    assert text[span.start:span.end] == span.text == raw


@pytest.mark.parametrize("opening, story", [
    ("MOSCOW (XINHUA) - ", "Russia's Defence Ministry said"),
    ("AKTAU, Kazakhstan, Sept 29 (Meridian Press) - ", "Customs officers seized rifles."),
    ("KYIV, Ukraine (AP) \u2014 ", "The mayor said"),
    ("DAMASCUS, Oct. 15 -- ", "State media said"),
])
def test_dateline_end_is_where_the_story_begins(opening, story):
    article = enrich(Article(id="a", text="Headline\n\n" + opening + story))
    assert article.text[dateline_end(article):] == story


def test_no_dateline_ends_at_zero():
    assert dateline_end(enrich(Article(id="a", text="Troops left the town on Monday."))) == 0
    assert dateline_end(None) == 0


@pytest.mark.parametrize("text", [
    "NATO - the alliance said on Monday it would meet.",  # prose after a dash
    "WASHINGTON: The talks ended without a deal.",        # a label, not a dateline
    "The U.S. - led coalition said it struck targets.",
    "Officials in MOSCOW (XINHUA) - said nothing.",        # not at the start of a paragraph
    "Trump Allies (Mostly) - a headline in title case",    # title case needs a known agency
])
def test_not_datelines(text):
    assert find_dateline(text) is None


def test_seed_layout_metadata_from_fixture():
    [a] = split(read_path(FIXTURES / "seed_layout.txt"))[0]
    assert (a.dateline, a.wire) == ("Moscow", "Xinhua")
    assert a.text[a.dateline_span.start:a.dateline_span.end] == "MOSCOW"
    assert a.photo_credit == "AFP / Coast Guard"
    assert a.outlet == "The Straits Times"


@pytest.mark.parametrize("line, credit", [
    ("An explosion is seen. PHOTO: AFP/RUSSIAN DEFENCE MINISTRY", "AFP / Russian Defence Ministry"),
    ("Troops on parade. PHOTO: REUTERS", "Reuters"),
    ("A ship at sea. FILE PHOTO: AP", "AP"),
])
def test_photo_credits(line, credit):
    assert find_photo_credit(f"Headline\n\n{line}\n\nBody text.") == credit


def test_no_photo_credit_in_plain_text():
    assert find_photo_credit("The photographer said the photo: was taken on Monday.") is None


@pytest.mark.parametrize("boilerplate, outlet", [
    ("Join ST's Telegram channel and get the latest breaking news delivered to you.", "The Straits Times"),
    ("Follow Eurasia Ledger on Telegram for more news from the region.", "Eurasia Ledger"),
    ("Subscribe to Mangystau Evening News on WhatsApp for daily updates.", "Mangystau Evening News"),
    ("Copyright 2024 The Harbour Gazette. All rights reserved.", "The Harbour Gazette"),
])
def test_outlet_from_boilerplate(boilerplate, outlet):
    assert find_outlet("Body text here.\n\n" + boilerplate) == outlet


def test_enrich_fills_only_what_is_unknown():
    text = "Headline\n\nBEIRUT, Oct 15 (Reuters) - Body.\n\nJoin ST's Telegram channel."
    a = enrich(Article(id="x", text=text, body_start=10, wire="Given Wire", outlet="Given Outlet"))
    assert a.wire == "Given Wire" and a.outlet == "Given Outlet"
    assert a.dateline == "Beirut"
    b = enrich(Article(id="y", text=text, body_start=10))
    assert (b.wire, b.outlet) == ("Reuters", "The Straits Times")


def test_source_field_is_mapped_to_a_canonical_outlet():
    a = enrich(Article(id="x", text="Body without boilerplate.", source="ST"))
    assert a.outlet == "The Straits Times"


def test_dateline_far_below_the_headline_is_ignored():
    text = "Headline\n\n" + "Background paragraph. " * 120 + "\n\nMOSCOW (XINHUA) - Late dateline."
    a = enrich(Article(id="x", text=text, body_start=10))
    assert a.dateline is None and a.wire is None
