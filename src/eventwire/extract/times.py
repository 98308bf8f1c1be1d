"""Scaffold: being built (see the issue tracker). Produces an empty `doc._.times` for now."""
from __future__ import annotations

from spacy.language import Language

VERSION = "0.0"


@Language.factory("eventwire_times")
def make_component(nlp: Language, name: str):
    def component(doc):
        doc._.times = []
        return doc
    return component
