"""The cue-head model compiled for the hot path: the same score as summing the weights of
``attribution_features.cue_features`` strings, without building a single string.

Training learns a dictionary "feature string -> weight"; ``compile_weights`` regroups it
into the tables the shipped model file holds (``tables`` in attribution_model.json), so
loading the model is reading JSON, nothing more. Scoring ~100 candidate tokens a document
through feature strings would build ~2,800 strings and hash each one. Here every feature
template is a dictionary keyed by the token strings themselves (whose hashes Python caches)
or a list indexed by a small integer, and the templates that pair a neighbour with the
candidate's word or lemma ("p1w=the|said") are regrouped per word form, once per form.
``flat_weights`` turns the tables back into feature strings; ``tests/extract/test_attribution.py``
checks that both ways give the same score.
"""
from __future__ import annotations

from . import attribution_features as F

_EMPTY: dict = {}
# templates "name=A|B" whose B (or A) is the candidate's word or lemma: name -> which part is
# the word or lemma
_PAIR = {
    "p1w": "w_last",     # p1 | w
    "wn1": "w_first",    # w | n1
    "lemn1": "w_first",  # lem | n1
    "p1lem": "w_last",   # p1 | lem
    "lemq": "w_first",   # lem | qqq
    "lempos": "w_first",  # lem | s/m/e
}
# templates "name=VALUE" looked up by one string
_SINGLE = ("w", "lem", "suf", "p1", "n1", "p2", "n2", "lexv|n1", "lexv|p1", "lexn|p1", "colon|sh1")
# templates "name=VALUE" over a few values, read as lists indexed by a small integer
_POS = ("0", "1", "2", "3", "m", "e")
_REST = ("0", "1", "2", "3", "m")
_LINE = tuple(str(k) for k in range(6)) + ("m",)
_COLON_LINE = tuple(str(k) for k in range(8)) + ("m",)
_QCODES = tuple("%d%d%d" % (k >> 2, (k >> 1) & 1, k & 1) for k in range(8))
_CB = ("0", "1")
_LISTS = {"pos": _POS, "rest": _REST, "line": _LINE, "colon|line": _COLON_LINE, "q": _QCODES, "cb": _CB}
_LEMPOS = ("s", "m", "e")
# features without "=": the bias, lexicon membership, headline lines
_SCALARS = ("b", "lexv", "lexn", "titleline")


def compile_weights(weights: dict) -> dict:
    """The JSON-able tables of a "feature string -> weight" model (what the model file ships)."""
    single = {name: {} for name in _SINGLE}
    pairs: dict = {name: {} for name in _PAIR}  # name -> word/lemma -> {other: weight}
    title_lem: dict = {}
    scalars = {name: weights.get(name, 0.0) for name in _SCALARS}
    for f, wt in weights.items():
        name, eq, value = f.partition("=")
        if not eq:
            if f.startswith("titleline|"):
                title_lem[f[len("titleline|"):]] = wt
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
    lists = {name: [weights.get(name + "=" + v, 0.0) for v in values] for name, values in _LISTS.items()}
    return {"scalars": scalars, "single": single, "pairs": pairs, "titleline|": title_lem, "lists": lists}


def flat_weights(tables: dict) -> dict:
    """The "feature string -> weight" dictionary the tables were compiled from (tests, tools)."""
    out = {name: wt for name, wt in tables["scalars"].items() if wt}
    for name, table in tables["single"].items():
        out.update((name + "=" + v, wt) for v, wt in table.items())
    for name, by_word in tables["pairs"].items():
        for word, table in by_word.items():
            for other, wt in table.items():
                a, b = (other, word) if _PAIR[name] == "w_last" else (word, other)
                out[name + "=" + a + "|" + b] = wt
    out.update(("titleline|" + lem, wt) for lem, wt in tables["titleline|"].items())
    for name, values in _LISTS.items():
        out.update((name + "=" + v, wt) for v, wt in zip(values, tables["lists"][name]) if wt)
    return out


