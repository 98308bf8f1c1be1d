"""Event filters -> one SQL statement with ``?`` parameters.

User input only ever travels as a parameter: the SQL text is assembled from fixed fragments
chosen by which filters are set, never from the filter values themselves.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import List, Optional, Sequence, Tuple

from ..errors import BadFilter
from .dates import parse_filter_date

EVENT_SOURCE = "event_view"  # canonical events (one row per real-world event)
MENTION_SOURCE = "mention_view"  # one row per event mention in one article
# Newest evidence last within a day; stable across runs.
EVENT_ORDER = 'ORDER BY when_from NULLS LAST, published NULLS LAST, article_id, idx'


@dataclass
class EventFilter:
    """What ``Store.events`` / ``eventwire events`` select. Text filters are case-insensitive
    substring matches; ``country`` is an ISO alpha-3 code or a country name and matches the
    actor's, the recipient's or the place's country.

    By default rows are canonical events: ``claimant`` then matches any of the event's
    claimants, ``modality`` any of its versions ("denied" finds events someone denies),
    ``text`` and ``article_id`` any of its mentions. ``mentions=True`` selects raw mentions
    instead. ``contested=True`` keeps events whose versions conflict (numbers, a denial)."""

    types: List[str] = field(default_factory=list)
    actor: Optional[str] = None
    recipient: Optional[str] = None
    country: Optional[str] = None
    place: Optional[str] = None
    since: Optional[str] = None
    until: Optional[str] = None
    claimant: Optional[str] = None
    text: Optional[str] = None
    modality: Optional[str] = None
    article_id: Optional[str] = None
    contested: Optional[bool] = None
    mentions: bool = False
    limit: Optional[int] = None
    offset: int = 0

    @classmethod
    def from_kwargs(cls, **kwargs) -> "EventFilter":
        names = {f.name for f in fields(cls)}
        unknown = sorted(set(kwargs) - names - {"type"})
        if unknown:
            raise BadFilter(f"unknown event filter(s): {', '.join(unknown)}; "
                            f"use {', '.join(sorted(names))}")
        kwargs = dict(kwargs)
        if "type" in kwargs:  # the CLI and most callers say type=, possibly several
            kwargs["types"] = list(kwargs.get("types") or []) + _as_list(kwargs.pop("type"))
        return cls(**kwargs)


def _as_list(value) -> List[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    out: List[str] = []
    for item in value:
        out.extend(part.strip() for part in str(item).split(",") if part.strip())
    return out


def _like(value: str) -> str:
    """A LIKE pattern matching ``value`` anywhere, with its own % and _ taken literally."""
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def country_code(value: str) -> str:
    """ISO alpha-3 for a code (alpha-2 or alpha-3) or a country name."""
    import pycountry

    text = value.strip()
    if not text:
        raise BadFilter("--country is empty; give an ISO 3166 code (SYR) or a name (Syria)")
    try:
        if len(text) in (2, 3) and text.isalpha():
            found = pycountry.countries.get(**{"alpha_2" if len(text) == 2 else "alpha_3": text.upper()})
            if found:
                return found.alpha_3
        found = pycountry.countries.lookup(text)
        return found.alpha_3
    except LookupError:
        pass
    try:
        matches = pycountry.countries.search_fuzzy(text)
    except LookupError:
        matches = []
    if len(matches) == 1:
        return matches[0].alpha_3
    raise BadFilter(f"unknown country {value!r}; give an ISO 3166 alpha-3 code such as SYR")


def _text_match(columns: Sequence[str], value: str, params: list) -> str:
    parts = []
    for column in columns:
        parts.append(f"{column} ILIKE ? ESCAPE '\\'")
        params.append(_like(value))
    return "(" + " OR ".join(parts) + ")"


def _in_any_mention(condition: str) -> str:
    """A condition on any mention of the canonical event in the current row."""
    return f"EXISTS (SELECT 1 FROM event_mentions m WHERE m.event_id = {EVENT_SOURCE}.id AND {condition})"


def compile_events(flt: EventFilter, source: Optional[str] = None, columns: str = "*") -> Tuple[str, list]:
    """``(sql, params)`` selecting the events (or, with ``flt.mentions``, the mentions) that
    ``flt`` describes."""
    where: List[str] = []
    params: list = []
    canonical = not flt.mentions
    source = source or (EVENT_SOURCE if canonical else MENTION_SOURCE)
    types = [t.upper() for t in _as_list(flt.types)]
    if types:
        where.append("upper(type) IN (" + ", ".join("?" for _ in types) + ")")
        params.extend(types)
    if flt.actor:
        where.append(_text_match(["actor_text", "actor_name"], flt.actor, params))
    if flt.recipient:
        where.append(_text_match(["recipient_text", "recipient_name"], flt.recipient, params))
    if flt.place:
        where.append(_text_match(["place_text", "place_name"], flt.place, params))
    if flt.claimant:
        # the chain joined with a unit separator, so one pattern covers every link
        claimant_columns = ["claimant_text", "claimant_name", "array_to_string(claimant_chain, chr(31))"]
        if canonical:
            claimant_columns.append("array_to_string(claimants, chr(31))")
        where.append(_text_match(claimant_columns, flt.claimant, params))
    if flt.text:
        if canonical:
            where.append(_in_any_mention("m.evidence_text ILIKE ? ESCAPE '\\'"))
            params.append(_like(flt.text))
        else:
            where.append(_text_match(["evidence_text"], flt.text, params))
    if flt.modality:
        where.append("list_contains(modalities, ?)" if canonical
                     else "lower(modality) = ?")
        params.append(flt.modality.strip().lower())
    if flt.article_id:
        where.append(_in_any_mention("m.article_id = ?") if canonical else "article_id = ?")
        params.append(flt.article_id)
    if flt.contested is not None:
        where.append("contested" if flt.contested else "NOT contested")
    if flt.country:
        code = country_code(flt.country)
        where.append("(list_contains(string_split(COALESCE(actor_country, ''), ';'), ?)"
                     " OR list_contains(string_split(COALESCE(recipient_country, ''), ';'), ?)"
                     " OR place_country = ?)")
        params.extend([code, code, code])
    for option, value, end, condition in (("--since", flt.since, False, "when_to >= ?"),
                                          ("--until", flt.until, True, "when_from <= ?")):
        if value:
            day = parse_filter_date(value, end=end)
            if day is None:
                raise BadFilter(f"{option} {value!r} is not a date; use YYYY, YYYY-MM or YYYY-MM-DD")
            where.append(condition)
            params.append(day)
    sql = f"SELECT {columns} FROM {source}"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " " + EVENT_ORDER
    if flt.limit is not None:
        if int(flt.limit) < 0:
            raise BadFilter(f"--limit must be 0 or more, not {flt.limit}")
        sql += " LIMIT ?"
        params.append(int(flt.limit))
    if flt.offset:
        sql += " OFFSET ?"
        params.append(int(flt.offset))
    return sql, params
