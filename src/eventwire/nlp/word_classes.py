"""Word classes learned from the UD English EWT treebank (``data/lexicons/word_classes.json``,
built by ``tools/build_word_classes.py``): what a word form usually is when no tagger runs.

``forms`` maps a lower-cased form to [most frequent Penn tag, ambiguity class]; the ambiguity
class lists the universal tags that make up a real share of the form's uses ("base" -> NOUN,
"supply" -> VERB/NOUN).
"""
from __future__ import annotations

from functools import lru_cache

from ..resources import load_json

WORD_CLASS_FILE = "lexicons/word_classes.json"


@lru_cache(maxsize=1)
def _forms() -> dict:
    return load_json(WORD_CLASS_FILE)["forms"]


def word_class(form: str):
    """[most frequent Penn tag, ambiguity class] of a lower-cased form, or None when the
    treebank saw it too rarely."""
    return _forms().get(form)


@lru_cache(maxsize=1)
def verb_forms_seen() -> frozenset:
    """Forms whose most frequent use in the treebank is a verb ('crossed', 'went', 'pushed')."""
    return frozenset(w for w, (tag, _classes) in _forms().items() if tag.startswith("VB"))


@lru_cache(maxsize=1)
def noun_only_forms() -> frozenset:
    """Forms the treebank uses as nouns only ('base', 'crimes', 'helicopters', and 'agency',
    which is also part of names; not 'force' or 'supply', which are verbs too)."""
    return frozenset(w for w, (_tag, classes) in _forms().items() if classes in ("NOUN", "NOUN/PROPN"))
