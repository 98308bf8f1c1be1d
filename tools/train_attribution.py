"""Train the attribution cue-head classifier shipped in
src/eventwire/data/lexicons/attribution_model.json.

    .venv/bin/python tools/train_attribution.py                 # all open PolNeAR docs
    .venv/bin/python tools/train_attribution.py --split even    # tuning half only
    .venv/bin/python tools/train_attribution.py --split even --out /tmp/model.json
    .venv/bin/python tools/train_attribution.py --heldout       # train on one half, score the
                                                                # other, both ways (writes nothing)

Data: ../shared/data/polnear (PolNeAR train + dev compartments, first annotator). The split
is by md5(doc id) parity ("even" / "odd"), the same split docs/attribution.md reports on.
Model: L2-regularised logistic regression (scipy L-BFGS) over the string features of
eventwire.extract.attribution_features.cue_features, one example per candidate token,
positive when the token is the head of a gold cue. Deterministic: same data, same model.

Second stage (``rerank`` in the model file, eventwire.extract.attribution_rerank): a small
logistic regression over the structure of the attributions of every head over
``--low-threshold`` (is the cue inside another cue's content, that cue's logit and word, rank
in the sentence, role shapes). Its training data is cross-fitted: the documents are cut into
``--rerank-folds`` folds by md5 bits (not the even/odd bit), each fold is tagged by a first
stage trained on the other folds, so the second stage learns from the logits unseen text gets.

``--heldout`` is the honest estimate docs/attribution.md reports: a model trained on the even
half tags the odd half with the real component (AttributionTagger.extract) and
../shared/eval/score.py scores it, then the other way round.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
from scipy import optimize, sparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from eventwire.extract import attribution_features as F  # noqa: E402
from eventwire.extract.attribution_frames import frame_heads, frame_lexicon  # noqa: E402
from eventwire.extract.attribution_scorer import compile_weights  # noqa: E402
from eventwire.ingest import enrich  # noqa: E402
from eventwire.ingest.jsonl import record_to_article  # noqa: E402
from eventwire.nlp.pipeline import build_pipeline, make_doc  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "polnear"
DEFAULT_OUT = ROOT / "src" / "eventwire" / "data" / "lexicons" / "attribution_model.json"


def split_of(doc_id: str) -> str:
    return "odd" if int(hashlib.md5(doc_id.encode()).hexdigest(), 16) % 2 else "even"


def load(data_dir: Path, split: str):
    docs = [json.loads(line) for line in open(data_dir / "docs.jsonl", encoding="utf-8") if line.strip()]
    gold = {}
    for line in open(data_dir / "gold.jsonl", encoding="utf-8"):
        if line.strip():
            g = json.loads(line)
            gold[g["id"]] = g["attributions"]
    docs = [d for d in docs if split == "all" or split_of(d["id"]) == split]
    return docs, gold


def head_tokens(doc, attributions, lex) -> set:
    """Tokens that count as cue heads: every content word of a gold cue ("critical" and
    "especially" in "was especially critical of"), or its first token when it has none.
    The scorer credits any overlap, so any of them is a right answer at run time."""
    heads = set()
    for a in attributions:
        for s, e in a.get("cue") or []:
            toks = [t for t in doc if t.idx < e and t.idx + len(t.text) > s and not t.is_space]
            if not toks:
                continue
            content = [t for t in toks if t.lower_ not in lex.function_words]
            heads.update(t.i for t in (content or toks[:1]))
    return heads


def fold_of(doc_id: str, folds: int) -> int:
    """Cross-fitting fold of a document: md5 bits above the even/odd parity bit, so a half's
    documents spread over every fold."""
    return (int(hashlib.md5(doc_id.encode()).hexdigest(), 16) >> 1) % folds


def train_lr(rows, labels, n_feats, l2):
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    indptr[1:] = np.cumsum([len(r) for r in rows])
    indices = np.fromiter((j for r in rows for j in r), dtype=np.int64, count=int(indptr[-1]))
    X = sparse.csr_matrix((np.ones(len(indices)), indices, indptr), shape=(len(rows), n_feats))
    y = np.asarray(labels, dtype=float)

    def loss(w):
        z = X @ w
        p = 1.0 / (1.0 + np.exp(-z))
        eps = 1e-12
        value = -np.sum(y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps)) + 0.5 * l2 * w @ w
        grad = X.T @ (p - y) + l2 * w
        return value, grad

    res = optimize.minimize(loss, np.zeros(n_feats), jac=True, method="L-BFGS-B",
                            options={"maxiter": 400})
    return res.x


def parse(docs, gold, lex):
    """(doc id, text, TokenView, gold head token ids) per document."""
    nlp = build_pipeline(["eventwire_sentences"])
    # each record read as `eventwire extract` reads it (its dateline, found at ingest, is a
    # sentence of its own), so that training and the held-out check see the run-time sentences
    articles = (enrich(record_to_article(d, "polnear")) for d in docs)
    out = []
    for d, doc in zip(docs, nlp.pipe(make_doc(nlp, a) for a in articles)):
        view = F.view_from_doc(doc, lex)
        out.append((d["id"], d["text"], view, head_tokens(doc, gold.get(d["id"], []), lex)))
    return out


def never_cues(rows, row_words, w, args) -> list:
    """Candidate forms seen at least ``--never-min`` times in training whose best logit stayed
    ``--never-margin`` below the tagger's threshold: the tagger skips them (speed)."""
    from eventwire.extract.attribution import THRESHOLD

    if args.never_margin < 0:
        return []
    cut = math.log(THRESHOLD / (1 - THRESHOLD)) - args.never_margin
    best, seen = {}, Counter()
    for row, word in zip(rows, row_words):
        z = float(sum(w[j] for j in row))
        seen[word] += 1
        if z > best.get(word, -math.inf):
            best[word] = z
    # (never a colon or dash: the lexicon's structural cues stay candidates whatever one
    # training half saw of them)
    return sorted(word for word, n in seen.items()
                  if n >= args.never_min and best[word] < cut and word not in F.lexicon().colon_cues)


