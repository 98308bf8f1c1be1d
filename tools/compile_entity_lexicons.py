"""Write src/eventwire/data/lexicons/entities/compiled_names.json, the prebuilt form of the big
entity name table (organisations.tsv, nationalities.tsv, places.tsv) and common_words.txt.

    .venv/bin/python tools/compile_entity_lexicons.py           # rebuild
    .venv/bin/python tools/compile_entity_lexicons.py --check   # exit 1 when the file is stale

Run it after editing any of those sources (tools/build_entity_lexicons.py runs it at its
end). The output is deterministic: rebuilding from the same sources gives the same bytes.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from eventwire.nlp.ner.lexicons import COMPILED_FILE, compile_name_tables  # noqa: E402
from eventwire.resources import DATA_DIR  # noqa: E402


def render() -> bytes:
    return orjson.dumps(compile_name_tables(), option=orjson.OPT_INDENT_2) + b"\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only compare with the shipped file")
    args = parser.parse_args(argv)
    path = DATA_DIR / COMPILED_FILE
    blob = render()
    if args.check:
        fresh = path.exists() and path.read_bytes() == blob
        print(f"{path}: {'up to date' if fresh else 'STALE: run tools/compile_entity_lexicons.py'}")
        return 0 if fresh else 1
    path.write_bytes(blob)
    print(f"wrote {path} ({len(blob):,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
