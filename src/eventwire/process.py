"""Articles in, :class:`~eventwire.models.DocumentResult` out: the whole extraction journey.

``process`` runs the spaCy pipeline (nlp, extract, resolve) over a batch and then the
cross-article stage (fuse: reprints and stories) over the same batch.
"""
from __future__ import annotations

from operator import attrgetter
from typing import Iterable, Iterator, List

from spacy.tokens import Doc

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


def process_stream(articles: Iterable[Article], batch_size: int = 64) -> Iterator[DocumentResult]:
    """Per-article results, streamed; no cross-article grouping."""
    nlp = get_pipeline()
    versions = component_versions(nlp)
    for doc in run(nlp, articles, batch_size=batch_size):
        result = doc_to_result(doc, versions)
        # the Doc is done with: its user_data holds per-doc caches that point back at the Doc
        # (the events stage's token view), a reference cycle that only the cyclic GC could
        # free -- Doc, token arrays and caches of every article; emptied, the Doc is freed by
        # reference counting as soon as spaCy lets go of it (docs/performance.md, Process settings)
        doc.user_data.clear()
        yield result


def process(articles: Iterable[Article], batch_size: int = 64) -> List[DocumentResult]:
    """Process a batch and group its articles into stories and reprints."""
    results = list(process_stream(articles, batch_size=batch_size))
    try:
        from .fuse import group_batch
    except ImportError:  # pragma: no cover - fuse is being built
        return results
    group_batch(results)
    return results
