"""Token features for the attribution cue classifier, shared by run time and training.

The classifier decides, for each candidate token, whether it is the *head* of an
attribution cue (the "said" of "has said", the "according" of "according to", the colon of
a headline "Merkel: ..."). Features are plain strings so the model is a dictionary of weights
and scoring is a handful of dictionary look-ups per candidate: no parser, no tagger.

The inputs are deliberately spaCy-free (lists of token strings and sentence ids) so that
``tools/train_attribution.py`` and the pipeline component compute exactly the same thing.
"""
from __future__ import annotations

from dataclasses import dataclass
from bisect import bisect_right
from itertools import accumulate, chain, compress, repeat
from operator import sub
from functools import lru_cache

import re

from ..nlp.fast import doc_text, lowering_keeps_lengths, sentence_starts, token_lowers, token_offsets, token_texts
from ..nlp.inflect import known_lemmas, lemma, verb_forms

from ..resources import load_json

LEXICON_FILE = "lexicons/attribution.json"


@dataclass(frozen=True)
class Lexicon:
    reporting_forms: frozenset  # every inflection of every reporting verb
    cue_nouns: frozenset
    function_words: frozenset
    quote_open: frozenset
    quote_close: frozenset
    colon_cues: frozenset


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    data = load_json(LEXICON_FILE)
    forms = set()
    for verb in data["reporting_verbs"]:
        forms.update(verb_forms(verb))
    return Lexicon(
        reporting_forms=frozenset(forms),
        cue_nouns=frozenset(w for w in data["cue_nouns"] if " " not in w),
        function_words=frozenset(data["function_words"]),
        quote_open=frozenset(data["quote_open"]),
        quote_close=frozenset(data["quote_close"]),
        colon_cues=frozenset(data["colon_cues"]),
    )


@lru_cache(maxsize=200_000)
def verb_lemma(lower: str) -> str:
    """The verb lemma of a word form ("criticizes" -> "criticize"), or the form itself."""
    if not lower.isalpha() or lower in _uninflected():
        return lower
    return lemma(lower)


@lru_cache(maxsize=1)
def _uninflected() -> frozenset:
    """Candidates that are no verb or noun, the prepositions of attribution frames ("in"):
    their lemma is the form (the shipped lemma table lists only the inflecting candidate
    forms; looking these up elsewhere would load lemminflect at run time)."""
    return frozenset(load_json(LEXICON_FILE)["frame_prepositions"])


@lru_cache(maxsize=100_000)
def shape(text: str) -> str:
    if text.isalpha():
        if text.isupper():
            return "X" if len(text) > 1 else "X1"
        return "Xx" if text[0].isupper() else "x"
    if text.isdigit():
        return "d"
    return "p"


# punctuation the role searches and frames stop at
SENT_FINAL = frozenset({".", "!", "?", "…"})
QUOTES = frozenset({'"', "“", "”", "‘", "’", "'", "«", "»", "``", "''"})


def trim_span(view: "TokenView", s: int, e: int, drop=frozenset()) -> tuple:
    """Token bounds ``[s, e)`` without the whitespace tokens and ``drop`` words at either end."""
    space, lower = view.space, view.lower
    while s < e and (space[s] or lower[s] in drop):
        s += 1
    while e > s and (space[e - 1] or lower[e - 1] in drop):
        e -= 1
    return s, e


def content_end(view: "TokenView", s: int, e: int) -> int:
    """A content's end: the sentence's final full stop (and whitespace) left out."""
    while e > s and (view.space[e - 1] or view.lower[e - 1] in SENT_FINAL):
        e -= 1
    return e


class TokenView:
    """What the features need from a document: lowercased words, shapes, sentence ids,
    quote depth and line starts, computed once per document."""

    __slots__ = ("words", "lower", "sent", "sent_start", "sent_end", "in_quote", "line_index",
                 "lex", "starts", "quotes_upto", "title_line", "space", "ends")

    def __init__(self, words: list, sent_ids: list, line_index: list, lex: Lexicon | None = None):
        self.lex = lex or lexicon()
        self.words = words
        self.lower = [w.lower() for w in words]
        self.sent = sent_ids
        self.line_index = line_index  # index of the token within its line (0 = first)
        n = len(words)
        sent_start, sent_end = [0] * n, [0] * n
        start = 0
        for i in range(1, n + 1):
            if i == n or sent_ids[i] != sent_ids[i - 1]:
                sent_start[start:i] = [start] * (i - start)
                sent_end[start:i] = [i] * (i - start)
                start = i
        self.sent_start, self.sent_end = sent_start, sent_end
        self.in_quote = quote_depth(words, sent_ids, self.lex)
        self.starts = None  # character offsets, when built from a Doc
        self.ends = None
        # quotes_upto[i]: quoted tokens before i (prefix sums answer "a quote before/after
        # this token in its sentence?" in constant time)
        self.quotes_upto = [0] + list(accumulate(self.in_quote))
        self.title_line = title_lines(words, line_index)
        self.space = [not w.strip() for w in words]


