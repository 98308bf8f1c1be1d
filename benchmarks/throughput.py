"""Throughput and peak memory of ``eventwire extract`` and ``eventwire ingest``.

    .venv/bin/python benchmarks/throughput.py                      # both commands, JSON on stdout
    .venv/bin/python benchmarks/throughput.py --components         # + where the time goes, per pipe
    .venv/bin/python benchmarks/throughput.py --components --write-docs   # also rewrite docs/performance.md
    .venv/bin/python benchmarks/throughput.py --only extract --limit 200
    .venv/bin/python benchmarks/throughput.py --only extract --repeat 9   # median of nine runs + spread
    .venv/bin/python benchmarks/throughput.py --only extract --repeat 5 --against ../old   # speed-up over a checkout
    .venv/bin/python benchmarks/throughput.py --render report.json --note "..."  # page from a saved run

The corpus is ``../shared/data/polnear/docs.jsonl`` (924 real news articles) unless ``--docs``
names another JSONL file; without it the benchmark says so and exits 0. The real commands
run as subprocesses, one at a time: wall time is measured around the subprocess, peak memory
is the child's maximum resident set size (``ru_maxrss`` from ``wait4``, the same figure that
``getrusage(RUSAGE_CHILDREN)`` gives for one child). A run over one document measures the
fixed start-up cost (imports, building the pipeline, loading lexicons), so the steady rate
can be told apart from it. Tokens are counted with the pipeline's own tokenizer, outside
the timed runs.

``--components`` times, in this process, reading the file, tokenizing, every spaCy pipe of
``eventwire.nlp.pipeline.build_pipeline()`` in pipeline order, and turning Docs into output
JSON, over the same documents, after a warm-up that loads the lexicons.
"""
from __future__ import annotations

import argparse
import importlib
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DOCS = ROOT.parent / "shared" / "data" / "polnear" / "docs.jsonl"
DOCS_PAGE = ROOT / "docs" / "performance.md"
TARGET_DOCS_PER_S = 50  # the project's floor for the whole pipeline in one process


# ---------------------------------------------------------------- the machine
def machine() -> dict:
    info = {"python": platform.python_version(), "platform": platform.platform(),
            "cores": os.cpu_count()}
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
    except OSError:
        info["cpu"] = platform.processor() or "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                info["ram_gb"] = round(int(line.split()[1]) / 1024 / 1024, 1)
                break
    except OSError:
        pass
    try:
        import spacy
        info["spacy"] = spacy.__version__
    except ImportError:  # pragma: no cover
        pass
    return info


def load_average() -> list | None:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:  # pragma: no cover - not on every platform
        return None


# ---------------------------------------------------------------- corpus statistics
def corpus_stats(docs: Path, limit: int | None) -> dict:
    """Documents, characters, words and tokens (the pipeline's tokenizer), not timed."""
    from eventwire.nlp.pipeline import build_pipeline

    tokenizer = build_pipeline([]).tokenizer  # the blank English tokenizer every pipe runs after
    n = chars = words = tokens = 0
    for text in _texts(docs, limit):
        n += 1
        chars += len(text)
        words += len(text.split())
        tokens += len(tokenizer(text))
    return {"documents": n, "characters": chars, "words": words, "tokens": tokens,
            "words_per_doc": round(words / n) if n else 0}


def _texts(docs: Path, limit: int | None):
    with docs.open(encoding="utf-8") as f:
        for i, line in enumerate(f):
            if limit is not None and i >= limit:
                break
            if line.strip():
                yield json.loads(line)["text"]


def subset(docs: Path, limit: int | None, workdir: Path) -> Path:
    if limit is None:
        return docs
    out = workdir / f"docs-{limit}.jsonl"
    with docs.open(encoding="utf-8") as src, out.open("w", encoding="utf-8") as dst:
        for i, line in enumerate(src):
            if i >= limit:
                break
            dst.write(line)
    return out


# ---------------------------------------------------------------- subprocess runs
def eventwire_exe() -> str | None:
    beside = Path(sys.executable).parent / "eventwire"
    return str(beside) if beside.exists() else shutil.which("eventwire")


def has_command(exe: str, name: str) -> bool:
    res = subprocess.run([exe, name, "--help"], capture_output=True, text=True)
    return res.returncode == 0


