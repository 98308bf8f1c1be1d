from __future__ import annotations

import pytest

from eventwire.ingest import article_from_text
from eventwire.nlp.pipeline import build_pipeline, make_doc


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline(["eventwire_sentences", "eventwire_quantities"])


def quantities(nlp, text):
    return [(q.text, q.value, q.unit, q.role) for q in nlp(make_doc(nlp, article_from_text(text, "t")))._.quantities]


def test_digits_and_words_with_their_nouns(nlp):
    got = quantities(nlp, "An artillery position with six guns, four mortars and 32 ISIS facilities.")
    assert ("six guns", 6.0, "gun", "weapons") in got
    assert ("four mortars", 4.0, "mortar", "weapons") in got
    assert ("32 ISIS facilities", 32.0, "facility", "targets") in got


def test_people_take_their_role_from_the_verb(nlp):
    got = quantities(nlp, "Police said 12 people were killed and 30 protesters were arrested.")
    assert ("12 people", 12.0, "people", "killed") in got
    assert ("30 protesters", 30.0, "protester", "arrested") in got


def test_scale_words_multiply(nlp):
    got = quantities(nlp, "Three hundred soldiers crossed the river.")
    assert got[0][1] == 300.0


def test_a_number_without_a_counted_noun_is_not_a_quantity(nlp):
    assert quantities(nlp, "The vote ended 5 to 4.") == []


def test_only_number_tokens_are_visited():
    from eventwire.extract.quantities import _lexicon, _number_tokens

    numbers = _lexicon()[0]
    low = ["a", "convoy", "of", "twelve", "trucks", "and", "1,200", "men", "in", "2", "waves", "an", "٣"]
    # "a" and "an" are articles; Arabic-Indic digits are digits to the regex as before
    assert _number_tokens(low, numbers) == [3, 6, 9, 12]
    assert _number_tokens(["no", "numbers", "here"], numbers) == []


def test_nationals_are_counted_people(nlp):
    got = quantities(nlp, "Aircraft killed 4 Iraqis and three ethnic Albanians on Friday.")
    assert ("4 Iraqis", 4.0, "iraqi", "killed") in got
    assert ("three ethnic Albanians", 3.0, "albanian", "killed") in got


def test_the_nearest_verb_gives_the_role(nlp):
    got = quantities(nlp, "Police opened fire on the crowd, killing one person and arresting 12 others.")
    assert ("one person", 1.0, "person", "killed") in got
