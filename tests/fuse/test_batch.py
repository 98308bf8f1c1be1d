"""Batch grouping (fuse/batch.py): the matrix form of the story rules."""
import math

import numpy as np

from eventwire.fuse.batch import BatchGrouper
from eventwire.fuse.stories import StoryIndex, extract_features, group_stories

# two fights of one champion, undated (as many archive pages are): the same name, the same
# sport and the same verbs, but a different opponent, venue and round in each
FIGHT_ONE = [
    ("Varga stops Okafor in Lisbon",
     "Heavyweight champion Istvan Varga knocked out Emeka Okafor in the seventh round in Lisbon on "
     "Saturday to keep his three belts. Okafor went down twice in the seventh before the referee "
     "waved the fight off at the Altice Arena."),
    ("Varga keeps titles with seventh-round win over Okafor",
     "Istvan Varga retained his heavyweight titles with a seventh-round stoppage of Emeka Okafor at "
     "the Altice Arena in Lisbon. Okafor, a late replacement, was floored twice before the referee "
     "stepped in."),
    ("Okafor no match for Varga",
     "Emeka Okafor lasted until the seventh round against heavyweight champion Istvan Varga in "
     "Lisbon. Varga dropped the challenger twice and the referee stopped the fight at the Altice "
     "Arena, the champion's eleventh title defence."),
]
FIGHT_TWO = [
    ("Varga outpoints Brandt in Hamburg",
     "Istvan Varga kept his heavyweight belts with a unanimous decision over Jonas Brandt in "
     "Hamburg. All three judges scored the twelve rounds for the champion at the Barclays Arena, "
     "where Brandt's home crowd booed the verdict."),
    ("Hamburg crowd boos as Varga beats Brandt on points",
     "Jonas Brandt took heavyweight champion Istvan Varga the full twelve rounds at the Barclays "
     "Arena in Hamburg but lost a unanimous decision. The home crowd booed when the judges' cards "
     "were read."),
    ("Brandt goes the distance but Varga keeps belts",
     "Heavyweight champion Istvan Varga beat Jonas Brandt by unanimous decision after twelve rounds "
     "in Hamburg. Brandt, cheered by a home crowd at the Barclays Arena, became the first challenger "
     "to last the distance with Varga."),
]


def _results(kit, pairs):
    return [kit.result(f"{h}\n{b}", outlet=f"Paper {i}") for i, (h, b) in enumerate(pairs)]


def test_two_incidents_of_one_kind_with_the_same_protagonist_stay_apart(kit):
    one, two = _results(kit, FIGHT_ONE), _results(kit, FIGHT_TWO)
    index = group_stories(one + two)
    first = {index.story_of(r.id) for r in one}
    second = {index.story_of(r.id) for r in two}
    assert len(first) == 1 and len(second) == 1
    assert first != second


def test_without_the_founding_bar_and_merging_the_two_fights_fuse(kit):
    """The old single-threshold filing joins the second fight to the first: what the founding
    threshold and the cohesion bar are there for."""
    one, two = _results(kit, FIGHT_ONE), _results(kit, FIGHT_TWO)
    index = group_stories(one + two, {"found_threshold": None, "merge_cohesion": None})
    assert len({index.story_of(r.id) for r in one + two}) == 1


def test_batch_vectors_follow_the_index_weighting_rule(kit, original, other_flood):
    """The batch computes the TF-IDF vectors of all articles at once; they must be the
    vectors StoryIndex computes one article at a time (same terms, same cut, same values)."""
    results = _results(kit, FIGHT_ONE + FIGHT_TWO) + [original, other_flood]
    index = StoryIndex({"max_terms": 6})  # a small cut, so that ties at the cut are decided
    ids = [r.id for r in results]
    for r in results:
        index.observe(r.id, extract_features(r.article, r))
    grouper = BatchGrouper(index, ids)
    v, _ = grouper._weighted_matrices()
    for row, aid in enumerate(ids):
        expected = sorted(index._vector(aid).values())
        got = sorted(v.getrow(row).data.tolist())
        assert len(got) == len(expected)
        assert all(math.isclose(a, b, rel_tol=1e-12) for a, b in zip(got, expected))


def test_similarity_matrix_is_symmetric_without_self_pairs(kit):
    results = _results(kit, FIGHT_ONE + FIGHT_TWO)
    index = StoryIndex()
    for r in results:
        index.observe(r.id, extract_features(r.article, r))
    sim = BatchGrouper(index, [r.id for r in results]).similarity.toarray()
    assert np.allclose(sim, sim.T)
    assert not sim.diagonal().any()
    assert sim[0, 1] > sim[0, 3]  # a rewrite of the same fight is closer than the other fight


def test_index_after_a_batch_files_new_articles_into_the_batch_stories(kit):
    one, two = _results(kit, FIGHT_ONE), _results(kit, FIGHT_TWO)
    index = group_stories(one[:2] + two[:2])
    assert index.add(one[2]) == index.story_of(one[0].id)
    assert index.add(two[2]) == index.story_of(two[0].id)


def test_strongest_per_doc_is_the_full_sort_cut():
    """The per-article top-``limit`` selection equals the cut of the full sort by (article,
    weight descending, term), ties included (few distinct weights make many ties)."""
    import numpy as np

    from eventwire.fuse.batch import _strongest_per_doc

    rng = np.random.default_rng(3)
    for limit in (1, 3, 8):
        lengths = rng.integers(0, 15, size=12)
        total = int(lengths.sum())
        doc = np.repeat(np.arange(len(lengths)), lengths)
        vocab = [f"t{i:03d}" for i in rng.permutation(60)]
        ids = np.concatenate([rng.choice(60, size=k, replace=False) for k in lengths]).astype(np.int64)
        w = rng.integers(1, 4, size=total).astype(np.float64) / 2.0
        rank = np.argsort(np.argsort(vocab))
        order = np.lexsort((rank[ids], -w, doc))
        start = np.concatenate(([0], np.cumsum(lengths)[:-1]))
        position = np.arange(total) - start[doc[order]]
        expected = np.sort(order[(position < limit) & (w[order] > 0)])
        assert np.array_equal(_strongest_per_doc(w, doc, lengths, limit, ids, vocab), expected)


def test_batch_counts_document_frequencies_as_observe_all_does(kit, original, other_flood):
    """``group_stories`` leaves the document frequencies to the grouper, which counts them
    while it numbers the terms: the index must end with the counts (and key order) that
    ``observe_all`` gives, every bag included, and the same stories as a
    grouper reading counts observe_all made."""
    import pytest

    results = _results(kit, FIGHT_ONE + FIGHT_TWO) + [original, other_flood]
    index = group_stories(results)
    from eventwire.fuse.reprints import original_key

    results.sort(key=lambda r: original_key(r.article))  # group_stories' filing order
    counted = StoryIndex()
    counted.observe_all({r.id: extract_features(r.article, r) for r in results})
    for bag in counted.df:
        assert list(index.df[bag].items()) == list(counted.df[bag].items())
    assert list(index.df["words"].items())  # something was counted
    ids = [r.id for r in results]
    for r in results:
        counted.dates.setdefault(r.id, r.article.published)
    from eventwire.fuse.batch import group_articles

    assert group_articles(counted, ids) == [index.story_of(a) for a in ids]
    with pytest.raises(ValueError):
        BatchGrouper(counted, ids, count_df=True)  # its frequencies are counted already
