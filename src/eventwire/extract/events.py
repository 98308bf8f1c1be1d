"""Event coding: PLOVER-typed event mentions with actor, recipient, place, date, numbers, claimant.

For each sentence the coder finds triggers (:mod:`.triggers`), reads the context around each
(future, obligation, negation, hypothetical, passive, background clause; word lists in
``data/lexicons/event_context.json``), lets governing acts ("agreed to lift", "threatened to
strike") absorb the act they govern, merges triggers of one type into one event, and fills
the roles from the actor mentions (:mod:`eventwire.resolve.actors`), places, times,
quantities and attributions that earlier components put on the Doc.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from itertools import compress
from operator import attrgetter
from functools import lru_cache
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc

from ..ingest.metadata import dateline_end as dateline_end_of
from ..models import Actor, EventMention, Span, TimeValue
from ..nlp.inflect import verb_forms
from ..nlp.word_classes import noun_only_forms, verb_forms_seen, word_class
from ..resolve.actors import COMPONENT as ACTOR_COMPONENT, ActorMention, Entry, find_actor_mentions
from ..resources import load_json
from ..ontology import ontology
from .attribution_features import lexicon as attribution_lexicon
from .event_tokens import token_low, token_view, use_pipeline_tokenizer
from .triggers import KIND_WEIGHT, get_trigger_matcher

VERSION = "0.3"
COMPONENT = f"eventwire_events@{VERSION}"
CONTEXT_WINDOW = 3
GOVERN_WINDOW = 10
MAX_FURNITURE_LINE = 300
_LOCATIVE = {"in", "at", "near", "over", "outside", "inside", "across", "throughout", "around", "into", "from", "on"}
# the prepositions after which a place is where the event happens even when it is also a party
_HOST = {"in", "at"}
_CLAUSE_BREAKS = {";", ":", "—", "–"}
_VERBISH_PREV = {"to", "will", "would", "'ll", "shall", "could", "can", "may", "might", "must", "should",
                 "did", "does", "do", "not", "n't", "has", "have", "had", "they", "he", "she", "it", "we",
                 "also", "then", "jointly", "reportedly", "allegedly", "later", "again", "never"}
_NOUNISH_PREV = {"a", "an", "the", "its", "their", "his", "her", "our", "this", "that", "these", "those",
                 "of", "new", "latest", "recent", "further", "any", "no", "possible", "first", "second"}


@lru_cache(maxsize=1)
def _context() -> dict:
    data = load_json("lexicons/event_context.json")
    out = {k: set(v) for k, v in data.items() if not k.startswith("_")}
    out["threat_modes"] = dict(data["threat_modes"])
    # what may stand between a subject and its act ('we have never attacked')
    out["before_subject"] = frozenset(_AUXILIARIES | out["modal"] | out["negation"])
    out["reporting_forms"] = {f for lemma in data["reporting"] for f in verb_forms(lemma)}
    out["victim_forms"] = {f for lemma in data["victim_verbs"] for f in verb_forms(lemma)}
    out["state_sectors"] = set(data["state_sectors"])
    # what may stand between 'by' and its agent: qualifiers and the quantity tagger's number words
    out["approximators"] = set(data["approximators"]) | set(load_json("lexicons/quantities.json")["numbers"])
    out["flip_forms"] = {f: tuple(t) for lemma, t in data["flip_verbs"].items() for f in verb_forms(lemma)}
    # what may follow a space in each context list's entries, for _preceded_by
    out["seconds"] = {k: _second_words(v) for k, v in out.items() if isinstance(v, set)}
    # the lists read just before a trigger, looked up together (_context_before): per word,
    # bit j when it is an entry of list j, bit 8 + j when it may end a two-word entry of it
    masks: dict = {}
    for j, (name, _window) in enumerate(_CONTEXT_SCAN):
        for w in out[name]:
            masks[w] = masks.get(w, 0) | (1 << j)
        for w in out["seconds"][name]:
            masks[w] = masks.get(w, 0) | (1 << (8 + j))
    out["scan_masks"] = masks
    # two-word causes ('due to'), marked by _Marks at their first word where background words are
    out["background_pairs"] = {tuple(w.split()) for w in data["cause_phrases"]}
    out["scan_sets"] = [out[name] for name, _window in _CONTEXT_SCAN]
    # distance before the trigger -> the lists whose window reaches that far
    out["scan_reach"] = [0] + [sum(1 << j for j, (_n, window) in enumerate(_CONTEXT_SCAN) if window >= d)
                               for d in range(1, _SCAN_WINDOW + 1)]
    return out


# the context lists read before a trigger and how many tokens back each is looked for
_CONTEXT_SCAN = (("negation", CONTEXT_WINDOW), ("obligation", CONTEXT_WINDOW), ("future", 4),
                 ("hypothetical", 2), ("modal", 4), ("background", 8))
NEGATION, OBLIGATION, FUTURE, HYPOTHETICAL, MODAL, BACKGROUND = (1 << j for j in range(len(_CONTEXT_SCAN)))
_SCAN_WINDOW = max(window for _name, window in _CONTEXT_SCAN)


def _context_before(low, i, lo, ctx) -> int:
    """The lists of ``_CONTEXT_SCAN`` that ``_preceded_by`` would find before token ``i``
    (each within its own window, none past a clause break or comma), as bits: one backward
    pass and one dict lookup per token for all of them."""
    masks, reach = ctx["scan_masks"], ctx["scan_reach"]
    found = 0
    for k in range(i - 1, max(lo, i - _SCAN_WINDOW) - 1, -1):
        w = low[k]
        if w in _STOPS:
            break
        m = masks.get(w)
        if m:
            ok = reach[i - k]
            found |= m & ok
            pending = (m >> 8) & ok & ~found
            if pending and k > lo:
                phrase = f"{low[k - 1]} {w}"
                sets = ctx["scan_sets"]
                j = 0
                while pending:
                    if pending & 1 and phrase in sets[j]:
                        found |= 1 << j
                    pending >>= 1
                    j += 1
    return found


@Language.factory("eventwire_events")
def make_events(nlp: Language, name: str):
    return EventCoder(nlp)


_lw = token_low


def _preceded_by(low, i, lo, words: set, window: int = CONTEXT_WINDOW, seconds=None) -> Optional[int]:
    """Token index of a (one- or two-word) context phrase ending within ``window`` before i."""
    if seconds is None:
        seconds = _second_words(words)
    for k in range(i - 1, max(lo, i - window) - 1, -1):
        w = low[k]
        if w in _STOPS:
            return None
        if w in words:
            return k
        if k > lo and w in seconds and f"{low[k - 1]} {w}" in words:
            return k - 1
    return None


_STOPS = frozenset(_CLAUSE_BREAKS | {","})
_SECONDS: dict = {}  # id(word set) -> (the set, what may follow a space in its entries)


def _second_words(words: set) -> frozenset:
    """Every text that follows a space in an entry of ``words``: a two-word phrase can end in
    ``w`` only if ``w`` is one of them, so most tokens need no phrase string built."""
    found = _SECONDS.get(id(words))
    if found is None or found[0] is not words:  # the set is held, so its id is never reused
        seconds = frozenset(e[p + 1:] for e in words for p, ch in enumerate(e) if ch == " ")
        found = _SECONDS[id(words)] = (words, seconds)
    return found[1]


_LIKE_NUM: dict = {}  # id(vocab) -> (vocab, {token text: spaCy's LIKE_NUM})


def _like_num(doc, words: list, i: int) -> bool:
    """spaCy's ``like_num`` of token ``i``: a flag of the token's lexeme, so remembered per text
    (reading it builds a ``Token``)."""
    vocab = doc.vocab
    found = _LIKE_NUM.get(id(vocab))
    if found is None or found[0] is not vocab:
        found = _LIKE_NUM[id(vocab)] = (vocab, {})
    flags = found[1]
    w = words[i]
    flag = flags.get(w)
    if flag is None:
        if len(flags) > 100_000:  # a long-running ingest must not grow without bound
            flags.clear()
        flag = flags[w] = doc[i].like_num
    return flag


class EventCoder:
    version = VERSION

    def __init__(self, nlp: Language):
        use_pipeline_tokenizer(nlp)  # trigger forms and actor aliases split by the pipeline's rules
        self.triggers = get_trigger_matcher(nlp.vocab)
        self.types = ontology()
        self._evidence = [None, ""]  # the sentence read last and its text: its events share the string

    def __call__(self, doc: Doc) -> Doc:
        ctx = _context()
        ext = doc._  # one accessor for every extension read below (each ``doc._`` builds one)
        article = ext.article
        date_ref = (article.published or "")[:10] if article is not None else ""
        triggers = self.triggers(doc)
        events = []
        if not triggers:
            ext.events = events
            return doc
        view = token_view(doc)
        text = view.text
        starts = view.sent_starts
        dateline_end = dateline_end_of(article)
        by_sent: dict = {}
        for trig in triggers:
            if view.idx[trig.start] >= dateline_end:  # 'AKTAU (Meridian Press) -' reports no event
                by_sent.setdefault(bisect_right(starts, trig.start) - 1, []).append(trig)
        furniture = _boilerplate_ranges(text)
        history: list = []  # named actors seen so far, for "the group", "it"
        found = self._found = {"places": ext.places or [], "times": ext.times or [],
                               "quantities": ext.quantities or [], "attributions": ext.attributions or [],
                               "article": article, "dateline_end": dateline_end, "size": len(text)}
        in_sentence = found["in_sentence"] = _by_sentence(view, by_sent, found)
        self._marks = _Marks(view.low, view.low_set, ctx, view.positions)
        low, idx = view.low, view.idx
        for n, trigs in by_sent.items():
            sent = view.sent(n)
            self._sent_no = n
            if furniture and any(a <= sent.start_char < b for a, b in furniture):
                continue
            chosen = self._choose(doc, view, sent, trigs, ctx)
            if not chosen:
                continue  # every trigger was a name or governed: the actors need not be read
            mentions = [m for m in find_actor_mentions(doc, sent, date_ref or None) if not _stance_modifier(low, m)]
            mentions = _with_entity_mentions(doc, sent, mentions)
            here = in_sentence.get(n)
            if here is not None and "places" in here:
                mentions = _with_place_mentions(doc, sent, mentions, here["places"])
            if dateline_end > sent.start_char:
                mentions = [m for m in mentions if idx[m.start] >= dateline_end]
            summaries: dict = {}  # id(mention) -> its actor's fields: one sentence's mentions no longer change
            coded = [self._build(doc, view, sent, c, mentions, ctx, summaries) for c in chosen]
            _resolve_references(doc, sent, coded, history)
            if ctx["actor_required"]:
                # 'the cargo arrived by ferry' is no visit: nobody came
                coded = [e for e, c in zip(coded, chosen)
                         if e.actor is not None or c["sense"].lemma not in ctx["actor_required"]]
            events.extend(coded)
        resolve_claimants(events)
        _first_person_actors(doc, events, ctx)
        _demands_of_claimants(events)
        _collective_actors(events, ctx)
        ext.events = events
        return doc

    # ------------------------------------------------------------------ one sentence
    def _choose(self, doc, view, sent, trigs, ctx) -> list:
        """The sentence's events before their roles are filled: one candidate per type."""
        candidates = []
        types = self.types
        low = view.low
        lo = sent.start
        trigs = [t for t in trigs if not _inside_name(doc, sent, t)]
        noun_modified = _noun_modified()
        verbs_seen = verb_forms_seen()
        for trig in trigs:
            verb_like = self._verb_like(doc, view, trig.start, lo)
            sense = trig.best(verb_like)
            if not verb_like and sense.kind == "verb" and trig.end - trig.start == 1 \
                    and low[trig.start].endswith("ed") and trig.start > lo and low[trig.start - 1] != "of":
                continue  # a participle after 'the', 'its', 'three': "the three abducted engineers"
            if trig.start > lo and low[trig.start - 1] == "-" and low[trig.start].endswith("ed"):
                continue  # the participle closing a compound modifier: 'a UN-brokered deal', 'Iranian-backed'
            if not verb_like and trig.end < sent.end and low[trig.end] in noun_modified \
                    and not view.title[trig.end] and low[trig.end - 1] not in ctx["prepositions"]:
                continue  # a noun before the noun it qualifies: 'war crimes', 'a supply base'
            if sense.kind == "verb" and trig.end - trig.start == 1:
                cls = word_class(low[trig.start])
                if cls is not None and ((not verb_like and cls[0].startswith("NN") and "VERB" not in cls[1])
                                        or (cls[0] == "RB" and trig.start > lo and low[trig.start - 1] in verbs_seen)
                                        or (cls[0].startswith("NN") and trig.end < sent.end
                                            and low[trig.end] in ctx["passive_aux"])):
                    continue  # a verb lemma's form used as a noun ('Freight traffic resumed'; before
                    # a finite 'be': 'gas supplies were normal') or a particle after a verb ('crossed back into')
            info = {"trig": trig, "sense": sense, "type": sense.type, "mode": sense.mode,
                    "kind": sense.kind if sense.kind != "verb" or verb_like else "noun",
                    "modality": "asserted", "negated": False, "governed": False}
            self._read_context(low, sent, info, ctx)
            candidates.append(info)
        self._light_and_flip(low, sent, candidates, ctx)
        for c in candidates:
            if c["conditional"]:
                self._conditional_threat(c, ctx)
        # governing acts absorb the act they govern ("agreed to lift the curfew")
        if len(candidates) > 1:
            for a in candidates:
                # a modifier ("long-threatened invasion") governs nothing
                if types[a["type"]].get("governs") and not a["governed"] and not a.get("hyphenated"):
                    a_end = a["trig"].end
                    for b in candidates:
                        b_start = b["trig"].start
                        if b is not a and 0 <= b_start - a_end <= GOVERN_WINDOW \
                                and not _clause_break(low, a_end, b_start) \
                                and not (a["kind"] == "noun" and "," in low[a_end:b_start]):
                            # a noun's reach ends at a comma ("Despite warnings of ..., X is refusing")
                            absorbed = b["governed"]  # already the object of a flip verb ("lift ban")
                            b["governed"] = True
                            if a["sense"].lemma in ctx["denial"] and "denies" not in a:
                                a["denies"] = b["type"]  # "denied carrying out the bombing"
                            if a["type"] == "AGREE" and a["sense"].kind == "phrase" and not absorbed and \
                                    types[b["type"]]["polarity"] == "hostile":
                                a["type"], a["modality"] = "THREATEN", "planned"  # "prepared to resume shelling"
                            if a["type"] == "THREATEN":
                                a.setdefault("threat_of", (b["type"], b["mode"]))  # what is threatened
        events, seen_types = [], {}
        first = True
        for c in candidates:
            if c["governed"]:
                continue
            etype = c["type"]
            conf = KIND_WEIGHT[c["kind"]] + (0.15 if types[etype].get("governs") else 0.0)
            if first:
                conf += 0.1
                first = False
            if c["before"] & BACKGROUND:
                conf -= 0.15
            if c["modality"] == "hypothetical":
                conf -= 0.2
            if "boost" in c:
                conf += c["boost"]
            else:
                conf += 0.0
            c["confidence"] = round(max(0.05, min(0.99, conf)), 3)
            if etype in seen_types:  # one event per type and sentence: the strongest trigger speaks
                n = seen_types[etype]
                prev = events[n]
                if c["confidence"] > prev["confidence"]:
                    c["mode"] = c["mode"] or prev["mode"]
                    events[n] = c
                else:
                    prev["mode"] = prev["mode"] or c["mode"]
                continue
            seen_types[etype] = len(events)
            events.append(c)
        if len(events) > 1:
            # "A court released the 4 protesters still held since last month's rally": the people
            # who protested are no protest of their own beside the sentence's act
            acts = [c for c in events if c["sense"].lemma not in ctx["agent_nouns"]]
            if acts:
                events = acts
        return events

    def _light_and_flip(self, low, sent, candidates, ctx) -> None:
        """Light verbs yield to the event noun they carry; purpose clauses yield to their act."""
        light, purpose, flips = ctx["light_verbs"], ctx["purpose"], ctx["flip_forms"]
        lo, hi = sent.start, sent.end
        last = len(candidates) - 1
        for n, c in enumerate(candidates):
            trig = c["trig"]
            i, end = trig.start, trig.end
            w = low[i]
            prev = low[i - 1] if i > lo else None
            if c["kind"] == "noun":
                for k in range(i - 1, max(lo, i - 4) - 1, -1):
                    if low[k] in light:
                        c["kind"] = "verb"
                        c["carrier"] = k + 1  # "gave Tanzania a grant": objects start here
                        break
            if w in light and end - i == 1:
                nxt = next((d for d in candidates[n + 1:] if d["kind"] == "noun"
                            and d["trig"].start - end <= 4), None)
                if nxt is not None:
                    c["governed"] = True
            flip = flips.get(w)
            if flip:
                obj = next((d for d in candidates[n + 1:] if d["trig"].start - end <= 4), None)
                if obj is not None:
                    obj["governed"] = True
                    hostile = self.types[obj["type"]]["polarity"] == "hostile"
                    c["type"], c["mode"] = flip[1] if hostile else flip[0], None
            if n < last and c["sense"].kind == "noun":
                nxt = candidates[n + 1]
                if nxt["sense"].kind == "noun" and nxt["trig"].start == end:
                    c["governed"] = True  # "fraud investigations": the head noun is the event
            if prev == "-" or (end < hi and low[end] == "-"):
                c["boost"] = c.get("boost", 0.0) - 0.3  # "long-threatened invasion", "war-torn": modifiers
                c["hyphenated"] = True
                if prev == "-":
                    c["boost"] -= 0.2  # "long-threatened": the first half of a compound modifier
            if n > 0:
                if prev == "," and w.endswith("ing"):
                    c["boost"] = c.get("boost", 0.0) - 0.3  # ", killing one person": a consequence
                if w in purpose or (prev is not None and prev in purpose):
                    c["boost"] = c.get("boost", 0.0) - 0.3

    def _verb_like(self, doc, view, i, lo) -> bool:
        low = view.low
        if i > lo:
            prev = low[i - 1]
            if prev in _NOUNISH_PREV or _like_num(doc, view.words, i - 1):
                return False
        else:
            prev = ""
        if prev in _VERBISH_PREV or prev in _context()["passive_aux"]:
            return True
        return low[i].endswith(("ed", "ing")) or (i > lo and view.ent_type(i - 1) in ("PERSON", "ORG", "GPE", "NORP"))

    def _read_context(self, low, sent, info, ctx) -> None:
        i = info["trig"].start
        lo = sent.start
        etype = info["type"]
        entry = self.types[etype]
        polarity = entry["polarity"]
        governs = entry.get("governs")
        before = info["before"] = _context_before(low, i, lo, ctx)
        if before & NEGATION:
            info["negated"] = True
            info["modality"] = "denied"
            if polarity == "coop" and etype != "AGREE":
                info["type"], info["mode"] = "REJECT", None
        if info["sense"].lemma in ctx["obligation"]:
            info["obligation"] = True  # the word "must" itself: the speaker demands of the subject
        elif not governs and before & OBLIGATION:
            info["type"], info["mode"], info["modality"] = "DEMAND", None, "hypothetical"
            info["obligation"] = True
        elif not governs and before & FUTURE:
            if not info["negated"]:  # 'has no plans to send troops' stays denied
                info["modality"] = "planned"
                info["type"] = "AGREE" if polarity == "coop" else "THREATEN" if polarity == "hostile" else etype
                if info["type"] != etype:
                    if info["type"] == "THREATEN":
                        info["threat_of"] = (etype, info["mode"])
                    info["mode"] = None
        elif not info["negated"] and before & MODAL:
            info["modality"] = "hypothetical"  # 'the rebels may attack the capital'
        if info["kind"] == "noun" and before & HYPOTHETICAL:
            info["modality"] = "hypothetical"
        if info["negated"] or not before & MODAL:
            info["conditional"] = False
        else:
            condition = ctx["condition"]
            info["conditional"] = any(w in condition for w in low[info["trig"].end:sent.end])

    def _conditional_threat(self, c, ctx) -> None:
        """'will withdraw its force unless ...', 'may halt mediation if ...': an act held over
        the other side on a condition is a threat (read after flip verbs took their type)."""
        etype = c["type"]
        if c.get("conditional") and etype != "THREATEN" and not self.types[c["sense"].type].get("governs") and \
                (self.types[etype]["polarity"] == "hostile" or etype in ctx["conditional_threat_types"]
                 or c["sense"].type in ctx["conditional_threat_types"]):
            c["threat_of"] = (etype, c["mode"])
            c["type"], c["mode"], c["modality"] = "THREATEN", None, "planned"

    # ------------------------------------------------------------------ roles
    def _build(self, doc, view, sent, c, mentions, ctx, summaries=None) -> EventMention:
        low = view.low
        trig = c["trig"]
        t0, t1 = trig.start, trig.end
        lo, hi = sent.start, sent.end
        passive = self._passive(low, lo, hi, t0, t1, ctx)
        marks = self._marks
        barrier = _barrier_from_marks(marks, view.title, lo, t0)
        before = [m for m in mentions if m.end <= t0 and m.start >= barrier]
        start_after = min(t1, c.get("carrier", t1))
        reported_from = _reported_from_marks(marks, len(low), t1, hi)
        after = [m for m in mentions if m.start >= start_after and m.end <= t0 or t1 <= m.start < reported_from]
        prepositions = ctx["prepositions"]
        # a town is a party only as a recipient ("at targets in Jericho"), never as the subject
        subject = (_subject_low(low, [m for m in before if not _entity_only(m) and not _place_only(m)], prepositions)
                   or _subject_low(low, [m for m in before if not _place_only(m)], prepositions)) if before else None
        speaker = _subject_low(low, [m for m in mentions if m.end <= barrier], prepositions) if barrier > lo else None
        actor = recipient = None
        kind = c["kind"]
        if passive is not None:
            by_mentions = [m for m in after if m.start >= passive]
            actor = by_mentions[0] if by_mentions else None
            recipient = subject
        elif kind == "noun" and t1 < hi and (low[t1] in ("from", "by") or
                                             (low[t1] == "of" and c["sense"].lemma in ctx["agentive_of_nouns"])) and \
                after and _agent_follows(low, t1, after[0].start, ctx["approximators"]):
            # "a request from Syrian President Bashar al-Assad", "an attack by rebels",
            # "a protest by about 500 people", "offensive actions of the Syrian army"
            actor, recipient = after[0], subject
        elif kind == "noun" and _in_circumstance(low, lo, t0, view.title, ctx["topic_prepositions"]):
            # "opened an investigation into the blast": the blast is what is investigated
            actor = recipient = None
        elif (kind == "noun" and _in_circumstance(low, lo, t0, view.title)) or \
                (t0 > lo and low[t0 - 1] in ("by", "during", "amid", "from")):
            # "2 fighters died in the strike", "people displaced by fighting": whoever stands just
            # before suffered the act; the sentence's subject may be someone else entirely
            near = [m for m in before if t0 - m.end <= 5]
            actor, recipient = None, (near[-1] if near else None)
        elif c.get("obligation"):
            # "Russia said Sudan must return the helicopter": the speaker demands of the subject
            actor, recipient = speaker, subject
        else:
            actor = subject or speaker
            background = marks.background
            n = bisect_left(background, t1)
            stop = background[n] if n < len(background) and background[n] < hi else hi
            if stop < hi:
                after = [m for m in after if m.start < stop]
            recipient = _first_recipient(doc, after, actor,
                                         locative_ok=c["type"] not in ctx["no_locative_recipient"],
                                         forces_ok=c["type"] not in ctx["own_force_types"])
            if recipient is not None and c["type"] in ctx["addressed_types"]:
                recipient = _target_over_addressee(low, after, recipient)
        actor_rec = _to_actor(doc, actor, mentions, ctx, summaries) if actor is not None else None
        recipient_rec = _to_actor(doc, recipient, mentions, ctx, summaries) if recipient is not None else None
        state_sectors = ctx["state_sectors"]
        for mention, rec, other in ((actor, actor_rec, recipient_rec), (recipient, recipient_rec, actor_rec)):
            # "President X", "the military government": a state organ of the country in focus
            if rec is not None and not (rec.country or rec.countries) and mention is not None \
                    and _titles_only(mention):
                if rec.sector in state_sectors:
                    rec.country = _focus_country(doc, mentions, exclude=other)
                if not (rec.country or rec.countries) and rec.sector \
                        and other is not None and other.country and _only_country(doc, mentions) == other.country:
                    # "The Sudanese government accused Darfur rebels": one country in the sentence,
                    # so the unnamed side is domestic
                    rec.country = other.country
        if c["type"] == "COERCE" and c["sense"].lemma in ctx["obstruction_lemmas"] and actor_rec is not None \
                and actor_rec.sector and actor_rec.sector not in state_sectors and actor_rec.sector != "rebel":
            c["type"], c["mode"] = "PROTEST", "obstruct"  # "paper workers blocked the bridge": obstruction as protest
        if actor_rec and c["type"] in ctx["symmetric"] and len(actor_rec.countries) > 1:
            actor_rec, recipient_rec = _split_compound(doc, actor, actor_rec)
        mode = c["mode"]
        if mode is None and c["type"] == "THREATEN" and "threat_of" in c:
            mode = _threat_mode(c["threat_of"], ctx)
        evidence = self._evidence
        if evidence[0] is not sent:
            evidence[0], evidence[1] = sent, view.text[sent.start_char:sent.end_char]
        event = EventMention(
            c["type"], Span(view.idx[t0], view.end_char(t1 - 1), view.span_text(t0, t1)),
            Span(sent.start_char, sent.end_char, evidence[1]), mode, None,
            actor_rec, recipient_rec, None, None, [], None, [], None,  # place ... attribution: _attach's
            c["modality"], c["negated"], self.types[c["type"]]["extension"], c.get("denies"), c["confidence"],
            COMPONENT)
        self._attach(doc, view, sent, event)
        return event

    def _passive(self, low, lo, hi, t0, t1, ctx) -> Optional[int]:
        """Token index after 'by' when the trigger is a passive verb ('was attacked by')."""
        w = low[t0]
        if w.endswith("ing"):  # "is investigating" is active
            return None
        aux = ctx["passive_aux"]
        prev = low[t0 - 1] if t0 > lo else ""
        # 'by' right after a participle or an adverbed phrase is a reduced relative's agent:
        # 'a post attacked by gunmen', 'a centre jointly set up by Russia and Iran'
        if not (prev in aux or (t0 - 1 > lo and low[t0 - 2] in aux and prev.endswith("ly"))
                or ((w.endswith("ed") or w.endswith("ly")) and t1 < hi and low[t1] == "by")):
            return None
        for k in range(t1, min(hi, t1 + 8)):
            if low[k] == "by":
                return k + 1
        return t1 if w in ctx["victim_forms"] else None

    def _attach(self, doc, view, sent, event: EventMention) -> None:
        """Place, date, quantities and claimant from what earlier components found."""
        s0 = sent.start_char
        t = event.trigger.start
        found = self._found
        here = found["in_sentence"].get(self._sent_no)
        n = _attribution_at(found, t, found["size"])
        if here is not None:
            # what the sentence offers every one of its events, sorted out once
            places = here.get("event_places")
            if places is None:
                dateline_end = found["dateline_end"]
                # a nationality says where only before a place noun ('the Syrian border'), not
                # before its people ('Colombian troops killed ... in a raid' is not in Colombia)
                places = here["event_places"] = [
                    p for p in here.get("places", ()) if p.role != "dateline" and p.lat is not None
                    and p.start >= dateline_end
                    and (p.role != "demonym" or _place_noun_after(view.text, p.end))]
                here["event_times"] = [x for x in here.get("times", ()) if x.type in ("DATE", "TIME")]
            if places:
                text = view.text
                parties = [(a.start, a.end) for a in (event.actor, event.recipient)
                           if a is not None and a.start is not None and a.end is not None]
                # whose words these are and who acted are never where it happened ("Russia's latest
                # operations", "Moscow has intensified ...", "the EU Council said"); a recipient may be
                # ("bombed Syria")
                own = [tuple(x) for x in found["attributions"][n].source] if n is not None else []
                actor = event.actor
                if actor is not None and actor.start is not None and actor.end is not None:
                    own.append((actor.start, actor.end))
                parties += own
                ctx_remote = _context()["remote_types"]

                def rank(p):
                    # where, not who: a place inside a party's name ("Russia's operations") ranks last,
                    # one after a locative preposition ("in Idlib") first -- also when that place is
                    # the recipient too, as PLOVER codes a visit's or meeting's host ("meet in Baku"; not
                    # 'sanctions on Burma', 'on Palestinian lorries')
                    before = text[max(s0, p.start - 8):p.start].lower().split()
                    locative = bool(before) and before[-1] in _LOCATIVE
                    hosts = locative and before[-1] in _HOST and p.role != "demonym"
                    in_party = not hosts and any(a < p.end and p.start < b for a, b in parties)
                    return (in_party, not locative, p.start < t, abs(p.start - t))

                best = places[0] if len(places) == 1 else min(places, key=rank)
                # nor is a party's nationality ('clashed with Israeli troops'), nor the recipient's
                # name of an act done from afar ('severed relations with Peru', 'condemned Syria')
                key = rank(best)
                if not (key[0] and (best.role == "demonym" or event.type in ctx_remote or
                                    any(a < best.end and best.start < b for a, b in own))) \
                        and not (key[1] and best.text.isupper()):  # 'Turkey's EU membership bid'
                    event.place = best
            times = here["event_times"]
            quantities = here.get("quantities")
            if quantities:
                event.quantities = list(quantities)
        else:
            times = None
        if times:
            event.date = times[0] if len(times) == 1 else min(times, key=lambda x: abs(x.start - t))
        else:
            event.date = _reference_date(found)
        if n is not None:
            event.attribution = n
            claimants = found.setdefault("claimants", {})
            if n not in claimants:
                claimants[n] = _claimant(doc, found["attributions"][n])
            event.claimant = _shallow_copy(claimants[n])  # events of one attribution share its source
            if event.modality == "asserted":
                event.modality = "claimed"
        article = found["article"]
        if event.claimant:
            first = event.claimant.name or event.claimant.text
            chain = [first]
            if article is not None:
                # each checked against the claimant alone, as one comprehension would
                wire, outlet = article.wire, article.outlet
                if wire and wire != first:
                    chain.append(wire)
                if outlet and outlet != first:
                    chain.append(outlet)
            event.claimant_chain = chain
        elif article is not None:
            wire, outlet = article.wire, article.outlet
            if wire or outlet:
                event.claimant_chain = [x for x in (wire, outlet) if x]


