"""spaCy's English tokenizer, several times faster, with exactly the same tokens.

spaCy cuts the text at whitespace and tokenises every piece on its own (prefixes, suffixes,
infixes, special cases such as "don't"); it keeps a cache per piece but then runs its
special-case matcher over the whole Doc on every call, and that pass costs more than the
tokenising itself on news articles. Because the pieces are independent, the split of each
distinct piece can be remembered in a plain dict and the Doc built from words and spaces:
a piece seen before costs one dict lookup, which also gives the string ids of its tokens, so
spaCy does not hash every token text again. Pieces not seen before are tokenised together,
by spaCy's own tokenizer, in one call per Doc. A word the vocabulary has never seen gets
its lexeme attributes from exact, faster stand-ins for spaCy's getters (end of this module).

Tokens are those of ``spacy.blank("en").tokenizer`` (tests/nlp/test_tokenizer.py checks it on
hand-written text and, when /work/shared is present, on every gold-set article). Token
attributes set only by special cases (a NORM such as "not" for "n't") are not copied: no
eventwire component reads NORM.
"""
from __future__ import annotations

import re
from functools import partial
from itertools import chain, compress, count
from operator import itemgetter, not_

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
_SEPARATOR = "\x00"  # a token of its own that no prefix, suffix or special case touches
_JOIN = " " + _SEPARATOR + " "
_CACHE_LIMIT = 300_000  # distinct parts (and pieces, and items) remembered: tens of MB at most
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
    wraps stays available as ``.spacy_tokenizer`` (for its rules, or to serialise).

    A cache entry is one flat tuple ``(text, string id, space after, text, ...)`` per token,
    so the entries of a whole text chain into one list that three slices turn into the token
    texts, string ids and spaces a Doc is made of."""

    def __init__(self, spacy_tokenizer):
        self.spacy_tokenizer = spacy_tokenizer
        self.vocab = spacy_tokenizer.vocab
        self._pieces: dict[str, tuple] = {}   # piece -> its token texts
        self._parts: dict[str, tuple] = {}    # part (followed by a space) -> entry
        self._items: dict[str, tuple] = {}    # item -> entry

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
        flat = list(chain.from_iterable(entries))
        spaces = flat[2::3]
        if last_regular:
            spaces[-1] = False  # the text ends there: no space follows its last part
        return flat[0::3], flat[1::3], spaces

    def _fill(self, parts: list, entries: list) -> bool:
        """Entries for the parts the cache lacks; True when the last part is a plain one."""
        missing = list(compress(count(), map(not_, entries)))  # positions of the None entries
        plain, runs = [], []
        for k in missing:
            part = parts[k]
            if part and not _HAS_WHITESPACE(part):
                plain.append(k)
            elif runs and runs[-1][1] == k:
                runs[-1][1] = k + 1
            else:
                runs.append([k, k + 1])
        n = len(parts)
        # a run of empty or whitespace-holding parts, with the spaces between them and the one
        # after it: what comes before it ended in a plain piece, which took its own space
        regions = [" ".join(parts[a:b]) + " " if b < n else " ".join(parts[a:]) for a, b in runs]
        region_items = [_ITEMS(region) for region in regions]
        for cache in (self._parts, self._items):
            if len(cache) > _CACHE_LIMIT:
                cache.clear()  # entries already taken for this text stay in ``entries``
        items = self._items
        new_items = {item for found in region_items for item in found if item not in items}
        pieces = self._pieces
        needed = [parts[k] for k in plain]
        needed.extend(item.rstrip(" ") for item in new_items if not item[0].isspace())
        needed = dict.fromkeys(needed)
        if len(pieces) + len(needed) > _CACHE_LIMIT:
            pieces.clear()  # here, not halfway through: every piece of this text is needed below
        unseen = [p for p in needed if p not in pieces]
        self._learn(unseen)
        add = self.vocab.strings.add
        learned = {}
        for k in plain:
            part = parts[k]
            entry = learned.get(part)
            if entry is None:
                toks = pieces[part]
                flags = (False,) * (len(toks) - 1) + (True,)
                entry = learned[part] = tuple(chain.from_iterable(zip(toks, map(add, toks), flags)))
            entries[k] = entry
        self._parts.update(learned)
        for item in sorted(new_items):
            if item[0].isspace():
                # spaCy gives one plain space to the token before it; a longer run of
                # whitespace (or one that does not start with a space) is a token of its own.
                items[item] = (item, add(item), False)
            else:
                piece = item.rstrip(" ")
                toks = pieces[piece]
                flags = (False,) * (len(toks) - 1) + (piece != item,)
                items[item] = tuple(chain.from_iterable(zip(toks, map(add, toks), flags)))
        for (a, b), found in zip(runs, region_items):
            entries[a] = tuple(chain.from_iterable(map(items.__getitem__, found)))
            for k in range(a + 1, b):
                entries[k] = ()
        return bool(parts[-1]) and not _HAS_WHITESPACE(parts[-1])

    def _learn(self, missing: list[str]) -> None:
        """Tokenise unseen pieces in one spaCy call, kept apart by a separator token.

        A bare space would not do: spaCy's special-case matcher can reach across it ("Games'
        ''The" gives ' ' ' where "''The" alone gives '' The), so pieces that merely follow
        each other in the list would change each other's tokens."""
        cache = self._pieces
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
        speed_up_lexeme_attributes(nlp.vocab)


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
