"""Place names: find them in the text and resolve them against the offline gazetteer.

``doc._.places`` is a list of :class:`eventwire.models.Place`, sorted by ``start``.

Recognition does not depend on ``doc.ents`` (though it reads PERSON entities as a hint when
a recogniser ran): capitalised token runs are matched, longest first, against the
gazetteer's normalised name index (:mod:`eventwire.resolve.gazetteer`); adjectival forms
("Syrian") come from the demonym table. Stop rules, all from
``data/gazetteer/recognition.json``, drop person names (after a title, or a surname seen
after a first name), common words at a sentence start and language names.

Resolution scores each candidate record by a population / feature-type prior plus what the
document says: a following type word ("Idlib province" -> ADM1), a following region or
country ("Paris, Texas"), the countries in focus (mentions and the dateline), regions that
are mentioned. A mention whose best candidate is a small place with no support from the
document is reported with ``precision="unresolved"`` and no coordinates, never guessed.

Roles: ``dateline`` (the place the story was filed from), ``demonym`` (an adjective such as
"Russian"), ``embedded`` (inside an organisation's name: "Washington Post"), else none.
"""
from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter
from functools import lru_cache
from operator import itemgetter
from typing import Optional
from urllib.parse import urlsplit

from spacy.language import Language
from spacy.tokens import Doc

from ..models import Place
from ..nlp.fast import doc_text, entity_spans, sentence_starts, token_offsets, token_texts
from ..resources import load_json
from .gazetteer import Candidate, Gazetteer, country_tlds, get_gazetteer, normalize

VERSION = "1.2"
COMPONENT = f"eventwire_places@{VERSION}"

# Prior for each feature code, added to log10(population): countries and continents are what
# a bare name most often means in news; airports only when the text says airport.
FEATURE_PRIOR = {"PCLI": 3.0, "CONT": 3.0, "ADM1": 1.0, "PPLC": 2.5, "PPL": 0.0, "ADM2": -1.0,
                 "AIRP": -3.0, "AIRB": -2.0, "MILB": 0.0, "NVB": 0.0}
CURATED_PRIOR = 1.0  # seas, regions, peninsulas
ALTERNATE_PENALTY = 1.5
FOCUS_MARGIN = 1.0  # how far a name's best candidate must lead other countries' to count in focus
MIN_SUPPORT = 4.3  # log10(20,000): smaller places need support from the document
SMALL_PLACE = 10 ** MIN_SUPPORT
ALLCAPS_CODE_FEATURES = {"PCLI", "CONT", "ADM1", "PPLC"}
# The outlet's country (from the country-code domain of the article's address: ".co.uk",
# ".ie"): a local paper names its own country's towns without qualifying them, so
# "Manchester" in a British paper is Manchester, England. It adds HOME_SUPPORT to the
# country's candidates; it is not counted among the countries in focus, where it would
# dilute what the text says (a British government statement about Syrian towns).
HOME_SUPPORT = 1.5
# Other names of the document that could lie in a town's region (each name shares one vote
# among its candidate regions by their towns' populations: "Bellmore", only in New York,
# gives New York a whole vote)
# add AREA_SUPPORT per vote, up to AREA_CAP votes: "Oceanside" beside "Bellmore" and "Fort
# Salonga" is Oceanside, New York, not the bigger Oceanside, California.
AREA_SUPPORT = 1.5
AREA_CAP = 2.0
LISTED_SUPPORT = 1.5  # a region candidate of a name listed with another region of its country
AREA_MIN_SHARE = 0.5  # a name votes only for a region with at least this share of it
AREA_MIN_FOCUS = 1 / 3  # share of the countries in focus the town's country needs (if any)


@lru_cache(maxsize=1)
def _rules() -> dict:
    raw = load_json("gazetteer/recognition.json")
    return {
        "connectors": frozenset(raw["connectors"]),
        "type_words": {k: tuple(v) for k, v in raw["type_words"].items()},
        "person_titles": frozenset(raw["person_titles"]),
        "lang_before": frozenset(raw["language_cues_before"]),
        "lang_after": frozenset(raw["language_cues_after"]),
        "org_heads": frozenset(raw["org_heads"]),
        "stop_names": frozenset(raw["stop_names"]),
        "languages": frozenset(raw["languages"]),
        "compass_words": frozenset(raw["compass_words"]),
        "generic_tlds": frozenset(raw["generic_tlds"]),
    }


