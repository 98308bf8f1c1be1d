"""Articles in, :class:`~eventwire.models.DocumentResult` out: the whole extraction journey.

``process`` runs the spaCy pipeline (nlp, extract, resolve) over a batch and then the
cross-article stage (fuse: reprints and stories) over the same batch.
"""
from __future__ import annotations

from operator import attrgetter
from typing import Iterable, Iterator, List

from spacy.attrs import ENT_IOB, ENT_TYPE
from spacy.tokens import Doc

from .extract.event_tokens import cached_view
from .models import Article, DocumentResult, Entity
from .nlp.fast import doc_text, token_offsets
from .nlp.pipeline import component_versions, get_pipeline, run

ENTITY_COMPONENT = "eventwire_entities"
_BY_OFFSETS = attrgetter("start", "end")  # the (start, end) tuple, built in C


def doc_to_result(doc: Doc, versions: dict) -> DocumentResult:
    article: Article = doc._.article
    component = f"{ENTITY_COMPONENT}@{versions.get(ENTITY_COMPONENT, '0')}"
    text = doc_text(doc)
    starts, ends = token_offsets(doc)  # nlp.fast's per-Doc cache, shared with places and events
    view = cached_view(doc)
    if view is not None:  # the events stage read the entity arrays already: spans, labels ("" for none)
        named = [(starts[s], ends[e - 1], label) for s, e, label in view.ent_spans if label]
    else:
        named = _named_entities(doc, starts, ends)
    entities = [Entity(s, e, label, text[s:e], component) for s, e, label in named]
    for start, end, label, kind in doc._.entity_mentions or []:
        s, e = starts[start], ends[end - 1]
        entities.append(Entity(s, e, label, text[s:e], component, kind))
    entities.sort(key=_BY_OFFSETS)
    return DocumentResult(
        id=article.id, article=article, entities=entities,
        places=list(doc._.places or []), times=list(doc._.times or []),
        quantities=list(doc._.quantities or []), attributions=list(doc._.attributions or []),
        events=list(doc._.events or []), versions=versions,
    )


def _named_entities(doc: Doc, starts: list, ends: list) -> list:
    """``(start_char, end_char, label)`` of ``doc.ents``, read from the token arrays the way
    spaCy reads them (an entity opens at a B token and runs over the I tokens after it):
    ``doc.ents`` builds a Span, and ``start_char``/``text`` Tokens, for every entity."""
    if not len(doc):
        return []
    arr = doc.to_array([ENT_IOB, ENT_TYPE])
    heads = ((arr[:, 0] == 3) & (arr[:, 1] != 0)).nonzero()[0].tolist()
    if not heads:
        return []
    iob = arr[:, 0].tolist()
    types = arr[:, 1].tolist()
    strings = doc.vocab.strings
    n = len(iob)
    out = []
    for b in heads:
        e = b + 1
        while e < n and iob[e] == 1:
            e += 1
        out.append((starts[b], ends[e - 1], strings[types[b]]))
    return out


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
