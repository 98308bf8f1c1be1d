"""Time expressions: found with a lexicon-driven grammar, normalised TIMEX3-style.

The grammar (``data/lexicons/times_patterns.json``) and its words (``data/lexicons/times.json``)
are data; this module turns matches into :class:`~eventwire.models.TimeValue` records against
a reference date (the article's ``published``; without one, a date line at the top of the
text, else a year narrowed from weekday/date pairs by :func:`eventwire.resolve.dates.infer_reference`).

Why our own grammar and not dateparser or ctparse: measured on MEANTIME (docs/times.md) both
were far less accurate (value F1 0.12 and 0.05) and 10-60x over the speed budget.
"""
from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Optional

from spacy.attrs import IDX, SENT_START

try:  # the regex parser, to read what a rule's first character can be
    from re import _constants as C, _parser as P
except ImportError:  # pragma: no cover - Python < 3.11
    import sre_constants as C
    import sre_parse as P
from spacy.language import Language

from ..models import TimeValue
from ..nlp.fast import _SENTS as _SENT_STARTS, doc_text, token_offsets
from ..resolve import dates as D
from ..errors import DataFileError
from ..resources import load_json

VERSION = "1.0"
COMPONENT = f"eventwire_times@{VERSION}"
LEXICON = "lexicons/times.json"
PATTERNS = "lexicons/times_patterns.json"


# ------------------------------------------------------------------ grammar
_CATS = {C.CATEGORY_DIGIT: r"\d", C.CATEGORY_WORD: r"\w", C.CATEGORY_SPACE: r"\s"}
_ZERO_WIDTH = {C.AT, C.ASSERT, C.ASSERT_NOT}


def _first(items):
    """(character-class items, can it match nothing) of a parsed regex sequence: what the
    first character of a match can be. None when some construct is not understood."""
    out = set()
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        if op is C.LITERAL:
            out.add(re.escape(chr(av)))
            return out, False
        if op is C.IN:
            for iop, iav in av:
                if iop is C.LITERAL:
                    out.add(re.escape(chr(iav)))
                elif iop is C.RANGE:
                    out.add(re.escape(chr(iav[0])) + "-" + re.escape(chr(iav[1])))
                elif iop is C.CATEGORY and iav in _CATS:
                    out.add(_CATS[iav])
                else:
                    return None
            return out, False
        if op is C.SUBPATTERN:
            _group, add, delete, sub = av
            if add or delete:
                return None
            r = _first(sub.data)
        elif op is C.BRANCH:
            r = (set(), False)
            for alt in av[1]:
                a = _first(alt.data)
                if a is None:
                    return None
                r = (r[0] | a[0], r[1] or a[1])
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)):
            lo, _hi, sub = av
            r = _first(sub.data)
            if r is not None and lo == 0:
                r = (r[0], True)
        else:
            return None
        if r is None:
            return None
        out |= r[0]
        if not r[1]:
            return out, False
    return out, True


def _guarded(pattern: str, flags: int) -> str:
    """``pattern`` behind a lookahead for the characters a match can start with.

    The rules open with ``\\b`` or a lookbehind, which keeps the regex engine from
    skipping ahead to a possible first character: it would try the whole rule at every
    position of a window. The lookahead rejects most positions at once; it accepts every
    position where a match can start, so the matches are the same.
    """
    r = _first(P.parse(pattern, flags).data)
    if r is None or r[1] or not r[0] or pattern.startswith("(?") and pattern[2:3].isalpha():
        return pattern  # not understood, can be empty, or opens with global flags that must stay first
    return "(?=[" + "".join(sorted(r[0])) + "])" + pattern


def _alternation(words) -> str:
    """The words as one regex alternative, longest first; spaces match any run of whitespace.

    Written as a trie (:func:`_trie`): at each position the engine then rejects a word after
    a character or two instead of trying each of them, and it tries the same words in the
    same order where it matters: two words can both match at one place only when one is the
    start of the other, and the longer is tried first either way. Words that differ only in
    case (or are not plain ASCII, where case folding reaches further) keep the flat list."""
    words = [w for w in words if w]
    if len({w.lower() for w in words}) == len(words) and all(w.isascii() and w == w.lower() for w in words):
        return _trie(words)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


# compiled once: the module-level re functions look every pattern up in a cache per call
_SPACES = re.compile(r"\s+")
_WORDS = re.compile(r"[\w']+")
_WORDS_AND_CURRENCIES = re.compile(r"[\w$£€¥']+|[$£€¥]")


@dataclass
class Grammar:
    lex: dict
    rules: list  # [(rule name, compiled pattern, trigger classes, (reach before, reach after))]
    triggers: dict  # lower-case word -> classes of rules it can start
    trigger_re: re.Pattern  # finds trigger words (in lower-cased text) and digit runs
    digit_re: re.Pattern  # the digit runs of trigger_re alone
    word_re: re.Pattern  # its words alone, each behind the character before it (text padded by one)
    future_cues: frozenset = frozenset()
    past_cues: frozenset = frozenset()

    def word(self, table: str, key: str):
        return self.lex[table].get(_SPACES.sub(" ", key.lower()).rstrip("."))


