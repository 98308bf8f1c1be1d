"""Content-addressed article ids: the same text always gets the same id."""
from __future__ import annotations

import hashlib
import re
import unicodedata

_SPACE = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """The form that is hashed: NFC, whitespace runs folded to one space, trimmed."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def article_id(text: str) -> str:
    """``a`` + the first 16 hex digits of SHA-256 over the normalised text."""
    digest = hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()
    return "a" + digest[:16]
