"""spaCy's English tokenizer, several times faster, with exactly the same tokens.

spaCy cuts the text at whitespace and tokenises every piece on its own (prefixes, suffixes,
infixes, special cases such as "don't"); it keeps a cache per piece but then runs its
special-case matcher over the whole Doc on every call, and that pass costs more than the
tokenising itself on news articles. Because the pieces are independent, the split of each
distinct piece can be remembered in a plain dict and the Doc built from words and spaces:
a piece seen before costs one dict lookup, which also gives the string ids of its tokens, so
spaCy does not hash every token text again. A piece not seen before is split by a regular
expression when it is a plain word with simple punctuation (:func:`_plain_split`), otherwise
by :class:`AffixRules`, spaCy's own per-piece algorithm (affix loop, infixes, special cases,
then the special-case matcher pass over the piece's tokens) written out in Python over
spaCy's rules and regular expressions: no spaCy ``Tokenizer`` call (one per Doc before, with
a Doc and a matcher pass of its own), and spaCy's ``Tokenizer`` (a tenth of a second of
start-up to build its ~1,300 special cases) is built only if something asks for it. A word
the vocabulary has never seen gets its lexeme attributes from exact, faster stand-ins for
spaCy's getters (end of this module).

Tokens are those of ``spacy.blank("en").tokenizer`` (tests/nlp/test_tokenizer.py checks it on
hand-written text, on generated number and punctuation shapes and, when /work/shared is
present, on every gold-set article and every piece of the gold sets and corpora). Token
attributes set only by special cases (a NORM such as "not" for "n't") are not copied: no
eventwire component reads NORM.
"""
from __future__ import annotations

import re
from functools import partial
from itertools import chain, compress, count
from operator import not_

from spacy.attrs import ORTH
from spacy.lang import lex_attrs as _base_attrs
from spacy.lang.en import lex_attrs as _english_attrs
from spacy.tokens import Doc
from spacy.util import _get_attr_unless_lookup

from .fast import _TEXT as TEXT_KEY, _WORDS as WORDS_KEY

# A text is cut at every plain space into parts. A part without whitespace (nearly all of
# them) is a piece that spaCy tokenises on its own, and the space after it goes to its last
# token, whatever comes before or after; its tokens are remembered per part. Parts that are
# empty (a run of spaces) or hold other whitespace (line breaks, tabs, no-break spaces) depend
# on their neighbours: a run of them is cut again into items, as spaCy cuts it: a piece of
# non-whitespace with the one plain space after it (if any), or a run of whitespace. Python's
# \s and spaCy's str.isspace() agree (both are Py_UNICODE_ISSPACE).
_ITEMS = re.compile(r"\S+ ?|\s+").findall
_HAS_WHITESPACE = re.compile(r"\s").search
_CACHE_LIMIT = 300_000  # distinct parts (and pieces, and items) remembered: tens of MB at most
# Pieces whose split needs no rule engine (most unseen pieces of a news article): an ASCII
# word or hyphenated compound, with at most an opening quote or bracket, a possessive, one
# closing mark and a closing quote or bracket ("(Hello", "well-known", "Russia's", "said.”").
# Words that spaCy has a special case for ("cannot", "Mr."), a period that spaCy might keep
# ("A.", "U.S.") and anything else go to AffixRules. The tests check these splits against spaCy's
# on every piece of the gold sets and corpora and on each corpus word with every affix.
_SIMPLE = re.compile(r"""([(“‘"]?)([A-Za-z]+(?:[-–—][A-Za-z]+)*)('s|’s)?([.,;:?!]?)([”’")]?)""")
_DASH = re.compile(r"([-–—])")


