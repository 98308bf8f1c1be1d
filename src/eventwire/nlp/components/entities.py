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
from spacy.attrs import ENT_IOB, ENT_TYPE
from spacy.language import Language
from spacy.tokens import Doc

from ...errors import ComponentError
from ..fast import (doc_text, forget_entity_spans, sentence_starts, set_entity_spans, token_offsets,
                    token_texts)
from ..ner.recogniser import Recogniser

VERSION = "1.2"
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
        # Plain lists from the tokenizer and the sentence splitter: making 800 Token objects
        # would cost more than the recogniser.
        text = doc_text(doc)
        words = token_texts(doc)
        starts, ends = token_offsets(doc)
        sent_starts = bytearray(n)
        for k in sentence_starts(doc):
            sent_starts[k] = 1
        sent_starts[0] = 1
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
        # doc.ents in one array write (set_ents wants a Span object per name): IOB 2 is
        # outside, 3 begins a name, 1 continues it. Both columns are built as bytes (the
        # type column as an index into this document's label ids) so that numpy reads them
        # without converting 2 x 800 Python ints.
        iob = bytearray(b"\x02") * n
        types = bytearray(n)
        add = doc.vocab.strings.add
        label_ids = [0]
        label_index: dict = {}
        # the entities as doc.ents will read them, for nlp.fast.entity_spans (kept only when
        # every one is a well-formed, separate span: else readers go to the arrays)
        spans = []
        spans_end = 0
        for m in mentions:
            if m.source not in NOT_NAMES:
                a, b = m.start, min(m.end, n)
                k = label_index.get(m.label)
                if k is None:  # (the label set is a few dozen at most: an index fits a byte)
                    k = label_index[m.label] = len(label_ids)
                    label_ids.append(add(m.label))
                if spans is not None:
                    if spans_end <= a < b and label_ids[k]:
                        spans.append((a, b, m.label))
                        spans_end = b
                    else:
                        spans = None
                iob[a] = 3
                if b - a > 1:
                    iob[a + 1:b] = b"\x01" * (b - a - 1)
                    types[a:b] = bytes((k,)) * (b - a)
                elif b > a:
                    types[a] = k
        arr = np.empty((n, 2), dtype=np.uint64)
        arr[:, 0] = np.frombuffer(iob, dtype=np.uint8)
        arr[:, 1] = np.array(label_ids, dtype=np.uint64)[np.frombuffer(types, dtype=np.uint8)]
        doc.from_array([ENT_IOB, ENT_TYPE], arr)
        if spans is None:
            forget_entity_spans(doc)
        else:
            set_entity_spans(doc, spans)
        doc._.entity_mentions = [(m.start, m.end, m.label, m.source) for m in mentions if m.source in NOT_NAMES]
        return doc
