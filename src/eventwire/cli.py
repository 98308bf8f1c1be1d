"""The ``eventwire`` command: a thin layer over the Python API."""
from __future__ import annotations

import json
import os
import sys

# numpy's BLAS would start a worker thread that busy-waits on the second core; the pipeline's
# arrays are far too small to gain from it (set before anything imports numpy)
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import click  # noqa: E402

from . import __version__


def _emit_error(err) -> None:
    click.echo(f"error: {err}", err=True)


def _fail(err) -> None:
    _emit_error(err)
    sys.exit(1)


def _guarded(func):
    """Turn eventwire errors into one clear line and exit status 1."""
    import functools

    from .errors import EventwireError

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except EventwireError as err:
            _fail(err)
    return wrapper


@click.group()
@click.version_option(__version__, prog_name="eventwire")
def main():
    """Turn news articles into source-attributed events."""


MAX_BYTES_OPTION = click.option("--max-bytes", type=int, default=None, metavar="N",
                                help="Refuse single inputs (a file, or one JSONL record) larger than N bytes "
                                     "(default 64 MiB).")


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json"]), default="jsonl", show_default=True)
@click.option("--encoding", default=None, help="Decode text inputs with this encoding instead of UTF-8.")
@MAX_BYTES_OPTION
@_guarded
def extract(paths, fmt, encoding, max_bytes):
    """Process PATHS without storing; print one JSON object per document."""
    import gc

    from . import extract_paths
    from .nlp.pipeline import get_pipeline

    # The command owns the process (docs/performance.md, Process settings): start-up runs with
    # rare young-generation collections; what it built (spaCy, lexicons, the pipeline) is then
    # frozen, out of every later collection, and the run and the output go without the cyclic
    # GC: a processed Doc is freed by reference counting (process_stream), so the collections
    # only ever walked the results held for the batch. What is alive at the end is frozen too
    # (it is freed by reference counting; the pipeline is cached for the process's life), which
    # spares the full collection Python runs at exit. Thresholds and enabling are restored.
    thresholds, enabled = gc.get_threshold(), gc.isenabled()
    gc.set_threshold(10_000, 10, 10)
    errors = []
    try:
        get_pipeline()
        gc.freeze()
        gc.disable()
        results = extract_paths(paths, encoding=encoding, max_bytes=max_bytes,
                                on_error=lambda e: (errors.append(e), _emit_error(e)))
        _write_results(results, fmt)
    finally:
        gc.freeze()
        if enabled:
            gc.enable()
        gc.set_threshold(*thresholds)
    if errors and not results:
        sys.exit(1)


