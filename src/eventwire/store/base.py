"""The store interface: what every backend (DuckDB now, PostgreSQL later) offers.

A store holds articles and everything extracted from them (see docs/data-model.md). Writes
come in batches, each one transaction: a batch lands fully or not at all. Reads return plain
dictionaries (one per row, JSON-ready after :func:`eventwire.store.rows.clean_row`) or, for
one article, the rebuilt :class:`~eventwire.models.DocumentResult`.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Dict, Iterable, List, Optional, Sequence, Set, Tuple

from ..models import DocumentResult
from .query import EventFilter

EXPORTS = ("events", "articles", "mentions", "versions")


class Store(ABC):
    path: str
    read_only: bool

    # ---------------------------------------------------------------- writing
    @abstractmethod
    def known_ids(self, ids: Iterable[str]) -> Set[str]:
        """Which of ``ids`` are already stored (checked before processing, so re-ingest is free)."""

    @abstractmethod
    def add_results(self, results: Sequence[DocumentResult], *, story_state: Optional[dict] = None,
                    restory: Optional[Dict[str, Tuple[Optional[str], Optional[str]]]] = None) -> int:
        """Store a batch in one transaction; articles already present are skipped. The
        canonical events of every story the batch touches are recomputed in the same
        transaction. Returns how many articles were added."""

    @abstractmethod
    def rebuild_events(self, stories: Optional[Iterable[str]] = None) -> int:
        """Recompute the canonical events of ``stories`` (default all) from their stored mentions."""

    @abstractmethod
    def story_state(self) -> Optional[dict]:
        """The saved story index state (see :class:`eventwire.fuse.StoryIndex`), if any."""

    @abstractmethod
    def stored_fuse(self, article_ids: Optional[Iterable[str]] = None, *,
                    stories: Optional[Iterable[str]] = None) -> Dict[str, Tuple[Optional[str], Optional[str]]]:
        """``article id -> (story, reprint_of)`` as stored (for some ids, some stories, or all)."""

    @abstractmethod
    def results_for(self, article_ids: Iterable[str]) -> List[DocumentResult]:
        """Stored results (article and event mentions) of several articles."""

    # ---------------------------------------------------------------- reading
    def events(self, flt: Optional[EventFilter] = None, **filters) -> List[dict]:
        """Events matching ``flt`` or keyword filters (``type``, ``actor``, ``recipient``,
        ``country``, ``place``, ``since``, ``until``, ``claimant``, ``text``, ``modality``,
        ``article_id``, ``contested``, ``mentions``, ``limit``, ``offset``), ordered by date.
        Rows are canonical events unless ``mentions=True``."""
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
        """Write ``events`` (canonical events, the event view), ``articles``, ``mentions`` (raw
        event mention rows, with their ``event_id``) or ``versions`` (each source's account of
        each event) to a Parquet file; returns the number of rows written."""

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