def view_from_doc(doc, lex: Lexicon | None = None) -> TokenView:
    """A TokenView of a spaCy Doc whose sentence boundaries are set.

    Built from the token texts, offsets, lower-cased tokens and sentence starts that
    eventwire.nlp.fast caches for every component (the tokenizer and the sentence splitter
    made them already), and from the few tokens that matter per field (quote marks, line
    breaks, short lines): iterating spaCy Token objects, ``Doc.to_array``, or even a Python
    loop over all tokens per view field, costs a large share of the stage's budget on an
    800-word article. Same fields as ``TokenView(...)``."""
    text = doc_text(doc)
    starts, ends = token_offsets(doc)
    words = token_texts(doc)
    lower = token_lowers(doc)
    n = len(lower)
    view = TokenView.__new__(TokenView)
    view.lex = lex or lexicon()
    view.words = words
    view.lower = lower
    view.starts = starts
    view.ends = ends
    # sentence first and end token of each token's sentence, as runs of repeated values
    bounds = [0]
    for s in sentence_starts(doc):
        if bounds[-1] < s < n:
            bounds.append(s)
    lengths = list(map(sub, bounds[1:] + [n], bounds))
    view.sent_start = list(chain.from_iterable(map(repeat, bounds, lengths)))
    view.sent = view.sent_start  # a sentence is named by its first token here
    view.sent_end = list(chain.from_iterable(map(repeat, bounds[1:] + [n], lengths)))
    space = list(map(str.isspace, lower))
    view.space = space
    # index within the line: non-space tokens since the token after the last line break
    newline_tokens = _tokens_at(starts, [m.start() for m in _NEWLINE.finditer(text)])
    line_firsts = [0] + [t + 1 for t in newline_tokens if t + 1 < n]
    line_lengths = list(map(sub, line_firsts[1:] + [n], line_firsts))
    if space.count(True) == len(newline_tokens) and all(map(space.__getitem__, newline_tokens)):
        # the only space tokens are the line breaks, each the last token of its line: the
        # index within the line is the plain token count
        view.line_index = list(chain.from_iterable(map(range, line_lengths)))
    else:
        nonspace = list(map(sub, range(n + 1), accumulate(space, initial=0)))
        line_index = []
        for a, length in zip(line_firsts, line_lengths):
            line_index += map(sub, nonspace[a:a + length], repeat(nonspace[a], length))
        view.line_index = line_index
    quote_tokens = list(compress(range(n), map(_QUOTE_TOKENS.__contains__, words)))
    in_quote = _quote_depth_sparse(n, quote_tokens, newline_tokens, words)
    view.in_quote = in_quote
    view.quotes_upto = list(accumulate(in_quote, initial=0))
    if lowering_keeps_lengths(text):  # token_lowers gave each token its slice's length
        view.title_line = _title_lines_lower(text, lower, starts, line_firsts, space)
    else:
        view.title_line = title_lines(words, view.line_index)
    return view


_NEWLINE = re.compile("\n")
_QUOTE_TOKENS = frozenset(['"', "''", "``", "“", "«", "”", "»"])


class LazyWords:
    """The tokens' original text, sliced from the document when asked for."""

    __slots__ = ("text", "starts", "ends")

    def __init__(self, text: str, starts: list, ends: list):
        self.text, self.starts, self.ends = text, starts, ends

    def __len__(self) -> int:
        return len(self.starts)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self.text[s:e] for s, e in zip(self.starts[i], self.ends[i])]
        return self.text[self.starts[i]:self.ends[i]]

    def __iter__(self):
        text = self.text
        return (text[s:e] for s, e in zip(self.starts, self.ends))


def _title_lines_lower(text: str, lower: list, starts: list, line_firsts: list, space: list) -> list:
    """``title_lines`` from the lower-cased tokens and the first character of each token in
    the text (same answer when lower-casing keeps every token's length). A line's leading
    space tokens are segments of their own there, never headline-like: the test runs from
    the line's first non-space token to the next line."""
    n = len(lower)
    out = [0] * n
    for k, a in enumerate(line_firsts):
        b = line_firsts[k + 1] if k + 1 < len(line_firsts) else n
        while a < b and space[a]:
            a += 1
        if a >= b or b - a > 40:  # a paragraph, not a headline
            continue
        if _headline(text, lower, starts, a, b):
            out[a:b] = [1] * (b - a)
    return out