def _shallow_copy(actor: Actor) -> Actor:
    """``copy.copy`` of an :class:`Actor` (its ``countries`` list shared, as a shallow copy
    shares it), built by the constructor: no pickling-protocol detour, and no ``__dict__``
    object made for either record."""
    return Actor(actor.text, actor.start, actor.end, actor.name, actor.registry_id, actor.country,
                 actor.countries, actor.sector, actor.component)


def _agent_follows(low, by: int, start: int, approximators: set) -> bool:
    """Whether the mention at ``start`` is the agent of the 'by'/'from' at ``by``: right after
    it, or after nothing but its count ('by about 500 people', 'by hundreds of fighters')."""
    if start - by <= 2:
        return True
    return all(w in approximators or w[:1].isdigit() for w in low[by + 1:start])


def _first_recipient(doc, after, actor, locative_ok=True, forces_ok=True):
    """The first named actor after the trigger; the actor's own ('its troops') never counts,
    nor, without ``forces_ok``, military groups of no country (the forces a mobilisation moves)."""
    low = _lw(doc)
    own = {"its", "their", "his", "her", "our"}
    locative = {"in", "at", "near", "inside", "across", "throughout", "over"}
    first = None
    for m in after:
        if m is actor or (m.start > 0 and low[m.start - 1] in own) or \
                (locative_ok is False and m.start > 0 and low[m.start - 1] in locative and not m.sector_nouns) \
                or _place_adjective(doc, m) \
                or (forces_ok is False and m.sector == "military" and not m.countries):
            continue
        if m.named:
            return m
        if first is None:
            first = m
    return first


