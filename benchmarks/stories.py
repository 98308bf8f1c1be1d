"""Cost of filing one article into a story index versus regrouping everything.

    .venv/bin/python benchmarks/stories.py                      # ../shared/data/polnear/docs.jsonl
    .venv/bin/python benchmarks/stories.py --docs FILE.jsonl --last 50

Only the fuse stage runs (reprints + stories on ingested articles), so the numbers are the
fuse stage's own. Steps:

1. regroup all: ``group_stories`` over every document (what a batch run does);
2. incremental: an index is built over all but the last ``--last`` documents (in file order),
   then each of those is filed with ``StoryIndex.add``; the mean and worst time per add are
   reported, with the share of it spent on features and the MinHash fingerprint;
3. persistence: ``to_state`` -> JSON -> ``from_state`` time and the state's size.
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


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", default=str(ROOT.parent / "shared" / "data" / "polnear" / "docs.jsonl"))
    ap.add_argument("--last", type=int, default=50, help="how many articles to file one by one")
    args = ap.parse_args(argv)
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
    print(f"add one (into {len(head)}+): mean {mean_ms:.2f} ms wall, {mean_cpu:.2f} ms CPU, median "
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
