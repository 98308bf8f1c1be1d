"""The cue-head model compiled for the hot path: the same score as summing the weights of
``attribution_features.cue_features`` strings, without building a single string.

The shipped model is a dictionary "feature string -> weight" (what training writes and a
person can read). Scoring ~100 candidate tokens a document that way builds ~2,800 strings
and hashes each one. Here every feature template becomes a dictionary keyed by the token
strings themselves (whose hashes Python caches) or a list indexed by a small integer, and the
templates that pair a neighbour with the candidate's word or lemma ("p1w=the|said") are
regrouped per word form, once per form. ``tests/extract/test_attribution.py`` checks that
both ways give the same score.
"""
from __future__ import annotations

from . import attribution_features as F

_EMPTY: dict = {}
# templates "name=A|B" whose B (or A) is the candidate's word or lemma: name -> (which part is
# the word or lemma, which key the run-time lookup uses)
_PAIR = {
    "p1w": "w_last",     # p1 | w
    "wn1": "w_first",    # w | n1
    "lemn1": "w_first",  # lem | n1
    "p1lem": "w_last",   # p1 | lem
    "lemq": "w_first",   # lem | qqq
    "lempos": "w_first",  # lem | s/m/e
}
_SINGLE = ("p1", "n1", "p2", "n2", "lexv|n1", "lexv|p1", "lexn|p1", "colon|sh1")
_POS = ("0", "1", "2", "3", "m", "e")
_REST = ("0", "1", "2", "3", "m")
_LINE = tuple(str(k) for k in range(6)) + ("m",)
_COLON_LINE = tuple(str(k) for k in range(8)) + ("m",)
_QCODES = tuple("%d%d%d" % (k >> 2, (k >> 1) & 1, k & 1) for k in range(8))
_LEMPOS = ("s", "m", "e")


class WordEntry:
    """What one word form contributes: its context-free score, and its word-specific weights
    keyed by the previous word (p1w and p1lem summed into one table) and by the next word
    (wn1 and lemn1), so each neighbour costs one look-up."""

    __slots__ = ("base", "by_p1", "by_n1", "lemq", "lempos", "title", "colon", "lexv", "lexn")


def _merged(tables: list) -> dict:
    tables = [t for t in tables if t]
    if not tables:
        return _EMPTY
    if len(tables) == 1:
        return tables[0]
    out: dict = {}
    for t in tables:
        for k, v in t.items():
            out[k] = out.get(k, 0.0) + v
    return out


class CueScorer:
    def __init__(self, weights: dict, lex: F.Lexicon):
        self.weights = weights
        self.lex = lex
        single = {name: {} for name in _SINGLE}
        pairs: dict = {name: {} for name in _PAIR}  # name -> word/lemma -> {other: weight}
        self.title_lem: dict = {}
        for f, wt in weights.items():
            name, eq, value = f.partition("=")
            if not eq:
                if f.startswith("titleline|"):
                    self.title_lem[f[len("titleline|"):]] = wt
                continue
            if name in single:
                single[name][value] = wt
            elif name in pairs:
                # a token may hold "|" itself: register every split; only the true one can
                # match a (word, neighbour) query, because the string is their concatenation
                for k, ch in enumerate(value):
                    if ch != "|":
                        continue
                    a, b = value[:k], value[k + 1:]
                    word, other = (b, a) if _PAIR[name] == "w_last" else (a, b)
                    pairs[name].setdefault(word, {})[other] = wt
        self.single = single
        self.pairs = pairs
        get = weights.get
        self.pos = [get("pos=" + v, 0.0) for v in _POS]
        self.rest = [get("rest=" + v, 0.0) for v in _REST]
        self.line = [get("line=" + v, 0.0) for v in _LINE]
        self.colon_line = [get("colon|line=" + v, 0.0) for v in _COLON_LINE]
        self.q = [get("q=" + v, 0.0) for v in _QCODES]
        self.cb = [get("cb=0", 0.0), get("cb=1", 0.0)]
        self.titleline = get("titleline", 0.0)
        self.words: dict = {}

    def entry(self, w: str) -> WordEntry:
        e = self.words.get(w)
        if e is not None:
            return e
        lex, get, pairs = self.lex, self.weights.get, self.pairs
        lem = F.verb_lemma(w)
        e = WordEntry()
        e.base = sum(get(f, 0.0) for f in F.word_features(w, lex))
        lexv = w in lex.reporting_forms or lem in lex.reporting_forms
        single = self.single
        # the lexicon-class tables (lexv|p1 ...) hold thousands of entries: looked up on their
        # own, never copied into a word's table
        e.by_p1 = _merged([pairs["p1w"].get(w), pairs["p1lem"].get(lem)])
        e.by_n1 = _merged([pairs["wn1"].get(w), pairs["lemn1"].get(lem)])
        e.lexv = lexv
        e.lexn = w in lex.cue_nouns
        lemq = pairs["lemq"].get(lem, _EMPTY)
        e.lemq = [lemq.get(code, 0.0) for code in _QCODES]
        lempos = pairs["lempos"].get(lem, _EMPTY)
        e.lempos = [lempos.get(v, 0.0) for v in _LEMPOS]
        e.title = self.title_lem.get(lem, 0.0)
        e.colon = w in lex.colon_cues
        if len(self.words) < 200_000:
            self.words[w] = e
        return e

    def score(self, view: F.TokenView, i: int, e: WordEntry) -> float:
        """The logit of token ``i`` (whose word entry is ``e``) being a cue head."""
        lower, single = view.lower, self.single
        shape = F.shape
        ss, se = view.sent_start[i], view.sent_end[i]
        p1 = lower[i - 1] if i - 1 >= ss else "<s>"
        p2 = lower[i - 2] if i - 2 >= ss else "<s>"
        n1 = lower[i + 1] if i + 1 < se else "</s>"
        n2 = lower[i + 2] if i + 2 < se else "</s>"
        pos, rest = i - ss, se - i - 1
        upto, commas = view.quotes_upto, view.commas_upto
        code = (view.in_quote[i] << 2) | ((upto[i] > upto[ss]) << 1) | (upto[se] > upto[i + 1])
        line = view.line_index[i]
        z = (e.base
             + single["p1"].get(p1, 0.0) + single["n1"].get(n1, 0.0)
             + single["p2"].get(p2, 0.0) + single["n2"].get(n2, 0.0)
             + e.by_p1.get(p1, 0.0) + e.by_n1.get(n1, 0.0)
             + self.pos[pos if pos < 4 else 4 if rest > 3 else 5]
             + self.rest[rest if rest < 4 else 4]
             + self.q[code] + e.lemq[code]
             + self.cb[commas[i] > commas[i - 6 if i - 6 > ss else ss]]
             + self.line[line if line < 6 else 6]
             + e.lempos[0 if pos < 2 else 2 if rest < 2 else 1])
        if view.title_line[i]:
            z += self.titleline + e.title
        if e.lexv:
            z += single["lexv|n1"].get(n1, 0.0) + single["lexv|p1"].get(p1, 0.0)
        if e.lexn:
            z += single["lexn|p1"].get(p1, 0.0)
        if e.colon:
            z += self.colon_line[line if line < 8 else 8]
            z += single["colon|sh1"].get(shape(view.words[i - 1]) if i > ss else "<s>", 0.0)
        return z
