"""Sentence boundaries: punctuation (spaCy's sentencizer rules) plus line breaks.

News text puts headlines, captions, datelines and list items on their own lines without a
full stop; a line break is therefore a boundary too, and a quote that closes after the full
stop stays with its sentence.
"""
from __future__ import annotations

import re
from bisect import bisect_left

from spacy.attrs import IDX
from spacy.language import Language
from spacy.pipeline import Sentencizer

from ..fast import doc_text

VERSION = "1.0"


@Language.factory("eventwire_sentences")
def make_sentences(nlp: Language, name: str):
    return SentenceSplitter(name)


class SentenceSplitter:
    def __init__(self, name: str):
        self.name = name
        self._punct = Sentencizer()

    def __call__(self, doc):
        doc = self._punct(doc)
        text = doc_text(doc)
        if "\n" not in text:
            return doc
        starts = doc.to_array(IDX).tolist()
        n = len(starts)
        for m in _BREAK.finditer(text):
            # the first token that starts after the line break opens a sentence
            k = bisect_left(starts, m.end())
            if 0 < k < n:
                doc[k].is_sent_start = True
            j = bisect_left(starts, m.start())
            if 0 < j < k and text[starts[j]:starts[j] + 1].isspace():
                doc[j].is_sent_start = False  # a run of blank lines belongs to the sentence before
        return doc


_BREAK = re.compile(r"\n\s*")