def fit(parsed, args, lex, label="") -> tuple:
    """The model dict trained on ``parsed`` documents, and a one-line summary."""
    head_words, all_words = Counter(), Counter()
    for _id, _text, view, heads in parsed:
        for i, w in enumerate(view.lower):
            lemma = F.verb_lemma(w)
            all_words[w] += 1
            if lemma != w:
                all_words[lemma] += 1
            if i in heads:
                head_words[w] += 1
                if lemma != w:
                    head_words[lemma] += 1
    # candidate vocabulary: forms and lemmas seen as cue heads often enough, and often enough
    # relative to how common they are (keeps "people", "time" out: speed and precision)
    vocabulary = sorted(w for w, n in head_words.items()
                        if n >= 2 and n / all_words[w] >= args.min_rate)
    candidate = F.CandidateFilter(vocabulary, lex)
    feats_rows, labels, missed, row_words = [], [], 0, []
    flex = frame_lexicon()
    for _id, _text, view, heads in parsed:
        framed = frozenset(frame_heads(view, flex))  # frame prepositions: candidates too
        for i in range(len(view.words)):
            if candidate(view.lower[i]) or i in framed:
                feats_rows.append(F.cue_features(view, i))
                labels.append(1 if i in heads else 0)
                row_words.append(view.lower[i])
            elif i in heads:
                missed += 1
    counts = Counter(f for row in feats_rows for f in row)
    index = {f: k for k, f in enumerate(sorted(f for f, n in counts.items() if n >= args.min_count))}
    rows = [[index[f] for f in row if f in index] for row in feats_rows]
    w = train_lr(rows, labels, len(index), args.l2)
    never = never_cues(rows, row_words, w, args)
    names = sorted(index)
    weights = {f: round(float(w[index[f]]), 4) for f in names if abs(w[index[f]]) >= 0.005}
    model = {
        "_about": "Cue-head classifier for eventwire_attributions; trained by tools/train_attribution.py. "
                  "Logistic regression weights over attribution_features.cue_features strings, compiled "
                  "into per-template tables (attribution_scorer.compile_weights).",
        "trained_on": f"PolNeAR open train+dev, split={label or args.split}, {len(parsed)} docs",
        "l2": args.l2,
        "min_rate": args.min_rate,
        "never_margin": args.never_margin,
        "vocabulary": vocabulary,
        "never_cues": never,
        # the scorer's lookup tables, so loading the model is reading JSON, nothing more
        "tables": compile_weights(weights),
    }
    summary = (f"{len(parsed)} docs, {len(labels)} candidates ({sum(labels)} cue heads, {missed} heads "
               f"not candidates), {len(index)} features, {len(weights)} kept, {len(never)} never-cue forms")
    return model, summary


