"""The recogniser's cheaper reads give what the plain ones give."""
from __future__ import annotations

import pytest

from eventwire.models import Article
from eventwire.nlp.ner import recogniser as recogniser_module
from eventwire.nlp.ner.recogniser import Recogniser
from eventwire.nlp.pipeline import build_pipeline, make_doc


@pytest.fixture(scope="module")
def recogniser():
    return Recogniser(pronouns=True, nominals=True)


def test_caps_and_word_table_read_as_before(recogniser):
    rec = recogniser
    words = ["The", "Syrian", "army", "said", "On", "Monday", "1,000", "İstanbul", "he", "the"]
    bits = rec._info(words)
    again = rec._info(words)  # from the table this time
    assert bits == again and recogniser_module._UNKNOWN not in bits
    caps = bits.translate(recogniser_module._CAP_ONLY)
    assert [bool(c) for c in caps] == [bool(b & recogniser_module.CAP) for b in bits]
    assert caps[1] and not caps[2] and not caps[8]
    assert rec._word_bits["never seen before"] == recogniser_module._UNKNOWN
    assert rec._word_bits.get("never seen before") is None


def test_grammar_spans_are_still_found():
    nlp = build_pipeline(["eventwire_sentences", "eventwire_entities"])
    text = ("The Syrian army shelled Idlib province. Iraqi forces and the Assad regime met near the "
            "Hmeimim airbase. Russia's Defence Ministry said so")
    doc = nlp(make_doc(nlp, Article(id="t", text=text)))
    found = {(e.text, e.label_) for e in doc.ents}
    assert ("The Syrian army", "ORG") in found or ("Syrian army", "ORG") in found
    assert any(t.endswith("Idlib province") and lab == "LOC" for t, lab in found)
    assert any(t.endswith("Assad regime") and lab == "ORG" for t, lab in found)
