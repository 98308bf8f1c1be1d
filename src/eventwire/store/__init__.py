"""Where processed articles live: a schema of articles, extractions and event mentions.

``DuckDBStore`` (an embedded file, the default) implements :class:`Store`; open one with
:func:`eventwire.api.open_store`. The schema is built by the numbered SQL files in
``migrations/`` and documented in docs/data-model.md.
"""
from .base import EXPORTS, Store
from .duckdb import DuckDBStore, migrations
from .query import EventFilter

__all__ = ["Store", "DuckDBStore", "EventFilter", "EXPORTS", "migrations"]