def rerank_examples(model, parsed, gold, low: float) -> tuple:
    """Second-stage features and labels of ``parsed`` documents under a first-stage
    ``model`` (without a second stage) at threshold ``low``: one example per head that finds
    a content, positive when its cue overlaps a gold cue."""
    from eventwire.extract.attribution import AttributionTagger, _kind, speech_verbs
    from eventwire.extract.attribution_rerank import features

    tagger = AttributionTagger({k: v for k, v in model.items() if k != "rerank"}, threshold=low)
    say = speech_verbs()
    rows, labels = [], []
    for doc_id, _text, view, _heads in parsed:
        gold_cues = [c for a in gold.get(doc_id, []) for c in a.get("cue") or []]
        items = tagger.first_pass(view, tagger.merge_heads(view, tagger.cue_heads(view)))
        kinds = [_kind(view, roles) for _h, _z, roles in items]
        rows += features(view, items, kinds, say)
        for _h, _z, roles in items:
            s, e = view.starts[roles.cue[0]], view.ends[roles.cue[1] - 1]
            labels.append(1 if any(s < ge and gs < e for gs, ge in gold_cues) else 0)
    return rows, labels


def fit_rerank(parsed, gold, args, lex, cache: Path | None = None) -> tuple:
    """The second stage (``rerank`` in the model file), cross-fitted: the documents of each
    of ``--rerank-folds`` folds are tagged by a first-stage model trained on the other folds,
    so the second stage learns from the logits unseen text gets."""
    from eventwire.extract.attribution_rerank import FEATURES

    rows, labels = [], []
    for f in range(args.rerank_folds):
        train = [p for p in parsed if fold_of(p[0], args.rerank_folds) != f]
        test = [p for p in parsed if fold_of(p[0], args.rerank_folds) == f]
        cached = cache / f"fold{f}of{args.rerank_folds}.json" if cache else None
        if cached is not None and cached.exists():
            model = json.loads(cached.read_text(encoding="utf-8"))
        else:
            model, _summary = fit(train, args, lex, label=f"fold {f}")
            if cached is not None:
                cached.parent.mkdir(parents=True, exist_ok=True)
                cached.write_text(json.dumps(model, ensure_ascii=False), encoding="utf-8")
        r, y = rerank_examples(model, test, gold, args.low_threshold)
        rows += r
        labels += y
    index = {name: k for k, name in enumerate(FEATURES)}
    X = np.zeros((len(rows), len(FEATURES)))
    for n, row in enumerate(rows):
        for name, v in row.items():
            X[n, index[name]] = v
    y = np.asarray(labels, dtype=float)

    def loss(w):
        p = 1.0 / (1.0 + np.exp(-(X @ w)))
        eps = 1e-12
        value = -np.sum(y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps)) + 0.5 * args.rerank_l2 * w @ w
        return value, X.T @ (p - y) + args.rerank_l2 * w

    w = optimize.minimize(loss, np.zeros(len(FEATURES)), jac=True, method="L-BFGS-B",
                          options={"maxiter": 1000}).x
    spec = {
        "_about": "Second-stage cue decision (extract/attribution_rerank.py): logistic regression "
                  "over the features of each first-stage head over low_threshold with its roles; "
                  "trained with cross-fitted first-stage logits by tools/train_attribution.py.",
        "low_threshold": args.low_threshold,
        "folds": args.rerank_folds,
        "l2": args.rerank_l2,
        "features": list(FEATURES),
        "weights": [round(float(v), 4) for v in w],
    }
    return spec, f"second stage: {len(labels)} cross-fitted heads ({sum(labels)} cues)"


def fit_both(parsed, gold, args, lex, label="") -> tuple:
    """First stage on ``parsed``, and the second one when ``--rerank-folds`` > 0."""
    model, summary = fit(parsed, args, lex, label=label)
    if args.rerank_folds > 0:
        model["rerank"], more = fit_rerank(parsed, gold, args, lex)
        summary += "; " + more
    return model, summary


