"""Attribution: who says what. Sets ``doc._.attributions`` to a list of models.Attribution.

Two steps, both cheap enough for the hot path (no parser):

1. Cue heads. Candidate tokens (reporting-verb inflections, cue nouns, colons and dashes,
   words the model saw as cue heads, and the prepositions of attribution frames such as
   "in a new poll", attribution_frames.py) are scored by a logistic-regression model over
   string features of the token and its neighbours (attribution_features.py; weights in
   data/lexicons/attribution_model.json, trained by tools/train_attribution.py). Heads
   above a lower threshold get their roles, and a second stage (attribution_rerank.py)
   keeps those whose place among the document's attributions makes them likely cues (a cue
   inside a stronger cue's content rarely is). A cue is extended over auxiliaries ("has
   also said") and "according to".
2. Roles. Source and content come from position rules around the cue within its sentence
   (attribution_roles.py): "X said Y", "Y, X said", "Y, said X", "according to X", "X: Y".

Each role is a list of ``[start, end]`` character fragments into the article text.
"""
from __future__ import annotations

import math
from bisect import bisect_left
from functools import lru_cache
from itertools import compress
from operator import gt

from spacy.language import Language

from ..errors import DataFileError
from ..models import Attribution
from ..nlp.fast import doc_text
from ..resources import load_json
from . import attribution_features as F
from .attribution_frames import byline_dash, frame_heads, frame_lexicon, section_label
from .attribution_rerank import Reranker
from .attribution_scorer import CueScorer
from .attribution_roles import RoleLexicon, assign, extend_cue

VERSION = "1.5"
COMPONENT = f"eventwire_attributions@{VERSION}"
MODEL_FILE = "lexicons/attribution_model.json"
# Cue probability threshold: of the second stage (attribution_rerank) when the model has one,
# else of the first; on both held-out halves of PolNeAR anything from 0.40 to 0.50 gives cue
# and relation F1 within 0.01 (docs/attribution.md).
THRESHOLD = 0.42


@lru_cache(maxsize=1)
def role_lexicon() -> RoleLexicon:
    data = load_json(F.LEXICON_FILE)
    return RoleLexicon(
        left_aux=frozenset(data["cue_left_auxiliaries"]),
        clause_words=frozenset(data["source_clause_words"]),
        skip_after_cue=frozenset(data["content_skip_words"]),
        according=frozenset(w.split()[0] for w in data["according_to"] if w.startswith("according")),
        subject_pronouns=frozenset(data["subject_pronouns"]),
        experiencer_objects=frozenset(data["experiencer_object_verbs"]),
        by_means=frozenset(data["by_means"]),
        irregular_participles=frozenset(data["irregular_participles"]),
        inversion_verbs=frozenset(data["inversion_verbs"]),
        stance_participles=frozenset(data["stance_participles"]),
        raising_verbs=frozenset(data["raising_verbs"]),
        hearsay_adverbs=frozenset(data["hearsay_adverbs"]),
        reporting_forms=F.lexicon().reporting_forms,
        control_words=frozenset(data["infinitive_control_words"]),
        participle_only=frozenset(data["participle_only_forms"]),
        target_verbs=frozenset(data["target_verbs"]),
        addressee_verbs=frozenset(data["addressee_verbs"]),
        attitude_nouns=frozenset(data["attitude_nouns"]),
        object_control_verbs=frozenset(data["object_control_verbs"]),
    )


@lru_cache(maxsize=1)
def speech_verbs() -> frozenset:
    """Forms of the plain speech verbs (say, tell, add): a cue inside the content of one of
    these is rarely annotated (the second stage's ``nest_say``)."""
    return frozenset(load_json(F.LEXICON_FILE)["plain_speech_verbs"])


@lru_cache(maxsize=1)
def default_model() -> dict:
    model = load_json(MODEL_FILE)
    if "tables" not in model or "vocabulary" not in model:
        raise DataFileError(f"{MODEL_FILE}: needs 'tables' and 'vocabulary'")
    return model


