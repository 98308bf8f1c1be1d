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
