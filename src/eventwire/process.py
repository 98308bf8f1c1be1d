"""Articles in, :class:`~eventwire.models.DocumentResult` out: the whole extraction journey.

``process`` runs the spaCy pipeline (nlp, extract, resolve) over a batch and then the
cross-article stage (fuse: reprints and stories) over the same batch.
"""
from __future__ import annotations

from typing import Iterable, Iterator, List

from spacy.tokens import Doc

from .models import Article, DocumentResult, Entity
from .nlp.pipeline import component_versions, get_pipeline, run

ENTITY_COMPONENT = "eventwire_entities"


def doc_to_result(doc: Doc, versions: dict) -> DocumentResult:
    article: Article = doc._.article
    component = f"{ENTITY_COMPONENT}@{versions.get(ENTITY_COMPONENT, '0')}"
    entities = [Entity(e.start_char, e.end_char, e.label_, e.text, component=component) for e in doc.ents]
    for start, end, label, kind in doc._.entity_mentions or []:
        span = doc[start:end]
        entities.append(Entity(span.start_char, span.end_char, label, span.text, component=component, kind=kind))
    entities.sort(key=lambda e: (e.start, e.end))
    return DocumentResult(
        id=article.id, article=article, entities=entities,
        places=list(doc._.places or []), times=list(doc._.times or []),
        quantities=list(doc._.quantities or []), attributions=list(doc._.attributions or []),
        events=list(doc._.events or []), versions=versions,
    )


def process_stream(articles: Iterable[Article], batch_size: int = 64) -> Iterator[DocumentResult]:
    """Per-article results, streamed; no cross-article grouping."""
    nlp = get_pipeline()
    versions = component_versions(nlp)
    for doc in run(nlp, articles, batch_size=batch_size):
        yield doc_to_result(doc, versions)


def process(articles: Iterable[Article], batch_size: int = 64) -> List[DocumentResult]:
    """Process a batch and group its articles into stories and reprints."""
    results = list(process_stream(articles, batch_size=batch_size))
    try:
        from .fuse import group_batch
    except ImportError:  # pragma: no cover - fuse is being built
        return results
    group_batch(results)
    return results
