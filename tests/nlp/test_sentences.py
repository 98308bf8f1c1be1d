"""The sentence splitter: spaCy's Sentencizer rule (computed over arrays) plus line breaks."""
from __future__ import annotations

import pytest
import spacy

from eventwire.nlp.fast import sentence_starts
from eventwire.nlp.pipeline import build_pipeline

ONE_LINE = [
    "Troops entered the town on Monday. Residents fled! Did the army stop? Nobody knows.",
    'He said: "We will not leave." Then he left... Officials (who declined to be named) agreed.',
    "The U.S. and the U.K. met in Geneva. Talks ended?! A statement followed.",
    "No final mark here",
    "Wait . . . what?",
]


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline(["eventwire_sentences"])


@pytest.mark.parametrize("text", ONE_LINE)
def test_same_boundaries_as_spacys_sentencizer_without_line_breaks(nlp, text):
    reference = spacy.blank("en")
    reference.add_pipe("sentencizer")
    expected = [s.start for s in reference(text).sents]
    doc = nlp(text)
    assert [s.start for s in doc.sents] == expected
    assert sentence_starts(doc) == expected


def test_line_breaks_end_sentences_and_blank_lines_stay_with_the_sentence_before(nlp):
    doc = nlp("Syria ceasefire holds\n\nDAMASCUS - Fighting stopped.\nMore follows")
    sents = [s.text for s in doc.sents]
    assert sents == ["Syria ceasefire holds\n\n", "DAMASCUS - Fighting stopped.\n", "More follows"]
    assert sentence_starts(doc) == [s.start for s in doc.sents]