class AttributionTagger:
    """Finds attributions in a Doc with sentence boundaries."""

    def __init__(self, model: dict | None = None, threshold: float = THRESHOLD):
        model = model or default_model()
        self.candidate = F.CandidateFilter(model["vocabulary"], never=model.get("never_cues", ()))
        self.threshold = threshold
        self.lex = F.lexicon()
        self.frames = frame_lexicon()
        # one pass over the tokens finds the candidate forms and the frames' trigger words
        forms = self.candidate.forms
        self.scan = None if forms is None else forms | self.frames.triggers
        self.scorer = CueScorer(model["tables"], self.lex)
        self.roles = role_lexicon()
        # the second stage sees every head over its lower threshold with its roles
        spec = model.get("rerank")
        self.rerank = Reranker(spec, speech_verbs()) if spec else None
        first = self.rerank.low_threshold if self.rerank else threshold
        self.logit_threshold = math.log(first / (1 - first))
        self.final_logit = math.log(threshold / (1 - threshold))

    def cue_heads(self, view: F.TokenView) -> list:
        """(token, logit) of every candidate token scored over the threshold, of colons
        after a speaker label and of quotation bylines; never a colon after a section label.
        Candidates: the candidate filter's forms and the prepositions of attribution frames
        (attribution_frames)."""
        positions = self.candidates(view)
        threshold = self.logit_threshold
        lower = view.lower
        return [(i, z) for i, z in zip(positions, self.scorer.score_all(view, positions))
                if (z > threshold or _kept_by_rule(view, i, self.frames))
                and not (lower[i] == ":" and section_label(view, i, self.frames))]

    def candidates(self, view: F.TokenView) -> list:
        """Token positions scored as cue heads, in order (the same set training scores,
        tools/train_attribution.py)."""
        candidate = self.candidate
        lower = view.lower
        forms = candidate.forms
        if forms is None:
            positions = [i for i, w in enumerate(lower) if candidate(w)]
            framed = frame_heads(view, self.frames)
        else:
            hits = list(compress(range(len(lower)), map(self.scan.__contains__, lower)))
            triggers = self.frames.triggers
            found = [i for i in hits if lower[i] in triggers]
            if not found:
                return hits  # (most documents: no frame noun, every hit a candidate form)
            positions = [i for i in hits if lower[i] in forms]
            framed = frame_heads(view, self.frames, found)
        if framed:
            positions = sorted(set(positions).union(framed))
        return positions

    def merge_heads(self, view: F.TokenView, heads: list) -> list:
        """One cue per phrase: "said in a statement" gives two heads, one cue."""
        out = []
        for i, z in heads:
            if out:
                j, zj = out[-1]
                between = range(j + 1, i)
                if (view.sent_start[i] == view.sent_start[j] and i - j <= 4
                        and all(view.lower[k] in self.lex.function_words for k in between)):
                    # ('alleged in a statement': a verb kept by rule keeps the phrase's head)
                    if z > zj and not _reporting_closer(view, j):
                        out[-1] = (i, z)
                    continue
                if view.lower[i] == ":" and _colon_after_cue(view, j, i):
                    continue  # "Lee told Fox News: “...”": the verb is the cue
            out.append((i, z))
        return self._drop_channel_nouns(view, out)

    def _drop_channel_nouns(self, view: F.TokenView, heads: list) -> list:
        """'In a statement (on Friday), the ministry said ...': the noun names the channel of
        the verb cue after it in the sentence, not an attribution of its own."""
        out = []
        lower, sent_start, nouns = view.lower, view.sent_start, self.lex.cue_nouns
        for k, (i, z) in enumerate(heads):
            if (lower[i] in nouns and i - 2 >= sent_start[i] and lower[i - 2] == "in"
                    and k + 1 < len(heads) and sent_start[heads[k + 1][0]] == sent_start[i]
                    and heads[k + 1][0] - i <= 15 and lower[heads[k + 1][0]] not in nouns):
                continue
            out.append((i, z))
        return out

    def __call__(self, doc):
        if len(doc) == 0:
            doc._.attributions = []
            return doc
        doc._.attributions = self.extract(F.view_from_doc(doc, self.lex), doc_text(doc))
        return doc

    def extract(self, view: F.TokenView, text: str) -> list:
        """The attributions of one document's token view (``view.starts`` set)."""
        heads = self.merge_heads(view, self.cue_heads(view))
        items = self.first_pass(view, heads)
        if self.rerank is not None and items:
            items, kinds = self._second_pass(view, heads, items)
        else:
            kinds = [_kind(view, roles) for _h, _z, roles in items]
        starts = view.starts
        found = [self._record(text, starts, view, roles, kind) for (_h, _z, roles), kind in zip(items, kinds)]
        _link_nested(found)
        return found

    def first_pass(self, view: F.TokenView, heads: list, reuse: dict | None = None) -> list:
        """(head, logit, Roles) of every head that finds a content; the heads are each
        other's walls. ``reuse``: head -> Roles already found with the same walls."""
        head_set = frozenset(h for h, _z in heads)
        items = []
        last = None
        sent_start = view.sent_start
        for head, z in heads:
            roles = reuse.get(head) if reuse else None
            if roles is None:
                cue = extend_cue(view, head, self.roles)
                # the searches run left of the cue's start and right of its end, never over
                # its own head: every head can stand in ``others``
                roles = assign(view, cue, self.roles, head_set)
                if not roles.content:
                    continue
            if roles.participle and last is not None and sent_start[last.cue[0]] == sent_start[head] \
                    and last.source:
                roles.source = last.source  # "Alvarez said ..., suggesting ..."
            last = roles
            items.append((head, z, roles))
        return items

    def _second_pass(self, view: F.TokenView, heads: list, items: list) -> tuple:
        """The items the second stage keeps and their kinds; their roles are found again in
        the sentences that lost a head (a dropped head no longer stops a neighbour's source
        search)."""
        kinds = [_kind(view, roles) for _h, _z, roles in items]
        cut = self.final_logit
        # a colon after a speaker label or headline name, and a quotation's byline dash, are
        # kept by rule, as in cue_heads
        frames = self.frames
        keep = [s > cut or _kept_by_rule(view, h, frames)
                for s, (h, _z, _r) in zip(self.rerank.scores(view, items, kinds), items)]
        if all(keep):
            return items, kinds
        kept = {h for (h, _z, _r), k in zip(items, keep) if k}
        sent_start = view.sent_start
        dropped: dict = {}  # sentence -> its dropped heads
        for h, _z in heads:
            if h not in kept:
                dropped.setdefault(sent_start[h], []).append(h)
        # a dropped head inside a kept cue's content stopped none of its searches (they run
        # from the cue outwards and end at the content's edges): only the others are redone
        reuse = {h: (r, kind) for (h, _z, r), kind, k in zip(items, kinds, keep)
                 if k and all(any(s <= d < e for s, e in r.content) for d in dropped.get(sent_start[h], ()))}
        items = self.first_pass(view, [(h, z) for h, z in heads if h in kept],
                                {h: r for h, (r, _k) in reuse.items()})
        return items, [reuse[h][1] if h in reuse else _kind(view, roles) for h, _z, roles in items]

    def _record(self, text, starts, view, roles, kind: str) -> Attribution:
        ends = view.ends
        source = [[starts[s], ends[e - 1]] for s, e in roles.source]
        cs, ce = roles.cue
        cue = [[starts[cs], ends[ce - 1]]]
        return Attribution(
            source=source,
            cue=cue,
            content=[[starts[s], ends[e - 1]] for s, e in roles.content],
            source_text=_joined(text, source),
            cue_text=text[cue[0][0]:cue[0][1]],
            kind=kind,
            component=COMPONENT,
        )


