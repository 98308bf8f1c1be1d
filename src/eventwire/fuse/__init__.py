"""Fuse: what articles have in common across a batch or a store.

* :mod:`.reprints` – near-duplicate copies of one text (MinHash/LSH), and which copy is the original.
* :mod:`.stories` – articles that report the same story (incremental :class:`StoryIndex`).
* :mod:`.batch` – the story rules over a whole batch as sparse-matrix arithmetic (``group_stories``).
* :mod:`.sources` – outlet, wire agency and original publisher; counting independent sources.

``group_batch`` is what :func:`eventwire.process.process` calls after the pipeline.
"""
from __future__ import annotations

from typing import List

from ..models import DocumentResult
from .reprints import ReprintIndex, find_reprints
from .sources import SourceInfo, independent_sources, original_publishers, source_info
from .stories import StoryIndex, group_stories

COMPONENT = "eventwire_fuse"
VERSION = "0.2.0"

__all__ = ["group_batch", "StoryIndex", "ReprintIndex", "group_stories", "find_reprints",
           "independent_sources", "original_publishers", "source_info", "SourceInfo"]


def group_batch(results: List[DocumentResult]) -> None:
    """Set ``story`` and ``reprint_of`` on every result of one batch (in place, order-independent)."""
    if not results:
        return
    index = group_stories(results)
    for r in results:
        r.story = index.story_of(r.article.id)
        r.reprint_of = index.reprint_of(r.article.id)
        r.versions = {**r.versions, COMPONENT: VERSION}
