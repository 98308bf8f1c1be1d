"""Stories: articles that report the same real-world story, grouped incrementally.

An article becomes three bags of cheap features read from its text (content words, names,
numbers) plus, when the pipeline ran, a bag of signals from its output (resolved places,
event types, actors). Bags are TF-IDF weighted with the document frequencies of every article
the index has seen, and L2-normalised. A story keeps, per bag, the sum of its members'
vectors, so the average cosine of a new article to all members (average linkage) is one dot
product with that sum divided by the member count.

``StoryIndex.add`` compares a new article only to the stories that share one of its
highest-weighted features (an inverted index from feature to stories) and that fall in its
time window, joins the best one above the threshold or founds a new story. Cost: a few dot
products, independent of how many articles are stored. ``StoryIndex.merge_stories`` joins
stories that are one story told twice (cross similarity close to their own cohesion) and
``StoryIndex.regroup`` re-assigns every article to its best story: the maintenance steps of a
long-running index. ``group_stories`` (a batch) files at a stricter founding threshold, merges
and regroups, as matrix arithmetic (:mod:`.batch`).

Reprints (see :mod:`eventwire.fuse.reprints`) never enter the centroids: they take the story
of the copy they reprint, so fifty copies of one dispatch weigh like one article.

Parameters: ``eventwire/data/fuse/stories.json``; stopwords: ``eventwire/data/fuse/stopwords.json``.
"""
from __future__ import annotations

import hashlib
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from itertools import chain, filterfalse
from typing import Dict, Iterable, List, Optional

import numpy as np

from ..models import Article, DocumentResult
from ..resolve.dates import parse_reference
from ..resources import load_json
from .reprints import ReprintIndex, original_key

CHANNELS = ("words", "names", "lead", "numbers", "signals")

_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]+")
# "Wladimir Klitschko", "Bank of England", "U.S.": capitalised words, joined by of/de/al.
# A name opens at a capital with no word character before it (the ``\b`` before a capital);
# the check is a lookbehind after the capital rather than a leading ``\b``, so that the regex
# engine skips ahead to the next capital in C instead of trying the pattern at every position
# (the same matches, in a third less time).
_NAME = re.compile(r"[A-Z](?<!\w[A-Z])(?:[a-zA-Z'\-]+|\.(?:[A-Z]\.)*)(?:\s+(?:(?:of|de|del|al|van|von|bin)\s+)?[A-Z][a-zA-Z'\-]+)*")
_NUMBER = re.compile(r"\b\d[\d,.]*\b")
# the same numbers without the leading \b, which stops the regex engine from skipping ahead
# to the next digit; a run glued to a word ("a1,234") is handed to _NUMBER
_DIGITS = re.compile(r"\d[\d,.]*\b")
_WORD_CHAR = re.compile(r"\w")


@lru_cache(maxsize=1)
def config() -> dict:
    return dict(load_json("fuse/stories.json"))


@lru_cache(maxsize=1)
def stopwords() -> frozenset:
    return frozenset(w.lower() for w in load_json("fuse/stopwords.json")["words"])


def _article_text(article: Article) -> str:
    if article.title and article.title.strip() and article.title.strip() not in article.text[:len(article.title) + 200]:
        return article.title + "\n" + article.text
    return article.text


_PARTICLES = frozenset(("of", "de", "del", "al", "van", "von", "bin"))


@lru_cache(maxsize=65536)
def _name_parts(name: str) -> tuple:
    """The lower-cased words of a capitalised sequence that count ("The" alone counts
    nothing); cached: the same names recur across articles."""
    stop = stopwords()
    return tuple(p for p in (w.lower() for w in name.split()) if p not in stop and p not in _PARTICLES)


@lru_cache(maxsize=1)
def _long_word() -> "re.Pattern":
    """``_WORD`` on lower-cased text, only tokens of at least ``min_word_length`` letters."""
    return re.compile(r"[a-z][a-z'\-]{%d,}" % max(1, config()["min_word_length"] - 1))


@lru_cache(maxsize=65536)
def _name_keys(name: str) -> tuple:
    """What one capitalised sequence counts in the names bag: the whole name and, for a name
    of several words, each word ("governor ilse marand", "governor", "ilse", "marand");
    nothing for a lone capitalised function word at a sentence start ("The", "However")."""
    parts = _name_parts(name)
    if not parts:
        return ()
    return (" ".join(parts),) + (parts if len(parts) > 1 else ())


