"""Batch story grouping as sparse-matrix arithmetic (what :func:`.stories.group_stories` runs).

The rules are those of :class:`.stories.StoryIndex` (average linkage, founding threshold,
story merging with the cohesion bar, regroup passes at the join threshold), but a batch
knows all its articles up front, so the similarity of every pair is computed once as one
sparse product ``Q @ V.T`` (``V`` the normalised bag vectors, ``Q`` the same with the bag
weights applied). The similarity of an article to a story is then the sum of its row over
the story's members divided by their number -- one ``bincount`` -- and every story is
compared, not just the few the incremental index's inverted lists propose. Cost: a few numpy
calls per article instead of a Python loop over its features per comparison.

Pairs below ``min_pair_similarity`` are dropped from the matrix (bounds its memory on large
batches; it moves an average by less than that value).
"""
from __future__ import annotations

from itertools import chain, count
from typing import Dict, List, Optional, Sequence

import numpy as np

from ._scipy import sparse  # scipy.sparse without numpy.f2py, numpy.testing... (see there)
from .stories import CHANNELS, StoryIndex, parse_date, story_id_for


class BatchGrouper:
    """Groups the given (already observed and vectorised) articles of ``index``."""

    def __init__(self, index: StoryIndex, ids: Sequence[str], count_df: bool = False) -> None:
        """``count_df``: the index observed exactly ``ids`` and has not counted their document
        frequencies yet (``observe_all(..., count_df=False)``); they are counted here, into
        ``index.df``, as the terms are numbered."""
        self.index = index
        self.ids = list(ids)
        self.settings = index.settings
        if count_df:
            if index.n_docs != len(self.ids) or any(index.df[c] for c in CHANNELS):
                raise ValueError("count_df needs a fresh index that observed exactly these articles")
        self._count_df = count_df
        n = len(self.ids)
        self.similarity = self._similarity_matrix()
        days = [parse_date(index.dates.get(a)) for a in self.ids]
        self.has_day = np.array([d is not None for d in days], dtype=bool)
        self.day = np.array([d.toordinal() if d else 0 for d in days], dtype=np.int64)
        self.labels = np.full(n, -1, dtype=np.int64)
        # per story (index = label): size, founder's story id, first and last day
        self.size = np.zeros(n, dtype=np.int64)
        self.first = np.zeros(n, dtype=np.int64)
        self.last = np.zeros(n, dtype=np.int64)
        self.dated = np.zeros(n, dtype=bool)
        self.sid: List[str] = []
        self.sid_of: Dict[str, int] = {}

    # ------------------------------------------------------------------ matrix
    def _weighted_matrices(self):
        """(V, Q): the articles' normalised TF-IDF vectors as rows, and the same with the bag
        weights applied -- the rule of :meth:`StoryIndex._weighted` (sublinear tf, smoothed
        idf, per-bag L2 norm, the ``max_terms`` strongest kept, ties to the smaller term)
        computed for the whole batch at once."""
        index = self.index
        settings = self.settings
        n = len(self.ids)
        n_idf = index.n_docs + settings["idf_prior_docs"]
        limit = settings["max_terms"]
        scale = index._scale()
        rows, cols, vals, qvals = [], [], [], []
        offset = 0
        for bag in CHANNELS:
            if not scale[bag]:
                if self._count_df:  # not compared, but counted for the index's later use
                    index.df[bag].update(chain.from_iterable(index.counts[aid][bag] for aid in self.ids))
                continue
            bags = [index.counts[aid][bag] for aid in self.ids]
            lengths = np.fromiter(map(len, bags), dtype=np.int64, count=n)
            total = int(lengths.sum())
            if not total:
                continue
            # one pass over the terms: each gets the number of its first sighting (unique, with
            # gaps), compacted below
            first: Dict[str, int] = {}
            sighting = np.fromiter(map(first.setdefault, chain.from_iterable(bags), count()),
                                   dtype=np.int64, count=total)
            vocab = list(first)
            # numbers are in first-sighting order, as is vocab; a number is a term's own where
            # it was first seen, so its term id is the count of such places up to it
            new_term = sighting == np.arange(total)
            ids = (np.cumsum(new_term) - 1)[sighting]
            tf = np.fromiter(chain.from_iterable(b.values() for b in bags), dtype=np.float64, count=total)
            if self._count_df:
                # a bag holds each term once: a term's document frequency is its number of
                # sightings; vocab is in first-sighting order, the order Counter.update keeps
                counts = np.bincount(ids, minlength=len(vocab))
                index.df[bag].update(dict(zip(vocab, counts.tolist())))
                df = counts.astype(np.float64)
            else:
                df = np.fromiter(map(index.df[bag].__getitem__, vocab), dtype=np.float64, count=len(vocab))
            w = (1.0 + np.log(tf)) * np.log((n_idf + 1) / (df[ids] + 1))
            doc = np.repeat(np.arange(n), lengths)
            norm = np.sqrt(np.bincount(doc, weights=w * w, minlength=n))
            keep = _strongest_per_doc(w, doc, lengths, limit, ids, vocab)
            value = w[keep] / norm[doc[keep]]
            rows.append(doc[keep])
            cols.append(ids[keep] + offset)
            vals.append(value)
            qvals.append(value * scale[bag])
            offset += len(vocab)
        if not rows:
            empty = sparse.csr_matrix((n, 1))
            return empty, empty
        rows, cols = np.concatenate(rows), np.concatenate(cols)
        shape = (n, offset)
        v = sparse.csr_matrix((np.concatenate(vals), (rows, cols)), shape=shape)
        q = sparse.csr_matrix((np.concatenate(qvals), (rows, cols)), shape=shape)
        return v, q

    def _similarity_matrix(self) -> sparse.csr_matrix:
        v, q = self._weighted_matrices()
        sim = (q @ v.T).tocsr()
        sim.setdiag(0.0)  # an article is never compared with itself
        floor = self.settings.get("min_pair_similarity") or 0.0
        sim.data[sim.data < floor] = 0.0
        sim.eliminate_zeros()
        sim.sort_indices()
        return sim

    def _fits(self, i: int, stories: np.ndarray) -> np.ndarray:
        """Those of ``stories`` (labels) in the article's time window: within ``max_gap_days``
        of the story's first and last day, or either side undated. Asked only of the few
        stories that reach a threshold, not of every story."""
        gap = self.settings["max_gap_days"]
        if gap is None or not self.has_day[i] or not len(stories):
            return stories
        when = self.day[i]
        ok = ((self.first[stories] - when <= gap) & (when - self.last[stories] <= gap)) | ~self.dated[stories]
        return stories[ok]

    def _pick(self, scores: np.ndarray, options: np.ndarray, threshold: float,
              own: Optional[tuple] = None) -> Optional[int]:
        """The highest-scoring of ``options`` (the allowed stories at or above ``threshold``),
        ties to the smaller story id; ``own`` = (label, score) of the article's current story
        competes too."""
        ranked = []
        if len(options):
            top = scores[options].max()
            ranked = [(top, int(j)) for j in options[scores[options] == top]]
        if own is not None and own[1] >= threshold:
            ranked.append(own[::-1])
        if not ranked:
            return None
        top = max(score for score, _ in ranked)
        return min((j for score, j in ranked if score == top), key=self.sid.__getitem__)

    # ------------------------------------------------------------------ stories
    def _new_story(self, i: int) -> int:
        k = len(self.sid)
        sid = story_id_for(self.ids[i])
        self.sid.append(sid)
        self.sid_of[sid] = k
        return k

    def _join(self, i: int, k: int) -> None:
        self.labels[i] = k
        self.size[k] += 1
        if self.has_day[i]:
            d = self.day[i]
            if self.dated[k]:
                self.first[k] = min(self.first[k], d)
                self.last[k] = max(self.last[k], d)
            else:
                self.first[k] = self.last[k] = d
                self.dated[k] = True

    def _leave(self, i: int) -> None:
        k = self.labels[i]
        self.labels[i] = -1
        self.size[k] -= 1
        members = np.flatnonzero((self.labels == k) & self.has_day)
        if len(members):
            self.first[k], self.last[k] = self.day[members].min(), self.day[members].max()
        self.dated[k] = bool(len(members))

    def file(self, threshold: float) -> None:
        """Each article in order joins its best story at ``threshold`` or founds one."""
        sim = self.similarity
        for i in range(len(self.ids)):
            lo, hi = sim.indptr[i], sim.indptr[i + 1]
            # the articles filed so far are those before i (columns are sorted): the same
            # entries, in the same order, as the labelled ones of the row
            filed = lo + int(np.searchsorted(sim.indices[lo:hi], i))
            sums = np.bincount(self.labels[sim.indices[lo:filed]], weights=sim.data[lo:filed],
                               minlength=len(self.sid))
            scores = sums / np.maximum(self.size[:len(self.sid)], 1)
            # the window is asked only of the stories that reach the threshold
            k = self._pick(scores, self._fits(i, np.flatnonzero(scores >= threshold)), threshold)
            self._join(i, self._new_story(i) if k is None else k)

    def merge(self) -> int:
        """Story merging with the cohesion bar (see :meth:`StoryIndex.merge_stories`)."""
        minimum = self.settings["merge_min_members"]
        alpha = self.settings["merge_cohesion"]
        threshold = self.settings["join_threshold"]
        gap = self.settings["max_gap_days"]
        n = len(self.ids)
        merged = 0
        while True:
            k = len(self.sid)
            member = sparse.csr_matrix((np.ones(n), (np.arange(n), self.labels)), shape=(n, k))
            sums = (member.T @ self.similarity @ member).tocoo()
            size = self.size[:k].astype(np.float64)
            big = size >= minimum
            diag = np.zeros(k)
            on_diag = sums.row == sums.col
            diag[sums.row[on_diag]] = sums.data[on_diag]
            cohesion = np.where(big, diag / np.maximum(size * (size - 1), 1), 0.0)
            a, b, total = sums.row, sums.col, sums.data
            keep = (a < b) & big[a] & big[b]
            a, b, total = a[keep], b[keep], total[keep]
            cross = total / (size[a] * size[b])
            keep = (cross >= threshold) & (cross >= alpha * np.minimum(cohesion[a], cohesion[b]))
            if gap is not None:
                both = self.dated[a] & self.dated[b]
                apart = (self.first[b] - self.last[a] > gap) | (self.first[a] - self.last[b] > gap)
                keep &= ~(both & apart)
            pairs = sorted((-float(c), self.sid[x], self.sid[y]) for c, x, y in zip(cross[keep], a[keep], b[keep]))
            if not pairs:
                return merged
            touched = set()
            for _, sa, sb in pairs:
                if sa in touched or sb in touched:
                    continue  # judged again next round, against the merged story
                touched.update((sa, sb))
                x, y = self.sid_of[sa], self.sid_of[sb]
                keep_k, gone = (x, y) if (self.size[x], sb) >= (self.size[y], sa) else (y, x)
                for i in np.flatnonzero(self.labels == gone):
                    self._leave(i)
                    self._join(i, keep_k)
                merged += 1

    def regroup(self, passes: int) -> None:
        """Re-assign every article to its best story at the join threshold (see
        :meth:`StoryIndex.regroup`): its own story judged without it, stragglers join."""
        threshold = self.settings["join_threshold"]
        order = sorted(range(len(self.ids)), key=lambda i: (self.index.dates.get(self.ids[i]) or "9999", self.ids[i]))
        for _ in range(passes):
            moved = 0
            sim, labels, size = self.similarity, self.labels, self.size
            for i in order:
                current = int(labels[i])
                k = len(self.sid)
                lo, hi = sim.indptr[i], sim.indptr[i + 1]
                # every article is filed here: the row's entries are all labelled
                sums = np.bincount(labels[sim.indices[lo:hi]], weights=sim.data[lo:hi], minlength=k)
                own = size[current]
                scores = sums / np.maximum(size[:k], 1)
                # an empty story scores 0 and the threshold is positive, but it is excluded by
                # name, as is the article's own story (judged without it, below)
                above = np.flatnonzero(scores >= threshold)
                above = self._fits(i, above[(above != current) & (size[above] > 0)])
                best = self._pick(scores, above, threshold,
                                  (current, sums[current] / (own - 1)) if own > 1 else None)
                if best is None:
                    if own == 1:
                        continue
                    label = self.sid_of.get(story_id_for(self.ids[i]))
                    if label is not None and self.size[label] > 0:
                        continue  # the founder of a story keeps it
                    # fits nowhere: a story of its own (the one it once founded, if emptied)
                    best = self._new_story(i) if label is None else label
                if best != current:
                    moved += 1
                    self._leave(i)
                    self._join(i, best)
            if not moved:
                break

    def story_ids(self) -> List[str]:
        return [self.sid[k] for k in self.labels]


