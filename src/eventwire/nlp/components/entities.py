"""Named and typed entities: sets ``doc.ents``.

Labels: OntoNotes-style PERSON, ORG, GPE, LOC, FAC, NORP, DATE, TIME, QUANTITY, CARDINAL,
MONEY, plus WEAPON, VEHICLE and MILITARY_PLATFORM. Percentages are QUANTITY (the label set has
no PERCENT).

The work is done by :class:`eventwire.nlp.ner.recogniser.Recogniser` (lexicons, cue words,
regex patterns and a GMB-trained span classifier, all data files); see docs/entities.md for
the span conventions (re3d-style: titles belong to the person, "the" to organisations).
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from ...errors import ComponentError
from ..ner.recogniser import Recogniser

VERSION = "1.0"


@Language.factory("eventwire_entities")
def make_component(nlp: Language, name: str):
    return EntityComponent(name)


class EntityComponent:
    version = VERSION

    def __init__(self, name: str = "eventwire_entities"):
        self.name = name
        self.recogniser = Recogniser()

    def __call__(self, doc: Doc) -> Doc:
        words, starts, sent_starts, newline_after = [], [], [], []
        for t in doc:
            words.append(t.text)
            starts.append(t.idx)
            sent_starts.append(t.is_sent_start is True)
            newline_after.append("\n" in t.whitespace_ or (t.is_space and "\n" in t.text))
        if not words:
            return doc
        try:
            mentions = self.recogniser(doc.text, words, starts, sent_starts, newline_after)
            self.recogniser.extend_the(words, mentions)
        except (IndexError, KeyError, ValueError) as exc:  # a bug, not bad input: say where
            raise ComponentError(f"{self.name}: {type(exc).__name__}: {exc}") from exc
        doc.set_ents([Span(doc, m.start, m.end, label=m.label) for m in mentions], default="outside")
        return doc
