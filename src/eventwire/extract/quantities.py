"""Numbers tied to what they count: "33 sorties", "six guns", "12 people were killed".

A quantity is a number (digits or words, "three hundred") followed within a few words by a
counted noun from ``data/lexicons/quantities.json``; its role comes from the noun
("sorties", "targets", "weapons") or, for people, from a nearby verb ("killed", "arrested").
Numbers inside time expressions (``doc._.times``) are not quantities.
"""
from __future__ import annotations

import re
from functools import lru_cache

from itertools import compress
from operator import itemgetter

from spacy.language import Language
from spacy.tokens import Doc

from ..models import Quantity
from ..nlp.fast import doc_text, sentence_starts, token_lowers, token_offsets
from ..nlp.inflect import noun_forms, verb_forms
from ..nlp.ner.lexicons import people_plurals
from ..resources import load_json

VERSION = "0.1"
COMPONENT = f"eventwire_quantities@{VERSION}"
MAX_GAP = 3  # modifier words allowed between the number and its noun ("32 ISIS facilities")
VERB_WINDOW = 4
_DIGITS = re.compile(r"^\d[\d,]*(\.\d+)?$")
_PASSIVE_AUX = frozenset({"were", "was", "are", "is", "been", "have", "has", "had"})
_STOP = {",", ".", ";", ":", "(", ")", "and", "or", "in", "on", "at", "to", "from", "with", "by"}


@lru_cache(maxsize=1)
def _lexicon():
    data = load_json("lexicons/quantities.json")
    units = {}
    for lemma, role in data["units"].items():
        for form in noun_forms(lemma):
            units.setdefault(form.lower(), (lemma, role))
    verbs = {}
    for lemma, role in data["verbs"].items():
        for form in verb_forms(lemma):
            verbs.setdefault(form.lower(), role)
    for plural in people_plurals():  # 'killed 4 Iraqis': nationals are people
        units.setdefault(plural, (plural[:-1], "people"))
    return data["numbers"], data["scales"], units, verbs


def _number(low, i, numbers, scales):
    """(value, next index) for a number starting at token i, or None."""
    text = low[i]
    if _DIGITS.match(text):
        value = float(text.replace(",", ""))
    elif text in numbers and text not in ("a", "an"):
        value = float(numbers[text])
    else:
        return None
    j = i + 1
    while j < len(low) and low[j] in scales:
        value *= scales[low[j]]
        j += 1
    return value, j


_DIGIT = re.compile(r"\d")
_match_start = re.Match.start


def _number_tokens(low: list, numbers: dict) -> list:
    """Indices of the tokens that can open a number (what :func:`_number` accepts): number
    words, and digit strings, found without a Python-level loop over every token."""
    words = list(compress(range(len(low)), map(numbers.__contains__, low)))
    firsts = "".join(map(itemgetter(0), low))
    digits = [i for i in map(_match_start, _DIGIT.finditer(firsts)) if _DIGITS.match(low[i])]
    if not words:
        return digits
    words = [i for i in words if low[i] not in ("a", "an")]  # articles, not "one"
    return sorted(set(words).union(digits)) if digits else words


@Language.factory("eventwire_quantities")
def make_quantities(nlp: Language, name: str):
    return QuantityFinder()


class QuantityFinder:
    version = VERSION

    def __call__(self, doc: Doc) -> Doc:
        numbers, scales, units, verbs = _lexicon()
        low = token_lowers(doc)
        found = []
        opening = _number_tokens(low, numbers)
        if not opening:  # most sentences, and many documents, hold no number at all
            doc._.quantities = found
            return doc
        starts, ends = token_offsets(doc)
        in_time = set()
        for t in doc._.times or []:
            in_time.update(range(t.start, t.end))
        sent_starts = set(sentence_starts(doc))
        text = None
        n = len(low)
        i = 0
        for i0 in opening:
            if i0 < i:
                continue  # inside the quantity before, or its number's scale words
            i = i0
            if starts[i] in in_time:
                continue
            parsed = _number(low, i, numbers, scales)
            if parsed is None:
                continue
            value, j = parsed
            unit = None
            for k in range(j, min(n, j + MAX_GAP + 1)):
                two = f"{low[k]} {low[k + 1]}" if k + 1 < n else None
                if two and two in units:
                    unit, end = units[two], k + 2
                    break
                if low[k] in units:
                    unit, end = units[low[k]], k + 1
                    if end < n and low[end] in units:  # "9 rebel facilities": the head is last
                        unit, end = units[low[end]], end + 1
                    break
                if low[k] in _STOP or k in sent_starts:
                    break
            if unit is None:
                i = j
                continue
            lemma, role = unit
            if role == "people":
                role = self._verb_role(low, sent_starts, i, end, verbs) or role
            if text is None:
                text = doc_text(doc)
            start_char, end_char = starts[i], ends[end - 1]
            found.append(Quantity(start_char, end_char, text[start_char:end_char], value, lemma, role,
                                  component=COMPONENT))
            i = end
        doc._.quantities = found
        return doc

    @staticmethod
    def _verb_role(low, sent_starts, start, end, verbs):
        lo = start
        while lo > 0 and lo not in sent_starts and start - lo < VERB_WINDOW:
            lo -= 1
        hi = end
        while hi < len(low) and hi not in sent_starts and hi - end < VERB_WINDOW:
            hi += 1
        # the nearest verb on either side: 'killing one person and arresting 12' counts the
        # killed; at equal distance the left one, unless a passive follows the noun
        # ('12 people were killed and 30 protesters were arrested')
        passive = end < len(low) and low[end] in _PASSIVE_AUX
        for d in range(1, max(hi - end, start - lo) + 1):
            for k in ((end + d - 1, start - d) if passive else (start - d, end + d - 1)):
                if (lo <= k < start or end <= k < hi) and k >= 0:
                    role = verbs.get(low[k])
                    if role:
                        return role
        return None
