"""The offline gazetteer: lookups, normalisation, countries, demonyms and load time."""
from __future__ import annotations

import time

import pytest

from eventwire.resolve.gazetteer import Candidate, Gazetteer, get_gazetteer, normalize


@pytest.fixture(scope="module")
def gaz():
    return get_gazetteer()


def test_normalize_ignores_case_accents_dots_hyphens_and_apostrophes():
    assert normalize("U.S.") == normalize("US") == "us"
    assert normalize("Gilgit-Baltistan") == "gilgit baltistan"
    assert normalize("‘Afrīn") == normalize("Afrin") == "afrin"
    assert normalize("The Hague") == "hague"
    assert normalize("  São   Paulo ") == "sao paulo"


def test_lookup_finds_regions_cities_and_alternate_spellings(gaz):
    idlib = gaz.lookup("Idlib")
    assert {c.feature_code for c in idlib} >= {"ADM1", "PPL"}
    region = next(c for c in idlib if c.feature_code == "ADM1")
    assert region.country == "SYR" and region.precision == "region"
    assert abs(region.lat - 35.8) < 0.3 and abs(region.lon - 36.6) < 0.3

    base = gaz.lookup("Hmeimim")
    assert [c.name for c in base] == ["Khmeimim Air Base"]
    assert base[0].alternate and base[0].precision == "point"
    assert abs(base[0].lat - 35.40) < 0.05 and abs(base[0].lon - 35.95) < 0.05

    moscow = max(gaz.lookup("MOSCOW"), key=lambda c: c.population)
    assert moscow.country == "RUS" and moscow.feature_class in ("A", "P")
    assert gaz.lookup("no such place at all") == []


def test_lookup_returns_typed_candidates_with_population_and_ids(gaz):
    baghdad = [c for c in gaz.lookup("Baghdad") if c.feature_code == "PPLC"]
    assert len(baghdad) == 1
    c = baghdad[0]
    assert isinstance(c, Candidate)
    assert c.country == "IRQ" and c.population > 1_000_000 and c.geonameid == 98182


def test_country_records_and_common_aliases(gaz):
    syria = gaz.country("SYR")
    assert syria.name == "Syria" and syria.feature_code == "PCLI" and syria.precision == "country"
    assert gaz.country("XXX") is None
    assert gaz.lookup("U.S.")[0].country == "USA"
    assert any(c.country == "GBR" and c.feature_code == "PCLI" for c in gaz.lookup("Britain"))


def test_demonyms_point_to_countries_and_regions(gaz):
    assert gaz.demonyms["Syrian"].country == "SYR"
    assert gaz.demonyms["European"].feature_code == "CONT"


def test_names_lists_every_key_for_matchers(gaz):
    names = gaz.names()
    assert len(names) > 100_000
    assert "idlib" in names and names == sorted(names, key=lambda k: k + "\t")
    assert gaz.has_key("idlib") and gaz.has_prefix("idlib")  # "idlib governorate"
    assert not gaz.has_prefix("khmeimim air base")
    assert gaz.probe("new york") == (True, True)


def test_small_gazetteer_from_lines():
    # The class works on any table of the same layout (the build writes it).
    lines = ["1\tAlpha\tAAA\t1.0\t2.0\tA\tPCLI\t100\t\t", "2\tAlpha Town\tAAA\t1.5\t2.5\tP\tPPL\t10\tWest\t"]
    names = sorted(["alpha\t0", "alpha town\t2", "alphaville\t3"], key=lambda k: k)
    g = Gazetteer.from_lines(lines, names, {"Alphan": "AAA"})
    assert [c.name for c in g.lookup("ALPHA")] == ["Alpha"]
    assert g.lookup("Alphaville")[0].alternate and g.lookup("Alphaville")[0].name == "Alpha Town"
    assert g.country("AAA").population == 100
    assert g.demonyms["Alphan"].name == "Alpha"
    assert g.probe("alpha") == (True, True) and g.probe("alpha town") == (True, False)
    assert g.probe("alph") == (False, False) and len(g) == 2


def test_loads_fast_enough_for_cli_start_up():
    get_gazetteer.cache_clear()
    t = time.perf_counter()
    g = get_gazetteer()
    seconds = time.perf_counter() - t
    assert len(g) > 150_000
    assert seconds < 5.0  # 0.02-0.04 s CPU (memory-mapped tables); generous for a shared CI box


def test_prefix_only_names_and_a_stale_index():
    from eventwire.errors import DataFileError
    from eventwire.resolve.gazetteer import build_index

    lines = ["1\tAlpha\tAAA\t1.0\t2.0\tA\tPCLI\t100\t\t", "2\tBeta Gamma Town\tAAA\t1.5\t2.5\tP\tPPL\t10\tWest\t"]
    g = Gazetteer.from_lines(lines, ["alpha\t0", "beta gamma town\t2"], {})
    # "beta" and "beta gamma" are no names, but matching must go on through them
    assert g.probe("beta") == (False, True) and g.probe("beta gamma") == (False, True)
    assert g.probe("beta gamma town") == (True, False) and g.lookup("beta") == []
    assert g.names() == ["alpha", "beta gamma town"]
    places = ("\n".join(lines) + "\n").encode()
    names, index = build_index(places, b"alpha\t0\n")
    with pytest.raises(DataFileError):
        Gazetteer(places + b"3\tDelta\tAAA\t0\t0\tP\tPPL\t1\t\t\n", names, index, {})


def test_word_probe_and_shared_candidates_agree_with_the_plain_lookups(gaz):
    for word in ["Syria", "New", "Idlib", "Tuesday", "KHMEIMIM"]:
        key = normalize(word)
        assert gaz.probe_word(word) == (key, *gaz.probe(key))
        assert list(gaz.candidates(key)) == gaz.lookup_key(key)
    assert gaz.probe_word("New")[2]  # "new york" and more start with it
    assert "North" in gaz.demonym_heads or not any(" " in k for k in gaz.demonyms)


def test_a_demonym_shared_by_territories_names_the_most_populous(gaz):
    # before: the last countryinfo file read won, and "Norwegian" was Svalbard
    assert gaz.demonyms["Norwegian"].country == "NOR"
    assert gaz.demonyms["French"].country == "FRA"
    assert gaz.demonyms["American"].country == "USA"


def test_airports_carry_their_citys_population_and_short_names(gaz):
    heathrow = [c for c in gaz.lookup("Heathrow") if c.feature_code == "AIRP"]
    assert [c.name for c in heathrow] == ["London Heathrow Airport"]
    assert heathrow[0].alternate and heathrow[0].population > 5_000_000  # London's
    assert any(c.feature_code == "AIRP" for c in gaz.lookup("Schiphol airport"))
    # no short name where it would be a person's name or the airport's own town
    assert not any(c.feature_code == "AIRP" for c in gaz.lookup("Jinnah"))
    assert not any(c.feature_code == "AIRP" for c in gaz.lookup("Luton"))


def test_country_tlds_and_british_counties(gaz):
    from eventwire.resolve.gazetteer import country_tlds
    tlds = country_tlds()
    assert tlds["uk"] == "GBR" and tlds["ie"] == "IRL" and tlds["de"] == "DEU"
    essex = [c for c in gaz.lookup("Essex") if c.country == "GBR"]
    assert essex and essex[0].feature_code == "ADM2" and essex[0].admin1 == "England"
    assert any(c.country == "MKD" and c.feature_code == "PCLI" for c in gaz.lookup("Macedonia"))