def _joined(text: str, fragments: list) -> str:
    if len(fragments) == 1:
        s, e = fragments[0]
        return text[s:e]
    return " ".join(text[s:e] for s, e in fragments)


def _colon_after_cue(view: F.TokenView, j: int, i: int) -> bool:
    """Does the colon at ``i`` close the phrase of the cue head ``j`` before it ("told Fox News:",
    "wrote on Facebook:", "said in a statement:"): same sentence, at most eight tokens on,
    no quotation mark or other colon between? The annotators code the verb, not the colon."""
    if i - j > 8 or view.sent_start[i] != view.sent_start[j] or view.lower[j] in _COLONS:
        return False
    upto = view.quotes_upto
    return upto[i] == upto[j + 1] and ":" not in view.lower[j + 1:i]


_COLONS = frozenset({":", "—", "―", "–", "-", "--"})


def _kept_by_rule(view: F.TokenView, i: int, frames) -> bool:
    """A colon after a speaker label or headline name, a dash before a quotation's byline, a
    reporting verb that closes its sentence after a short subject."""
    w = view.lower[i]
    if w == ":":
        return _speaker_colon(view, i)
    if w in frames.byline_dashes:
        return byline_dash(view, i)
    return _reporting_closer(view, i)


def _reporting_closer(view: F.TokenView, i: int) -> bool:
    # only the verbs of contested claims: PolNeAR's annotator left many a plain closing 'said'
    # out, and the model has learnt which (keeping every closing report: cue F1 -0.003)
    return view.lower[i] in _closing_claim_forms() and _closing_report(view, i)


