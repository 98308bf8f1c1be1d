"""Cost of filing one article into a story index versus regrouping everything; ECB+ scores.

    .venv/bin/python benchmarks/stories.py                      # ../shared/data/polnear/docs.jsonl
    .venv/bin/python benchmarks/stories.py --docs FILE.jsonl --last 50
    .venv/bin/python benchmarks/stories.py --ecbplus            # story B-cubed on the open splits
    .venv/bin/python benchmarks/stories.py --ecbplus --store-batches 50   # the store's path + regroup

Only the fuse stage runs (reprints + stories on ingested articles), so the numbers are the
fuse stage's own. Steps:

1. regroup all: ``group_stories`` over every document (what a batch run does);
2. incremental: an index is built over all but the last ``--last`` documents (in file order),
   then each of those is filed with ``StoryIndex.add``; the mean and worst time per add are
   reported, with the share of it spent on features and the MinHash fingerprint;
3. persistence: ``to_state`` -> JSON -> ``from_state`` time and the state's size.

``--ecbplus`` groups the open ECB+ documents (fuse stage only) three ways -- all in one batch,
the train topics alone, the dev topics alone -- and prints story B-cubed P/R/F1 (gold =
subtopic) with ``../shared/eval/score.py``; ``--settings JSON`` overrides keys of
``data/fuse/stories.json`` (tune on train, check on dev: see docs/stories.md).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from eventwire.fuse.reprints import fingerprint  # noqa: E402
from eventwire.fuse.stories import StoryIndex, extract_features, group_stories  # noqa: E402
from eventwire.ingest import enrich, record_to_article  # noqa: E402
from eventwire.models import DocumentResult  # noqa: E402


def machine() -> str:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs ({model}), "
            f"Python {platform.python_version()}, load average {load:.1f}")


def load(path: Path) -> list:
    out = []
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.strip():
                art = enrich(record_to_article(json.loads(line), f"{path}:{n}"))
                out.append(DocumentResult(id=art.id, article=art))
    return out


def ecbplus(settings: dict) -> int:
    found = _ecbplus()
    if found is None:
        return 0
    docs_path, gold, scorer = found
    results = load(docs_path)
    for name, keep in (("all open", lambda g: True), ("train", lambda g: g["split"] == "train"),
                       ("dev", lambda g: g["split"] == "dev")):
        batch = [r for r in results if r.article.external_id in gold and keep(gold[r.article.external_id])]
        c = time.process_time()
        index = group_stories(batch, settings)
        cpu = time.process_time() - c
        key = {r.article.external_id: gold[r.article.external_id]["subtopic"] for r in batch}
        response = {r.article.external_id: index.story_of(r.id) for r in batch}
        b3 = scorer.b_cubed(key, response)
        print(f"{name:8s} {len(batch):4d} docs  story B3 P {b3['p']:.4f} R {b3['r']:.4f} F1 {b3['f1']:.4f}  "
              f"({len(set(response.values()))} stories, {len(set(key.values()))} gold; {cpu:.2f} s CPU)")
    return 0


def ecbplus_store(batch_size: int) -> int:
    """The open ECB+ articles ingested into a new store ``batch_size`` at a time (the real
    pipeline, ``eventwire.api.ingest_paths``), story B-cubed of the stored stories, then after
    ``regroup_stories`` (what ``eventwire regroup`` does), then a second regroup's moves."""
    import tempfile

    from eventwire.api import ingest_paths, open_store, regroup_stories

    found = _ecbplus()
    if found is None:
        return 0
    docs_path, gold, scorer = found

    def b3(db) -> str:
        with open_store(db, read_only=True) as store:
            rows = store.con.execute("SELECT external_id, COALESCE(story, id) FROM articles").fetchall()
        key = {x: gold[x]["subtopic"] for x, _s in rows if x in gold}
        got = scorer.b_cubed(key, {x: story for x, story in rows if x in gold})
        return f"story B3 P {got['p']:.4f} R {got['r']:.4f} F1 {got['f1']:.4f} ({len({s for _x, s in rows})} stories)"

    with tempfile.TemporaryDirectory() as folder:
        db = str(Path(folder) / "ecbplus.duckdb")
        t = time.perf_counter()
        report = ingest_paths([docs_path], db, batch_size=batch_size)
        print(f"ingested {report.added} articles in batches of {batch_size} ({time.perf_counter() - t:.0f} s): {b3(db)}")
        c = time.process_time()
        moved = regroup_stories(db)
        print(f"regroup_stories: {moved} moved ({time.process_time() - c:.1f} s CPU): {b3(db)}")
        print(f"regroup_stories again: {regroup_stories(db)} moved")
    return 0