class CachedTokenizer:
    """A callable ``text -> Doc`` that replaces ``nlp.tokenizer``.

    A cache entry is one flat tuple ``(text, string id, space after, text, ...)`` per token,
    so the entries of a whole text join into one list that three slices turn into the token
    texts, string ids and spaces a Doc is made of. Unseen pieces are split by
    :func:`_plain_split` or by :class:`AffixRules` (spaCy's algorithm over spaCy's rules), so
    spaCy's own ``Tokenizer`` (``.spacy_tokenizer``) is built only when something asks for it."""

    def __init__(self, spacy_tokenizer=None, *, language=None):
        if (spacy_tokenizer is None) == (language is None):
            raise TypeError("CachedTokenizer takes a spaCy tokenizer or a language, not both")
        self._spacy_tokenizer = spacy_tokenizer
        self._language = None if language is None else _LanguageRules(language.Defaults, language.vocab)
        self.vocab = language.vocab if spacy_tokenizer is None else spacy_tokenizer.vocab
        self._affix_rules: AffixRules | None = None
        self._pieces: dict[str, tuple] = {}   # piece -> its token texts
        self._parts: dict[str, tuple] = {}    # part (followed by a space) -> entry
        self._items: dict[str, tuple] = {}    # item -> entry

    @classmethod
    def for_language(cls, nlp) -> "CachedTokenizer":
        """The tokenizer of a ``Language`` under construction (``create_tokenizer=``): the
        rules of its language defaults, as spaCy's default tokenizer factory would take them."""
        return cls(language=nlp)

    @property
    def spacy_tokenizer(self):
        """spaCy's ``Tokenizer`` with the same rules (built on first use: ~0.1 s)."""
        if self._spacy_tokenizer is None:
            self._spacy_tokenizer = self._language.spacy_tokenizer()
        return self._spacy_tokenizer

    @property
    def rules(self) -> dict:
        """The special cases (spaCy's ``Tokenizer.rules``)."""
        return self._spacy_tokenizer.rules if self._spacy_tokenizer is not None else self._language.rules

    def affix_rules(self) -> "AffixRules":
        if self._affix_rules is None:
            tok = self._spacy_tokenizer
            if tok is not None:
                self._affix_rules = AffixRules(tok.rules, tok.prefix_search, tok.suffix_search, tok.infix_finditer,
                                               tok.token_match, tok.url_match, tok.faster_heuristics)
            else:
                self._affix_rules = self._language.affix_rules()
        return self._affix_rules

    def __call__(self, text: str) -> Doc:
        words, orths, spaces = self.arrays(text)
        try:
            # Known string ids spare spaCy hashing every token text again.
            doc = Doc(self.vocab, words=orths, spaces=spaces)
        except KeyError:  # an id whose string a memory zone has since dropped
            self._parts.clear()
            self._items.clear()
            doc = Doc(self.vocab, words=words, spaces=spaces)
        doc.user_data[WORDS_KEY] = (words, spaces)  # read back by nlp.fast.token_texts
        doc.user_data[TEXT_KEY] = text              # and nlp.fast.doc_text
        return doc

    def pipe(self, texts, batch_size: int = 1000):
        for text in texts:
            yield self(text)

    def words_and_spaces(self, text: str) -> tuple[list, list]:
        """Token texts and trailing-space flags, as ``Doc(vocab, words, spaces)`` takes them."""
        words, _orths, spaces = self.arrays(text)
        return words, spaces

    def arrays(self, text: str) -> tuple[list, list, list]:
        """Token texts, their string ids and trailing-space flags (learning unseen parts)."""
        parts = text.split(" ")
        entries = list(map(self._parts.get, parts))
        if all(entries):
            last_regular = True
        else:
            last_regular = self._fill(parts, entries)
        # one extend per entry: about twice as fast as chain.from_iterable over short tuples
        flat: list = []
        extend = flat.extend
        for entry in entries:
            extend(entry)
        spaces = flat[2::3]
        if last_regular:
            spaces[-1] = False  # the text ends there: no space follows its last part
        return flat[0::3], flat[1::3], spaces

    def _fill(self, parts: list, entries: list) -> bool:
        """Entries for the parts the cache lacks; True when the last part is a plain one."""
        for cache in (self._parts, self._items, self._pieces):
            if len(cache) > _CACHE_LIMIT:
                cache.clear()  # entries already taken for this text stay in ``entries``
        known = self._parts
        split = self._split
        add = self.vocab.strings.add
        runs = []
        for k in compress(count(), map(not_, entries)):  # positions of the None entries
            part = parts[k]
            if part and not _HAS_WHITESPACE(part):
                entry = known.get(part)  # learned a moment ago, earlier in this text
                if entry is None:
                    toks = split(part)
                    if len(toks) == 1:
                        entry = (part, add(part), True)
                    else:
                        flags = (False,) * (len(toks) - 1) + (True,)
                        entry = tuple(chain.from_iterable(zip(toks, map(add, toks), flags)))
                    known[part] = entry
                entries[k] = entry
            elif runs and runs[-1][1] == k:
                runs[-1][1] = k + 1
            else:
                runs.append([k, k + 1])
        if runs:
            self._fill_runs(parts, entries, runs)
        return bool(parts[-1]) and not _HAS_WHITESPACE(parts[-1])

    def _fill_runs(self, parts: list, entries: list, runs: list) -> None:
        # a run of empty or whitespace-holding parts, with the spaces between them and the one
        # after it: what comes before it ended in a plain piece, which took its own space
        n = len(parts)
        items = self._items
        add = self.vocab.strings.add
        for a, b in runs:
            region = " ".join(parts[a:b]) + " " if b < n else " ".join(parts[a:])
            found = _ITEMS(region)
            for item in found:
                if item in items:
                    continue
                if item[0].isspace():
                    # spaCy gives one plain space to the token before it; a longer run of
                    # whitespace (or one that does not start with a space) is a token of its own.
                    items[item] = (item, add(item), False)
                else:
                    piece = item.rstrip(" ")
                    toks = self._split(piece)
                    flags = (False,) * (len(toks) - 1) + (piece != item,)
                    items[item] = tuple(chain.from_iterable(zip(toks, map(add, toks), flags)))
            entries[a] = tuple(chain.from_iterable(map(items.__getitem__, found)))
            for k in range(a + 1, b):
                entries[k] = ()

    def _split(self, piece: str) -> tuple:
        """The token texts of one piece (no whitespace in it), as spaCy's tokenizer gives them
        for the piece on its own."""
        toks = self._pieces.get(piece)
        if toks is None:
            rules = self.rules
            toks = None if piece in rules else _plain_split(piece, rules)
            if toks is None:
                affix_rules = self.affix_rules()
                if affix_rules.exact:
                    toks = affix_rules.split(piece)
                else:  # special cases with spaces inside: left to spaCy's matcher
                    toks = tuple(t.text for t in self.spacy_tokenizer(piece))
            self._pieces[piece] = toks
        return toks


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
        speed_up_lexeme_attributes(nlp.vocab)


