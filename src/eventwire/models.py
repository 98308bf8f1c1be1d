"""The typed records that stages pass to each other.

Offsets are Python string indices into ``Article.text`` as ingested, end exclusive.
Every record that a pipeline component produces names that component (``name@version``)
in ``component`` so that any output can be traced back to what made it.

The records are slotted dataclasses: cheap to build in the hot path, small, and holding
nothing but their fields; ``to_dict`` gives the JSON shape that ``eventwire extract`` prints
and that ``../shared/eval/score.py`` reads, through a converter written out for each class
(``_converter``) rather than a generic walk over every value.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, Optional


def json_line(record: dict) -> bytes:
    """One output record as a UTF-8 JSON line (the ``--format jsonl`` writer).

    orjson encodes a document ~3x faster than the json module and its lines differ only in
    spacing; what it refuses (integers over 64 bits, non-string keys, lone surrogates) goes
    through the json module, so every record is written."""
    import json

    import orjson

    try:
        return orjson.dumps(record, option=orjson.OPT_APPEND_NEWLINE)
    except TypeError:  # orjson.JSONEncodeError is a TypeError
        return (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")


def _empty(value: Any) -> bool:
    return value is None or value == [] or value == {}


# Types whose values go to JSON as they are: checked by exact type, so the common case costs
# one set lookup instead of a chain of isinstance calls.
_AS_IS = frozenset({str, int, float, bool, type(None)})


def _plain(value: Any) -> Any:
    """JSON-ready copy: records become dicts, ``None`` and empty containers are dropped."""
    t = type(value)
    if t in _AS_IS:
        return value
    if isinstance(value, Record):
        return _converter(t)(value)
    if t is list or isinstance(value, (list, tuple)):
        return [v if type(v) in _AS_IS else _plain(v) for v in value]
    if isinstance(value, dict):
        return _plain_items(value)
    return value


def _plain_items(mapping: dict) -> dict:
    """``{k: _plain(v)}`` for the non-empty values of a dict."""
    out = {}
    for k, v in mapping.items():
        if type(v) in _AS_IS:
            if v is not None:
                out[k] = v
        else:
            _put(out, k, v)
    return out


def _put(out: dict, key: str, v: Any) -> None:
    """``out[key] = _plain(v)`` unless ``v`` is empty, for a value that is not a plain scalar."""
    t = type(v)
    if t is list:
        if v:
            out[key] = [x if type(x) in _AS_IS else _plain(x) for x in v]
    elif t is dict:
        if v:
            out[key] = _plain_items(v)
    elif isinstance(v, Record):  # a nested record is never empty: no == [] / == {} tests
        out[key] = _converter(t)(v)
    elif not _empty(v):
        out[key] = _plain(v)


_CONVERTERS: dict = {}  # record class -> its generated to_dict function


def _converter(cls):
    """The ``to_dict`` of one record class, written out field by field and compiled once.

    It gives what a walk over the record's fields in order would (records become dicts,
    ``None`` and empty containers are dropped), without the generic walk's per-value type
    dispatch: a field read, one type test and a store per field. Slotted records hold
    nothing but their fields, so the fields are the whole record."""
    conv = _CONVERTERS.get(cls)
    if conv is not None:
        return conv
    lines = ["def to_dict(r):", "    out = {}"]
    for f in fields(cls):
        name = f.name
        kind = _FIELD_KINDS.get(f.type if isinstance(f.type, str) else getattr(f.type, "__name__", ""))
        lines.append(f"    v = r.{name}")
        if kind == "list":  # most often a list: test for that first
            lines += ["    if type(v) is list:",
                      "        if v:",
                      f"            out[{name!r}] = [x if type(x) in AS_IS else plain(x) for x in v]",
                      "    elif v is not None:",
                      f"        put(out, {name!r}, v)"]
        elif kind is not None:  # a record type: its own converter when the value is one
            lines += ["    if v is not None:",
                      f"        c = CONVERTERS.get(type(v))",
                      f"        if c is not None:",
                      f"            out[{name!r}] = c(v)",
                      f"        elif type(v) in AS_IS:",
                      f"            out[{name!r}] = v",
                      f"        else:",
                      f"            put(out, {name!r}, v)"]
        else:
            lines += ["    if v is not None:",
                      "        if type(v) in AS_IS:",
                      f"            out[{name!r}] = v",
                      "        else:",
                      f"            put(out, {name!r}, v)"]
    lines.append("    return out")
    scope = {"AS_IS": _AS_IS, "plain": _plain, "put": _put, "CONVERTERS": _CONVERTERS}
    exec("\n".join(lines), scope)  # noqa: S102 - source built from the class's own field names
    conv = _CONVERTERS[cls] = scope["to_dict"]
    return conv


# annotation (as written, ``from __future__ import annotations``) -> how its values are
# usually shaped; anything else a field holds still goes through the generic ``_put``
_FIELD_KINDS = {"list": "list", "Optional[Span]": "record", "Optional[Actor]": "record",
                "Optional[Place]": "record", "Optional[TimeValue]": "record", "Span": "record",
                "Article": "record"}


class Record:
    """Mixin: JSON-ready dictionaries for every model."""

    __slots__ = ()

    def to_dict(self) -> dict:
        return _converter(type(self))(self)

    @classmethod
    def from_dict(cls, data: dict):
        names = {f.name for f in fields(cls)}  # type: ignore[arg-type]
        return cls(**{k: v for k, v in data.items() if k in names})


@dataclass(slots=True)
class Span(Record):
    """A stretch of article text: ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str = ""