@lru_cache(maxsize=1)
def grammar() -> Grammar:
    lex = load_json(LEXICON)
    units = dict(lex["units"])
    unit_words = list(units) + list(lex["unit_plurals"])
    numbers = list(lex["numbers"]) + list(lex["vague_numbers"])
    num = (r"(?:\d+(?:[.,]\d+)?|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-(?:one|two|three|four|"
           r"five|six|seven|eight|nine)|" + _alternation(numbers) + ")")
    fill = {
        "HOLIDAY": _alternation(lex["holidays"]).replace("'", "['’]"),
        "RELDAY": _alternation(lex["relative_days"]),
        "NAMED_DATE": _alternation(lex["named_dates"]),
        "MONTH": _alternation(lex["months"]),
        "MONTH_FULL": _alternation([m for m in lex["months"] if len(m) > 3 or m == "may"] + ["sept"]),
        "WEEKDAY": _alternation(lex["weekdays"]),
        "WEEKDAY_FULL": _alternation([w for w in lex["weekdays"] if w.endswith("day")]),
        "NUM": num,
        "UNIT": _alternation(unit_words),
        "TZ": _alternation(lex["timezones"]),
        "DAYPART": _alternation(lex["day_parts"]),
        "SEASON": _alternation(lex["seasons"]),
        "FUZZY": _alternation(lex["fuzzy_refs"]),
        "SETWORD": _alternation(lex["set_words"]),
        "DIR": _alternation(lex["direction_words"]),
        "WITHIN": _alternation(lex["within_words"]),
    }
    rules = []
    for spec in load_json(PATTERNS)["rules"]:
        if spec.get("rule") not in RULES or not spec.get("needs") or len(spec.get("reach", ())) != 2:
            raise DataFileError(f"{PATTERNS}: rule {spec.get('rule')!r} needs a handler r_<rule>, 'needs' and 'reach'")
        pattern = re.sub(r"\{([A-Z_]+)\}", lambda m: fill[m.group(1)], spec["pattern"])
        rules.append((spec["rule"], re.compile(_guarded(pattern, re.IGNORECASE), re.IGNORECASE),
                      frozenset(spec["needs"]), tuple(spec["reach"])))
    triggers = _trigger_words(lex)
    trigger_re = re.compile(r"\d+|(?<![a-z])(?:" + _trie(triggers) + r")(?![a-z])")
    # The same matches in two scans that open with a character class, which the regex engine
    # skips ahead to in C (trigger_re's lookbehind makes it try the pattern at every position):
    # digit runs, and words, each with the non-letter before it consumed instead of looked
    # behind at. Digit runs hold no letters and trigger words no digits, so the two scans
    # find exactly trigger_re's matches.
    digit_re = re.compile(r"\d\d*")
    firsts = "".join(sorted({re.escape(w[0]) for w in triggers}))
    word_re = re.compile(r"[^a-z](?=[" + firsts + r"])(" + _trie(triggers) + r")(?![a-z])")
    return Grammar(lex, rules, triggers, trigger_re, digit_re, word_re,
                   frozenset(lex["future_cues"]), frozenset(lex["past_cues"]))


