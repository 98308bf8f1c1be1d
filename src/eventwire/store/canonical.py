"""Canonical events in the store: ``Event`` records <-> ``events`` / ``event_versions`` rows.

The merging itself is :func:`eventwire.fuse.events.canonical_events`; this module only
flattens its output into rows (named like the mention columns, so the same filters apply) and
says which mention belongs to which event. A story's canonical events are always recomputed
from every stored mention of that story, never patched, so the result is the same whatever
order or batches its articles arrived in.
"""
from __future__ import annotations

import hashlib
import json
from typing import Dict, Iterable, List, Tuple

from ..models import DocumentResult, Event, Place, TimeValue
from .dates import event_bounds
from .rows import _actor_cells, _record_cells

EVENT_COLUMNS = (
    ["id", "story", "type", "mode", "mention_id"]
    + [c for role in ("actor", "recipient") for c in (
        f"{role}_text", f"{role}_start", f"{role}_end", f"{role}_name", f"{role}_registry_id",
        f"{role}_country", f"{role}_countries", f"{role}_sector", f"{role}_component")]
    + [f"place_{n}" for n in ("text", "start", "end", "name", "country", "lat", "lon", "precision",
                              "feature", "geonameid", "role", "confidence", "component")]
    + [f"date_{n}" for n in ("text", "start", "end", "type", "value", "precision", "range_start",
                             "range_end", "anchor", "certainty", "component")]
    + ["date_from", "date_to", "n_mentions", "n_articles", "n_sources", "first_seen", "last_seen",
       "claimants", "modalities", "contested", "conflicts", "component"]
)
VERSION_COLUMNS = ["event_id", "idx", "article_id", "mention", "publishers", "claimant", "modality",
                   "numbers", "actor"]


def merge_by_story(results: Iterable[DocumentResult]) -> List[Event]:
    """:func:`eventwire.fuse.events.canonical_events`, one story at a time.

    Mentions only merge within a story, so the result is the same as one call over all
    results, but each mention is compared with the events of its own story only (one call
    over a batch of 200 polnear articles compares it with every event of the batch: 8x slower).
    """
    from ..fuse.events import canonical_events

    by_story: Dict[str, List[DocumentResult]] = {}
    for r in results:
        by_story.setdefault(r.story or r.id, []).append(r)
    return [event for story in sorted(by_story) for event in canonical_events(by_story[story])]


def mention_key(article_id: str, index: int) -> str:
    """The ``event_mentions.id`` of mention ``index`` of an article (see rows.mention_row)."""
    return f"{article_id}:e{index}"


def event_row(event: Event) -> dict:
    first = event.mentions[0] if event.mentions else None
    row = {"id": event.id, "story": event.story, "type": event.type, "mode": event.mode,
           "mention_id": mention_key(first["article_id"], first["index"]) if first else None}
    row.update(_actor_cells("actor", event.actor))
    row.update(_actor_cells("recipient", event.recipient))
    row.update(_record_cells("place", Place, event.place))
    row.update(_record_cells("date", TimeValue, event.date))
    if event.date is not None:
        row["date_from"], row["date_to"] = event_bounds(event.date.value, event.date.range_start,
                                                        event.date.range_end)
    else:
        row["date_from"] = row["date_to"] = None
    row.update({
        "n_mentions": len(event.mentions), "n_articles": event.n_articles,
        "n_sources": event.n_sources, "first_seen": event.first_seen, "last_seen": event.last_seen,
        "claimants": [str(c) for c in event.claimants],
        "modalities": sorted({v.modality for v in event.versions if v.modality}),
        "contested": bool(event.contested),
        "conflicts": json.dumps(event.conflicts, ensure_ascii=False, sort_keys=True),
        "component": event.component,
    })
    return {c: row.get(c) for c in EVENT_COLUMNS}


def version_rows(event: Event) -> List[dict]:
    return [{"event_id": event.id, "idx": i, "article_id": v.article_id, "mention": v.mention,
             "publishers": [str(p) for p in v.publishers], "claimant": v.claimant,
             "modality": v.modality,
             "numbers": json.dumps(v.numbers, ensure_ascii=False, sort_keys=True),
             "actor": v.actor}
            for i, v in enumerate(event.versions)]


def event_tables(events: Iterable[Event]) -> Tuple[List[dict], List[dict], Dict[str, str]]:
    """``(event rows, version rows, mention id -> event id)`` for a set of canonical events."""
    rows, versions, links = [], [], {}
    for event in events:
        rows.append(event_row(event))
        versions.extend(version_rows(event))
        for m in event.mentions:
            links.setdefault(mention_key(m["article_id"], m["index"]), event.id)
    return rows, versions, links


def keep_ids(events: List[Event], old_links: Dict[str, str]) -> None:
    """Give each recomputed event the id of the stored event it grew from, so that an event
    keeps its id as articles join it (fuse names an event after its earliest mention, which
    changes when an earlier copy arrives).

    ``old_links`` is mention id -> stored event id. Pairs are matched greedily by how many
    mentions they share (ties: new event order, then old id); each stored id goes to at most
    one event. An event that inherits nothing keeps fuse's id, re-hashed in the rare case
    that an inherited id already took it.
    """
    pairs = []
    for n, event in enumerate(events):
        shared: Dict[str, int] = {}
        for m in event.mentions:
            old = old_links.get(mention_key(m["article_id"], m["index"]))
            if old:
                shared[old] = shared.get(old, 0) + 1
        pairs.extend((-count, n, old) for old, count in shared.items())
    taken, given = set(), {}
    for _neg, n, old in sorted(pairs):
        if n not in given and old not in taken:
            given[n] = old
            taken.add(old)
    for n, event in enumerate(events):
        if n in given:
            event.id = given[n]
        else:
            while event.id in taken:
                event.id = "e" + hashlib.sha1(event.id.encode()).hexdigest()[:16]
            taken.add(event.id)
