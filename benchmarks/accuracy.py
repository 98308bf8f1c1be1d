"""Score eventwire on the open gold sets in ../shared/data with ../shared/eval/score.py.

    .venv/bin/python benchmarks/accuracy.py plover re3d        # some sets
    .venv/bin/python benchmarks/accuracy.py all                # every set
    .venv/bin/python benchmarks/accuracy.py meantime --show value

Predictions are written by the real command, ``eventwire extract DOCS --format jsonl``,
to ``out/pred-NAME.jsonl``; the scorer's JSON goes to ``out/score-NAME.json``. Sets that
are absent (a clone without ../shared) are skipped with a message.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SETS = ["plover", "polnear", "re3d", "geowebnews", "meantime", "ecbplus"]


def score(name: str, out_dir: Path) -> dict | None:
    gold = SHARED / "data" / name
    scorer = SHARED / "eval" / "score.py"
    if not (gold / "docs.jsonl").exists() or not scorer.exists():
        print(f"skip {name}: {gold} or {scorer} is absent", file=sys.stderr)
        return None
    pred = out_dir / f"pred-{name}.jsonl"
    exe = Path(sys.executable).parent / "eventwire"
    t0 = time.perf_counter()
    with pred.open("w") as f:
        subprocess.run([str(exe), "extract", str(gold / "docs.jsonl"), "--format", "jsonl"],
                       stdout=f, check=True)
    seconds = time.perf_counter() - t0
    res = subprocess.run([sys.executable, str(scorer), name, str(gold), str(pred), "--json"],
                         capture_output=True, text=True, check=True)
    result = json.loads(res.stdout)
    result["extract_seconds"] = round(seconds, 2)
    (out_dir / f"score-{name}.json").write_text(json.dumps(result, indent=2))
    return result


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("sets", nargs="+", help=f"'all' or some of: {', '.join(SETS)}")
    ap.add_argument("--out", default=str(ROOT / "out"), help="where predictions and scores go")
    args = ap.parse_args(argv)
    names = SETS if "all" in args.sets else args.sets
    out_dir = Path(args.out)
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in names:
        result = score(name, out_dir)
        if result is not None:
            print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