def _write_results(results, fmt: str) -> None:
    out = sys.stdout
    if fmt == "json":
        json.dump([r.to_dict() for r in results], out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    from .models import json_line

    buf = getattr(out, "buffer", None)
    out.flush()
    for r in results:
        line = json_line(r.to_dict())
        if buf is not None:
            buf.write(line)
        else:
            out.write(line.decode("utf-8"))
    if buf is not None:
        buf.flush()


# ---------------------------------------------------------------------------- store commands
# Every command below is a few lines over eventwire.api; errors from the API are printed as
# "error: [EWxxx] source: message" on stderr and exit 1.
TABLE_LIMIT = 50
DB_OPTION = click.option("--db", "db", default=None, metavar="PATH",
                         help="Store file (default: $EVENTWIRE_DB or ./eventwire.duckdb).")
WAIT_OPTION = click.option("--wait", type=float, default=0.0, show_default=True, metavar="SECONDS",
                           help="Keep retrying this long while another process holds the store.")


def _ingest_and_report(paths, store, encoding=None, max_bytes=None):
    from .api import ingest_paths

    def progress(report):
        if report.batches > 1 or report.read >= 200:
            click.echo(f"... {report.read} articles read, {report.added} added", err=True)

    report = ingest_paths(paths, store, encoding=encoding, max_bytes=max_bytes, on_error=_emit_error,
                          on_batch=progress)
    errors = len(report.errors)
    click.echo(f"read {report.read} article{'s' * (report.read != 1)}: {report.added} added, "
               f"{report.duplicates} already stored, {report.events} event mentions, "
               f"{errors} error{'s' * (errors != 1)} (store: {store.path})")
    return report


@main.command()
@click.argument("paths", nargs=-1, required=True)
@DB_OPTION
@click.option("--encoding", default=None, help="Decode text inputs with this encoding instead of UTF-8.")
@MAX_BYTES_OPTION
@WAIT_OPTION
@_guarded
def ingest(paths, db, encoding, max_bytes, wait):
    """Read, process and store the articles in PATHS (files or folders).

    Articles already in the store are skipped. Bad inputs are reported and the rest goes on;
    the exit status is 1 only when every input failed.
    """
    import gc

    from .api import open_store

    # As in ``extract``: rare full collections, which otherwise walk the lexicons and the
    # batch's results again and again; restored afterwards for in-process callers
    thresholds = gc.get_threshold()
    gc.set_threshold(10_000, 10, 10)
    try:
        with open_store(db, wait=wait) as store:
            report = _ingest_and_report(paths, store, encoding, max_bytes)
    finally:
        gc.set_threshold(*thresholds)
    if report.all_failed:
        sys.exit(1)


def _cell(value, width: int) -> str:
    if value is None:
        text = ""
    elif isinstance(value, (list, tuple)):
        text = " > ".join(str(v) for v in value)
    else:
        text = " ".join(str(value).split())
    if len(text) > width:
        text = text[: max(0, width - 1)] + "\u2026"
    return text.ljust(width)


def _table(rows) -> str:
    import shutil

    def who(row, role):
        return row.get(f"{role}_name") or row.get(f"{role}_text")

    columns = [
        ("WHEN", 10, lambda r: _when(r.get("when"), short=True)),
        ("TYPE", 16, lambda r: r["type"] + (f"/{r['mode']}" if r.get("mode") else "")),
        ("ACTOR", 18, lambda r: who(r, "actor")),
        ("RECIPIENT", 18, lambda r: who(r, "recipient")),
        ("PLACE", 14, lambda r: r.get("place_name") or r.get("place_text")),
        ("CLAIMANT", 18, lambda r: who(r, "claimant")),
        ("MODALITY", 9, lambda r: r.get("modality")),
        # independent sources and articles behind the event (for a mention: behind its event)
        ("SRC", 3, lambda r: r.get("n_sources")),
        ("ART", 3, lambda r: r.get("n_articles")),
        ("CONTESTED", 9, lambda r: "yes" if r.get("contested") else ""),
    ]
    used = sum(width + 2 for _, width, _ in columns)
    evidence = max(30, shutil.get_terminal_size((220, 24)).columns - used)
    columns.append(("EVIDENCE", evidence, lambda r: r.get("evidence_text")))
    lines = ["  ".join(_cell(name, width) for name, width, _ in columns).rstrip()]
    for row in rows:
        lines.append("  ".join(_cell(get(row), width) for _, width, get in columns).rstrip())
    return "\n".join(lines)


def _csv_value(value):
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


@main.command()
@DB_OPTION
@click.option("--type", "types", multiple=True, metavar="TYPE",
              help="PLOVER type (repeat or comma-separate for several).")
@click.option("--actor", help="Actor text or canonical name contains this.")
@click.option("--recipient", help="Recipient text or canonical name contains this.")
@click.option("--country", help="ISO code or country name of the actor, recipient or place.")
@click.option("--place", help="Place text or resolved name contains this.")
@click.option("--since", metavar="DATE", help="On or after YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option("--until", metavar="DATE", help="On or before YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option("--claimant", help="Who says so (claimant or anyone in the claimant chain) contains this.")
@click.option("--text", help="The evidence sentence contains this.")
@click.option("--modality", help="asserted, claimed, denied, planned or hypothetical "
                                 "(for an event: any of its versions).")
@click.option("--contested", is_flag=True, help="Only events whose sources disagree (numbers, a denial).")
@click.option("--mentions", is_flag=True, help="Raw event mentions (one per article and sentence) "
                                               "instead of canonical events.")
@click.option("--limit", type=int, default=None,
              help=f"At most this many events (default {TABLE_LIMIT} for table, all otherwise; 0 = all).")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv", "geojson"]),
              default="table", show_default=True)
@WAIT_OPTION
@_guarded
def events(db, types, actor, recipient, country, place, since, until, claimant, text, modality,
           contested, mentions, limit, fmt, wait):
    """Query stored events: one row per real-world event across articles (canonical events),
    or per mention with --mentions. Dates are the event's own date, else the article's."""
    from .api import events_to_geojson, open_store
    from .store import EventFilter
    from .store.rows import clean_row

    if limit is None:
        limit = TABLE_LIMIT if fmt == "table" else 0
    flt = EventFilter.from_kwargs(type=list(types), actor=actor, recipient=recipient, country=country,
                                  place=place, since=since, until=until, claimant=claimant,
                                  text=text, modality=modality, contested=contested or None,
                                  mentions=mentions, limit=limit or None)
    with open_store(db, read_only=True, wait=wait) as store:
        rows = store.query_events(flt)
        total = store.count_events(flt) if limit and len(rows) == limit else len(rows)
        columns = store.event_columns()
    out = sys.stdout
    if fmt == "table":
        click.echo(_table(rows))
        shown = f"{len(rows)} of {total}" if total > len(rows) else str(len(rows))
        hint = "; use --limit 0 for all" if total > len(rows) else ""
        noun = "mention" if mentions else "event"
        click.echo(f"{shown} {noun}{'s' * (total != 1)}{hint}", err=True)
    elif fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(clean_row(row), ensure_ascii=False) + "\n")
    elif fmt == "csv":
        import csv

        writer = csv.writer(out)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_csv_value(row.get(c)) for c in columns])
    else:
        json.dump(events_to_geojson(rows), out, ensure_ascii=False)
        out.write("\n")