_REFERRING = {"it", "they", "he", "she", "its", "their"}
_GROUP_NOUNS = {"group", "organisation", "organization", "movement", "front", "militia", "faction", "alliance"}


def _place_only(m) -> bool:
    # loops rather than all(generator): asked for every mention of every event
    for p in m.parts:
        if p.kind != "place":
            return False
    return True


def _entity_only(m) -> bool:
    for p in m.parts:
        if p.kind != "named":
            return False
    return True


def _with_entity_mentions(doc, sent, mentions: list) -> list:
    """Names the registry does not know ('the Ustyurt Liberation Front') still make actors.

    A name swallows the bare sector words inside it ('Army' in 'Caspian Liberation Army').
    """
    ents, starts = _named_ents(doc)
    a = bisect_left(starts, sent.start)
    b = bisect_left(starts, sent.end, a)
    if a == b:
        return mentions
    span_text = token_view(doc).span_text
    out = list(mentions)
    for k in range(a, b):
        e_start, e_end = ents[k]
        inside = [m for m in out if m.start >= e_start and m.end <= e_end]
        if inside and not all(_sector_only(m) for m in inside):
            continue
        # the sentence's mentions never overlap, so none equals another: membership by identity
        # (a dataclass == compares every part of both)
        inside_ids = {id(m) for m in inside}
        if any(m.start < e_end and e_start < m.end and id(m) not in inside_ids for m in out):
            continue
        if inside:
            out = [m for m in out if id(m) not in inside_ids]
        sectors = [p for m in inside for p in m.parts]  # "President" in "President X" keeps its sector
        text = span_text(e_start, e_end)
        out.append(ActorMention(e_start, e_end, [Entry(f"ent:{text}", text, None, None, "named")] + sectors))
    return sorted(out, key=_START)


