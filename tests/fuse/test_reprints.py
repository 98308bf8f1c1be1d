from eventwire.fuse.reprints import (ReprintIndex, body_text, containment, find_reprints, fingerprint,
                                     is_reprint_pair, shingle_hashes, shingles)


def test_body_text_drops_dateline_and_boilerplate(added_boilerplate):
    body = body_text(added_boilerplate.article)
    assert body.startswith("Floods triggered by three days")
    assert "Telegram" not in body and "All rights reserved" not in body and "Read more" not in body


def test_changed_headline_is_a_reprint(original, new_headline):
    a, b = fingerprint(original.article), fingerprint(new_headline.article)
    assert is_reprint_pair(a, b)
    assert containment(a, b)[0] > 0.9


def test_cut_paragraphs_are_contained_in_the_source(original, cut_paragraphs):
    a, b = fingerprint(original.article), fingerprint(cut_paragraphs.article)
    share, shared = containment(a, b)
    assert b.size < a.size / 2  # less than half the copy survives ...
    assert share >= 0.7 and is_reprint_pair(a, b)  # ... and it is still a reprint


def test_added_boilerplate_is_a_reprint(original, added_boilerplate):
    assert is_reprint_pair(fingerprint(original.article), fingerprint(added_boilerplate.article))


def test_different_story_on_the_same_topic_is_not_a_reprint(original, other_flood):
    a, b = fingerprint(original.article), fingerprint(other_flood.article)
    assert containment(a, b)[0] < 0.2
    assert not is_reprint_pair(a, b)


def test_batch_names_the_earliest_copy_as_original(original, new_headline, cut_paragraphs,
                                                    added_boilerplate, other_flood):
    batch = [cut_paragraphs, other_flood, added_boilerplate, new_headline, original]
    links = find_reprints([r.article for r in batch])
    # published the same day as the original but not by the wire, so the wire's own copy wins
    assert links[original.id] is None
    assert links[new_headline.id] == original.id
    assert links[cut_paragraphs.id] == original.id
    assert links[added_boilerplate.id] == original.id
    assert links[other_flood.id] is None
    assert find_reprints([r.article for r in reversed(batch)]) == links


def test_index_state_round_trips(original, cut_paragraphs, other_flood):
    index = ReprintIndex()
    index.add(original.article)
    index.add(other_flood.article)
    restored = ReprintIndex.from_state(index.to_state())
    assert restored.add(cut_paragraphs.article) == [original.id]
    assert restored.reprint_of(cut_paragraphs.id) == original.id
    assert restored.groups_of(original.id) == sorted([original.id, cut_paragraphs.id])


def test_shingle_hashes_count_distinct_shingles():
    text = "Rescue teams pulled 312 people from the river. Rescue teams pulled 312 people from boats."
    assert len(shingle_hashes(text)) == len(shingles(text)) == 9  # two windows repeat
    assert len(shingle_hashes("two words")) == 1 and len(shingle_hashes("")) == 0
    assert list(shingle_hashes(text)) == list(shingle_hashes(text.upper()))  # case does not matter


def test_minhash_values_equal_datasketch_update_batch(original, other_flood):
    """Our vectorised permutation step must give datasketch's values bit for bit: stored
    fingerprints and the LSH tables are shared with MinHash objects built by datasketch."""
    import numpy as np
    from datasketch import MinHash

    from eventwire.fuse.reprints import _SCHEME, _identity, _permutations, config, minhash_values

    cfg = config()
    for result in (original, other_flood):
        items = shingle_hashes(body_text(result.article))
        reference = MinHash(num_perm=cfg["num_perm"], seed=cfg["seed"], hashfunc=_identity,
                            permutations=_permutations(), scheme=_SCHEME)
        reference.update_batch(items)
        assert np.array_equal(minhash_values(items), reference.hashvalues)
    empty = minhash_values(np.zeros(0, dtype=np.uint64))
    assert empty.dtype == np.uint32 and int(empty.min()) == 2 ** 32 - 1


def test_boilerplate_lines_dropped_anywhere_in_the_body(kit):
    text = ("Floods hit Kestrel\nVELMORA (Xinhua) -- Rain fell for three days.\nREAD MORE: Dams fill up\n"
            "Governor Ilse Marand opened shelters.\nJoin The Harbour Times's Telegram channel for updates\n"
            "Copyright 2024 Harbour Times. All rights reserved.")
    body = body_text(kit.article(text))
    assert body == "Rain fell for three days.\nGovernor Ilse Marand opened shelters."


def test_permutations_and_band_shape_equal_datasketch():
    """reprints draws datasketch's "affine32" permutations and picks MinHashLSH's band shape
    itself (no datasketch / scipy.integrate import at start-up): both must stay datasketch's,
    or stored fingerprints and LSH candidates would change."""
    import numpy as np
    from datasketch import MinHash, MinHashLSH

    from eventwire.fuse.reprints import _SCHEME, _band_shape, _permutations, config

    cfg = config()
    reference = MinHash(num_perm=cfg["num_perm"], seed=cfg["seed"], scheme=_SCHEME)
    assert np.array_equal(_permutations(), reference.permutations)
    assert _permutations().dtype == reference.permutations.dtype
    lsh = MinHashLSH(threshold=cfg["lsh_threshold"], num_perm=cfg["num_perm"])
    assert _band_shape() == (lsh.b, lsh.r)


def test_band_shape_follows_datasketch_for_other_settings(monkeypatch):
    from datasketch import MinHashLSH

    import eventwire.fuse.reprints as reprints

    base = reprints.config()
    for threshold, num_perm in ((0.1, 64), (0.5, 128), (0.8, 256), (0.35, 32)):
        settings = {**base, "lsh_threshold": threshold, "num_perm": num_perm}
        monkeypatch.setattr(reprints, "config", lambda settings=settings: settings)
        reprints._band_shape.cache_clear()
        lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        assert reprints._band_shape() == (lsh.b, lsh.r), (threshold, num_perm)
    reprints._band_shape.cache_clear()


def test_importing_fuse_loads_neither_datasketch_nor_scipy_integrate():
    import subprocess
    import sys

    code = ("import sys, eventwire.fuse; from eventwire.fuse.reprints import _band_shape; _band_shape(); "
            "print('datasketch' in sys.modules, 'scipy.integrate' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_word_bytes_are_the_regex_words():
    """The byte translation finds exactly ``\\w+`` (Unicode), whatever the characters."""
    import re

    from eventwire.fuse.reprints import word_bytes

    samples = ["Rescue teams pulled 312 people", "café naïve – “quoted” don’t", "snake_case x2 İstanbul ß",
               "٣٤ digits\u00a0nbsp\u2028line", "中文 text 😀 emoji", "", "  \n\t", "a\u0301b"]
    for text in samples + [s.lower() for s in samples]:
        assert word_bytes(text) == [w.encode() for w in re.findall(r"\w+", text)], text


def test_line_anchored_boilerplate_found_like_finditer():
    """The line-by-line search gives the match starts of ``finditer``, also where a match ends
    on a line start (a trailing ``\\s*$`` before several newlines)."""
    from eventwire.fuse.reprints import _line_starts, config

    lines, after_newline = config()["_boilerplate_lines"]
    for body in ["Advertisement\n\n\nRead more: x\nRain.", "Rain.\nRead more: x\n\nADVERTISEMENT",
                 "\n\nRelated: y\nSponsored\n", "Rain fell.\nMore rain.", "Follow us on X\n  Related: z"]:
        assert _line_starts(body, lines, after_newline) == [m.start() for m in lines.finditer(body)], body
