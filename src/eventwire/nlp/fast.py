"""Cheap per-document views of token data for rule components.

Building a spaCy ``Token`` costs microseconds; a rule component that looks at every token
several times pays that hundreds of thousands of times per batch. These views are built
once per Doc from spaCy's arrays and cached in ``doc.user_data``.
"""
from __future__ import annotations

from itertools import accumulate
from operator import add

from spacy.attrs import IDX, LENGTH, SENT_START

_WORDS = "eventwire.words"    # set by nlp/tokenizer.py: (token texts, trailing-space flags)
_OFFSETS = "eventwire.offsets"
_LOWER = "eventwire.lower"
_SENTS = "eventwire.sent_starts"
_TEXT = "eventwire.text"


def doc_text(doc) -> str:
    """The Doc's text without rebuilding it token by token (``Doc.text`` does that on every call)."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        article = doc._.article if doc.has_extension("article") else None
        # pipeline.make_doc tokenised exactly the article's string
        text = doc.user_data[_TEXT] = article.text if article is not None else doc.text
    return text


def token_texts(doc) -> list:
    """Token texts, index-aligned with the Doc (the tokenizer's own list when it made the Doc)."""
    made = doc.user_data.get(_WORDS)
    if made is not None and len(made[0]) == len(doc):
        return made[0]
    words = doc.user_data[_WORDS] = ([t.text for t in doc], [bool(t.whitespace_) for t in doc])
    return words[0]


def token_offsets(doc) -> tuple[list, list]:
    """(start, end) character offsets of every token, as two lists."""
    offsets = doc.user_data.get(_OFFSETS)
    if offsets is None:
        words = token_texts(doc)
        spaces = doc.user_data[_WORDS][1]
        lengths = list(map(len, words))
        starts = list(accumulate(map(add, lengths, spaces), initial=0))
        starts.pop()
        offsets = doc.user_data[_OFFSETS] = (starts, list(map(add, starts, lengths)))
    return offsets


LONGER_WHEN_LOWERED = "\u0130"  # 'İ' -> 'i̇': of all Unicode characters the one whose lower case is longer


def lowering_keeps_lengths(text: str) -> bool:
    """Whether ``text.lower()`` has ``text``'s length (and so every token's lower-cased form
    its own length), told by one search instead of lower-casing the whole text."""
    return LONGER_WHEN_LOWERED not in text


def token_lowers(doc) -> list:
    """Lower-cased token texts, index-aligned with the Doc."""
    low = doc.user_data.get(_LOWER)
    if low is None:
        text = doc_text(doc)
        keeps = lowering_keeps_lengths(text)
        if keeps and "Σ" not in text:
            # Every character lower-cases to one character on its own (only capital sigma
            # looks at its neighbours), so each token lower-cases to its slice of the text.
            low = list(map(str.lower, token_texts(doc)))
        elif keeps:
            starts, ends = token_offsets(doc)
            low = list(map(text.lower().__getitem__, map(slice, starts, ends)))
        else:  # a few characters change length when lower-cased ("İ"); take the slow road
            low = [t.lower_ for t in doc]
        doc.user_data[_LOWER] = low
    return low


def set_sentence_starts(doc, starts: list) -> None:
    """Recorded by the sentence splitter, which knows them without reading the Doc back."""
    doc.user_data[_SENTS] = starts


def sentence_starts(doc) -> list:
    """Token indices where sentences start (call after sentence boundaries are final)."""
    starts = doc.user_data.get(_SENTS)
    if starts is None:
        flags = doc.to_array(SENT_START)
        starts = [0] + [i for i in (flags == 1).nonzero()[0].tolist() if i > 0] if len(doc) else []
        doc.user_data[_SENTS] = starts
    return starts


def sentence_spans(doc) -> list:
    starts = sentence_starts(doc)
    ends = starts[1:] + [len(doc)]
    return [doc[a:b] for a, b in zip(starts, ends)]


_PLAIN = None


def phrase_docs(vocab, phrases) -> list:
    """Docs for matcher patterns, tokenised as the pipeline's tokenizer would.

    Phrases of plain words are split on spaces (the tokenizer would do the same, far more
    slowly for thousands of patterns); anything with punctuation goes through the tokenizer.
    """
    import re

    from spacy.tokens import Doc

    global _PLAIN
    if _PLAIN is None:
        _PLAIN = re.compile(r"^[A-Za-z]+( [A-Za-z]+)*$")
    tokenizer = None
    out = []
    for phrase in phrases:
        if _PLAIN.match(phrase):
            out.append(Doc(vocab, words=phrase.split(" ")))
        else:
            if tokenizer is None:
                tokenizer = _tokenizer(vocab)
            out.append(tokenizer(phrase))
    return out


_TOKENIZERS: dict = {}


def _tokenizer(vocab):
    """One English tokenizer per vocabulary (building one adds thousands of special cases)."""
    tokenizer = _TOKENIZERS.get(id(vocab))
    if tokenizer is None:
        from spacy.lang.en import English

        tokenizer = _TOKENIZERS[id(vocab)] = English(vocab=vocab).tokenizer
    return tokenizer


def token_attr(doc, attr: str) -> list:
    """One token attribute for every token (e.g. ``"IS_TITLE"``, ``"IDX"``), read once per Doc."""
    key = "eventwire.attr." + attr
    values = doc.user_data.get(key)
    if values is None:
        from spacy.attrs import IDS

        values = doc.user_data[key] = doc.to_array(IDS[attr]).tolist() if len(doc) else []
    return values


_ENTS = "eventwire.ent_spans"


def set_entity_spans(doc, spans: list) -> None:
    """Recorded by the entities component when it sets ``doc.ents``: ``(start_token,
    end_token, label)`` of every entity, sorted, none empty or overlapping. Whatever sets
    ``doc.ents`` after it must record its own (or call ``forget_entity_spans``)."""
    doc.user_data[_ENTS] = spans


def forget_entity_spans(doc) -> None:
    doc.user_data.pop(_ENTS, None)


def entity_spans(doc) -> list:
    """``(start_token, end_token, label)`` of ``doc.ents``, in order: the entities component's
    own list when it recorded one, else read from the token arrays the way ``doc.ents`` reads
    them (an entity opens at a B token with a type and runs over the I tokens after it),
    without building a Span per entity. Callers must not change the list."""
    spans = doc.user_data.get(_ENTS)
    if spans is not None:
        return spans
    if not len(doc):
        return []
    from spacy.attrs import ENT_IOB, ENT_TYPE

    arr = doc.to_array([ENT_IOB, ENT_TYPE])
    heads = ((arr[:, 0] == 3) & (arr[:, 1] != 0)).nonzero()[0].tolist()
    if not heads:
        return []
    iob = arr[:, 0].tolist()
    types = arr[:, 1].tolist()
    strings = doc.vocab.strings
    n = len(iob)
    out = []
    for b in heads:
        e = b + 1
        while e < n and iob[e] == 1:
            e += 1
        out.append((b, e, strings[types[b]]))
    return out
