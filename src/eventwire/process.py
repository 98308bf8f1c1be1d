"""Articles in, :class:`~eventwire.models.DocumentResult` out: the whole extraction journey.

``process`` runs the spaCy pipeline (nlp, extract, resolve) over a batch and then the
cross-article stage (fuse: reprints and stories) over the same batch.
"""
from __future__ import annotations

from operator import attrgetter
from typing import Callable, Iterable, Iterator, List, Optional

from spacy.tokens import Doc

from .errors import ComponentError
from .models import Article, DocumentResult, Entity
from .nlp.fast import doc_text, entity_spans, token_offsets
from .nlp.pipeline import component_versions, get_pipeline, run

ENTITY_COMPONENT = "eventwire_entities"
_BY_OFFSETS = attrgetter("start", "end")  # the (start, end) tuple, built in C


def doc_to_result(doc: Doc, versions: dict) -> DocumentResult:
    ext = doc._  # one accessor for every extension read below (each ``doc._`` builds one)
    article: Article = ext.article
    component = f"{ENTITY_COMPONENT}@{versions.get(ENTITY_COMPONENT, '0')}"
    text = doc_text(doc)
    starts, ends = token_offsets(doc)  # nlp.fast's per-Doc cache, shared with places and events
    named = [(starts[s], ends[e - 1], label) for s, e, label in entity_spans(doc)]
    entities = [Entity(s, e, label, text[s:e], component) for s, e, label in named]
    for start, end, label, kind in ext.entity_mentions or []:
        s, e = starts[start], ends[end - 1]
        entities.append(Entity(s, e, label, text[s:e], component, kind))
    entities.sort(key=_BY_OFFSETS)
    return DocumentResult(
        id=article.id, article=article, entities=entities,
        places=list(ext.places or []), times=list(ext.times or []),
        quantities=list(ext.quantities or []), attributions=list(ext.attributions or []),
        events=list(ext.events or []), versions=versions,
    )


def process_stream(articles: Iterable[Article], batch_size: int = 64,
                   on_error: Optional[Callable[[ComponentError], None]] = None) -> Iterator[DocumentResult]:
    """Per-article results, streamed; no cross-article grouping.

    With ``on_error``, an article the pipeline fails on is reported to it as a
    :class:`~eventwire.errors.ComponentError` naming the article and the component, and the
    stream goes on; without, the exception propagates."""
    nlp = get_pipeline()
    versions = component_versions(nlp)
    report = None
    if on_error is not None:
        def report(article: Article, component: str, exc: Exception) -> None:
            on_error(component_error(article, component, exc))
    for doc in run(nlp, articles, batch_size=batch_size, on_error=report):
        result = doc_to_result(doc, versions)
        # the Doc is done with: its user_data holds per-doc caches that point back at the Doc
        # (the events stage's token view), a reference cycle that only the cyclic GC could
        # free -- Doc, token arrays and caches of every article; emptied, the Doc is freed by
        # reference counting as soon as spaCy lets go of it (docs/performance.md, Process settings)
        doc.user_data.clear()
        yield result


def component_error(article: Article, component: str, exc: BaseException) -> ComponentError:
    """What failed on which article, as the one error type the callers report."""
    return ComponentError(f"{component}: {type(exc).__name__}: {exc} (article {article.id} left out)",
                          source=article.origin or article.id)


def process(articles: Iterable[Article], batch_size: int = 64,
            on_error: Optional[Callable[[ComponentError], None]] = None) -> List[DocumentResult]:
    """Process a batch and group its articles into stories and reprints (``on_error``: as
    :func:`process_stream`)."""
    results = list(process_stream(articles, batch_size=batch_size, on_error=on_error))
    try:
        from .fuse import group_batch
    except ImportError:  # pragma: no cover - fuse is being built
        return results
    group_batch(results)
    return results
