"""Stories across batches and runs: the incremental story index, kept in the store.

:class:`StoryGrouper` loads the :class:`eventwire.fuse.StoryIndex` saved in the store (table
``story_index``), files each new batch into it, so that an article of today's ingest joins a
story stored last week, and hands back the state to save with the batch. Articles already
filed keep their story (``StoryIndex.add`` never moves them); only their ``reprint_of`` can
change, when an earlier copy of their text arrives later, and those changes go to the store
with the batch (``restory``).

Articles the saved index does not know (stored with ``Store.add_results`` directly, or before
the index was saved) are filed when the grouper opens, and their stories corrected in the
store, so the index and the store always agree after one ingest.
"""
from __future__ import annotations

import time
from typing import Dict, List, Optional, Sequence, Tuple

from ..models import DocumentResult
from .base import Store

SYNC_CHUNK = 500


class StoryGrouper:
    def __init__(self, store: Store) -> None:
        from ..fuse import StoryIndex

        self.store = store
        started = time.perf_counter()
        state = store.story_state()
        self.index = StoryIndex.from_state(state) if state else StoryIndex()
        self.load_seconds = time.perf_counter() - started
        self.synced = self._sync()

    def _sync(self) -> int:
        """File stored articles the index does not know; returns how many there were."""
        stored = self.store.stored_fuse()
        missing = sorted(aid for aid in stored if aid not in self.index.assigned)
        if not missing:
            return 0
        for start in range(0, len(missing), SYNC_CHUNK):
            self._file(self.store.results_for(missing[start:start + SYNC_CHUNK]))
        changes = {aid: self._fuse_of(aid) for aid in missing}
        changes = {aid: new for aid, new in changes.items() if new != stored[aid]}
        self.store.add_results([], story_state=self.state(), restory=changes)
        return len(missing)

    def _fuse_of(self, article_id: str) -> Tuple[Optional[str], Optional[str]]:
        return self.index.story_of(article_id), self.index.reprint_of(article_id)

    def _file(self, results: Sequence[DocumentResult]) -> None:
        """File a batch the way :func:`eventwire.fuse.stories.group_stories` does: every
        text into the reprint index first (originals before copies), the document
        frequencies of all the batch's originals counted before any comparison."""
        from ..fuse.reprints import original_key
        from ..fuse.stories import extract_features

        index = self.index
        ordered = sorted((r for r in results if r.id not in index.assigned), key=lambda r: original_key(r.article))
        for r in ordered:
            if r.article.id not in index.reprints:
                index.reprints.add(r.article)
        originals = [r for r in ordered if index.reprints.reprint_of(r.article.id) is None]
        bags = {r.id: extract_features(r.article, r) for r in originals}
        for r in originals:
            index.observe(r.id, bags[r.id])
        for r in originals:
            index.add(r, bags=bags[r.id])
        for r in ordered:
            index.add(r)

    def assign(self, results: List[DocumentResult]) -> Dict[str, Tuple[Optional[str], Optional[str]]]:
        """Set ``story`` and ``reprint_of`` on a new batch; returns the changes to stored
        articles of the stories it joined (``restory`` for :meth:`Store.add_results`)."""
        from ..fuse import COMPONENT, VERSION

        self._file(results)
        for r in results:
            r.story, r.reprint_of = self._fuse_of(r.id)
            r.versions = {**(r.versions or {}), COMPONENT: VERSION}
        new = {r.id for r in results}
        stored = self.store.stored_fuse(stories={r.story for r in results if r.story})
        return {aid: self._fuse_of(aid) for aid, old in stored.items()
                if aid not in new and aid in self.index.assigned and self._fuse_of(aid) != old}

    def rebuild(self) -> Dict[str, Tuple[Optional[str], Optional[str]]]:
        """Group every stored article again under the batch rules (``group_stories``: strict
        founding, merging, regrouping), as one ``eventwire extract`` run over all of them
        would; returns the stored articles whose story or original changed. Filing article by
        article (``StoryIndex.add``) never merges two stories nor moves an article, so a store
        fed by many small ingests splits stories a batch keeps whole (docs/stories.md)."""
        from ..fuse import StoryIndex, group_stories

        stored = self.store.stored_fuse()
        ids = sorted(stored)
        results: List[DocumentResult] = []
        for start in range(0, len(ids), SYNC_CHUNK):
            results.extend(self.store.results_for(ids[start:start + SYNC_CHUNK]))
        self.index = group_stories(results, self.index.settings) if results else StoryIndex(self.index.settings)
        return {aid: self._fuse_of(aid) for aid in ids
                if aid in self.index.assigned and self._fuse_of(aid) != stored[aid]}

    def state(self) -> dict:
        return self.index.to_state()