_START = attrgetter("start")


def _with_place_mentions(doc, sent, mentions: list, places: list) -> list:
    """A town or region stands for its country when nothing better names a party ('in Jericho')."""
    extra = []
    taken = set()
    for m in mentions:
        taken.update(range(m.start, m.end))
    for p in places:
        if not (sent.start_char <= p.start < sent.end_char) or not p.country or p.role == "dateline" \
                or p.precision not in ("city", "region", "point"):
            continue
        span = _char_span(doc, p.start, p.end)
        if span is None:
            continue
        if taken.intersection(range(span.start, span.end)):
            # "Aleppo rebels" named as one group: the place inside gives it its country
            host = next((m for m in mentions if m.start <= span.start and span.end <= m.end), None)
            if host is not None and not host.countries and all(x.kind in ("named", "sector") for x in host.parts):
                host.parts.append(Entry(f"place:{p.geonameid or p.name}", p.name or p.text, p.country, None, "place"))
            continue
        extra.append(ActorMention(span.start, span.end,
                                  [Entry(f"place:{p.geonameid or p.name}", p.name or p.text, p.country, None, "place")]))
    if not extra:
        return mentions
    merged = sorted(mentions + extra, key=lambda m: m.start)
    out = []
    for m in merged:
        prev = out[-1] if out else None
        if prev is not None and prev.end == m.start and _place_only(prev) and _sector_only(m):
            # "Darfur rebels", "Gaza militants": the place gives the group its country
            out[-1] = ActorMention(prev.start, m.end, prev.parts + m.parts)
            continue
        out.append(m)
    return out


