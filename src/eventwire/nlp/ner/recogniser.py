"""Find and type entity mentions in a tokenised article: lexicons, cue words, patterns and a
small GMB-trained span classifier. Pure Python over token offsets; no parser, no vectors.

Order of work, per document:

1. numeric/temporal regexes (DATE, TIME, MONEY, QUANTITY, CARDINAL) over the text;
2. per sentence, lexicon phrases (places, organisations, nationalities; weapons, vehicles,
   military platforms) and maximal runs of capitalised words ("chunks", joined by name
   connectors such as "of", "al", "bin");
3. each chunk is typed: an exact lexicon phrase; a title followed by a name (PERSON, title
   included, re3d-style "Iraqi President Fuad Masum"); a head word ("... Ministry" ORG,
   "... Mountains" LOC, "... Airport" FAC); else the span classifier;
4. span grammar that widens mentions to the noun phrase an analyst means: "Russia's Defence
   Ministry", "the Syrian army", "the Assad regime" (ORG), "the city of Mosul", "Idlib
   province" (LOC), "Hmeimim airbase" (FAC), and a directly preceding "the" on ORG/LOC/FAC
   and on title-led PERSON mentions;
5. overlaps are resolved (numeric patterns and wider grammar spans win), boilerplate such as
   "Join ST's Telegram channel" is dropped.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from operator import attrgetter

import numpy as np

from .lexicons import (Lexicons, literal_openings, load_boilerplate, load_lexicons, load_nominal_places,
                       load_numeric_patterns, load_pronouns)
from .span_classifier import SpanClassifier

# Lower-case words and marks that may sit inside a name ("Bank of England", "Bashar al-Assad");
# "the" only after "of"/"for" ("Minister for the Middle East").
CONNECTORS = {"of", "al", "el", "bin", "ibn", "bint", "de", "du", "da", "la", "le", "van",
              "von", "der", "den", "for", "-", "'", "’", "&", "y"}
CONNECTOR_PAIRS = {("of", "the"), ("for", "the"), ("al", "-"), ("el", "-"), ("-", "al"), ("-", "el")}
ARABIC_ARTICLES = {"al", "el", "Al", "El"}
APOSTROPHE_S = {"'s", "’s", "'", "’"}
THE = {"the", "The"}
# Capitalised at a sentence start but never part of a name ("Washington D.C. He said").
CAPITAL_PRONOUNS = {"I", "He", "She", "It", "We", "They", "His", "Her", "Its", "Our", "Their", "My", "You", "Your"}
FUNCTION_WORDS = {"on", "to", "at", "in", "with", "by", "from", "and", "or", "but", "a", "an", "is", "are",
                  "was", "were", "has", "have", "had", "will", "be", "between", "after", "before", "over",
                  "into", "as", "about", "against", "than", "that", "this", "not", "no", "it", "its", "his",
                  "her", "their", "he", "she", "they", "we", "you", "up", "out", "off", "says", "said"}
DETERMINERS = {"The", "A", "An", "This", "These", "Those", "That"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}
# Span priorities when two candidates overlap: higher wins, then longer.
PRIORITY = {"grammar": 5, "numeric": 4, "title": 3, "lex": 3, "cue": 3, "city": 3, "model": 2, "term": 1,
            "pronoun": 1, "nominal": 1}


# Bits of the per-word table (Recogniser._info).
ALPHA, UPPER, CAP, CAP_FUNCTION, MAY_START, PRONOUN, NUMERIC = 1, 2, 4, 8, 16, 32, 64
_DIGIT, _CURRENCY = "\x00digit", "\x00currency"  # numeric start kinds, apart from trigger words
_WORD_INFO_LIMIT = 500_000
_UNKNOWN = 255  # not a combination of the bits above (they sum to 127)
_CAP_ONLY = bytes(1 if b & CAP else 0 for b in range(256))


class _WordBits(dict):
    """Word -> its bits; a word not in it reads as _UNKNOWN through ``[]`` (``get`` as usual):
    mapping ``__getitem__`` over a document's words is cheaper than ``get`` with a default."""
    __slots__ = ()

    def __missing__(self, word):
        return _UNKNOWN


@dataclass(slots=True)
class Mention:
    start: int            # token index
    end: int              # token index (exclusive)
    label: str
    source: str           # lex | title | cue | model | numeric | term | grammar | pronoun | nominal


