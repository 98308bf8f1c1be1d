"""Hand-written wire copy (invented places and numbers) and its edited reprints."""
from __future__ import annotations

import pytest

from eventwire.ingest import article_from_text, enrich
from eventwire.models import Article, DocumentResult

FLOOD_PARAGRAPHS = [
    "VELMORA, March 3 (Xinhua) -- Floods triggered by three days of torrential rain have killed at least 27 people and forced more than 14,000 residents from their homes in the southern province of Kestrel, local authorities said on Tuesday.",
    "The provincial emergency office said rescue teams had pulled 312 people from submerged villages along the Arun river since Sunday night, using boats borrowed from fishing cooperatives.",
    "Water levels at the Darsen reservoir rose by 4.2 metres in 48 hours, prompting engineers to open two spillway gates for the first time since the dam was completed in 1998.",
    "Governor Ilse Marand told reporters in Velmora that 41 temporary shelters had been set up in schools and sports halls, and that drinking water was being trucked to the worst-hit districts.",
    "The national weather bureau has issued a red alert for the coming 72 hours and warned that landslides were likely on the slopes above the town of Perin.",
    "Road links between Velmora and the coastal port of Sallen were cut on Monday after a bridge on the main highway was washed away, stranding about 600 trucks.",
    "The agriculture ministry estimated that 9,500 hectares of rice paddies had been flooded, and said compensation for farmers would be discussed at a cabinet meeting on Thursday.",
    "Kestrel province, home to about 3.1 million people, suffered its last major flood in 2011, when 63 people died.",
    "Relief supplies including tents, blankets and medicine were flown in from the capital on two military transport aircraft on Tuesday afternoon.",
]

OTHER_FLOOD_PARAGRAPHS = [
    "ORSHAVA, Aug 19 (Reuters) - Flash floods swept through mountain villages in the northern region of Tamsk on Saturday, killing four hikers and leaving a family of six missing, police said.",
    "A wall of water up to two metres high came down the Belen gorge shortly after a cloudburst over the Kor plateau in the early afternoon, witnesses told local television.",
    "Police spokesman Dario Venn said mountain rescue volunteers had found the bodies of the four hikers near a footbridge that had been torn from its moorings.",
    "The missing family had been camping at a riverside site outside the village of Uzhel, Venn said, adding that helicopters would resume the search at first light on Sunday.",
    "Regional officials closed all trails in the gorge until further notice and said an inquiry would examine why no warning had been issued to campers.",
    "Tamsk is popular with walkers in summer, and the gorge has seen smaller floods in previous years but none that caused deaths, according to the regional tourism office.",
]


def wire_text(headline: str, paragraphs: list) -> str:
    return headline + "\n" + "\n".join(paragraphs)


def make_article(text: str, **meta) -> Article:
    art = article_from_text(text, "test", **meta)
    return enrich(art)


def make_result(text: str, **meta) -> DocumentResult:
    art = make_article(text, **meta)
    return DocumentResult(id=art.id, article=art)


@pytest.fixture
def original():
    return make_result(wire_text("Floods kill 27 in Kestrel province", FLOOD_PARAGRAPHS),
                       published="2024-03-03", outlet="Xinhua")


@pytest.fixture
def new_headline():
    # same copy, a local outlet's own headline and no dateline
    body = [FLOOD_PARAGRAPHS[0].split("-- ", 1)[1]] + FLOOD_PARAGRAPHS[1:]
    return make_result(wire_text("Deadly floods hit southern Kestrel; thousands flee", body),
                       published="2024-03-03", outlet="The Straits Times")


@pytest.fixture
def cut_paragraphs():
    return make_result(wire_text("Kestrel floods: death toll reaches 27", FLOOD_PARAGRAPHS[:4]),
                       published="2024-03-04", outlet="The Daily Harbour")


@pytest.fixture
def added_boilerplate():
    body = FLOOD_PARAGRAPHS[:6] + [
        "Join ST's Telegram channel and get the latest breaking news delivered to you.",
        "Read more: Kestrel governor under fire over reservoir safety",
        "Copyright 2024 The Straits Times. All rights reserved.",
    ]
    return make_result(wire_text("At least 27 dead as floods swamp Kestrel", body),
                       published="2024-03-04", outlet="The Straits Times")


@pytest.fixture
def other_flood():
    return make_result(wire_text("Flash floods kill four hikers in Tamsk gorge", OTHER_FLOOD_PARAGRAPHS),
                       published="2024-08-19", outlet="Reuters")


@pytest.fixture
def kit():
    """The texts and builders above, for tests that compose their own articles."""
    from types import SimpleNamespace
    return SimpleNamespace(flood=FLOOD_PARAGRAPHS, other_flood=OTHER_FLOOD_PARAGRAPHS,
                           article=make_article, result=make_result, wire_text=wire_text)