def _strongest_per_doc(w: np.ndarray, doc: np.ndarray, lengths: np.ndarray, limit: int,
                       ids: np.ndarray, vocab: List[str]) -> np.ndarray:
    """Positions of each article's ``limit`` largest weights (ties at the cut go to the smaller
    term, as :func:`.stories._strongest` does), weights > 0 only. Every term of an article with
    no more than ``limit`` terms is kept; only the terms tied at a longer article's cut are
    compared as strings. The order of the positions does not matter: the matrices are built in
    canonical (sorted) order."""
    long_doc = lengths > limit
    if not long_doc.any():
        return np.flatnonzero(w > 0)
    start = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    cut = np.full(len(lengths), -np.inf)
    for d in np.flatnonzero(long_doc).tolist():
        # the limit-th strongest weight of the article: a partition of its own terms costs a
        # fraction of sorting every term of the batch by (article, weight)
        weights = w[start[d]:start[d] + lengths[d]]
        cut[d] = np.partition(weights, len(weights) - limit)[len(weights) - limit]
    doc_cut = cut[doc]
    keep = (w > doc_cut) & (w > 0)
    tied = np.flatnonzero(w == doc_cut)
    if len(tied):
        taken = np.bincount(doc[keep & long_doc[doc]], minlength=len(lengths))
        chosen = []
        tied_doc = doc[tied]
        bounds = np.flatnonzero(np.diff(tied_doc)) + 1
        for group in np.split(tied, bounds):
            d = int(doc[group[0]])
            need = limit - int(taken[d])
            if need >= len(group):
                chosen.append(group)
            elif need > 0:
                chosen.append(np.array(sorted(group.tolist(), key=lambda i: vocab[ids[i]])[:need], dtype=np.int64))
        if chosen:
            keep[np.concatenate(chosen)] = True
        keep &= w > 0
    return np.flatnonzero(keep)


def group_articles(index: StoryIndex, ids: Sequence[str], count_df: bool = False) -> List[str]:
    """Story id per article of ``ids`` (in that order: the filing order) under the batch rules
    (``count_df``: see :class:`BatchGrouper`)."""
    if not ids:
        return []
    grouper = BatchGrouper(index, ids, count_df)
    settings = index.settings
    found = settings.get("found_threshold")
    grouper.file(settings["join_threshold"] if found is None else found)
    if settings.get("merge_cohesion") is not None:
        grouper.merge()
    grouper.regroup(settings["regroup_passes"])
    return grouper.story_ids()
