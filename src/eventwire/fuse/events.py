"""Canonical events: the mentions of one real-world event, across sentences and articles, merged.

Two mentions are the same event when they belong to the same story (``DocumentResult.story``;
an article without one is its own story), have the same type, compatible actors (same
registry entry, country or name, or one unknown) and compatible dates (within
``DATE_WINDOW_DAYS``; a date that only comes from the publication date is a soft bound).

Each canonical event keeps every mention, the articles and the independent sources behind
them (:func:`eventwire.fuse.sources.original_publishers`: reprints do not count twice), the
claimants, one :class:`~eventwire.models.EventVersion` per article and claimant, and the
conflicts between versions (:mod:`eventwire.fuse.conflicts`): different numbers for the same
role, or a denial by a party to the event.
"""
from __future__ import annotations

import hashlib
from datetime import date
from typing import Iterable, Optional

from ..models import DocumentResult, Event, EventMention, EventVersion
from ..ontology import ontology
from .conflicts import find_conflicts
from .sources import original_publishers

VERSION = "0.1"
COMPONENT = f"eventwire_fuse_events@{VERSION}"
DATE_WINDOW_DAYS = 2
SOFT_WINDOW_DAYS = 4  # a date taken from the publication date may trail the event by days


def _actor_key(actor) -> Optional[str]:
    if actor is None:
        return None
    if actor.registry_id and not actor.registry_id.startswith("ent:"):
        return actor.registry_id
    if actor.country:
        return actor.country
    if actor.countries:
        return "+".join(sorted(actor.countries))
    name = (actor.name or "").strip().lower()
    return f"name:{name}" if name else None


def _compatible_actor(a: Optional[str], b: Optional[str]) -> bool:
    return a is None or b is None or a == b


def _day(tv) -> Optional[date]:
    if tv is None or not tv.value or len(tv.value) < 10:
        return None
    try:
        return date.fromisoformat(tv.value[:10])
    except ValueError:
        return None


def _compatible_date(a, b) -> bool:
    da, db = _day(a), _day(b)
    if da is None or db is None:
        return True
    soft = (a.anchor == "publication date") or (b.anchor == "publication date")
    return abs((da - db).days) <= (SOFT_WINDOW_DAYS if soft else DATE_WINDOW_DAYS)


class _Group:
    def __init__(self, story: str, ev: EventMention):
        self.story, self.type = story, ev.type
        self.actor_key = _actor_key(ev.actor)
        self.first: EventMention = ev
        self.members: list = []  # (result, index, mention)

    def accepts(self, story: str, ev: EventMention) -> bool:
        if story != self.story or ev.type != self.type:
            return False
        if not _compatible_actor(self.actor_key, _actor_key(ev.actor)):
            return False
        return all(_compatible_date(ev.date, m.date) for _r, _i, m in self.members)

    def add(self, result: DocumentResult, index: int, ev: EventMention) -> None:
        self.members.append((result, index, ev))
        if self.actor_key is None:
            self.actor_key = _actor_key(ev.actor)


def _codable(ev: EventMention) -> bool:
    return not ev.extension and ev.modality != "hypothetical" and not ev.denies


def _best(members, attr):
    """The most informative value of a role across mentions (most specific place, a real date)."""
    values = [getattr(m, attr) for _r, _i, m in members if getattr(m, attr) is not None]
    if not values:
        return None
    if attr == "place":
        rank = {"point": 0, "city": 1, "region": 2, "country": 3}
        return min(values, key=lambda p: rank.get(p.precision or "", 9))
    if attr == "date":
        from_text = [v for v in values if v.anchor != "publication date"]
        return (from_text or values)[0]
    named = [v for v in values if v.country or v.countries or v.registry_id]
    return (named or values)[0]


def _version(result: DocumentResult, index: int, ev: EventMention, publishers) -> EventVersion:
    numbers = {}
    for q in ev.quantities:
        role = q.role or q.unit
        numbers.setdefault(role, q.value)
    claimant = ev.claimant.name or ev.claimant.text if ev.claimant else None
    actor = (ev.actor.name or ev.actor.text) if ev.actor else None
    return EventVersion(article_id=result.id, publishers=list(publishers), claimant=claimant,
                        modality=ev.modality, numbers=numbers, actor=actor, mention=index)


