"""Build src/eventwire/data/lexicons/word_classes.json from the UD English EWT treebank.

    .venv/bin/python tools/build_word_classes.py            # ../shared/corpora/ud_english_ewt
    .venv/bin/python tools/build_word_classes.py --conllu PATH --out PATH

The attribution cue classifier (attribution_features.py) sees token strings only: no tagger
runs. Word identities do not carry over to words it did not see as cues in training, so it
also reads word *classes* learned here, from the train file of EWT only (dev / test unused):

* ``forms``: lower-cased word form -> [most frequent Penn tag (XPOS), ambiguity class], for
  forms seen at least ``--min-count`` times. The ambiguity class is the set of universal tags
  (UPOS) that make up at least ``--amb-share`` of the form's uses, in a fixed order joined by
  "/" ("back" -> "ADV/VERB/NOUN"-like): "can be a verb" generalises where a word's identity
  does not.
* ``suffixes``: three-letter suffix -> most frequent Penn tag among rare forms (seen at most
  twice): the class of a word missing from ``forms``.
* ``clausal``: lemma -> [ccomp bucket, xcomp bucket]: how often the lemma's occurrences
  govern a clausal complement ("said that ...", "claimed he ...") or an open one ("urged
  them to ..."), in four buckets (0: under 2 %, 1: under 10 %, 2: under 30 %, 3: more). A
  prior for "speech or attitude verb" that reaches verbs never seen as cues.

Derived counts only: no sentence or text of the treebank is copied. The treebank is
CC BY-SA 4.0, and so is this derived lexicon (said in the file's ``_about``).
Deterministic: same treebank, same file.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CONLLU = ROOT.parent / "shared" / "corpora" / "ud_english_ewt" / "en_ewt-ud-train.conllu"
DEFAULT_OUT = ROOT / "src" / "eventwire" / "data" / "lexicons" / "word_classes.json"

UPOS_ORDER = ("VERB", "NOUN", "PROPN", "ADJ", "ADV", "ADP", "AUX", "PRON", "DET", "SCONJ",
              "CCONJ", "PART", "NUM", "INTJ", "PUNCT", "SYM", "X")
BUCKETS = (0.02, 0.10, 0.30)


def sentences(path: Path):
    """Token rows (id, form, lemma, upos, xpos, head, deprel) per sentence; multi-word token
    lines and empty nodes are skipped (their parts are rows of their own)."""
    rows = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                if rows:
                    yield rows
                rows = []
                continue
            if line.startswith("#"):
                continue
            cols = line.split("\t")
            if "-" in cols[0] or "." in cols[0]:
                continue
            rows.append((int(cols[0]), cols[1], cols[2], cols[3], cols[4], int(cols[6]), cols[7]))
    if rows:
        yield rows


def bucket(share: float) -> int:
    return sum(share >= b for b in BUCKETS)


def build(path: Path, min_count: int, amb_share: float, min_lemma: int) -> dict:
    xpos = defaultdict(Counter)
    upos = defaultdict(Counter)
    lemma_n = Counter()
    lemma_ccomp = Counter()
    lemma_xcomp = Counter()
    for rows in sentences(path):
        deps = defaultdict(set)
        for tid, _form, _lemma, _u, _x, head, rel in rows:
            deps[head].add(rel.split(":")[0])
        for tid, form, lem, u, x, _head, _rel in rows:
            low = form.lower()
            xpos[low][x] += 1
            upos[low][u] += 1
            if u in ("VERB", "NOUN", "ADJ"):
                lem = lem.lower()
                lemma_n[lem] += 1
                if "ccomp" in deps[tid]:
                    lemma_ccomp[lem] += 1
                if "xcomp" in deps[tid]:
                    lemma_xcomp[lem] += 1
    forms = {}
    for low, tags in xpos.items():
        n = sum(tags.values())
        if n < min_count or "|" in low:
            continue
        main = min(tags.items(), key=lambda kv: (-kv[1], kv[0]))[0]
        amb = "/".join(t for t in UPOS_ORDER if upos[low][t] >= amb_share * n) or "X"
        forms[low] = [main, amb]
    suffix_tags = defaultdict(Counter)
    for low, tags in xpos.items():
        n = sum(tags.values())
        if n <= 2 and len(low) > 3 and low.isalpha():
            suffix_tags[low[-3:]].update(tags)
    suffixes = {s: min(t.items(), key=lambda kv: (-kv[1], kv[0]))[0]
                for s, t in suffix_tags.items() if sum(t.values()) >= 5}
    clausal = {lem: [bucket(lemma_ccomp[lem] / n), bucket(lemma_xcomp[lem] / n)]
               for lem, n in lemma_n.items() if n >= min_lemma and lem.isalpha()}
    return {
        "_about": ("Word classes for the attribution cue classifier (attribution_features.py), derived "
                   "by tools/build_word_classes.py from the train file of the Universal Dependencies "
                   "English Web Treebank (UD_English-EWT), licensed CC BY-SA 4.0; this derived lexicon "
                   "is distributed under the same licence. Counts only, no treebank text. forms: "
                   "lower-cased form -> [most frequent Penn tag, universal tags making up at least "
                   f"{amb_share:.0%} of its uses]; forms seen at least {min_count} times. suffixes: "
                   "3-letter suffix -> most frequent Penn tag of rare forms (the class of unknown "
                   "words). clausal: verb/noun/adjective lemma -> [ccomp, xcomp] share bucket "
                   f"(0: <{BUCKETS[0]}, 1: <{BUCKETS[1]}, 2: <{BUCKETS[2]}, 3: more), lemmas seen "
                   f"at least {min_lemma} times."),
        "source": path.name,
        "forms": dict(sorted(forms.items())),
        "suffixes": dict(sorted(suffixes.items())),
        "clausal": dict(sorted(clausal.items())),
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--conllu", default=str(DEFAULT_CONLLU))
    ap.add_argument("--out", default=str(DEFAULT_OUT))
    ap.add_argument("--min-count", type=int, default=2)
    ap.add_argument("--amb-share", type=float, default=0.15)
    ap.add_argument("--min-lemma", type=int, default=3)
    args = ap.parse_args(argv)
    data = build(Path(args.conllu), args.min_count, args.amb_share, args.min_lemma)
    Path(args.out).write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n",
                              encoding="utf-8")
    print(f"{len(data['forms'])} forms, {len(data['suffixes'])} suffixes, "
          f"{len(data['clausal'])} lemmas -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
