"""Sentence boundaries: punctuation (spaCy's sentencizer rule) plus line breaks.

News text puts headlines, captions, datelines and list items on their own lines without a
full stop; a line break is therefore a boundary too, a run of blank lines belongs to the
sentence before it, and a quote or bracket that closes after the full stop stays with its
sentence.

The rule is spaCy's ``Sentencizer`` (a sentence starts at the first non-punctuation token
after a sentence-final character), except at a lower-case word after full stops only
("(D-Vt.) said"). Each token is one letter of a string (ordinary, lower-case, punctuation,
full stop, other sentence-final mark: see ``_OPENED``; remembered per token text), and the
rule is one regular expression over it; the flags are set in one ``Doc.from_array`` call.

A dateline ("AKTAU, Kazakhstan, Sept 29 (Meridian Press) - ") is not part of the story's first
sentence: that sentence opens after it, so no stage reads the filing place, date or agency as
a party, a time or an attribution's content of the first sentence.
"""
from __future__ import annotations

import re
from bisect import bisect_left

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.pipeline import Sentencizer

from ...ingest.metadata import dateline_end
from ..fast import doc_text, set_sentence_starts, token_offsets, token_texts

VERSION = "1.3"
_BREAK = re.compile(r"\n\s*")
_FINAL = frozenset(Sentencizer.default_punct_chars)
# A sentence starts at an ordinary token when a sentence-final mark stands between it and
# the ordinary token before it (or the start of the text) -- except a word written in lower
# case after full stops only: "Sen. Ann Lee (D-Vt.) said ..." goes on after the abbreviation's
# stop, while "?" or "!" before a lower-case word still ends the sentence (as in headlines
# and quotes). Letters: ``d`` a full stop, ``f`` another final mark, ``p`` punctuation, ``n``
# an ordinary token, ``l`` one that opens with a lower-case letter.
_OPENED = re.compile(r"[fd][pfd]*n|f[pfd]*l|d[pd]*f[pfd]*l")
_NOT_START = numpy.uint64(2 ** 64 - 1)  # -1 as SENT_START reads it
_CODES_LIMIT = 500_000  # token texts whose letter is remembered


@Language.factory("eventwire_sentences")
def make_sentences(nlp: Language, name: str):
    return SentenceSplitter(name, nlp.vocab)


class _Codes(dict):
    """token text -> its letter: ``d`` for a full stop, ``f`` when its lower-cased form is
    another sentence-final mark (as the sentencizer's test), else ``p`` for a punctuation
    lexeme (``IS_PUNCT``), else ``l`` when it opens with a lower-case letter, else ``n``."""

    __slots__ = ("vocab",)

    def __init__(self, vocab):
        super().__init__()
        self.vocab = vocab

    def __missing__(self, text: str) -> str:
        if len(self) >= _CODES_LIMIT:
            self.clear()
        if text == ".":
            code = "d"
        elif text.lower() in _FINAL:
            code = "f"
        elif self.vocab[text].is_punct:
            code = "p"
        else:
            code = "l" if text[:1].islower() else "n"
        self[text] = code
        return code


class SentenceSplitter:
    version = VERSION

    def __init__(self, name: str, vocab=None):
        self.name = name
        self._codes = {} if vocab is None else _Codes(vocab)
        self._vocab = vocab

    def __call__(self, doc):
        n = len(doc)
        if not n:
            return doc
        codes = self._codes
        if self._vocab is not doc.vocab:  # a Doc of another vocabulary: its own lexemes decide
            codes = self._codes = _Codes(doc.vocab)
            self._vocab = doc.vocab
        letters = "".join(map(codes.__getitem__, token_texts(doc)))
        starts = {m.end() - 1 for m in _OPENED.finditer(letters)}
        starts.add(0)
        text = doc_text(doc)
        if "\n" in text:
            starts_at, _ends = token_offsets(doc)
            for m in _BREAK.finditer(text):
                k = bisect_left(starts_at, m.end())
                if 0 < k < n:
                    starts.add(k)
                j = bisect_left(starts_at, m.start())
                if 0 < j < k and text[starts_at[j]:starts_at[j] + 1].isspace():
                    starts.discard(j)  # a run of blank lines belongs to the sentence before
        after_dateline = dateline_end(getattr(doc._, "article", None))
        if after_dateline:
            starts_at, _ends = token_offsets(doc)
            k = bisect_left(starts_at, after_dateline)
            if 0 < k < n:
                starts.add(k)
        ordered = sorted(starts)
        flags = numpy.full((n, 1), _NOT_START, dtype=numpy.uint64)
        flags[ordered, 0] = 1
        doc.from_array([SENT_START], flags)
        set_sentence_starts(doc, ordered)
        return doc
