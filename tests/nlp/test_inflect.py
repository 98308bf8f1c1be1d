from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from eventwire.nlp.inflect import noun_forms, verb_forms

ROOT = Path(__file__).resolve().parents[2]


def test_verb_phrases_inflect_their_first_word():
    assert {"strike", "strikes", "struck", "striking"} <= set(verb_forms("strike"))
    assert "called for" in verb_forms("call for")


def test_noun_phrases_inflect_their_last_word():
    assert "air strikes" in noun_forms("air strike")


def test_a_lemma_missing_from_the_shipped_table_still_inflects():
    assert "zorbified" in verb_forms("zorbify")


def test_the_shipped_inflection_table_is_up_to_date():
    """The table is a cache of lemminflect for the bundled lexicons; it must match them."""
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "build_inflections.py"), "--check"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
