"""A linear (multinomial logistic) classifier over ``span_features``; weights are a data file.

The model is trained by tools/train_ner.py on the GMB corpus and shipped as
data/models/ner/span_types.json: ``{"classes": [...], "weights": {feature: [w per class]}}``.
Scoring is a dictionary walk, so typing the ~100 candidates of a long article costs well
under a millisecond and loading is a single JSON parse.
"""
from __future__ import annotations

import math
from functools import lru_cache
from itertools import repeat
from operator import add, sub

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
        return [sum(column) for column in zip(*vectors)]

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
