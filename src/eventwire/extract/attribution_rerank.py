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
shipped in attribution_model.json under ``rerank``. Cost: ~20 dictionary updates per
candidate, for ~30 candidates a document.
"""
from __future__ import annotations

import math

from .attribution_features import TokenView

# the features, in the order the model file lists their weights
FEATURES = (
    "b", "z", "zpos", "zneg",
    "nested", "nest_zmax", "nest_zmax_over", "nest_stronger", "nest_above", "nest_direct",
    "nest_mixed", "nest_say", "nest_before", "nest_dist", "nest_z", "nest_inq",
    "holds", "holds_n", "holds_zmax",
    "in_source", "in_source_z", "shares", "shares_zmax_over",
    "zlt_m1", "z_m1_0", "z_0_1", "z_1_2",
    "kind_direct", "kind_mixed", "kind_indirect", "kind_according_to",
    "nosource",
    "order_SCT", "order_TSC", "order_TCS", "order_according_to", "order_colon", "order_passive",
    "order_experiencer", "order_noun_agent", "order_possessor", "order_other",
    "rank", "nsent", "sent_zmax_over",
    "inquote", "title", "colon", "say",
)
_ORDERS = frozenset(f[len("order_"):] for f in FEATURES if f.startswith("order_")) - {"other"}
_COLONS = frozenset({":", "-", "--", "—", "–"})


def logit(p: float) -> float:
    return math.log(p / (1 - p))


def features(view: TokenView, items: list, kinds: list, say: frozenset, cut: float) -> list:
    """One {feature: value} per item ``(head, logit, roles)``; ``kinds`` their content
    kinds, ``say`` the plain speech-verb forms, ``cut`` the first stage's logit threshold."""
    sent_start, in_quote, lower, title_line = view.sent_start, view.in_quote, view.lower, view.title_line
    by_sent: dict = {}
    for k, (h, _z, _r) in enumerate(items):
        by_sent.setdefault(sent_start[h], []).append(k)
    out = [None] * len(items)
    for ks in by_sent.values():
        ranked = sorted((items[k][1] for k in ks), reverse=True)
        top = ranked[0]
        for k in ks:
            h, z, roles = items[k]
            cs, ce = roles.cue
            f = {"b": 1.0, "z": z, "zpos": z if z > 0 else 0.0, "zneg": z if z < 0 else 0.0}
            holders, held, sourced, shared = [], [], [], []
            for m in ks:
                if m == k:
                    continue
                other = items[m][2]
                if any(s <= cs and ce <= e for s, e in other.content):
                    holders.append(m)
                elif any(s <= cs and ce <= e for s, e in other.source):
                    sourced.append(m)  # "critics of the plan said": the cue noun is a source
                ms, me = other.cue
                if any(s <= ms and me <= e for s, e in roles.content):
                    held.append(m)
                elif any(s < oe and os < e for s, e in roles.content for os, oe in other.content):
                    shared.append(m)  # one content claimed by two cues
            if z < -1:
                f["zlt_m1"] = 1.0
            elif z < 0:
                f["z_m1_0"] = 1.0
            elif z < 1:
                f["z_0_1"] = 1.0
            elif z < 2:
                f["z_1_2"] = 1.0
            if sourced:
                f["in_source"] = 1.0
                f["in_source_z"] = max(items[m][1] for m in sourced)
            if shared:
                f["shares"] = 1.0
                f["shares_zmax_over"] = max(items[m][1] for m in shared) - z
            if holders:
                outer = max(holders, key=lambda m: items[m][1])
                hz = items[outer][1]
                oh = items[outer][0]
                f["nested"] = 1.0
                f["nest_zmax"] = hz
                f["nest_zmax_over"] = hz - z
                f["nest_stronger"] = 1.0 if hz > z else 0.0
                f["nest_above"] = 1.0 if hz > cut else 0.0
                if kinds[outer] == "direct":
                    f["nest_direct"] = 1.0
                elif kinds[outer] == "mixed":
                    f["nest_mixed"] = 1.0
                if lower[oh] in say:
                    f["nest_say"] = 1.0
                if oh < h:
                    f["nest_before"] = 1.0
                f["nest_dist"] = min(abs(oh - h), 30) / 10
                f["nest_z"] = z
                f["nest_inq"] = float(in_quote[h])
            if held:
                f["holds"] = 1.0
                f["holds_n"] = float(min(len(held), 3))
                f["holds_zmax"] = max(items[m][1] for m in held)
            f["kind_" + kinds[k]] = 1.0
            if not roles.source:
                f["nosource"] = 1.0
            f["order_" + (roles.order if roles.order in _ORDERS else "other")] = 1.0
            f["rank"] = float(min(ranked.index(z), 3))
            f["nsent"] = float(min(len(ks), 5))
            f["sent_zmax_over"] = top - z
            f["inquote"] = float(in_quote[h])
            f["title"] = float(title_line[h])
            w = lower[h]
            if w in _COLONS:
                f["colon"] = 1.0
            if w in say:
                f["say"] = 1.0
            out[k] = f
    return out


class Reranker:
    """The second stage of a model file's ``rerank`` entry."""

    def __init__(self, spec: dict, say: frozenset, first_threshold: float):
        self.weights = dict(zip(spec["features"], spec["weights"]))
        self.low_threshold = spec["low_threshold"]
        self.say = say
        self.cut = logit(first_threshold)

    def scores(self, view: TokenView, items: list, kinds: list) -> list:
        """The second-stage logit of each item ``(head, first-stage logit, roles)``."""
        get = self.weights.get
        return [sum(get(name, 0.0) * v for name, v in f.items())
                for f in features(view, items, kinds, self.say, self.cut)]