def _by_sentence(view, wanted, found: dict) -> dict:
    """Places, times and quantities of each sentence that has triggers, in their original order.

    One pass over each list instead of one per event.
    """
    firsts = [view.idx[a] for a in view.sent_starts]
    out: dict = {}
    for key in ("places", "times", "quantities"):
        for x in found[key]:
            n = bisect_right(firsts, x.start) - 1
            if n in wanted and x.start < view.sent(n).end_char:
                out.setdefault(n, {}).setdefault(key, []).append(x)
    return out


_CIRCUMSTANCE = frozenset(("in", "during", "from", "by"))


@lru_cache(maxsize=1)
def _noun_modified() -> frozenset:
    """Words that make an event noun before them a modifier ('war crimes', 'a supply base')."""
    return noun_only_forms() - _context()["noun_modifier_exceptions"]


def _in_circumstance(low, lo, t0, title=None, prepositions=_CIRCUMSTANCE) -> bool:
    """The trigger noun heads a phrase like 'in the strike', 'during a raid', 'from the shelling'
    (or one after other ``prepositions``)."""
    for k in range(t0 - 1, max(lo, t0 - 4) - 1, -1):
        w = low[k]
        if w in prepositions:
            return True
        if not w.isalpha() and not w.endswith("'s"):
            return False
        if title is not None and title[k]:
            return False  # "settlers in the West Bank set fire": the phrase ends with a name
    return False


def _inside_name(doc, sent, trig) -> bool:
    """'Meridian Press', 'Steppe Monitor': a capitalised trigger inside a name is no event.

    Headlines in title case ("Russia Says Militants Retreat") are the exception.
    """
    i = trig.start
    title = token_view(doc).title
    if i == sent.start or not title[i]:
        return False
    if _title_case_line(doc, sent):
        return False
    return bool(title[i - 1]) or (trig.end < sent.end and bool(title[trig.end]))


def _title_case_line(doc, sent) -> bool:
    """More than 60% of the sentence's words capitalised: a headline in title case (once per sentence)."""
    cache = doc.user_data.setdefault("eventwire_events.title_lines", {})
    found = cache.get(sent.start)
    if found is None:
        view = token_view(doc)
        title, texts = view.title, view.words
        words = [k for k in range(sent.start, sent.end) if texts[k].isalpha()]
        found = cache[sent.start] = bool(words) and sum(title[k] for k in words) / len(words) > 0.6
    return found


def _named_ents(doc) -> list:
    """ORG and PERSON entities and their start tokens, read once per Doc from the token arrays
    (``doc.ents`` rebuilds its Spans on every access)."""
    ents = doc.user_data.get("eventwire.named_ents")
    if ents is None:
        # (start, end) only: a name's text is read when it becomes an actor
        named = [(s, e) for s, e, label in token_view(doc).ent_spans if label == "ORG" or label == "PERSON"]
        ents = doc.user_data["eventwire.named_ents"] = (named, [s for s, _e in named])
    return ents


def _titles_only(m) -> bool:
    """Only sector nouns and unregistered names ('President X', 'the military government')."""
    for p in m.parts:
        if p.kind != "sector" and p.kind != "named":
            return False
    return True


def _sector_only(m) -> bool:
    for p in m.parts:
        if p.kind != "sector":
            return False
    return True


def _resolve_references(doc, sent, coded: list, history: list) -> None:
    """'The group denied it', 'It said ...': the actor is the last named actor it refers to."""
    view = token_view(doc)
    low = view.low
    for ev in coded:
        actor = ev.actor
        if actor is None:
            first, second = low[sent.start], low[sent.start + 1] if sent.start + 1 < sent.end else ""
            reported = any(w in _context()["reporting_forms"] for w in low[sent.start + 1:sent.start + 3])
            if reported:
                pass  # "It said 4 people were wounded": the pronoun is the speaker, not the actor
            elif first in _REFERRING and history:
                # 'he' and 'she' name a person: never a state or a group, however recent
                fits = [a for a in history if _may_be_person(a)] if first in ("he", "she") else history
                if fits:
                    ev.actor = _copy_actor(fits[-1], view.span_text(sent.start, sent.start + 1), view.idx[sent.start])
            elif first == "the" and second in _GROUP_NOUNS:
                groups = [a for a in history if not (a.country or a.countries)]
                if groups:
                    ev.actor = _copy_actor(groups[-1], view.span_text(sent.start, min(sent.end, sent.start + 2)),
                                           view.idx[sent.start])
            for role in (ev.recipient,):
                if role is not None and role.registry_id and role.registry_id.startswith("ent:"):
                    history.append(role)
            continue
        if ev.recipient is not None and ev.recipient.registry_id and ev.recipient.registry_id.startswith("ent:"):
            history.append(ev.recipient)
        if actor.country or actor.countries or actor.registry_id and not actor.registry_id.startswith("ent:"):
            history.append(actor)
            continue
        words = actor.text.lower().split()
        if words and words[0] == "the" and len(words) <= 3:
            head = words[-1]
            for prev in reversed(history):
                if (prev.name or prev.text).lower().split()[-1:] == [head] and prev.text != actor.text:
                    ev.actor = _copy_actor(prev, actor.text, actor.start)
                    break
        elif actor.registry_id and actor.registry_id.startswith("ent:"):
            history.append(actor)


_FIRST_PERSON = frozenset({"we", "i"})
_AUXILIARIES = frozenset({"do", "does", "did", "have", "has", "had", "can", "must", "should", "am", "are",
                          "was", "were", "'re", "'ve", "'m", "'d"})


