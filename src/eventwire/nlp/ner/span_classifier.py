"""A linear (multinomial logistic) classifier over ``span_features``; weights are a data file.

The model is trained by tools/train_ner.py on the GMB corpus and shipped as
data/models/ner/span_types.json: ``{"classes": [...], "weights": {feature: [w per class]}}``.
Scoring is a dictionary walk, so typing the ~100 candidates of a long article costs well
under a millisecond and loading is a single JSON parse. ``score_many`` scores all of a
document's candidates at once: the context weights (the part that differs at every
occurrence) are added as numpy rows, in the same order and with the same float additions as
``predict``, so labels and probabilities are bit-identical to it.
"""
from __future__ import annotations

import math
from functools import lru_cache
from itertools import repeat
from operator import add, sub

import numpy as np
import orjson

from ...errors import DataFileError
from ...resources import data_path
from .span_features import word_features

MODEL_PATH = "models/ner/span_types.json"
_CONTEXT_PREFIXES = ("prev:", "prev2:", "next:", "sent_start_first:")  # span_features.context_features
_UNSEEN = object()


@lru_cache(maxsize=4)
def _read_model(path: str) -> dict:
    """The model file, parsed once per process (read-only) by orjson: the 2 MB of weights
    parse in a third of the time ``json`` takes, to the same floats."""
    file = data_path(path)
    try:
        return orjson.loads(file.read_bytes())
    except orjson.JSONDecodeError as exc:
        raise DataFileError(f"{file}: {exc}") from None


