"""Scaffold: being built (see the issue tracker). Produces an empty `doc._.attributions` for now."""
from __future__ import annotations

from spacy.language import Language

VERSION = "0.0"


@Language.factory("eventwire_attributions")
def make_component(nlp: Language, name: str):
    def component(doc):
        doc._.attributions = []
        return doc
    return component
