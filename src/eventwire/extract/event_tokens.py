"""Per-Doc token arrays for the event coder and actor resolution.

The coder looks at tokens around every trigger and every actor many times per sentence;
building a spaCy ``Token`` or ``Span`` for each look costs microseconds and, over a long
article, most of the stage's time. These views are read once per Doc from spaCy's arrays
and cached in ``doc.user_data``; text, offsets and flags then come from plain lists.
"""
from __future__ import annotations

import re
import weakref
from itertools import compress

from ..nlp.fast import (doc_text, entity_spans, lowering_keeps_lengths, phrase_docs, sentence_starts, token_attr, token_lowers,
                        token_offsets, token_texts)

_KEY = "eventwire_events.view"
_SIGMA = "\u03a3"  # the one character whose lower-case form depends on its neighbours


class Sent:
    """A sentence as token and character bounds (what the coder needs of a ``Span``)."""

    __slots__ = ("start", "end", "start_char", "end_char")

    def __init__(self, start: int, end: int, start_char: int, end_char: int):
        self.start, self.end, self.start_char, self.end_char = start, end, start_char, end_char


class Ent:
    """A named entity as plain values: token bounds, text and label."""

    __slots__ = ("start", "end", "text", "label_")

    def __init__(self, start: int, end: int, text: str, label: str):
        self.start, self.end, self.text, self.label_ = start, end, text, label


class TokenView:
    def __init__(self, doc):
        self.text = text = doc_text(doc)
        self.low = low = token_lowers(doc)
        self.n = len(doc)
        # weakly: the view is cached in the Doc's user_data, and a strong reference back
        # would make every Doc collectable only by the cyclic GC
        self._doc = weakref.ref(doc)
        # the token offsets the places stage already worked out (nlp.fast's per-Doc cache)
        self.idx = token_offsets(doc)[0]
        self.words = words = token_texts(doc)
        # a token's lower-cased form has the token's length unless lower-casing changes the
        # text's length; only then are lengths read from the Doc
        self._lens = None if lowering_keeps_lengths(text) else token_attr(doc, "LENGTH")
        # spaCy's IS_TITLE and IS_ALPHA flags are ``str.istitle`` and ``str.isalpha`` of the
        # token text (spacy.lang.lex_attrs); mapping them over the tokenizer's own word list
        # costs a few microseconds where ``Doc.to_array`` costs tens
        self.title = list(map(str.istitle, words))
        # the names as the entities component recorded them (nlp.fast.entity_spans): no
        # reading of the token arrays back
        self.ent_spans = ents = entity_spans(doc)
        self._ent_types: dict = {k: label for a, b, label in ents for k in range(a, b)}
        self._lower_text = None
        self.sent_starts = sentence_starts(doc)
        self._sents: dict = {}
        self._low_set = None
        self._positions = None
        del low

    @property
    def positions(self) -> list:
        """``list(range(n))``, made once: the scans that pick token indices out with
        ``compress`` take them from here instead of a ``range``, which would make a new int
        object for every token of every scan."""
        found = self._positions
        if found is None:
            found = self._positions = list(range(self.n))
        return found

    @property
    def low_set(self) -> set:
        """The distinct lower-cased tokens (looked up in the trigger and actor indexes)."""
        found = self._low_set
        if found is None:
            found = self._low_set = set(self.low)
        return found

    def end_char(self, i: int) -> int:
        """Character offset after token ``i``."""
        if self._lens is None:
            return self.idx[i] + len(self.low[i])
        return self.idx[i] + self._lens[i]

    def sent(self, k: int) -> Sent:
        """Sentence number ``k``, built on first use."""
        s = self._sents.get(k)
        if s is None:
            starts = self.sent_starts
            a = starts[k]
            b = starts[k + 1] if k + 1 < len(starts) else self.n
            s = self._sents[k] = Sent(a, b, self.idx[a], self.end_char(b - 1))
        return s

    def ents(self, labels: tuple) -> list:
        """Named entities with one of ``labels``, as :class:`Ent`."""
        return [Ent(s, e, self.span_text(s, e), label) for s, e, label in self.ent_spans if label in labels]

    def ent_type(self, i: int) -> str:
        return self._ent_types.get(i, "")

    def like_num(self, i: int) -> bool:
        """Token ``i`` looks like a number: asked of a handful of tokens, so read one at a time."""
        return self._doc()[i].like_num

    def span_text(self, s: int, e: int) -> str:
        return self.text[self.idx[s]:self.end_char(e - 1)] if e > s else ""

    def span_lower(self, s: int, e: int) -> str:
        """The tokens' text lower-cased as part of the whole text (what ``text.lower()`` holds
        there). Each character lower-cases on its own but capital sigma, so without one the
        span's own text is lower-cased instead of the whole text."""
        if e - s == 1:
            return self.low[s]
        if self._lower_text is None:
            self._lower_text = self.text.lower() if self._lens is None and _SIGMA in self.text else False
        if self._lower_text is False:
            return self.span_text(s, e).lower()
        return self._lower_text[self.idx[s]:self.end_char(e - 1)]


_LAST: list = [None, None]  # the Doc seen last and its view: the coder asks hundreds of times per Doc


def token_view(doc) -> TokenView:
    if _LAST[0] is doc:  # the events stage runs last: the Doc's tokens no longer change
        return _LAST[1]
    view = doc.user_data.get(_KEY)
    if view is None or view.n != len(doc):
        view = doc.user_data[_KEY] = TokenView(doc)
    _LAST[0], _LAST[1] = doc, view
    return view