@dataclass(slots=True)
class Article(Record):
    """One news article as ingested.

    ``id`` is content-addressed (a hash of the normalised text), so the same article
    ingested twice, from any file, gets the same id.
    """

    id: str
    text: str
    title: Optional[str] = None
    published: Optional[str] = None  # ISO date (or datetime) as given by the source
    outlet: Optional[str] = None  # who published this copy ("The Straits Times")
    source: Optional[str] = None  # source field as given by the input (JSONL ``source``)
    url: Optional[str] = None
    wire: Optional[str] = None  # wire agency the text came from ("Xinhua")
    dateline: Optional[str] = None  # place the story was filed from ("Moscow")
    dateline_span: Optional[Span] = None
    photo_credit: Optional[str] = None
    origin: Optional[str] = None  # file path (and line / record) it was read from
    external_id: Optional[str] = None  # the input's own id, when it had one
    body_start: int = 0  # offset where the body starts (after headline / dateline)
    extra: dict = field(default_factory=dict)


@dataclass(slots=True)
class Entity(Record):
    """A named or typed mention: OntoNotes labels plus WEAPON, VEHICLE, MILITARY_PLATFORM."""

    start: int
    end: int
    label: str
    text: str = ""
    component: str = ""
    kind: str = "name"  # name, pronoun ("he", "they") or nominal ("the hospital")


@dataclass(slots=True)
class TimeValue(Record):
    """A time expression normalised TIMEX3-style against the reference date.

    ``value`` is e.g. ``2015-10-15``, ``2015-10``, ``2015-W42``, ``2015``, ``P2W``;
    ``precision`` is one of ``minute``, ``hour``, ``day``, ``week``, ``month``, ``quarter``,
    ``season``, ``year``, ``decade``, ``fuzzy``; ``certainty`` says how sure the value is
    (1.0 when the reference date is known, lower when the year had to be inferred).
    """

    start: int
    end: int
    text: str
    type: str  # DATE, TIME, DURATION, SET
    value: str
    precision: Optional[str] = None
    range_start: Optional[str] = None  # for ranges like "the last 24 hours"
    range_end: Optional[str] = None
    anchor: Optional[str] = None  # the reference date that was used
    certainty: float = 1.0
    component: str = ""


@dataclass(slots=True)
class Place(Record):
    """A place-name mention resolved against the gazetteer."""

    start: int
    end: int
    text: str
    name: Optional[str] = None  # resolved name
    country: Optional[str] = None  # ISO 3166 alpha-3
    lat: Optional[float] = None
    lon: Optional[float] = None
    precision: Optional[str] = None  # point, city, region, country, unresolved
    feature: Optional[str] = None  # GeoNames feature code (PPLC, ADM1, PCLI, AIRB ...)
    geonameid: Optional[int] = None
    role: Optional[str] = None  # "dateline" when it only says where the story was filed
    confidence: float = 0.0
    component: str = ""


@dataclass(slots=True)
class Actor(Record):
    """An actor or recipient of an event, resolved against the actor registry."""

    text: str
    start: Optional[int] = None
    end: Optional[int] = None
    name: Optional[str] = None  # canonical name from the registry
    registry_id: Optional[str] = None
    country: Optional[str] = None  # ISO 3166 alpha-3 (or a list for compound actors)
    countries: list = field(default_factory=list)
    sector: Optional[str] = None  # government, military, police, rebel, party, igo, ngo, media, civilians ...
    component: str = ""


@dataclass(slots=True)
class Quantity(Record):
    """A number tied to what it counts ("33 sorties", "six guns")."""

    start: int
    end: int
    text: str
    value: float
    unit: str  # the counted noun, lemmatised ("sortie", "facility", "gun")
    role: Optional[str] = None  # sorties, targets, killed, injured, arrested, displaced, weapons ...
    component: str = ""