_OPENING_QUOTES = frozenset({'"', "“", "(", "'"})
_CHUNK_PLAN_LIMIT = 200_000
# What a classified chunk becomes (Recogniser._settle): a geonames-only town or a person; in a
# Title Case sentence, a name only when the model is sure; else the model's label.
_CITY, _TITLE_CASE, _MODEL = 0, 1, 2


class _Pending:
    """A chunk waiting for the span classifier, in the place its mentions will take."""
    __slots__ = ("kind", "start", "end", "known", "request", "mentions")

    def __init__(self, kind, start, end, known, request):
        self.kind, self.start, self.end, self.known, self.request = kind, start, end, known, request
        self.mentions = None


_PRIORITY_OF = PRIORITY  # (the name _resolve reads it by)


def _precedence(m: Mention) -> tuple:
    return -PRIORITY[m.source], -(m.end - m.start), m.start


_START = attrgetter("start")


def _is_cap(word: str) -> bool:
    return word[:1].isupper()


class Recogniser:
    def __init__(self, lexicons: Lexicons | None = None, classifier: SpanClassifier | None = None,
                 pronouns: bool = False, nominals: bool = False):
        self.lex = lexicons or load_lexicons()
        self.pronouns = load_pronouns() if pronouns else {}
        self.nominals = load_nominal_places() if nominals else None
        self.model = classifier or SpanClassifier.load()
        self.numeric = load_numeric_patterns()
        self.boilerplate = [(rx, literal_openings(rx.pattern, rx.flags)) for rx in load_boilerplate()]
        cues = self.lex.cues
        self.org_heads, self.loc_heads, self.fac_heads = cues["org_heads"], cues["loc_heads"], cues["fac_heads"]
        self.org_prefix, self.loc_prefix = cues["org_prefix_heads"], cues["loc_prefix_heads"]
        self.loc_lower, self.fac_lower = cues["loc_heads_lower"], cues["fac_heads_lower"]
        self.group_nouns, self.the_labels = cues["group_nouns"], cues["the_labels"]
        self.doc_heads, self.number_after = cues["document_heads"], cues["not_cardinal_after"]
        self.place_modifiers = cues["place_modifiers"]
        # first words of the two-word group nouns and facility heads: other words skip that test
        self._group_firsts = {p.split(" ", 1)[0] for p in self.group_nouns}
        self._fac_firsts = {p.split(" ", 1)[0] for p in self.fac_lower}
        self._title_case = False
        self.not_agent_verbs = set(cues.get("not_agent_verbs", ()))
        self.non_entity_heads = set(cues.get("non_entity_heads", ()))
        self.non_entity_prefixes = set(cues.get("non_entity_prefixes", ()))
        self.trigger_words = frozenset(w for _l, _rx, ws, _k in self.numeric[0] for w in ws)
        # What a word's own spelling says about it, worked out once per distinct word: a
        # long article repeats most of its words, and a dict lookup per token is far cheaper
        # than a handful of string methods and set lookups per token.
        self._word_bits: dict = _WordBits()
        self._word_start: dict = {}
        self._pendings: list = []
        self._chunk_plans: dict = {}
        self._read_sentence = False

    def _info(self, words: list[str]) -> bytearray:
        """Per token: flag bits, one byte each (self._word_start says where a numeric pattern may
        start: _DIGIT | _CURRENCY | trigger word, for words with the NUMERIC bit)."""
        table = self._word_bits
        # a word not in the table reads as _UNKNOWN; bytes.find jumps between those
        bits = bytearray(map(table.__getitem__, words))
        k = bits.find(_UNKNOWN)
        if k >= 0 and len(table) > _WORD_INFO_LIMIT:
            table.clear()  # (what this document's known words read stays right: same values)
            self._word_start.clear()
        while k >= 0:
            w = words[k]
            b = table.get(w)
            if b is None:
                b, self._word_start[w] = self._describe(w)
                table[w] = b
            bits[k] = b
            k = bits.find(_UNKNOWN, k + 1)
        return bits

    def _describe(self, w: str) -> tuple:
        c = w[0]
        lw = w if w.islower() else w.lower()
        bits = 0
        if c.isalpha():
            bits |= ALPHA
        if c.isupper():
            bits |= UPPER
            if w not in CAPITAL_PRONOUNS:
                bits |= CAP
                if lw in FUNCTION_WORDS:
                    bits |= CAP_FUNCTION
        if w in ARABIC_ARTICLES or lw in self.lex.terms.prefixes or \
                (self.nominals is not None and lw in self.nominals.prefixes):
            bits |= MAY_START
        if w in self.pronouns:
            bits |= PRONOUN
        if c.isdigit():
            start = _DIGIT
        elif c in "$£€¥" or (c in "UAC" and "$" in w):
            start = _CURRENCY
        elif lw in self.trigger_words or lw.rstrip(".") in self.trigger_words:
            start = lw.rstrip(".")
        else:
            start = None
        if start is not None:
            bits |= NUMERIC
        return bits, start

    # ------------------------------------------------------------------ entry point
    def __call__(self, text: str, words: list[str], starts: list[int], sent_starts: list[bool],
                 newline_after: list[bool], ends: list[int] | None = None) -> list[Mention]:
        n = len(words)
        if ends is None:
            ends = [s + len(w) for s, w in zip(starts, words)]
        blocked = bytearray(n)
        # (the bits fit a byte: numpy reads bytes without converting 800 Python ints)
        info = self._info(words)
        flags = np.frombuffer(info, dtype=np.uint8).astype(np.int64)
        mentions = self._numeric(text, words, starts, ends, blocked, np.flatnonzero(flags & NUMERIC).tolist())
        self._block_boilerplate(text, starts, ends, blocked)
        marks = np.frombuffer(sent_starts, dtype=np.uint8) if isinstance(sent_starts, (bytes, bytearray)) \
            else np.asarray(sent_starts, dtype=bool)
        bounds = np.flatnonzero(marks).tolist()
        if not bounds or bounds[0] != 0:
            bounds.insert(0, 0)
        bounds.append(n)
        # A headline in Title Case capitalises every word: only lexicon names and titles count.
        # (per sentence: at least 5 alphabetic tokens, 80 % of them upper-case)
        firsts = bounds[:-1]
        n_alpha = np.add.reduceat(flags & ALPHA, firsts)
        title_case = ((n_alpha >= 5) & (np.add.reduceat((flags & UPPER) >> 1, firsts) >= 0.8 * n_alpha)).tolist()
        caps = info.translate(_CAP_ONLY)  # per token 1 (capitalised) or 0: read for truth only
        for k in np.flatnonzero(flags & CAP_FUNCTION).tolist():
            # Title Case ("Hit On Donald Trump"): a capitalised function word joins nothing.
            if k and not sent_starts[k]:
                caps[k] = False
                flags[k] &= ~CAP
        # Tokens where a name, a term or a nominal may begin: the sentence pass skips the rest.
        self._openers = np.flatnonzero(flags & (CAP | MAY_START)).tolist()
        self._pendings = []
        for s, e, self._title_case in zip(firsts, bounds[1:], title_case):
            mentions.extend(self._sentence(text, words, starts, ends, s, e, blocked, newline_after, caps))
        mentions = self._settle(mentions)
        if self.pronouns:
            pron = self.pronouns
            mentions.extend([Mention(i, i + 1, pron[words[i]], "pronoun")
                             for i in np.flatnonzero(flags & PRONOUN).tolist() if not blocked[i]])
        mentions = self._grammar(words, mentions, newline_after)
        mentions = self._resolve(mentions, blocked)
        self._discourse(text, words, starts, ends, mentions)
        return [m for m in mentions if m.label != "O"]

    # ------------------------------------------------------------------ step 1: patterns
    def _numeric(self, text, words, starts, ends, blocked, candidates) -> list[Mention]:
        patterns, prefixes = self.numeric
        # Where each pattern may start (from the per-word table), then re.match only there.
        at_word: dict[str, list[int]] = {}
        kind = self._word_start
        for i in candidates:
            at_word.setdefault(kind[words[i]], []).append(i)
        digits, currency = at_word.get(_DIGIT, []), at_word.get(_CURRENCY, [])
        out = []
        covered = bytearray(len(text) + 1)
        for label, rx, start_words, kinds in patterns:
            cands = []
            if "digit" in kinds:
                cands.extend(digits)
            if "currency" in kinds:
                cands.extend(currency)
            for w in start_words.intersection(at_word):
                cands.extend(at_word[w])
            if len(kinds) + len(start_words) > 1:
                cands.sort()
            for ti in cands:
                a = starts[ti]
                if covered[a]:
                    continue
                m = rx.match(text, a)
                if m is None:
                    continue
                b = m.end()
                if covered.find(1, a, b) >= 0:
                    continue
                tj = bisect_left(ends, b) + 1
                if tj > len(ends) or ends[tj - 1] != b:
                    continue  # not on a token boundary: "1990s-era", "F-16"
                if ti > 0 and text[a].isdigit() and words[ti - 1] in self.number_after:
                    continue  # "Resolution 2254", "Chapter 7": a name, not a count or a year
                pre = prefixes.get(label)
                if pre is not None:
                    p = pre.search(text, max(0, a - 24), a)
                    if p is not None and covered.find(1, p.start(), a) < 0:
                        pa = bisect_left(starts, p.start())
                        if pa < ti and starts[pa] == p.start():
                            a, ti = p.start(), pa
                covered[a:b] = b"\x01" * (b - a)
                out.append(Mention(ti, tj, label, "numeric"))
        for m in out:
            for k in range(m.start, m.end):
                blocked[k] = 1
        return out

    def _block_boilerplate(self, text, starts, ends, blocked) -> None:
        for rx, openings in self.boilerplate:
            # a match begins with one of its openings: most texts contain none, and a
            # substring test is far cheaper than the regex engine's scan
            if openings is not None and not any(o in text for o in openings):
                continue
            for m in rx.finditer(text):
                a, b = m.span()
                for k in range(bisect_left(ends, a + 1), bisect_left(starts, b)):
                    blocked[k] = 2

    # ------------------------------------------------------------------ steps 2-3: names
    def _sentence(self, text, words, starts, ends, s, e, blocked, newline_after, caps) -> list[Mention]:
        terms = self.lex.terms
        term_prefixes = terms.prefixes
        out: list[Mention] = []
        openers = self._openers
        at = bisect_left(openers, s)
        n_openers = len(openers)
        i = s
        while True:
            # Tokens that open nothing (lower-case, not a term or a nominal) are skipped.
            while at < n_openers and openers[at] < i:
                at += 1
            if at == n_openers or openers[at] >= e:
                break
            i = openers[at]
            if blocked[i]:
                i += 1
                continue
            w = words[i]
            if caps[i]:
                j = self._chunk_end(words, i, e, blocked, newline_after, starts, ends, text, caps)
                out.extend(self._typed_chunk(text, words, starts, ends, i, j, s, e))
                i = j
                continue
            if w in ARABIC_ARTICLES and i + 2 < e and words[i + 1] == "-" and caps[i + 2] \
                    and starts[i + 1] == ends[i] and starts[i + 2] == ends[i + 1]:
                j = self._chunk_end(words, i + 2, e, blocked, newline_after, starts, ends, text, caps)
                out.extend(self._typed_chunk(text, words, starts, ends, i, j, s, e))
                i = j
                continue
            lw = w if w.islower() else w.lower()
            if lw in term_prefixes:
                hit = terms.longest(text, starts, ends, i, e)
                if hit and blocked.count(0, i, hit[0]) == hit[0] - i:
                    out.append(Mention(i, hit[0], hit[1], "term"))
                    i = hit[0]
                    continue
            if self.nominals is not None and lw in self.nominals.prefixes:
                hit = self.nominals.longest(text, starts, ends, i, e)
                if hit and blocked.count(0, i, hit[0]) == hit[0] - i:
                    out.append(Mention(i, hit[0], hit[1], "nominal"))
                    i = hit[0]
                    continue
            i += 1
        return out

    def _chunk_end(self, words, i, e, blocked, newline_after, starts, ends, text, caps) -> int:
        # A lexicon phrase may contain lower-case words ("Islamic State in Iraq and Syria"):
        # the chunk always covers a phrase that starts inside it.
        names, titles = self.lex.names, self.lex.titles
        name_prefixes, title_prefixes = names.prefixes, titles.prefixes
        j = i + 1
        while True:
            w = words[j - 1]
            if w in name_prefixes:
                hit = names.longest(text, starts, ends, j - 1, e)
                if hit and hit[0] > j and blocked.count(0, j - 1, hit[0]) == hit[0] - j + 1:
                    j = hit[0]
            if w in title_prefixes:
                hit = titles.longest(text, starts, ends, j - 1, e)
                if hit and hit[0] > j and blocked.count(0, j - 1, hit[0]) == hit[0] - j + 1:
                    j = hit[0]
            if j >= e or newline_after[j - 1]:
                return j
            if caps[j] and not blocked[j]:
                j += 1
                continue
            k = j
            if words[j] in CONNECTORS and not newline_after[j]:
                k = j + 1
                if k < e and (words[j], words[k]) in CONNECTOR_PAIRS and not newline_after[k]:
                    k += 1
            if k > j and k < e and caps[k] and not blocked[k] and \
                    (words[j] != "-" or starts[j] == ends[j - 1]):
                j = k + 1
                continue
            return j

    def _segments(self, text, words, starts, ends, i, j):
        segs = []
        names, titles = self.lex.names, self.lex.titles
        k = i
        while k < j:
            # a phrase's first token is one of its prefixes: most tokens need no table walk
            w = words[k]
            name = names.longest(text, starts, ends, k, j) if w in names.prefixes else None
            title = titles.longest(text, starts, ends, k, j) if w in titles.prefixes else None
            best = None
            if name and (not title or name[0] >= title[0]):
                best = name
            elif title:
                best = title
            if best:
                segs.append([k, best[0], best[1]])
                k = best[0]
            else:
                if segs and segs[-1][2] is None:
                    segs[-1][1] = k + 1
                else:
                    segs.append([k, k + 1, None])
                k += 1
        return segs

    def _typed_chunk(self, text, words, starts, ends, i, j, sent_start, sent_end) -> list:
        """``_type_chunk``, remembered: names recur, and a chunk's typing depends only on its
        text and tokens, on the word before it (a sentence start or an opening quote; "the")
        and on the sentence being in Title Case, except where it counts the sentence's words
        in capitals (then it is not remembered). Classifier calls stay per occurrence: their
        context differs."""
        before = words[i - 1] if i > sent_start else None
        key = (text[starts[i]:ends[j - 1]], tuple(words[i:j]),
               before is None or before in _OPENING_QUOTES, words[i - 1] in THE if i > 0 else None, self._title_case)
        plan = self._chunk_plans.get(key)
        if plan is None:
            self._read_sentence = False
            typed = self._type_chunk(text, words, starts, ends, i, j, sent_start, sent_end)
            if not self._read_sentence:
                if len(self._chunk_plans) > _CHUNK_PLAN_LIMIT:
                    self._chunk_plans.clear()
                self._chunk_plans[key] = [
                    (None, m.start - i, m.end - i, m.label, m.source) if type(m) is Mention else
                    (m.kind, m.start - i, m.end - i, None if m.known is None else
                     [(k.start - i, k.end - i, k.label, k.source) for k in m.known], m.request[0])
                    for m in typed]
            return typed
        out = []
        for kind, a, b, label, source in plan:
            if kind is None:
                out.append(Mention(i + a, i + b, label, source))
            else:
                # (for a pending chunk: ``label`` holds the known names, ``source`` its words)
                known = None if label is None else [Mention(i + ka, i + kb, kl, ks) for ka, kb, kl, ks in label]
                out.append(self._pending(kind, text, words, starts, ends, i + a, i + b, sent_start, known, source))
        return out

    def _type_chunk(self, text, words, starts, ends, i, j, sent_start, sent_end) -> list[Mention]:
        lex = self.lex
        # A capitalised sentence opener that is an ordinary word ("The", "Other") is no name.
        while i < j and (i == sent_start or words[i - 1] in _OPENING_QUOTES) and \
                words[i].lower() in lex.common_words and not lex.names.longest(text, starts, ends, i, j) \
                and not lex.titles.longest(text, starts, ends, i, j):
            i += 1
        while i < j - 1 and words[i] in DETERMINERS:
            i += 1  # "Later, The Islamic State": the article is re-attached after typing
        while i < j and words[i] in CONNECTORS and not (words[i] in ARABIC_ARTICLES and i + 1 < j and words[i + 1] == "-"):
            i += 1
        while j > i and words[j - 1] in CONNECTORS:
            j -= 1
        if i >= j:
            return []
        segs = self._segments(text, words, starts, ends, i, j)
        labels = [sg[2] for sg in segs]
        if len(segs) == 1 and labels[0] is None and words[i].isupper() and j == i + 1 and len(words[i]) > 3:
            # Datelines and headlines shout: "MOSCOW (XINHUA) -".
            place = lex.names.entries.get(words[i].title())
            if place in PLACE_LABELS or place == "CITY":
                return [Mention(i, j, "GPE" if place == "CITY" else place, "lex")]
        if len(segs) == 1 and labels[0] is None and words[i].isupper():
            self._read_sentence = True  # what follows depends on more than the chunk
            if sum(1 for w in words[sent_start:sent_end] if w.isupper() and len(w) > 1) > max(3, (sent_end - sent_start) // 2):
                return []  # a headline in capitals: acronym-looking words are no names
        if len(segs) == 1 and labels[0] == "CITY":
            # geonames holds towns called "Assad" or "Hammond": let the context decide.
            return [self._pending(_CITY, text, words, starts, ends, i, j, sent_start, None)]
        if len(segs) == 1 and labels[0] not in (None, "TITLE"):
            return [Mention(i, j, labels[0], "lex")]
        if words[j - 1] in self.non_entity_heads or words[i] in self.non_entity_prefixes:
            return []  # a work, law or operation: not in the label set
        if words[j - 1] in self.doc_heads:
            # "UN Security Council Resolution": a document; its issuer may still be a name.
            return self._type_chunk(text, words, starts, ends, i, j - 1, sent_start, sent_end) if j - i > 1 else []
        if "TITLE" in labels:
            typed = self._title_chunk(words, segs, i, j)
            if typed is not None:
                return typed
        last, first = words[j - 1], words[i]
        if labels[-1] is None and (j - i > 1 or labels[0] is None) and not self._title_case:
            if last in self.fac_heads:
                return [Mention(i, j, "FAC", "cue")]
            if last in self.org_heads:
                return [Mention(i, j, "ORG", "cue")]
            if last in self.loc_heads:
                return [Mention(i, j, "LOC", "cue")]
            if first in self.org_prefix and j - i > 1:
                return [Mention(i, j, "ORG", "cue")]
            if first in self.loc_prefix and j - i > 1:
                return [Mention(i, j, "LOC", "cue")]
        known = [Mention(a, b, "GPE" if lab == "CITY" else lab, "lex") for a, b, lab in segs if lab not in (None, "TITLE")]
        if all(lab is not None for lab in labels) and "CITY" not in labels:
            return known
        return [self._pending(_TITLE_CASE if self._title_case else _MODEL, text, words, starts, ends, i, j,
                              sent_start, known)]

    def _pending(self, kind, text, words, starts, ends, i, j, sent_start, known, span_words=None) -> "_Pending":
        """A chunk the span classifier types; all of a document's are scored at once."""
        request = (span_words or tuple(text[starts[i]:ends[j - 1]].split()),
                   words[i - 1] if i > 0 else "", words[i - 2] if i > 1 else "",
                   words[j] if j < len(words) else "", i == sent_start)
        pending = _Pending(kind, i, j, known, request)
        self._pendings.append(pending)
        return pending

    def _settle(self, mentions: list) -> list[Mention]:
        """Mentions with every pending chunk replaced by what the classifier makes of it, in place."""
        pendings = self._pendings
        if not pendings:
            return mentions
        best, rows = self.model.score_many([p.request for p in pendings])
        classes, probability = self.model.classes, self.model.probability
        for pending, top, row in zip(pendings, best, rows):
            label, i, j = classes[top], pending.start, pending.end
            if pending.kind == _CITY:
                person = label == "PERSON" and probability(row) >= 0.5
                pending.mentions = [Mention(i, j, "PERSON" if person else "GPE", "city")]
            elif pending.kind == _TITLE_CASE and not probability(row) >= 0.9:
                pending.mentions = pending.known
            elif label in ("O", "DATE"):
                # Kept as "O" so that the document pass can still recognise a known person's name.
                pending.mentions = pending.known or [Mention(i, j, "O", "model")]
            else:
                pending.mentions = [Mention(i, j, label, "model")]
        self._pendings = []
        out = []
        for m in mentions:
            if type(m) is _Pending:
                out.extend(m.mentions)
            else:
                out.append(m)
        return out

    def _title_chunk(self, words, segs, i, j):
        """[NORP/GPE/ORG]* TITLE+ [for|of [the] NAME] [NAME]: a person, title included."""
        k = 0
        # "Iraqi President", "US Secretary of State", "Foreign Office Minister"; not "Turkey Minister"
        while k < len(segs) and (segs[k][2] in ("NORP", "ORG") or
                                 segs[k][2] == "GPE" and words[segs[k][0]].isupper()):
            k += 1
        if k < len(segs) and segs[k][2] in ("GPE", "CITY", "LOC") and k + 1 < len(segs) and segs[k + 1][2] == "TITLE":
            # "In Turkey Minister Ellwood met ...": the place stands apart from the person.
            place = Mention(segs[k][0], segs[k][1], "GPE" if segs[k][2] == "CITY" else segs[k][2], "lex")
            rest = self._title_chunk(words, segs[k + 1:], segs[k + 1][0], j)
            return [place] + rest if rest is not None else None
        if k >= len(segs) or segs[k][2] != "TITLE":
            # "House Speaker Paul Ryan", "Washington Political Editor Matthew Boyle": an
            # unknown scope before a title, with a name after it, is still one person.
            t = next((x for x in range(k, len(segs)) if segs[x][2] == "TITLE"), None)
            if t is None or t == 0 or any(sg[2] == "TITLE" for sg in segs[:t]):
                return None
            after = t
            while after < len(segs) and segs[after][2] == "TITLE":
                after += 1
            if after < len(segs) and segs[after][2] is None and after == len(segs) - 1 \
                    and words[segs[after][0]] not in CONNECTORS:
                return [Mention(i, j, "PERSON", "title")]
            return None
        while k < len(segs) and segs[k][2] == "TITLE":
            k += 1
        # "Minister for the Middle East", "Secretary of State": the role's scope is part of it.
        if k < len(segs) and segs[k][2] is None and words[segs[k][0]] in ("for", "of"):
            a, b = segs[k][0], segs[k][1]
            scope_end = a + 1
            while scope_end < b and (words[scope_end] in CONNECTORS or words[scope_end] == "the"):
                scope_end += 1
            if scope_end == b and k + 1 < len(segs):
                k += 2
            else:
                # "Minister of Foreign Affairs of Iraq": the whole chunk is the role
                return [Mention(i, j, "PERSON", "title")]
        title_end = segs[k - 1][1]
        if k == len(segs):
            single = title_end - i == 1
            if single and i > 0 and words[i - 1] not in THE:
                return []
            return [Mention(i, title_end, "PERSON", "title")]
        # Whatever capitalised words follow a title directly are the person's name, even when
        # a gazetteer knows them as a town ("Mr Hammond").
        return [Mention(i, j, "PERSON", "title")]

    # ------------------------------------------------------------------ step 4: grammar
    def _grammar(self, words, mentions, newline_after) -> list[Mention]:
        n = len(words)
        by_start = {m.start: m for m in mentions if m.source != "numeric"}
        by_end = {m.end: m for m in mentions if m.source != "numeric"}
        extra = []
        for m in mentions:
            if m.source in ("numeric", "term", "pronoun", "nominal"):
                continue
            e = m.end
            # Russia's Defence Ministry / Assad's regime
            if e + 1 < n and words[e] in APOSTROPHE_S and m.label in ("GPE", "ORG", "NORP", "PERSON"):
                nxt = by_start.get(e + 1)
                if nxt is not None and nxt.label == "ORG" and m.label != "PERSON":
                    extra.append(Mention(m.start, nxt.end, "ORG", "grammar"))
                elif e + 1 < n and words[e + 1].lower() in ("regime", "government", "forces"):
                    extra.append(Mention(m.start, e + 2, "ORG", "grammar"))
            # the Syrian army / Iraqi forces / the Assad regime / ISIL fighters
            if m.label in ("NORP", "GPE", "ORG") or (m.label == "PERSON" and m.source != "title"):
                g = self._group_noun(words, e, newline_after, person=m.label == "PERSON")
                if g:
                    extra.append(Mention(m.start, g, "ORG", "grammar"))
            # eastern Aleppo, northern Syria
            if m.label in PLACE_LABELS and m.start > 0 and words[m.start - 1] in self.place_modifiers:
                extra.append(Mention(m.start - 1, m.end, "LOC", "grammar"))
            # Idlib province / Hmeimim airbase
            if m.label in PLACE_LABELS or m.source == "model" and m.label != "NORP":
                head = self._lower_head(words, e)
                if head:
                    extra.append(Mention(m.start, head[0], head[1], "grammar"))
            # the city of Mosul, the Karrada district of Baghdad
            if m.label in PLACE_LABELS and m.start >= 2 and words[m.start - 1] == "of" and \
                    words[m.start - 2].lower() in self.loc_lower:
                a = m.start - 2
                prev = by_end.get(a)
                if prev is not None and prev.label in PLACE_LABELS | {"PERSON", "ORG"} and prev.source != "title":
                    a = prev.start
                if a > 0 and words[a - 1] in THE:
                    extra.append(Mention(a - 1, m.end, "LOC", "grammar"))
        mentions.extend(extra)
        return mentions

    def _group_noun(self, words, e, newline_after, person=False):
        if e >= len(words) or newline_after[e - 1]:
            return None
        w = words[e]
        if person:
            return e + 1 if w == "regime" else None  # two words joined by a space never are
        nouns = self.group_nouns
        lw = w.lower()
        # The two-word test only for a word that starts a two-word group noun ("air force").
        if e + 1 < len(words):
            if (lw in self._group_firsts or " " in lw) and " ".join(words[e:e + 2]).lower() in nouns:
                return e + 2
        elif "" in nouns:
            return e + 2
        if lw in nouns and w.islower():
            return e + 1
        return None

    def _lower_head(self, words, e):
        if e >= len(words):
            return None
        w = words[e]
        if e + 1 < len(words):
            lw = w.lower()
            if (lw in self._fac_firsts or " " in lw) and " ".join(words[e:e + 2]).lower() in self.fac_lower:
                return e + 2, "FAC"
        elif w.lower() in self.fac_lower:
            return e + 2, "FAC"
        if not w.islower():
            return None
        if w in self.fac_lower:
            return e + 1, "FAC"
        if w in self.loc_lower:
            return e + 1, "LOC"
        return None

    # ------------------------------------------------------------------ step 6: document
    def _discourse(self, text, words, starts, ends, mentions) -> None:
        """One sense per document: "Assad" after "Bashar al-Assad" is the person, not the town
        geonames knows; a country followed by a finite verb acts as its government (ORG)."""
        lex = self.lex
        person_words = set()
        for m in mentions:
            if m.label == "PERSON":
                for k in range(m.start, m.end):
                    w = words[k]
                    if w[:1].isupper() and w not in lex.title_words and lex.names.entries.get(w, "CITY") == "CITY":
                        person_words.add(w)
            elif m.label == "ORG" and m.source == "grammar" and m.end - m.start >= 2 and words[m.end - 1] == "regime":
                w = words[m.end - 2]  # "the Assad regime": Assad is a person
                if _is_cap(w) and w not in lex.names.entries:
                    person_words.add(w)
        n = len(words)
        for m in mentions:
            if m.source in ("city", "model") and m.label != "PERSON" and person_words and \
                    all(words[k] in person_words or words[k] in CONNECTORS for k in range(m.start, m.end)):
                m.label = "PERSON"
            elif m.label == "GPE" and m.end < n and words[m.end] in lex.finite_verbs and \
                    words[m.end] not in self.not_agent_verbs and \
                    text[starts[m.start]:ends[m.end - 1]] in lex.countries:
                m.label = "ORG"
            elif m.label == "NORP" and m.end - m.start == 1:
                w = words[m.start]
                if m.start and words[m.start - 1] == "(" and m.end < n and words[m.end] == ":":
                    m.label = "O"  # a language gloss, "Samarra Barrage (Arabic: ...)"
                elif w.endswith("s") and lex.names.entries.get(w[:-1]) == "NORP":
                    m.label = "ORG"  # "all Syrians", "Iraqis across the country": a group of people

    # ------------------------------------------------------------------ step 5: overlaps
    def _resolve(self, mentions, blocked) -> list[Mention]:
        find = blocked.find
        if find(2) >= 0:  # boilerplate was found: what overlaps it goes
            mentions = [m for m in mentions if find(2, m.start, m.end) < 0]
        # sorted by _precedence, stably: the position breaks ties as a stable sort would
        order = [(-_PRIORITY_OF[m.source], m.start - m.end, m.start, k) for k, m in enumerate(mentions)]
        order.sort()
        mentions = [mentions[key[3]] for key in order]
        used = bytearray(len(blocked))
        taken = used.find
        kept = []
        for m in mentions:
            a, b = m.start, m.end
            if a < b and taken(1, a, b) >= 0:
                continue
            used[a:b] = b"\x01" * (b - a)
            kept.append(m)
        kept.sort(key=_START)
        return kept

    def extend_the(self, words, mentions) -> None:
        """re3d and analysts keep the article with organisations, places and title-led people."""
        taken = {k for m in mentions for k in range(m.start, m.end)}
        for m in mentions:
            if m.start > 0 and words[m.start - 1] in THE and m.start - 1 not in taken:
                if m.label == "GPE" and m.end - m.start == 1 and not words[m.start].isupper():
                    continue  # "the Syria crisis": a one-word place name takes no article
                if m.label in self.the_labels or (m.label == "PERSON" and m.source == "title") \
                        or m.source == "grammar":
                    m.start -= 1
