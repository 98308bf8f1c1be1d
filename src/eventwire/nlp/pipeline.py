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
import sys
import types
from contextlib import contextmanager
from functools import lru_cache
from typing import Callable, Iterable, Iterator, Optional

_SPACY_CLI = ("spacy.cli", "spacy.cli.info")


class _Deferred(types.ModuleType):
    """A stand-in for ``spacy.cli`` or ``spacy.cli.info``: the first look inside imports the real one."""

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(importlib.import_module(self.__name__), name)


def _spacy_info(*args, **kwargs):
    return importlib.import_module("spacy.cli.info").info(*args, **kwargs)


@contextmanager
def _spacy_cli_deferred():
    """``import spacy`` runs ``from .cli.info import info``, and ``spacy.cli`` imports every
    spaCy command with what they need (typer, weasel, requests, httpx, rich, jinja2...): some
    400 modules and about half a second of CPU of the start-up of ``eventwire extract``, for a
    command line eventwire never calls. While spaCy is first imported here, those two modules
    are stand-ins; they leave ``sys.modules`` when the import is done, so ``from spacy.cli
    import ...`` and ``import spacy.cli.download`` import the real ones, and ``spacy.cli.X`` or
    ``spacy.info()`` (which spaCy re-exports: it forwards the call) import them on first use."""
    if "spacy" in sys.modules or any(name in sys.modules for name in _SPACY_CLI):
        yield
        return
    cli, info = _Deferred("spacy.cli"), _Deferred("spacy.cli.info")
    cli.__path__ = []  # a package, as far as the import system asks
    info.info = _spacy_info
    sys.modules.update({"spacy.cli": cli, "spacy.cli.info": info})
    try:
        yield
    finally:
        for name, stand_in in (("spacy.cli", cli), ("spacy.cli.info", info)):
            if sys.modules.get(name) is stand_in:
                del sys.modules[name]
        spacy_module = sys.modules.get("spacy")
        if spacy_module is not None and "cli" not in vars(spacy_module):
            spacy_module.cli = cli  # ``spacy.cli.X`` as before (the stand-in imports the real one)


with _spacy_cli_deferred():
    import spacy  # noqa: F401  (spaCy itself, imported once without its command line)
from spacy.language import Language  # noqa: E402  (after the import above, on purpose)
from spacy.tokens import Doc  # noqa: E402

from ..errors import DataFileError
from ..models import Article
from . import extensions  # noqa: F401  (registers doc._ attributes)
from .tokenizer import CachedTokenizer, speed_up_lexeme_attributes

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
    # the vocabulary gets the fast lexeme getters before spaCy's tokenizer fills it with the
    # words of its ~1,300 special cases
    from spacy.lang.en import English
    from spacy.vocab import create_vocab

    vocab = create_vocab("en", English.Defaults)
    speed_up_lexeme_attributes(vocab)
    # spaCy's tokens from a per-piece cache (nlp/tokenizer.py), which splits unseen pieces by
    # spaCy's rules itself: spaCy's own Tokenizer (~0.1 s to build its special cases) is
    # built only if something asks for ``nlp.tokenizer.spacy_tokenizer``
    nlp = English(vocab=vocab, create_tokenizer=CachedTokenizer.for_language)
    nlp.max_length = 10_000_000
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


def run(nlp: Language, articles: Iterable[Article], batch_size: int = 64,
        on_error: Optional[Callable[[Article, str, Exception], None]] = None) -> Iterator[Doc]:
    """Run the pipeline over articles; yields Docs in input order.

    With ``on_error``, an article a component fails on is handed to it (with the component's
    name and the exception) and left out, and the run goes on with the next article; without,
    the exception propagates. A broken data file (``DataFileError``) fails every article
    alike and always propagates. ``batch_size`` is kept for callers; the components work one
    Doc at a time, so the loop runs them in order per article."""
    components = list(nlp.pipeline)
    for article in articles:
        name = "tokenizer"
        try:
            doc = make_doc(nlp, article)
            for name, proc in components:
                doc = proc(doc)
        except DataFileError:
            raise
        except Exception as exc:  # noqa: BLE001 - one article's failure is reported, not fatal
            if on_error is None:
                raise
            on_error(article, name, exc)
            continue
        yield doc
