"""A linear (multinomial logistic) classifier over ``span_features``; weights are a data file.

The model is trained by tools/train_ner.py on the GMB corpus and shipped as
data/models/ner/span_types.json: ``{"classes": [...], "weights": {feature: [w per class]}}``.
Scoring is a dictionary walk, so typing the ~100 candidates of a long article costs well
under a millisecond and loading is a single JSON parse.
"""
from __future__ import annotations

import math

from ...errors import DataFileError
from ...resources import load_json
from .span_features import context_features, word_features

MODEL_PATH = "models/ner/span_types.json"


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

    @classmethod
    def load(cls, path: str = MODEL_PATH) -> "SpanClassifier":
        return cls(load_json(path))

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
            hit = self._cache[key] = self._predict(words, prev, prev2, nxt, sent_start)
        return hit

    def _predict(self, words, prev, prev2, nxt, sent_start) -> tuple[str, float]:
        key = tuple(words)
        own = self._word_scores.get(key)
        if own is None:
            if len(self._word_scores) > 200_000:
                self._word_scores.clear()
            own = self._word_scores[key] = self.scores(word_features(words))
        around = self.scores(context_features(words[0], prev, prev2, nxt, sent_start))
        sc = [a + b for a, b in zip(own, around)]
        top = max(range(len(sc)), key=sc.__getitem__)
        z = sum(math.exp(s - sc[top]) for s in sc)
        return self.classes[top], 1.0 / z