def _headline(text: str, lower: list, starts: list, a: int, b: int) -> bool:
    """At least three words of four letters or more on tokens a..b-1, three in four of them
    capitalised. Most short lines are plain sentences: the scan stops as soon as the
    lower-case words outnumber what the tokens left could make up."""
    up = low = 0
    for k in range(a, b):
        w = lower[k]
        if len(w) > 3 and w[0].isalpha():
            if text[starts[k]].isupper():
                up += 1
            else:
                low += 1
                if 3 * low > up + (b - k - 1):
                    return False
    return up + low >= 3 and up >= 3 * low


def _tokens_at(starts: list, chars: list) -> list:
    """Sorted distinct indices of the tokens holding the given character offsets."""
    if not chars:
        return []
    out = []
    last = -1
    for c in chars:
        t = bisect_right(starts, c) - 1
        if t != last:
            out.append(t)
            last = t
    return out


def _quote_depth_sparse(n: int, quotes: list, newlines: list, words: list) -> list:
    """``quote_depth`` visiting only quote-mark and newline tokens (the rest inherit)."""
    out = [0] * n
    inside, since = False, 0
    events = sorted(set(quotes) | set(newlines))
    for i in events:
        if inside and i > since:
            out[since:i] = [1] * (i - since)
        w = words[i]
        if "\n" in w:
            inside = False
        if w == '"' or w == "''" or w == "``":
            inside = not inside
            out[i] = 1
        elif w == "“" or w == "«":
            inside = True
            out[i] = 1
        elif w == "”" or w == "»":
            inside = False
            out[i] = 1
        else:
            out[i] = 1 if inside else 0
        since = i + 1
    if inside and n > since:
        out[since:n] = [1] * (n - since)
    return out


def title_lines(words: list, line_index: list, line_starts: list | None = None) -> list:
    """1 for tokens on a headline-like line: most words capitalised ("Merkel: Europe Must Stand
    at Debate"). Headlines use colons and present-tense cues differently from body text.
    ``line_starts`` (the tokens whose line index is 0) saves a pass over every token."""
    n = len(words)
    out = [0] * n
    if line_starts is None:
        line_starts = [i for i in range(n) if line_index[i] == 0]
    bounds = line_starts + [n]
    start = 0
    for i in bounds:
        if i <= start and i != n:
            continue
        if i - start > 40:  # a paragraph, not a headline
            start = i
            continue
        alpha = [w for w in words[start:i] if w[:1].isalpha() and len(w) > 3]
        if len(alpha) >= 3 and sum(w[0].isupper() for w in alpha) >= 0.75 * len(alpha):
            out[start:i] = [1] * (i - start)
        start = i
    return out


def quote_depth(words: list, sent_ids: list, lex: Lexicon) -> list:
    """1 for tokens inside quotation marks, else 0. Straight quotes toggle; curly quotes
    open and close. A new paragraph with no quote mark resets (news quotes that run over
    paragraphs reopen with a mark)."""
    out = [0] * len(words)
    inside = False
    for i, w in enumerate(words):
        if "\n" in w:
            inside = False
        if w == '"' or w == "''" or w == "``":
            inside = not inside
            out[i] = 1
            continue
        if w in ("“", "«"):
            inside = True
            out[i] = 1
            continue
        if w in ("”", "»"):
            out[i] = 1
            inside = False
            continue
        out[i] = 1 if inside else 0
    return out


def word_features(w: str, lex: Lexicon) -> list:
    """The features of a cue head that depend on its word form alone. The tagger sums their
    weights once per form and skips the context of forms that cannot reach the threshold."""
    lem = verb_lemma(w)
    feats = ["b", "w=" + w, "lem=" + lem, "suf=" + w[-3:]]
    if w in lex.reporting_forms or lem in lex.reporting_forms:
        feats.append("lexv")
    if w in lex.cue_nouns:
        feats.append("lexn")
    return feats


def cue_features(view: TokenView, i: int) -> list:
    """String features for token ``i`` as a cue head."""
    w = view.lower[i]
    return word_features(w, view.lex) + context_features(view, i)


