"""Attribution frames: cues that are not verbs or nouns of saying.

PolNeAR's annotators also code attributions whose cue is a preposition or a dash:

* a prepositional frame whose noun phrase is where a finding or view comes from: "[In] a new
  CNN/ORC poll, Trump leads by 9 points" (source "a new CNN/ORC poll", content the clause),
  "Trump is ahead [in] the polls" (content the clause before the frame), "safe [in] his eyes";
* a dash between a closing quotation mark and the name ending its line, the byline of a
  quotation: "“... a real disgrace.” [―] Ann Lee" (source the name, content the quotation).

Function words are never cue candidates of the word-window model (attribution_features.
CandidateFilter), so ``frame_heads`` proposes the prepositions that open a frame; the model
then scores them like any candidate (its features see the preposition, its neighbours and its
place in the sentence). ``frame_roles`` gives a frame cue its source and content; the role
rules (attribution_roles._assign) hand it every cue headed by a frame preposition or dash.
The word lists are the ``frame_*``, ``byline_dashes`` and ``colon_labels`` entries of
data/lexicons/attribution.json.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import compress

from ..resources import load_json
from .attribution_features import LEXICON_FILE, QUOTES, SENT_FINAL, TokenView
from .attribution_features import content_end as _content_end, trim_span as _trim


@dataclass(frozen=True)
class FrameLexicon:
    prepositions: frozenset  # "in"
    nouns: frozenset  # "poll", "surveys", "eyes": a frame after any determiners
    possessed: frozenset  # "view", "mind": a frame only after a possessive ("in his view")
    byline_dashes: frozenset
    colon_labels: frozenset  # "correction", "editor’s note": a section label, not a speaker
    heads: frozenset  # every head token frame_roles answers for
    triggers: frozenset  # the tokens frame_heads looks for: frame nouns, and dashes no colon cue


@lru_cache(maxsize=1)
def frame_lexicon() -> FrameLexicon:
    data = load_json(LEXICON_FILE)
    preps = frozenset(data["frame_prepositions"])
    dashes = frozenset(data["byline_dashes"])
    nouns, possessed = frozenset(data["frame_nouns"]), frozenset(data["frame_possessed_nouns"])
    return FrameLexicon(
        prepositions=preps,
        nouns=nouns,
        possessed=possessed,
        byline_dashes=dashes,
        colon_labels=frozenset(data["colon_labels"]),
        heads=preps | dashes,
        triggers=nouns | possessed | (dashes - frozenset(data["colon_cues"])),
    )


_OPEN_QUOTES = frozenset({"“", "«", '"', "``"})
_CLOSE_QUOTES = frozenset({"”", "»", '"', "''"})
_DASHES = frozenset({"—", "–", "―", "--"})
# a frame's noun phrase runs from the preposition to the noun over determiners, adjectives,
# names, numbers, "of" and possessives ("in the RealClearPolitics average of New Hampshire
# polls", "in an NBC News/Wall Street Journal/Marist poll"); these end it
_NP_STOP = frozenset({",", ".", ";", ":", "(", ")", "!", "?", "—", "–", "―", "--",
                      "in", "on", "at", "for", "from", "by", "with", "to", "into", "over", "about",
                      "that", "which", "who", "whom", "whose", "and", "but", "or", "because", "since",
                      "as", "when", "after", "before", "if", "while", "than",
                      "is", "was", "are", "were", "be", "been", "has", "have", "had", "will", "would",
                      "can", "could", "should", "may", "might", "do", "does", "did", "said", "says"}) | QUOTES
_POSSESSIVES = frozenset({"his", "her", "their", "its", "our", "my", "your", "'s", "’s", "’", "'"})
# where the source after a frame preposition ends (besides punctuation): a clause word, a verb
# of the clause it sits in, a second preposition phrase of the clause ("led Clinton in polls
# by 9 points", "in the polls ahead of the primary")
_SOURCE_END = frozenset({"that", "which", "who", "and", "but", "or", "because", "since", "while", "although",
                         "though", "as", "when", "after", "before", "if", "despite", "by", "ahead", "behind",
                         "than", "is", "was", "are", "were", "has", "have", "had", "will", "would", "can",
                         "could", "should", "may", "might", "does", "did", "do"})
# sentence openers before a fronted frame ("But in the latest polls, ...")
_LEAD = frozenset({"but", "and", "so", "yet", "still", "now", "meanwhile"})


def frame_heads(view: TokenView, flex: FrameLexicon | None = None, found: list | None = None) -> list:
    """Token positions of the prepositions that open a frame, in order: a frame preposition
    before a frame noun (or a possessed noun right after a possessive) within eight tokens of
    its sentence, with nothing between them that ends a noun phrase; and of the hyphen
    dashes before a quotation's byline (the other dashes are colon cues, candidates already).
    ``found``: the positions of the lexicon's ``triggers`` when the caller has them (the tagger
    finds them in its pass for candidates)."""
    flex = flex or frame_lexicon()
    lower = view.lower
    if found is None:
        found = list(compress(range(len(lower)), map(flex.triggers.__contains__, lower)))
    if not found:
        return []
    nouns, sent_start, preps = flex.nouns, view.sent_start, flex.prepositions
    out = set()
    for k in found:
        w = lower[k]
        if w in flex.byline_dashes:
            if byline_dash(view, k):
                out.add(k)
            continue
        if w not in nouns and not (k > 0 and lower[k - 1] in _POSSESSIVES):
            continue  # ("in other words", "had in mind")
        ss = sent_start[k]
        j = k - 1
        while j >= ss and k - j <= 8 and lower[j] not in _NP_STOP:
            j -= 1
        if j >= ss and j < k - 1 and lower[j] in preps:
            out.add(j)
    return sorted(out)


def frame_roles(view: TokenView, roles, ss: int, se: int, others=frozenset(), flex: FrameLexicon | None = None):
    """``roles`` (attribution_roles.Roles, its cue set) filled for a frame cue in the
    sentence ``ss``..``se``, or None when the cue is no frame (a dash that is no byline)."""
    flex = flex or frame_lexicon()
    head = roles.cue[1] - 1
    w = view.lower[head]
    if w in flex.prepositions:
        return _preposition_frame(view, roles, head, ss, se, others)
    if w in flex.byline_dashes and byline_dash(view, head):
        return _byline(view, roles, head)
    return None


def _preposition_frame(view: TokenView, roles, head: int, ss: int, se: int, others):
    """"In a new poll, CONTENT" / "CONTENT in the polls": the noun phrase after the
    preposition is the source, the clause around it the content."""
    lower, words = view.lower, view.words
    roles.cue = (head, head + 1)  # (never the auxiliaries the cue extension takes before it)
    roles.order = "frame"
    j = head + 1
    while j < se:
        x = lower[j]
        if x == "," and j + 1 < se and words[j + 1].endswith("ed") and words[j + 1].islower() and j > head + 1:
            # "In the latest poll, conducted in May, Clinton ...": a participle phrase after
            # the noun belongs to it, up to and with its closing comma
            m = j + 1
            while m < se and lower[m] not in (",", ".", ";") and m - j < 12:
                m += 1
            if m < se and lower[m] == ",":
                j = m + 1
                break
            break
        if x == "," or x in SENT_FINAL or x in QUOTES or x in _DASHES or x in (";", ":", "(", ")") \
                or (x in _SOURCE_END and j > head + 1) or (j in others and j > head + 1):
            break
        j += 1
    src = _trim(view, head + 1, j)
    if src[1] <= src[0]:
        return roles  # no content: the tagger drops the cue
    roles.source = [src]
    first = ss
    while first < head and (view.space[first] or lower[first] in _LEAD or lower[first] in QUOTES
                            or lower[first] == ","):
        first += 1
    if first == head:
        # fronted: the content is the clause after the frame's comma
        start = j
        while start < se and (lower[start] == "," or view.space[start]):
            start += 1
        cont = _trim(view, start, _content_end(view, start, se), frozenset({","}))
    else:
        cont = _trim(view, first, head, frozenset({","}))
        if cont[1] <= cont[0]:
            cont = _trim(view, j, _content_end(view, j, se), frozenset({","}))
    roles.content = [cont] if cont[1] > cont[0] else []
    return roles


def byline_dash(view: TokenView, i: int) -> bool:
    """Is the dash at ``i`` a quotation's byline: right after a closing quotation mark (a
    space between at most, or a line break when the dash opens its line: '"..."\n\n- Ann
    Lee.'), and before a capitalised name that ends its line within eight tokens?"""
    lower, words, space = view.lower, view.words, view.space
    k = _before_spaces(view, i)
    if k < 0 or lower[k] not in _CLOSE_QUOTES:
        return False
    n = len(lower)
    m = i + 1
    while m < n and space[m] and "\n" not in words[m]:
        m += 1
    if m >= n or not words[m][:1].isupper():
        return False
    e = m
    last = m
    while e < n and "\n" not in words[e]:
        x = lower[e]
        if e - m > 8 or x in QUOTES or x in (":", ";", "!", "?"):
            return False
        if not space[e] and x != ".":
            last = e
        e += 1
    # ("– Ready to quiz Trump –": a section title between dashes)
    return lower[last] not in _DASHES and lower[last] != "-"


