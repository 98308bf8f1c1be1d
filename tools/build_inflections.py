"""Precompute the inflected forms of every lexicon lemma into data/lexicons/inflections.json.

    .venv/bin/python tools/build_inflections.py          # rewrite the table
    .venv/bin/python tools/build_inflections.py --check  # exit 1 if the table is stale

lemminflect takes a second or more to load its tables; shipping the forms the lexicons need
keeps that off every `eventwire` start. A lemma added to a lexicon later still works: the
table only caches, and ``eventwire.nlp.inflect`` asks lemminflect for whatever it lacks.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from eventwire.nlp import inflect  # noqa: E402
from eventwire.resources import DATA_DIR, load_json  # noqa: E402

OUT = DATA_DIR / "lexicons" / "inflections.json"


def lexicon_heads() -> dict:
    """upos -> the words whose forms the lexicons ask for."""
    verbs, nouns = set(), set()
    events = load_json("lexicons/events.json")
    for name, entry in events.items():
        if name.startswith("_"):
            continue
        verbs.update(p.split(" ")[0] for p in entry.get("verb", []))
        nouns.update(p.split(" ")[-1] for p in entry.get("noun", []))
    ctx = load_json("lexicons/event_context.json")
    for key in ("reporting", "victim_verbs", "denial"):
        verbs.update(p.split(" ")[0] for p in ctx[key])
    verbs.update(ctx["flip_verbs"])
    quantities = load_json("lexicons/quantities.json")
    verbs.update(p.split(" ")[0] for p in quantities["verbs"])
    nouns.update(p.split(" ")[-1] for p in quantities["units"])
    verbs.update(load_json("lexicons/attribution.json")["reporting_verbs"])
    for sector, words in load_json("actors/sectors.json").items():
        if not sector.startswith("_"):
            nouns.update(p.split(" ")[-1] for p in words)
    return {"VERB": sorted(verbs), "NOUN": sorted(nouns)}


def attribution_lemmas() -> dict:
    """form -> lemma for every form the attribution tagger can take as a cue candidate: its
    vocabulary, reporting verbs and cue nouns, and all their inflections."""
    lexicon = load_json("lexicons/attribution.json")
    model = load_json("lexicons/attribution_model.json")
    lemmas = set(model["vocabulary"]) | set(lexicon["reporting_verbs"]) | \
        {w for w in lexicon["cue_nouns"] if " " not in w}
    forms = set(lemmas)
    for lemma in lemmas:
        if lemma.isalpha():
            forms.update(inflect.lemminflect_forms(lemma, "VERB"))
            forms.update(inflect.lemminflect_forms(lemma, "NOUN"))
    return {f: inflect.lemminflect_lemma(f) for f in sorted(forms) if f.isalpha()}


def build() -> dict:
    table = {upos: {w: list(inflect.lemminflect_forms(w, upos)) for w in words}
             for upos, words in lexicon_heads().items()}
    table["LEMMA"] = attribution_lemmas()
    return table


def main(argv) -> int:
    table = build()
    text = json.dumps(table, indent=0, sort_keys=True, ensure_ascii=False) + "\n"
    if "--check" in argv:
        current = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
        if current != text:
            print(f"{OUT} is stale: run tools/build_inflections.py", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT} ({sum(len(v) for v in table.values())} words)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