def child_env(env: dict | None = None) -> dict:
    """The environment of a measured run: as an installed eventwire runs, with its modules'
    bytecode cached (a shell with PYTHONDONTWRITEBYTECODE set would recompile ~45 modules on
    every start, ~0.2 s CPU that no user pays)."""
    env = dict(os.environ if env is None else env)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def precompile(*roots: Path) -> None:
    """Write the bytecode caches of the measured source trees once, before any timed run."""
    import compileall

    for root in roots:
        compileall.compile_dir(str(root / "src"), quiet=1)


def run_measured(cmd: list, stdout_path: Path, env: dict | None = None) -> dict:
    """Run ``cmd``; wall seconds, the child's peak RSS, exit status and the tail of stderr."""
    env = child_env(env)
    err_path = stdout_path.with_suffix(".stderr")
    with stdout_path.open("wb") as out, err_path.open("wb") as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, cwd=ROOT, env=env)
        _pid, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    stderr = err_path.read_text(encoding="utf-8", errors="replace")
    return {"wall_s": round(wall, 3), "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
            "cpu_user_s": round(usage.ru_utime, 2), "cpu_sys_s": round(usage.ru_stime, 2),
            "exit": proc.returncode, "stderr_tail": stderr.strip().splitlines()[-3:]}


def rates(run: dict, stats: dict, startup_s: float | None) -> dict:
    wall = run["wall_s"]
    out = dict(run)
    if wall > 0:
        out["articles_per_s"] = round(stats["documents"] / wall, 2)
        out["tokens_per_s"] = round(stats["tokens"] / wall)
    cpu = run["cpu_user_s"] + run["cpu_sys_s"]
    if cpu > 0:
        # CPU seconds of the child: what the rate would be with a core to itself
        out["articles_per_cpu_s"] = round(stats["documents"] / cpu, 2)
    if startup_s is not None and wall > startup_s:
        # the rate once the process is up: what a long-running ingest sees
        out["steady_articles_per_s"] = round(stats["documents"] / (wall - startup_s), 2)
    return out