def _content_words(lower: str, start: int = 0, end: Optional[int] = None) -> Counter:
    """Content words of lower-cased text: long enough, not stopwords."""
    # stopwords filtered before counting (in C): the same counts, in the same first-seen order
    return Counter(filterfalse(stopwords().__contains__,
                               _long_word().findall(lower, start, len(lower) if end is None else end)))


# ASCII letters, apostrophe and hyphen (the characters of a ``_long_word``) kept, every other
# byte a space
_WORD_BYTES = bytes(c if (0x61 <= c <= 0x7A or c in b"'-") else 0x20 for c in range(256))


@lru_cache(maxsize=1)
def _dropped_words() -> Optional[frozenset]:
    """Stopwords plus every string too short to be a ``_long_word`` (a letter, then letters,
    apostrophes or hyphens): one set lookup drops both. None when that set would be large."""
    shortest = max(2, config()["min_word_length"])
    if shortest > 4:
        return None
    first = [chr(c) for c in range(0x61, 0x7B)]
    rest = first + ["'", "-"]
    short, size = set(first), first
    for _ in range(shortest - 2):
        size = [a + b for a in size for b in rest]
        short.update(size)
    return frozenset(stopwords() | short)


def _word_runs(lower: str) -> Optional[str]:
    """The lower-cased text with every character that ``_long_word`` cannot match turned into a
    space (one per character, so positions are kept; non-ASCII ones via the ASCII encoder's
    '?') and the apostrophes and hyphens that open a run blanked: split, it gives the tokens
    ``_long_word().findall`` gives (a run starts at its first letter and is taken whole), plus
    the short ones, which :func:`_dropped_words` drops. None when there is no such set."""
    if _dropped_words() is None:
        return None
    data = b" " + lower.encode("ascii", "replace").translate(_WORD_BYTES)
    while b" '" in data or b" -" in data:
        data = data.replace(b" '", b"  ").replace(b" -", b"  ")
    return data.decode("ascii")[1:]


def _content_word_counts(runs: str, end: Optional[int] = None) -> Counter:
    """:func:`_content_words` from :func:`_word_runs` (up to ``end``)."""
    return Counter(filterfalse(_dropped_words().__contains__, (runs if end is None else runs[:end]).split()))


def _numbers(text: str) -> List[str]:
    out = []
    for m in _DIGITS.finditer(text):
        s = m.start()
        if s and _WORD_CHAR.match(text, s - 1):
            out.extend(_NUMBER.findall(text, s, m.end()))
        else:
            out.append(m.group(0))
    return out


def extract_features(article: Article, result: Optional[DocumentResult] = None) -> Dict[str, Counter]:
    """The four bags of one article (raw counts)."""
    text = _article_text(article)
    lower = text.lower()
    runs = _word_runs(lower)
    words = _content_words(lower) if runs is None else _content_word_counts(runs)
    # every sighting's keys counted in C: the same counts, and keys in the same first-seen
    # order, as adding each distinct name's count to its keys
    names = Counter(chain.from_iterable(map(_name_keys, _NAME.findall(text))))
    # who and what the headline and first sentences are about: the participants that tell one
    # story from another story of the same kind (two rehab stories, two heavyweight fights)
    lead_end = _lead_end(text, config()["lead_chars"])
    # lead_end follows a sentence mark or newline (no word runs across it) or ends the text
    lead = _content_words(lower, 0, lead_end) if runs is None else _content_word_counts(runs, lead_end)
    lead.update(chain.from_iterable(map(_name_parts, _NAME.findall(text, 0, lead_end))))
    numbers: Counter = Counter()
    get = numbers.get
    for number, k in Counter(_numbers(text)).items():
        number = number.replace(",", "").rstrip(".")
        numbers[number] = get(number, 0) + k
    signals: Counter = Counter()
    if result is not None:
        for place in result.places:
            if getattr(place, "name", None):
                signals["place:" + place.name.lower()] += 1
        for event in result.events:
            signals["type:" + event.type] += 1
            for role in (event.actor, event.recipient):
                if role is not None and (role.registry_id or role.name):
                    signals["actor:" + (role.registry_id or role.name).lower()] += 1
    return {"words": words, "names": names, "lead": lead, "numbers": numbers, "signals": signals}


