"""Features of a candidate name span, identical at training time (GMB) and run time.

A span is given as the list of its words plus the words just around it; words are plain
strings so that GMB's CSV rows and spaCy tokens feed the same function.
"""
from __future__ import annotations

import re
from functools import lru_cache

_SHAPE_RE = (re.compile(r"[A-Z]+"), re.compile(r"[a-z]+"), re.compile(r"[0-9]+"))


@lru_cache(maxsize=65536)
def word_shape(word: str) -> str:
    s = _SHAPE_RE[0].sub("X", word)
    s = _SHAPE_RE[1].sub("x", s)
    return _SHAPE_RE[2].sub("d", s)


def span_features(words: list[str], prev: str = "", prev2: str = "", nxt: str = "",
                  sent_start: bool = False) -> list[str]:
    return word_features(words) + context_features(words[0], prev, prev2, nxt, sent_start)


def word_features(words: list[str]) -> list[str]:
    """The features of the span's own words (the classifier caches their score per span)."""
    low = list(map(str.lower, words))
    first, last = low[0], low[-1]
    feats = ["bias", _LENGTHS[min(len(words), 4)], "first:" + first, "last:" + last,
             "suf3:" + last[-3:], "suf4:" + last[-4:], "fsuf3:" + first[-3:],
             "shape:" + " ".join(map(word_shape, words[:3]))]
    feats += ["w:" + w for w in low]
    if len(words) > 1:
        feats.append("first_last:%s|%s" % (first, last))
    return feats


_LENGTHS = ["len:%d" % k for k in range(5)]


def context_features(first_word: str, prev: str = "", prev2: str = "", nxt: str = "",
                     sent_start: bool = False) -> list[str]:
    """The features of the words around the span."""
    feats = ["prev:" + prev.lower(), "prev2:" + prev2.lower(), "next:" + nxt.lower()]
    if sent_start:
        feats.append("sent_start")
        feats.append("sent_start_first:" + first_word.lower())
    return feats
