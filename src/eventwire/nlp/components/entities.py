"""Scaffold: being built. Produces nothing yet."""
from __future__ import annotations

from spacy.language import Language

VERSION = "0.0"


@Language.factory("eventwire_entities")
def make_component(nlp: Language, name: str):
    def component(doc):
        
        return doc
    return component
