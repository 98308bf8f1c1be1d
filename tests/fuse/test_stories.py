import json
import random

import pytest

from eventwire.fuse import group_batch
from eventwire.fuse.stories import StoryIndex, extract_features, group_stories

KESTREL_REWRITES = [
    ("Kestrel flood toll climbs to 27 as Arun river bursts its banks",
     "The death toll from floods in Kestrel province rose to 27 on Tuesday. Governor Ilse Marand said "
     "more than 14,000 people had left their homes along the Arun river. Engineers opened the spillway "
     "gates of the Darsen reservoir after the water rose by more than four metres."),
    ("Thousands shelter in schools after Kestrel floods",
     "In Velmora, Governor Ilse Marand opened 41 shelters in schools and sports halls for families "
     "driven out by the Kestrel floods. Boats from fishing cooperatives carried 312 villagers from the "
     "Arun valley, and the Darsen dam released water for the first time since 1998."),
    ("Kestrel: farmers count the cost of the Arun floods",
     "Farmers in Kestrel province say 9,500 hectares of rice are under water after the Arun river "
     "flooded. Governor Ilse Marand promised compensation; the cabinet meets on Thursday. The floods "
     "have killed 27 people and cut the highway from Velmora to Sallen."),
]
TAMSK_REWRITES = [
    ("Hikers killed as flash flood tears through Belen gorge",
     "Four hikers died when a flash flood swept through the Belen gorge in Tamsk on Saturday. Police "
     "spokesman Dario Venn said a family of six camping near Uzhel was still missing."),
    ("Search resumes for family missing in Tamsk flood",
     "Helicopters resumed the search for a family of six near the village of Uzhel on Sunday, a day "
     "after a cloudburst over the Kor plateau sent a flood down the Belen gorge, killing four hikers, "
     "said police spokesman Dario Venn."),
]


def _batch(kit):
    out = [kit.result(f"{h}\n{b}", published="2024-03-04", outlet=f"Paper {i}")
           for i, (h, b) in enumerate(KESTREL_REWRITES)]
    out += [kit.result(f"{h}\n{b}", published="2024-08-20", outlet=f"Paper {i}")
            for i, (h, b) in enumerate(TAMSK_REWRITES)]
    return out


def test_features_separate_names_numbers_and_lead(kit):
    bags = extract_features(kit.article(kit.wire_text("Floods kill 27 in Kestrel province", kit.flood)))
    assert bags["names"]["governor ilse marand"] == 1 and bags["names"]["marand"] >= 1
    assert bags["numbers"]["14000"] == 1
    assert "kestrel" in bags["lead"] and "relief" not in bags["lead"]
    assert "the" not in bags["words"] and "said" not in bags["words"]


def test_rewrites_group_and_same_topic_story_stays_apart(kit, original, new_headline, cut_paragraphs,
                                                         other_flood):
    batch = _batch(kit) + [original, new_headline, cut_paragraphs, other_flood]
    group_batch(batch)
    kestrel = {r.story for r in batch[:3]} | {original.story, new_headline.story, cut_paragraphs.story}
    tamsk = {r.story for r in batch[3:5]} | {other_flood.story}
    assert len(kestrel) == 1 and len(tamsk) == 1
    assert kestrel != tamsk
    assert new_headline.reprint_of == original.id and cut_paragraphs.reprint_of == original.id
    assert original.reprint_of is None and batch[0].reprint_of is None
    assert all(r.versions.get("eventwire_fuse") for r in batch)


def test_batch_grouping_does_not_depend_on_input_order(kit, original, new_headline, other_flood):
    batch = _batch(kit) + [original, new_headline, other_flood]
    group_batch(batch)
    first = {r.id: r.story for r in batch}
    assert len(set(first.values())) == 2
    shuffled = list(batch)
    random.Random(3).shuffle(shuffled)
    for r in shuffled:
        r.story = None
    group_batch(shuffled)
    assert {r.id: r.story for r in shuffled} == first


def test_articles_far_apart_in_time_are_not_one_story(kit):
    h, b = KESTREL_REWRITES[0]
    spring = kit.result(f"{h}\n{b}", published="2024-03-04")
    h2, b2 = KESTREL_REWRITES[1]
    autumn = kit.result(f"{h2}\n{b2}", published="2024-11-20")  # beyond max_gap_days
    h3, b3 = KESTREL_REWRITES[2]
    spring2 = kit.result(f"{h3}\n{b3}", published="2024-03-05")
    index = group_stories([spring, autumn, spring2])
    assert index.story_of(spring.id) == index.story_of(spring2.id)
    assert index.story_of(autumn.id) != index.story_of(spring.id)