@main.command()
@click.argument("path")
@DB_OPTION
@click.option("--what", type=click.Choice(["events", "articles", "mentions", "versions"]), default="events",
              show_default=True, help="events: canonical events; articles: articles with text; "
                                      "mentions: raw event mention rows (with their event_id); "
                                      "versions: each source's account of each event.")
@WAIT_OPTION
@_guarded
def export(path, db, what, wait):
    """Write stored events, articles, mentions or versions to a Parquet file at PATH."""
    from .api import open_store

    with open_store(db, read_only=True, wait=wait) as store:
        count = store.export_parquet(path, what=what)
    click.echo(f"wrote {count} {what if count != 1 else what.rstrip('s')} to {path}")


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' * (n != 1)}"


_PARTS_OF_DAY = {"TMO": "morning", "TAF": "afternoon", "TEV": "evening", "TNI": "night", "TDT": "daytime"}


def _when(value, short: bool = False):
    """A TIMEX3 value for reading: '2026-09-30TNI' (TimeML's 'night') is '2026-09-30 night',
    '2026-09-30T14:00' '2026-09-30 14:00'; ``short`` keeps the day alone (a 10-wide column)."""
    if not value or len(value) <= 10 or value[10] != "T" or not value[:4].isdigit():
        return value
    day, part = value[:10], value[11:]
    if short:
        return day
    return f"{day} {_PARTS_OF_DAY.get('T' + part, part)}"


def _numbers(numbers: dict) -> str:
    return ", ".join(f"{role} {int(v) if float(v).is_integer() else v}" for role, v in sorted(numbers.items()))


def _print_contested(events) -> None:
    echo = click.echo
    echo("\nContested events (sources disagree):")
    for ev in events:
        actor = ev.get("actor_name") or ev.get("actor_text") or "?"
        place = ev.get("place_name") or ev.get("place_text")
        echo(f"  {_when(ev.get('when')) or '(undated)'}  {ev['type']}" + (f"/{ev['mode']}" if ev.get("mode") else "")
             + f"  {actor}" + (f"  in {place}" if place else "")
             + f"  ({_plural(ev['n_articles'], 'article')}, {_plural(ev['n_sources'], 'independent source')})")
        shown = set()
        for conflict in sorted(ev["conflicts"], key=lambda c: c.get("kind") != "numbers"):
            if conflict.get("kind") == "numbers":
                values = "; ".join(f"{value} per {', '.join(who)}" for value, who in conflict["values"].items())
                line = f"      {conflict['role']}: {values}"
            else:
                line = f"      denied by {conflict.get('by') or 'a party to it'}"
            if line not in shown:  # one denier, several denying articles: one line
                shown.add(line)
                echo(line)
        for v in ev["versions"]:
            who = v.get("claimant") or "(no claimant)"
            via = ", ".join(v.get("publishers") or []) or "?"
            outlet = v.get("outlet")
            line = f"      - {who} ({v.get('modality')})"
            if v.get("numbers"):
                line += f": {_numbers(v['numbers'])}"
            line += f"  [source: {via}" + (f"; in {outlet}" if outlet and outlet != via else "") + "]"
            echo(line)