def _lead_end(text: str, chars: int) -> int:
    """End of the lead: the sentence or line that reaches ``chars`` characters."""
    if len(text) <= chars:
        return len(text)
    m = re.compile(r"[.!?\n]").search(text, chars)
    return m.end() if m else len(text)


def _strongest(terms: List[str], w: np.ndarray, limit: int) -> np.ndarray:
    """Indices of the ``limit`` largest weights; ties at the cut go to the smaller term, so
    the choice is the first ``limit`` of ``sorted(zip(-w, terms))`` without sorting them all."""
    if len(w) <= limit:
        return np.arange(len(w))
    cut = np.partition(w, len(w) - limit)[len(w) - limit]
    above = np.flatnonzero(w > cut)
    tied = np.flatnonzero(w == cut)
    if len(above) + len(tied) > limit:
        tied = np.array(sorted(tied.tolist(), key=terms.__getitem__)[: limit - len(above)], dtype=np.intp)
    return np.concatenate([above, tied])


@lru_cache(maxsize=8192)
def parse_date(value: Optional[str]) -> Optional[date]:
    """The publication day of an article, read the way the time tagger reads its reference
    date (ISO, RFC 2822 from feeds, written dates); cached, as every candidate search asks."""
    return parse_reference(value) if value else None


def story_id_for(article_id: str) -> str:
    """A story is named after the article that founded it: stable across runs and stores."""
    return "s" + hashlib.sha1(article_id.encode("utf-8")).hexdigest()[:12]


@dataclass
class _Story:
    id: str
    members: List[str] = field(default_factory=list)
    centroid: Dict[str, float] = field(default_factory=dict)  # sum of member vectors
    first: Optional[date] = None
    last: Optional[date] = None


class _Query:
    """An article as it is compared: bag weights applied; ``ranked`` strongest first."""

    __slots__ = ("ranked", "weights")

    def __init__(self, ranked: List[tuple], weights: Dict[str, float]) -> None:
        self.ranked = ranked  # the strongest 'candidate_terms' features, strongest first
        self.weights = weights