@lru_cache(maxsize=1)
def _report_closers() -> frozenset:
    return frozenset(load_json(F.LEXICON_FILE)["report_closers"])


@lru_cache(maxsize=1)
def _closing_claim_forms() -> frozenset:
    return frozenset(f for verb in load_json(F.LEXICON_FILE)["closing_claim_verbs"] for f in F.verb_forms(verb))


def _closing_report(view: F.TokenView, i: int) -> bool:
    """'Rebels shelled the town, the army claimed.', '"...," the group alleged on Monday.': a
    claim verb ('closing_claim_verbs') after a comma or closing quote and a subject of at most
    five words, with nothing after it but a time or channel phrase ('report_closers').
    Political news (the model's training) rarely puts 'claimed' or 'alleged' there; wire
    copy about conflicts often does."""
    lower, start, end = view.lower, view.sent_start[i], view.sent_end[i]
    closers = _report_closers()
    k = i + 1
    while k < end and lower[k] in closers:
        k += 1
    if k < end and lower[k] not in (".", "!", "?"):
        return False
    j = i - 1
    while j > start and i - j <= 6 and lower[j] != "," and lower[j] not in ('"', "\u201d"):
        j -= 1
    return j > start + 2 and 1 < i - j <= 6 and (lower[j] == "," or lower[j] in ('"', "\u201d"))


def _speaker_colon(view: F.TokenView, i: int) -> bool:
    """A colon after a speaker label that opens a line: transcripts ('"PENCE: Well, ...',
    "Q: ...") and headlines ("Merkel: Europe must stand together")."""
    col = view.line_index[i]
    if col == 0 or col > 4:
        return False
    label = [view.words[k] for k in range(i - col, i) if view.words[k].strip()]
    label = [w for w in label if w not in ('"', "“", "'", "‘")]
    if not label or not all(w[:1].isupper() for w in label):
        return False
    return view.title_line[i] == 1 or all(w.isupper() for w in label)


def _kind(view: F.TokenView, roles) -> str:
    if roles.order == "according_to":
        return "according_to"
    # non-space content tokens, and those inside quotation marks (in_quote 0/1 > space flag)
    inside = total = 0
    space, in_quote = view.space, view.in_quote
    for s, e in roles.content:
        total += e - s - sum(space[s:e])
        inside += sum(map(gt, in_quote[s:e], space[s:e]))
    if total and inside == total:
        return "direct"
    if inside:
        return "mixed"
    return "indirect"


def _link_nested(found: list) -> None:
    """``nested_in``: the attribution whose content holds this one's cue (the smallest; of
    equal ones, the first). The cues inside a content fragment are a run of the cues sorted
    by start, found by bisection."""
    order = sorted(range(len(found)), key=lambda k: found[k].cue[0][0])
    cue_starts = [found[k].cue[0][0] for k in order]
    best: dict = {}  # attribution index -> (content length, index of the holder)
    for m, b in enumerate(found):
        for s, e in b.content:
            for r in range(bisect_left(cue_starts, s), bisect_left(cue_starts, e)):
                k = order[r]
                if k != m and found[k].cue[0][1] <= e:
                    held = best.get(k)
                    if held is None or e - s < held[0]:
                        best[k] = (e - s, m)
    for k, (_length, m) in best.items():
        found[k].nested_in = m


@Language.factory("eventwire_attributions")
def make_component(nlp: Language, name: str):
    tagger = AttributionTagger()

    def component(doc):
        return tagger(doc)

    component.version = VERSION  # type: ignore[attr-defined]
    return component
