"""Word classes from UD English EWT, as shipped."""
from eventwire.nlp.word_classes import noun_only_forms


def test_noun_only_forms_hold_nouns_and_leave_out_words_that_are_verbs_too():
    nouns = noun_only_forms()
    assert {"crimes", "base", "helicopters", "workers"} <= nouns
    assert not {"force", "supply", "kills", "said", "the"} & nouns