def _credit_before_dash(text: str, end: int) -> bool:
    """True when ``end`` is inside a short parenthesis that a dateline dash follows."""
    close = text.find(")", end, end + 30)
    if close < 0:
        return False
    rest = text[close + 1:close + 5].lstrip()
    return rest[:1] in ("-", "–", "—")


@Language.factory("eventwire_places")
def make_component(nlp: Language, name: str):
    return PlaceResolver(name)


class PlaceResolver:
    version = VERSION

    def __init__(self, name: str = "eventwire_places", gazetteer: Optional[Gazetteer] = None):
        self.name = name
        self._gaz = gazetteer

    @property
    def gaz(self) -> Gazetteer:
        if self._gaz is None:
            self._gaz = get_gazetteer()
        return self._gaz

    def __call__(self, doc: Doc) -> Doc:
        doc._.places = resolve_doc(doc, self.gaz)
        return doc


# ---------------------------------------------------------------------- recognition
class Mention:
    __slots__ = ("start", "end", "i", "j", "text", "key", "cands", "demonym", "type_hint", "role",
                 "followed_by", "embedded", "priors", "major")

    def __init__(self, start, end, i, j, text, key, cands, demonym=False):
        self.start, self.end, self.i, self.j = start, end, i, j
        self.text, self.key, self.cands, self.demonym = text, key, cands, demonym
        self.type_hint: tuple = ()
        self.role: Optional[str] = None
        self.followed_by: list[Candidate] = []
        self.embedded = False
        self.priors: list[float] = []  # _prior of each candidate, computed once per mention
        self.major: Optional[bool] = None  # _major(self), once asked; reset when cands change


def _is_cap(text: str) -> bool:
    return bool(text) and text[0].isupper()


class _Tokens:
    """Token texts and offsets of one Doc, shared with the tokenizer's own lists.

    Building spaCy ``Token`` objects (``doc[i]``) and per-row ``to_array(...).tolist()``
    cost more than the rest of this component together, so everything below works on
    these plain lists. ``caps`` are the tokens that open with a capital: the only places
    a name can start.
    """

    __slots__ = ("text", "starts", "words", "n", "caps", "_sent_starts")

    def __init__(self, doc: Doc, text: str):
        self.text = text
        # the tokenizer's words and the offsets the earlier components already read
        self.words = words = token_texts(doc)
        self.starts = token_offsets(doc)[0]
        self.n = len(words)
        self.caps = _capitalised_tokens(text, self.starts, words)
        self._sent_starts = (doc, None)

    def sentence_initial(self, i: int) -> bool:
        """Whether token ``i`` begins a sentence: from the sentence splitter, or right after
        sentence punctuation, a quote or bracket, a line break or a whitespace token."""
        doc, marked = self._sent_starts
        if marked is None:
            marked = set(sentence_starts(doc))
            self._sent_starts = (None, marked)
        if i == 0 or i in marked:
            return True
        prev = self.words[i - 1]
        prev_end = self.starts[i - 1] + len(prev)
        return prev in _OPENERS or "\n" in self.text[prev_end:self.starts[i]] or prev.isspace()