# ---------------------------------------------------------------- spaCy's rules, in Python
class AffixRules:
    """spaCy's tokenization of one piece, written out in Python over the same rules and
    regular expressions: ``Tokenizer._split_affixes`` and ``_attach_tokens`` (spaCy 3.8,
    tokenizer.pyx; its per-piece cache only ever returns what these compute), then the
    special-case matcher pass (``_apply_special_cases``) over the piece's tokens.

    Pieces of one text are tokenised on their own, as before (the matcher pass could reach
    across a plain space in spaCy: the ``''`` case in the module docstring's tests). The tests
    compare :meth:`split` with spaCy's tokenizer on every piece of the gold sets and corpora
    and on ~400,000 generated number, currency, abbreviation and quote shapes."""

    def __init__(self, rules, prefix_search, suffix_search, infix_finditer, token_match, url_match,
                 faster_heuristics=True):
        self.rules = rules
        self.prefix_search = prefix_search
        self.suffix_search = suffix_search
        self.infix_finditer = infix_finditer
        self.token_match = token_match
        self.url_match = url_match
        self.faster_heuristics = faster_heuristics
        self._orths: dict = {}      # special case -> its token texts
        self._matcher: dict | None = None  # joined text -> special cases the matcher pass knows
        self._patterns: dict = {}   # special case -> its pattern tokens (or None: not in the matcher)
        # Within one piece the matcher pass can be replayed exactly only when no special case
        # holds whitespace other than being whitespace alone (English has " ", "\t"...).
        self.exact = all(not _HAS_WHITESPACE(s) or s.isspace() for s in rules)

    def orths(self, special: str) -> tuple:
        out = self._orths.get(special)
        if out is None:
            out = self._orths[special] = tuple(
                spec[ORTH] if ORTH in spec else spec["ORTH"] for spec in self.rules[special])
        return out

    def split(self, piece: str) -> tuple:
        """The tokens spaCy's tokenizer gives ``piece`` (no whitespace in it) on its own."""
        tokens = self._affixes(piece, True)
        return self._apply_matcher(tokens)

    def _affixes(self, string: str, specials: bool) -> list:
        rules = self.rules if specials else ()
        if string in rules:
            return list(self.orths(string))
        token_match, prefix_search, suffix_search = self.token_match, self.prefix_search, self.suffix_search
        prefixes: list = []
        suffixes: list = []
        last_size = 0
        while string and len(string) != last_size:
            if token_match is not None and token_match(string):
                break
            if string in rules:
                break
            last_size = len(string)
            pre_len = suf_len = 0
            if prefix_search is not None:
                m = prefix_search(string)
                if m is not None:
                    pre_len = m.end() - m.start()
            if pre_len:
                prefix = string[:pre_len]
                minus_pre = string[pre_len:]
                if minus_pre and minus_pre in rules:
                    string = minus_pre
                    prefixes.append(prefix)
                    break
            if suffix_search is not None:
                m = suffix_search(string[pre_len:])
                if m is not None:
                    suf_len = m.end() - m.start()
            if suf_len:
                suffix = string[-suf_len:]
                minus_suf = string[:-suf_len]
                if minus_suf and minus_suf in rules:
                    string = minus_suf
                    suffixes.append(suffix)
                    break
            if pre_len and suf_len and (pre_len + suf_len) <= len(string):
                string = string[pre_len:-suf_len]
                prefixes.append(prefix)
                suffixes.append(suffix)
            elif pre_len:
                string = minus_pre
                prefixes.append(prefix)
            elif suf_len:
                string = minus_suf
                suffixes.append(suffix)
        tokens = prefixes
        if string:
            if string in rules:
                tokens.extend(self.orths(string))
            elif (token_match is not None and token_match(string)) or \
                    (self.url_match is not None and self.url_match(string)):
                tokens.append(string)
            else:
                matches = list(self.infix_finditer(string)) if self.infix_finditer is not None else []
                if not matches:
                    tokens.append(string)
                else:
                    start = 0
                    for match in matches:
                        infix_start, infix_end = match.start(), match.end()
                        if infix_start == 0:
                            continue
                        if infix_start != start:
                            tokens.append(string[start:infix_start])
                        if infix_start != infix_end:
                            tokens.append(string[infix_start:infix_end])
                        start = infix_end
                    if string[start:]:
                        tokens.append(string[start:])
        tokens.extend(reversed(suffixes))
        return tokens

    def _pattern(self, special: str):
        """The tokens spaCy's special-case matcher looks for to find ``special``, or None when
        the matcher does not know it (``faster_heuristics``: only cases with an affix)."""
        if special in self._patterns:
            return self._patterns[special]
        pattern = None
        s = special
        if not self.faster_heuristics or (self.prefix_search is not None and _length(self.prefix_search(s))) \
                or (self.infix_finditer is not None and any(True for _ in self.infix_finditer(s))) \
                or (self.suffix_search is not None and _length(self.suffix_search(s))) or " " in s:
            pattern = tuple(self._affixes(s, False))
        self._patterns[special] = pattern
        return pattern

    def _apply_matcher(self, tokens: list) -> tuple:
        # spaCy's PhraseMatcher finds every run of tokens equal to a special case's pattern;
        # runs are kept longest first, then leftmost, unless their first or last token is
        # taken already (``_filter_special_spans``), and a kept run whose text is a special
        # case becomes that case's tokens (``_retokenize_special_spans``).
        n = len(tokens)
        index = self._matcher
        if index is None:
            index = self._matcher = {}
            for special in self.rules:
                if not special.isspace():
                    index.setdefault(special, []).append(special)
        matches = []
        for i in range(n):
            run = ""
            for j in range(i, n):
                run += tokens[j]
                candidates = index.get(run)
                if candidates is not None:
                    window = tuple(tokens[i:j + 1])
                    if any(self._pattern(c) == window for c in candidates):
                        matches.append((i, j + 1))
        if not matches:
            return tuple(tokens)
        matches.sort(key=lambda m: (m[0] - m[1], m[0]))
        seen: set = set()
        kept = []
        for start, end in matches:
            if start not in seen and end - 1 not in seen:
                kept.append((start, end))
            seen.update(range(start, end))
        kept.sort()
        out = []
        k = 0
        for start, end in kept:
            out.extend(tokens[k:start])
            text = "".join(tokens[start:end])
            out.extend(self.orths(text) if text in self.rules else tokens[start:end])
            k = end
        out.extend(tokens[k:])
        return tuple(out)


