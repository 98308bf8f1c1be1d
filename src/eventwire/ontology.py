"""PLOVER's event types and eventwire's documented extensions, from ``data/plover/ontology.json``.

Kept apart from the NLP code so that stages that only need the type table (fuse, store,
serve) do not import spaCy.
"""
from __future__ import annotations

from functools import lru_cache

from .resources import load_json


@lru_cache(maxsize=1)
def ontology() -> dict:
    """Type name -> its entry (polarity, governs, verbal, modes, description, extension flag)."""
    data = load_json("plover/ontology.json")
    types = {name: dict(info, extension=False) for name, info in data["types"].items()}
    types.update({name: dict(info, extension=True) for name, info in data["extensions"].items()})
    return types


def plover_types() -> list:
    return [name for name, info in ontology().items() if not info["extension"]]
