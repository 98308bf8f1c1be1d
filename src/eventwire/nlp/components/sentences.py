"""Sentence boundaries: punctuation (spaCy's sentencizer rules) plus line breaks.

News text puts headlines, captions, datelines and list items on their own lines without a
full stop; a line break is therefore a boundary too, and a quote that closes after the full
stop stays with its sentence.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.pipeline import Sentencizer

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
        for i, token in enumerate(doc[:-1]):
            nxt = doc[i + 1]
            if "\n" in token.whitespace_ or token.is_space and "\n" in token.text:
                nxt.is_sent_start = True
        return doc

