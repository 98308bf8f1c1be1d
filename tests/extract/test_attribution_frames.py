"""Attribution frames (attribution_frames): which prepositions and dashes are proposed as cue
heads, and the roles they get through attribution_roles.assign, on hand-written sentences."""
from __future__ import annotations

import pytest

from eventwire.extract import attribution_features as F
from eventwire.extract.attribution import AttributionTagger, role_lexicon
from eventwire.extract.attribution_frames import frame_heads, section_label
from eventwire.extract.attribution_roles import assign, extend_cue
from eventwire.ingest import enrich
from eventwire.models import Article
from eventwire.nlp.pipeline import build_pipeline, make_doc


@pytest.fixture(scope="module")
def view_of():
    nlp = build_pipeline(["eventwire_sentences"])
    lex = F.lexicon()

    def run(text: str) -> F.TokenView:
        return F.view_from_doc(nlp(make_doc(nlp, enrich(Article(id="t", text=text)))), lex)

    return run


def _frames(view) -> list:
    return [view.words[h] + "@" + view.words[h + 1] for h in frame_heads(view)]


def _roles(view, head: int) -> dict:
    rl = role_lexicon()
    roles = assign(view, extend_cue(view, head, rl), rl, frozenset({head}))
    join = lambda spans: [" ".join(view.words[s:e]) for s, e in spans]  # noqa: E731
    return {"cue": view.words[roles.cue[0]], "source": join(roles.source), "content": join(roles.content),
            "order": roles.order}


def test_poll_frames_are_proposed(view_of):
    view = view_of("In a new Harbor Institute poll, most voters back the plan. The mayor is ahead in the "
                   "latest surveys. The council met in a hall in Dayton.")
    assert _frames(view) == ["In@a", "in@the"]


def test_possessed_nouns_need_a_possessive(view_of):
    assert _frames(view_of("The deal is a disaster in his view.")) == ["in@his"]
    assert _frames(view_of("In other words, the deal is off. She had a plan in mind.")) == []


def test_fronted_frame_roles(view_of):
    view = view_of("In the new Harbor Institute poll, conducted March 11-13, 40 percent of voters back the plan.")
    r = _roles(view, frame_heads(view)[0])
    assert r["cue"] == "In" and r["order"] == "frame"
    assert r["source"] == ["the new Harbor Institute poll , conducted March 11 - 13 ,"]
    assert r["content"] == ["40 percent of voters back the plan"]


def test_frame_after_its_clause(view_of):
    view = view_of("Mayor Ann Lee is ahead in public opinion polls in Dayton.")
    r = _roles(view, frame_heads(view)[0])
    assert r["source"] == ["public opinion polls in Dayton"]
    assert r["content"] == ["Mayor Ann Lee is ahead"]


def test_frame_source_ends_before_a_second_phrase_of_the_clause(view_of):
    view = view_of("She trails the senator in the average of state polls by nine points.")
    r = _roles(view, frame_heads(view)[0])
    assert r["source"] == ["the average of state polls"]
    assert r["content"] == ["She trails the senator"]


def test_byline_dash(view_of):
    view = view_of("Voices\n\n“He will not lead. He is a disgrace.” ― Ann Lee\n“We will vote.” - Paul Reyes.\n")
    dashes = [i for i, w in enumerate(view.words) if w in ("―", "-")]
    first, second = (_roles(view, i) for i in dashes)
    assert first == {"cue": "―", "source": ["Ann Lee"], "content": ["“ He will not lead . He is a disgrace . ”"],
                     "order": "byline"}
    assert second["source"] == ["Paul Reyes"] and second["content"] == ["“ We will vote . ”"]
    # the hyphen is no colon cue: the frames propose it
    assert _frames(view) == ["-@Paul"]


def test_byline_dash_on_the_line_after_the_quotation(view_of):
    view = view_of('Claims\n\n"Taxes went up for everyone."\n\n- Paul Reyes.\n\nThe claim is false.\n')
    dash = view.words.index("-")
    assert _frames(view) == ["-@Paul"]
    r = _roles(view, dash)
    assert r["source"] == ["Paul Reyes"] and r["content"] == ['" Taxes went up for everyone . "']


def test_dash_inside_a_sentence_is_no_byline(view_of):
    view = view_of("Voices\n\n“We will vote.”\n\n– Ready for the vote –.\n\nThe vote came.\n")
    assert _frames(view) == [] and _roles(view, view.words.index("–"))["order"] == "colon"
    view = view_of("The plan ― a costly one ― passed.")
    dash = view.words.index("―")
    assert _roles(view, dash)["order"] == "colon"


def test_section_labels_are_not_speakers(view_of):
    view = view_of("Story\n\nCORRECTION: The first sentence was wrong.\nEditor’s note: This was updated.\n"
                   "PENCE: Well, we will see.\n")
    colons = [i for i, w in enumerate(view.words) if w == ":"]
    assert [section_label(view, i) for i in colons] == [True, True, False]
    heads = [view.words[i - 1] for i, _z in AttributionTagger().cue_heads(view) if view.words[i] == ":"]
    assert heads == ["PENCE"]


def test_byline_kept_by_rule_with_its_roles(view_of):
    text = "Voices\n\n“He cannot lead.” ― Ann Lee\n"
    view = view_of(text)
    found = AttributionTagger().extract(view, text)
    assert [(a.cue_text, a.source_text) for a in found] == [("―", "Ann Lee")]


def test_frame_prepositions_need_no_lemmatiser(monkeypatch):
    # the shipped lemma table lists only inflecting candidates; a frame preposition must not
    # fall through to lemminflect (a one-second load at run time)
    def no_lemmatiser(form):
        raise AssertionError(f"lemmatiser asked for {form!r}")

    monkeypatch.setattr(F, "lemma", no_lemmatiser)
    F.verb_lemma.cache_clear()
    try:
        assert F.verb_lemma("in") == "in"
        assert F.verb_lemma("―") == "―"
    finally:
        F.verb_lemma.cache_clear()