def context_features(view: TokenView, i: int) -> list:
    """The features of token ``i`` that look at its neighbours, sentence and quotes."""
    lex = view.lex
    w = view.lower[i]
    lem = verb_lemma(w)
    ss, se = view.sent_start[i], view.sent_end[i]
    p1 = view.lower[i - 1] if i - 1 >= ss else "<s>"
    p2 = view.lower[i - 2] if i - 2 >= ss else "<s>"
    n1 = view.lower[i + 1] if i + 1 < se else "</s>"
    n2 = view.lower[i + 2] if i + 2 < se else "</s>"
    pos = i - ss
    rest = se - i - 1
    q = view.in_quote[i]
    # does the sentence hold a quote mark before / after this token?
    upto = view.quotes_upto
    quote_before = 1 if upto[i] > upto[ss] else 0
    quote_after = 1 if upto[se] > upto[i + 1] else 0
    comma_before = 1 if "," in view.lower[max(ss, i - 6):i] else 0
    feats = [
        "p1=" + p1,
        "n1=" + n1,
        "p2=" + p2,
        "n2=" + n2,
        "p1w=" + p1 + "|" + w,
        "wn1=" + w + "|" + n1,
        "lemn1=" + lem + "|" + n1,
        "p1lem=" + p1 + "|" + lem,
        "pos=" + (str(pos) if pos < 4 else "m" if rest > 3 else "e"),
        "rest=" + (str(rest) if rest < 4 else "m"),
        "q=%d%d%d" % (q, quote_before, quote_after),
        "cb=%d" % comma_before,
        "line=" + (str(view.line_index[i]) if view.line_index[i] < 6 else "m"),
        "lemq=%s|%d%d%d" % (lem, q, quote_before, quote_after),
        "lempos=%s|%s" % (lem, "s" if pos < 2 else "e" if rest < 2 else "m"),
    ]
    if view.title_line[i]:
        feats.append("titleline")
        feats.append("titleline|" + lem)
    if w in lex.reporting_forms or lem in lex.reporting_forms:
        feats.append("lexv|n1=" + n1)
        feats.append("lexv|p1=" + p1)
    if w in lex.cue_nouns:
        feats.append("lexn|p1=" + p1)
    if w in lex.colon_cues:
        feats.append("colon|line=" + (str(view.line_index[i]) if view.line_index[i] < 8 else "m"))
        feats.append("colon|sh1=" + (shape(view.words[i - 1]) if i > ss else "<s>"))
    return feats


class CandidateFilter:
    """Which word forms are scored as cue heads at all (speed, and fewer false cues):
    colons and dashes, reporting-verb inflections, cue nouns, and words whose form or
    verb lemma the model saw as a cue head. Function words never are. Memoised per form."""

    def __init__(self, vocabulary, lex: Lexicon | None = None, never=()):
        self.vocabulary = frozenset(vocabulary)
        self.lex = lex or lexicon()
        # forms seen often in training without ever scoring near a cue ("state", "polls"):
        # scoring them takes time (~9 % of candidates) and finds nothing
        self.never = frozenset(never)
        self.memo: dict = {}
        self.forms = self._all_forms()

    def _all_forms(self) -> frozenset | None:
        """Every candidate form, when the shipped lemma table lists the inflections (then a
        form is a candidate or not by set membership alone, with nothing to decide per new
        word); None without the table."""
        known = known_lemmas()
        if not known:
            return None
        lex = self.lex
        pool = set(self.vocabulary) | lex.reporting_forms | lex.cue_nouns
        pool.update(f for f, lem in known.items() if lem in self.vocabulary)
        forms = {w for w in pool if w[:1].isalpha() and w not in lex.function_words}
        forms.update(lex.colon_cues)
        return frozenset(forms - self.never)

    def __call__(self, w: str) -> bool:
        if self.forms is not None:
            return w in self.forms
        hit = self.memo.get(w)
        if hit is None:
            hit = self._decide(w)
            if len(self.memo) < 200_000:
                self.memo[w] = hit
        return hit

    def _decide(self, w: str) -> bool:
        lex = self.lex
        if w in self.never:
            return False
        if w in lex.colon_cues:
            return True
        if w in lex.function_words or not w[:1].isalpha():
            return False
        if w in self.vocabulary or w in lex.reporting_forms or w in lex.cue_nouns:
            return True
        # an inflection of a vocabulary word: every such form is in the shipped lemma table,
        # so a word missing from it needs no lemmatiser at all
        known = known_lemmas()
        if known:
            return known.get(w, w) in self.vocabulary
        return verb_lemma(w) in self.vocabulary
