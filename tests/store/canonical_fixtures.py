"""Hand-written articles about one (fictional) air strike, and a stand-in pipeline that reads
their events with a few regular expressions, so canonical-event tests depend neither on the
extractors nor on spaCy.

* ``WIRE``: the Northern Wire dispatch (12 fighters killed, per the Defence Ministry);
* ``REPRINT``: the same dispatch in the Steppe Herald, new headline and a Telegram line added;
* ``RIVAL``: Meridian Press quoting a rights group: 7 civilians killed;
* ``DENIAL``: the Defence Ministry denies that its jets hit a shepherds' camp;
* ``OTHER``: an unrelated story (a port strike), which must stay apart.
"""
from __future__ import annotations

import re

from eventwire.ingest import article_id
from eventwire.models import Actor, Article, DocumentResult, EventMention, Quantity, Span, TimeValue

BODY = ("AKTAU, Kazakhstan (Northern Wire) - Kazakh jets struck a camp of the Ustyurt Liberation Front "
        "near Zhanaozen on Sunday, killing 12 fighters, the Defence Ministry said on Monday.\n\n"
        "The ministry said the jets flew six sorties against positions in the hills south of the town "
        "and destroyed two vehicles carrying weapons.\n\n"
        "Residents of Zhanaozen said they heard explosions for several hours on Sunday night and saw "
        "smoke rising over the valley.\n\n"
        "The Ustyurt Liberation Front has fought government forces in the region for more than a year "
        "and has attacked border posts and rail lines.\n")
WIRE = {"id": "wire-1", "title": "Kazakh jets strike rebel camp near Zhanaozen", "published": "2026-09-28",
        "source": "Northern Wire", "text": BODY}
REPRINT = {"id": "herald-1", "title": "Air strike near Zhanaozen kills 12", "published": "2026-09-28",
           "source": "Steppe Herald", "text": BODY + "\nJoin the Steppe Herald channel on Telegram for more news.\n"}
RIVAL = {"id": "meridian-1", "title": "Rights group says Zhanaozen air strike killed civilians",
         "published": "2026-09-29", "source": "Meridian Press",
         "text": ("AKTAU, Kazakhstan (Meridian Press) - Sunday's air strike by Kazakh jets near Zhanaozen "
                  "killed 7 civilians at a shepherds' camp, the Steppe Monitor said on Tuesday.\n\n"
                  "The Defence Ministry has said the jets struck a camp of the Ustyurt Liberation Front "
                  "in the hills south of the town.\n\n"
                  "Residents of Zhanaozen said they saw smoke rising over the valley.\n")}
DENIAL = {"id": "cnag-1", "title": "Ministry denies hitting shepherds near Zhanaozen", "published": "2026-09-30",
          "source": "Caspian News Agency",
          "text": ("ASTANA (CNAG) - The Defence Ministry denied on Wednesday that Kazakh jets had hit a "
                   "shepherds' camp near Zhanaozen in Sunday's air strike.\n\n"
                   "The ministry said the jets struck only positions of the Ustyurt Liberation Front "
                   "in the hills south of the town.\n")}
OTHER = {"id": "port-1", "title": "Dockers strike at Aktau port", "published": "2026-09-28",
         "source": "Eurasia Ledger",
         "text": ("AKTAU - Dockers at the Caspian port of Aktau stopped work on Monday over unpaid wages, "
                  "their union said, and ferries to Baku were held at anchor.\n")}

KAZ = dict(name="Kazakhstan", registry_id="KAZ", country="KAZ", countries=["KAZ"], sector="military")
_KILLED = re.compile(r"kill(?:ed|ing) (\d+) (\w+)")
_SAYS = re.compile(r"the (Defence Ministry|Steppe Monitor) (?:said|denied)")


def _sentence(text: str, at: int) -> Span:
    start = text.rfind("\n\n", 0, at)
    start = 0 if start < 0 else start + 2
    end = text.find("\n\n", at)
    end = len(text) if end < 0 else end
    return Span(start, end, text[start:end])


def _actor(text: str, needle: str) -> Actor:
    at = text.index(needle)
    return Actor(needle, at, at + len(needle), **KAZ)


def read_events(article: Article) -> list:
    """The strike (with its toll and who gives it) or its denial, as a tagger would."""
    text = article.text
    if "jets" not in text:
        return []
    said = _SAYS.search(text)
    claimant = Actor(said.group(1), said.start(1), said.end(1), name=said.group(1)) if said else None
    sunday = text.index("Sunday")
    date = TimeValue(sunday, sunday + 6, "Sunday", "DATE", "2026-09-27", precision="day")
    if "denied" in text:
        at = text.index("denied")
        return [EventMention(type="REJECT", trigger=Span(at, at + 6, "denied"), evidence=_sentence(text, at),
                             actor=Actor("The Defence Ministry", name="Kazakhstan", registry_id="KAZ",
                                         country="KAZ"),
                             date=date, claimant=claimant, denies="ASSAULT", modality="asserted")]
    at = text.index("struck") if "struck" in text else text.index("strike")
    killed = _KILLED.search(text)
    quantities = [Quantity(killed.start(1), killed.end(2), text[killed.start(1):killed.end(2)],
                           float(killed.group(1)), killed.group(2), role="killed")] if killed else []
    return [EventMention(type="ASSAULT", mode="aerial", trigger=Span(at, at + 6, text[at:at + 6]),
                         evidence=_sentence(text, at), actor=_actor(text, "Kazakh jets"), date=date,
                         quantities=quantities, claimant=claimant,
                         modality="claimed" if claimant else "asserted")]


def fake_pipeline(articles):
    return [DocumentResult(id=a.id, article=a, events=read_events(a)) for a in articles]


def as_article(record: dict) -> Article:
    return Article(id=article_id(record["text"]), text=record["text"], title=record["title"],
                   published=record["published"], source=record["source"], outlet=record["source"],
                   external_id=record["id"])
