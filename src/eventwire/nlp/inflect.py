"""Inflected forms for lexicon entries, so lexicons list lemmas and match every form.

lemminflect supplies the forms (irregulars included: "strike" -> "struck"); for a multi-word
entry the first word is inflected when it is a verb phrase ("call for" -> "called for") and
the last word when it is a noun phrase ("air strike" -> "air strikes").
"""
from __future__ import annotations

from functools import lru_cache

from lemminflect import getAllInflections, getAllInflectionsOOV


@lru_cache(maxsize=None)
def _forms(word: str, upos: str) -> tuple:
    infl = getAllInflections(word, upos=upos) or getAllInflectionsOOV(word, upos=upos)
    out = {word}
    for forms in infl.values():
        out.update(forms)
    return tuple(sorted(out))


def verb_forms(phrase: str) -> list:
    head, _, rest = phrase.partition(" ")
    return sorted({f"{f} {rest}".strip() for f in _forms(head, "VERB")})


def noun_forms(phrase: str) -> list:
    words = phrase.split(" ")
    head = words[-1]
    if head.endswith(("ies", "ces")) and len(words) == 1 and head in ("authorities", "militaries", "families"):
        return [phrase]
    return sorted({" ".join(words[:-1] + [f]) for f in _forms(head, "NOUN")})