def test_incremental_add_joins_existing_story_and_state_round_trips(kit, original, added_boilerplate):
    batch = _batch(kit)
    index = group_stories(batch[:2] + batch[3:])
    kestrel = index.story_of(batch[0].id)
    restored = StoryIndex.from_state(json.loads(json.dumps(index.to_state())))
    assert restored.story_of(batch[3].id) == index.story_of(batch[3].id)
    # a third rewrite arrives: it joins the Kestrel story in both copies of the index
    assert index.add(batch[2]) == kestrel
    assert restored.add(batch[2]) == kestrel
    # wire copy and its reprint arrive later: the reprint follows the copy already filed
    story = restored.add(original)
    assert restored.add(added_boilerplate) == story
    assert restored.reprint_of(added_boilerplate.id) == original.id


def test_story_ids_are_named_after_the_founding_article(kit):
    batch = _batch(kit)
    one = group_stories(batch)
    two = group_stories(list(reversed(batch)))
    assert {r.id: one.story_of(r.id) for r in batch} == {r.id: two.story_of(r.id) for r in batch}
    assert all(s.startswith("s") and len(s) == 13 for s in one.story_members())


@pytest.mark.slow
def test_ecbplus_story_grouping_on_the_open_splits(shared):
    """Regression guard at the documented scores (docs/stories.md): train tuned on, dev checked."""
    import importlib.util

    from eventwire.ingest import record_to_article
    from eventwire.models import DocumentResult

    docs_path, gold_path = shared("data", "ecbplus", "docs.jsonl"), shared("data", "ecbplus", "gold.jsonl")
    spec = importlib.util.spec_from_file_location("ew_score", shared("eval", "score.py"))
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    gold = {g["id"]: g for g in map(json.loads, gold_path.read_text().splitlines())}
    records = [json.loads(line) for line in docs_path.read_text().splitlines() if line.strip()]
    for split, floor in (("train", 0.93), ("dev", 0.95), ("all", 0.93)):
        results = []
        for rec in records:
            if split in ("all", gold[rec["id"]]["split"]):
                art = record_to_article(rec, "ecbplus")
                results.append(DocumentResult(id=art.id, article=art))
        index = group_stories(results)
        key = {r.article.external_id: gold[r.article.external_id]["subtopic"] for r in results}
        response = {r.article.external_id: index.story_of(r.id) for r in results}
        assert scorer.b_cubed(key, response)["f1"] >= floor, split


def test_story_window_reads_feed_and_written_publication_dates():
    from datetime import date

    from eventwire.fuse.stories import parse_date

    assert parse_date("2015-10-15T08:00:00Z") == date(2015, 10, 15)
    assert parse_date("Thu, 15 Oct 2015 08:00:00 GMT") == date(2015, 10, 15)
    assert parse_date("October 15, 2015") == date(2015, 10, 15)
    assert parse_date("2015-02-30") is None
    assert parse_date(None) is None


@pytest.mark.parametrize("min_length", [2, 3, 4])
def test_word_runs_give_the_regex_content_words(monkeypatch, min_length):
    """Content words from the translated text equal the ``_long_word`` regex's, in order."""
    from eventwire.fuse import stories

    settings = {**stories.config(), "min_word_length": min_length}
    monkeypatch.setattr(stories, "config", lambda: settings)
    for cached in (stories._long_word, stories._dropped_words):
        cached.cache_clear()
    try:
        text = ("Governor Ilse Marand's -- 'quoted' words, re-opened; café’s ex-pm 'tis -x- a-b ab "
                "İstanbul Kelvin\u212a it's the UN's 14,000 co-op\nNext line ok's")
        lower = text.lower()
        runs = stories._word_runs(lower)
        assert len(runs) == len(lower)
        expected = stories._content_words(lower)
        assert list(stories._content_word_counts(runs).items()) == list(expected.items())
        end = lower.index("\n") + 1
        assert list(stories._content_word_counts(runs, end).items()) == \
            list(stories._content_words(lower, 0, end).items())
    finally:
        for cached in (stories._long_word, stories._dropped_words):
            cached.cache_clear()
