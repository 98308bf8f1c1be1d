"""Typed records <-> table rows, the same for every store backend.

``result_rows`` flattens one :class:`DocumentResult` into rows for each table of
``migrations/001_initial.sql``; ``result_from_rows`` rebuilds it, so a stored article comes
back field for field (the round trip is tested: nothing accepted is lost).
Nested records in an event mention become prefixed columns (``actor_name``, ``place_lat``,
``date_value`` ...), named after the model fields so the two cannot drift apart unnoticed.
"""
from __future__ import annotations

import json
from dataclasses import fields, is_dataclass
from functools import lru_cache
from typing import Any, Dict, List, Optional, Tuple, Type

from ..models import (Actor, Article, Attribution, DocumentResult, Entity, EventMention, Place,
                      Quantity, Span, TimeValue)
from .dates import event_bounds, published_day

# table -> model of its rows, for the simple "one record, one row" tables
RECORD_TABLES: Dict[str, Type] = {"entities": Entity, "times": TimeValue, "places": Place,
                                  "quantities": Quantity, "attributions": Attribution}
ACTOR_ROLES = ("actor", "recipient", "claimant")
ARTICLE_COLUMNS = ["id", "external_id", "title", "published", "published_day", "outlet", "source",
                   "url", "wire", "dateline", "dateline_start", "dateline_end", "dateline_text",
                   "photo_credit", "origin", "body_start", "text", "extra", "story", "reprint_of",
                   "versions"]
# EventMention fields stored under another name or spread over several columns
_MENTION_SPECIAL = {"trigger", "evidence", "actor", "recipient", "claimant", "place", "date",
                    "quantities", "attribution", "countries"}


@lru_cache(maxsize=None)
def _names(cls) -> Tuple[str, ...]:
    # dataclasses.fields() is slow enough to show in ingest profiles: ask once per class
    return tuple(f.name for f in fields(cls))


def record_columns(cls) -> List[str]:
    return ["article_id", "idx", *_names(cls)]


def mention_columns() -> List[str]:
    cols = ["id", "article_id", "idx", "event_id"]
    cols += [n for n in _names(EventMention) if n not in _MENTION_SPECIAL]
    cols += ["trigger_start", "trigger_end", "trigger_text",
             "evidence_start", "evidence_end", "evidence_text", "attribution_idx"]
    for role in ACTOR_ROLES:
        cols += [f"{role}_{n}" for n in _names(Actor)]
    cols += [f"place_{n}" for n in _names(Place)]
    cols += [f"date_{n}" for n in _names(TimeValue)] + ["date_from", "date_to"]
    return cols


EVENT_QUANTITY_COLUMNS = ["mention_id", "article_id", "idx", *_names(Quantity)]
TABLE_COLUMNS: Dict[str, List[str]] = {
    "articles": ARTICLE_COLUMNS,
    **{table: record_columns(cls) for table, cls in RECORD_TABLES.items()},
    "event_mentions": mention_columns(),
    "event_quantities": EVENT_QUANTITY_COLUMNS,
}


def _as(cls, value):
    """Accept a record or its dict form (components may hand either)."""
    if value is None or isinstance(value, cls):
        return value
    if isinstance(value, dict):
        if cls is EventMention:
            value = dict(value)
            for key, sub in (("trigger", Span), ("evidence", Span), ("actor", Actor),
                             ("recipient", Actor), ("claimant", Actor), ("place", Place),
                             ("date", TimeValue)):
                value[key] = _as(sub, value.get(key))
            value["quantities"] = [_as(Quantity, q) for q in value.get("quantities") or []]
        return cls.from_dict(value)
    if is_dataclass(value):
        return cls.from_dict({f.name: getattr(value, f.name) for f in fields(value)})
    raise TypeError(f"expected {cls.__name__}, got {type(value).__name__}")


def _fragments(value) -> List[List[int]]:
    """Attribution roles as ``[[start, end], ...]`` whatever shape they came in."""
    out = []
    for frag in value or []:
        if isinstance(frag, dict):
            out.append([int(frag["start"]), int(frag["end"])])
        elif isinstance(frag, Span):
            out.append([frag.start, frag.end])
        else:
            out.append([int(frag[0]), int(frag[1])])
    return out


