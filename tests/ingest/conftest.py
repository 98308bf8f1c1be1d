"""Helpers shared by the ingest tests: fixture paths and splitting outcomes."""
from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.errors import IngestError
from eventwire.models import Article

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ingest"


def split(outcomes):
    """(articles, errors) from what read_path / read_paths yield; anything else is a bug."""
    articles, errors = [], []
    for o in outcomes:
        if isinstance(o, Article):
            articles.append(o)
        elif isinstance(o, IngestError):
            errors.append(o)
        else:  # pragma: no cover - would be a reader bug
            raise AssertionError(f"unexpected outcome {o!r}")
    return articles, errors


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES
