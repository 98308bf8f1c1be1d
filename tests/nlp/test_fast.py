import sys

from eventwire.nlp.fast import LONGER_WHEN_LOWERED, lowering_keeps_lengths


def test_only_one_character_lower_cases_longer():
    # token_lowers, the events view and the attribution view decide whether token lengths
    # survive lower-casing by looking for this one character instead of lower-casing the text
    longer = [c for c in range(sys.maxunicode + 1) if len(chr(c).lower()) != 1]
    assert longer == [ord(LONGER_WHEN_LOWERED)]


def test_lowering_keeps_lengths_agrees_with_lower_casing():
    for text in ("Plain ASCII text.", "ΣΟΦΙΑ said", "İstanbul talks", "straße, ǅ and ﬁ", ""):
        assert lowering_keeps_lengths(text) == (len(text.lower()) == len(text)), text


def _ents(doc):
    return [(e.start, e.end, e.label_) for e in doc.ents]


def test_entity_spans_recorded_by_the_entities_component():
    from eventwire.models import Article
    from eventwire.nlp.fast import _ENTS, entity_spans
    from eventwire.nlp.pipeline import build_pipeline, make_doc

    nlp = build_pipeline(["eventwire_sentences", "eventwire_entities"])
    text = ("Iraqi President Fuad Masum met the U.S. Secretary of State in Baghdad on Monday. "
            "Russia's Defence Ministry said 12 soldiers died near the city of Mosul.\n"
            "He said the Syrian army would leave Aleppo by March 2017.")
    doc = nlp(make_doc(nlp, Article(id="t", text=text)))
    assert doc.user_data.get(_ENTS) is not None  # recorded, not read back from the arrays
    spans = entity_spans(doc)
    assert len(spans) >= 5
    assert spans == _ents(doc)
    assert ("PERSON", "Iraqi President Fuad Masum") in {(lab, doc[a:b].text) for a, b, lab in spans}


def test_entity_spans_falls_back_to_the_token_arrays():
    import spacy
    from spacy.tokens import Span

    from eventwire.nlp.fast import entity_spans, forget_entity_spans, set_entity_spans

    nlp = spacy.blank("en")
    doc = nlp("Ann Lee flew from Paris to New York City on Monday .")
    assert entity_spans(doc) == []
    doc.ents = [Span(doc, 0, 2, "PERSON"), Span(doc, 4, 5, "GPE"), Span(doc, 6, 9, "GPE"),
                Span(doc, 9, 11, "DATE")]
    assert entity_spans(doc) == _ents(doc) == [(0, 2, "PERSON"), (4, 5, "GPE"), (6, 9, "GPE"), (9, 11, "DATE")]
    # adjacent entities stay apart; a recorded list wins until it is forgotten
    set_entity_spans(doc, [(0, 2, "PERSON")])
    assert entity_spans(doc) == [(0, 2, "PERSON")]
    forget_entity_spans(doc)
    assert entity_spans(doc) == _ents(doc)
    assert entity_spans(nlp("")) == []