def _print_summary(summary: dict) -> None:
    echo = click.echo
    period = ""
    if summary.get("first_published"):
        period = f", published {summary['first_published']} to {summary['last_published']}"
    echo(f"\n{_plural(summary['articles'], 'article')} from {_plural(summary['outlets'], 'outlet')}{period}; "
         f"{_plural(summary['events'], 'event')} from {_plural(summary['mentions'], 'mention')}")
    if summary.get("reprints"):
        echo(f"{summary['reprints']} reprints of other articles, {summary['stories']} stories")
    if summary["events"]:
        echo(f"{summary['corroborated_events']} events confirmed by more than one independent source, "
             f"{summary['contested_events']} contested")
    if not summary["events"]:
        echo("No events were extracted yet: the event extractor found none in these articles.")
        return
    echo("\nEvents by type:")
    most = max(n for _, n in summary["events_by_type"])
    for etype, n in summary["events_by_type"]:
        echo(f"  {etype:<14} {n:>4}  " + "#" * max(1, round(30 * n / most)))
    if summary["top_actors"]:
        echo("\nTop actors:")
        for actor, n in summary["top_actors"]:
            echo(f"  {actor:<30} {n:>4}")
    if summary["top_claimants"]:
        echo("\nWho says so most:")
        for who, n in summary["top_claimants"]:
            echo(f"  {who:<30} {n:>4}")
    if summary.get("contested"):
        _print_contested(summary["contested"])
    echo("\nSome events, with their evidence:")
    for ev in summary["examples"]:
        actor = ev.get("actor_name") or ev.get("actor_text") or "?"
        recipient = ev.get("recipient_name") or ev.get("recipient_text")
        head = f"  {_when(ev.get('when')) or '(undated)'}  {ev['type']}" + (f"/{ev['mode']}" if ev.get("mode") else "")
        head += f"  {actor}" + (f" -> {recipient}" if recipient else "")
        place = ev.get("place_name") or ev.get("place_text")
        if place:
            head += f"  in {place}"
        echo(head)
        echo(f"      \"{' '.join((ev.get('evidence_text') or '').split())}\"")
        if ev.get("quantities"):
            echo(f"      numbers: {ev['quantities']}")
        claimant = ev.get("claimant_name") or ev.get("claimant_text")
        said = f"claimed by {claimant}" if claimant else "reported as fact"
        reach = ""
        if ev.get("n_articles"):
            reach = (f"; {ev['n_articles']} article{'s' * (ev['n_articles'] != 1)}, "
                     f"{ev['n_sources']} source{'s' * (ev['n_sources'] != 1)}")
        echo(f"      {said} ({ev.get('modality') or 'asserted'}); "
             f"{ev.get('outlet') or ev.get('title') or ev['article_id']}{reach}")


@main.command()
@DB_OPTION
@WAIT_OPTION
@_guarded
def summary(db, wait):
    """Print what the store holds: articles, events by type, top actors, examples."""
    from .api import open_store

    with open_store(db, read_only=True, wait=wait) as store:
        click.echo(f"store: {store.path}")
        _print_summary(store.summary())


@main.command()
@DB_OPTION
@WAIT_OPTION
@_guarded
def regroup(db, wait):
    """Group every stored article into stories again, as one batch would (after many small ingests)."""
    from .api import open_store, regroup_stories

    moved = regroup_stories(db, wait=wait)  # a missing store is an error, not a new file
    with open_store(db, read_only=True, wait=wait) as store:
        summary = store.summary()
    click.echo(f"{_plural(moved, 'article')} moved; {summary['stories']} stories "
               f"over {_plural(summary['articles'], 'article')}")


@main.command()
@DB_OPTION
@WAIT_OPTION
@_guarded
def demo(db, wait):
    """Ingest the bundled demo corpus into the store and print a summary of it."""
    from .api import demo_corpus_paths, open_store

    corpus = demo_corpus_paths()
    with open_store(db, wait=wait) as store:
        click.echo(f"ingesting the demo corpus: {', '.join(str(p) for p in corpus)}")
        report = _ingest_and_report(corpus, store)
        summary = store.summary()
    if report.all_failed:
        sys.exit(1)
    _print_summary(summary)
    click.echo(f"\nNext: eventwire events{' --db ' + db if db else ''} --limit 10")
