"""The second stage of the cue decision (extract/attribution_rerank.py): its structure
features on hand-made attributions, and the tagger's two passes with a hand-set model."""
from __future__ import annotations

import pytest

from eventwire.extract import attribution_features as F
from eventwire.extract.attribution import AttributionTagger, _kind, default_model, speech_verbs
from eventwire.extract.attribution_rerank import FEATURES, Reranker, features
from eventwire.extract.attribution_roles import Roles
from eventwire.nlp.pipeline import build_pipeline

TEXT = "Ortiz said voters oppose the plan. Lee criticized it."


@pytest.fixture(scope="module")
def view():
    doc = build_pipeline(["eventwire_sentences"])(TEXT)
    return F.view_from_doc(doc)


def _index(view, word):
    return view.lower.index(word)


def test_features_see_a_cue_nested_in_a_stronger_cue_s_content(view):
    said, oppose, crit = _index(view, "said"), _index(view, "oppose"), _index(view, "criticized")
    end = _index(view, ".")
    outer = Roles(cue=(said, said + 1), source=[(0, 1)], content=[(said + 1, end)], order="SCT")
    inner = Roles(cue=(oppose, oppose + 1), source=[(said + 1, oppose)], content=[(oppose + 1, end)],
                  order="SCT")
    other = Roles(cue=(crit, crit + 1), source=[(crit - 1, crit)], content=[(crit + 1, crit + 2)],
                  order="SCT")
    items = [(said, 3.0, outer), (oppose, 0.5, inner), (crit, 1.0, other)]
    f_outer, f_inner, f_other = features(view, items, ["indirect"] * 3, speech_verbs())
    assert f_inner["nested"] == 1.0 and f_inner["nest_zmax"] == 3.0 and f_inner["nest_z"] == 0.5
    assert f_inner["nest_say"] == 1.0 and f_inner["sent_zmax_over"] == pytest.approx(2.5)
    assert f_inner["nest_before"] == 1.0 and f_inner["rank"] == 1.0
    assert "nested" not in f_outer and f_outer["holds"] == 1.0 and f_outer["say"] == 1.0
    # the third cue is alone in its sentence
    assert "nested" not in f_other and "holds" not in f_other and f_other["nsent"] == 1.0
    assert set(f_inner) <= set(FEATURES)


def _spec(low=0.25, **weights):
    return {"low_threshold": low, "features": list(weights), "weights": list(weights.values())}


def test_reranker_scores_are_the_weighted_feature_sums(view):
    said = _index(view, "said")
    roles = Roles(cue=(said, said + 1), source=[(0, 1)], content=[(said + 1, said + 3)], order="SCT")
    rr = Reranker(_spec(b=-1.0, z=2.0, say=0.5), speech_verbs())
    assert rr.scores(view, [(said, 1.5, roles)], ["indirect"]) == [pytest.approx(-1.0 + 3.0 + 0.5)]


def test_fast_scores_equal_the_feature_sums_on_a_real_text():
    text = ('Ortiz said voters oppose the plan and want it dropped. "It will fail," Lee warned, '
            'adding that critics of the bill had denounced it. According to the ministry, talks '
            'resumed.\nREYES: We support it.')
    view = F.view_from_doc(build_pipeline(["eventwire_sentences"])(text))
    base = {k: v for k, v in default_model().items() if k != "rerank"}
    tagger = AttributionTagger(base, threshold=0.1)
    items = tagger.first_pass(view, tagger.merge_heads(view, tagger.cue_heads(view)))
    assert len(items) >= 5 and len({view.sent_start[h] for h, _z, _r in items}) >= 3
    kinds = [_kind(view, roles) for _h, _z, roles in items]
    weights = {name: 0.1 * (k + 1) * (-1) ** k for k, name in enumerate(FEATURES)}
    rr = Reranker(_spec(**weights), speech_verbs())
    by_dicts = [sum(weights[n] * v for n, v in f.items()) for f in features(view, items, kinds, speech_verbs())]
    assert any(f.get("nested") for f in features(view, items, kinds, speech_verbs()))
    assert rr.scores(view, items, kinds) == pytest.approx(by_dicts, abs=1e-9)


def test_tagger_drops_what_the_second_stage_rejects_and_refinds_the_roles(view):
    base = {k: v for k, v in default_model().items() if k != "rerank"}
    plain = AttributionTagger(base, threshold=0.1)  # the first stage alone, low threshold
    found = plain.extract(view, TEXT)
    cues = [a.cue_text for a in found]
    if "oppose" not in cues or found[cues.index("oppose")].nested_in is None:
        pytest.skip("the shipped first stage does not take 'oppose' here")
    # keep everything but a cue inside another's content
    tagger = AttributionTagger(dict(base, rerank=_spec(low=0.1, b=10.0, nested=-100.0)))
    found = tagger.extract(view, TEXT)
    assert [a.cue_text for a in found] == [c for c in cues if c != "oppose"]
    assert all(a.nested_in is None for a in found)
    # everything kept: the same attributions as the first stage alone
    keep_all = AttributionTagger(dict(base, rerank=_spec(low=0.1, b=100.0)))
    assert [a.to_dict() for a in keep_all.extract(view, TEXT)] == \
        [a.to_dict() for a in plain.extract(view, TEXT)]


def test_shipped_second_stage_drops_a_speech_verb_inside_another_s_content():
    text = "The senator said that the general had told reporters that the base would close."
    view = F.view_from_doc(build_pipeline(["eventwire_sentences"])(text))
    model = default_model()
    assert model["rerank"]["features"] == list(FEATURES)
    first = AttributionTagger({k: v for k, v in model.items() if k != "rerank"})
    assert [a.cue_text.split()[-1] for a in first.extract(view, text)] == ["said", "told"]
    assert [a.cue_text for a in AttributionTagger().extract(view, text)] == ["said"]
