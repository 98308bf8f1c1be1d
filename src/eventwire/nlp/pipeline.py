"""The spaCy ``Language`` that carries an article through NLP, extraction and resolution.

A blank English tokenizer (its splits cached per whitespace-separated piece: nlp/tokenizer.py)
followed by eventwire's registered components, in this order:

=========================  ==========================  =======================================
component                  module                      adds
=========================  ==========================  =======================================
eventwire_sentences        nlp/components/sentences    sentence boundaries
eventwire_entities         nlp/components/entities     ``doc.ents`` (lexicons + rules)
eventwire_times            extract/times               ``doc._.times``
eventwire_quantities       extract/quantities          ``doc._.quantities``
eventwire_places           resolve/places              ``doc._.places``
eventwire_attributions     extract/attribution         ``doc._.attributions``
eventwire_events           extract/events              ``doc._.events`` (actors resolved)
=========================  ==========================  =======================================
"""
from __future__ import annotations

import importlib
from functools import lru_cache
from typing import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ..models import Article
from . import extensions  # noqa: F401  (registers doc._ attributes)
from .tokenizer import install as install_tokenizer

PIPELINE = [
    ("eventwire_sentences", "eventwire.nlp.components.sentences"),
    ("eventwire_entities", "eventwire.nlp.components.entities"),
    ("eventwire_times", "eventwire.extract.times"),
    ("eventwire_quantities", "eventwire.extract.quantities"),
    ("eventwire_places", "eventwire.resolve.places"),
    ("eventwire_attributions", "eventwire.extract.attribution"),
    ("eventwire_events", "eventwire.extract.events"),
]


def build_pipeline(components: Iterable[str] | None = None) -> Language:
    """A fresh pipeline; ``components`` limits it to the named ones (in pipeline order)."""
    wanted = set(components) if components is not None else None
    nlp = spacy.blank("en")
    nlp.max_length = 10_000_000
    install_tokenizer(nlp)  # spaCy's tokens, from a per-piece cache (nlp/tokenizer.py)
    for name, module in PIPELINE:
        if wanted is None or name in wanted:
            importlib.import_module(module)  # registers the factory
            nlp.add_pipe(name)
    return nlp


@lru_cache(maxsize=4)
def get_pipeline(components: tuple | None = None) -> Language:
    return build_pipeline(components)


def component_versions(nlp: Language) -> dict:
    out = {}
    for name, _module in PIPELINE:
        if name in nlp.pipe_names:
            comp = nlp.get_pipe(name)
            out[name] = getattr(comp, "version", None) or getattr(importlib.import_module(_module), "VERSION", "0")
    return out


def make_doc(nlp: Language, article: Article) -> Doc:
    doc = nlp.make_doc(article.text)
    doc._.article = article
    return doc


def run(nlp: Language, articles: Iterable[Article], batch_size: int = 64) -> Iterator[Doc]:
    """Run the pipeline over articles; yields Docs in input order."""
    docs = (make_doc(nlp, a) for a in articles)
    yield from nlp.pipe(docs, batch_size=batch_size)