def _country_cell(value) -> Optional[str]:
    if isinstance(value, (list, tuple)):
        return ";".join(str(v) for v in value) if value else None
    return value


@lru_cache(maxsize=None)
def _prefixed(prefix: str, cls) -> Tuple[Tuple[str, str], ...]:
    """``(column, field)`` pairs such as ``("actor_name", "name")``."""
    return tuple((f"{prefix}_{n}", n) for n in _names(cls))


def _actor_cells(role: str, actor: Optional[Actor]) -> dict:
    if actor is None:
        return {col: None for col, _ in _prefixed(role, Actor)}
    cells = {col: getattr(actor, n) for col, n in _prefixed(role, Actor)}
    cells[f"{role}_country"] = _country_cell(actor.country)
    cells[f"{role}_countries"] = list(actor.countries or [])
    return cells


def _record_cells(prefix: str, cls, record) -> dict:
    if record is None:
        return {col: None for col, _ in _prefixed(prefix, cls)}
    return {col: getattr(record, n) for col, n in _prefixed(prefix, cls)}


def mention_row(article_id: str, idx: int, mention: EventMention) -> dict:
    row = {"id": f"{article_id}:e{idx}", "article_id": article_id, "idx": idx, "event_id": None}
    for name in _names(EventMention):
        if name not in _MENTION_SPECIAL:
            row[name] = getattr(mention, name)
    for key in ("trigger", "evidence"):
        span = _as(Span, getattr(mention, key))
        row[f"{key}_start"] = span.start if span else None
        row[f"{key}_end"] = span.end if span else None
        row[f"{key}_text"] = span.text if span else None
    row["attribution_idx"] = mention.attribution
    for role in ACTOR_ROLES:
        row.update(_actor_cells(role, _as(Actor, getattr(mention, role))))
    row.update(_record_cells("place", Place, _as(Place, mention.place)))
    date = _as(TimeValue, mention.date)
    row.update(_record_cells("date", TimeValue, date))
    if date is not None:
        row["date_from"], row["date_to"] = event_bounds(date.value, date.range_start, date.range_end)
    else:
        row["date_from"] = row["date_to"] = None
    row["claimant_chain"] = [str(c) for c in mention.claimant_chain or []]
    return row


def article_row(result: DocumentResult) -> dict:
    a = _as(Article, result.article)
    span = _as(Span, a.dateline_span)
    return {
        "id": result.id, "external_id": a.external_id, "title": a.title, "published": a.published,
        "published_day": published_day(a.published), "outlet": a.outlet, "source": a.source,
        "url": a.url, "wire": a.wire, "dateline": a.dateline,
        "dateline_start": span.start if span else None, "dateline_end": span.end if span else None,
        "dateline_text": span.text if span else None, "photo_credit": a.photo_credit,
        "origin": a.origin, "body_start": a.body_start, "text": a.text,
        "extra": json.dumps(a.extra or {}, ensure_ascii=False, default=str),
        "story": result.story, "reprint_of": result.reprint_of,
        "versions": json.dumps(result.versions or {}, ensure_ascii=False),
    }


def result_rows(result: DocumentResult) -> Dict[str, List[dict]]:
    """Every row one article contributes, by table."""
    aid = result.id
    rows: Dict[str, List[dict]] = {"articles": [article_row(result)]}
    for table, cls in RECORD_TABLES.items():
        records = getattr(result, table) or []
        table_rows = []
        for idx, rec in enumerate(records):
            rec = _as(cls, rec)
            row = {"article_id": aid, "idx": idx, **{n: getattr(rec, n) for n in _names(cls)}}
            if cls is Attribution:
                for role in ("source", "cue", "content"):
                    row[role] = _fragments(row[role])
            table_rows.append(row)
        rows[table] = table_rows
    rows["event_mentions"], rows["event_quantities"] = [], []
    for idx, mention in enumerate(result.events or []):
        mention = _as(EventMention, mention)
        row = mention_row(aid, idx, mention)
        rows["event_mentions"].append(row)
        for qidx, q in enumerate(mention.quantities or []):
            q = _as(Quantity, q)
            rows["event_quantities"].append({"mention_id": row["id"], "article_id": aid, "idx": qidx,
                                             **{n: getattr(q, n) for n in _names(Quantity)}})
    return rows


