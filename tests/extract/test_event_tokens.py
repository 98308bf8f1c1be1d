"""The events stage's per-Doc token view against what spaCy and Python say token by token."""
from __future__ import annotations

import sys

import pytest
from spacy.tokens import Span

from eventwire.extract.event_tokens import TokenView, cached_view, token_view
from eventwire.ingest import article_from_text
from eventwire.nlp.pipeline import build_pipeline, make_doc


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline(["eventwire_sentences"])


def _doc(nlp, text):
    return nlp(make_doc(nlp, article_from_text(text, "test")))


def test_only_capital_sigma_lower_cases_by_its_neighbours():
    # span_lower lower-cases a span's own text unless the text holds capital sigma
    sigma = "\u03a3"
    for c in map(chr, range(sys.maxunicode + 1)):
        if 0xD800 <= ord(c) <= 0xDFFF or c == sigma:
            continue
        for context in ("a", "\u0391"):
            assert (context + c + context).lower() == context.lower() + c.lower() + context.lower(), hex(ord(c))
    assert ("\u0391" + sigma).lower() != "\u03b1" + sigma.lower()  # word-final sigma: it does look


@pytest.mark.parametrize("text", [
    "Meridian Press said Ivan Petrov met the Steppe Monitor team in Almaty.",
    "\u0130stanbul talks: Maria Kovacs of the World Bank and \u03a3\u039f\u03a6\u0399\u0391 NEWS met.",
])
def test_entity_spans_and_types_match_spacys(nlp, text):
    doc = _doc(nlp, text)
    # a few entities of our own, one right after another and one inside a phrase
    doc.ents = [Span(doc, 0, 2, label="ORG"), Span(doc, 3, 5, label="PERSON"), Span(doc, 5, 6, label="GPE")]
    view = TokenView(doc)
    assert view.ent_spans == [(e.start, e.end, e.label_) for e in doc.ents]
    assert [view.ent_type(i) for i in range(len(doc))] == [t.ent_type_ for t in doc]
    assert [view.span_lower(a, b) for a in range(len(doc)) for b in range(a + 1, min(len(doc), a + 4) + 1)] == \
        [doc[a:b].text.lower() for a in range(len(doc)) for b in range(a + 1, min(len(doc), a + 4) + 1)]


def test_span_lower_with_capital_sigma_reads_the_whole_lowered_text(nlp):
    doc = _doc(nlp, "\u039f\u0394\u03a5\u03a3\u03a3\u0395\u03a5\u03a3 arrived. \u03a3 said so.")
    view = TokenView(doc)
    lowered = view.text.lower()
    for a in range(len(doc)):
        for b in range(a + 1, len(doc) + 1):
            assert view.span_lower(a, b) == lowered[doc[a].idx:doc[b - 1].idx + len(doc[b - 1])]


def test_cached_view_is_the_events_view_or_none(nlp):
    doc = _doc(nlp, "Rebels attacked a convoy.")
    assert cached_view(doc) is None
    view = token_view(doc)
    assert cached_view(doc) is view


def test_char_span_finds_spacys_expanded_tokens(nlp):
    from eventwire.extract.events import _char_span

    doc = _doc(nlp, "  Rebels  attacked\na convoy,\n\nthe \u0130stanbul ministry said . ")
    size = len(doc.text)
    for a in range(-1, size + 2):
        for b in range(a, size + 2):
            try:
                theirs = doc.char_span(a, b, alignment_mode="expand")
            except Exception as err:  # noqa: BLE001 - whatever spaCy raises, we raise too
                with pytest.raises(type(err)):
                    _char_span(doc, a, b)
                continue
            mine = _char_span(doc, a, b)
            assert (mine is None) == (theirs is None), (a, b)
            if mine is not None:
                assert (mine.start, mine.end) == (theirs.start, theirs.end), (a, b)


@pytest.mark.parametrize("text,least", [
    ("The US and the UN: IS fighters, us and is. Rice met Major and Begin in U.S. talks; US-led US.", 8),
    ("\u03a3\u039f\u03a6\u0399\u0391 said the US and IS met \u0130stanbul officials.", 2),
    ("The US and IS met \u0130stanbul officials in U.S. talks.", 3),
])
def test_cased_matches_from_lower_cased_tokens_are_the_written_words_matches(nlp, text, least):
    from eventwire.extract.event_tokens import TokenIndex

    index = TokenIndex([["US"], ["IS"], ["UN"], ["Rice"], ["Major"], ["U.S."], ["US", "-", "led"], ["Begin", "in"]])
    view = TokenView(_doc(nlp, text))
    found = index.matches_cased(view)
    assert found == index.matches(view.words)
    assert len(found) >= least


def test_only_two_characters_lower_case_into_ascii():
    # events._may_hold looks for ASCII words in the UTF-8 bytes lower-cased as ASCII: exact
    # because no other character lower-cases to anything holding an ASCII character
    from eventwire.extract.events import _FOLDS_TO_ASCII

    into_ascii = {chr(c) for c in range(128, sys.maxunicode + 1) if any(ord(x) < 128 for x in chr(c).lower())}
    assert into_ascii == {"\u0130", "\u212a"} and into_ascii <= set(_FOLDS_TO_ASCII)


@pytest.mark.parametrize("text", [
    "Join ST's Telegram channel \u201cnow\u201d", "JOIN ST\u2019S TELEGRAM CHANNEL", "caf\u00e9 telegram\u00a0channel",
    "no furniture \u2014 at all", "\ud800 lone surrogate telegram channel",
])
def test_may_hold_on_bytes_agrees_with_the_lower_cased_text(text):
    from eventwire.extract.events import _may_hold

    for literals in (("telegram channel",), ("channel",), ("st s telegram",), ("nothing here",)):
        assert _may_hold(text, literals) == any(w in text.lower() for w in literals), (text, literals)


def test_phrase_tokens_from_the_pipeline_tokenizer_are_its_docs_tokens():
    """With the pipeline's tokenizer registered, phrases are split without a Doc: the same
    token texts, and LOWER as spaCy's lexemes give it."""
    from eventwire.extract.event_tokens import phrase_tokens, use_pipeline_tokenizer

    nlp = build_pipeline([])
    use_pipeline_tokenizer(nlp)
    phrases = ["U.S. Army", "cease-fire", "Côte d'Ivoire", "al-Qa'ida", "İstanbul", "ΣΑΣ ΟΔΟΣ", "don't",
               "two  spaces", "St. John's", "(IS)", "Gov. Ann Lee", "plain words", "Mr.", "9/11 attackers"]
    for lower in (True, False):
        expected = [[t.lower_ if lower else t.text for t in nlp.tokenizer.spacy_tokenizer(p)] for p in phrases]
        assert phrase_tokens(nlp.vocab, phrases, lower=lower) == expected
