"""The store interface: what every backend (DuckDB now, PostgreSQL later) offers.

A store holds articles and everything extracted from them (see docs/data-model.md). Writes
come in batches, each one transaction: a batch lands fully or not at all. Reads return plain
dictionaries (one per row, JSON-ready after :func:`eventwire.store.rows.clean_row`) or, for
one article, the rebuilt :class:`~eventwire.models.DocumentResult`.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Iterable, List, Optional, Sequence, Set

from ..models import DocumentResult
from .query import EventFilter

EXPORTS = ("events", "articles", "mentions")


class Store(ABC):
    path: str
    read_only: bool

    # ---------------------------------------------------------------- writing
    @abstractmethod
    def known_ids(self, ids: Iterable[str]) -> Set[str]:
        """Which of ``ids`` are already stored (checked before processing, so re-ingest is free)."""

    @abstractmethod
    def add_results(self, results: Sequence[DocumentResult]) -> int:
        """Store a batch in one transaction; articles already present are skipped.
        Returns how many articles were added."""

    # ---------------------------------------------------------------- reading
    def events(self, flt: Optional[EventFilter] = None, **filters) -> List[dict]:
        """Events matching ``flt`` or keyword filters (``type``, ``actor``, ``recipient``,
        ``country``, ``place``, ``since``, ``until``, ``claimant``, ``text``, ``modality``,
        ``article_id``, ``limit``, ``offset``), ordered by date."""
        return self.query_events(flt if flt is not None else EventFilter.from_kwargs(**filters))

    @abstractmethod
    def query_events(self, flt: EventFilter) -> List[dict]:
        ...

    @abstractmethod
    def event_columns(self) -> List[str]:
        """The columns of an event row, in order (for CSV headers)."""

    @abstractmethod
    def count_events(self, flt: Optional[EventFilter] = None) -> int:
        ...

    @abstractmethod
    def articles(self, limit: Optional[int] = None) -> List[dict]:
        """Article metadata rows (without the text), newest first."""

    @abstractmethod
    def get_result(self, article_id: str) -> Optional[DocumentResult]:
        """Everything stored for one article, rebuilt as the typed record."""

    @abstractmethod
    def summary(self, top: int = 5, examples: int = 5) -> dict:
        """Counts for people: articles, events by type, top actors, example events."""

    @abstractmethod
    def export_parquet(self, path: str, what: str = "events") -> int:
        """Write ``events`` (the event view), ``articles`` or ``mentions`` (raw event mention
        rows) to a Parquet file; returns the number of rows written."""

    @abstractmethod
    def schema_version(self) -> int:
        ...

    @abstractmethod
    def close(self) -> None:
        ...

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
