"""The recogniser's shortcuts give what the long way gives.

Each shortcut skips work only where the skipped code provably finds nothing; these tests pin
that on the lexicons' own words (every group noun, facility and place head, in several
spellings) and on hand-written text, so that a lexicon edit that breaks the reasoning fails
here rather than changing names silently.
"""
from __future__ import annotations

import pytest

from eventwire.models import Article
from eventwire.nlp.ner import recogniser as recogniser_module
from eventwire.nlp.ner.recogniser import Recogniser
from eventwire.nlp.pipeline import build_pipeline, make_doc


@pytest.fixture(scope="module")
def recogniser():
    return Recogniser(pronouns=True, nominals=True)


def _head_words(rec: Recogniser) -> set:
    phrases = set(rec.group_nouns) | set(rec.fac_lower) | set(rec.loc_lower)
    words = {"regime", "forces", "said", "the", ",", "'s", "Army", "ARMY", "army", "Province", "", " ", "a b"}
    for phrase in phrases:
        for w in [phrase, *phrase.split(" ")]:
            words.update({w, w.title(), w.upper(), w.capitalize()})
    # and ordinary words, most of which head nothing
    words.update(sorted(rec.lex.common_words)[::20])
    return words


def test_a_word_that_may_head_nothing_heads_nothing(recogniser):
    rec = recogniser
    checked = skipped = 0
    for w in sorted(_head_words(rec)):
        if rec._may_head(w):
            continue
        skipped += 1
        # the word after a mention, in the middle of a text and as its last token, followed
        # by each word that completes a two-word head
        for after in ("", "force", "forces", "base", "province", "Force"):
            words = ["Syria", w, after] if after else ["Syria", w]
            newline_after = [False] * len(words)
            for person in (False, True):
                assert rec._group_noun(words, 1, newline_after, person=person) is None, (w, after)
            assert rec._lower_head(words, 1) is None, (w, after)
            checked += 1
    assert skipped > 100 and checked > 6 * 100  # the shortcut skips most words: the test saw them
    assert rec._may_head("army") and rec._may_head("regime") and rec._may_head("province")


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


def test_grammar_spans_survive_the_shortcut():
    nlp = build_pipeline(["eventwire_sentences", "eventwire_entities"])
    text = ("The Syrian army shelled Idlib province. Iraqi forces and the Assad regime met near the "
            "Hmeimim airbase. Russia's Defence Ministry said so")
    doc = nlp(make_doc(nlp, Article(id="t", text=text)))
    found = {(e.text, e.label_) for e in doc.ents}
    assert ("The Syrian army", "ORG") in found or ("Syrian army", "ORG") in found
    assert any(t.endswith("Idlib province") and lab == "LOC" for t, lab in found)
    assert any(t.endswith("Assad regime") and lab == "ORG" for t, lab in found)
