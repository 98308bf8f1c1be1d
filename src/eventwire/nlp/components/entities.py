"""Named and typed entities: sets ``doc.ents``.

Labels: OntoNotes-style PERSON, ORG, GPE, LOC, FAC, NORP, DATE, TIME, QUANTITY, CARDINAL,
MONEY, plus WEAPON, VEHICLE and MILITARY_PLATFORM. Percentages are QUANTITY (the label set has
no PERCENT).

The work is done by :class:`eventwire.nlp.ner.recogniser.Recogniser` (lexicons, cue words,
regex patterns and a GMB-trained span classifier, all data files); see docs/entities.md for
the span conventions (re3d-style: titles belong to the person, "the" to organisations).
"""
from __future__ import annotations

from bisect import bisect_right

import numpy as np
from spacy.attrs import IDX, LENGTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span

from ...errors import ComponentError
from ..fast import doc_text
from ..ner.recogniser import Recogniser

VERSION = "1.1"
NOT_NAMES = ("pronoun", "nominal")  # mentions that refer to an entity without naming it


@Language.factory("eventwire_entities", default_config={"pronouns": True, "nominals": True})
def make_component(nlp: Language, name: str, pronouns: bool, nominals: bool):
    """Names go to ``doc.ents``. Pronoun mentions ("he" PERSON, "they" ORG) and common-noun
    place mentions ("the hospital" FAC), which re3d annotates as entity mentions, go to
    ``doc._.entity_mentions`` instead: downstream components read ``doc.ents`` as names."""
    return EntityComponent(name, pronouns=pronouns, nominals=nominals)


class EntityComponent:
    version = VERSION

    def __init__(self, name: str = "eventwire_entities", pronouns: bool = False, nominals: bool = False):
        self.name = name
        self.recogniser = Recogniser(pronouns=pronouns, nominals=nominals)

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if not n:
            return doc
        # Offsets from one array call: making 800 Token objects costs more than the recogniser.
        # Offsets from one array call: making 800 Token objects costs more than the recogniser
        # (and uint64 -> int conversion in tolist() is slow, hence the int64 cast).
        starts, lengths, sent_flags = doc.to_array([IDX, LENGTH, SENT_START]).astype(np.int64).T.tolist()
        text = doc_text(doc)
        ends = [a + n for a, n in zip(starts, lengths)]
        words = [text[a:b] for a, b in zip(starts, ends)]
        sent_starts = [f == 1 for f in sent_flags]
        sent_starts[0] = True
        # A token is followed by a line break when a newline lies between its start and the
        # next token's start (or inside it, for whitespace tokens).
        newline_after = [False] * n
        pos = text.find("\n")
        while pos >= 0:
            k = bisect_right(starts, pos) - 1
            if k >= 0:
                newline_after[k] = True
            pos = text.find("\n", pos + 1)
        try:
            mentions = self.recogniser(text, words, starts, sent_starts, newline_after, ends)
            self.recogniser.extend_the(words, mentions)
        except (IndexError, KeyError, ValueError) as exc:  # a bug, not bad input: say where
            raise ComponentError(f"{self.name}: {type(exc).__name__}: {exc}") from exc
        names = [m for m in mentions if m.source not in NOT_NAMES]
        doc.set_ents([Span(doc, m.start, m.end, label=m.label) for m in names], default="outside")
        doc._.entity_mentions = [(m.start, m.end, m.label, m.source) for m in mentions if m.source in NOT_NAMES]
        return doc