def _ecbplus():
    """(docs path, gold by id, the shared scorer module) of the open ECB+ set, or None (with a
    message) where ../shared is absent."""
    import importlib.util

    shared = ROOT.parent / "shared"
    docs_path, gold_path = shared / "data" / "ecbplus" / "docs.jsonl", shared / "data" / "ecbplus" / "gold.jsonl"
    if not docs_path.exists():
        print(f"skip: {docs_path} is absent", file=sys.stderr)
        return None
    spec = importlib.util.spec_from_file_location("ew_score", shared / "eval" / "score.py")
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    gold = {g["id"]: g for g in map(json.loads, gold_path.read_text().splitlines())}
    return docs_path, gold, scorer


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", default=str(ROOT.parent / "shared" / "data" / "polnear" / "docs.jsonl"))
    ap.add_argument("--last", type=int, default=50, help="how many articles to file one by one")
    ap.add_argument("--ecbplus", action="store_true", help="score story grouping on the open ECB+ splits")
    ap.add_argument("--settings", default="{}", help="JSON overriding data/fuse/stories.json (with --ecbplus)")
    ap.add_argument("--store-batches", type=int, metavar="N",
                    help="with --ecbplus: ingest into a store N articles at a time, score, regroup, score")
    args = ap.parse_args(argv)
    if args.ecbplus and args.store_batches:
        return ecbplus_store(args.store_batches)
    if args.ecbplus:
        return ecbplus(json.loads(args.settings))
    path = Path(args.docs)
    if not path.exists():
        print(f"skip: {path} is absent", file=sys.stderr)
        return 0
    results = load(path)
    n = len(results)
    words = sum(len(r.article.text.split()) for r in results) / n
    print(f"machine: {machine()}")
    print(f"documents: {n} from {path} (mean {words:.0f} words)")

    t0, c0 = time.perf_counter(), time.process_time()
    batch = group_stories(results)
    regroup_s, regroup_cpu = time.perf_counter() - t0, time.process_time() - c0
    print(f"regroup all {n}: {regroup_s:.2f} s wall, {regroup_cpu:.2f} s CPU "
          f"({1000 * regroup_cpu / n:.1f} ms CPU/article), {len(batch.story_members())} stories")

    head, tail = results[: n - args.last], results[n - args.last:]
    index = group_stories(head)
    # a batch leaves the story centroids to be summed on first use: a one-off, timed apart
    c = time.process_time()
    index.materialize()
    print(f"first use after the batch (sum the centroids of {len(head)}): "
          f"{1000 * (time.process_time() - c):.0f} ms CPU, once")
    times, cpu_ms, feature_ms, print_ms = [], [], [], []
    for r in tail:
        t = time.perf_counter()
        extract_features(r.article, r)
        feature_ms.append(1000 * (time.perf_counter() - t))
        t = time.perf_counter()
        fingerprint(r.article)
        print_ms.append(1000 * (time.perf_counter() - t))
        t, c = time.perf_counter(), time.process_time()
        index.add(r)
        times.append(1000 * (time.perf_counter() - t))
        cpu_ms.append(1000 * (time.process_time() - c))
    mean_ms, mean_cpu = statistics.mean(times), statistics.mean(cpu_ms)
    print(f"add one (into {len(head)}+): mean {mean_ms:.2f} ms wall, {mean_cpu:.2f} ms CPU "
          f"(median {statistics.median(cpu_ms):.2f}), wall median "
          f"{statistics.median(times):.2f} ms, max {max(times):.2f} ms; of which features "
          f"{statistics.mean(feature_ms):.2f} ms, MinHash {statistics.mean(print_ms):.2f} ms (wall)")
    print(f"regroup all / add one (CPU): {1000 * regroup_cpu / mean_cpu:.0f}x")

    t = time.perf_counter()
    state = json.dumps(index.to_state())
    dump_s = time.perf_counter() - t
    t = time.perf_counter()
    StoryIndex.from_state(json.loads(state))
    load_s = time.perf_counter() - t
    print(f"state: {len(state) / 1e6:.1f} MB JSON, save {dump_s:.2f} s, restore {load_s:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