def _length(match) -> int:
    return 0 if match is None else match.end() - match.start()


class _LanguageRules:
    """The tokenizer rules of a language's defaults, taken as spaCy's default tokenizer
    factory (``spacy.Tokenizer.v1``) takes them, each built when first needed."""

    def __init__(self, defaults, vocab):
        self.defaults = defaults
        self.vocab = vocab
        self.rules = defaults.tokenizer_exceptions

    def spacy_tokenizer(self):
        from types import SimpleNamespace

        from spacy.language import create_tokenizer

        return create_tokenizer()(SimpleNamespace(Defaults=self.defaults, vocab=self.vocab))

    def affix_rules(self) -> "AffixRules":
        from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

        d = self.defaults
        return AffixRules(
            self.rules,
            compile_prefix_regex(d.prefixes).search if d.prefixes else None,
            compile_suffix_regex(d.suffixes).search if d.suffixes else None,
            compile_infix_regex(d.infixes).finditer if d.infixes else None,
            d.token_match, d.url_match)


# ---------------------------------------------------------------- lexeme attributes
# spaCy computes a new word's lexeme attributes (LOWER, SHAPE, LIKE_NUM, IS_PUNCT...) by
# calling one Python function per attribute and adding every string-valued one (LOWER, NORM,
# PREFIX, SUFFIX, SHAPE, LANG) to the string store, a call with keyword arguments that encodes
# and hashes the string again: some 20 microseconds per word, and a news article brings some
# 45 words the vocabulary has not seen. The getters are replaced by exact equivalents (the
# same value for every string: tests/nlp/test_tokenizer.py compares them with spaCy's on
# every character and many words): a string method where spaCy wraps one in a function, a
# set test for spaCy's character loops, and for the string-valued attributes the string's id
# itself, remembered per string (spaCy stores an id it is given as it is, and the string the
# id names is in the store). A replaced getter pickles as spaCy's own. A getter that is not
# spaCy's own stays as it is.

