"""eventwire: source-attributed event data from news.

Public API::

    import eventwire
    results = eventwire.extract_paths(["article.txt"])      # DocumentResult objects
    store = eventwire.open_store("eventwire.duckdb")
    report = eventwire.ingest_paths(["corpus/"], store)
"""
from __future__ import annotations

__version__ = "0.1.0"

from .errors import EventwireError
from .models import (Actor, Article, Attribution, DocumentResult, Entity, EventMention, Place,
                     Quantity, Span, TimeValue)
from .process import process, process_stream

__all__ = ["__version__", "EventwireError", "Article", "Span", "Entity", "TimeValue", "Place",
           "Actor", "Quantity", "Attribution", "EventMention", "DocumentResult", "process",
           "process_stream", "extract_paths"]


def extract_paths(paths, encoding=None, on_error=None):
    """Read and process files without storing them; ``on_error(err)`` sees each bad input."""
    from .ingest import read_paths

    articles = []
    for outcome in read_paths(paths, encoding=encoding):
        if isinstance(outcome, EventwireError):
            if on_error:
                on_error(outcome)
        else:
            articles.append(outcome)
    return process(articles)
