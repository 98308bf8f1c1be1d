"""The Python API that the ``eventwire`` command is a thin layer over.

::

    from eventwire.api import open_store, ingest_paths

    with open_store("news.duckdb") as store:
        report = ingest_paths(["corpus/"], store)
        print(report.added, report.duplicates, [str(e) for e in report.errors])
        # canonical events: one row per real-world event across articles
        for event in store.events(type="ASSAULT", country="SYR", since="2015-10"):
            print(event["when"], event["actor_name"], event["n_sources"], event["contested"])
        store.events(mentions=True)        # the raw mentions instead
        store.events(contested=True)       # only events whose sources disagree
        store.export_parquet("events.parquet")

Stories are grouped across batches and runs: the story index is saved in the store, a new
article joins a stored story, and the canonical events of every story a batch touches are
recomputed from all stored mentions of that story, in the batch's transaction.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, List, Optional, Sequence, Union

from .errors import ComponentError, DataFileError, EventwireError, StoreError
from .models import Article, DocumentResult
from .store import DuckDBStore, EventFilter, Store
from .store.rows import clean_row

ENV_DB = "EVENTWIRE_DB"
DEFAULT_DB = "eventwire.duckdb"
BATCH_SIZE = 200

__all__ = ["open_store", "ingest_paths", "IngestReport", "Store", "EventFilter", "regroup_stories",
           "default_store_path", "demo_corpus_paths", "events_to_geojson", "DEFAULT_DB", "ENV_DB"]


def default_store_path() -> str:
    """``$EVENTWIRE_DB`` if set, else ``./eventwire.duckdb``."""
    return os.environ.get(ENV_DB) or DEFAULT_DB


def open_store(path: Union[str, os.PathLike, None] = None, *, read_only: bool = False,
               wait: float = 0.0) -> Store:
    """Open (creating and migrating if needed) the store at ``path``.

    ``read_only`` lets several readers share the file; ``wait`` is how many seconds to keep
    retrying while another process holds the write lock before raising
    :class:`~eventwire.errors.StoreLocked`.
    """
    return DuckDBStore(str(path) if path is not None else default_store_path(),
                       read_only=read_only, wait=wait)


@dataclass
class IngestReport:
    """What one ``ingest_paths`` run did. ``read`` counts articles read (valid inputs);
    ``errors`` holds every input or article that could not be read or processed."""

    read: int = 0
    added: int = 0
    duplicates: int = 0
    events: int = 0
    batches: int = 0
    errors: List[EventwireError] = field(default_factory=list)
    seconds: dict = field(default_factory=dict)  # stage -> seconds: pipeline, stories, store

    @property
    def all_failed(self) -> bool:
        """True when there were errors and nothing was added or already stored: the CLI exits 1."""
        return bool(self.errors) and self.added + self.duplicates == 0

    def to_dict(self) -> dict:
        return {"read": self.read, "added": self.added, "duplicates": self.duplicates,
                "events": self.events, "batches": self.batches,
                "errors": [e.to_dict() for e in self.errors],
                "seconds": {k: round(v, 3) for k, v in self.seconds.items()}}


Pipeline = Callable[[List[Article]], List[DocumentResult]]


def _default_pipeline(articles: List[Article]) -> List[DocumentResult]:
    # spaCy loads only when something needs processing; stories are grouped by the store's
    # own story index (across batches), not per batch as eventwire.process does
    from .process import process_stream

    return list(process_stream(articles))


def _run_pipeline(pipeline: Pipeline, articles: List[Article]) -> tuple:
    """Results, plus an error for each article the pipeline failed on.

    A failure on the whole batch is retried article by article, so one bad article costs
    only itself.
    """
    try:
        return list(pipeline(articles)), []
    except DataFileError:
        raise  # a broken installation fails every article alike: say so once
    except Exception as exc:  # noqa: BLE001 - isolate the culprit below
        if len(articles) == 1:
            return [], [_pipeline_error(articles[0], exc)]
    results, errors = [], []
    for article in articles:
        try:
            results.extend(pipeline([article]))
        except DataFileError:
            raise
        except Exception as exc:  # noqa: BLE001
            errors.append(_pipeline_error(article, exc))
    return results, errors


def _pipeline_error(article: Article, exc: BaseException) -> ComponentError:
    return ComponentError(f"{type(exc).__name__}: {exc} (article {article.id} not stored)",
                          source=article.origin or article.id)


def ingest_paths(paths: Iterable[Union[str, os.PathLike]], store: Union[Store, str, None] = None, *,
                 encoding: Optional[str] = None, max_bytes: Optional[int] = None,
                 batch_size: int = BATCH_SIZE,
                 pipeline: Optional[Pipeline] = None,
                 on_error: Optional[Callable[[EventwireError], None]] = None,
                 on_batch: Optional[Callable[[IngestReport], None]] = None) -> IngestReport:
    """Read, process and store everything under ``paths``.

    Articles whose content-addressed id is already stored (or seen earlier in this run) are
    counted as duplicates and not processed again. Work goes in batches of ``batch_size``
    articles, each stored in one transaction, so memory stays bounded on large inputs.
    ``pipeline`` (articles -> results) defaults to :func:`eventwire.process_stream`; whatever
    stories it sets are replaced by the store's story index, which groups each batch with
    everything stored before.
    """
    import time

    from .ingest import DEFAULT_MAX_BYTES, read_paths
    from .store.grouping import StoryGrouper

    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    owned = not isinstance(store, Store)
    target: Store = open_store(store) if owned else store  # type: ignore[arg-type]
    pipeline = pipeline or _default_pipeline
    report = IngestReport()
    seen: set = set()
    pending: List[Article] = []
    grouper: List[StoryGrouper] = []  # opened at the first batch with new articles

    def timed(stage: str, started: float) -> None:
        report.seconds[stage] = report.seconds.get(stage, 0.0) + time.perf_counter() - started

    def fail(err: EventwireError) -> None:
        report.errors.append(err)
        if on_error:
            on_error(err)

    def flush() -> None:
        if not pending:
            return
        known = target.known_ids(a.id for a in pending)
        report.duplicates += len(known)
        todo = [a for a in pending if a.id not in known]
        pending.clear()
        if todo:
            started = time.perf_counter()
            results, errors = _run_pipeline(pipeline, todo)
            timed("pipeline", started)
            for err in errors:
                fail(err)
            started = time.perf_counter()
            if not grouper:
                grouper.append(StoryGrouper(target))
            restory = grouper[0].assign(results)
            state = grouper[0].state()
            timed("stories", started)
            started = time.perf_counter()
            report.added += target.add_results(results, story_state=state, restory=restory)
            timed("store", started)
            report.events += sum(len(r.events or []) for r in results)
        report.batches += 1
        if on_batch:
            on_batch(report)

    try:
        for outcome in read_paths([str(p) for p in paths], encoding=encoding,
                                  max_bytes=max_bytes or DEFAULT_MAX_BYTES):
            if isinstance(outcome, EventwireError):
                fail(outcome)
                continue
            report.read += 1
            if outcome.id in seen:
                report.duplicates += 1
                continue
            seen.add(outcome.id)
            pending.append(outcome)
            if len(pending) >= batch_size:
                flush()
        flush()
    finally:
        if owned:
            target.close()
    return report


def regroup_stories(store: Union[Store, str, None] = None, *, wait: float = 0.0) -> int:
    """Group every stored article into stories again under the batch rules, as one
    ``eventwire extract`` over all of them would, and recompute the canonical events of the
    stories that changed; returns how many articles moved. Ingesting article by article
    files each into the best story at once and never merges two stories later: run this
    after many small ingests (docs/stories.md)."""
    from .store.duckdb import require_store
    from .store.grouping import StoryGrouper

    owned = not isinstance(store, Store)
    if owned:
        require_store(str(store) if store is not None else default_store_path())
    target: Store = open_store(store, wait=wait) if owned else store  # type: ignore[arg-type]
    try:
        grouper = StoryGrouper(target)
        changes = grouper.rebuild()
        target.add_results([], story_state=grouper.state(), restory=changes)
        return len(changes)
    finally:
        if owned:
            target.close()


def demo_corpus_paths() -> List[Path]:
    """The files of the bundled demo corpus (any supported format; its README is not an article)."""
    from .resources import DATA_DIR

    folder = DATA_DIR / "demo"
    files = sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith(".")
                   and not p.name.upper().startswith(("README", "LICENSE")))
    if not files:
        raise StoreError(f"the demo corpus is missing from {folder}; reinstall eventwire")
    return files


def events_to_geojson(rows: Sequence[dict]) -> dict:
    """A GeoJSON FeatureCollection of the events that have a place with coordinates."""
    features = []
    for row in rows:
        lat, lon = row.get("place_lat"), row.get("place_lon")
        if lat is None or lon is None:
            continue
        features.append({"type": "Feature", "id": row.get("id"),
                         "geometry": {"type": "Point", "coordinates": [lon, lat]},
                         "properties": clean_row(row)})
    return {"type": "FeatureCollection", "features": features}