_SHAPE_CLASS = str.maketrans(
    {**{chr(c): "A" for c in range(65, 91)}, **{chr(c): "a" for c in range(97, 123)},
     **{chr(c): "0" for c in range(48, 58)}})
_SHAPE_LIMIT = 100_000  # distinct letter-class patterns remembered
_SHAPES: dict = {}
_IDS_LIMIT = 500_000  # strings whose ids a vocabulary's getters remember
_NUMBER_WORDS = frozenset(_english_attrs._num_words) | frozenset(_english_attrs._ordinal_words)
# spaCy's is_punct and is_currency ask unicodedata about every character; for ASCII text
# these are the only characters that can answer yes.
_ASCII_PUNCT = frozenset(c for c in map(chr, range(128)) if _base_attrs.is_punct(c))
_ASCII_CURRENCY = frozenset(c for c in map(chr, range(128)) if _base_attrs.is_currency(c))


class _StringIds(dict):
    """string -> its id in one vocabulary's string store, added the first time it is asked
    for. Added as permanent (not transient), so a remembered id never outlives its string."""

    __slots__ = ("add",)

    def __init__(self, strings):
        super().__init__()
        self.add = strings.add

    def __missing__(self, text: str) -> int:
        if len(self) >= _IDS_LIMIT:
            self.clear()
        value = self[text] = self.add(text, allow_transient=False)
        return value


class _Getter(partial):
    """A replacement getter: a partial function that pickles as the spaCy getter it replaces
    (it may hold a vocabulary's string store, which a pickled vocabulary must not share)."""

    __slots__ = ("original",)

    def __reduce__(self):
        return _same, (self.original,)


def _same(getter):
    return getter


def _word_shape(text: str) -> str:
    # SHAPE looks at letter case and digits only: every A-Z, every a-z, every 0-9 shapes
    # alike, so words with the same pattern ("Xxxxx") share one computed shape.
    key = text.translate(_SHAPE_CLASS)
    shape = _SHAPES.get(key)
    if shape is None:
        if len(_SHAPES) > _SHAPE_LIMIT:
            _SHAPES.clear()
        shape = _SHAPES[key] = _base_attrs.word_shape(key)
    return shape


