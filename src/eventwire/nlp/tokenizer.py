"""spaCy's English tokenizer, several times faster, with exactly the same tokens.

spaCy cuts the text at whitespace and tokenises every piece on its own (prefixes, suffixes,
infixes, special cases such as "don't"); it keeps a cache per piece but then runs its
special-case matcher over the whole Doc on every call, and that pass costs more than the
tokenising itself on news articles. Because the pieces are independent, the split of each
distinct piece can be remembered in a plain dict and the Doc built from words and spaces:
a piece seen before costs one dict lookup. Pieces not seen before are tokenised together,
by spaCy's own tokenizer, in one call per Doc.

Tokens are those of ``spacy.blank("en").tokenizer`` (tests/nlp/test_tokenizer.py checks it on
hand-written text and, when /work/shared is present, on every gold-set article). Token
attributes set only by special cases (a NORM such as "not" for "n't") are not copied: no
eventwire component reads NORM.
"""
from __future__ import annotations

import re
from itertools import chain

from spacy.attrs import ORTH
from spacy.tokens import Doc

from .fast import _TEXT as TEXT_KEY, _WORDS as WORDS_KEY

# A text is cut into items: a piece of non-whitespace with the one plain space after it (if
# any), or a run of whitespace. Python's \s and spaCy's str.isspace() agree (both are
# Py_UNICODE_ISSPACE).
_ITEMS = re.compile(r"\S+ ?|\s+").findall
_SEPARATOR = "\x00"  # a token of its own that no prefix, suffix or special case touches
_JOIN = " " + _SEPARATOR + " "
_CACHE_LIMIT = 300_000  # distinct pieces remembered (a few tens of MB at most)
# Pieces whose split needs no rule engine (most unseen pieces of a news article): an ASCII
# word or hyphenated compound, with at most an opening quote or bracket, a possessive, one
# closing mark and a closing quote or bracket ("(Hello", "well-known", "Russia's", "said.”").
# Words that spaCy has a special case for ("cannot", "Mr."), a period that spaCy might keep
# ("A.", "U.S.") and anything else go to spaCy. The tests check these splits against spaCy's
# on every piece of the gold sets and corpora and on each corpus word with every affix.
_SIMPLE = re.compile(r"""([(“‘"]?)([A-Za-z]+(?:[-–—][A-Za-z]+)*)('s|’s)?([.,;:?!]?)([”’")]?)""")
_DASH = re.compile(r"([-–—])")