def _first_person_actors(doc, events: list, ctx: dict) -> None:
    """'"We will attack the pipeline," a Front spokesman said': 'we' is the speaker's side,
    so an event with no actor takes its claimant when 'we' or 'I' is its subject."""
    view = None
    skip = ctx["before_subject"]
    for ev in events:
        claimant = ev.claimant
        if ev.actor is not None or claimant is None or not (claimant.name or claimant.text):
            continue
        if view is None:
            view = token_view(doc)
        low, idx = view.low, view.idx
        k = bisect_left(idx, ev.trigger.start)
        for j in range(k - 1, max(-1, k - 5), -1):
            w = low[j]
            if w in _FIRST_PERSON:
                ev.actor = _copy_actor(claimant, view.span_text(j, j + 1), idx[j])
                break
            if w not in skip and not w.endswith("ly"):
                break


def _threat_mode(threatened: tuple, ctx: dict) -> Optional[str]:
    """PLOVER's THREATEN mode names what is threatened: 'threatened to resume terrorist
    activities' is violence, 'to blockade Paris' a restriction ('threat_modes', by type or
    type:mode of the threatened act)."""
    etype, mode = threatened
    modes = ctx["threat_modes"]
    return modes.get(f"{etype}:{mode}") or modes.get(etype)


def _demands_of_claimants(events: list) -> None:
    """'Turkmenistan must close its border, Kazakhstan said': whoever says that another side
    must act makes the demand (the speaker before the content is found by the coder already)."""
    for ev in events:
        claimant = ev.claimant
        if ev.type == "DEMAND" and ev.actor is None and claimant is not None and (claimant.name or claimant.text):
            ev.actor = _copy_actor(claimant, claimant.text, claimant.start)


def _collective_actors(events: list, ctx: dict) -> None:
    """'the parties have agreed', 'both sides': the two parties of the last event between
    two countries, as a joint act's are (actor one side, recipient the other)."""
    refs = ctx["collective_references"]
    dyad = None
    for ev in events:
        actor, recipient = ev.actor, ev.recipient
        named = actor.text.lower() if actor is not None else ""
        if named and (named in refs or "the " + named in refs):  # mentions may leave 'the' out
            if dyad is not None:
                ev.actor = _copy_actor(dyad[0], actor.text, actor.start)
                if recipient is None:
                    ev.recipient = _copy_actor(dyad[1], actor.text, actor.start)
            continue
        if actor is not None and recipient is not None and actor.country and recipient.country \
                and actor.country != recipient.country:
            dyad = (actor, recipient)


def _may_be_person(actor: Actor) -> bool:
    """An office holder of the registry (``ISO:Name:from``), or a bare capitalised name the
    recogniser found (``ent:...`` without a sector): never a state, a body or a group noun."""
    reg = actor.registry_id or ""
    if reg.count(":") >= 2 and not reg.startswith("ent:"):
        return True
    text = actor.text or ""
    return reg.startswith("ent:") and actor.sector is None and text[:1].isupper() and not text.isupper()


def _copy_actor(antecedent: Actor, text: str, start) -> Actor:
    return Actor(text=text, start=start, end=start + len(text) if start is not None else None,
                 name=antecedent.name or antecedent.text, registry_id=antecedent.registry_id,
                 country=antecedent.country, countries=list(antecedent.countries),
                 sector=antecedent.sector, component=COMPONENT)


# nouns a nationality says where ('the Thai border'); an actor's only with _BORDER_NOUNS
_BORDER_NOUNS = frozenset({"border", "borders", "frontier", "coast", "waters", "airspace", "territory", "soil"})
_PLACE_NOUNS = _BORDER_NOUNS | {"side", "town", "city", "capital", "village", "province", "region",
                                "port", "island", "mainland", "countryside", "north", "south", "east", "west"}


def _place_noun_after(text: str, end: int) -> bool:
    following = text[end:end + 16].split()
    return bool(following) and following[0].strip(".,;:").lower() in _PLACE_NOUNS


def _place_adjective(doc, m) -> bool:
    """'the Thai border': a demonym that only says where."""
    low = _lw(doc)
    nxt = low[m.end] if m.end < len(low) else ""
    if nxt not in _BORDER_NOUNS:
        return False
    after = doc[m.end + 1] if m.end + 1 < len(doc) else None
    return after is None or after.is_punct or after.lower_ in _context()["prepositions"] or after.lower_ in ("after", "before")


def _stance_modifier(low, m) -> bool:
    """'anti-Syria journalist', 'pro-Iranian group': the named party is not the actor."""
    return m.start >= 2 and low[m.start - 1] == "-" and low[m.start - 2] in ("anti", "pro")


def _target_over_addressee(low, after, recipient):
    """'complained to the UN over Israeli air raids': the complaint is about Israel, told to the UN."""
    if "to" not in low[max(0, recipient.start - 2):recipient.start]:
        return recipient
    for m in after:
        if m.start > recipient.end and any(low[k] in ("over", "about", "against")
                                           for k in range(max(recipient.end, m.start - 3), m.start)):
            return m
    return recipient


def _only_country(doc, mentions) -> Optional[str]:
    """The one country a sentence's actors and places name, if there is exactly one."""
    found = {c for m in mentions for c in m.countries}
    return next(iter(found)) if len(found) == 1 else None


def _focus_country(doc, mentions, exclude=None):
    """The country the sentence is about, for an actor known only by title ('President X')."""
    skip = set()
    if exclude is not None:
        skip.update([exclude.country] if exclude.country else exclude.countries)
    counts: dict = {}
    for m in mentions:
        for c in m.countries:
            if c not in skip:
                counts[c] = counts.get(c, 0) + 1
    for p in doc._.places or []:
        if p.country and p.country not in skip and p.role != "dateline":
            counts[p.country] = counts.get(p.country, 0) + 1
    if not counts:
        return None
    best = max(counts.values())
    winners = [c for c, n in counts.items() if n == best]
    return winners[0] if len(winners) == 1 else None


def _reference_date(found: dict) -> Optional[TimeValue]:
    """No date in the sentence: the event is dated by the report (publication or first dated line).

    What it says is worked out once per Doc; every event still gets a record of its own."""
    ref = found.get("reference_date", False)
    if ref is False:
        article, times = found["article"], found["times"]
        ref = None
        if article is not None and article.published:
            ref = (article.published[:10], "publication date", 0.5)
        else:
            days = [x for x in times if x.type == "DATE" and x.precision == "day"]
            if days:
                first = days[0]
                ref = (first.value, f"first dated line: {first.text}", min(0.5, first.certainty))
        found["reference_date"] = ref
    if ref is None:
        return None
    return TimeValue(0, 0, "", "DATE", ref[0], "day", None, None, ref[1], ref[2], COMPONENT)


_PRONOUNS = {"it", "he", "she", "they", "we", "i", "you"}


def _referring(text: str) -> bool:
    """'it', 'the ministry', 'the statement': words that point back rather than name. A
    longer description in lower case ('the national rail company') names a new party."""
    words = text.split()
    if not words:
        return True
    if len(words) == 1 and words[0].lower() in _PRONOUNS:
        return True
    return len(words) == 2 and words[0].lower() in ("the", "this", "that") and not words[1][:1].isupper()


def resolve_claimants(events: list) -> None:
    """'the statement', 'the ministry', 'it': the claimant is the party it points back to.

    A pronoun ('it said') is the last named party before it, a claimant or an event's actor
    ("The group denied the bombing. 'We do not fight railways,' it said"); 'the ministry' the
    last named claimant or actor whose name holds 'ministry'; 'the group' or 'the organisation'
    the last named party that is not a state (else the last named party); 'the statement' (any
    other noun) the last named claimant."""
    last = None  # the last named claimant
    parties: list = []  # named claimants and actors, in text order
    for ev in events:
        c = ev.claimant
        a = ev.actor
        named_actor = a is not None and bool(a.name) and bool(a.country or a.countries or a.registry_id)
        if named_actor and c is not None and a.start is not None and c.start is not None and a.start < c.start:
            parties.append(a)  # "The Red Cross delivered food ..., the organisation said"
            named_actor = False
        if c is not None:
            if c.country or c.countries or c.registry_id or not _referring(c.text):
                last = c
                parties.append(c)
                if not c.name:
                    c.name = c.text
            else:
                found = _referent(c, last, parties)
                if found is not None:
                    ev.claimant = Actor(text=c.text, start=c.start, end=c.end, name=found.name or found.text,
                                        registry_id=found.registry_id, country=found.country,
                                        countries=found.countries, sector=found.sector, component=COMPONENT)
                    ev.claimant_chain = [ev.claimant.name] + [x for x in ev.claimant_chain[1:]]
        if named_actor:
            parties.append(a)


