"""Inflected forms for lexicon entries, so lexicons list lemmas and match every form.

The forms come from lemminflect (irregulars included: "strike" -> "struck"). Those the
bundled lexicons need are precomputed in ``data/lexicons/inflections.json`` by
``tools/build_inflections.py``, because loading lemminflect's tables costs more than a
second at start-up; a lemma the table lacks (a user's addition) is asked of lemminflect.

For a multi-word entry the first word is inflected when it is a verb phrase ("call for" ->
"called for") and the last word when it is a noun phrase ("air strike" -> "air strikes").
"""
from __future__ import annotations

from functools import lru_cache

from ..resources import DATA_DIR

TABLE = "lexicons/inflections.json"


@lru_cache(maxsize=1)
def _table() -> dict:
    import json

    path = DATA_DIR / TABLE
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def lemminflect_forms(word: str, upos: str) -> tuple:
    from lemminflect import getAllInflections, getAllInflectionsOOV

    infl = getAllInflections(word, upos=upos) or getAllInflectionsOOV(word, upos=upos)
    out = {word}
    for forms in infl.values():
        out.update(forms)
    return tuple(sorted(out))


def lemminflect_lemma(form: str) -> str:
    """The verb lemma of a form ("criticizes" -> "criticize"), else its noun lemma, else itself."""
    from lemminflect import getAllLemmas

    found = getAllLemmas(form, upos="VERB").get("VERB") or getAllLemmas(form, upos="NOUN").get("NOUN")
    return found[0] if found else form


def lemma(form: str) -> str:
    """``lemminflect_lemma`` from the shipped table when the form is there (no lemminflect load)."""
    cached = _table().get("LEMMA", {}).get(form)
    return cached if cached is not None else lemminflect_lemma(form)


def known_lemmas() -> dict:
    """The shipped form -> lemma table (the attribution tagger's candidate forms)."""
    return _table().get("LEMMA", {})


def _forms(word: str, upos: str) -> tuple:
    cached = _table().get(upos, {}).get(word)
    return tuple(cached) if cached is not None else lemminflect_forms(word, upos)


def verb_forms(phrase: str) -> list:
    head, _, rest = phrase.partition(" ")
    return sorted({f"{f} {rest}".strip() for f in _forms(head, "VERB")})


def noun_forms(phrase: str) -> list:
    words = phrase.split(" ")
    return sorted({" ".join(words[:-1] + [f]) for f in _forms(words[-1], "NOUN")})