# ------------------------------------------------------------------------ rows -> records
def _take(cls, row: dict, prefix: str = "") -> dict:
    return {n: row.get(prefix + n) for n in _names(cls)}


@lru_cache(maxsize=None)
def _name_set(cls) -> frozenset:
    return frozenset(_names(cls))


def _drop_defaults(cls, values: dict) -> dict:
    """NULL cells become the model's defaults (e.g. ``certainty=1.0``, ``component=""``)."""
    names = _name_set(cls)
    return {k: v for k, v in values.items() if k in names and v is not None}


def _actor_from(row: dict, role: str) -> Optional[Actor]:
    if row.get(f"{role}_text") is None:
        return None
    values = _drop_defaults(Actor, _take(Actor, row, f"{role}_"))
    country = values.get("country")
    if isinstance(country, str) and ";" in country:
        values["country"] = country.split(";")
    values["countries"] = list(values.get("countries") or [])
    return Actor(**values)


def mention_from_row(row: dict, quantities: List[dict]) -> EventMention:
    span = lambda key: Span(row[f"{key}_start"], row[f"{key}_end"], row[f"{key}_text"] or "")  # noqa: E731
    place = (Place(**_drop_defaults(Place, _take(Place, row, "place_")))
             if row.get("place_text") is not None else None)
    date = (TimeValue(**_drop_defaults(TimeValue, _take(TimeValue, row, "date_")))
            if row.get("date_start") is not None or row.get("date_value") is not None else None)
    values = {n: row[n] for n in _names(EventMention)
              if n not in _MENTION_SPECIAL and n != "claimant_chain"}
    return EventMention(
        **_drop_defaults(EventMention, values),
        trigger=span("trigger"), evidence=span("evidence"),
        actor=_actor_from(row, "actor"), recipient=_actor_from(row, "recipient"),
        claimant=_actor_from(row, "claimant"), place=place, date=date,
        quantities=[Quantity(**_drop_defaults(Quantity, _take(Quantity, q))) for q in quantities],
        claimant_chain=list(row.get("claimant_chain") or []),
        attribution=row.get("attribution_idx"),
    )


def result_from_rows(rows: Dict[str, List[dict]]) -> DocumentResult:
    """Inverse of :func:`result_rows`; ``rows`` tables sorted by ``idx``."""
    a = rows["articles"][0]
    span = (Span(a["dateline_start"], a["dateline_end"], a["dateline_text"] or "")
            if a.get("dateline_start") is not None else None)
    article = Article(
        id=a["id"], text=a["text"], title=a["title"], published=a["published"], outlet=a["outlet"],
        source=a["source"], url=a["url"], wire=a["wire"], dateline=a["dateline"], dateline_span=span,
        photo_credit=a["photo_credit"], origin=a["origin"], external_id=a["external_id"],
        body_start=a["body_start"] or 0, extra=json.loads(a["extra"] or "{}"))
    result = DocumentResult(id=a["id"], article=article, story=a["story"], reprint_of=a["reprint_of"],
                            versions=json.loads(a["versions"] or "{}"))
    for table, cls in RECORD_TABLES.items():
        setattr(result, table, [cls(**_drop_defaults(cls, _take(cls, r))) for r in rows.get(table, [])])
    by_mention: Dict[str, List[dict]] = {}
    for q in rows.get("event_quantities", []):
        by_mention.setdefault(q["mention_id"], []).append(q)
    result.events = [mention_from_row(r, by_mention.get(r["id"], [])) for r in rows.get("event_mentions", [])]
    return result


def clean_row(row: Dict[str, Any]) -> Dict[str, Any]:
    """JSON-ready: dates as ISO strings, NULLs dropped."""
    out = {}
    for key, value in row.items():
        if value is None:
            continue
        if hasattr(value, "isoformat"):
            value = value.isoformat()
        out[key] = value
    return out
