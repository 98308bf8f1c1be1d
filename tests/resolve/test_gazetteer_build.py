"""tools/build_gazetteer.py: the rules that derive names, on hand-made records (no packages)."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def build():
    spec = importlib.util.spec_from_file_location("build_gazetteer", ROOT / "tools" / "build_gazetteer.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _builder(build, airports, places):
    b = build.Builder("cities1000.json")
    for name, cc3, fcode, pop in places:
        b.add("", name, cc3, 0, 0, "P", fcode, pop, "", [])
    b.airport_rows = []
    for name, city, cc3, fcode, pop in airports:
        b.airport_rows.append((len(b.records), city))
        b.add("", name, cc3, 0, 0, "S", fcode, pop, "", [])
    return b


def _alts(b, name):
    return set(next(r for r in b.records if r[1] == name)[9].split("|")) - {""}


def test_airport_short_names(build):
    b = _builder(build, [
        ("London Heathrow Airport", "London", "GBR", "AIRP", 8_900_000),
        ("Amsterdam Airport Schiphol", "Amsterdam", "NLD", "AIRP", 740_000),
        ("London Luton Airport", "London", "GBR", "AIRP", 8_900_000),      # the town's own name
        ("Jinnah International Airport", "Karachi", "PAK", "AIRP", 11_000_000),  # no city first
        ("Beirut Rafic Hariri International Airport", "Beirut", "LBN", "AIRP", 1_900_000),  # two words
        ("Smallville Eastfield Airport", "Smallville", "USA", "AIRP", 40_000),  # small city
        ("London City Airport", "London", "GBR", "AIRP", 8_900_000),      # a common word
        ("Spangdahlem Air Base", "Trier", "DEU", "AIRB", 110_000),          # a base: its locality
    ], [("Heathrow", "USA", "PPL", 5_900), ("Luton", "GBR", "PPL", 225_000), ("London", "GBR", "PPLC", 8_900_000)])
    b.airport_short_names(common={"city"}, persons=set())
    assert {"Heathrow", "Heathrow Airport"} <= _alts(b, "London Heathrow Airport")
    assert "Schiphol" in _alts(b, "Amsterdam Airport Schiphol")
    assert "Spangdahlem" in _alts(b, "Spangdahlem Air Base")
    for name in ("London Luton Airport", "Jinnah International Airport", "Smallville Eastfield Airport",
                 "Beirut Rafic Hariri International Airport", "London City Airport"):
        assert _alts(b, name) == set(), name


def test_a_big_namesake_keeps_the_name(build):
    # "Heathrow" a town of 50,000 somewhere: the short name would steal or be stolen
    b = _builder(build, [("London Heathrow Airport", "London", "GBR", "AIRP", 8_900_000)],
                 [("Heathrow", "USA", "PPL", 50_000)])
    b.airport_short_names(common=set(), persons=set())
    assert _alts(b, "London Heathrow Airport") == set()


def test_british_county_names_lose_their_administrative_prefixes(build):
    assert build.ADMIN2_AFFIXES.sub("", "City and Borough of Leeds") == "Leeds"
    assert build.ADMIN2_AFFIXES.sub("", "Borough of Bolton") == "Bolton"
    assert build.ADMIN2_AFFIXES.sub("", "Caerphilly County Borough") == "Caerphilly"
    assert build.ADMIN2_AFFIXES.sub("", "Essex") == "Essex"
