"""Score eventwire on the open gold sets in ../shared/data with ../shared/eval/score.py.

    .venv/bin/python benchmarks/accuracy.py plover re3d        # some sets
    .venv/bin/python benchmarks/accuracy.py all                # every set
    .venv/bin/python benchmarks/accuracy.py meantime --show value

Predictions are written by the real command, ``eventwire extract DOCS --format jsonl``,
to ``out/pred-NAME.jsonl``; the scorer's JSON goes to ``out/score-NAME.json``. Sets that
are absent (a clone without ../shared) are skipped with a message. For PLOVER the result also
holds ``eventwire_extra``: mode accuracy and casualty counts, which the shared scorer does not
read (``plover_extra``).
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
    if name == "plover":
        result["eventwire_extra"] = plover_extra(gold, pred)
    result["extract_seconds"] = round(seconds, 2)
    (out_dir / f"score-{name}.json").write_text(json.dumps(result, indent=2))
    return result


def plover_extra(gold_dir: Path, pred: Path) -> dict:
    """What PLOVER's gold holds beyond the shared scorer's fields, scored on the sentence's
    most confident event (the scorer's top-1): its ``mode`` where the type is right and the
    gold names one (FIGHT counts as ASSAULT, as the scorer folds it), and the casualty counts
    (``dead``, ``injured``) where the gold gives them: right when one of the event's
    quantities with role killed / injured has that value. Our own measure, not the shared
    scorer's."""
    gold = [json.loads(line) for line in (gold_dir / "gold.jsonl").open(encoding="utf-8")]
    predicted = {}
    for line in pred.open(encoding="utf-8"):
        doc = json.loads(line)
        events = doc.get("events") or []
        predicted[doc["id"]] = max(events, key=lambda e: e.get("confidence", 0)) if events else None
    modes = [0, 0]
    counts = {"dead": [0, 0], "injured": [0, 0]}
    roles = {"dead": "killed", "injured": "injured"}
    for g in gold:
        top = predicted.get(g["id"])
        if g.get("mode") and top is not None and top["type"] == ("ASSAULT" if g["event"] == "FIGHT" else g["event"]):
            modes[0] += top.get("mode") == g["mode"]
            modes[1] += 1
        for key, role in roles.items():
            if g.get(key):
                counts[key][1] += 1
                values = {q.get("value") for q in (top or {}).get("quantities", []) if q.get("role") == role}
                counts[key][0] += float(g[key]) in values
    return {"mode_accuracy_where_type_right": {"right": modes[0], "of": modes[1],
                                               "accuracy": round(modes[0] / modes[1], 4) if modes[1] else None},
            **{f"{key}_count_right": {"right": r, "of": n} for key, (r, n) in counts.items()}}


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