class StoryIndex:
    """Incremental, deterministic story grouping with JSON-serialisable state.

    ``add(result)`` files one article (returns its story id); ``story_of(article_id)`` answers
    for any stored article; ``regroup()`` refines every assignment; ``to_state()`` /
    ``from_state()`` persist it.
    """

    def __init__(self, settings: Optional[dict] = None) -> None:
        self.settings = dict(config())
        if settings:
            self.settings.update(settings)
        self.n_docs = 0
        self.df: Dict[str, Counter] = {c: Counter() for c in CHANNELS}
        self.counts: Dict[str, Dict[str, Dict[str, int]]] = {}  # article id -> raw bags
        self.vectors: Dict[str, Dict[str, float]] = {}  # "bag:feature" -> normalised tf-idf
        self._queries: Dict[str, _Query] = {}
        self._self: Dict[str, float] = {}
        self.dates: Dict[str, Optional[str]] = {}
        self.assigned: Dict[str, str] = {}  # article id -> story id (originals and reprints)
        self.follows: Dict[str, str] = {}  # reprint id -> id of the copy it reprints
        self.stories: Dict[str, _Story] = {}
        self.postings: Dict[str, set] = defaultdict(set)  # "channel:term" -> story ids
        self.reprints = ReprintIndex()
        # articles a batch assigned whose vectors are not in the story centroids yet: a batch
        # needs only the assignments; the centroids are summed when the index is used again
        self._pending: Dict[str, str] = {}

    def materialize(self) -> None:
        """Sum the centroids of the articles a batch assigned (done on the index's first use
        after a batch; a long-running index pays it once)."""
        pending, self._pending = self._pending, {}
        for aid, sid in pending.items():
            del self.assigned[aid]
            self._set_vector(aid)
            self._attach(aid, sid)

    # ------------------------------------------------------------------ features
    def observe(self, article_id: str, bags: Dict[str, Counter]) -> None:
        """Count an article's features into the document frequencies (once per article)."""
        if article_id in self.counts:
            return
        self.counts[article_id] = {c: bags.get(c) or {} for c in CHANNELS}
        self.n_docs += 1
        for c in CHANNELS:
            self.df[c].update(bags.get(c, {}).keys())

    def observe_all(self, bags_by_article: Dict[str, Dict[str, Counter]], count_df: bool = True) -> None:
        """``observe`` for many articles: one document-frequency count per bag.

        ``count_df=False`` leaves the document frequencies to the caller: a batch grouper
        that numbers every term of a fresh index anyway counts them in the same pass
        (:meth:`.batch.BatchGrouper`, ``count_df``)."""
        fresh = {aid: bags for aid, bags in bags_by_article.items() if aid not in self.counts}
        for aid, bags in fresh.items():
            self.counts[aid] = {c: bags.get(c) or {} for c in CHANNELS}
        self.n_docs += len(fresh)
        if not count_df:
            return
        for c in CHANNELS:
            self.df[c].update(chain.from_iterable(self.counts[aid][c] for aid in fresh))

    def _weighted(self, article_id: str) -> List[tuple]:
        """Per bag with a weight in the settings: (bag, terms, normalised tf-idf weights of
        the kept terms) -- numpy over the whole bag, the top-``max_terms`` cut exact."""
        # a prior of unseen articles keeps idf meaningful in a small batch, where every
        # shared word would otherwise weigh nothing
        n = self.n_docs + self.settings["idf_prior_docs"]
        limit = self.settings["max_terms"]
        weights = self.settings["weights"]
        out = []
        for c in CHANNELS:
            if not weights.get(c, 0.0):
                continue
            counts = self.counts[article_id][c]
            if not counts:
                continue
            terms = list(counts)
            size = len(terms)
            tf = np.fromiter(counts.values(), dtype=np.float64, count=size)
            df = np.fromiter(map(self.df[c].__getitem__, terms), dtype=np.float64, count=size)
            w = (1.0 + np.log(tf)) * np.log((n + 1) / (df + 1))
            norm = math.sqrt(float(np.dot(w, w)))
            if not norm:
                continue
            # the weakest features add little to a cosine but cost as much as the strongest
            keep = _strongest(terms, w, limit)
            w = w[keep] / norm
            pos = w > 0
            out.append((c, [terms[i] for i in keep[pos]], w[pos]))
        return out

    def _vector(self, article_id: str) -> Dict[str, float]:
        """The article's bags, TF-IDF weighted and normalised per bag, flattened to
        ``"bag:feature" -> weight`` (bags with weight 0 in the settings are left out)."""
        out: Dict[str, float] = {}
        for c, terms, w in self._weighted(article_id):
            out.update(zip([c + ":" + t for t in terms], w.tolist()))
        return out

    def _set_vector(self, article_id: str) -> None:
        weights = self.settings["weights"]
        total = sum(weights.get(c, 0.0) for c in CHANNELS) or 1.0
        vec: Dict[str, float] = {}
        query: Dict[str, float] = {}
        keys: List[str] = []
        scaled = []
        for c, terms, w in self._weighted(article_id):
            bag_keys = [c + ":" + t for t in terms]
            vec.update(zip(bag_keys, w.tolist()))
            q = w * (weights[c] / total)
            query.update(zip(bag_keys, q.tolist()))
            keys.extend(bag_keys)
            scaled.append(q)
        self.vectors[article_id] = vec
        # the query form: bag weights applied; the strongest few, in order, find candidates
        top: List[tuple] = []
        if keys:
            q = np.concatenate(scaled)
            first = _strongest(keys, q, self.settings["candidate_terms"])
            top = sorted(((keys[i], float(q[i])) for i in first), key=lambda kv: (-kv[1], kv[0]))
        self._queries[article_id] = _Query(top, query)
        # the article's similarity to itself (1 unless a bag is empty): a story's cohesion
        # is its centroid's square minus these, over the member pairs
        self._self[article_id] = math.fsum(query[k] * v for k, v in vec.items())

    # ------------------------------------------------------------------ stories
    def _candidates(self, query: "_Query", when: Optional[date], exclude: Optional[str] = None) -> List[str]:
        """Stories worth an exact comparison: a partial dot product over the article's
        highest-weighted features ranks every story that shares one; the best few are kept."""
        partial: Dict[str, float] = defaultdict(float)
        stories = self.stories
        cap = self.settings["max_postings"]
        postings = self.postings
        for key, w in query.ranked:
            posting = postings.get(key)
            if not posting or len(posting) > cap:
                continue  # shared by too many stories to pick any; it still counts in the exact score
            for sid in posting:
                story = stories[sid]
                partial[sid] += w * story.centroid[key] / len(story.members)
        gap = self.settings["max_gap_days"]
        out = []
        partial.pop(exclude, None)
        for sid in sorted(partial, key=lambda k: (-partial[k], k)):
            story = stories[sid]
            if when and story.first and gap is not None:
                if (story.first - when).days > gap or (when - story.last).days > gap:
                    continue
            out.append(sid)
            if len(out) >= self.settings["max_candidates"]:
                break
        return out

    @staticmethod
    def similarity(query: "_Query", story: _Story) -> float:
        """Average cosine of the article to the story's members (weighted over bags)."""
        cen = story.centroid
        weights = query.weights
        # shared features found in C; fsum is exact, so the result does not depend on the
        # (hash-seeded) order of the set
        return math.fsum(weights[k] * cen[k] for k in weights.keys() & cen.keys()) / max(1, len(story.members))

    def _best_story(self, article_id: str, threshold: Optional[float] = None) -> Optional[str]:
        query = self._queries[article_id]
        when = parse_date(self.dates.get(article_id))
        best, best_score = None, self.settings["join_threshold"] if threshold is None else threshold
        for sid in self._candidates(query, when):
            s = self.similarity(query, self.stories[sid])
            if s >= best_score and (best is None or s > best_score or sid < best):
                best, best_score = sid, s
        return best

    def _attach(self, article_id: str, sid: str) -> None:
        story = self.stories.get(sid)
        if story is None:
            story = self.stories[sid] = _Story(sid)
        story.members.append(article_id)
        cen = story.centroid
        postings = self.postings
        for k, v in self.vectors[article_id].items():
            if k in cen:
                cen[k] += v
            else:
                cen[k] = v
                postings[k].add(sid)
        when = parse_date(self.dates.get(article_id))
        if when:
            story.first = min(story.first, when) if story.first else when
            story.last = max(story.last, when) if story.last else when
        self.assigned[article_id] = sid

    def _detach(self, article_id: str) -> None:
        sid = self.assigned.pop(article_id)
        story = self.stories[sid]
        story.members.remove(article_id)
        if not story.members:
            for k in story.centroid:
                self.postings[k].discard(sid)
            del self.stories[sid]
            return
        cen = story.centroid
        for k, v in self.vectors[article_id].items():
            left = cen.get(k, 0.0) - v
            if left > 1e-9:
                cen[k] = left
            else:
                cen.pop(k, None)
                self.postings[k].discard(sid)
        self._redate(story)

    def _redate(self, story: _Story) -> None:
        days = [d for d in (parse_date(self.dates.get(m)) for m in story.members) if d]
        story.first, story.last = (min(days), max(days)) if days else (None, None)

    # ------------------------------------------------------------------ public API
    def add(self, result: DocumentResult, bags: Optional[Dict[str, Counter]] = None,
            threshold: Optional[float] = None) -> str:
        """File one article; returns its story id.

        The article is first checked for reprints: a copy of an article already filed takes
        that article's story (and stays out of the centroids).
        """
        article = result.article
        if article.id in self.assigned:
            return self.story_of(article.id)
        self.dates[article.id] = article.published
        if article.id not in self.reprints:
            self.reprints.add(article)
        copy_of = self._filed_copy(article.id)
        if copy_of is not None:
            self.follows[article.id] = copy_of
            self.assigned[article.id] = self.story_of(copy_of)
            return self.assigned[article.id]
        self.materialize()
        self.observe(article.id, bags if bags is not None else extract_features(article, result))
        self._set_vector(article.id)
        sid = self._best_story(article.id, threshold) or story_id_for(article.id)
        self._attach(article.id, sid)
        return sid

    def _filed_copy(self, article_id: str) -> Optional[str]:
        """A filed, non-reprint article of the same reprint group (its original when filed)."""
        group_root = self.reprints.original(article_id)
        if group_root != article_id and self._is_filed_original(group_root):
            return group_root
        members = [a for a in self.reprints.groups_of(article_id) if a != article_id and self._is_filed_original(a)]
        return min(members) if members else None

    def _is_filed_original(self, article_id: str) -> bool:
        return article_id in self.assigned and article_id not in self.follows

    def reprint_of(self, article_id: str) -> Optional[str]:
        return self.reprints.reprint_of(article_id)

    def story_of(self, article_id: str) -> str:
        seen = set()
        while article_id in self.follows and article_id not in seen:
            seen.add(article_id)
            article_id = self.follows[article_id]
        return self.assigned[article_id]

    def regroup(self, passes: Optional[int] = None, reweight: bool = True) -> None:
        """Re-assign every article to its best story, in a fixed order (k-means-like refinement).

        ``reweight`` first recomputes every vector with the current document frequencies, so
        articles filed early (when the idf knew little) are compared like the rest.
        """
        self.materialize()
        passes = self.settings["regroup_passes"] if passes is None else passes
        order = sorted(self.vectors, key=lambda a: (self.dates.get(a) or "9999", a))
        if reweight:
            old = dict(self.assigned)
            for aid in order:
                self._detach(aid)
            for aid in order:
                self._set_vector(aid)
            for aid in order:
                self._attach(aid, old[aid])
        for _ in range(passes):
            moved = 0
            for aid in order:
                current = self.assigned[aid]
                target = self._reconsider(aid, current)
                if target != current:
                    moved += 1
                    self._detach(aid)
                    self._attach(aid, target)
            if not moved:
                break

    # ------------------------------------------------------------------ story merging
    def _scale(self) -> Dict[str, float]:
        weights = self.settings["weights"]
        total = sum(weights.get(c, 0.0) for c in CHANNELS) or 1.0
        return {c: weights.get(c, 0.0) / total for c in CHANNELS}

    def _cohesion(self, story: _Story, scale: Dict[str, float]) -> float:
        """Mean similarity of the story's member pairs: from the centroid sum, without the pairs."""
        n = len(story.members)
        if n < 2:
            return 0.0
        total = math.fsum(scale[k.split(":", 1)[0]] * v * v for k, v in story.centroid.items())
        own = math.fsum(self._self[m] for m in story.members)
        return (total - own) / (n * (n - 1))

    def _cross(self, a: _Story, b: _Story, scale: Dict[str, float]) -> float:
        """Mean similarity of the pairs (one member of each story): average linkage."""
        small, large = (a.centroid, b.centroid) if len(a.centroid) <= len(b.centroid) else (b.centroid, a.centroid)
        dot = math.fsum(scale[k.split(":", 1)[0]] * v * large[k] for k, v in small.items() if k in large)
        return dot / (len(a.members) * len(b.members))

    def _story_candidates(self, story: _Story, scale: Dict[str, float]) -> set:
        cap = self.settings["max_postings"]
        ranked = sorted(story.centroid.items(), key=lambda kv: (-kv[1] * scale[kv[0].split(":", 1)[0]], kv[0]))
        out = set()
        for key, _ in ranked[: self.settings["candidate_terms"]]:
            posting = self.postings.get(key)
            if posting and len(posting) <= cap:
                out.update(posting)
        out.discard(story.id)
        return out

    def merge_stories(self) -> int:
        """Join stories of several members that are one story told twice (average linkage).

        Two stories merge when the mean similarity of their cross pairs reaches the join
        threshold *and* ``merge_cohesion`` times the cohesion (mean pair similarity) of the
        tighter one. The second condition is what keeps two incidents of one kind apart (two
        heavyweight fights of one champion, two fires in one supermarket chain): articles of
        one incident resemble each other far more than they resemble the other incident's,
        even when the cross similarity is well above the join threshold. Returns the number
        of merges.
        """
        self.materialize()
        minimum = self.settings["merge_min_members"]
        alpha = self.settings["merge_cohesion"]
        threshold = self.settings["join_threshold"]
        gap = self.settings["max_gap_days"]
        scale = self._scale()
        merged = 0
        while True:
            big = sorted(sid for sid, st in self.stories.items() if len(st.members) >= minimum)
            if len(big) < 2:
                return merged
            cohesion = {sid: self._cohesion(self.stories[sid], scale) for sid in big}
            pairs = []
            for sid in big:
                a = self.stories[sid]
                for other in sorted(self._story_candidates(a, scale)):
                    if other <= sid or other not in cohesion:
                        continue
                    b = self.stories[other]
                    if gap is not None and a.first and b.first and (
                            (b.first - a.last).days > gap or (a.first - b.last).days > gap):
                        continue
                    sim = self._cross(a, b, scale)
                    if sim >= threshold and sim >= alpha * min(cohesion[sid], cohesion[other]):
                        pairs.append((-sim, sid, other))
            if not pairs:
                return merged
            touched = set()
            for _, sid, other in sorted(pairs):
                if sid in touched or other in touched:
                    continue  # judged again next round, with the merged story's new centroid
                touched.update((sid, other))
                a, b = self.stories[sid], self.stories[other]
                keep, gone = (a, b) if (len(a.members), b.id) >= (len(b.members), a.id) else (b, a)
                for aid in list(gone.members):
                    self._detach(aid)
                    self._attach(aid, keep.id)
                merged += 1

    def _reconsider(self, article_id: str, current: str) -> str:
        """The story an already filed article belongs in now (its own story judged without it)."""
        query = self._queries[article_id]
        story = self.stories[current]
        threshold = self.settings["join_threshold"]
        best, best_score = None, threshold
        if len(story.members) > 1:
            own = self.vectors[article_id]
            cen = story.centroid
            weights = query.weights
            # the same dot product as after removing the article from its story, without moving it
            left = math.fsum(weights[k] * (cen[k] - own[k]) for k in weights.keys() & cen.keys())
            score = left / (len(story.members) - 1)
            if score >= best_score:
                best, best_score = current, score
        when = parse_date(self.dates.get(article_id))
        for sid in self._candidates(query, when, exclude=current):
            s = self.similarity(query, self.stories[sid])
            if s >= best_score and (best is None or s > best_score or sid < best):
                best, best_score = sid, s
        if best is not None:
            return best
        if len(story.members) == 1:
            return current
        fresh = story_id_for(article_id)
        # the founder of a story keeps it; anyone else who fits nowhere starts a story of their own
        return current if fresh in self.stories else fresh

    def story_members(self) -> Dict[str, List[str]]:
        out: Dict[str, List[str]] = defaultdict(list)
        for aid in sorted(self.assigned):
            out[self.story_of(aid)].append(aid)
        return dict(out)

    def to_state(self) -> dict:
        """Everything needed to continue later, as plain JSON types (vectors are recomputed)."""
        return {
            "version": 1,
            "settings": self.settings,
            "counts": self.counts,
            "dates": self.dates,
            "assigned": {a: s for a, s in sorted(self.assigned.items()) if a not in self.follows},
            "follows": dict(sorted(self.follows.items())),
            "reprints": self.reprints.to_state(),
        }

    @classmethod
    def from_state(cls, state: dict) -> "StoryIndex":
        index = cls(state.get("settings"))
        for aid, bags in state["counts"].items():
            index.observe(aid, {c: Counter(b) for c, b in bags.items()})
        index.dates = dict(state["dates"])
        for aid, sid in sorted(state["assigned"].items()):
            index._set_vector(aid)
            index._attach(aid, sid)
        index.reprints = ReprintIndex.from_state(state["reprints"])
        index.follows = dict(state["follows"])
        for aid in index.follows:
            index.assigned[aid] = index.story_of(aid)
        return index


