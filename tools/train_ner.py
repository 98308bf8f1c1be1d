"""Train the span-type classifier shipped as src/eventwire/data/models/ner/span_types.json.

    .venv/bin/python tools/train_ner.py [--gmb ../shared/corpora/gmb_ner/ner_dataset.csv]

Training data: the GMB NER extract (Groningen Meaning Bank, ~48k sentences of mostly Voice of
America news, IOB2 tags). Every GMB entity whose first word is capitalised becomes one example
labelled with its mapped type (per -> PERSON, org -> ORG, geo -> GPE, gpe -> NORP since GMB's
"gpe" is almost always an adjective like "Iraqi", tim -> DATE); every maximal run of
capitalised words that touches no entity becomes an ``O`` example (sentence-initial "The",
headline words, ...). art/eve/nat entities are left out (too few, and not in our label set).

Model: multinomial logistic regression with L2, fitted with scipy's L-BFGS on a sparse design
matrix; the features are eventwire.nlp.ner.span_features (the same code the component runs).
The last 10% of sentences are held out and the accuracy on them is printed; the shipped model
is then refitted on all sentences. Weights below a small threshold are pruned and rounded so
the JSON stays small and loads fast. Deterministic: same corpus -> same file.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tools"))

from build_entity_lexicons import GMB, read_gmb_sentences  # noqa: E402
from eventwire.nlp.ner.span_features import span_features  # noqa: E402

OUT = ROOT / "src" / "eventwire" / "data" / "models" / "ner" / "span_types.json"
TYPE_MAP = {"per": "PERSON", "org": "ORG", "geo": "GPE", "gpe": "NORP", "tim": "DATE"}
CLASSES = ["O", "PERSON", "ORG", "GPE", "NORP", "DATE"]
L2 = 1.0
PRUNE = 0.02


def is_cap(word: str) -> bool:
    return word[:1].isupper()


def examples(sentences):
    for sent in sentences:
        words = [w for w, _ in sent]
        tags = [t for _, t in sent]
        spans, i = [], 0
        while i < len(words):
            if tags[i].startswith("B-"):
                j = i + 1
                while j < len(words) and tags[j] == "I-" + tags[i][2:]:
                    j += 1
                spans.append((i, j, tags[i][2:]))
                i = j
            else:
                i += 1
        covered = set()
        for s, e, t in spans:
            covered.update(range(s, e))
            if t in TYPE_MAP and is_cap(words[s]):
                yield _feats(words, s, e), TYPE_MAP[t]
        i = 0
        while i < len(words):
            if is_cap(words[i]) and i not in covered:
                j = i + 1
                while j < len(words) and is_cap(words[j]) and j not in covered:
                    j += 1
                yield _feats(words, i, j), "O"
                i = j
            else:
                i += 1


def _feats(words, s, e):
    return span_features(words[s:e], words[s - 1] if s > 0 else "", words[s - 2] if s > 1 else "",
                         words[e] if e < len(words) else "", s == 0)


def fit(X, y, n_classes):
    from scipy.optimize import minimize

    n, d = X.shape
    Y = np.zeros((n, n_classes))
    Y[np.arange(n), y] = 1.0

    def loss_grad(wflat):
        W = wflat.reshape(d, n_classes)
        Z = X @ W
        Z -= Z.max(axis=1, keepdims=True)
        P = np.exp(Z)
        P /= P.sum(axis=1, keepdims=True)
        loss = -np.sum(np.log(P[Y > 0] + 1e-12)) + 0.5 * L2 * np.sum(W * W)
        G = X.T @ (P - Y) + L2 * W
        return loss, G.ravel()

    res = minimize(loss_grad, np.zeros(d * n_classes), jac=True, method="L-BFGS-B",
                   options={"maxiter": 300})
    return res.x.reshape(d, n_classes)


def design(data, vocab):
    from scipy.sparse import csr_matrix

    rows, cols = [], []
    for r, (feats, _) in enumerate(data):
        for f in feats:
            c = vocab.get(f)
            if c is not None:
                rows.append(r)
                cols.append(c)
    return csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(data), len(vocab)))


def train(data):
    counts = Counter(f for feats, _ in data for f in set(feats))
    vocab = {f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= 2))}
    X = design(data, vocab)
    y = np.array([CLASSES.index(lab) for _, lab in data])
    return vocab, fit(X, y, len(CLASSES))


def accuracy(vocab, W, data):
    X = design(data, vocab)
    pred = np.asarray((X @ W).argmax(axis=1)).ravel()
    gold = np.array([CLASSES.index(lab) for _, lab in data])
    per = {c: round(float((pred[gold == i] == i).mean()), 3) for i, c in enumerate(CLASSES) if (gold == i).any()}
    return float((pred == gold).mean()), per


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gmb", default=str(GMB))
    ap.add_argument("--out", default=str(OUT))
    args = ap.parse_args(argv)
    sentences = list(read_gmb_sentences(Path(args.gmb)))
    cut = int(len(sentences) * 0.9)
    train_data = list(examples(sentences[:cut]))
    held = list(examples(sentences[cut:]))
    vocab, W = train(train_data)
    acc, per = accuracy(vocab, W, held)
    print(f"held-out (last 10% of GMB sentences): {len(held)} spans, accuracy {acc:.3f}, recall per class {per}")
    vocab, W = train(train_data + held)
    weights = {}
    for f, i in vocab.items():
        row = W[i]
        if np.abs(row).max() >= PRUNE:
            weights[f] = [round(float(x), 3) for x in row]
    model = {"about": "Span-type classifier trained by tools/train_ner.py on the GMB NER corpus; "
                      "features: eventwire.nlp.ner.span_features.",
             "classes": CLASSES, "heldout_accuracy": round(acc, 4), "weights": weights}
    Path(args.out).write_text(json.dumps(model, separators=(",", ":"), sort_keys=True), encoding="utf-8")
    print(f"wrote {args.out}: {len(weights)} features, {Path(args.out).stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
