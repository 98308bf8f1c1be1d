"""Second stage of the cue decision: which of a document's candidate cues survive, seen
together with the attributions they make.

The first stage (attribution_scorer) scores each candidate head from a word window alone.
It cannot see the structure PolNeAR's annotators follow: annotations are univocal (a token
belongs to at most one attribution), so a cue inside another attribution's content is
usually left out ("he *said* the plan *would hurt* farmers": the outer attribution is coded,
the inner "hurt" is not), while a moderately scored cue that heads its own sentence's
attribution usually is. Here every first-stage head above a lower threshold
(``low_threshold``) gets its roles, and a logistic regression over features of that
structure decides: the candidate's own logit, whether it sits in the content of another
candidate (that one's logit, kind, word, which side), whether it holds others, its rank in
its sentence, the shape of its roles (word order, source found, direct quote).

The weights are trained by tools/train_attribution.py with cross-fitting (the first-stage
logits of the training documents come from models that did not see those documents) and
shipped in attribution_model.json under ``rerank``. Cost: one tuple and a dozen
multiply-adds per candidate, ~22 candidates a document (docs/attribution.md, Speed).
"""
from __future__ import annotations

from .attribution_features import TokenView

# the features, in the order the model file lists their weights
FEATURES = (
    "b", "z", "zpos",
    "nested", "nest_zmax", "nest_mixed", "nest_say", "nest_before", "nest_dist", "nest_z",
    "holds", "holds_n", "holds_zmax",
    "kind_direct", "kind_mixed", "kind_indirect", "kind_according_to",
    "nosource",
    "order_SCT", "order_TSC", "order_TCS", "order_according_to", "order_colon", "order_passive",
    "order_experiencer", "order_noun_agent", "order_possessor", "order_frame", "order_byline", "order_other",
    "rank", "nsent", "sent_zmax_over",
    "inquote", "title", "colon", "say",
)
_ORDERS = tuple(f[len("order_"):] for f in FEATURES if f.startswith("order_") and f != "order_other")
_NAMED_ORDERS = frozenset(_ORDERS)
_KINDS = ("direct", "mixed", "indirect", "according_to")
_COLONS = frozenset({":", "-", "--", "—", "–"})


def structure(view: TokenView, items: list, kinds: list, say: frozenset) -> list:
    """What the second stage reads about each item ``(head, logit, roles)``, as a tuple
    (see ``features`` for the names): the strongest other cue whose content holds this cue
    (its logit, whether its content is a mixed quote, whether it is a plain speech verb,
    before or after, distance), the cues this one's content holds, the rank in the sentence,
    role shapes. Items come in head order, so a sentence's items are one run."""
    sent_start, in_quote, lower, title_line = view.sent_start, view.in_quote, view.lower, view.title_line
    out = []
    n_items = len(items)
    i = 0
    while i < n_items:
        h, z, roles = items[i]
        ss = sent_start[h]
        j = i + 1
        while j < n_items and sent_start[items[j][0]] == ss:
            j += 1
        if j == i + 1:  # most sentences: nothing nested, first of one
            w = lower[h]
            out.append((z, None, 0, None, kinds[i], not roles.source, (roles.order if roles.order in _NAMED_ORDERS else "other"),
                        0, 1, 0.0, in_quote[h], title_line[h], w in _COLONS, w in say))
            i = j
            continue
        group = range(i, j)
        ranked = sorted([items[k][1] for k in group], reverse=True)
        top, n = ranked[0], j - i
        for k in group:
            h, z, roles = items[k]
            outer = None
            held_n, held_z = 0, None
            cs, ce = roles.cue
            content = roles.content
            for m in group:
                if m == k:
                    continue
                oh, oz, other = items[m]
                for s, e in other.content:
                    if s <= cs and ce <= e:
                        if outer is None or oz > outer[1]:
                            outer = (oh, oz, m)
                        break
                ms, me = other.cue
                for s, e in content:
                    if s <= ms and me <= e:
                        held_n += 1
                        if held_z is None or oz > held_z:
                            held_z = oz
                        break
            if outer is not None:
                oh, oz, m = outer
                outer = (oz, kinds[m] == "mixed", lower[oh] in say, oh < h, min(abs(oh - h), 30) / 10)
            w = lower[h]
            rank = ranked.index(z)
            out.append((z, outer, held_n, held_z, kinds[k], not roles.source,
                        (roles.order if roles.order in _NAMED_ORDERS else "other"), rank if rank < 3 else 3, n if n < 5 else 5,
                        top - z, in_quote[h], title_line[h], w in _COLONS, w in say))
        i = j
    return out