def _referent(claimant: Actor, last: Optional[Actor], parties: list) -> Optional[Actor]:
    words = claimant.text.lower().split()
    if not words:
        return last
    before = [p for p in parties if p.start is None or claimant.start is None or p.start < claimant.start]
    head = words[-1]
    if head in _GROUP_NOUNS:  # 'the group': the last named party that is not a state
        groups = [p for p in before if not (p.country or p.countries)]
        if groups:
            return groups[-1]
    if len(words) == 1 or head in _GROUP_NOUNS:  # 'it', 'the organisation': the last named party
        return before[-1] if before else last
    for p in reversed(before):
        if head in (p.name or p.text).lower().split():
            return p
    return last


def _attribution_at(found: dict, t: int, size: int) -> Optional[int]:
    """The first attribution whose content holds offset ``t``, from a per-character owner table."""
    owner = found.get("content_owner")
    if owner is None:
        owner = found["content_owner"] = [None] * size
        for n in range(len(found["attributions"]) - 1, -1, -1):  # earlier attributions win
            if not _makes_claim(found["attributions"][n]):
                continue
            for a, b in found["attributions"][n].content:
                a, b = max(0, int(a)), min(size, int(b))
                if b > a:
                    owner[a:b] = [n] * (b - a)
    return owner[t] if 0 <= t < len(owner) else None


@lru_cache(maxsize=1)
def _claim_words() -> frozenset:
    """Cues whose source vouches for what follows: the event coder's reporting verbs,
    'claim_verbs' ('deny', 'warn', 'accuse') and 'claim_nouns' ('statement', 'report'), and
    colons. The attribution lexicon's wider lists also hold wants and plans ('does not plan
    to send troops' is Russia's act, not its claim)."""
    ctx = _context()
    claims = {f for lemma in ctx["claim_verbs"] for f in verb_forms(lemma)}
    return frozenset(ctx["reporting_forms"] | claims | ctx["claim_nouns"] | attribution_lexicon().colon_cues
                     | {"according"})


def _makes_claim(attr) -> bool:
    """A quote or a report makes its source a claimant; a cue that is itself an act (PolNeAR
    codes 'The government imposed a ban on ...' as an attribution) does not, nor does nobody."""
    source = attr.source_text.lower()
    if source.startswith(("no ", "nobody", "none ", "neither ")):
        return False  # 'No group has claimed responsibility for the attack': nobody claims it
    if attr.kind != "indirect":
        return True
    words = _claim_words()
    for w in attr.cue_text.lower().split():
        if w in words:
            return True
    return False


def _claimant(doc, attr) -> Actor:
    if not attr.source:
        return Actor(text=attr.source_text or "", component=COMPONENT)
    s, e = attr.source[0]
    text = token_view(doc).text
    e = s + len(text[s:e].rstrip(" ,;:"))  # "Ann Lee, a senator," (PolNeAR's span) names "Ann Lee, a senator"
    span = _char_span(doc, s, e) if e > s else None
    if span is not None:
        found = find_actor_mentions(doc, span)
        if found:
            actor = found[0].to_actor(doc)
            actor.text, actor.start, actor.end = token_view(doc).span_text(span.start, span.end), s, e
            return actor
    return Actor(text=text[s:e], start=s, end=e, component=COMPONENT)


class _TokenSpan:
    """Token bounds of a character span (what the coder reads of a spaCy ``Span``)."""

    __slots__ = ("start", "end")

    def __init__(self, start: int, end: int):
        self.start, self.end = start, end


def _char_span(doc, start_idx: int, end_idx: int) -> Optional[_TokenSpan]:
    """``doc.char_span(start_idx, end_idx, alignment_mode="expand")``'s token bounds, found by
    bisecting the token offsets instead of building a spaCy ``Span``.

    spaCy gives a token the characters from its start up to the next token's (its trailing
    space included), so the token holding a character is the last one starting at or before
    it; a start on a token's trailing space moves to the next token."""
    view = token_view(doc)
    idx = view.idx
    if not 0 <= start_idx < len(view.text) or not 0 < end_idx <= len(view.text):
        return _spacy_char_span(doc, start_idx, end_idx)
    start = bisect_right(idx, start_idx) - 1
    end = bisect_right(idx, end_idx - 1) - 1
    if start < 0 or end < 0:
        return _spacy_char_span(doc, start_idx, end_idx)
    if start_idx == view.end_char(start):
        start += 1
    end += 1
    if start > end:
        return _spacy_char_span(doc, start_idx, end_idx)  # spaCy's own error for it
    return _TokenSpan(start, end)


def _spacy_char_span(doc, start_idx: int, end_idx: int) -> Optional[_TokenSpan]:
    span = doc.char_span(start_idx, end_idx, alignment_mode="expand")
    return None if span is None else _TokenSpan(span.start, span.end)


def _subject(doc, before, ctx):
    """The first actor mention of the clause that is not inside a prepositional phrase."""
    return _subject_low(_lw(doc), before, ctx["prepositions"])


def _subject_low(low, before, prepositions):
    for m in before:
        prev = low[m.start - 1] if m.start > 0 else ""
        if prev in prepositions and prev != "of":
            continue
        return m
    return before[0] if before else None


def _to_actor(doc, mention, pool, ctx, summaries=None) -> Optional[Actor]:
    """The mention as an :class:`Actor`; ``summaries`` remembers its fields for the sentence
    (``pool``), whose other events name the same mentions again. Every call makes a new record."""
    if mention is None:
        return None
    key = id(mention)
    fields = summaries.get(key) if summaries is not None else None
    if fields is None:
        low = _lw(doc)
        view = token_view(doc)
        name, reg, countries, sector = mention.summary()
        country = countries[0] if len(countries) == 1 else None
        if len(countries) <= 1:
            countries = []
        home = _residence(low, mention, pool)
        if home is not None:
            country, countries = home, []
        if not country and not countries:
            # "Doctors from two American aid groups", "Demonstrators in Baghdad": borrow the country
            # of an actor attached by of/from/in right after
            end = mention.end
            for m in pool:
                if end < m.start <= end + 4 and any(p.country for p in m.parts) and \
                        any(low[k] in ("of", "from", "in") for k in range(end, m.start)):
                    cs = m.countries
                    country = cs[0] if len(cs) == 1 else None
                    countries = cs if len(cs) > 1 else []
                    break
        fields = (view.span_text(mention.start, mention.end), view.idx[mention.start],
                  view.end_char(mention.end - 1), name, reg, country, countries, sector)
        if summaries is not None:
            summaries[key] = fields
    return Actor(fields[0], fields[1], fields[2], fields[3], fields[4], fields[5], list(fields[6]), fields[7],
                 ACTOR_COMPONENT)


def _residence(low, mention, pool) -> Optional[str]:
    """'ethnic Albanians ... in Serbia', 'the Albanians of southern Serbia': a people named by
    its kin state is coded by the state it lives in, the first other state the sentence names."""
    if not mention.parts or mention.parts[0].kind != "demonym" or mention.parts[0].id.startswith("people:"):
        return None
    kin = mention.parts[0].country
    ethnic = mention.start > 0 and low[mention.start - 1] == "ethnic"
    resident_of = mention.end + 1 < len(low) and low[mention.end] in ("of", "in") and low[mention.end - 1].endswith("s")
    if not ethnic and not resident_of:
        return None
    others = [m for m in pool if m is not mention and m.countries and kin not in m.countries
              and all(p.kind in ("state", "place", "capital") for p in m.parts)]
    if resident_of and not ethnic:
        # only the place named right after 'of'/'in' ("of southern Serbia")
        others = [m for m in others if 0 < m.start - mention.end <= 3]
    after = [m for m in others if m.start >= mention.end]
    chosen = (after or others)[:1]
    return chosen[0].countries[0] if chosen and len(chosen[0].countries) == 1 else None


