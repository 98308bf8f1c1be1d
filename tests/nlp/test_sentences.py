"""The sentence splitter: spaCy's Sentencizer rule (over one letter per token) plus line breaks."""
from __future__ import annotations

import re

import pytest
import spacy

from eventwire.nlp.fast import sentence_starts
from eventwire.nlp.pipeline import build_pipeline

ONE_LINE = [
    "Troops entered the town on Monday. Residents fled! Did the army stop? Nobody knows.",
    'He said: "We will not leave." Then he left... Officials (who declined to be named) agreed.',
    "The U.S. and the U.K. met in Geneva. Talks ended?! A statement followed.",
    "No final mark here",
    "Wait . . . What?",
]


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline(["eventwire_sentences"])


@pytest.mark.parametrize("text", ONE_LINE)
def test_same_boundaries_as_spacys_sentencizer_without_line_breaks(nlp, text):
    # (none of these has a lower-case word after a full stop: see the next test)
    reference = spacy.blank("en")
    reference.add_pipe("sentencizer")
    expected = [s.start for s in reference(text).sents]
    doc = nlp(text)
    assert [s.start for s in doc.sents] == expected
    assert sentence_starts(doc) == expected


@pytest.mark.parametrize("text, sentences", [
    ("Sen. Ann Lee (D-Vt.) said the plan failed. It did.",
     ["Sen. Ann Lee (D-Vt.) said the plan failed.", "It did."]),
    ("Rep. Dana Cole (R-Tex.) last month joked about it.", ["Rep. Dana Cole (R-Tex.) last month joked about it."]),
    ("Wait . . . what?", ["Wait . . . what?"]),
    ("Why? because it rained! not again.", ["Why?", "because it rained!", "not again."]),
])
def test_a_lower_case_word_after_full_stops_goes_on_with_the_sentence(nlp, text, sentences):
    assert [s.text_with_ws.strip() for s in nlp(text).sents] == sentences


def test_line_breaks_end_sentences_and_blank_lines_stay_with_the_sentence_before(nlp):
    doc = nlp("Syria ceasefire holds\n\nDAMASCUS - Fighting stopped.\nMore follows")
    sents = [s.text for s in doc.sents]
    assert sents == ["Syria ceasefire holds\n\n", "DAMASCUS - Fighting stopped.\n", "More follows"]
    assert sentence_starts(doc) == [s.start for s in doc.sents]


def _reference_starts(doc) -> list:
    """The rule written plainly, token by token: spaCy's Sentencizer (a sentence starts at the
    first ordinary token after a sentence-final mark, unless only full stops stand before a
    word in lower case), then every line break opens a sentence
    at the token after it, and a token of blank lines stays with the sentence before."""
    from spacy.pipeline import Sentencizer

    final = set(Sentencizer.default_punct_chars)
    starts = {0}
    seen_final = only_stops = False
    for token in doc:
        if token.lower_ in final:
            only_stops = token.text == "." and (only_stops or not seen_final)
            seen_final = True
        elif not token.is_punct:
            # ...except at a lower-case word after full stops only ("(D-Vt.) said")
            if seen_final and not (only_stops and token.text[:1].islower()):
                starts.add(token.i)
            seen_final = only_stops = False
    text = doc.text
    idx = [t.idx for t in doc]
    for m in re.finditer(r"\n\s*", text):
        k = next((i for i, at in enumerate(idx) if at >= m.end()), len(doc))
        if 0 < k < len(doc):
            starts.add(k)
        j = next((i for i, at in enumerate(idx) if at >= m.start()), len(doc))
        if 0 < j < k and text[idx[j]].isspace():
            starts.discard(j)
    return sorted(starts)


HANDWRITTEN = ONE_LINE + [
    "Syria ceasefire holds\n\nDAMASCUS - Fighting stopped.\nMore follows",
    "“We will stay,” he said. “Nobody leaves.”\n \n(Reporting by A. Smith.)\n\n\nEditing by B.",
    "Prices rose 3.5%. Wages? Flat!! Analysts (mostly) agreed... Then:\n- one\n- two\n",
    "Ends with a mark.” ) ] Next one starts here。 次",
    "\n\nLeading blank lines.  Two spaces.\tA tab. \u00a0Non-breaking.",
]


@pytest.mark.parametrize("text", HANDWRITTEN)
def test_same_starts_as_the_rule_written_token_by_token(nlp, text):
    doc = nlp(text)
    expected = _reference_starts(doc)
    assert sentence_starts(doc) == expected
    assert [s.start for s in doc.sents] == expected


def test_a_doc_of_another_vocabulary_is_read_with_its_own_lexemes(nlp):
    other = build_pipeline([])  # a second pipeline: its own vocabulary
    splitter = nlp.get_pipe("eventwire_sentences")
    for made_by in (nlp, other, nlp):
        doc = splitter(made_by.make_doc("First one. Second one! Third?"))
        assert sentence_starts(doc) == [0, 3, 6]


def test_the_story_opens_after_its_dateline(nlp):
    from eventwire.ingest import enrich
    from eventwire.models import Article
    from eventwire.nlp.pipeline import make_doc

    text = "ZHANAOZEN, Kazakhstan, Sept 28 (Northern Wire) - A strike hit a camp, the ministry said. It ended."
    doc = nlp(make_doc(nlp, enrich(Article(id="a", text=text))))
    assert [s.text for s in doc.sents] == [
        "ZHANAOZEN, Kazakhstan, Sept 28 (Northern Wire) -", "A strike hit a camp, the ministry said.", "It ended."]
    # without a dateline the same words are one sentence as before
    assert len(list(nlp(text).sents)) == 2


@pytest.mark.slow
def test_gold_set_articles_split_as_the_rule(nlp):
    import json
    from pathlib import Path

    data = Path(__file__).resolve().parents[3] / "shared" / "data"
    if not data.exists():
        pytest.skip(f"{data} is absent (a clone without ../shared)")
    n = 0
    for path in sorted(data.glob("*/docs.jsonl")):
        for line in list(path.open(encoding="utf-8"))[:150]:
            if line.strip():
                doc = nlp(json.loads(line)["text"])
                assert sentence_starts(doc) == _reference_starts(doc)
                n += 1
    assert n > 500