def group_stories(results: Iterable[DocumentResult], settings: Optional[dict] = None) -> StoryIndex:
    """Batch grouping, independent of input order.

    Reprints are found first (articles in original order, so each group's original is filed
    before its copies); the document frequencies of all originals are counted before any
    comparison; articles are then filed in (publication date, id) order, stories merged and
    regrouped (:mod:`.batch`: the same rules as the incremental index, as matrix arithmetic).
    """
    results = list(results)
    index = StoryIndex(settings)
    ordered = sorted(results, key=lambda r: original_key(r.article))
    for r in ordered:
        index.reprints.add(r.article)
    originals = [r for r in ordered if index.reprints.reprint_of(r.article.id) is None]
    bags = {r.article.id: extract_features(r.article, r) for r in originals}
    # the index is new, so its document frequencies are those of these articles: the batch
    # grouper counts them while it numbers their terms (one pass over the terms, not two)
    index.observe_all(bags, count_df=False)
    from .batch import group_articles

    ids = list(bags)
    for r in originals:
        index.dates.setdefault(r.article.id, r.article.published)
    for aid, sid in zip(ids, group_articles(index, ids, count_df=True)):
        index.assigned[aid] = index._pending[aid] = sid
    for r in ordered:
        index.add(r)  # the reprints: each takes the story of its filed copy
    return index
