"""The ``eventwire`` command: a thin layer over the Python API."""
from __future__ import annotations

import json
import sys

import click

from . import __version__


def _emit_error(err) -> None:
    click.echo(f"error: {err}", err=True)


@click.group()
@click.version_option(__version__, prog_name="eventwire")
def main():
    """Turn news articles into source-attributed events."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json"]), default="jsonl", show_default=True)
@click.option("--encoding", default=None, help="Decode text inputs with this encoding instead of UTF-8.")
def extract(paths, fmt, encoding):
    """Process PATHS without storing; print one JSON object per document."""
    from . import extract_paths

    errors = []
    results = extract_paths(paths, encoding=encoding, on_error=lambda e: (errors.append(e), _emit_error(e)))
    out = sys.stdout
    if fmt == "json":
        json.dump([r.to_dict() for r in results], out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        for r in results:
            out.write(json.dumps(r.to_dict(), ensure_ascii=False) + "\n")
    if errors and not results:
        sys.exit(1)