def cached_view(doc):
    """The Doc's token view if the events stage built one (and the Doc kept its tokens), else None."""
    view = doc.user_data.get(_KEY)
    return view if view is not None and view.n == len(doc) else None


def token_low(doc) -> list:
    """Lower-cased token texts (the view's), index-aligned with the Doc."""
    return token_view(doc).low


_PLAIN = re.compile(r"^[A-Za-z]+( [A-Za-z]+)*$")  # nlp.fast.phrase_docs splits these at spaces


_PHRASE_TOKENIZERS: dict = {}  # id(vocab) -> (vocab, the pipeline's spaCy tokenizer)


def use_pipeline_tokenizer(nlp) -> None:
    """Split phrases with the pipeline's own tokenizer (the English rules that
    ``nlp.fast.phrase_docs`` would build a second copy of, at a few tenths of a second).
    Our ``CachedTokenizer`` splits any text as spaCy's rules do (tested piece by piece), so
    it serves itself: asking it for ``spacy_tokenizer`` would build spaCy's one at start-up."""
    from ..nlp.tokenizer import CachedTokenizer

    tokenizer = nlp.tokenizer if isinstance(nlp.tokenizer, CachedTokenizer) else getattr(
        nlp.tokenizer, "spacy_tokenizer", None)
    if tokenizer is not None and tokenizer.vocab is nlp.vocab:
        _PHRASE_TOKENIZERS[id(nlp.vocab)] = (nlp.vocab, tokenizer)


def phrase_tokens(vocab, phrases: list, lower: bool = True) -> list:
    """Each phrase as its tokens, split as ``nlp.fast.phrase_docs`` splits it ('cease-fire' ->
    cease, -, fire), lower-cased (spaCy's LOWER) or as written (ORTH). Plain words are split at
    spaces without building a Doc."""
    other = [p for p in phrases if not _PLAIN.match(p)]
    known = _PHRASE_TOKENIZERS.get(id(vocab))
    split = getattr(known[1], "words_and_spaces", None) if known is not None and known[0] is vocab else None
    if split is not None:
        # the token texts without a Doc (nor a new lexeme per unseen token, made at start-up
        # for aliases most articles never mention); a token's LOWER is its text lower-cased
        tokenized = {p: [w.lower() for w in split(p)[0]] if lower else split(p)[0] for p in other}
    else:
        docs = [known[1](p) for p in other] if known is not None and known[0] is vocab else phrase_docs(vocab, other)
        tokenized = {p: [t.lower_ if lower else t.text for t in d] for p, d in zip(other, docs)}
    return [tokenized[p] if p in tokenized else (p.lower() if lower else p).split(" ") for p in phrases]


class TokenIndex:
    """Phrases as token sequences, looked up from their first two tokens.

    It finds what a spaCy ``PhraseMatcher`` finds over the same tokens (every occurrence,
    overlapping ones included) but needs no Doc per phrase when it is built.
    """

    def __init__(self, sequences):
        # first token -> [is a phrase on its own, {second token -> longer phrases}]
        self.by_first: dict = {}
        for tokens in sequences:
            if tokens:
                entry = self.by_first.setdefault(tokens[0], [False, {}])
                if len(tokens) == 1:
                    entry[0] = True
                else:
                    entry[1].setdefault(tokens[1], []).append(list(tokens))
        self._lowered_firsts = None

    def matches(self, tokens: list, unique=None, positions=None) -> list:
        """(start, end) of every phrase in ``tokens``; ``unique`` is ``set(tokens)`` and
        ``positions`` ``list(range(len(tokens)))`` when the caller has them.

        The index is large and the tokens are new strings, so each lookup in it is a cache
        miss: the distinct tokens are looked up once, and the positions are then found in the
        few first tokens present."""
        index, out = self.by_first, []
        present = index.keys() & (set(tokens) if unique is None else unique)
        if not present:
            return out
        starts = compress(range(len(tokens)) if positions is None else positions, map(present.__contains__, tokens))
        return _phrases_from(index, tokens, starts, out)

    def matches_cased(self, view) -> list:
        """``matches(view.words)`` for an index of phrases as written (case-sensitive).

        Where a token's lower-cased form is its own text lower-cased (any text without capital
        sigma), only a token whose lower-cased form is some first token's can start a match:
        those are found among the view's lower-cased tokens, whose distinct set is known, with
        no set of the written words built."""
        if _SIGMA in view.text:
            return self.matches(view.words)
        lowered = self._lowered_firsts
        if lowered is None:
            lowered = self._lowered_firsts = frozenset(w.lower() for w in self.by_first)
        present = view.low_set & lowered
        out: list = []
        if not present:
            return out
        starts = compress(view.positions, map(present.__contains__, view.low))
        return _phrases_from(self.by_first, view.words, starts, out)


def _phrases_from(index: dict, tokens: list, starts, out: list) -> list:
    """Append to ``out`` the (start, end) of every phrase of ``index`` (first token ->
    (matches alone, {second token: [phrases]})) opening at one of ``starts``; a start whose
    token opens no phrase is skipped."""
    last = len(tokens) - 1
    for i in starts:
        entry = index.get(tokens[i])
        if entry is None:
            continue
        alone, longer = entry
        if alone:
            out.append((i, i + 1))
        if longer and i < last:
            for seq in longer.get(tokens[i + 1], ()):
                n = len(seq)
                if n == 2 or tokens[i:i + n] == seq:
                    out.append((i, i + n))
    return out