def canonical_events(results: Iterable[DocumentResult]) -> list:
    """Merge the event mentions of a batch into canonical events (deterministic for the batch)."""
    results = sorted(results, key=lambda r: ((r.article.published or ""), r.id))
    articles = {r.id: r.article for r in results}
    publishers = original_publishers(articles, {r.id: r.reprint_of for r in results})
    groups: list = []
    by_story: dict = {}  # (story, type) -> groups: a mention is only ever compared within its story
    denials = []
    for r in results:
        story = r.story or r.id
        for i, ev in enumerate(r.events):
            if ev.denies:
                denials.append((story, r, i, ev))
            if not _codable(ev):
                continue
            candidates = by_story.setdefault((story, ev.type), [])
            group = next((g for g in candidates if g.accepts(story, ev)), None)
            if group is None:
                group = _Group(story, ev)
                groups.append(group)
                candidates.append(group)
            group.add(r, i, ev)
    events = [_to_event(g, publishers) for g in groups]
    _attach_denials(events, groups, denials, publishers)
    for ev in events:
        ev.conflicts = find_conflicts(ev)
        ev.contested = bool(ev.conflicts)
    return events


def _lead_first(members: list) -> list:
    """The mention that tells the event best leads (its evidence and claimant are what a
    listing shows): the one with the most of actor, recipient and numbers, then the most
    confident, the earliest of equals. 'Fighting has displaced 1,500 people, according to the
    Red Cross' joins the air strike's event, and does not speak for it."""
    def telling(k):
        m = members[k][2]
        told = (m.actor is not None) + (m.recipient is not None) + bool(m.quantities)
        return told, m.confidence or 0.0, -k

    lead = max(range(len(members)), key=telling)
    return [members[lead]] + members[:lead] + members[lead + 1:]


def _to_event(g: _Group, publishers) -> Event:
    first_r, first_i, first = g.members[0]
    members = _lead_first(g.members)
    article_ids = list(dict.fromkeys(r.id for r, _i, _m in g.members))
    sources = set()
    for aid in article_ids:
        sources.update(publishers.get(aid, ()))
    seen = sorted(r.article.published for r, _i, _m in g.members if r.article.published)
    claimants = list(dict.fromkeys(
        (m.claimant.name or m.claimant.text) for _r, _i, m in members if m.claimant))
    versions, keyed = [], set()
    for r, i, m in g.members:
        v = _version(r, i, m, publishers.get(r.id, ()))
        key = (v.article_id, v.claimant, tuple(sorted(v.numbers.items())))
        if key not in keyed:
            keyed.add(key)
            versions.append(v)
    digest = hashlib.sha1(f"{g.story}|{g.type}|{g.actor_key}|{first_r.id}|{first_i}".encode()).hexdigest()
    return Event(
        id="e" + digest[:16], type=g.type, story=g.story,
        # the lead mention first, so its mode and roles speak for the event as its evidence does
        mode=next((m.mode for _r, _i, m in members if m.mode), None),
        actor=_best(members, "actor"), recipient=_best(members, "recipient"),
        place=_best(members, "place"), date=_best(members, "date"),
        mentions=[{"article_id": r.id, "index": i} for r, i, _m in members],
        n_articles=len(article_ids), n_sources=len(sources),
        first_seen=seen[0] if seen else None, last_seen=seen[-1] if seen else None,
        claimants=claimants, versions=versions, component=COMPONENT)


def _attach_denials(events, groups, denials, publishers) -> None:
    """A denial of act T by X is a version of the same-story event of type T with actor X."""
    types = ontology()
    for story, r, i, ev in denials:
        if types.get(ev.denies, {}).get("verbal", True):
            continue  # denying a statement is a rejection, not a counter-account of an act
        key = _actor_key(ev.actor)
        matches = [e for e, g in zip(events, groups) if g.story == story and g.type == ev.denies
                   and _compatible_actor(g.actor_key, key)]
        if not matches:
            continue
        target = next((e for e, g in zip(events, groups) if e in matches and g.actor_key == key), matches[0])
        target.versions.append(EventVersion(
            article_id=r.id, publishers=list(publishers.get(r.id, ())),
            claimant=(ev.actor.name or ev.actor.text) if ev.actor else None,
            modality="denied", actor=(ev.actor.name or ev.actor.text) if ev.actor else None, mention=i))
        target.mentions.append({"article_id": r.id, "index": i})
        who = (ev.actor.name or ev.actor.text) if ev.actor else None
        if who and who not in target.claimants:
            target.claimants.append(who)
