"""Event triggers: the PLOVER trigger lexicon, every form indexed by its first token.

``data/lexicons/events.json`` lists lemmas per type (verbs, nouns, fixed phrases, and words
that set a mode); ``data/plover/ontology.json`` says which types are PLOVER's and which are
documented extensions. Every inflected form is matched case-insensitively.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from .event_tokens import TokenIndex, phrase_tokens, token_view
from ..nlp.inflect import noun_forms, verb_forms
from ..ontology import ontology
from ..resources import load_json

KIND_WEIGHT = {"verb": 0.6, "phrase": 0.55, "noun": 0.4}


@dataclass(frozen=True, slots=True)
class Sense:
    type: str
    kind: str  # verb, noun, phrase
    lemma: str
    mode: Optional[str] = None


@dataclass(slots=True)
class Trigger:
    start: int  # token indices
    end: int
    senses: tuple
    form: str = ""  # the matched text, lower-cased: the senses are those of this form

    def best(self, verb_like: bool) -> Sense:
        key = (self.form, verb_like)
        sense = _BEST.get(key) if self.form else None
        if sense is None:
            want = "verb" if verb_like else "noun"
            sense = min(self.senses, key=lambda s: (s.kind != want and s.kind != "phrase",
                                                    -len(s.lemma.split()), _TYPE_ORDER.get(s.type, 99)))
            if self.form:
                _BEST[key] = sense  # one form always has the same senses: rank them once
        return sense


_BEST: dict = {}


_TYPE_ORDER: dict = {}


@lru_cache(maxsize=1)
def _senses_by_form() -> dict:
    lexicon = load_json("lexicons/events.json")
    known = ontology()
    forms: dict[str, dict] = {}
    for order, (etype, entry) in enumerate((k, v) for k, v in lexicon.items() if not k.startswith("_")):
        if etype not in known:
            from ..errors import DataFileError
            raise DataFileError(f"lexicons/events.json names type {etype!r}, not in plover/ontology.json")
        _TYPE_ORDER[etype] = order
        modes = {}
        for mode, words in entry.get("modes", {}).items():
            for w in words:
                modes.setdefault(w, mode)  # "verb:bomb" holds for verb senses only
        for kind in ("verb", "noun", "phrase"):
            for lemma in entry.get(kind, []):
                expand = verb_forms if kind == "verb" else noun_forms if kind == "noun" else (lambda p: [p])
                sense = Sense(etype, kind, lemma, modes.get(f"{kind}:{lemma}", modes.get(lemma)))
                for form in expand(lemma):
                    # a dict keeps lexicon order, so ties between senses break the same way in every run
                    forms.setdefault(form.lower(), {})[sense] = None
    return forms


class TriggerMatcher:
    """Every form's token sequence, looked up from its first token.

    A PhraseMatcher over the ~2,300 forms needs a Doc per form at start-up; the index needs
    none and finds the same matches (spaCy's LOWER is the lower-cased token text, which is what
    the token view holds).
    """

    def __init__(self, vocab):
        self.senses = _senses_by_form()
        self.index = TokenIndex(phrase_tokens(vocab, list(self.senses)))

    def matches(self, low: list, unique=None) -> list:
        """(start, end) of every form in the lower-cased tokens, overlapping ones included."""
        return self.index.matches(low, unique)

    def __call__(self, doc) -> list:
        """Longest non-overlapping triggers, left to right."""
        view = token_view(doc)
        spans = sorted(self.index.matches(view.low, view.low_set, view.positions), key=_LONGEST_FIRST)
        out, pos = [], -1
        for s, e in spans:
            if s < pos:
                continue
            form = view.span_lower(s, e)
            senses = self.senses.get(form)
            if senses:
                out.append(Trigger(s, e, tuple(senses), form))
                pos = e
        return out


def _LONGEST_FIRST(span: tuple) -> tuple:
    return span[0], -span[1]


@lru_cache(maxsize=2)
def get_trigger_matcher(vocab) -> TriggerMatcher:
    return TriggerMatcher(vocab)