def _before_spaces(view: TokenView, i: int) -> int:
    """The last non-space token before ``i`` (-1 when none): over spaces on the line, and over
    line breaks when ``i`` opens its line."""
    words, space = view.words, view.space
    own_line = view.line_index[i] == 0
    k = i - 1
    while k >= 0 and space[k] and (own_line or "\n" not in words[k]):
        k -= 1
    return k


def _byline(view: TokenView, roles, i: int):
    """'“QUOTE” ― Name': the name to the end of its line is the source, the quotation on the
    line before the dash (from its opening mark) the content."""
    lower, words = view.lower, view.words
    n = len(lower)
    roles.cue = (i, i + 1)
    roles.order = "byline"
    e = i + 1
    while e < n and "\n" not in words[e]:
        e += 1
    src = _trim(view, i + 1, e, SENT_FINAL)
    roles.source = [src] if src[1] > src[0] else []
    close = _before_spaces(view, i)
    k = close - 1
    while k >= 0 and "\n" not in words[k] and lower[k] not in _OPEN_QUOTES:
        k -= 1
    if k < 0 or "\n" in words[k]:
        k += 1  # no opening mark on the line: the line is the quotation
    cont = _trim(view, k, close + 1)
    roles.content = [cont] if cont[1] > cont[0] else []
    return roles


def section_label(view: TokenView, i: int, flex: FrameLexicon | None = None) -> bool:
    """Is the colon at ``i`` after a line-opening section label ("CORRECTION:", "Editor’s
    note:", "Contributing:"), which names no speaker?"""
    col = view.line_index[i]
    if col == 0 or col > 4:
        return False
    flex = flex or frame_lexicon()
    label = ""
    for k in range(i - col, i):
        w = view.lower[k]
        if view.space[k] or w in _OPEN_QUOTES:
            continue
        label += w if (not label or w[:1] in ("’", "'")) else " " + w
    return label in flex.colon_labels