def features(view: TokenView, items: list, kinds: list, say: frozenset) -> list:
    """One {feature: value} per item (training; ``Reranker.scores`` sums the same weights
    without building them)."""
    out = []
    for z, outer, held_n, held_z, kind, nosource, order, rank, nsent, below, inq, title, colon, sv \
            in structure(view, items, kinds, say):
        f = {"b": 1.0, "z": z, "zpos": z if z > 0 else 0.0}
        if outer is not None:
            oz, mixed, osay, before, dist = outer
            f.update(nested=1.0, nest_zmax=oz, nest_dist=dist, nest_z=z)
            if mixed:
                f["nest_mixed"] = 1.0
            if osay:
                f["nest_say"] = 1.0
            if before:
                f["nest_before"] = 1.0
        if held_n:
            f.update(holds=1.0, holds_n=float(min(held_n, 3)), holds_zmax=held_z)
        f["kind_" + kind] = 1.0
        if nosource:
            f["nosource"] = 1.0
        f["order_" + order] = 1.0
        f.update(rank=float(rank), nsent=float(nsent), sent_zmax_over=below, inquote=float(inq),
                 title=float(title))
        if colon:
            f["colon"] = 1.0
        if sv:
            f["say"] = 1.0
        out.append(f)
    return out


class Reranker:
    """The second stage of a model file's ``rerank`` entry."""

    def __init__(self, spec: dict, say: frozenset):
        w = dict(zip(spec["features"], spec["weights"]))
        self.low_threshold = spec["low_threshold"]
        self.say = say
        g = lambda name: w.get(name, 0.0)  # noqa: E731
        self.w = tuple(g(name) for name in FEATURES)
        self.by_kind = {k: g("kind_" + k) for k in _KINDS}
        self.by_order = {o: g("order_" + o) for o in _ORDERS + ("other",)}

    def scores(self, view: TokenView, items: list, kinds: list) -> list:
        """The second-stage logit of each item ``(head, first-stage logit, roles)``: the sum
        of ``features`` times their weights."""
        (b, wz, wzpos, nested, nzmax, nmixed, nsay, nbefore, ndist, nz, holds, holds_n,
         holds_zmax, _kd, _km, _ki, _ka, nosrc, *_orders, wrank, wnsent, wbelow, winq, wtitle,
         wcolon, wsay) = self.w
        by_kind, by_order = self.by_kind, self.by_order
        out = []
        for z, outer, held_n, held_z, kind, nosource, order, rank, nsent, below, inq, title, colon, sv \
                in structure(view, items, kinds, self.say):
            t = b + wz * z + by_kind[kind] + by_order[order] + wrank * rank + wnsent * nsent \
                + wbelow * below + winq * inq + wtitle * title
            if z > 0:
                t += wzpos * z
            if outer is not None:
                oz, mixed, osay, before, dist = outer
                t += nested + nzmax * oz + ndist * dist + nz * z
                if mixed:
                    t += nmixed
                if osay:
                    t += nsay
                if before:
                    t += nbefore
            if held_n:
                t += holds + holds_n * (held_n if held_n < 3 else 3) + holds_zmax * held_z
            if nosource:
                t += nosrc
            if colon:
                t += wcolon
            if sv:
                t += wsay
            out.append(t)
        return out