def _shape_id(ids, text: str) -> int:
    key = text.translate(_SHAPE_CLASS)
    shape = _SHAPES.get(key)
    if shape is None:
        shape = _word_shape(text)
    return ids[shape]


def _lower_id(ids, text: str) -> int:
    return ids[text.lower()]


def _prefix_id(ids, text: str) -> int:
    return ids[text[0]]


def _suffix_id(ids, text: str) -> int:
    return ids[text[-3:]]


def _norm_id(exceptions_get, ids, text: str) -> int:
    # spaCy's exception tables merged into one dict, else the lower-cased text
    value = exceptions_get(text)
    return ids[text.lower() if value is None else value]


def _is_stop(stops_contain, text: str) -> bool:
    return stops_contain(text.lower())


def _is_punct(text: str) -> bool:
    return _ASCII_PUNCT.issuperset(text) if text.isascii() else _base_attrs.is_punct(text)


def _is_currency(text: str) -> bool:
    return _ASCII_CURRENCY.issuperset(text) if text.isascii() else _base_attrs.is_currency(text)


def _like_url(text: str) -> bool:
    # without "." or ":" none of spaCy's tests can succeed (no scheme, no "www.", no TLD)
    return False if "." not in text and ":" not in text else _base_attrs.like_url(text)


def _like_email(text: str) -> bool:
    return False if "@" not in text else _base_attrs.like_email(text)


def _like_num(text: str) -> bool:
    # a word of letters only is a number word or nothing: no sign, digit, "/" or "1st"
    return text.lower() in _NUMBER_WORDS if text.isalpha() else _english_attrs.like_num(text)


def _fast_getter(getter, ids: _StringIds):
    """An exact, faster stand-in for one of spaCy's lexeme attribute getters, or None."""
    base = _base_attrs
    plain = {base.is_alpha: str.isalpha, base.is_digit: str.isdigit, base.is_lower: str.islower,
             base.is_space: str.isspace, base.is_title: str.istitle, base.is_upper: str.isupper,
             base.is_ascii: str.isascii, base.is_punct: _is_punct, base.is_currency: _is_currency,
             base.like_url: _like_url, base.like_email: _like_email, _english_attrs.like_num: _like_num}
    if getter in plain:
        return plain[getter]
    ids_of = {base.lower: _lower_id, base.prefix: _prefix_id, base.suffix: _suffix_id,
              base.word_shape: _shape_id}
    if getter in ids_of:
        return _Getter(ids_of[getter], ids)
    if getter in (base.is_bracket, base.is_quote, base.is_left_punct, base.is_right_punct):
        # ``text in (...)`` over a literal tuple of strings: the same as a set lookup
        members = [c for c in getter.__code__.co_consts if isinstance(c, tuple)]
        if len(members) == 1 and all(isinstance(m, str) for m in members[0]):
            return frozenset(members[0]).__contains__
        return None
    if not isinstance(getter, partial):
        return None
    if getter.func is base.is_stop and not getter.args and set(getter.keywords) == {"stops"}:
        return _Getter(_is_stop, frozenset(getter.keywords["stops"]).__contains__)
    # LANG stays a string: ``Vocab.lang`` reads it (an id there would read as another language)
    if getter.func is _get_attr_unless_lookup and not getter.keywords \
            and len(getter.args) == 2 and getter.args[0] is base.lower \
            and all(type(table) is dict for table in getter.args[1]):
        exceptions: dict = {}
        for table in reversed(getter.args[1]):  # the first table that has the word wins
            exceptions.update(table)
        if all(isinstance(v, str) and v for v in exceptions.values()):
            return _Getter(_norm_id, exceptions.get, ids)
    return None


def speed_up_lexeme_attributes(vocab) -> None:
    """Swap spaCy's lexeme attribute getters for exact faster ones (same keys, same order)."""
    getters = vocab.lex_attr_getters
    if not getters:
        return
    ids = _StringIds(vocab.strings)
    for attr, getter in list(getters.items()):
        if isinstance(getter, _Getter):
            continue  # already replaced (its string ids belong to this vocabulary)
        fast = _fast_getter(getter, ids)
        if fast is not None:
            if isinstance(fast, _Getter):
                fast.original = getter
            getters[attr] = fast