def _trie(words) -> str:
    """A regex alternation factored by common prefixes: the engine then rejects a position
    after a character or two instead of trying every word."""
    root: dict = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        alts = [(r"\s+" if ch == " " else re.escape(ch)) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(root)


def _trigger_words(lex: dict) -> dict:
    """Which rule classes each word can trigger; the words of multi-word entries count singly."""
    classes = {
        "month": lex["months"], "weekday": lex["weekdays"], "season": lex["seasons"],
        "relday": [k.split()[-1] for k in lex["relative_days"]], "daypart": lex["day_parts"], "setword": lex["set_words"],
        "clockword": lex["clock_words"], "fuzzy": [k.split()[-1] for k in lex["fuzzy_refs"]],
        "unit": list(lex["units"]) + list(lex["unit_plurals"]) + [u + "s" for u in lex["units"]],
        "quarter": ["quarter", "quarters"], "half": ["half"],
        "holiday": [re.split(r"[ ']", k)[0] for k in lex["holidays"]],
    }
    out: dict = {}
    for name, words in classes.items():
        for w in words:
            out.setdefault(w.lower(), set()).add(name)
    return {k: frozenset(v) for k, v in out.items()}


# ------------------------------------------------------------------ context
@dataclass
class Reference:
    date: Optional[dt.date]
    anchor: Optional[str]
    certainty: float


@dataclass
class Context:
    text: str
    ref: Reference
    sent_starts: list
    g: Grammar
    day_first: Optional[bool] = None  # numeric dates: the order this document uses, when it shows

    def sentence(self, start: int, end: int) -> tuple[int, int]:
        i = bisect_right(self.sent_starts, start) - 1
        s = self.sent_starts[i] if i >= 0 else 0
        e = self.sent_starts[i + 1] if i + 1 < len(self.sent_starts) else len(self.text)
        return s, max(e, end)

    def direction(self, start: int, end: int) -> int:
        """-1 when the clause around a mention reads as past, +1 as future, 0 when nothing says."""
        s, e = self.sentence(start, end)
        before = _WORDS.findall(self.text[s:start].lower())[-10:]
        after = _WORDS.findall(self.text[end:e].lower())[:6]
        future, past = self.g.future_cues, self.g.past_cues
        for words in (before[::-1], after):
            for i, w in enumerate(words):
                nxt = words[i + 1] if i + 1 < len(words) else ""
                pairs = {f"{nxt} {w}", f"{w} {nxt}"}
                if w in future or pairs & future or w == "ll":
                    return 1
                if w in past or (len(w) > 4 and w.endswith("ed")):
                    return -1
        return 0


Spec = D.Spec  # fields of a TimeValue (type, value, precision, ...) or None to drop the match


def _sentence_initial(ctx: Context, start: int) -> bool:
    s, _ = ctx.sentence(start, start)
    return not ctx.text[s:start].strip(" \t\n\"'“‘(")


def _looks_like_a_name(ctx: Context, start: int, token: str) -> bool:
    """A capitalised time word inside a sentence that is part of a title or name ("USA TODAY",
    ABC's "This Week", the "Today" show). Headlines, where most words are capitalised, and
    all-capitals passages keep their time words."""
    if not token[:1].isupper():
        return False
    before = ctx.text[max(0, start - 40):start].split()
    if token.isupper() and len(token) > 1:
        prev = before[-1] if before else ""
        prev2 = before[-2] if len(before) > 1 else ""
        return prev.isalpha() and prev.isupper() and len(prev) > 1 and not prev2.isupper()
    if _sentence_initial(ctx, start):
        return False
    s, e = ctx.sentence(start, start)
    words = re.findall(r"[A-Za-z][\w']*", ctx.text[s:e])
    return sum(w[0].isupper() for w in words) * 2 <= len(words)


def _capitalised(token: Optional[str]) -> bool:
    return bool(token) and token[0].isupper()


def _number(g: Grammar, text: str):
    t = re.sub(r"\s+", " ", text.lower())
    if re.fullmatch(r"\d+(?:[.,]\d+)?", t):
        return float(t.replace(",", ".")) if "." in t or (("," in t) and len(t.split(",")[1]) != 3) else float(t.replace(",", ""))
    if "-" in t:
        tens, ones = t.split("-", 1)
        return g.lex["numbers"].get(tens, 0) + g.lex["numbers"].get(ones, 0)
    if t in g.lex["vague_numbers"]:
        return None
    return g.lex["numbers"].get(t)


def _unit(g: Grammar, text: str) -> tuple[str, dict]:
    name = text.lower()
    name = g.lex["unit_plurals"].get(name, name)
    if name.endswith("s") and name not in g.lex["units"]:
        name = name[:-1]
    return name, g.lex["units"][name]


def _month(g: Grammar, m: re.Match) -> Optional[int]:
    token = m.group("mon")
    if not _capitalised(token):
        return None
    return g.word("months", token)


def _unknown(precision: str) -> Spec:
    blank = {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "month": "XXXX-XX", "year": "XXXX"}.get(precision, "XXXX-XX-XX")
    return {"type": "DATE", "value": blank, "precision": precision, "certainty": 0.2}


# ------------------------------------------------------------------ rules
def r_named_date(m, ctx):
    return D.day_value(dt.date.fromisoformat(ctx.g.word("named_dates", m.group("name"))))


def r_iso_date(m, ctx):
    day = D.valid_date(int(m.group("year")), int(m.group("month")), int(m.group("day")))
    if day is None:
        return None
    if m.group("hour"):
        value = f"{day.isoformat()}T{m.group('hour')}:{m.group('minute')}" + ("Z" if m.group("zulu") else "")
        return {"type": "TIME", "value": value, "precision": "minute"}
    return D.day_value(day)


def r_numeric_date(m, ctx):
    a, b, y = int(m.group("a")), int(m.group("b")), m.group("year")
    year = int(y) if len(y) == 4 else D.expand_two_digit_year(int(y), ctx.ref.date)
    if a > 12 or ctx.day_first and b <= 12:
        month, day = b, a  # 13/09/2018, or a document that writes day first elsewhere
    else:
        month, day = a, b  # US order by default
    when = D.valid_date(year, month, day)
    if when is None:
        return None
    spec = D.day_value(when)
    if a <= 12 and b <= 12 and a != b and ctx.day_first is None:
        spec["certainty"] = 0.7  # 7/8/07 could also be 7 August
    return spec


def _weekday_of(g, m) -> Optional[int]:
    wd = m.group("wd") if "wd" in m.re.groupindex else None
    return g.word("weekdays", wd) if wd else None


def _month_day(m, ctx):
    g = ctx.g
    month = _month(g, m)
    if month is None:
        return None
    day = int(m.group("day"))
    if not 1 <= day <= 31:
        return None
    weekday = _weekday_of(g, m)
    if m.group("year"):
        when = D.valid_date(int(m.group("year")), month, day)
        if when is None:
            return None
        spec = D.day_value(when)
        if weekday and when.isoweekday() != weekday:
            spec["certainty"] = 0.6
        return spec
    ref = ctx.ref.date
    after = re.match(r"\s+([a-z]+)", ctx.text[m.end():m.end() + 20])
    if ref is None or after and after.group(1) in ctx.g.lex["event_nouns"]:
        # no reference, or the date names an event ("the June 4 massacre"): the year is unknown
        return {"type": "DATE", "value": f"XXXX-{month:02d}-{day:02d}", "precision": "day", "certainty": 0.3}
    direction = ctx.direction(m.start(), m.end())
    year = D.resolve_month_day(ref, month, day, direction)
    if weekday:
        # the weekday names the year when the nearest one does not fit ("Thursday (Oct 15)")
        fits = [y for y in (year, year - 1, year + 1) if (w := D.valid_date(y, month, day)) and w.isoweekday() == weekday]
        if fits:
            year = fits[0]
    when = D.valid_date(year, month, day)
    if when is None:
        return None
    spec = D.day_value(when)
    spec["certainty"] = ctx.ref.certainty
    return spec


def _trim_parens(m, spec):
    """Keep a closing parenthesis only when the match opened one ("Thursday (Oct 15)"), and a
    full stop only after an abbreviated month ("Oct." but not "October.")."""
    if spec is None:
        return spec
    if m.group("close") and not m.group("open"):
        spec["end"] = m.start("close")
    elif m.group(0).endswith(".") and m.end("mon") == m.end() - 1 and len(m.group("mon")) > 4:
        spec["end"] = m.end() - 1
    return spec


def r_month_day(m, ctx):
    return _trim_parens(m, _month_day(m, ctx))


def r_day_month(m, ctx):
    return _trim_parens(m, _month_day(m, ctx))


def r_month_year(m, ctx):
    month = _month(ctx.g, m)
    if month is None:
        return None
    return {"type": "DATE", "value": D.fmt_month(int(m.group("year")), month), "precision": "month"}


def r_month(m, ctx):
    month = _month(ctx.g, m)
    if month is None:
        return None
    token = m.group("mon")
    if token.lower() == "may" and not m.group("dir") and not m.group("mod"):
        # "May" opening a sentence is usually the verb; as a month it follows in/of/since/until/by
        prev = re.findall(r"[\w']+", ctx.text[max(0, m.start() - 20):m.start()].lower())
        if not prev or prev[-1] not in ctx.g.lex["may_month_after"]:
            return None
    if token.lower() == "march" and not m.group("dir"):
        after = re.match(r"\s+([a-z]+)", ctx.text[m.end():m.end() + 12])
        if after and after.group(1) in ctx.g.lex["march_verb_before"]:
            return None  # "march on the capital"
    ref = ctx.ref.date
    if ref is None:
        return {"type": "DATE", "value": f"XXXX-{month:02d}", "precision": "month", "certainty": 0.3}
    if m.group("ydir"):  # "January of this year", "March next year"
        year = ref.year + ctx.g.lex["direction_words"].get(m.group("ydir").lower().split()[-1], 0)
        return {"type": "DATE", "value": D.fmt_month(year, month), "precision": "month", "certainty": ctx.ref.certainty}
    direction = ctx.g.lex["direction_words"].get((m.group("dir") or "").lower())
    if direction is None or direction == 0:
        if direction == 0:  # "this May": the one in the reference year
            year = ref.year
        else:
            year = D.resolve_month_day(ref, month, None, ctx.direction(m.start(), m.end()))
    elif direction < 0:
        year = ref.year if month < ref.month else ref.year - 1
    else:
        year = ref.year if month > ref.month else ref.year + 1
    return {"type": "DATE", "value": D.fmt_month(year, month), "precision": "month", "certainty": ctx.ref.certainty}


def r_decade(m, ctx):
    if m.group("dec"):
        return {"type": "DATE", "value": m.group("dec")[:3], "precision": "decade"}
    dd = int(m.group("dd"))
    century = 19 if ctx.ref.date is None or dd * 1 > ctx.ref.date.year % 100 else ctx.ref.date.year // 100
    return {"type": "DATE", "value": f"{century}{dd // 10}", "precision": "decade"}


def _word_before(text: str, start: int) -> str:
    words = _WORDS_AND_CURRENCIES.findall(text[max(0, start - 25):start].lower())
    return words[-1] if words else ""


def r_year(m, ctx):
    year = m.group("year")
    if not (m.group("mod") or m.group("fy")):
        before = _word_before(ctx.text, m.start())
        if before in ctx.g.lex["year_prefix_blockers"]:
            return None
        after = re.match(r"\s*([\w%]+)", ctx.text[m.end():m.end() + 20])
        if after and after.group(1).lower() in ctx.g.lex["year_blockers"]:
            return None
        # a number inside a list of amounts ("1500 and 2000") or a year far in the future is not a year
        ref_year = ctx.ref.date.year if ctx.ref.date else dt.date.today().year
        if int(year) > ref_year + 60:
            return None
    if m.group("fy"):
        return {"type": "DATE", "value": f"FY{year}", "precision": "year"}
    return {"type": "DATE", "value": year, "precision": "year"}


def r_year_range(m, ctx):
    """"1980-88", "1977-1979": one stretch with both ends (a DURATION with a range)."""
    y1, y2 = int(m.group("y1")), m.group("y2")
    y2 = int(y2) if len(y2) == 4 else (y1 // 100) * 100 + int(y2)
    if y2 <= y1 or y2 - y1 > 50:
        return None  # "2009-10" is more often a season or a fiscal year than a ten-year range
    return {"type": "DURATION", "value": D.fmt_duration(y2 - y1, "Y"), "precision": "year",
            "range_start": D.fmt_year(y1), "range_end": D.fmt_year(y2)}


def r_holiday(m, ctx):
    name = re.sub(r"\s+", " ", m.group("name").lower()).replace("’", "'")
    month, day = ctx.g.lex["holidays"][name]
    if not (m.group("prep") or m.group("year") or name.endswith((" day", " eve"))):
        return None
    if m.group("year"):
        year = int(m.group("year"))
    elif ctx.ref.date is None:
        return {"type": "DATE", "value": f"XXXX-{month:02d}-{day:02d}", "precision": "day", "certainty": 0.3}
    else:
        year = D.resolve_month_day(ctx.ref.date, month, day, ctx.direction(m.start(), m.end()))
    spec = D.day_value(dt.date(year, month, day))
    if m.group("prep"):
        spec["end"] = m.end()
        spec["start"] = m.start("name")
    return spec


def r_season(m, ctx):
    code = ctx.g.word("seasons", m.group("season"))
    d = (m.group("dir") or "").lower()
    season = m.group("season").lower()
    if m.group("year"):
        return {"type": "DATE", "value": f"{m.group('year')}-{code}", "precision": "season"}
    if d in ("", "the", "by", "until", "since") or (season == "fall" and d not in ctx.g.lex["direction_words"]):
        return None
    ref = ctx.ref.date
    if ref is None:
        return {"type": "DATE", "value": f"XXXX-{code}", "precision": "season", "certainty": 0.3}
    delta = ctx.g.lex["direction_words"].get(d)
    if delta is None:  # "in the summer": this year's
        delta = 0
    return {"type": "DATE", "value": f"{ref.year + delta:04d}-{code}", "precision": "season", "certainty": ctx.ref.certainty}


_ORDINAL_Q = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}


def r_quarter(m, ctx):
    ref = ctx.ref.date
    ordw = m.group("ord").lower()
    if m.group("year"):
        year = int(m.group("year"))
    elif m.group("rel"):
        if ref is None:
            return None
        year = ref.year + ctx.g.lex["direction_words"][m.group("rel").lower()]
    else:
        year = None
    if ordw in _ORDINAL_Q:
        q = _ORDINAL_Q[ordw]
        if year is None:
            if ref is None:
                return {"type": "DATE", "value": f"XXXX-Q{q}", "precision": "quarter", "certainty": 0.3}
            year = ref.year
            # "the fourth quarter" reported in January is last year's
            if q > D.quarter_of(ref.month) and ctx.direction(m.start(), m.end()) < 0:
                year -= 1
            return {"type": "DATE", "value": f"{year:04d}-Q{q}", "precision": "quarter", "certainty": ctx.ref.certainty}
        return {"type": "DATE", "value": f"{year:04d}-Q{q}", "precision": "quarter"}
    if ordw == "final":
        if year is not None:
            return {"type": "DATE", "value": f"{year:04d}-Q4", "precision": "quarter"}
        ordw = "last"
    if ref is None:
        return None
    delta = ctx.g.lex["direction_words"].get(ordw, 0)
    spec = D.unit_value(ref, "quarter", delta)
    spec["certainty"] = ctx.ref.certainty
    return spec


def r_quarter_code(m, ctx):
    year = m.group("year")
    ref = ctx.ref.date
    if year is None and ref is None:
        return None
    year = int(year) if year else ref.year
    if m.group("q"):
        return {"type": "DATE", "value": f"{year:04d}-Q{m.group('q')}", "precision": "quarter"}
    if not m.group("year"):
        return None  # a bare "H1" is too often a name
    return {"type": "DATE", "value": f"{year:04d}-{m.group('h').upper()}", "precision": "quarter"}


def r_half(m, ctx):
    half = 1 if m.group("ord").lower() in ("first", "1st") else 2
    if m.group("year"):
        year = int(m.group("year"))
    elif ctx.ref.date is None:
        return None
    else:
        year = ctx.ref.date.year + ctx.g.lex["direction_words"].get((m.group("rel") or "this").lower(), 0)
        return {"type": "DATE", "value": f"{year:04d}-H{half}", "precision": "quarter", "certainty": ctx.ref.certainty}
    return {"type": "DATE", "value": f"{year:04d}-H{half}", "precision": "quarter"}


def r_relative_day(m, ctx):
    if _looks_like_a_name(ctx, m.start("word"), m.group("word")):
        return None
    word = m.group("word").lower()
    ref = ctx.ref.date
    part = ctx.g.word("day_parts", m.group("part")) if m.group("part") else ctx.g.lex["relative_day_parts"].get(word)
    if ref is None:
        return {"type": "DATE", "value": "XXXX-XX-XX", "precision": "day", "certainty": 0.2}
    day = ref + dt.timedelta(days=ctx.g.lex["relative_days"][word])
    spec = D.day_value(day)
    spec["certainty"] = ctx.ref.certainty
    if part:
        spec.update(type="TIME", value=f"{spec['value']}T{part}", precision="fuzzy")
    return spec


def r_day_part(m, ctx):
    ref = ctx.ref.date
    d = m.group("dir").lower()
    part = ctx.g.word("day_parts", m.group("part"))
    if d not in ("this", "last") or ref is None:
        return None
    day = ref - dt.timedelta(days=1) if d == "last" and part == "NI" else ref
    if d == "last" and part != "NI":
        return None  # "last morning" is not idiomatic; "last evening" too rare to guess
    return {"type": "TIME", "value": f"{day.isoformat()}T{part}", "precision": "fuzzy", "certainty": ctx.ref.certainty}


def r_weekday(m, ctx):
    token = m.group("wd")
    if not _capitalised(token) or _word_before(ctx.text, m.start()) in ctx.g.lex["weekday_name_blockers"]:
        return None
    weekday = ctx.g.word("weekdays", token)
    ref = ctx.ref.date
    if ref is None:
        return {"type": "DATE", "value": f"XXXX-WXX-{weekday}", "precision": "day", "certainty": 0.2}
    d = (m.group("dir") or "").lower()
    delta = ctx.g.lex["direction_words"].get(d)
    if delta is None:
        # a bare weekday in news is the last one unless the clause points forward
        day = D.resolve_weekday(ref, weekday, ctx.direction(m.start(), m.end()) or -1)
    elif delta < 0:  # "last Friday": the one before the reference day
        day = D.resolve_weekday(ref - dt.timedelta(days=1), weekday, -1)
    elif delta > 0:
        day = D.resolve_weekday(ref + dt.timedelta(days=1), weekday, 1)
    else:  # "this Friday": in the reference week
        day = ref + dt.timedelta(days=weekday - ref.isoweekday())
    spec = D.day_value(day)
    spec["certainty"] = ctx.ref.certainty
    if m.group("part"):
        part = ctx.g.word("day_parts", m.group("part"))
        spec.update(type="TIME", value=f"{spec['value']}T{part}", precision="fuzzy")
    return spec


def r_the_weekend(m, ctx):
    """"over the weekend": the last one in a past clause, else the coming one (or the current)."""
    ref = ctx.ref.date
    if ref is None:
        return {"type": "DATE", "value": "XXXX-WXX-WE", "precision": "week", "certainty": 0.2}
    if ref.isoweekday() >= 6 or ctx.direction(m.start(), m.end()) >= 0 and ref.isoweekday() >= 4:
        day = ref  # written on the weekend, or Thursday/Friday about the one ahead
    else:
        day = ref - dt.timedelta(days=ref.isoweekday())  # the Sunday before
    spec = {"type": "DATE", "value": D.fmt_week(day) + "-WE", "precision": "week", "certainty": ctx.ref.certainty}
    spec["start"] = m.start() + len(m.group(0)) - len("the weekend")
    return spec


def r_day_of_month(m, ctx):
    """"on the 15th": that day of the nearest month in the clause's direction."""
    ref = ctx.ref.date
    day = int(m.group("day"))
    if ref is None or not 1 <= day <= 31:
        return None
    direction = ctx.direction(m.start(), m.end())
    options = []
    for delta in (-1, 0, 1):
        y, mo = D.add_months(ref.year, ref.month, delta)
        when = D.valid_date(y, mo, day)
        if when:
            cost = abs((when - ref).days) + (20 if direction * (when - ref).days < 0 else 0)
            options.append((cost, when))
    if not options:
        return None
    spec = D.day_value(min(options)[1])
    spec["certainty"] = min(0.8, ctx.ref.certainty)
    spec["start"] = m.start() + m.group(0).index("the")
    return spec


def r_ago(m, ctx):
    g = ctx.g
    amount = _number(g, m.group("num"))
    unit, info = _unit(g, m.group("unit"))
    d = m.group("dir").lower()
    if d in ("before", "after"):
        return None  # "two days before the launch": a duration tied to an event, left to the duration rule
    sign = -1 if d in ("ago", "earlier", "previously") else 1
    if d in ("ago", "hence", "from now"):
        if ctx.ref.date is None:
            return _unknown(info["precision"])
        spec = D.shift(ctx.ref.date, unit, info, amount, sign)
        if spec:
            spec["certainty"] = ctx.ref.certainty
        return spec
    return {"anchored": (unit, info, amount, sign), "type": "DATE", "value": "", "precision": info["precision"]}


def r_relative_unit(m, ctx):
    if _looks_like_a_name(ctx, m.start("dir"), m.group("dir")):
        return None
    g = ctx.g
    ref = ctx.ref.date
    unit = re.sub(r"\s+", " ", m.group("unit").lower())
    d = m.group("dir").lower()
    the = bool(m.group("the"))
    info = g.lex["units"].get(unit.split()[-1], {})
    if unit == "day":
        # "the next day", "the following day": a day counted from the story's last date
        delta = {"next": 1, "following": 1, "previous": -1, "preceding": -1, "same": 0}.get(d)
        if delta is None or (d == "next" and not the):
            return None
        return {"anchored_unit": (unit, delta), "type": "DATE", "value": "", "precision": "day"}
    if the and d in ("past", "last") and unit not in ("quarter", "weekend") and not m.group("within"):
        return D.period_duration(ref, unit.split()[-1], info, 1, past=True)
    if the and d in ("next", "coming") and unit not in ("quarter", "weekend") and not m.group("within"):
        return D.period_duration(ref, unit.split()[-1], info, 1, past=False)
    if the and d in ("following", "previous", "preceding", "same"):
        delta = {"following": 1, "previous": -1, "preceding": -1, "same": 0}[d]
        return {"anchored_unit": (unit, delta), "type": "DATE", "value": "", "precision": info.get("precision")}
    if ref is None:
        return _unknown(info.get("precision", "year"))
    delta = g.lex["direction_words"].get(d, 0)
    spec = D.unit_value(ref, unit, delta)
    if spec:
        spec["certainty"] = ctx.ref.certainty
    return spec


def r_period_position(m, ctx):
    ref = ctx.ref.date
    if ref is None:
        return None
    d = (m.group("dir") or "this").lower()
    if d == "same":
        return None
    delta = ctx.g.lex["direction_words"].get(d, 0)
    spec = D.unit_value(ref, m.group("unit").lower(), delta)
    if spec:
        spec["certainty"] = ctx.ref.certainty
    return spec


def r_duration(m, ctx):
    g = ctx.g
    amount = _number(g, m.group("num"))
    numtext = m.group("num").lower()
    unit, info = _unit(g, m.group("unit"))
    if amount is None and numtext not in g.lex["vague_numbers"]:
        return None
    if amount is not None and amount > 10000:
        return None
    if numtext in ("a", "an") and re.match(r"\s*(?:ago|earlier)\b", ctx.text[m.end():m.end() + 10]):
        return None
    if _looks_like_a_name(ctx, m.start("unit"), m.group("unit")):
        return None  # "13 Hours" (a film), "Four Weeks" in a title-cased name
    if unit == "quarter" and ctx.text[m.end("num"):m.start("unit")] == "-":
        return None  # "three-quarters": a fraction
    if numtext in ("a", "an", "one") and unit == "second" or (unit == "quarter" and re.match(r"\s+of\b", ctx.text[m.end():])
                                                               and not re.match(r"\s+of\s+(?:an?\s+)?(?:century|year|hour)", ctx.text[m.end():])):
        return None  # "a second round", "a quarter of a trillion": ordinals and fractions
    if m.group("the") and m.group("dir").lower() in ("past", "last", "previous", "preceding", "recent"):
        return D.period_duration(ctx.ref.date, unit, info, amount, past=True)
    if m.group("the") and m.group("dir").lower() in ("next", "coming", "following"):
        return D.period_duration(ctx.ref.date, unit, info, amount, past=False)
    factor = info.get("factor", 1)
    n = None if amount is None else amount * factor
    return {"type": "DURATION", "value": D.fmt_duration(n, info["code"], info.get("clock", False)),
            "precision": "fuzzy" if n is None else info["precision"]}


def r_vague_duration(m, ctx):
    lead = (m.group("lead") or "").lower()
    if not lead and not m.group("long"):
        return None
    unit, info = _unit(ctx.g, m.group("unit"))
    past = any(w in lead for w in ("past", "last", "previous", "preceding", "recent"))
    future = any(w in lead for w in ("coming", "next", "following"))
    if past or future:
        return D.period_duration(ctx.ref.date, unit, info, None, past=past)
    return {"type": "DURATION", "value": D.fmt_duration(None, info["code"], info.get("clock", False)), "precision": "fuzzy"}


def r_set(m, ctx):
    if m.group("word"):
        if _capitalised(m.group("word")) and not _sentence_initial(ctx, m.start()):
            return None  # "China Daily", "The Weekly Standard": part of a name
        return {"type": "SET", "value": ctx.g.word("set_words", m.group("word")), "precision": "fuzzy"}
    unit, info = _unit(ctx.g, m.group("unit"))
    amount = _number(ctx.g, m.group("num")) if m.group("num") else 1
    n = None if amount is None else amount * info.get("factor", 1)
    return {"type": "SET", "value": D.fmt_duration(n, info["code"], info.get("clock", False)), "precision": "fuzzy"}


def r_set_rate(m, ctx):
    unit, info = _unit(ctx.g, m.group("unit"))
    return {"type": "SET", "value": D.fmt_duration(info.get("factor", 1), info["code"], info.get("clock", False)),
            "precision": "fuzzy"}


def r_clock(m, ctx):
    g = ctx.g
    gd = m.groupdict()
    if gd.get("word"):
        hm = g.lex["clock_words"][gd["word"].lower()]
        hour, minute = int(hm[:2]), int(hm[3:])
    elif gd.get("hm"):
        hour, minute = int(gd["hm"][:2]), int(gd["hm"][2:])
    else:
        hour, minute = int(gd["h"]), int(gd.get("m") or 0)
        if gd.get("sep") == "." and not (gd.get("ampm") or gd.get("tz")):
            return None  # "3.45" is a number unless am/pm or a zone says otherwise
        if gd.get("sep") == ":" and not (gd.get("ampm") or gd.get("tz") or gd.get("local")):
            # "18:00" alone is a time; "3:1" scores never reach here (two-digit minutes)
            pass
    ampm = (gd.get("ampm") or "").lower().replace(".", "").replace(" ", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    if hour > 24:
        return None
    zone = ""
    if gd.get("tz"):
        offset = g.lex["timezones"][gd["tz"].lower()]
        zone = "Z" if offset == 0 else _offset(offset)
    if gd.get("off"):
        hours = int(gd["off"].replace(" ", ""))
        zone = _offset(hours + (1 if hours >= 0 else -1) * int(gd.get("offm") or 0) / 60)
    return {"anchored_clock": f"T{hour:02d}:{minute:02d}{zone}", "type": "TIME", "value": "", "precision": "minute"}


def _offset(hours: float) -> str:
    if hours == 0:
        return "Z"
    sign = "+" if hours > 0 else "-"
    h = abs(hours)
    return f"{sign}{int(h):02d}:{int(round((h - int(h)) * 60)):02d}"


def r_fuzzy(m, ctx):
    word = re.sub(r"\s+", " ", m.group("word").lower())
    if word == "now" and re.match(r"\s*(?:that|on)\b", ctx.text[m.end():m.end() + 8]):
        return None  # "now that ...", "from now on": connectives, not a time
    return {"type": "DATE", "value": ctx.g.lex["fuzzy_refs"][word], "precision": "fuzzy"}


RULES: dict[str, Callable] = {name[2:]: fn for name, fn in globals().items() if name.startswith("r_")}


# ------------------------------------------------------------------ reference date
_DATE_LINE = re.compile(
    r"^[ \t]*(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
    r"(?:(?P<mon>[A-Z][a-z]{2,8})\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})"
    r"|(?P<day2>\d{1,2})\s+(?P<mon2>[A-Z][a-z]{2,8})\.?,?\s+(?P<year2>\d{4})"
    r"|(?P<iso>\d{4}-\d{2}-\d{2}))"
    r"(?:[ \t,]+\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?[ \t]*$",
    re.MULTILINE)


def find_date_line(text: str, g: Grammar, lines: int = 4) -> Optional[tuple[int, int, dt.date]]:
    """A line near the top that holds nothing but a full date: the article's own date stamp.

    It is metadata (TimeML's document creation time), not a mention of when something
    happened, so it becomes the reference date and is not reported as a time expression.
    """
    head_end = 0
    for _ in range(lines):
        nl = text.find("\n", head_end)
        if nl < 0:
            head_end = len(text)
            break
        head_end = nl + 1
    for m in _DATE_LINE.finditer(text, 0, head_end):
        if m.group("iso"):
            when = D.parse_reference(m.group("iso"))
        else:
            mon = g.word("months", m.group("mon") or m.group("mon2"))
            day = int(m.group("day") or m.group("day2"))
            when = D.valid_date(int(m.group("year") or m.group("year2")), mon, day) if mon else None
        if when:
            return m.start(), m.end(), when
    return None


HEAD_CHARS = 300


def reference_for(text: str, published, g: Grammar, found: list, today: Optional[dt.date] = None) -> Reference:
    ref = D.parse_reference(published)
    if ref is not None:
        return Reference(ref, ref.isoformat(), 1.0)
    line = find_date_line(text, g)
    if line is not None:
        return Reference(line[2], f"dateline:{line[2].isoformat()}", 0.9)
    pairs, full, years, head_days = [], [], [], []
    for rule, m in found:
        if rule in ("month_day", "day_month"):
            month = g.word("months", m.group("mon")) if _capitalised(m.group("mon")) else None
            if month is None:
                continue
            day = int(m.group("day"))
            if m.group("year"):
                when = D.valid_date(int(m.group("year")), month, day)
                if when:
                    years.append(when.year)
                    if m.start() < HEAD_CHARS:  # a full date by the headline or dateline dates the story
                        full.append(when)
            elif m.group("wd"):
                pairs.append((month, day, g.word("weekdays", m.group("wd"))))
            elif m.start() < HEAD_CHARS:  # "BEIRUT, Oct 15 (Reuters) -"
                head_days.append((month, day))
        elif rule in ("year", "month_year") and m.group("year"):
            years.append(int(m.group("year")))
    inferred = D.infer_reference(pairs, full, years, today=today, head_days=head_days)
    if inferred is None:
        return Reference(None, None, 0.0)
    return Reference(inferred.date, inferred.anchor, inferred.certainty)


# ------------------------------------------------------------------ tagging
_DIGIT = ("digit",)
_YEAR_DIGITS = ("digit", "year_digits")


def _triggers(text: str, g: Grammar) -> dict:
    """Where each trigger class's words are: rules only run in windows around them."""
    found: dict = {}
    triggers = g.triggers
    low = text.lower()
    digits, years = [], []
    for m in g.digit_re.finditer(low):
        w = m.group()
        span = m.span()
        digits.append(span)
        if len(w) == 4 and w[0] in "12":
            years.append(span)
    if digits:
        found["digit"] = digits
        if years:
            found["year_digits"] = years
    for m in g.word_re.finditer(" " + low):  # the space stands before the first word
        w = m.group(1)
        s, e = m.span(1)
        span = (s - 1, e - 1)
        for c in triggers[w]:
            found.setdefault(c, []).append(span)
    return found


def _windows(positions: list, reach: tuple, size: int) -> list:
    """Spans ``reach`` characters around the trigger positions, merged where they touch,
    clipped to the text (clipping first would merge the same windows: every span touches
    the one before it or not, clipped or not)."""
    left, right = reach
    out: list = []
    ws = we = None
    for s, e in positions:
        s -= left
        e += right
        if we is not None and s <= we:
            if e > we:
                we = e
        else:
            if we is not None:
                out.append((ws if ws > 0 else 0, we if we < size else size))
            ws, we = s, e
    if we is not None:
        out.append((ws if ws > 0 else 0, we if we < size else size))
    return out


def _matches(text: str, g: Grammar) -> list:
    triggers = _triggers(text, g)
    size = len(text)
    out = []
    for order, (rule, pattern, needs, reach) in enumerate(g.rules):
        if len(needs) == 1:
            positions = triggers.get(next(iter(needs)))
        else:  # windows merge in text order
            positions = sorted(p for c in needs for p in triggers.get(c, ()))
        if not positions:
            continue
        search, finditer = pattern.search, pattern.finditer
        # merged windows never overlap, so no match is found twice; most windows hold no
        # match, which one search tells more cheaply than an iterator
        for s, e in _windows(positions, reach, size):
            if search(text, s, e) is not None:
                for m in finditer(text, s, e):
                    out.append((m.start(), m.end(), order, rule, m))
    return out


def _select(cands: list) -> list:
    """Longest match first, then earlier rule; no two kept matches overlap."""
    # The kept matches never overlap, so a candidate overlaps one of them exactly when it
    # overlaps its neighbours in start order: two bisections instead of a scan of all.
    starts: list = []
    ends: list = []
    taken: list = []
    for c in sorted(cands, key=lambda c: (-(c[1] - c[0]), c[2], c[0])):
        a, b = c[0], c[1]
        k = bisect_right(starts, a)
        if (k and ends[k - 1] > a) or (k < len(starts) and starts[k] < b):
            continue
        starts.insert(k, a)
        ends.insert(k, b)
        taken.append(c)
    return sorted(taken, key=lambda c: c[0])


def _day_first(matches: list) -> Optional[bool]:
    """True when some numeric date can only be day/month (13/09/2018), False when only month/day."""
    firsts = [int(m.group("a")) > 12 for m in matches]
    seconds = [int(m.group("b")) > 12 for m in matches]
    if any(firsts) and not any(seconds):
        return True
    if any(seconds) and not any(firsts):
        return False
    return None


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1] in " \t\n,(":
        end -= 1
    while start < end and text[start] in " \t\n,(":
        start += 1
    return start, end


def tag(text: str, published=None, sent_starts: Optional[list] = None,
        today: Optional[dt.date] = None) -> list[TimeValue]:
    """All time expressions in ``text``, normalised against ``published`` (or an inferred date)."""
    g = grammar()
    cands = _matches(text, g)
    line = find_date_line(text, g)
    if line is not None:  # the date stamp is metadata, not a mention
        cands = [c for c in cands if c[1] <= line[0] or c[0] >= line[1]]
    chosen = _select(cands)
    ref = reference_for(text, published, g, [(c[3], c[4]) for c in chosen], today=today)
    if sent_starts is None:
        sent_starts = [0] + [m.end() for m in re.finditer(r"[.!?]['\"”’]*\s+(?=[A-Z\"“'‘(])|\n+", text)]
    ctx = Context(text, ref, sent_starts, g, _day_first([c[4] for c in chosen if c[3] == "numeric_date"]))
    specs = []
    for start, end, _order, rule, m in chosen:
        spec = RULES[rule](m, ctx)
        if not spec:
            continue
        end = spec.pop("end", end)
        start = spec.pop("start", start)
        start, end = _strip(text, start, end)
        if end <= start:
            continue
        specs.append((start, end, spec))
    _resolve_anchored(specs, ctx)
    out = []
    for start, end, spec in specs:
        if not spec.get("value"):
            continue
        # absolute expressions are as sure as their reading; relative ones set the reference's certainty
        certainty = spec.get("certainty", ref.certainty if spec.pop("relative", False) else 1.0)
        out.append(TimeValue(
            start=start, end=end, text=text[start:end], type=spec["type"], value=spec["value"],
            precision=spec.get("precision"), range_start=spec.get("range_start"), range_end=spec.get("range_end"),
            anchor=ref.anchor, certainty=round(certainty, 2),
            component=COMPONENT))
    return out


def _resolve_anchored(specs: list, ctx: Context) -> None:
    """Clock times take their day from the nearest date before them in the same sentence (else
    the first one after it in the sentence, else the reference date); "the following day",
    "four days later" count from the last date before them that is fine enough (else the
    reference date). Resolved ones become anchors for the next."""
    anchors: list = []  # (start, date, coarseness), in text order
    for start, _end, spec in specs:
        point = D.as_anchor(spec.get("value", "")) if spec.get("type") == "DATE" else None
        if point:
            anchors.append((start, *point))
    for start, end, spec in specs:
        if not any(k in spec for k in ("anchored", "anchored_clock", "anchored_unit")):
            continue
        s, e = ctx.sentence(start, end)
        if "anchored_clock" in spec:
            before = [d for st, d, c in anchors if s <= st < start and c == 0]
            after = [d for st, d, c in anchors if start < st < e and c == 0]
            day = before[-1] if before else after[0] if after else ctx.ref.date
            clock = spec.pop("anchored_clock")
            spec["value"] = f"{day.isoformat()}{clock}" if day else f"XXXX-XX-XX{clock}"
            continue
        if "anchored" in spec:
            unit, info, amount, sign = spec.pop("anchored")
        else:
            (unit, delta), info, amount, sign = spec.pop("anchored_unit"), None, None, None
        fine_enough = D.COARSENESS.get(unit, 0)
        before = [d for st, d, c in anchors if st < start and c <= fine_enough]
        anchor = before[-1] if before else ctx.ref.date
        if anchor is None:
            if info is not None:  # nothing to count from: "four days later" still says how long
                n = None if amount is None else amount * info.get("factor", 1)
                spec.update(type="DURATION", value=D.fmt_duration(n, info["code"], info.get("clock", False)))
            continue
        shifted = D.shift(anchor, unit, info, amount, sign) if info is not None else D.unit_value(anchor, unit, delta)
        if shifted:
            spec.update(shifted)
            spec["certainty"] = min(0.7, ctx.ref.certainty or 0.7)
            point = D.as_anchor(spec["value"])
            if point:
                anchors.append((start, *point))
                anchors.sort(key=lambda a: a[0])


# ------------------------------------------------------------------ spaCy component
class TimeTagger:
    version = VERSION

    def __init__(self, name: str):
        self.name = name
        grammar()  # compile once, at pipeline build time

    def __call__(self, doc):
        article = doc._.article
        published = getattr(article, "published", None) if article is not None else None
        # one vectorised read: doc.sents and doc.has_annotation build a Token per word, which
        # cost more than the whole tagger
        starts = None
        # token indices the sentence splitter recorded (nlp.fast.sentence_starts); a lone [0]
        # may also be nlp.fast's reading of a Doc that no splitter marked, so that reads the flags
        recorded = doc.user_data.get(_SENT_STARTS)
        if recorded is not None and len(recorded) > 1:
            offsets = token_offsets(doc)[0]
            starts = [0] + [offsets[i] for i in recorded if offsets[i]]
        elif len(doc):
            arr = doc.to_array([SENT_START, IDX])
            marked = arr[arr[:, 0] == 1, 1]
            if len(marked):
                starts = [0] + [int(i) for i in marked if i]
        doc._.times = tag(doc_text(doc), published, sent_starts=starts)
        return doc


@Language.factory("eventwire_times")
def make_component(nlp: Language, name: str):
    return TimeTagger(name)