def _scorer(data_dir: Path):
    """../shared/eval/score.py as a module (standard library only, not part of the package)."""
    import importlib.util

    path = data_dir.parent.parent / "eval" / "score.py"
    spec = importlib.util.spec_from_file_location("polnear_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def score_half(model, parsed, gold, data_dir: Path, threshold: float | None = None) -> dict:
    """Tag ``parsed`` documents with ``model`` and score them with the shared scorer."""
    from eventwire.extract.attribution import THRESHOLD, AttributionTagger

    tagger = AttributionTagger(model, threshold=threshold or THRESHOLD)
    pred = {}
    for doc_id, text, view, _heads in parsed:
        pred[doc_id] = {"attributions": [a.to_dict() for a in tagger.extract(view, text)]}
    docs = {doc_id: {"id": doc_id, "text": text} for doc_id, text, _v, _h in parsed}
    golds = {doc_id: {"attributions": gold.get(doc_id, [])} for doc_id in docs}
    return _scorer(data_dir).score_polnear(docs, golds, pred)


def heldout(args, docs, gold, lex) -> int:
    from eventwire.extract.attribution import THRESHOLD

    parsed = parse(docs, gold, lex)
    halves = {h: [p for p in parsed if split_of(p[0]) == h] for h in ("even", "odd")}
    thresholds = [float(t) for t in args.thresholds.split(",")] if args.thresholds else [THRESHOLD]
    rows: dict = {t: [] for t in thresholds}
    for train, test in (("even", "odd"), ("odd", "even")):
        cached = Path(args.models) / f"{train}.json" if args.models else None
        if cached is not None and cached.exists():
            model, summary = json.loads(cached.read_text(encoding="utf-8")), f"model from {cached}"
            if args.rerank_folds > 0:  # the second stage is trained afresh (its fold models cached)
                model["rerank"], more = fit_rerank(halves[train], gold, args, lex, cached.with_suffix(""))
                summary += "; " + more
            else:
                model.pop("rerank", None)
        else:
            model, summary = fit_both(halves[train], gold, args, lex, label=train)
            if cached is not None:
                cached.parent.mkdir(parents=True, exist_ok=True)
                cached.write_text(json.dumps(model, ensure_ascii=False), encoding="utf-8")
        for t in thresholds:
            res = score_half(model, halves[test], gold, Path(args.data), t)
            row = {r: res[r]["overlap"]["f1"] for r in ("cue", "source", "content")}
            row["relation"] = res["relation_overlap"]["f1"]
            row["cue_p"], row["cue_r"] = res["cue"]["overlap"]["p"], res["cue"]["overlap"]["r"]
            rows[t].append(row)
            print(f"{train} -> {test} @{t:.2f}: " + "  ".join(f"{k} {v:.4f}" for k, v in row.items())
                  + f"   [{summary}]", flush=True)
    for t in thresholds:
        mean = {k: sum(r[k] for r in rows[t]) / len(rows[t]) for k in rows[t][0]}
        print(f"mean @{t:.2f}:  " + "  ".join(f"{k} {v:.4f}" for k, v in mean.items()))
    return 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(DEFAULT_DATA))
    ap.add_argument("--split", default="all", choices=["all", "even", "odd"])
    ap.add_argument("--out", default=str(DEFAULT_OUT))
    ap.add_argument("--heldout", action="store_true",
                    help="train on each half, score the other with ../shared/eval/score.py; writes nothing")
    ap.add_argument("--l2", type=float, default=5.0, help="L2 penalty (0.5 * l2 * |w|^2)")
    ap.add_argument("--min-count", type=int, default=2, help="keep features seen this often")
    ap.add_argument("--never-margin", type=float, default=1.0,
                    help="skip candidate forms whose best training logit is this far below the "
                         "threshold (negative: skip none)")
    ap.add_argument("--never-min", type=int, default=5,
                    help="... and that were seen at least this often")
    ap.add_argument("--min-rate", type=float, default=0.05,
                    help="a word is a cue candidate when at least this share of its uses are cues")
    ap.add_argument("--models", default="",
                    help="with --heldout: a folder for the two half models; reused when present "
                         "(for changes to the role rules, which do not change the cue model)")
    ap.add_argument("--thresholds", default="",
                    help="with --heldout: comma-separated cue thresholds to score (default: the tagger's)")
    ap.add_argument("--rerank-folds", type=int, default=3,
                    help="cross-fitting folds for the second stage (0: no second stage)")
    ap.add_argument("--low-threshold", type=float, default=0.40,
                    help="first-stage probability over which a head goes to the second stage")
    ap.add_argument("--rerank-l2", type=float, default=1.0, help="L2 penalty of the second stage")
    args = ap.parse_args(argv)
    t0 = time.time()
    lex = F.lexicon()
    if args.heldout:
        docs, gold = load(Path(args.data), "all")
        return heldout(args, docs, gold, lex)
    docs, gold = load(Path(args.data), args.split)
    model, summary = fit_both(parse(docs, gold, lex), gold, args, lex)
    Path(args.out).write_text(json.dumps(model, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    print(f"{summary}, {time.time() - t0:.0f}s -> {args.out}")
    # the shipped lemma table covers the model's vocabulary: rebuild it with the model
    if Path(args.out).resolve() == DEFAULT_OUT.resolve():
        import subprocess
        subprocess.run([sys.executable, str(Path(__file__).with_name("build_inflections.py"))], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
