"""eventwire: source-attributed event data from news.

Public API::

    import eventwire
    results = eventwire.extract_paths(["article.txt"])      # DocumentResult objects
    store = eventwire.open_store("eventwire.duckdb")
    report = eventwire.ingest_paths(["corpus/"], store)
    store.events(contested=True)                             # canonical events whose sources disagree

``process``, ``process_stream``, ``open_store`` and ``ingest_paths`` are imported on first use
(module ``__getattr__``), so that reading a store (``eventwire events``, ``summary``) never
pays for loading spaCy and the pipeline.
"""
from __future__ import annotations

__version__ = "0.1.0"

import sys as _sys
import types as _types

from .errors import EventwireError
from .models import (Actor, Article, Attribution, DocumentResult, Entity, Event, EventMention,
                     EventVersion, Place, Quantity, Span, TimeValue)

__all__ = ["__version__", "EventwireError", "Article", "Span", "Entity", "TimeValue", "Place",
           "Actor", "Quantity", "Attribution", "EventMention", "DocumentResult", "Event",
           "EventVersion", "process", "process_stream", "extract_paths", "open_store", "ingest_paths"]

# name -> module that defines it, loaded when the name is first asked for
_LAZY = {"process": "process", "process_stream": "process", "open_store": "api", "ingest_paths": "api"}


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'eventwire' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value  # later lookups skip __getattr__
    return value


def __dir__():
    return sorted(set(globals()) | set(_LAZY))


class _Package(_types.ModuleType):
    """Importing the submodule ``eventwire.process`` sets the package attribute ``process`` to
    that module; the public name ``eventwire.process`` must stay the function."""

    def __setattr__(self, name, value):
        if name == "process" and isinstance(value, _types.ModuleType):
            value = value.process
        super().__setattr__(name, value)


_sys.modules[__name__].__class__ = _Package


def extract_paths(paths, encoding=None, on_error=None, max_bytes=None):
    """Read and process files without storing them; ``on_error(err)`` sees each bad input."""
    from .ingest import DEFAULT_MAX_BYTES, read_paths
    from .process import process

    articles = []
    for outcome in read_paths(paths, encoding=encoding, max_bytes=max_bytes or DEFAULT_MAX_BYTES):
        if isinstance(outcome, EventwireError):
            if on_error:
                on_error(outcome)
        else:
            articles.append(outcome)
    return process(articles, on_error=on_error)