_ASCII_UPPER = re.compile(r"[A-Z]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_match_start = re.Match.start


def _capitalised_tokens(text: str, starts: list, words: list) -> list:
    """Indices of the tokens whose first character is upper-case (``w[0].isupper()``), found
    by a regex over the string of first characters rather than a Python loop over tokens.
    The first characters are read from the text at the token offsets by one getter (every
    token is the text's slice at its offset): a third of the cost of one call per word."""
    if len(starts) > 1:
        firsts = "".join(itemgetter(*starts)(text))
    else:
        firsts = "".join(map(itemgetter(0), words))
    caps = list(map(_match_start, _ASCII_UPPER.finditer(firsts)))
    if not firsts.isascii():
        more = [k for k in map(_match_start, _NON_ASCII.finditer(firsts)) if firsts[k].isupper()]
        if more:
            caps = sorted(caps + more)
    return caps


_CLITICS = frozenset({"'s", "’s"})
_OPENERS = frozenset({".", "!", "?", ":", '"', "“", "”", "'", "(", "-", "—", "–"})


def _spelt_with_clitic(cands) -> bool:
    """A name's key drops the apostrophe, so "Assad's" finds the hamlet "Assads": a name
    with its clitic counts only where some record is written with it ("St. John's")."""
    return any("'" in c.name or "’" in c.name for c in cands)


def find_mentions(doc: Doc, gaz: Gazetteer, text: Optional[str] = None,
                  tokens: Optional[_Tokens] = None) -> list[Mention]:
    """Place-name candidates: longest gazetteer names over capitalised runs, and demonyms."""
    rules = _rules()
    connectors = rules["connectors"]
    type_words = rules["type_words"]
    if text is None:
        text = doc_text(doc)
    if tokens is None:
        tokens = _Tokens(doc, text)
    starts, words, n = tokens.starts, tokens.words, tokens.n
    probe, probe_word = gaz.probe, gaz.probe_word
    candidates = gaz.candidates
    # the gazetteer's memos read directly: most tokens are in them, and a call costs more
    # than the lookup
    word_memo, cands_memo = gaz._words, gaz._lookups
    demonyms, demonym_heads = gaz.demonyms, gaz.demonym_heads
    max_len = gaz.max_words + 2
    out: list[Mention] = []
    end_i = 0  # the token after the last mention
    for i in tokens.caps:
        if i < end_i:
            continue  # inside the previous mention
        t = words[i]
        # Extend while some name starts with what we have; remember the longest full match.
        # The first token alone is a word lookup, memoised across documents.
        probed = word_memo.get(t)
        key, hit, longer = probed if probed is not None else probe_word(t)
        best_j, best_key = (i + 1, key) if hit else (None, None)
        start = starts[i]
        j = i + 1
        if j < n and words[j] in _CLITICS and starts[j] == start + len(t):
            # "People's Republic of China", "St. John's": the name's key holds the clitic
            # ("peoples"), so the word alone is no prefix of it
            key = normalize(text[start:starts[j] + len(words[j])])
            hit, longer_with = probe(key)
            if hit and _spelt_with_clitic(candidates(key)):
                best_j, best_key = j + 1, key
            if longer_with:
                longer, j = True, j + 1
        if longer:
            while j < n and j - i < max_len:
                tj = words[j]
                if not tj[:1].isupper():
                    low = tj.lower()
                    if low not in connectors and low not in type_words:
                        break
                    key = normalize(text[start:starts[j] + len(tj)])
                    hit, longer = probe(key)
                    if hit and low in type_words:
                        best_j, best_key = j + 1, key
                else:
                    key = normalize(text[start:starts[j] + len(tj)])
                    hit, longer = probe(key)
                    if hit:
                        best_j, best_key = j + 1, key
                    if j + 1 < n and words[j + 1] in _CLITICS and starts[j + 1] == starts[j] + len(tj):
                        # the word with its clitic, as above
                        key = normalize(text[start:starts[j + 1] + len(words[j + 1])])
                        hit, longer_with = probe(key)
                        if hit and _spelt_with_clitic(candidates(key)):
                            best_j, best_key = j + 2, key
                        if longer_with:
                            longer, j = True, j + 1
                if not longer:
                    break
                j += 1
        # Adjectival forms ("Syrian", "North Korean") win over a same-length place name
        # ("Canadian, Texas"; "English, Indiana").
        dem_len = 0
        if t in demonym_heads and i + 1 < n and f"{t} {words[i + 1]}" in demonyms:
            dem_len = 2
        elif t in demonyms:
            dem_len = 1
        if dem_len and (best_j is None or best_j - i <= dem_len):
            j = i + dem_len
            name = t if dem_len == 1 else f"{t} {words[i + 1]}"
            out.append(Mention(start, starts[j - 1] + len(words[j - 1]), i, j, name, normalize(name),
                               [demonyms[name]], demonym=True))
            end_i = j
            continue
        if best_j is not None:
            end = starts[best_j - 1] + len(words[best_j - 1])
            cands = cands_memo.get(best_key)
            out.append(Mention(start, end, i, best_j, text[start:end], best_key,
                               cands if cands is not None else candidates(best_key)))
            end_i = best_j
    return out


def _person_spans(doc: Doc, tokens: Optional["_Tokens"] = None) -> list[tuple[int, int]]:
    """Character spans of the PERSON entities, sorted (the entities component's own list,
    nlp.fast.entity_spans: no Span or Token built per entity)."""
    persons = [(a, b) for a, b, label in entity_spans(doc) if label == "PERSON"]
    if not persons:
        return []
    if tokens is None:
        tokens = _Tokens(doc, doc_text(doc))
    starts, words = tokens.starts, tokens.words
    return [(starts[a], starts[b - 1] + len(words[b - 1])) for a, b in persons]


def _major(m: Mention, memo: Optional[dict] = None) -> bool:
    """A country, continent or big region/capital: kept even where the name looks personal.

    ``memo`` (key -> answer) serves mentions whose candidates are still the gazetteer's
    tuple for their key, which decides the answer."""
    major = m.major
    if major is None:
        if m.demonym:
            major = True
        elif memo is not None and type(m.cands) is tuple:
            major = memo.get(m.key)
            if major is None:
                major = memo[m.key] = _any_major(m.cands)
        elif memo is not None and memo.get(m.key) is False:
            major = False  # filtered from the name's candidates, none of which is major
        else:
            major = _any_major(m.cands)
        m.major = major
    return major


def _any_major(cands) -> bool:
    return any(c.feature_code in ("PCLI", "CONT") or (c.feature_code in ("ADM1", "PPLC", "PPL") and c.population >= 1_000_000)
               for c in cands)


def _memo(gaz: Gazetteer, name: str) -> dict:
    """A per-gazetteer memo of answers that depend only on a name's candidates."""
    memo = gaz.memo.get(name)
    if memo is None or len(memo) > 100_000:
        memo = gaz.memo[name] = {}
    return memo


def _inside_person(m: Mention, persons: list, person_starts: list, person_names: frozenset, first: str) -> bool:
    """Inside a longer person name the recogniser found ("Kobe Bryant"); entities never
    overlap, so only the last one starting at or before the mention can contain it."""
    k = bisect_right(person_starts, m.start) - 1
    if k < 0:
        return False
    s, e = persons[k]
    return m.end <= e and (e - s > m.end - m.start or first in person_names)


def filter_mentions(doc: Doc, mentions: list[Mention], gaz: Gazetteer,
                    tokens: Optional[_Tokens] = None) -> list[Mention]:
    """Drop what is not a place: person names, common words, language names."""
    rules = _rules()
    titles, type_words = rules["person_titles"], rules["type_words"]
    connectors, org_heads = rules["connectors"], rules["org_heads"]
    text = doc_text(doc)
    if tokens is None:
        tokens = _Tokens(doc, text)
    words, n = tokens.words, tokens.n
    persons = _person_spans(doc, tokens)
    person_starts = [s for s, _e in persons]
    # Words of multi-word person names the entity recogniser found: a bare "Bryant" after
    # "Kobe Bryant" is the person.
    person_words = {normalize(w) for name in [text[s:e] for s, e in persons] if " " in name for w in name.split()}
    memo = _memo(gaz, "major")
    # Surnames: a place-like word seen right after a given name ("Andrew Jordan", "Noel
    # Conway"); later bare uses of it are the person too.
    surnames: set[str] = set()
    keep: list[Mention] = []
    persons_words = gaz.person_names
    common_words = gaz.common_words
    by_start = {m.i: m for m in mentions}
    by_end = {m.j - 1: m for m in mentions}
    for m in mentions:
        first = words[m.i]
        prev = words[m.i - 1] if m.i > 0 else None
        prev_low = prev.lower().rstrip(".") if prev is not None else ""
        nxt = words[m.j] if m.j < n else None
        if prev is not None and prev_low in titles and _is_cap(prev) and not first.isupper():
            continue  # "President Jordan", "Mr. Washington" (not "By NAIROBI")
        if persons and _inside_person(m, persons, person_starts, persons_words, first) and not _major(m, memo):
            continue  # inside a longer person name the recogniser found ("Kobe Bryant")
        single = m.j - m.i == 1
        if single and (first in rules["stop_names"] or m.key in rules["compass_words"]):
            continue  # months; "South", "WEST" alone are directions, never a place to resolve
        if first.isupper() and prev == "(" and nxt == ")":
            continue  # "MOSCOW (XINHUA)": a credit after a dateline, not a place
        if prev == "(" and _credit_before_dash(text, m.end):
            continue  # "AKTAU (Meridian Press) -": the agency's name, not a place
        if m.demonym:
            nxt_low = nxt.lower() if nxt is not None else ""
            # "in French", "the English language"; but "in British farms" is a place.
            bare = nxt is None or not (nxt.isalpha() and nxt.islower())
            if m.text in rules["languages"] and ((prev_low in rules["lang_before"] and bare)
                                                 or nxt_low in rules["lang_after"]):
                continue
            if nxt_low in ("s", "'s"):
                continue
            keep.append(m)
            continue
        word = first
        nxt_m = by_start.get(m.j + 1) if nxt in (",", "(") else None
        linked = nxt_m is not None and any(c.feature_code in ("PCLI", "ADM1", "ADM2") for c in nxt_m.cands)
        major = _major(m, memo)
        if single and word in persons_words and not major and not linked:
            continue  # "Tyler", "Nelson", "Allen": people far more often than towns
        if single and (m.key in surnames or m.key in person_words) and not major:
            continue
        # A capitalised word glued to the mention that is neither a place nor a kind of
        # place/organisation makes the pair a person's name ("Gail Cole", "Noel Conway").
        before = by_end.get(m.i - 1)
        dateline_like = first.isupper() and len(first) > 3  # "SAN ANTONIO Turner Sports"
        before_name = prev is not None and not dateline_like and _is_cap(prev) and prev.isalpha() \
            and (before is None or (before.j - before.i == 1 and not _major(before, memo))) \
            and not (prev_low in common_words and tokens.sentence_initial(m.i - 1)) \
            and prev_low not in connectors and prev not in org_heads \
            and not prev.isupper()
        glued = by_start.get(m.j)
        after_name = nxt is not None and not dateline_like and _is_cap(nxt) and nxt.isalpha() \
            and (glued is None or (glued.j - glued.i == 1 and not _major(glued, memo))) \
            and nxt not in org_heads and nxt.lower() not in type_words \
            and not nxt.isupper()
        if before_name and prev in persons_words and before is None:
            surnames.add(m.key)
            continue  # "Andrew Jordan": a given name makes even a country's name a surname
        if not major and (before_name or after_name):
            if single and before_name and prev in persons_words:
                surnames.add(m.key)  # "Noel Conway" ... "Conway" later is the same person
            continue
        if "." not in m.text:
            # "La", "Mass", "GA" are AP abbreviations only with their full stop ("La."); bare
            # capitals stand for countries and continents ("US", "UAE", "EU") or "DC".
            if len(m.key) <= 4:  # a longer key keeps every candidate
                m.cands = [c for c in m.cands if not (c.alternate and c.name.casefold() != m.key)
                           or (word.isupper() and c.feature_code in ("PCLI", "CONT", "PPLC"))]
                m.major = None
            if not m.cands:
                continue
        if single and word.isupper() and len(word) <= 4:
            # Acronyms: only codes that name a country or region ("US", "UAE", "EU").
            m.cands = [c for c in m.cands if c.feature_code in ALLCAPS_CODE_FEATURES or c.feature_class == "L"]
            m.major = None
            if not m.cands:
                continue
        if single and word.lower() in common_words and not linked:
            # "Reading", "Mobile", "Centre": a common word unless it names a country or the
            # text links it to a region ("Reading, Pennsylvania"). In capitals it is a
            # dateline ("MOBILE, Ala.") unless it stands in a run of capitalised words, a
            # heading ("MORE COLLEGE BASKETBALL"), where a country's name is still one.
            if not word.isupper():
                if not _names_a_country(m) or tokens.sentence_initial(m.i):
                    continue
            elif _in_capitals_run(words, m.i, m.j) and not _names_a_country(m):
                continue
        if nxt is not None and nxt.lower() in type_words:
            m.type_hint = type_words[nxt.lower()]
        if nxt is not None and nxt in org_heads:
            m.embedded = True
        keep.append(m)
    return keep


def _names_a_country(m: Mention) -> bool:
    """A country's or continent's own name (not an alternate one) among the candidates."""
    return any(c.feature_code in ("PCLI", "CONT") and not c.alternate for c in m.cands)


def _in_capitals_run(words: list, i: int, j: int) -> bool:
    """Whether the word before or after tokens ``i:j`` is another word in capitals."""
    for k in (i - 1, j):
        if 0 <= k < len(words):
            w = words[k]
            if len(w) > 1 and w.isalpha() and w.isupper():
                return True
    return False


# ---------------------------------------------------------------------- resolution
def _prior(c: Candidate) -> float:
    p = math.log10(c.population + 10)
    p += FEATURE_PRIOR.get(c.feature_code, CURATED_PRIOR)
    if c.alternate:
        p -= ALTERNATE_PENALTY
    return p


@lru_cache(maxsize=4096)
def _country_of_host(host: str) -> Optional[str]:
    tld = host.rstrip(".").rsplit(".", 1)[-1].lower()
    if not tld or tld in _rules()["generic_tlds"]:
        return None
    return country_tlds().get(tld)


def outlet_country(article) -> Optional[str]:
    """ISO-3 of the country whose domain the article's address is in ("www.thesun.co.uk" ->
    GBR), None for generic domains (.com, .org, .tv) or no address."""
    url = getattr(article, "url", None) if article is not None else None
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname
    except ValueError:
        return None
    return _country_of_host(host) if host else None


def _link_following(text: str, mentions: list[Mention]) -> list:
    """"Springfield, Illinois" / "Paris (France)": the second names where the first lies.
    Returns the pairs joined by "and" / "or" ("California or Washington"): names in a list
    are of a kind."""
    listed = []
    for a, b in zip(mentions, mentions[1:]):
        between = text[a.end:b.start].strip()
        if between in (",", "(", ", ") and not b.demonym:
            a.followed_by = b.cands
        elif between in ("and", "or", "&") and not (a.demonym or b.demonym):
            listed.append((a, b))
    return listed


def resolve_doc(doc: Doc, gaz: Gazetteer) -> list[Place]:
    article = getattr(doc._, "article", None)
    text = doc_text(doc)
    tokens = _Tokens(doc, text)
    mentions = filter_mentions(doc, find_mentions(doc, gaz, text, tokens), gaz, tokens)
    dl = getattr(article, "dateline_span", None) if article is not None else None
    if dl is not None:
        ds, de = (dl.start, dl.end) if not isinstance(dl, dict) else (dl["start"], dl["end"])
        for m in mentions:
            if m.start >= ds and m.end <= de:
                m.role = "dateline"
    pairs = _link_following(text, mentions)

    # Pass 1: the country in focus and the regions named, from what is unambiguous enough.
    focus: Counter = Counter()
    regions: set[tuple[str, str]] = set()
    voters: set[str] = set()  # names (keys) counted in ``areas``
    areas: dict = {}  # (country, admin1) -> share of the names that could lie there
    memo = _memo(gaz, "priors")
    area_memo = _memo(gaz, "areas")
    for m in mentions:
        cands = m.cands
        if type(cands) is tuple:  # the gazetteer's candidates for the key: the same answer each time
            hit = memo.get(m.key)
            if hit is None:
                priors = tuple(_prior(c) for c in cands)
                hit = memo[m.key] = _top(cands, priors)
            m.priors, top, clear = hit
        else:
            m.priors = priors = [_prior(c) for c in cands]
            top, clear = (priors.index(max(priors)), None) if priors else (None, False)
        if top is None:
            continue
        best = cands[top]  # the first of equals, as max() picks
        if (best.feature_class == "P" or best.feature_code == "ADM2") and not m.demonym \
                and m.key not in voters:
            # a town's name, once; a region's is in ``regions``
            for where, share in _areas(m, area_memo).items():
                areas[where] = areas.get(where, 0.0) + share
            voters.add(m.key)
        if best.feature_code in ("PCLI", "ADM1", "PPLC") or best.population >= 500_000 or m.demonym:
            if clear is None:
                clear = _clear(cands, m.priors, top)
            if best.country and clear:
                focus[best.country] += 0.5 if m.demonym else 1.0  # "French cuisine" is weak evidence
        if best.feature_code == "ADM1" and not m.demonym:
            regions.add((best.country, best.admin1))  # an ADM1 record's admin1 is its own name
    home = outlet_country(article)
    total = sum(focus.values()) or 1
    listed_with = _listed_with(pairs) if pairs else None
    if areas and focus:
        # only in countries the text is about (English town names abound in American
        # stories: "Soho", "Keyworth" there are no evidence for England)
        floor = AREA_MIN_FOCUS * total
        areas = {where: share for where, share in areas.items() if focus.get(where[0], 0) >= floor}

    places: list[Place] = []
    # A name repeated in the document with the same candidates (the gazetteer's tuple for
    # its key) and the same hints resolves the same way: judged once per document. The ids
    # are those of objects the mentions hold, alive for the whole loop.
    verdicts: dict = {}
    for m in mentions:
        followed_by = m.followed_by
        listed = listed_with.get(id(m), "") if listed_with else ""
        key = (id(m.cands), m.type_hint, id(followed_by) if followed_by else 0, m.demonym, listed)
        verdict = verdicts.get(key)
        if verdict is None:
            verdict = verdicts[key] = _verdict(m, focus, total, regions, home, areas,
                                               area_memo if m.key in voters else None, listed)
        places.append(_place(m, verdict))
    places.sort(key=lambda p: (p.start, p.end))
    return places


def _listed_with(pairs: list) -> dict:
    """id(mention) -> the country of a region it is listed with ("states such as California
    or Washington"), from the pairs of names joined by "and" / "or"."""
    out = {}
    for a, b in pairs:
        for m, other in ((a, b), (b, a)):
            if other.priors:
                top = other.cands[other.priors.index(max(other.priors))]
                if top.feature_code == "ADM1":
                    out[id(m)] = top.country
    return out


def _place(m: Mention, verdict: tuple) -> Place:
    """The mention's record from its verdict: () when unresolved, else (candidate, confidence)."""
    if not verdict:
        return _unresolved(m)
    best, confidence = verdict
    role = m.role or ("demonym" if m.demonym else ("embedded" if m.embedded else None))
    return Place(start=m.start, end=m.end, text=m.text, name=best.name, country=best.country or None,
                 lat=round(best.lat, 5), lon=round(best.lon, 5), precision=best.precision,
                 feature=best.feature_code, geonameid=best.geonameid, role=role,
                 confidence=confidence, component=COMPONENT)


def _top(cands, priors) -> tuple:
    """``(priors, index of the best, clear)`` (see :func:`_clear`)."""
    if not priors:
        return priors, None, False
    top = priors.index(max(priors))
    return priors, top, _clear(cands, priors, top)


def _clear(cands, priors, top: int) -> bool:
    """Whether no candidate in another country comes within FOCUS_MARGIN of the best. Only
    a clear name counts among the countries in focus: "Manchester" (a Jamaican parish a
    hair above the English city) is no evidence that the story is Jamaican, which then made
    it Jamaica's."""
    bar = priors[top] - FOCUS_MARGIN
    country = cands[top].country
    return all(p < bar or c.country == country for c, p in zip(cands, priors))


def _areas(m: Mention, memo: dict) -> dict:
    """(country, admin1) -> share of the regions where a town or county of this name lies:
    what the name says about where the story is, before it is resolved."""
    cands = m.cands
    hit = memo.get(m.key) if type(cands) is tuple else None
    if hit is None:
        # shared in proportion to the towns' sizes: a name found in many regions
        # ("Lafayette", "Franklin") votes mostly for where its biggest namesake is
        where: dict = {}
        for c in cands:
            if c.admin1 and (c.feature_class == "P" or c.feature_code == "ADM2"):
                a = (c.country, c.admin1)
                where[a] = where.get(a, 0) + c.population + 1000
        whole = sum(where.values())
        # only a region holding at least AREA_MIN_SHARE of the name votes: a name spread
        # over many ("Washington", "Franklin") says little, and many small shares added up
        # lifted a Missouri village over the bar for "Bourbon" (a New Orleans street)
        hit = {a: n / whole for a, n in where.items() if n >= AREA_MIN_SHARE * whole}
        if type(cands) is tuple:
            memo[m.key] = hit
    return hit


def _verdict(m: Mention, focus: Counter, total: float, regions: set, home: Optional[str] = None,
             areas: Optional[dict] = None, area_memo: Optional[dict] = None, listed: str = "") -> tuple:
    """The best candidate and its confidence, or () when the mention stays unresolved.

    ``home`` is the outlet's country; ``areas`` the regions the document's town names could
    lie in; ``area_memo`` is given when this name is one of them, whose own share of
    ``areas`` is no evidence for itself; ``listed`` the country of a region this name is
    listed with ("California or Washington"), whose regions gain LISTED_SUPPORT."""
    best, best_score, best_support = None, -1e9, 0.0
    type_hint, followed_by, cands = m.type_hint, m.followed_by, m.cands
    mine = _areas(m, area_memo) if area_memo is not None else {}  # this name's own votes
    for c, score in zip(cands, m.priors):
        support = 0.0
        code, country = c.feature_code, c.country
        if type_hint:
            if code in type_hint:
                support += 4.0
            elif code in ("PCLI", "CONT"):
                score -= 2.0  # "Georgia state", "Mexico city" are not the country
        if followed_by:
            if any((f.feature_code == "PCLI" and f.country == country)
                   or (f.feature_code == "ADM1" and f.country == country and f.admin1 == c.admin1)
                   for f in followed_by):
                support += 5.0
        if country and focus.get(country):
            support += 3.0 * focus[country] / total
        if home and country == home:
            support += HOME_SUPPORT
        if listed and code == "ADM1" and country == listed:
            support += LISTED_SUPPORT
        admin1 = c.admin1
        if admin1 and code != "ADM1":
            where = (country, admin1)
            if where in regions:
                support += 2.5  # the region is named
            elif areas:  # else other names of towns there
                area = areas.get(where)
                if area is not None:
                    if mine:
                        area -= mine.get(where, 0.0)
                    if area > 0.01:
                        support += AREA_SUPPORT * (area if area < AREA_CAP else AREA_CAP)
        if c.feature_class == "P" and c.population >= 100_000 and not type_hint and any(
                o.feature_code == "ADM1" and o.country == country and o.admin1 == c.admin1 for o in cands):
            score += 2.0  # "New York", "Idlib" alone: the city more often than its region
        score += support
        if score > best_score:
            best, best_score, best_support = c, score, support
    if best is None:
        return ()
    known = best.feature_code in ("PCLI", "CONT") or best.feature_class in ("L", "H") \
        or best.population >= SMALL_PLACE
    strong = m.type_hint or m.followed_by or (best.admin1 and (best.country, best.admin1) in regions)
    if not known and best_support < 1.5 and not strong:
        # "Heathrow": the airport of a big city (its population is the city's) rather than
        # a village of that name that nothing in the document supports
        spots = [(p, c) for c, p in zip(cands, m.priors) if c.feature_class == "S" and c.population >= SMALL_PLACE]
        if spots:
            prior, spot = max(spots, key=itemgetter(0))
            return spot, _confidence(m, spot, prior)
        return ()  # a small place that only the country in focus half-supports
    if best.alternate and best.population < 100_000 and not strong and best.feature_class == "P":
        return ()  # an old or foreign name of a small place, with nothing to back it
    return best, _confidence(m, best, best_score)


def _confidence(m: Mention, best: Candidate, best_score: float) -> float:
    if len(m.cands) == 1:  # the one candidate is the best: no runner-up (the default below)
        margin = best_score - (best_score - 5.0)
    else:
        margin = best_score - max((p for c, p in zip(m.cands, m.priors) if c is not best), default=best_score - 5.0)
    conf = 1.0 / (1.0 + math.exp(-margin))
    if m.demonym:
        conf *= 0.8
    return round(max(0.05, min(0.99, conf)), 3)


def _unresolved(m: Mention) -> Place:
    return Place(start=m.start, end=m.end, text=m.text, precision="unresolved", role=m.role,
                 confidence=0.0, component=COMPONENT)