def _split_compound(doc, mention, actor: Actor):
    """'Russian and Israeli pilots' -> Russian pilots with Israeli pilots."""
    first, second = actor.countries[0], actor.countries[1]
    a = Actor(text=actor.text, start=actor.start, end=actor.end, name=actor.name, country=first,
              sector=actor.sector, component=actor.component)
    b = Actor(text=actor.text, start=actor.start, end=actor.end, name=actor.name, country=second,
              sector=actor.sector, component=actor.component)
    return a, b


def _reporting_barrier(doc, sent, t0, ctx) -> int:
    """Token index after the last reporting verb before the trigger ('X said that ...')."""
    return _reporting_barrier_low(token_view(doc), sent.start, t0, ctx["reporting_forms"])


def _reporting_barrier_low(view, lo, t0, forms) -> int:
    low, title = view.low, view.title
    for k in range(t0 - 1, lo - 1, -1):
        w = low[k]
        if w in forms and not (k > lo and title[k]):  # "United States" is no verb
            return k + 1
        if w == "to" and k > lo and low[k - 1] == "according":
            return k + 1
    return lo


class _Marks:
    """Where the words the coder scans for stand in the Doc, found once per Doc (in C, by
    ``compress`` over the lower-cased tokens): the per-event scans for the next reporting
    verb or background word become bisections."""

    __slots__ = ("reporting", "according_to", "commas", "background", "low")

    def __init__(self, low: list, unique: set, ctx: dict, positions=None):
        # the words of each list that the Doc holds at all, then one pass over the tokens
        # for all of them together; the few hits are sorted out afterwards
        reporting = unique.intersection(ctx["reporting_forms"])
        background = unique.intersection(ctx["background"])
        pairs = ctx["background_pairs"]
        seconds = unique.intersection({b for _a, b in pairs})
        wanted = reporting | background | seconds
        according = "according" in unique and "to" in unique
        if according:
            wanted.add("to")  # the 'to' of 'according to'
        if "," in unique:
            wanted.add(",")  # commas before 'a', 'an', 'the' may open ', a spokesman for X said'
        self.reporting, self.background, self.according_to, self.commas = [], [], [], []
        self.low = low
        if not wanted:
            return
        for k in compress(range(len(low)) if positions is None else positions, map(wanted.__contains__, low)):
            w = low[k]
            if w == ",":
                self.commas.append(k)
            if w in reporting:
                self.reporting.append(k)
            if w in background:
                self.background.append(k)
            elif w in seconds and k > 0 and (low[k - 1], w) in pairs:
                self.background.append(k - 1)
            if according and w == "to" and k > 0 and low[k - 1] == "according":
                self.according_to.append(k)


_ARTICLES = ("a", "an", "the")
_QUOTE_CLOSE = ('"', "\u201d")  # a comma then one of these closes a quote: its speaker follows


def _barrier_from_marks(marks: _Marks, title: list, lo: int, t0: int) -> int:
    """``_reporting_barrier`` read from the Doc's marks: the last reporting verb (not a
    capitalised name like 'United States' unless it opens the sentence) or 'according to'
    before ``t0``."""
    best = lo
    forms = marks.reporting
    n = bisect_left(forms, t0) - 1
    while n >= 0 and forms[n] >= lo:
        k = forms[n]
        if k == lo or not title[k]:
            best = k + 1
            break
        n -= 1
    according = marks.according_to
    n = bisect_left(according, t0) - 1
    if n >= 0 and according[n] > lo and according[n] + 1 > best:
        best = according[n] + 1
    return best


def _reported_from_marks(marks: _Marks, size: int, t1: int, hi: int) -> int:
    """``_reported_from`` read from the Doc's marks."""
    forms = marks.reporting
    n = bisect_left(forms, t1)
    best = forms[n] + 1 if n < len(forms) and forms[n] < hi else hi
    commas, low = marks.commas, marks.low
    limit = min(best, hi)
    reach = min(size, hi + 4)
    c = bisect_left(commas, t1)
    while c < len(commas) and commas[c] < limit:
        k = commas[c]
        if k + 1 < size and (low[k + 1] in _ARTICLES or low[k + 1] in _QUOTE_CLOSE):
            m = bisect_left(forms, k)
            if m < len(forms) and forms[m] < reach:
                best = min(best, k + 1 if low[k + 1] in _QUOTE_CLOSE else max(k + 1, forms[m] - 3))
        c += 1
    return best


def _reported_from(low, forms, t1, hi) -> int:
    """The first token from which a mention after the trigger is reported speech, not a party:
    a reporting verb stands between ('..., X said'), or a comma and an article open a reporting
    clause (', a spokesman for X said'), or a comma and a closing quote end the quote before its
    speaker ('...," ministry spokesman X said'). Once that holds for one start it holds for every later
    one, so a single pass per trigger replaces one scan per mention; ``hi`` when none does."""
    n = len(low)
    first = next((r for r in range(t1, hi) if low[r] in forms), None)
    best = first + 1 if first is not None else hi
    for k in range(t1, min(best, hi)):
        if low[k] == "," and k + 1 < n and low[k + 1] in ("a", "an", "the", '"', "”"):
            j = next((j for j in range(k, min(n, hi + 4)) if low[j] in forms), None)
            if j is not None:
                # '..., a spokesman for X said'; '...," the spokesman said' ends the quote
                best = min(best, k + 1 if low[k + 1] in ('"', "”") else max(k + 1, j - 3))
    return best


def _clause_break(low, a, b) -> bool:
    return any(low[k] in _CLAUSE_BREAKS for k in range(a, b))


@lru_cache(maxsize=1)
def _boilerplate():
    """(patterns anchored at the line start, the rest), each compiled into one regex or None.

    Anchored patterns are tried only at the start of a line; the others are searched once over
    the whole text, and a line is searched again only when a hit falls inside it. That costs a
    fraction of searching every line with every pattern.
    """
    import re
    patterns = load_json("lexicons/sources.json")["boilerplate_lines"]
    anchored = [p[1:] for p in patterns if p.startswith("^") and "|" not in p]
    free = [p for p in patterns if not (p.startswith("^") and "|" not in p)]

    def compile_(ps, flags=0):
        return re.compile("|".join(f"(?:{p})" for p in ps), re.IGNORECASE | flags) if ps else None
    # plain words ("telegram channel") can be looked for in the lower-cased text first: most
    # articles hold none, and a substring test costs a fraction of the case-blind regex
    plain = all(ch == " " or (ch.isascii() and ch.isalnum()) for p in free for ch in p)
    literals = tuple(p.lower() for p in free) if plain else None
    return compile_(anchored), compile_(free, re.MULTILINE), literals


# the only characters outside ASCII that a case-blind regex lets match an ASCII letter
# ('İ', 'ı', 'ſ', 'K'); a text without them matches plain words only where its lower-cased
# form holds them
_FOLDS_TO_ASCII = ("\u0130", "\u0131", "\u017f", "\u212a")


def _may_hold(text: str, literals: tuple) -> bool:
    """False only when no case-blind match of ``literals`` can be in ``text``."""
    if any(c in text for c in _FOLDS_TO_ASCII):
        return True
    if text.isascii():
        lowered = text.lower()
        return any(w in lowered for w in literals)
    # the other non-ASCII characters lower-case to non-ASCII ones (tested over every code
    # point), so an ASCII word stands in the lower-cased text only where it stands in the
    # UTF-8 bytes with their ASCII letters lower-cased: no Unicode case mapping of the text
    lowered = text.encode("utf-8", "surrogatepass").lower()
    return any(w.encode("ascii") in lowered for w in literals)


def _boilerplate_ranges(text: str) -> list:
    """Character ranges of the lines that hold publisher furniture ('Join ST's Telegram channel').

    Furniture lines are short; long paragraphs are not searched at all.
    """
    anchored, free, literals = _boilerplate()
    hits = [m.start() for m in free.finditer(text)] \
        if free is not None and (literals is None or _may_hold(text, literals)) else []
    out, pos, h = [], 0, 0
    for line in text.split("\n"):
        end = pos + len(line)
        if len(line) < MAX_FURNITURE_LINE:
            while h < len(hits) and hits[h] < pos:
                h += 1
            if (anchored is not None and anchored.match(line)) or \
                    (h < len(hits) and hits[h] <= end and free.search(line)):
                out.append((pos, end))
        pos = end + 1
    return out
