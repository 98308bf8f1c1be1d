"""Access to the data files shipped inside the package (lexicons, registry, gazetteer, demo)."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from .errors import DataFileError

DATA_DIR = Path(__file__).parent / "data"


def data_path(relative: str) -> Path:
    path = DATA_DIR / relative
    if not path.exists():
        raise DataFileError(f"{path} does not exist")
    return path


@lru_cache(maxsize=None)
def load_json(relative: str):
    path = data_path(relative)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise DataFileError(f"{path}: {exc}") from None


def load_jsonl(relative: str) -> list:
    path = data_path(relative)
    out = []
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.strip() and not line.lstrip().startswith("//"):
                try:
                    out.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise DataFileError(f"{path} line {n}: {exc}") from None
    return out