class SpanClassifier:
    def __init__(self, model: dict):
        try:
            self.classes = list(model["classes"])
            self.weights = model["weights"]
        except (KeyError, TypeError):
            raise DataFileError(f"{MODEL_PATH}: expected 'classes' and 'weights'") from None
        self._zero = [0.0] * len(self.classes)
        self._cache: dict = {}
        # Scores are sums over features: the part from the span's own words is the same
        # wherever a name recurs, so it is summed once per span.
        self._word_scores: dict = {}
        # prev, prev2, next and sentence-opening words -> their weight vector (or None)
        self._context: tuple = ({}, {}, {}, {})
        self._sent_start = self.weights.get("sent_start")
        self._reset_rows()

    def _reset_rows(self) -> None:
        """The weight vectors met so far as rows of one matrix (row 0: zeros, for a feature the
        model lacks; row 1: the ``sent_start`` weight): per context slot (prev, prev2, next,
        sentence-opening word) the word -> row index, and per span its own-word score row."""
        width = len(self.classes)
        self._matrix = np.zeros((1024, width))
        if self._sent_start is not None:
            self._matrix[1] = self._sent_start
        self._n_rows = 2
        self._row_of: tuple = ({}, {}, {}, {})
        self._own_row: dict = {}

    def _add_row(self, vector) -> int:
        row = self._n_rows
        if row == len(self._matrix):
            self._matrix = np.concatenate((self._matrix, np.zeros_like(self._matrix)))
        self._matrix[row] = vector
        self._n_rows = row + 1
        return row

    def _row(self, slot: int, word: str) -> int:
        """The row of the context feature ``slot`` for ``word`` (added when first met)."""
        vector = self.weights.get(_CONTEXT_PREFIXES[slot] + word.lower())
        row = self._row_of[slot][word] = 0 if vector is None else self._add_row(vector)
        return row

    def _span_row(self, words: tuple) -> int:
        """The row of the span's own-word score (``scores(word_features(words))``)."""
        row = self._own_row[words] = self._add_row(self.scores(word_features(words)))
        return row

    def own_scores(self, words: tuple) -> list[float]:
        """The summed weights of the span's own-word features (remembered per span)."""
        own = self._word_scores.get(words)
        if own is None:
            if len(self._word_scores) > 200_000:
                self._word_scores.clear()
            own = self._word_scores[words] = self.scores(word_features(words))
        return own

    def score_many(self, requests: list) -> tuple[list[int], list[list[float]]]:
        """Class scores of many spans at once. ``requests``: (words tuple, prev, prev2, next,
        sent_start) as ``predict`` takes them. Returns the index of the best class (the first
        best) and the score rows; ``probability(row)`` gives ``predict``'s probability."""
        if self._n_rows > 400_000:
            self._reset_rows()
        own_rows, (rows_prev, rows_prev2, rows_next, rows_first) = self._own_row, self._row_of
        row, span_row = self._row, self._span_row
        sent_row = 1 if self._sent_start is not None else 0
        at_own, at_prev, at_prev2, at_next, at_start, at_first = [], [], [], [], [], []
        for words, prev, prev2, nxt, sent_start in requests:
            r = own_rows.get(words)
            at_own.append(span_row(words) if r is None else r)
            r = rows_prev.get(prev)
            at_prev.append(row(0, prev) if r is None else r)
            r = rows_prev2.get(prev2)
            at_prev2.append(row(1, prev2) if r is None else r)
            r = rows_next.get(nxt)
            at_next.append(row(2, nxt) if r is None else r)
            if sent_start:
                at_start.append(sent_row)
                r = rows_first.get(words[0])
                at_first.append(row(3, words[0]) if r is None else r)
            else:
                at_start.append(0)
                at_first.append(0)
        n = len(requests)
        # one gather for all six terms: own, prev, prev2, next, sent_start, first
        g = self._matrix[at_own + at_prev + at_prev2 + at_next + at_start + at_first].reshape(6, n, -1)
        # predict's order: own + (((prev + prev2) + next) + sent_start + first); a missing
        # feature adds a zero row, which leaves every sum as it was
        around = g[1] + g[2]
        around += g[3]
        around += g[4]
        around += g[5]
        sc = g[0] + around
        return sc.argmax(axis=1).tolist(), sc.tolist()

    @staticmethod
    def probability(row: list[float]) -> float:
        """The probability of the best class, from a score row (as ``predict`` computes it)."""
        top_score = max(row)
        return 1.0 / sum(map(math.exp, map(sub, row, repeat(top_score, len(row)))))

    def _context_vectors(self, first, prev, prev2, nxt, sent_start) -> list:
        """The weight vectors (or None) of ``context_features``, in its order, remembered per word."""
        context, get = self._context, self.weights.get
        if sum(map(len, context)) > 200_000:
            for table in context:
                table.clear()
        words = [prev, prev2, nxt, first] if sent_start else [prev, prev2, nxt]
        found = []
        for k, (table, prefix, word) in enumerate(zip(context, _CONTEXT_PREFIXES, words)):
            vector = table.get(word, _UNSEEN)
            if vector is _UNSEEN:
                vector = table[word] = get(prefix + word.lower())
            found.append(vector)
            if k == 2 and sent_start:
                found.append(self._sent_start)
        return found

    @classmethod
    def load(cls, path: str = MODEL_PATH) -> "SpanClassifier":
        return cls(_read_model(path))

    def scores(self, feats: list[str]) -> list[float]:
        get = self.weights.get
        vectors = [w for w in map(get, feats) if w is not None]
        if not vectors:
            return list(self._zero)
        return list(map(sum, zip(*vectors)))

    def predict(self, words, prev="", prev2="", nxt="", sent_start=False) -> tuple[str, float]:
        """The best class and its probability (memoised: names recur across articles)."""
        key = (tuple(words), prev, prev2, nxt, sent_start)
        hit = self._cache.get(key)
        if hit is None:
            if len(self._cache) > 200_000:
                self._cache.clear()
            hit = self._cache[key] = self._predict(key[0], prev, prev2, nxt, sent_start)
        return hit

    def _predict(self, words, prev, prev2, nxt, sent_start) -> tuple[str, float]:
        own = self._word_scores.get(words)
        if own is None:
            if len(self._word_scores) > 200_000:
                self._word_scores.clear()
            own = self._word_scores[words] = self.scores(word_features(words))
        # context_features, inlined and looked up per word (the same few words surround
        # most names): a feature the model lacks is remembered as None
        context = self._context
        found = [context[0].get(prev, _UNSEEN), context[1].get(prev2, _UNSEEN), context[2].get(nxt, _UNSEEN)]
        if sent_start:
            found.append(self._sent_start)
            found.append(context[3].get(words[0], _UNSEEN))
        if _UNSEEN in found:
            found = self._context_vectors(words[0], prev, prev2, nxt, sent_start)
        vectors = [w for w in found if w is not None]
        # the same additions in the same order as ``scores`` then ``own + around``
        if not vectors:
            sc = [a + 0.0 for a in own]
        elif len(vectors) == 1:
            sc = list(map(add, own, map(add, repeat(0), vectors[0])))  # sum() starts from int 0
        else:
            sc = list(map(add, own, map(sum, zip(*vectors))))
        top_score = max(sc)
        top = sc.index(top_score)  # the first best, as max(range, key=...) picks it
        z = sum(map(math.exp, map(sub, sc, repeat(top_score, len(sc)))))
        return self.classes[top], 1.0 / z
