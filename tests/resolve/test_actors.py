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
    assert reg.lookup("Obama", "2010-01-01")[0].country == "USA"
    assert [e.id for e in reg.lookup("Obama", "2010-01-01")] == ["USA-OBAMA"]


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