class CachedTokenizer:
    """A callable ``text -> Doc`` that replaces ``nlp.tokenizer``; the spaCy tokenizer it
    wraps stays available as ``.spacy_tokenizer`` (for its rules, or to serialise)."""

    def __init__(self, spacy_tokenizer):
        self.spacy_tokenizer = spacy_tokenizer
        self.vocab = spacy_tokenizer.vocab
        self._pieces: dict[str, tuple] = {}   # piece -> its tokens
        self._words: dict[str, tuple] = {}    # item (piece + optional space, or whitespace) -> tokens
        self._spaces: dict[str, tuple] = {}   # item -> trailing-space flags of those tokens

    def __call__(self, text: str) -> Doc:
        words, spaces = self.words_and_spaces(text)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        doc.user_data[WORDS_KEY] = (words, spaces)  # read back by nlp.fast.token_texts
        doc.user_data[TEXT_KEY] = text              # and nlp.fast.doc_text
        return doc

    def pipe(self, texts, batch_size: int = 1000):
        for text in texts:
            yield self(text)

    def words_and_spaces(self, text: str) -> tuple[list, list]:
        """Token texts and trailing-space flags, as ``Doc(vocab, words, spaces)`` takes them."""
        items = _ITEMS(text)
        words, spaces = self._words, self._spaces
        try:
            return (list(chain.from_iterable(map(words.__getitem__, items))),
                    list(chain.from_iterable(map(spaces.__getitem__, items))))
        except KeyError:
            pass
        self._learn_items({item for item in items if item not in words})
        return (list(chain.from_iterable(map(words.__getitem__, items))),
                list(chain.from_iterable(map(spaces.__getitem__, items))))

    def _learn_items(self, items: set) -> None:
        if len(self._words) + len(items) > _CACHE_LIMIT:
            self._words.clear()
            self._spaces.clear()
        pieces = self._pieces
        unseen = [item.rstrip(" ") for item in items if not item[0].isspace()]
        self._learn([p for p in dict.fromkeys(unseen) if p not in pieces])
        for item in sorted(items):
            if item[0].isspace():
                # spaCy gives one plain space to the token before it; a longer run of
                # whitespace (or one that does not start with a space) is a token of its own.
                self._words[item], self._spaces[item] = (item,), (False,)
                continue
            piece = item.rstrip(" ")
            toks = pieces[piece]
            self._words[item] = toks
            self._spaces[item] = (False,) * (len(toks) - 1) + (piece != item,)

    def _learn(self, missing: list[str]) -> None:
        """Tokenise unseen pieces in one spaCy call, kept apart by a separator token.

        A bare space would not do: spaCy's special-case matcher can reach across it ("Games'
        ''The" gives ' ' ' where "''The" alone gives '' The), so pieces that merely follow
        each other in the list would change each other's tokens."""
        cache = self._pieces
        if len(cache) + len(missing) > _CACHE_LIMIT:
            cache.clear()
        rules = self.spacy_tokenizer.rules
        hard = []
        for piece in missing:
            split = None if piece in rules else _plain_split(piece, rules)
            if split is None:
                hard.append(piece)
            else:
                cache[piece] = split
        missing = hard
        if not missing:
            return
        if not any(_SEPARATOR in p for p in missing):
            doc = self.spacy_tokenizer(_JOIN.join(missing))
            groups: list[tuple] = []
            current: list[str] = []
            for token in doc:
                text = token.text
                if text == _SEPARATOR:
                    groups.append(tuple(current))
                    current = []
                else:
                    current.append(text)
            groups.append(tuple(current))
            if len(groups) == len(missing) and all("".join(g) == p for g, p in zip(groups, missing)):
                cache.update(zip(missing, groups))
                return
        for piece in missing:
            cache[piece] = tuple(t.text for t in self.spacy_tokenizer(piece))


def _plain_split(piece: str, rules) -> tuple | None:
    """The split of a piece that spaCy's prefix, suffix and infix rules treat trivially, or None."""
    if piece.isascii() and (piece.isalpha() or piece.isdigit()):
        return (piece,)  # the caller has ruled out special cases
    m = _SIMPLE.fullmatch(piece)
    if m is None:
        return None
    opening, core, possessive, mark, closing = m.groups()
    words = _DASH.split(core) if len(core) > 2 and ("-" in core or "–" in core or "—" in core) else [core]
    if mark == ".":
        last = possessive or words[-1]
        if not (last[-1].islower() or len(last) > 1 and last[-2:].isupper()):
            return None  # "A." keeps its period
    out = [opening] if opening else []
    out.extend(words)
    for tail in (possessive, mark, closing):
        if tail:
            out.append(tail)
    # spaCy looks up special cases on what is left after each affix it strips and on runs of
    # tokens after splitting ("Mr.", "‘S", "(o:", "cannot"): any run that is one means spaCy.
    n = len(out)
    for i in range(n):
        run = out[i]
        if run in rules and (len(rules[run]) != 1 or rules[run][0].get(ORTH) != run):
            return None
        for j in range(i + 1, n):
            run += out[j]
            if run in rules:
                return None
    return tuple(out)


def install(nlp) -> None:
    """Put a :class:`CachedTokenizer` in front of ``nlp``'s tokenizer (once)."""
    if not isinstance(nlp.tokenizer, CachedTokenizer):
        nlp.tokenizer = CachedTokenizer(nlp.tokenizer)