class WordEntry:
    """What one word form contributes: its context-free score, and its word-specific weights
    keyed by the previous word (p1w and p1lem summed into one table) and by the next word
    (wn1 and lemn1), so each neighbour costs one look-up."""

    __slots__ = ("base", "by_p1", "by_n1", "lemq", "lempos", "title", "colon", "lexv", "lexn",
                 "place", "quote", "rare")


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
    def __init__(self, tables: dict, lex: F.Lexicon):
        self.lex = lex
        self.scalars = tables["scalars"]
        self.single = single = tables["single"]
        self.pairs = tables["pairs"]
        self.title_lem = tables["titleline|"]
        lists = tables["lists"]
        self.pos, self.rest, self.line = lists["pos"], lists["rest"], lists["line"]
        self.colon_line, self.q, self.cb = lists["colon|line"], lists["q"], lists["cb"]
        self.titleline = self.scalars["titleline"]
        # "a comma in the six tokens before" and the index in the line, summed per pair
        self.cb_line = [c + ln for c in self.cb for ln in self.line]
        self.p1, self.n1 = single["p1"].get, single["n1"].get
        self.p2, self.n2 = single["p2"].get, single["n2"].get
        self.lexv_n1, self.lexv_p1 = single["lexv|n1"].get, single["lexv|p1"].get
        self.lexn_p1, self.colon_sh1 = single["lexn|p1"].get, single["colon|sh1"].get
        self.words: dict = {}
        self.places: dict = {}
        self.quotes: dict = {}

    def entry(self, w: str) -> WordEntry:
        e = self.words.get(w)
        if e is not None:
            return e
        lex, pairs, single, scalars = self.lex, self.pairs, self.single, self.scalars
        lem = F.verb_lemma(w)
        e = WordEntry()
        lexv = w in lex.reporting_forms or lem in lex.reporting_forms
        # the weights of attribution_features.word_features, added in that order
        base = 0
        base += scalars["b"]
        base += single["w"].get(w, 0.0)
        base += single["lem"].get(lem, 0.0)
        base += single["suf"].get(w[-3:], 0.0)
        if lexv:
            base += scalars["lexv"]
        if w in lex.cue_nouns:
            base += scalars["lexn"]
        e.base = base
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
        # where the token sits (its index from the sentence start and to its end, each capped
        # at 4: 25 cases) and its quote code (8 cases), each summed over the templates that
        # read them, once per form (and shared by the many forms without lemma weights)
        key = tuple(e.lempos)
        e.place = self.places.get(key)
        if e.place is None:
            pos_w, rest_w, lempos = self.pos, self.rest, e.lempos
            e.place = self.places[key] = [pos_w[p if p < 4 else 4 if r > 3 else 5] + rest_w[r]
                                          + lempos[0 if p < 2 else 2 if r < 2 else 1]
                                          for p in range(5) for r in range(5)]
        key = tuple(e.lemq)
        e.quote = self.quotes.get(key)
        if e.quote is None:
            e.quote = self.quotes[key] = [a + b for a, b in zip(self.q, e.lemq)]
        e.rare = lexv or e.lexn or e.colon
        if len(self.words) < 200_000:
            self.words[w] = e
        return e

    def score(self, view: F.TokenView, i: int, e: WordEntry | None = None) -> float:
        """The logit of token ``i`` being a cue head."""
        return self.score_all(view, [i])[0]

    def score_all(self, view: F.TokenView, positions: list) -> list:
        """The logits of the tokens at ``positions`` being cue heads: one loop, the tables
        bound to locals (a dozen look-ups per token is all the work there is; computing the
        templates as whole columns with ``map`` measured slower for ~100 tokens a document)."""
        lower, sent_start, sent_end = view.lower, view.sent_start, view.sent_end
        in_quote, upto, line_index, title_line = view.in_quote, view.quotes_upto, view.line_index, view.title_line
        words_get, entry = self.words.get, self.entry
        p1_get, n1_get, p2_get, n2_get = self.p1, self.n1, self.p2, self.n2
        cb_line = self.cb_line
        out = []
        for i in positions:
            w = lower[i]
            e = words_get(w) or entry(w)
            ss, se = sent_start[i], sent_end[i]
            p1 = lower[i - 1] if i > ss else "<s>"
            p2 = lower[i - 2] if i - 2 >= ss else "<s>"
            n1 = lower[i + 1] if i + 1 < se else "</s>"
            n2 = lower[i + 2] if i + 2 < se else "</s>"
            pos, rest = i - ss, se - i - 1
            line = line_index[i]
            z = (e.base
                 + p1_get(p1, 0.0) + n1_get(n1, 0.0)
                 + p2_get(p2, 0.0) + n2_get(n2, 0.0)
                 + e.by_p1.get(p1, 0.0) + e.by_n1.get(n1, 0.0)
                 + e.place[(pos if pos < 4 else 4) * 5 + (rest if rest < 4 else 4)]
                 + e.quote[(in_quote[i] << 2) | ((upto[i] > upto[ss]) << 1) | (upto[se] > upto[i + 1])]
                 + cb_line[("," in lower[i - 6 if i - 6 > ss else ss:i]) * 7 + (line if line < 6 else 6)])
            if title_line[i]:
                z += self.titleline + e.title
            if e.rare:
                if e.lexv:
                    z += self.lexv_n1(n1, 0.0) + self.lexv_p1(p1, 0.0)
                if e.lexn:
                    z += self.lexn_p1(p1, 0.0)
                if e.colon:
                    z += self.colon_line[line if line < 8 else 8]
                    z += self.colon_sh1(F.shape(view.words[i - 1]) if i > ss else "<s>", 0.0)
            out.append(z)
        return out
