from __future__ import annotations

import spacy

from eventwire.resolve.actors import find_actor_mentions, get_registry


def mentions(text):
    nlp = spacy.blank("en")
    doc = nlp(text)
    return [(doc[m.start:m.end].text, m.countries, m.sector) for m in find_actor_mentions(doc)]


def test_compound_demonyms_with_a_sector_noun():
    assert mentions("Senior Hungarian and Romanian officials met.")[0] == \
        ("Hungarian and Romanian officials", ["HUN", "ROU"], "government")


def test_possessive_organ_of_a_state():
    assert mentions("Russia's Defence Ministry said so.")[0] == ("Russia's Defence Ministry", ["RUS"], "military")


def test_non_state_group_has_no_country_but_a_sector():
    text, cs, sector = mentions("ISIS militants retreated.")[0]
    assert cs == [] and sector == "rebel"


def test_capital_as_metonym_for_government():
    assert mentions("Moscow said nothing.")[0][1] == ["RUS"]


def test_short_aliases_are_case_sensitive():
    assert mentions("Tell us what is going on.") == []
    assert mentions("The US said it is ready.")[0][1] == ["USA"]


def test_validity_dates_pick_the_office_holder():
    nlp = spacy.blank("en")
    reg = get_registry(nlp.vocab)
    assert [e.country for e in reg.lookup("Obama", "2010-01-01")] == ["USA"]
    # a name that spoke for two states: the article's date decides
    assert {e.country for e in reg.lookup("Shevardnadze", "1988-06-01")} == {"RUS"}
    assert {e.country for e in reg.lookup("Shevardnadze", "1995-06-01")} == {"GEO"}
    # one surname, two holders of the post: the holder on the date
    assert [e.name for e in reg.lookup("Bush", "1990-01-01")] == ["George H. W. Bush"]
    assert [e.name for e in reg.lookup("Bush", "2003-01-01")] == ["George W. Bush"]
    # out of office on the date: the name still resolves to the state it spoke for
    assert {e.country for e in reg.lookup("Mitterrand", "2010-01-01")} == {"FRA"}


def test_user_registry_extends_without_code(tmp_path, monkeypatch):
    extra = tmp_path / "actors.jsonl"
    extra.write_text('{"id": "XLF", "name": "Example Liberation Front", "aliases": ["Example Liberation Front"], '
                     '"country": "KAZ", "sector": "rebel"}\n')
    monkeypatch.setenv("EVENTWIRE_ACTORS", str(extra))
    get_registry.cache_clear()
    try:
        assert mentions("The Example Liberation Front attacked.")[0][1] == ["KAZ"]
    finally:
        get_registry.cache_clear()


def test_office_holders_are_matched_with_their_capitals():
    assert mentions("They begin talks.") == []
    # a surname alias that is someone else's given name
    assert mentions("Sharon Werner, the chief of staff, declined.") == []
    found = mentions("President Francois Mitterrand welcomed Menem.")
    assert [(text, countries) for text, countries, _sector in found] == [
        ("President Francois Mitterrand", ["FRA"]), ("Menem", ["ARG"])]


def test_misspelt_country_names_resolve():
    assert mentions("Ethopia has agreed to re-open its borders.")[0][1] == ["ETH"]
    assert mentions("Quatar's emir met them.")[0][1] == ["QAT"]
    # a changed first or last letter is another word, not a misspelling
    assert mentions("Frances and Roland met.") == []
    assert mentions("Cyrus read the Charter.") == []


def test_peoples_are_coded_by_residence():
    assert mentions("Ibo elders demanded control.")[0][1] == ["NGA"]
    # a first name is a people only before a group noun
    assert mentions("Karen said no.") == []
    assert mentions("Karen guerrillas attacked.")[0][1] == ["MMR"]


def test_stance_prefix_does_not_join_the_group():
    found = mentions("The pro-Iranian Hizbollah group declared a ceasefire.")
    assert ("Hizbollah", ["LBN"]) in [(t, c) for t, c, _s in found]


def test_alias_index_finds_what_phrase_matchers_find():
    """The registry's first-token indexes give the matches of a LOWER and an ORTH PhraseMatcher
    over the same aliases: case-blind names, dotted forms, and case-kept short aliases."""
    from spacy.matcher import PhraseMatcher

    from eventwire.extract.event_tokens import TokenIndex, phrase_tokens, token_view
    from eventwire.nlp.fast import phrase_docs
    from eventwire.nlp.pipeline import build_pipeline

    nlp = build_pipeline([])
    doc = nlp.make_doc("The U.S. and the UN met Hamas militants; us officials and the IS group "
                       "said the Russian Defence Ministry and ISIS fighters left.")
    lowered = ["the russian defence ministry", "russian", "hamas", "militants", "isis", "un"]
    written = ["U.S.", "IS", "UN"]
    for phrases, attr, tokens in ((lowered + ["U.S."], "LOWER", token_view(doc).low),
                                  (written, "ORTH", token_view(doc).words)):
        reference = PhraseMatcher(nlp.vocab, attr=attr)
        reference.add("ACTOR", phrase_docs(nlp.vocab, phrases))
        index = TokenIndex(phrase_tokens(nlp.vocab, phrases, lower=attr == "LOWER"))
        assert sorted(set(index.matches(tokens))) == sorted({(s, e) for _, s, e in reference(doc)})
    exact = TokenIndex(phrase_tokens(nlp.vocab, written, lower=False)).matches(token_view(doc).words)
    assert all(doc[s:e].text in written for s, e in exact) and "us" not in [doc[s].text for s, _ in exact]


def test_mention_summary_matches_its_actor_fields():
    """``summary`` (one pass over the parts) reports what the actor record says: name,
    registry id, countries and sector, for compound, possessive and sector-only mentions."""
    nlp = spacy.blank("en")
    doc = nlp("Senior Hungarian and Romanian officials met Russia's Defence Ministry, ISIS militants "
              "and police in Moscow.")
    found = find_actor_mentions(doc)
    assert len(found) >= 4
    for m in found:
        name, reg, countries, sector = m.summary()
        names = [p.name for p in m.parts if p.kind not in ("sector", "place")] or \
            [p.name for p in m.parts if p.kind == "place"]
        assert name == (" and ".join(dict.fromkeys(names)) or None)
        assert reg == (next((p.id for p in m.parts if p.kind == "org"), None)
                       or next((p.id for p in m.parts if p.kind != "sector"), None))
        assert (countries, sector) == (m.countries, m.sector)
        actor = m.to_actor(doc)
        assert (actor.name, actor.registry_id, actor.sector) == (name, reg, sector)
        assert actor.countries == (countries if len(countries) > 1 else [])


def test_index_lookup_with_the_distinct_tokens_finds_the_same_matches():
    """Looking the Doc's distinct tokens up once gives every match the per-token lookup gives."""
    from eventwire.extract.event_tokens import TokenIndex

    index = TokenIndex([["the", "united", "states"], ["united", "nations"], ["police"], ["the", "un"]])
    tokens = "the united states and the united nations police told the un police".split()
    expected = [(0, 3), (5, 7), (7, 8), (9, 11), (11, 12)]
    assert sorted(index.matches(tokens)) == expected
    assert sorted(index.matches(tokens, set(tokens))) == expected
    assert index.matches(["nothing", "here"]) == []