def bench_extract(exe: str, docs: Path, stats: dict, tiny: Path, workdir: Path, repeat: int = 1) -> dict:
    """``repeat`` runs, start-up and whole corpus alternating; the figures are the median run's.

    One run is a draw on a shared host (its speed drifts by tens of percent from minute to
    minute at the same load), so the spread of the runs is kept beside the median."""
    runs, startups = [], []
    for _ in range(max(1, repeat)):
        startups.append(run_measured([exe, "extract", str(tiny), "--format", "jsonl"], workdir / "startup.jsonl"))
        runs.append(run_measured([exe, "extract", str(docs), "--format", "jsonl"], workdir / "extract.jsonl"))
    run = sorted(runs, key=lambda r: r["wall_s"])[len(runs) // 2]
    startup = sorted(startups, key=lambda r: r["wall_s"])[len(startups) // 2]
    with (workdir / "extract.jsonl").open("rb") as f:
        run["documents_out"] = sum(1 for line in f if line.strip())
    result = rates(run, stats, startup["wall_s"] if startup["exit"] == 0 else None)
    result["startup_s"] = startup["wall_s"]
    result["startup_peak_rss_mb"] = startup["peak_rss_mb"]
    if len(runs) > 1:
        per_s = sorted(round(stats["documents"] / r["wall_s"], 2) for r in runs if r["wall_s"] > 0)
        result["runs"] = {"n": len(runs), "articles_per_s": per_s, "wall_s": [r["wall_s"] for r in runs],
                          "startup_s": sorted(s["wall_s"] for s in startups)}
    return result


def bench_against(exe: str, docs: Path, stats: dict, workdir: Path, other: Path, repeat: int) -> dict:
    """This checkout's ``extract`` and another's (its ``src/`` first on PYTHONPATH, same venv),
    run in alternation over the same documents: on a host whose speed drifts from minute to
    minute, the ratio of back-to-back runs is the figure that survives the drift."""
    def env_for(root: Path) -> dict:
        return {**os.environ, "PYTHONPATH": str(root / "src")}

    ours, theirs, ratios = [], [], []
    for k in range(max(1, repeat)):
        pair = {}
        # alternate which one goes first, so neither always runs on a warmer host
        for who, root in ((("ours", ROOT), ("theirs", other)) if k % 2 == 0 else (("theirs", other), ("ours", ROOT))):
            pair[who] = run_measured([exe, "extract", str(docs), "--format", "jsonl"],
                                     workdir / f"against-{who}.jsonl", env=env_for(root))
        if pair["ours"]["exit"] or pair["theirs"]["exit"]:
            return {"error": "a run failed", "ours": pair["ours"], "theirs": pair["theirs"]}
        ours.append(pair["ours"]["wall_s"])
        theirs.append(pair["theirs"]["wall_s"])
        ratios.append(round(pair["theirs"]["wall_s"] / pair["ours"]["wall_s"], 3))
    same = (workdir / "against-ours.jsonl").read_bytes() == (workdir / "against-theirs.jsonl").read_bytes()
    n = stats["documents"]
    return {"checkout": str(other), "commit": git_commit(other), "runs": len(ours),
            "ours_articles_per_s": sorted(round(n / w, 2) for w in ours),
            "theirs_articles_per_s": sorted(round(n / w, 2) for w in theirs),
            "speedup_per_pair": sorted(ratios), "speedup_median": sorted(ratios)[len(ratios) // 2],
            "same_output": same}


def bench_ingest(exe: str, docs: Path, stats: dict, tiny: Path, workdir: Path) -> dict:
    startup = run_measured([exe, "ingest", str(tiny), "--db", str(workdir / "startup.duckdb")],
                           workdir / "ingest-startup.out")
    db = workdir / "bench.duckdb"
    run = run_measured([exe, "ingest", str(docs), "--db", str(db)], workdir / "ingest.out")
    result = rates(run, stats, startup["wall_s"] if startup["exit"] == 0 else None)
    result["startup_s"] = startup["wall_s"]
    result["db_mb"] = round(sum(p.stat().st_size for p in workdir.glob("bench.duckdb*")) / 2**20, 1)
    # the same batch again: content-addressed ids make it a no-op, so this is its cost
    again = run_measured([exe, "ingest", str(docs), "--db", str(db)], workdir / "ingest-again.out")
    result["reingest_wall_s"] = again["wall_s"]
    result["reingest_exit"] = again["exit"]
    return result


# ---------------------------------------------------------------- per-component timing
def bench_components(docs: Path, limit: int | None, warmup: int = 20) -> dict:
    """Seconds spent in each stage of the pipeline, in this process, over the same documents."""
    import resource

    from eventwire.errors import EventwireError
    from eventwire.ingest import read_path
    from eventwire.nlp.pipeline import build_pipeline, component_versions, make_doc
    from eventwire.process import doc_to_result

    stages: dict = {}  # name -> (wall seconds, CPU seconds of this process)
    clock = _Clock()
    outcomes = list(read_path(docs))
    articles = [a for a in outcomes if not isinstance(a, EventwireError)]
    if limit is not None:
        articles = articles[:limit]
    stages["read (ingest)"] = clock.lap()

    t0 = time.perf_counter()
    unavailable = {}
    try:
        nlp = build_pipeline()
    except Exception:  # noqa: BLE001 - a component being rebuilt must not hide the others' costs
        nlp, unavailable = _partial_pipeline()
    build_s = time.perf_counter() - t0
    # warm-up: lexicons and models some components load on first use are not per-doc costs
    # (and the cross-article stage's first-use imports and tables: scipy.sparse, LSH bands)
    t0 = time.perf_counter()
    warm_versions = component_versions(nlp)
    warm = [doc_to_result(d, warm_versions)
            for d in nlp.pipe((make_doc(nlp, a) for a in articles[:warmup]), batch_size=64)]
    try:
        from eventwire.fuse import group_batch as warm_group
    except ImportError:  # pragma: no cover - a checkout without the cross-article stage
        warm_group = None
    if warm_group is not None:
        warm_group(warm)
    del warm
    warmup_s = time.perf_counter() - t0

    # the stages run under the process settings of ``eventwire extract`` (docs/performance.md,
    # Process settings): start-up frozen, no cyclic GC during the run, so each stage's figure is
    # its own work, not the collections that happen to fall into it
    import gc

    gc.collect()
    gc.freeze()
    gc_was_enabled = gc.isenabled()
    gc.disable()
    clock.lap()
    docs_ = [make_doc(nlp, a) for a in articles]
    stages["tokenizer"] = clock.lap()
    for name, proc in nlp.pipeline:
        clock.lap()
        if hasattr(proc, "pipe"):
            docs_ = list(proc.pipe(docs_, batch_size=64))
        else:
            docs_ = [proc(d) for d in docs_]
        stages[name] = clock.lap()
    versions = component_versions(nlp)
    clock.lap()
    results = [doc_to_result(d, versions) for d in docs_]
    stages["results (doc_to_result)"] = clock.lap()
    try:
        from eventwire.fuse import group_batch
    except ImportError:  # pragma: no cover - a checkout without the cross-article stage
        group_batch = None
    if group_batch is not None:
        clock.lap()
        group_batch(results)  # what ``process`` does after the pipe: reprints and stories
        stages["fuse (reprints, stories)"] = clock.lap()
    clock.lap()
    from eventwire.models import json_line  # the writer of ``extract --format jsonl``

    for r in results:
        json_line(r.to_dict())
    stages["output (to_dict + JSON)"] = clock.lap()
    if gc_was_enabled:
        gc.enable()

    n = len(articles)
    total = sum(w for w, _c in stages.values())
    total_cpu = sum(c for _w, c in stages.values())
    return {
        "documents": n, "build_pipeline_s": round(build_s, 3), "warmup_s": round(warmup_s, 3),
        "warmup_documents": min(warmup, n),
        "stages": {k: {"s": round(w, 3), "cpu_s": round(c, 3),
                       "ms_per_doc": round(1000 * w / n, 3) if n else None,
                       "cpu_ms_per_doc": round(1000 * c / n, 3) if n else None,
                       "share": round(c / total_cpu, 3) if total_cpu else None}
                   for k, (w, c) in stages.items()},
        "total_s": round(total, 3), "total_cpu_s": round(total_cpu, 3),
        "articles_per_s": round(n / total, 2) if total else None,
        "articles_per_cpu_s": round(n / total_cpu, 2) if total_cpu else None,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "unavailable": unavailable,
    }


class _Clock:
    """Wall and CPU time since the last lap: on a shared machine CPU time is the steadier figure."""

    def __init__(self):
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def lap(self):
        wall, cpu = time.perf_counter(), time.process_time()
        out = (wall - self.wall, cpu - self.cpu)
        self.wall, self.cpu = wall, cpu
        return out


def _partial_pipeline():
    """``build_pipeline`` one component at a time, leaving out those that fail to build."""
    from eventwire.nlp.pipeline import PIPELINE, build_pipeline

    nlp = build_pipeline([])
    unavailable = {}
    for name, module in PIPELINE:
        try:
            importlib.import_module(module)
            nlp.add_pipe(name)
        except Exception as exc:  # noqa: BLE001
            unavailable[name] = f"{type(exc).__name__}: {exc}"[:300]
    return nlp, unavailable


# ---------------------------------------------------------------- docs/performance.md
KEEP_MARKER = "<!-- written by hand: throughput.py --write-docs keeps everything below this line -->"


def kept_sections(page: Path) -> str:
    """The hand-written part of an existing page (after KEEP_MARKER), so regenerating the
    measured tables never drops the notes written about them."""
    try:
        text = page.read_text(encoding="utf-8")
    except OSError:
        return ""
    at = text.find(KEEP_MARKER)
    return "\n" + text[at:] if at >= 0 else ""


def render_markdown(report: dict) -> str:
    m, s = report["machine"], report["corpus"]
    lines = [
        "# Performance",
        "",
        "Throughput and peak memory of the real commands over the PolNeAR documents",
        f"(`../shared/data/polnear/docs.jsonl`: {s['documents']} real news articles, {s['words']:,} words,",
        f"{s['tokens']:,} tokens by the pipeline's tokenizer, about {s['words_per_doc']} words each).",
        "Reproduce with:",
        "",
        "    .venv/bin/python benchmarks/throughput.py --components --write-docs",
        "",
        f"Measured {report['measured_at']} at commit `{report.get('commit', '?')}`.",
        "",
        "## Machine",
        "",
        f"- CPU: {m.get('cpu', '?')}, {m.get('cores', '?')} cores; RAM {m.get('ram_gb', '?')} GB",
        f"- Python {m['python']}, spaCy {m.get('spacy', '?')}, {m['platform']}",
        f"- load average before / after the runs: {report.get('load_before')} / {report.get('load_after')}",
        "",
    ]
    load = max((report.get("load_before") or [0])[0], (report.get("load_after") or [0])[0])
    if load > (m.get("cores") or 1):
        lines += [f"**The machine was shared while this was measured** (1-minute load {load} on "
                  f"{m.get('cores')} cores): other processes used the CPUs, so these figures are lower "
                  "bounds; on an idle machine expect higher rates. Peak memory is not affected.", ""]
    lines += ["## Commands", "",
              "| command | articles/s | tokens/s | steady articles/s | articles per CPU-s | start-up s | wall s | CPU s | peak RSS MB | status |",
              "|---|---|---|---|---|---|---|---|---|---|"]
    for name in ("extract", "ingest"):
        r = report.get(name)
        if not r:
            continue
        if r.get("skipped"):
            lines.append(f"| `eventwire {name}` | – | – | – | – | – | – | – | – | skipped: {r['skipped']} |")
            continue
        status = "ok" if r["exit"] == 0 else f"exit {r['exit']}: {' '.join(r['stderr_tail'])[:120]}"
        lines.append(f"| `eventwire {name}` | {r.get('articles_per_s', '–')} | {r.get('tokens_per_s', 0):,} | "
                     f"{r.get('steady_articles_per_s', '–')} | {r.get('articles_per_cpu_s', '–')} | "
                     f"{r.get('startup_s', '–')} | {r['wall_s']} | {round(r['cpu_user_s'] + r['cpu_sys_s'], 1)} | "
                     f"{r['peak_rss_mb']} | {status} |")
    lines += ["",
              "*articles/s* and *tokens/s* divide the whole corpus by the command's wall time, start-up",
              "included; *steady* leaves out the start-up, measured as the same command over one",
              "document (imports, building the pipeline, loading lexicons); *articles per CPU-s* divides",
              "by the child's user + system CPU time instead, which is what the rate would be with a core",
              "to itself. Peak RSS is the child process's maximum resident set size.", ""]
    spread = (report.get("extract") or {}).get("runs")
    if spread:
        rates_ = spread["articles_per_s"]
        lines += [f"`extract` ran {spread['n']} times; the row above is the median run. Articles/s of "
                  f"every run, sorted: {', '.join(str(x) for x in rates_)} (range {rates_[0]}-{rates_[-1]}); "
                  f"start-up runs: {', '.join(str(x) for x in spread['startup_s'])} s.", ""]
    ag = report.get("against")
    if ag and not ag.get("error"):
        lines += ["## Against an earlier commit", "",
                  f"`extract` of this commit and of `{ag['commit']}` run in alternation, {ag['runs']} pairs, "
                  f"same documents (`--against`): speed-up {ag['speedup_median']}x (median of the pairs; "
                  f"each pair: {', '.join(str(x) for x in ag['speedup_per_pair'])}). Articles/s, this commit: "
                  f"{', '.join(str(x) for x in ag['ours_articles_per_s'])}; `{ag['commit']}`: "
                  f"{', '.join(str(x) for x in ag['theirs_articles_per_s'])}. Outputs "
                  f"{'identical' if ag['same_output'] else 'differ (the two commits extract differently)'}.", ""]
    ing = report.get("ingest")
    if ing and not ing.get("skipped"):
        lines += [f"`ingest` wrote a {ing.get('db_mb')} MB DuckDB file; ingesting the same file again "
                  f"(a no-op, ids are content-addressed) took {ing.get('reingest_wall_s')} s.", ""]
    c = report.get("components")
    if c:
        lines += ["## Where the time goes", "",
                  f"Each stage over the same {c['documents']} documents, in one process, after a warm-up of "
                  f"{c['warmup_documents']} documents ({c['warmup_s']} s; building the pipeline took "
                  f"{c['build_pipeline_s']} s). Budget: the whole pipeline must reach {TARGET_DOCS_PER_S} "
                  f"documents/s, i.e. {1000 / TARGET_DOCS_PER_S:.0f} ms per document in total.", "",
                  "| stage | wall s | CPU s | wall ms/doc | CPU ms/doc | share of CPU |", "|---|---|---|---|---|---|"]
        for name, st in c["stages"].items():
            lines.append(f"| {name} | {st['s']} | {st['cpu_s']} | {st['ms_per_doc']} | {st['cpu_ms_per_doc']} | "
                         f"{100 * st['share']:.1f}% |")
        for name, why in (c.get("unavailable") or {}).items():
            lines.append(f"| {name} | – | – | – | – | not measured: it failed to build ({why[:100]}) |")
        n = max(c["documents"], 1)
        lines += [f"| **total** | {c['total_s']} | {c['total_cpu_s']} | {1000 * c['total_s'] / n:.2f} | "
                  f"{1000 * c['total_cpu_s'] / n:.2f} | {c['articles_per_s']} docs/s wall, "
                  f"{c['articles_per_cpu_s']} per CPU-s |", ""]
    if report.get("notes"):
        lines += ["## Notes", ""] + [f"- {n}" for n in report["notes"]] + [""]
    return "\n".join(lines)


def git_commit(checkout: Path = ROOT) -> str | None:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                              cwd=checkout, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", default=str(DEFAULT_DOCS), help="JSONL corpus (default: polnear docs)")
    ap.add_argument("--only", choices=["extract", "ingest", "none"], help="run one command only ('none': no subprocesses)")
    ap.add_argument("--limit", type=int, help="use the first N documents only")
    ap.add_argument("--repeat", type=int, default=1,
                    help="run extract N times and report the median run with the spread (default 1)")
    ap.add_argument("--against", metavar="CHECKOUT",
                    help="also time another checkout's extract (e.g. a `git worktree` of an older commit) "
                         "in alternation with this one, --repeat pairs, and report the speed-up")
    ap.add_argument("--components", action="store_true", help="also time each pipeline stage in-process")
    ap.add_argument("--write-docs", action="store_true", help=f"rewrite {DOCS_PAGE.relative_to(ROOT)}")
    ap.add_argument("--note", action="append", default=[], help="a note to add to the docs page")
    ap.add_argument("--keep", help="keep outputs (predictions, DuckDB file) in this folder")
    ap.add_argument("--render", metavar="REPORT_JSON",
                    help="measure nothing: turn a saved report (this script's stdout) into the docs page")
    args = ap.parse_args(argv)

    if args.render:
        report = json.loads(Path(args.render).read_text(encoding="utf-8"))
        report["notes"] = list(report.get("notes") or []) + args.note
        DOCS_PAGE.parent.mkdir(exist_ok=True)
        DOCS_PAGE.write_text(render_markdown(report), encoding="utf-8")
        print(f"wrote {DOCS_PAGE}", file=sys.stderr)
        return 0
    docs = Path(args.docs)
    if not docs.exists():
        print(f"skip: {docs} is absent (a clone without ../shared); nothing measured", file=sys.stderr)
        return 0
    workdir = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="ew-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        docs_used = subset(docs, args.limit, workdir)
        tiny = subset(docs, 1, workdir)
        report = {"measured_at": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "commit": git_commit(),
                  "docs": str(docs), "machine": machine(), "load_before": load_average()}
        report["corpus"] = stats = corpus_stats(docs, args.limit)
        exe = eventwire_exe()
        precompile(ROOT, *([Path(args.against).resolve()] if args.against else []))
        for name, bench in (("extract", bench_extract), ("ingest", bench_ingest)):
            if args.only and args.only != name:
                continue
            if exe is None or not has_command(exe, name):
                report[name] = {"skipped": f"`eventwire {name}` is not available"}
                print(f"skip {name}: the command is missing", file=sys.stderr)
                continue
            print(f"running eventwire {name} over {stats['documents']} documents ...", file=sys.stderr)
            extra = {"repeat": args.repeat} if name == "extract" else {}
            report[name] = bench(exe, docs_used, stats, tiny, workdir, **extra)
        if args.against and exe is not None:
            print(f"timing extract against {args.against} ...", file=sys.stderr)
            report["against"] = bench_against(exe, docs_used, stats, workdir, Path(args.against).resolve(),
                                              args.repeat)
        if args.components:
            print("timing pipeline components ...", file=sys.stderr)
            report["components"] = bench_components(docs_used, None)
        report["load_after"] = load_average()
        report["notes"] = args.note
        print(json.dumps(report, indent=2))
        if args.write_docs:
            DOCS_PAGE.parent.mkdir(exist_ok=True)
            DOCS_PAGE.write_text(render_markdown(report) + kept_sections(DOCS_PAGE), encoding="utf-8")
            print(f"wrote {DOCS_PAGE}", file=sys.stderr)
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    failed = [n for n in ("extract", "ingest") if report.get(n, {}).get("exit", 0) != 0]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