@dataclass(slots=True)
class Attribution(Record):
    """Who says what: source, cue and content, each a list of ``[start, end]`` fragments."""

    source: list
    cue: list
    content: list
    source_text: str = ""
    cue_text: str = ""
    kind: str = "indirect"  # direct, indirect, mixed, according_to
    nested_in: Optional[int] = None  # index of an attribution this one is reported within
    component: str = ""


@dataclass(slots=True)
class EventMention(Record):
    """One event as told in one article: a PLOVER type (or documented extension) with roles."""

    type: str
    trigger: Span
    evidence: Span  # the sentence it was read from
    mode: Optional[str] = None
    context: Optional[str] = None
    actor: Optional[Actor] = None
    recipient: Optional[Actor] = None
    place: Optional[Place] = None
    date: Optional[TimeValue] = None
    quantities: list = field(default_factory=list)  # [Quantity]
    claimant: Optional[Actor] = None
    claimant_chain: list = field(default_factory=list)  # ["Russian Defence Ministry", "Xinhua", "The Straits Times"]
    attribution: Optional[int] = None  # index into the document's attributions
    modality: str = "asserted"  # asserted, claimed, denied, planned, hypothetical
    negated: bool = False
    extension: bool = False  # True when ``type`` is not one of PLOVER's 18 types
    denies: Optional[str] = None  # for a denial ("denied carrying out the strike"): the type denied
    confidence: float = 0.5
    component: str = ""


@dataclass(slots=True)
class EventVersion(Record):
    """One source's account of a canonical event: who says it, how, and with which numbers."""

    article_id: str
    publishers: list  # original publishers behind the article (a reprint counts its original)
    claimant: Optional[str] = None
    modality: str = "asserted"
    numbers: dict = field(default_factory=dict)  # role -> value ("killed" -> 7)
    actor: Optional[str] = None
    mention: Optional[int] = None  # index into that article's events


@dataclass(slots=True)
class Event(Record):
    """A real-world event as reported across articles: its mentions merged into one record.

    ``n_sources`` counts independent original publishers (a reprint of a Xinhua story is not
    a second source); ``conflicts`` lists where versions disagree (numbers, a denial).
    """

    id: str
    type: str
    story: Optional[str]
    mode: Optional[str] = None
    actor: Optional[Actor] = None
    recipient: Optional[Actor] = None
    place: Optional[Place] = None
    date: Optional[TimeValue] = None
    mentions: list = field(default_factory=list)  # [{"article_id", "index"}]
    n_articles: int = 0
    n_sources: int = 0
    first_seen: Optional[str] = None
    last_seen: Optional[str] = None
    claimants: list = field(default_factory=list)
    versions: list = field(default_factory=list)  # [EventVersion]
    conflicts: list = field(default_factory=list)  # [{"kind", "detail", ...}]
    contested: bool = False
    component: str = ""


@dataclass(slots=True)
class DocumentResult(Record):
    """Everything extracted from one article; the JSON object ``eventwire extract`` prints."""

    id: str
    article: Article
    entities: list = field(default_factory=list)
    places: list = field(default_factory=list)
    times: list = field(default_factory=list)
    quantities: list = field(default_factory=list)
    attributions: list = field(default_factory=list)
    events: list = field(default_factory=list)
    story: Optional[str] = None
    reprint_of: Optional[str] = None
    versions: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        article = self.article
        out = {
            "id": article.external_id or self.id,
            "article_id": self.id,
            "title": article.title,
            "published": article.published,
            "outlet": article.outlet,
            "wire": article.wire,
            "dateline": article.dateline,
            "photo_credit": article.photo_credit,
            "url": article.url,
            "entities": _records(self.entities),
            "places": _records(self.places),
            "times": _records(self.times),
            "quantities": _records(self.quantities),
            "attributions": _records(self.attributions),
            "events": _records(self.events),
            "story": self.story,
            "reprint_of": self.reprint_of,
            "versions": self.versions,
        }
        return {k: v for k, v in out.items() if v is not None}


def _records(items: list) -> list:
    """Each record of a list as its dict; a list holds one record type, so one converter is
    mapped over it."""
    if not items:
        return []
    types = set(map(type, items))
    if len(types) == 1:
        cls = types.pop()
        return list(map(_converter(cls) if issubclass(cls, Record) else _plain_items_of, items))
    return [_converter(type(x))(x) if isinstance(x, Record) else _plain_items_of(x) for x in items]


def _plain_items_of(x: Any) -> dict:
    return _plain_items(x.__dict__)
