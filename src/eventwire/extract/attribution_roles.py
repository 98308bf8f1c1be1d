"""Source and content spans around a cue, by position rules over tokens (no parser).

News attribution comes in a few word orders, all inside one sentence (PolNeAR: 99 % of
contents and sources share the cue's sentence):

* ``SOURCE CUE CONTENT``      "The ministry said (that) militants are retreating."
* ``CONTENT, SOURCE CUE``     "“Militants are retreating,” the ministry said."
* ``CONTENT, CUE SOURCE``     "“Militants are retreating,” said the ministry."
* ``CONTENT, according to SOURCE`` / ``According to SOURCE, CONTENT``
* ``SOURCE: CONTENT``         headlines ("Merkel: ...") and "he said: ..."

The rules pick the order from the punctuation around the cue, then take the maximal
token run up to the nearest boundary (comma, quote mark, clause word) as the source and the
rest of the sentence on the other side as the content. Spans are token index ranges
``(start, end)``, end exclusive.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .attribution_features import QUOTES, SENT_FINAL, TokenView
from .attribution_features import content_end as _content_end, trim_span as _trim
from .attribution_frames import frame_lexicon, frame_roles

HARD_STOP = {";", ":", "(", ")", "—", "–", "―", "--", "-", "[", "]"}
_LEFT_STOP = frozenset(QUOTES | HARD_STOP | SENT_FINAL)  # a source never reaches over these
_SOURCE_EDGE = frozenset({",", "and", "but", "so", "yet"})  # trimmed off a source's ends
_NOTHING = frozenset()
_CONTENT_STOP = frozenset(QUOTES | SENT_FINAL)  # the search for a complementiser ends here


@dataclass
class Roles:
    cue: tuple
    source: list = field(default_factory=list)  # [(start, end)]
    content: list = field(default_factory=list)
    order: str = ""  # SCT, TSC, TCS, according_to, colon, passive
    participle: bool = False  # ", saying ...": the source is the clause's subject


@dataclass(frozen=True)
class RoleLexicon:
    left_aux: frozenset  # "has", "also" ... are part of the cue ("has also said")
    clause_words: frozenset  # a source never reaches left across these ("that", "but", "when")
    skip_after_cue: frozenset  # content starts after these ("that", ":", ",")
    according: frozenset
    subject_pronouns: frozenset  # "said he" is rare; "say they will" is SOURCE CUE CONTENT
    participle_cues: frozenset = frozenset()
    # verbs whose object is the one who holds the attitude ("the plan angered the mayor"):
    # every inflected form
    experiencer_objects: frozenset = frozenset()
    # nouns after "by" that are a channel, not an agent ("said by phone")
    by_means: frozenset = frozenset()
    # past participles not ending in -ed ("written by", "seen by")
    irregular_participles: frozenset = frozenset()
    # speech verbs that invert with their subject ("..., said the minister"), every form
    inversion_verbs: frozenset = frozenset()
    # participles whose subject holds a stance ("is convinced", "are inclined"): a passive
    # cue with no agent keeps its subject as the source only for these and for feelings
    stance_participles: frozenset = frozenset()
    # "appear", "seem": a cue without a source
    raising_verbs: frozenset = frozenset()
    # "reportedly", "allegedly": a cue whose source is unnamed
    hearsay_adverbs: frozenset = frozenset()
    # every form of the reporting verbs ("seemed to suggest": the subject holds the view)
    reporting_forms: frozenset = frozenset()
    # words before "to"/"of" whose infinitive shares their subject ("went on to say", "is
    # quick to point out"): the phrase is a verb phrase, the source is before it
    control_words: frozenset = frozenset()
    # participles that are never a past tense ("known", "written"): passive without "have"
    participle_only: frozenset = frozenset()
    # verbs (and "despite", "amid") before a noun cue whose subject is its target ("faced
    # criticism", "raised questions"): the holder follows "from/by/of" or is unnamed
    target_verbs: frozenset = frozenset()
    addressee_verbs: frozenset = frozenset()  # "told AFP": the name after the verb is who was spoken to
    attitude_nouns: frozenset = frozenset()  # "praise from rivals": the holder follows from/by/among
    object_control_verbs: frozenset = frozenset()  # "urged voters to act": the object holds the infinitive


def _sentence_bounds(view: TokenView, i: int) -> tuple:
    # ("Sen. Ann Lee (D-Vt.) said ..." is one sentence: eventwire_sentences opens none at a
    # lower-case word after full stops)
    s, e = view.sent_start[i], view.sent_end[i]
    space = view.space
    if s < e and not space[s] and not space[e - 1]:
        return s, e  # (most sentences: no space token at either edge)
    return _trim(view, s, e, _NOTHING)


def _source_left(view: TokenView, lo: int, cs: int, rl: RoleLexicon, others=frozenset()) -> tuple:
    """The noun phrase just before the cue: back to a comma, quote or clause word."""
    j = cs
    lower, space, clause_words = view.lower, view.space, rl.clause_words
    # "Rep. Ann Lee (D-Ohio) last month joked": step back over a time phrase and a short
    # parenthetical after a name
    while j > lo and (lower[j - 1] in _TIME_WORDS or lower[j - 1] in rl.left_aux or _adverb_at(view, j - 1, _ADVERBS)
                      or (lower[j - 1] in _TIME_SPAN and j < cs and lower[j] in _TIME_UNITS)):
        j -= 1  # also over adverbs and auxiliaries ("is now considering", "clearly intended")
    if j < cs and (j == lo or lower[j - 1] in _LEFT_STOP and lower[j - 1] != ")" or (
            lower[j - 1] == "," and any(lower[k] in ("both", "each") for k in range(j, cs)))):
        j = cs  # the time phrase is all there is ("..., each suddenly willing"): no source further left
    # (after a comma the time phrase follows a name's apposition, like an adverb: "Ann Lee,
    # the party's chair, on Tuesday called ...", "Lee, a senator, last week announced")
    end = j
    if j - 1 > lo and lower[j - 1] == ")":
        j = _over_parenthetical(view, lo, j)
    # "Paul Reyes, chief executive of Northwind, said": a comma right before the cue (or
    # before adverbs before it: "Ann Lee, a senator, quickly denied") closes an appositive,
    # so the source reaches back over it to the name
    commas = 2 if j - 1 > lo and lower[j - 1] == "," else 0
    while j > lo:
        w = lower[j - 1]
        if w == "-" and _inside_word(view, j - 1, lo):
            j -= 1  # "the UN Secretary-General said": a hyphen inside a word is no dash
            continue
        if w in _LEFT_STOP and not (w in _APOSTROPHES and _possessive_mark(view, j - 1, lo)) or (
                space[j - 1] and "\n" in view.words[j - 1]):
            # ("Sanders’ campaign manager": an apostrophe after a plural is no quote)
            # a line break ends the search; a stray space token (a doubled or no-break
            # space, "Clinton\xa0referenced") does not
            break
        if w == "," and j - 1 > lo:
            if commas == 0:
                break
            commas -= 1
        if (w in clause_words and not (w == "and" and _joins_names(view, j - 1, lo))) or j - 1 in others:
            break
        j -= 1
    return _trim(view, j, end, _SOURCE_EDGE)


def _joins_names(view: TokenView, k: int, lo: int) -> bool:
    """Does the 'and' at ``k`` join two capitalised names ("Kazakhstan and Turkmenistan
    said", "Smith and Jones said"), one source, rather than two clauses ("prices rose and
    analysts said")?"""
    words, lower = view.words, view.lower
    if not (lo < k < len(words) - 1):
        return False
    if words[k - 1][:1].isupper() and words[k + 1][:1].isupper():
        return True
    # "The mayor and the governor said", "doctors and medical experts warned": a short
    # left phrase opening at a boundary with a determiner (or a bare plural), no verb-like
    # word, and a noun phrase opening after "and"
    if not (lower[k + 1] in _SUBJECT_DETERMINERS or words[k + 1][:1].isupper()):
        return False
    j = k - 1
    while j > lo and k - j < 4 and lower[j - 1] not in _LEFT_STOP and lower[j - 1] != "," \
            and lower[j - 1] not in _SOURCE_CLAUSE_STOPS:
        j -= 1
    if not (j == lo or lower[j - 1] in _LEFT_STOP or lower[j - 1] == "," or lower[j - 1] in _SOURCE_CLAUSE_STOPS):
        return False
    if not (lower[j] in _SUBJECT_DETERMINERS or (words[j][:1].isupper() and j > lo)):
        return False  # (a capital opening the sentence proves nothing: "Prices rose and ...")
    return not any(lower[m] in _FINITE_VERBISH or lower[m].endswith("ed") or lower[m] in _PREPOSITIONS
                   for m in range(j, k))


_SOURCE_CLAUSE_STOPS = frozenset({"that", "but", "while", "because", "since", "when", "if", "as", "after",
                                  "before", "though", "although", "whereas", "so", "where", "unless", "until"})


_APOSTROPHES = frozenset({"’", "'"})
_POSSESSIVE_MARKS = frozenset({"'s", "’s", "his", "her", "their", "its"})


def _quote_before_name(view: TokenView, ss: int, comma: int) -> bool:
    """Does a quotation closed by ',"' come before the name and apposition that end at
    ``comma`` ('"...," Jeff Weaver, Sanders’ campaign manager, said')?"""
    lower = view.lower
    k = comma - 1
    while k > ss and comma - k < 20:
        w = lower[k]
        if w in QUOTES and not _possessive_mark(view, k, ss):
            return lower[k - 1] == "," and k + 1 < comma and view.words[k + 1][:1].isupper()
        if w in HARD_STOP or w in SENT_FINAL:
            return False
        k -= 1
    return False


def _possessive_mark(view: TokenView, k: int, lo: int) -> bool:
    """Is the apostrophe at ``k`` a plural possessive ("Sanders’ campaign"): joined to a word
    in -s before it, a space and a word after it?"""
    starts, ends, words = view.starts, view.ends, view.words
    return starts is not None and lo < k < len(words) - 1 and ends[k - 1] == starts[k] \
        and words[k - 1][-1:] in ("s", "S") and ends[k] < starts[k + 1] and words[k + 1][:1].isalnum()


def _inside_word(view: TokenView, k: int, lo: int) -> bool:
    """Is token ``k`` joined to the tokens on both sides (no space: 'Secretary-General')?"""
    starts, ends = view.starts, view.ends
    return starts is not None and lo < k < len(starts) - 1 and ends[k - 1] == starts[k] and \
        ends[k] == starts[k + 1]


def _adverb_at(view: TokenView, k: int, listed: frozenset) -> bool:
    """Token ``k`` is one of the ``listed`` adverbs or a lower-case word in -ly."""
    w = view.lower[k]
    return w in listed or (w.endswith("ly") and view.words[k].islower())


_FLOATING = frozenset({"not", "never", "also", "even", "still", "already", "again", "then", "always"})


def _source_right(view: TokenView, ce: int, hi: int) -> tuple:
    j = ce
    while j < hi:
        w = view.lower[j]
        if (w in QUOTES or w in HARD_STOP or w in SENT_FINAL or w == ",") and not (
                w == "-" and _inside_word(view, j, ce)):  # ("a 52-count complaint")
            break
        j += 1
    return _trim(view, ce, j, set())


def _side_segment(view: TokenView, k: int) -> bool:
    """Does the phrase after a comma at ``k`` leave the source: a quote, a participle
    (", adding ..."), a preposition (", in a statement") or a lone adverb?"""
    w = view.lower[k]
    return w in QUOTES or w in _SIDE_PHRASE_OPENERS or w in _SIDE_ADVERBS or (
        view.words[k].islower() and len(w) > 4 and w.endswith("ing"))


def _with_apposition(view: TokenView, src: tuple, se: int, others) -> tuple:
    """An inverted source with the apposition after its name ("..., said Chad Bown, an
    expert on trade at the Peterson Institute."): up to the end of the sentence, or up to
    and with the comma before a participle, a quote or another cue ("..., said Ann Lee, a
    senator, adding that ...")."""
    s, e = src
    lower = view.lower
    if e >= se or lower[e] != ",":
        return src
    end = _content_end(view, e, se)
    if e + 1 >= end or _side_segment(view, e + 1):
        return src
    j = e + 1
    while j < end:
        w = lower[j]
        if w in QUOTES or j in others or (w in HARD_STOP and not (w == "-" and _inside_word(view, j, s))):
            break
        if w in SENT_FINAL:
            end = j  # (a sentence the splitter left open: '... Report. "And yet ...')
            break
        if w == "," and j + 1 < end and _side_segment(view, j + 1):
            return (s, j + 1)
        j += 1
    if j > e + 1 and (j >= end or lower[j - 1] == ","):
        return (s, j)
    return src


def extend_cue(view: TokenView, head: int, rl: RoleLexicon) -> tuple:
    """Token range of the cue: the head plus auxiliaries before it ("has also said") and
    "to" after "according"."""
    ss = view.sent_start[head]
    s = head
    while s > ss and view.lower[s - 1] in rl.left_aux:
        s -= 1
    e = head + 1
    if view.lower[head] in rl.according and e < view.sent_end[head] and view.lower[e] == "to":
        e += 1
    return s, e


def assign(view: TokenView, cue: tuple, rl: RoleLexicon, others=frozenset()) -> Roles:
    """Roles for one cue; ``others`` holds the head tokens of the document's other cues,
    which a source or a complementiser search never crosses."""
    roles = _assign(view, cue, rl, others)
    src = roles.source  # (one span at most)
    if src and src[0][1] <= cue[0]:
        s, e = src[0]
        lower = view.lower
        if "," in lower[s:e]:
            e = _before_side_phrase(view, s, e)
            if e < cue[0] and lower[e] == "," and "," in lower[s:e]:
                # "Ann Lee, a senator, said": annotators close a name's apposition with its
                # comma (a bare name before a comma, "Lee, meanwhile, said", without it)
                e += 1
            roles.source = [(s, e)]
    return roles


def _before_side_phrase(view: TokenView, s: int, e: int) -> int:
    """The end of a source before a participle or prepositional phrase set off by commas
    ("Cruz, leading in the polls, said", "Ann Lee, a senator, speaking on condition of
    anonymity, said", "Lee, in a rambling speech, said"): annotators leave it out."""
    lower, words = view.lower, view.words
    for k in range(s + 1, e - 1):
        if lower[k] == ",":
            w = lower[k + 1]
            if w in _SIDE_PHRASE_OPENERS or (w in _SIDE_CLAUSE_OPENERS and words[k + 2][:1].islower()) or (
                    words[k + 1].islower() and len(w) > 4 and w.endswith("ing")) or (
                    (k + 2 == e or lower[k + 2] == ",") and (w in _ADVERB_OPENERS or w in _SIDE_ADVERBS
                                                              or _adverb_at(view, k + 1, _NOTHING))):
                # (a lone adverb between commas: "Lee, meanwhile, said")
                return _trim(view, s, k, _NOTHING)[1]
    return e


_SIDE_ADVERBS = frozenset({"though", "too", "meanwhile", "however", "instead", "also"})
# a side remark between the name and the cue ("Lee, for her part, said", "Lee, as she has
# before, said", "Lee, it turned out, knew"): annotators leave it out (a relative clause they
# mostly keep: "Ann Lee, who lives in Ohio, said"); a lower-case word follows (not "..., as
# Ann Lee, the mayor, said": a clause of its own)
_SIDE_CLAUSE_OPENERS = frozenset({"for", "as", "under", "it"})


_SIDE_PHRASE_OPENERS = frozenset({"in", "at", "on", "after", "before", "during", "despite", "with", "without",
                                  "amid", "like", "unlike", "while", "when", "following", "clad", "dressed",
                                  "asked", "flanked", "surrounded", "speaking"})


def _assign(view: TokenView, cue: tuple, rl: RoleLexicon, others=frozenset()) -> Roles:
    cs, ce = cue
    ss, se = _sentence_bounds(view, cs)
    head_word = view.lower[ce - 1] if view.lower[ce - 1] != "to" else view.lower[cs]
    roles = Roles(cue=cue)

    if head_word in rl.according or view.lower[cs] in rl.according:
        return _according(view, roles, ss, se)

    if head_word in frame_lexicon().heads:  # "In a new poll, ...", '"..." ― Ann Lee'
        framed = frame_roles(view, roles, ss, se, others)
        if framed is not None:
            return framed

    if view.lower[cs] in (":", "—", "―", "–") and ce - cs == 1:
        # headline "Merkel: ..." or "SOURCE — CONTENT": source is the line up to the mark
        src = _source_left(view, ss, cs, rl)
        roles.source = [src] if src[1] > src[0] else []
        cont = _trim(view, ce, _content_end(view, ce, se), set())
        roles.content = [cont] if cont[1] > cont[0] else []
        roles.order = "colon"
        return roles

    lower = view.lower
    passive = _passive_cue(lower, cs, ce) or (ce - cs == 1 and _participle(head_word, rl) and _be_before(view, cs, ss))
    # a participle with no agent names no source (its subject is what is said, asked or
    # expected about) unless it is a feeling or a stance ("voters are worried")
    agentless = _participle(head_word, rl) and head_word not in rl.experiencer_objects \
        and head_word not in rl.stance_participles
    # (the two shapes _passive_by accepts, tested inline: most cues are neither)
    by = _passive_by(view, cs, ce, se, rl, others) if (
        passive or (ce < se and lower[ce] == "by" and _participle(head_word, rl))) else None
    if by is not None:
        # "The plan is opposed by most governors", "are seen as ... by a quarter of voters",
        # "Assad, opposed by the U.S., ...": content is the subject, source the agent
        src = _np_right(view, by + 1, se, rl, others)
        roles.source = [src] if src[1] > src[0] else []
        lead = cs == ss or view.lower[cs - 1] in _PASSIVE_LEADS
        cont = _source_left(view, ss, cs, rl, others) if not lead else (0, 0)
        if cont[1] <= cont[0] and src[1] > src[0]:
            # "As reported by the Herald, the talks failed": the content follows the agent
            start = src[1]
            while start < se and view.lower[start] in rl.skip_after_cue:
                start += 1
            cont = _trim(view, start, _content_end(view, start, se), _NOTHING)
        roles.content = [cont] if cont[1] > cont[0] else []
        roles.order = "passive"
        return roles

    if head_word in rl.experiencer_objects and _active(view, cs, ss) and ce < se \
            and view.lower[ce] not in _NOT_AN_OBJECT and not (
                cs - 1 >= ss and view.lower[cs - 1] in rl.subject_pronouns and view.lower[cs - 1] != "it"):
        # "the decision angered party leaders": the one who holds the attitude is the object
        src = _np_right(view, ce, se, rl, others)
        if src[1] > src[0]:
            roles.source = [src]
            cont = _source_left(view, ss, cs, rl, others)
            if cont[1] <= cont[0] and cs - 1 >= ss and view.lower[cs - 1] in _RELATIVIZERS:
                # "That rattled Rubio", "fumbles by the camp that rattled supporters": what
                # the pronoun stands for
                cont = _antecedent(view, ss, cs - 1, rl) if cs - 1 > ss else (cs - 1, cs)
            roles.content = [cont] if cont[1] > cont[0] else []
            roles.order = "experiencer"
            return roles

    if ce - cs == 1 and cs - 1 >= ss and (view.lower[cs - 1] in _POSSESSIVES or view.lower[cs - 1] == "her" and (
            cs - 2 >= ss and view.lower[cs - 2] in _PREPOSITIONS)) and not head_word.endswith("ing") \
            and (cs - 2 < ss or view.lower[cs - 2] in _POSSESSOR_LEADS):
        # ("in her criticism of": after a preposition "her" is a possessive)
        # "in their criticism of the senator", "despite his dislike for ...": the possessor
        # holds the view (the "of" phrase is what it is about); after a verb ("pinned his
        # hopes on", "turned his attention to") the verb's subject is the source
        start = ce
        while start < se and view.lower[start] in rl.skip_after_cue:
            start += 1
        cont = _trim(view, start, _content_end(view, start, se), _NOTHING)
        if cont[1] > cont[0]:
            roles.source, roles.content, roles.order = [(cs - 1, cs)], [cont], "possessor"
            return roles

    if ce + 1 < se and view.lower[ce] in _NOUN_AGENT_PREPS and (_noun_cue(view, cs, ss) and not (
            view.lower[ce] == "of" and _held_by_subject(view, cs, ss)) or (
            ce - cs == 1 and view.lower[ce] != "of" and head_word in rl.attitude_nouns)) \
            and _np_start(view, ce + 1):
        # (without a determiner only an attitude noun, and never "of": "criticism of the
        # senator" names the target, "praise from rivals", "support among women" the holder)
        # "criticism from both candidates", "the decision by the agency": the source follows
        src = _np_right(view, ce + 1, se, rl, others)
        if src[1] > src[0]:
            roles.source = [src]
            cont = _trim(view, src[1], _content_end(view, src[1], se), rl.skip_after_cue | {"to"})
            if cont[1] <= cont[0]:
                cont = _source_left(view, ss, cs, rl, others)
            roles.content = [cont] if cont[1] > cont[0] else []
            roles.order = "noun_agent"
            return roles

    # Is the content before the cue?  "..., he said." / "..." said Smith.
    # Look left from the cue for the boundary that separates content from the source.
    boundary = None
    j = cs - 1
    steps = 0
    while j >= ss and steps < 14:
        w = view.lower[j]
        if w == "," or w in QUOTES:
            boundary = j
            break
        if w in HARD_STOP or w in rl.clause_words:
            break
        j -= 1
        steps += 1
    right_rest = _content_end(view, ce, se) - ce
    after = view.lower[ce] if ce < se else ""
    content_left = False
    # ", saying ..." and ',” saying ...' (the comma inside a closing quote)
    # (also over adverbs between the comma and the cue: ", falsely suggesting", ", even saying")
    pre = cs
    while pre - 1 > ss and _adverb_at(view, pre - 1, _FLOATING):
        pre -= 1
    after_comma = pre - 1 >= ss and (view.lower[pre - 1] == "," or (
        pre - 2 >= ss and view.lower[pre - 1] in QUOTES and view.lower[pre - 2] == ","))
    # a participle, not a progressive ("were talking", "aren't planning")
    gerund = head_word.endswith("ing") and not any(
        view.lower[k] in _FINITE or view.lower[k].endswith(("n't", "n’t")) for k in range(cs, ce - 1))
    # "..., calling him a liar and accusing him of ...": a participle coordinated with one
    after_and = gerund and pre - 2 > ss and view.lower[pre - 1] == "and" and view.lower[pre - 2] != ","
    after_comma = after_comma or after_and
    participle = gerund and after_comma
    after2 = view.lower[ce + 1] if ce + 1 < se else ""
    if participle:
        content_left = False  # "The mayor blamed the press, saying ..."
    elif after == "," and after2 in QUOTES:
        content_left = False  # 'He added, "It will be interesting ..."'
    elif after == "," and boundary is not None and _words_between(view, ss, boundary) < 3:
        content_left = False  # "Still, he said, the talks will go on."
    elif right_rest <= 0:
        content_left = boundary is not None or cs > ss
        if boundary is None:
            boundary = ss - 1
    elif after == "," and boundary is not None and boundary > ss:
        content_left = True  # '"...," the ministry said, adding ...'
    elif after in rl.skip_after_cue or after in rl.subject_pronouns:
        content_left = False  # "said that ...", "say they will ..."
    elif boundary is not None and boundary > ss:
        quoted = view.lower[boundary] in QUOTES or (boundary > ss and view.lower[boundary - 1] in QUOTES)
        if quoted or after in (",", ".") or after in QUOTES:
            content_left = True
        elif right_rest <= 5 and cs - boundary <= 7 and not _name_appositive(view, ss, boundary) \
                and not (_apposition_before(view, ss, boundary, rl) and not _source_like_right(view, ce, se, rl)):
            content_left = True  # "..., he told reporters on Tuesday."
        elif boundary == cs - 1 and not _name_appositive(view, ss, boundary) \
                and not (_apposition_before(view, ss, boundary, rl) and not _source_like_right(view, ce, se, rl)):
            content_left = True  # "..., said Dana Ortiz, a senator ..."
    if content_left and boundary is not None and boundary > ss and right_rest > 0 \
            and _fronted_adjunct(view, ss, boundary) and right_rest >= 3:
        # "In a statement, the ministry said rebels attacked a convoy": the phrase before the
        # comma says where it was said; the clause after the cue is what was said
        content_left = False
    elif not content_left and boundary is not None and boundary - ss >= 4 and view.lower[boundary] == "," \
            and view.lower[boundary - 1] not in QUOTES and not _fronted_adjunct(view, ss, boundary) \
            and _time_then_aside(view, ce, se, rl):
        # "Kazakhstan will pause air operations, the ministry said on Tuesday, a day after the
        # agreement": a time phrase and an aside after the cue, the clause before it
        content_left = True
    if (content_left and boundary == cs - 1 and right_rest > 0 and view.lower[boundary] == ","
            and boundary - 1 >= ss and view.lower[boundary - 1] not in QUOTES
            and not _source_like_right(view, ce, se, rl)):
        # "Trump joked about X, declined to affirm Y": nothing on either side is a source;
        # a second verb of the sentence's subject
        content_left = False
    if (boundary == cs - 1 and right_rest > 0 and boundary - 1 > ss and view.lower[boundary] == ","
            and view.lower[boundary - 1] not in QUOTES and not participle):
        if head_word in rl.inversion_verbs and _inverted_source(view, ce, se, rl) \
                and not _name_appositive(view, ss, boundary) and not _apposition_before(view, ss, boundary, rl):
            # "The talks collapsed from there, said one official in the room.": a speech verb
            # right after the comma with a bare noun phrase after it
            content_left = True
        elif content_left and (head_word not in rl.inversion_verbs or _clause_right(view, ce, se, rl)):
            # "Lee's lawyer, Ann Cole, said the case was weak", "Ann Lee, a senator, thanked
            # the mayor": only speech verbs invert, and what follows is a clause, not a source
            content_left = False
        elif content_left and _apposition_before(view, ss, boundary, rl) and not _inverted_source(view, ce, se, rl):
            # "..., Chris Lee, chief of the voting section, noted the "allegations ...": the comma
            # closes the name's apposition and no subject follows the verb
            content_left = False
    if content_left and boundary == cs - 2 and view.lower[boundary] == "," and len(view.lower[cs - 1]) > 4 \
            and view.lower[cs - 1].endswith("ing") and view.words[cs - 1].islower():
        # "..., taking aim at its budget", "..., casting doubt on": a participle and its noun
        # cue, not a source after a clause
        content_left = False
    if not content_left and boundary is not None and boundary == cs - 1 and boundary > ss \
            and view.lower[boundary] == "," and right_rest <= 6 and not _clause_right(view, ce, se, rl) \
            and _quote_before_name(view, ss, boundary):
        # '"...," Warren, who has not endorsed anyone, told reporters.': the quote is the content
        content_left = True
    if content_left:
        # source between boundary and cue, else right after the cue
        start = boundary + 1
        if view.lower[boundary] == "," and boundary == cs - 1 and view.lower[boundary - 1] not in QUOTES \
                and not _inverted_after(view, ce, se, head_word, rl):
            # '"...," Dana Ortiz, the party's campaign manager, said': the comma closes an
            # appositive; the content ends at the quote or comma before the name (not when a
            # name follows the verb: '"..." if she loses, said Ann Lee, an analyst')
            k = boundary - 1
            while k > ss and cs - k < 20 and (view.lower[k] not in QUOTES or _possessive_mark(view, k, ss)) \
                    and (view.lower[k] not in HARD_STOP or view.lower[k] == "-" and _inside_word(view, k, ss)):
                k -= 1  # (over the hyphen of "Mitch McConnell, R-Ky., said")
            if k > ss and view.lower[k] in QUOTES:
                boundary = k if view.lower[k - 1] != "," else k
                start = k + 1
        src = _trim(view, start, cs, {",", "and"} | QUOTES)
        if src[1] > src[0]:
            roles.source = [src]
            roles.order = "TSC"
        else:
            src = _source_right(view, ce, se)
            if src[1] > src[0]:
                src = _with_apposition(view, src, se, others)
            roles.source = [src] if src[1] > src[0] else []
            roles.order = "TCS"
        cont = _trim(view, ss, boundary + (1 if view.lower[boundary] in QUOTES else 0), {","})
        if view.lower[boundary] == "," and boundary > ss and view.lower[boundary - 1] in QUOTES:
            cont = (cont[0], boundary)
        roles.content = [cont] if cont[1] > cont[0] else []
        return roles

    roles.order = "SCT"
    if (cs == ss and ce < se and view.words[ce][:1].isupper() and not view.lower[cs].endswith("ing")
            and view.lower[ce] not in rl.subject_pronouns):
        # 'Said Comey, "The thought ..."': the cue opens the sentence, the source follows it
        src = _source_right(view, ce, se)
        roles.source = [src] if src[1] > src[0] else []
        start = src[1] if src[1] > src[0] else ce
        while start < se and view.lower[start] in rl.skip_after_cue:
            start += 1
        cont = _trim(view, start, _content_end(view, start, se), _NOTHING)
        roles.content = [cont] if cont[1] > cont[0] else []
        return roles
    # (the test before the call: a cue more than six words into a sentence that opens with
    # neither a connective nor a space is never in a fronted phrase)
    fronted = _fronted_subject(view, ss, cs, ce, se, rl) if (
        cs - ss <= 6 or view.lower[ss] in _LEAD_SKIP or view.space[ss]) and not after_comma else None
    if gerund and fronted is None and (after_comma or view.lower[pre - 1] in ("before", "after", "while", "by")):
        # "The mayor blamed the press, saying ...": the source is the clause's subject, the
        # nearest one before the comma ("..., when protesters interrupted her, shouting")
        src = (after_comma and _inner_subject(view, ss, pre - 1, rl)) or _sentence_subject(view, ss, cs)
        roles.participle = True
    elif fronted is not None:
        # "Despite challenging the leader, Cruz said ...", "Addressing the topic, the White
        # House urged ...", "After struggling to persuade voters ..., Lee said": the cue is
        # in a fronted phrase; its source is the main subject
        src = fronted
    elif cs - 1 > ss and view.lower[cs - 1] in _RELATIVIZERS:
        # "Ortiz, who said": the relative pronoun alone (PolNeAR marks the pronoun, not the
        # noun it stands for); "groups that favored her": annotators mark "that" or the noun
        # about as often, so the noun with "that"
        src = (cs - 1, cs) if view.lower[cs - 1] != "that" else _antecedent(view, ss, cs - 1, rl)
    else:
        src = _source_left(view, ss, cs, rl, others)
        if cs - 1 > ss and view.lower[cs - 1] == "," and _name_appositive(view, ss, cs - 1):
            # "President Obama, dedicating the museum on Saturday, said": the sentence opens
            # with the name; the source runs from it over the appositive
            subject = _sentence_subject(view, ss, cs)
            if subject[1] > subject[0]:
                src = _trim(view, subject[0], cs, _SOURCE_EDGE)
        elif pre - 2 > ss and view.lower[pre - 1] == "," and view.words[pre - 2][:1].islower() \
                and not _apposition_before(view, ss, pre - 1, rl):
            # "She urged the allies to act at once, proposed that more troops stay": a second
            # verb of the sentence's subject after a comma (a name before the comma would end
            # an apposition: "the last nominee, Mitt Romney, called")
            subject = _sentence_subject(view, ss, pre - 1)
            if subject[1] > subject[0]:
                src = subject
        elif src[1] <= src[0] and cs - ss > 1:
            # nothing between the cue and a clause word or comma: a second verb of the
            # sentence's subject ("Wilson praised Rubio and said ...", "He ... but did not
            # suggest ...")
            src = _conjunct_subject(view, ss, cs, rl) or _sentence_subject(view, ss, cs)
        elif src[0] - 1 > ss and src[0] - 1 in others and _object_of_cue(view, src, rl):
            # "Lee issued a statement condemning ...", "He avoided direct criticism of ...":
            # the words before the cue are the object of another cue's verb; its holder is
            # that verb's source
            src = assign(view, extend_cue(view, src[0] - 1, rl), rl, others).source
            src = src[0] if src else (0, 0)
        elif src[0] > ss and _verb_phrase(view, src, rl):
            # "..., but went on to say", "Lee, though, would have to identify", "Rubio railed
            # against Christie, taking aim at": the words before the cue are the verb phrase
            # it hangs on; the source is the subject before them
            finite = next((m for m in range(src[0], src[1]) if view.lower[m] in _FINITE_VERBISH), src[0])
            if finite > src[0]:
                src = _trim(view, src[0], finite, _SOURCE_EDGE)  # "companies are quick to point"
            else:
                subject = _conjunct_subject(view, ss, src[0], rl) or _sentence_subject(view, ss, src[0])
                if subject[1] > subject[0]:
                    src = subject
        elif src[1] - src[0] > 1:
            src = _without_verb_tail(view, _without_lead(view, src, head_word), rl)
    if agentless and passive:
        # "Ortiz is expected to win", "Lee was asked about the plan" (and not "voters are
        # worried", "she is convinced that ...")
        src = (0, 0)
    elif agentless and (ce - cs == 1 and (cs == ss or view.lower[cs - 1] in _BARE_PARTICIPLE_LEADS) or (
            head_word in rl.participle_only and not any(
                view.lower[k] in _PERFECT or view.lower[k].endswith(_PERFECT_CLITICS) for k in range(max(ss, cs - 1), ce - 1)))):
        # "Asked about the plan, Ortiz said ...", "When asked whether ...", "after being
        # asked": a bare passive participle with no agent names no source
        src = (0, 0)
    elif head_word in rl.hearsay_adverbs:
        # "the talks reportedly collapsed", "is widely seen as": an unnamed source
        src = (0, 0)
    elif head_word in rl.raising_verbs and not (
            ce + 1 < se and view.lower[ce] == "to" and view.lower[ce + 1] in rl.reporting_forms):
        # "Ortiz appears to have a lead", "the plan seems doomed": the writer's hedge, its
        # subject is what the content is about, not who holds it ("she seemed to suggest
        # ..." keeps hers: the verb after it is the real cue)
        src = (0, 0)
    elif ce - cs == 1 and (view.lower[cs - 1] in rl.target_verbs or view.lower[cs - 2] in rl.target_verbs
                           or view.lower[cs - 3] in rl.target_verbs) \
            and not head_word.endswith("ing") and _after_target_verb(view, ss, cs, rl):
        # (the three look-ups before the call may read before the sentence: it checks)
        # "Ortiz faced criticism from rivals", "the remarks sparked concerns", "despite
        # concerns that": the subject is the target; the holder follows "from/by/of" or is
        # not named
        src = _holder_after(view, ce, se, rl, others)
    if src[1] > src[0] and (src[1] - src[0] == 1 and view.lower[src[0]] == "there" or (
            src[1] - src[0] > 1 and _expletive(view, src, head_word, rl))):
        # "there were complaints that ...", "There are plenty of questions about", "it is
        # hard to know": an expletive names no one; the holder may follow ("there was no
        # mention of it from the senator", not "there is no definition of terrorism")
        src = _holder_after(view, ce, se, rl, others, _EXPLETIVE_AGENT_PREPS) if src[1] - src[0] > 1 else (0, 0)
    roles.source = [src] if src[1] > src[0] else []
    start = ce
    # "said on Thursday (Oct 15) that ...": the content starts after the complementiser
    lower = view.lower
    for k in range(ce, min(se, ce + 9)):
        w = lower[k]
        if w in _CONTENT_STOP or k in others:
            break
        if w == "that":
            start = k + 1
            break
    while start < se and view.lower[start] in rl.skip_after_cue:
        start += 1
    cont = _trim(view, start, _content_end(view, start, se), _NOTHING)
    roles.content = [cont] if cont[1] > cont[0] else []
    return roles


def _expletive(view: TokenView, src: tuple, head_word: str, rl: RoleLexicon) -> bool:
    """Is the phrase before the cue an expletive "it/there" with its verb and nothing that
    could hold the view after them ("it is hard to", "There are still plenty of", "It's
    unclear")? Not before a participle ("there is evidence suggesting", "It's denouncing"),
    a raising word ("it is unlikely to"), or a pronoun, name, possessive or wh-word ("it is
    certain he will", "it was Trump's", "it is remarkable how many")."""
    s, e = src
    lower, words = view.lower, view.words
    if lower[s] not in _EXPLETIVES or lower[s + 1] not in _EXPLETIVE_VERBS or head_word.endswith("ing"):
        return False
    if lower[e - 1] == "to" and e - 2 > s and lower[e - 2] in rl.control_words:
        return False
    return not any(words[k][:1].isupper() or lower[k] in rl.subject_pronouns or lower[k] in _POSSESSIVE_MARKS
                   or lower[k] in _WH_WORDS or lower[k] in rl.clause_words for k in range(s + 2, e))


_WH_WORDS = frozenset({"how", "what", "why", "whether", "who", "which", "where", "when", "anyone's", "anyone’s",
                       "some", "many", "most", "had"})


def _words_between(view: TokenView, s: int, e: int) -> int:
    return sum(1 for k in range(s, e) if view.words[k][:1].isalnum())


def _sentence_subject(view: TokenView, ss: int, limit: int) -> tuple:
    """The opening noun phrase of a sentence, by capitalisation: "Former Secretary of State
    Dana Ortiz", "The ministry", "He"."""
    lower = view.lower
    ss = _subject_start(view, ss, limit)
    k = ss
    while k < limit and (view.words[k][:1].isupper() or lower[k] in _NP_GLUE or (
            k > ss and lower[k - 1] == "-" and _inside_word(view, k - 1, ss))) and lower[k] != ",":
        k += 1  # (over "anti-Trump", "Oscar-winning": a hyphen inside a word)
    if k < limit and k == ss + 1 and lower[ss] in ("the", "a", "an"):
        k += 1  # "The candidate"
    if k == ss and ss < limit and lower[ss] in _PERSONAL_PRONOUNS:
        return ss, ss + 1  # "Then he cut into Bush, calling him ...": a pronoun subject
    if k == ss and ss < limit and view.words[ss].isalpha() and view.words[ss].islower() \
            and lower[ss] not in _FINITE_VERBISH and lower[ss] not in _PREPOSITIONS:
        # a lower-case noun phrase ("prosecutors charged ...", "some of his supporters
        # remain ...", "an angry army of workers had ..."): up to a verb-like word, at most
        # five words
        k = ss + 1
        while k < limit and k - ss < 5 and view.words[k].isalpha() and view.words[k].islower() \
                and lower[k] not in _FINITE_VERBISH and (lower[k] == "of" or lower[k] not in _PREPOSITIONS) \
                and not lower[k].endswith("ed"):
            k += 1
    s, e = _trim(view, ss, k, {"'s", "’s", "of", "the"} | _DASHES if k - ss > 1 else set())
    if s == ss + 1 and e > s and lower[ss] == "the":
        s = ss  # "The senator": the article belongs to the phrase (only a trailing one is cut)
    return s, e


def _subject_start(view: TokenView, ss: int, limit: int) -> int:
    """Where the subject starts: after an opening connective ("But the president ...") and
    after a fronted phrase that ends in a comma ("After the election, Axelrod ...")."""
    lower, space = view.lower, view.space
    k = ss  # (a dateline is a sentence of its own: eventwire_sentences)
    while k < limit and (lower[k] in _LEAD_SKIP or space[k]):
        k += 1
    if k + 2 < limit and lower[k] in _DEGREE_WORDS and lower[k + 2] == "," and lower[k + 1].endswith("ly"):
        k += 1  # "More recently, Rubio ...", "Most importantly, ..."
    if k + 1 < limit and lower[k + 1] == "," and (lower[k] in _ADVERB_OPENERS or lower[k].endswith("ly")):
        # "Therefore, Gulf sources believe ...", "Separately, the ministry said ..."
        k += 2
        while k < limit and (lower[k] in _LEAD_SKIP or space[k]):
            k += 1
    elif k + 1 < limit and lower[k].endswith("ly") and lower[k + 1] in _CLAUSE_OPENERS and view.words[k].istitle():
        k += 1  # "Shortly after the vote, the families ...": an adverb before the fronted phrase
    if k < limit and (lower[k] in _CLAUSE_OPENERS or _fronted_participle(view, k, limit)):
        j = k + 1
        while j < limit and lower[j] != ",":
            j += 1
        if j + 1 >= limit:
            # no comma before the cue: "On Thursday evening Ann Lee delivered ..." (a time
            # phrase and a capital after it), else nothing better than the sentence start
            m = k + 1
            while m < limit and lower[m] in _TIME_WORDS:
                m += 1
            if m > k + 1 and m < limit and lower[k] in _TIME_WORDS and view.words[m][:1].isupper():
                return m
            return ss
        # "At a campaign event in Ames, Iowa, on Sunday, Mrs. Clinton ...": the fronted
        # phrase goes on after a place name's comma when a preposition or time word follows
        while j + 3 < limit and view.words[j + 1][:1].isupper() and lower[j + 2] == "," and (
                lower[j + 3] in _PREPOSITIONS or lower[j + 3] in _TIME_WORDS):
            m = j + 3
            while m < limit and m - j < 8 and lower[m] != ",":
                m += 1
            if m + 1 >= limit or lower[m] != ",":
                break
            j = m
        k = j + 1
        while k < limit and (lower[k] in _LEAD_SKIP or lower[k] in QUOTES or space[k]):
            k += 1
    return k


_DASHES = frozenset({"-", "--", "—", "–", "―"})
_PERSONAL_PRONOUNS = frozenset({"he", "she", "they", "we", "i", "you"})
_DEGREE_WORDS = frozenset({"more", "most", "less", "least", "even", "only", "quite", "very"})
_ADVERB_OPENERS = frozenset({"outside", "inside", "afterward", "afterwards", "nearby", "elsewhere", "overseas",
                             "finally", "first", "besides", "otherwise", "likewise", "hence", "accordingly",
                             "regardless", "further", "furthermore", "additionally", "initially", "therefore", "thus", "however", "moreover", "meanwhile", "still", "yet", "now",
                             "then", "instead", "indeed", "separately", "overall", "again", "today",
                             "yesterday", "earlier", "later", "nevertheless", "nonetheless", "also"})


def _fronted_participle(view: TokenView, k: int, limit: int) -> bool:
    """A participle opening the sentence ("Speaking Sunday on ABC, Carson ...", "Asked on
    Monday whether ..., Clinton ..."): an -ing or -ed word followed by a lower-case word
    (a name like "Ted Cruz" is followed by a capital)."""
    w = view.lower[k]
    if len(w) < 5 or not (w.endswith("ing") or w.endswith("ed")) or k + 1 >= limit:
        return False
    nxt = view.words[k + 1]
    return nxt[:1].islower()


_PASSIVE_AUX = {"is", "are", "was", "were", "been", "be", "being"}
_PERFECT = frozenset({"has", "have", "had", "having"})
_PERFECT_CLITICS = ("'ve", "’ve", "'s", "’s", "'d", "’d")  # "we've seen", "she's shown"
# words before a bare passive participle opening a clause ("when asked", "after being asked")
_BARE_PARTICIPLE_LEADS = frozenset({"when", "if", "once", "unless", "until", "after", "before", "while",
                                    "being", "as", "than"})


def _passive_cue(lower: list, cs: int, ce: int) -> bool:
    """A form of "be" among the cue's auxiliaries: "is opposed", "has been endorsed", "also
    was backed" (the cue's extension over auxiliaries and adverbs puts "has" or "also" first)."""
    if ce - cs < 2:
        return False
    if lower[cs] in _PASSIVE_AUX:
        return True
    return any(lower[k] in _PASSIVE_AUX for k in range(cs + 1, ce - 1))


def _be_before(view: TokenView, cs: int, ss: int) -> bool:
    """A form of "be" before the cue with only adverbs in -ly between ("was ultimately
    approved", "is widely expected"): the cue's extension stops at such adverbs."""
    k = cs - 1
    while k > ss and view.lower[k].endswith("ly") and view.words[k].islower():
        k -= 1
    return k < cs - 1 and view.lower[k] in _PASSIVE_AUX


def _participle(word: str, rl: RoleLexicon) -> bool:
    """A past participle by its form: regular "-ed" and the irregular ones of the lexicon
    ("written", "seen", "made", "held")."""
    return word.endswith("ed") or word in rl.irregular_participles
# sentence openers that are not the subject: connectives, and words opening a fronted phrase
_LEAD_SKIP = frozenset({"but", "and", "so", "yet", "or", "still", "however", "meanwhile", "also", "even",
                        "then", "now", "instead", "indeed", ",", "--", "—"})
_TIME_WORDS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                         "today", "yesterday", "tonight", "earlier", "later", "last", "this", "next",
                         "week", "month", "year", "night", "morning", "afternoon", "evening", "on",
                         "ago", "past", "weeks", "months", "years", "days"})
_ADVERBS = frozenset({"now", "always", "not", "never", "still", "also", "even", "just", "only", "already",
                      "soon", "often", "once", "again", "too", "then", "both", "each", "jointly"})
_RELATIVIZERS = frozenset({"that", "who", "which"})
_WHO_WHICH = frozenset({"who", "which"})
_EXPLETIVES = frozenset({"it", "there"})
_EXPLETIVE_VERBS = frozenset({"is", "was", "are", "were", "'s", "’s", "will", "would", "may", "might", "has", "had",
                              "seems", "seemed", "remains", "remained"})
_CLAUSE_OPENERS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                             "today", "yesterday", "earlier", "later", "last", "this",
                             "after", "before", "as", "when", "while", "in", "during", "on", "at",
                             "since", "although", "though", "if", "because", "with", "for", "despite",
                             "once", "until", "by", "from", "following", "amid", "without", "unlike",
                             "beyond", "under", "within", "throughout", "across", "among", "against", "like",
                             "through", "over", "around", "near", "behind", "toward", "towards", "upon",
                             "regardless", "given", "thanks", "even", "unless", "whereas", "where"})
_NP_GLUE = {"of", "the", "'s", "’s", ".", "-"}


def _name_appositive(view: TokenView, ss: int, comma: int) -> bool:
    """Does the sentence open with "Name, title ...," (so the comma before the cue closes an
    appositive of the source rather than a quoted or reported clause)?"""
    first = ss
    while first < comma and view.lower[first] != ",":
        first += 1
    head = [view.lower[k] for k in range(ss, first) if view.words[k].strip()]
    if not head or len(head) > 10 or first >= comma:
        return False
    # a clause ("The plan is hardly new, ...") has an auxiliary or copula; a name
    # with its title ("Party leaders Dana Ortiz and Paul Reyes, ...") not
    return not any(w in QUOTES or w in _FINITE for w in head)


_FINITE = {"is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could",
           "do", "does", "did", "'s", "’s", "n't", "n’t", "'re", "’re", "am", "'m", "’m", "may",
           "might", "must", "should", "be", "been"}


def _fronted_adjunct(view: TokenView, ss: int, boundary: int) -> bool:
    """A short opening phrase with no verb ('In a statement,', 'On Tuesday,', 'After the talks,')."""
    lower = view.lower
    return lower[ss] in _FRONT_OPENERS and boundary - ss <= 6 and \
        not any(lower[k] in _FINITE for k in range(ss, boundary))


def _time_then_aside(view: TokenView, ce: int, se: int, rl: RoleLexicon) -> bool:
    """After the cue only a time phrase, then a comma and no clause ('said on Tuesday, a day
    after the agreement')."""
    lower = view.lower
    k = ce
    while k < se and lower[k] in _TIME_WORDS:
        k += 1
    return k > ce and k < se and lower[k] == "," and not _clause_right(view, k + 1, se, rl)


def _according(view: TokenView, roles: Roles, ss: int, se: int) -> Roles:
    cs, ce = roles.cue
    roles.order = "according_to"
    src = _source_right(view, ce, se)
    roles.source = [src] if src[1] > src[0] else []
    if cs - ss <= 1:
        # "According to X, CONTENT."
        start = src[1]
        while start < se and view.lower[start] in {",", "that"}:
            start += 1
        cont = _trim(view, start, _content_end(view, start, se), set())
    else:
        cont = _trim(view, ss, cs, {","})
    roles.content = [cont] if cont[1] > cont[0] else []
    return roles


_NOT_AN_OBJECT = frozenset({"that", "about", "by", "with", "over", "at", "to", ",", ".", ":", ";", "and", "or",
                            "but", "as", "for", "in", "on", "of"})
_NOUN_AGENT_PREPS = frozenset({"from", "by", "of", "among"})
_EXPLETIVE_AGENT_PREPS = frozenset({"from", "by", "among"})  # ("no definition of terrorism": a topic)
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "its", "their", "his",
                          "her", "our", "new", "growing", "strong", "broad", "sharp", "harsh", "widespread"})
_NP_OPENERS = frozenset({"the", "a", "an", "some", "many", "most", "all", "both", "several", "few",
                         "his", "her", "their", "its", "our", "other", "top", "about", "nearly",
                         "more", "one", "two", "three", "half", "voters", "people", "critics"})


def _active(view: TokenView, cs: int, ss: int) -> bool:
    """No form of "be" at or just before the cue ("is concerned about" has its experiencer
    as the subject)."""
    if view.lower[cs] in _PASSIVE_AUX:
        return False
    return not (cs - 1 >= ss and view.lower[cs - 1] in _PASSIVE_AUX)


def _noun_cue(view: TokenView, cs: int, ss: int) -> bool:
    """The cue is a noun after a determiner or an adjective of degree: "the backing",
    "sharp criticism" (and not a verb: "they heard from")."""
    return cs - 1 >= ss and view.lower[cs - 1] in _DETERMINERS


def _held_by_subject(view: TokenView, cs: int, ss: int) -> bool:
    """Is a noun cue's "of" phrase its target because the holder is named before it: a
    possessive ("his adulation of Putin", "the senator's criticism of") or a copula before
    the article ("Lee is the architect of the plan", "has been a supporter of")?"""
    lower = view.lower
    det = lower[cs - 1]
    return det in _POSSESSIVES or det == "her" or (cs - 2 >= ss and (
        lower[cs - 2] in _PASSIVE_AUX or lower[cs - 2] in _POSSESSIVE_MARKS))


def _np_start(view: TokenView, k: int) -> bool:
    w = view.words[k]
    return w[:1].isupper() or w[:1].isdigit() or view.lower[k] in _NP_OPENERS


def _np_right(view: TokenView, start: int, hi: int, rl: RoleLexicon, others=frozenset()) -> tuple:
    """The noun phrase from ``start``: up to a comma, quote, hard stop, clause word or the
    next cue ("the party's top figures, who ..." -> "the party's top figures")."""
    j = start
    lower = view.lower
    while j < hi:
        w = lower[j]
        if (w in QUOTES or w in HARD_STOP or w in SENT_FINAL or w == "," or j in others
                or (j > start and (w in rl.clause_words or w in _NP_END
                                   or w in _FINITE_VERBISH and view.words[j].islower()))):
            break  # (and at a verb: "praise from Lee's team isn't likely to help")
        j += 1
    return _trim(view, start, j, set())


# "As reported by ...", "When asked by ...", "Asked by ..." open a passive with the content after it
_PASSIVE_LEADS = frozenset({"as", "when", "if", "once", "unless", "until", "after", "before"})
_NP_END = frozenset({"who", "which", "to", "for", "because", "after", "before", "in", "on", "over", "whether", "why",
                     "how"})


def _passive_by(view: TokenView, cs: int, ce: int, se: int, rl: RoleLexicon, others) -> int | None:
    """The "by" of a passive cue's agent, or None: right after "is/are/was ... CUE", or a few
    words later ("are both seen as candidates ... by a quarter of voters"); after a bare
    participle only right after it ("Assad, opposed by the U.S."), and never a channel
    ("said by phone")."""
    lower = view.lower
    head = lower[ce - 1]
    if head.endswith("ing") or head in rl.experiencer_objects:
        # "was underlining a point made by ..." is active; "were angered by the deal": the
        # subject of a passive feeling verb holds the feeling, the "by" phrase is its cause
        return None
    aux = _passive_cue(lower, cs, ce) or (ce - cs == 1 and _be_before(view, cs, view.sent_start[cs]))
    if aux:
        limit = min(se, ce + 8)
    elif _participle(head, rl) and (cs == view.sent_start[cs] or lower[cs - 1] in _PASSIVE_LEADS or (
            lower[cs - 1] not in rl.subject_pronouns and not view.words[cs - 1][:1].isupper())):
        limit = min(se, ce + 1)
    else:
        return None
    for k in range(ce, limit):
        w = lower[k]
        if w == "by":
            # after "is/was ... CUE" any noun phrase but a channel or a gerund is the agent
            # ("has been endorsed by dozens of papers"); after a bare participle only one that
            # starts like a noun phrase
            if k + 1 < se and lower[k + 1] not in rl.by_means and (_np_start(view, k + 1) or (
                    aux and not lower[k + 1].endswith("ing") and lower[k + 1] not in _NOT_AN_OBJECT)):
                return k
            return None
        if w in QUOTES or w in HARD_STOP or w in SENT_FINAL or w == "," or k in others \
                or (w in rl.clause_words and w != "as"):  # "seen as leaders by ..."
            return None
    return None


def _apposition_before(view: TokenView, ss: int, comma: int, rl: RoleLexicon) -> bool:
    """Is the comma before the cue the end of a name's apposition ("Brendan Buck, a
    spokesman for Ryan, told ...")? The phrase back to the comma before it is short, has
    no verb-like word and no quote, and the phrase before that one starts with a capital."""
    k = comma - 1
    lower, words = view.lower, view.words
    n = 0
    while k >= ss and lower[k] != ",":
        w = lower[k]
        if w in QUOTES or w in HARD_STOP or w in SENT_FINAL or w in rl.clause_words or w in _FINITE_VERBISH:
            return False
        n += 1
        k -= 1
    if n == 0 or n > 9 or k < ss:
        return False
    # the phrase before the first comma: a name (capitalised) ends it
    return words[k - 1][:1].isupper() if k - 1 >= ss else False


_FINITE_VERBISH = frozenset(_FINITE - {"'s", "’s"})


def _source_like_right(view: TokenView, ce: int, se: int, rl: RoleLexicon) -> bool:
    """Does a source follow the cue ("said Dana Ortiz, a senator")? A capitalised word or a
    determiner opens a short phrase without "that" before the next comma or the end."""
    if ce >= se:
        return False
    first = view.words[ce]
    if not (first[:1].isupper() or view.lower[ce] in _DETERMINERS or view.lower[ce] in rl.subject_pronouns):
        return False
    j = ce
    while j < se and view.lower[j] not in (",", ".", ";", ":") and view.lower[j] not in QUOTES:
        if view.lower[j] == "that" or j - ce > 8:
            return False
        j += 1
    return True


def _inverted_source(view: TokenView, ce: int, se: int, rl: RoleLexicon) -> bool:
    """Is what follows the cue a source of quotative inversion ("said one official in the
    room", "says Ann Lee, a senator")? A noun phrase up to a comma or the end, opening like
    one, with no "that" and no finite verb; a pronoun only on its own ("..., said he.")."""
    lower, words = view.lower, view.words
    if ce >= se:
        return False
    first = lower[ce]
    if first in rl.subject_pronouns:
        return ce + 1 >= se or lower[ce + 1] in (",", ".") or lower[ce + 1] in QUOTES
    if first in ("that", "this") or not (words[ce][:1].isupper() or words[ce][:1].isdigit()
                                         or first in _DETERMINERS or first in _NP_OPENERS):
        return False
    j = ce
    while j < se:
        w = lower[j]
        if w == "that" or w in _FINITE_VERBISH or j - ce > 12 or w in QUOTES or w in HARD_STOP:
            return False
        if w == "," or w in SENT_FINAL or w in _RELATIVIZERS:
            return True
        j += 1
    return True


def _inverted_after(view: TokenView, ce: int, se: int, head_word: str, rl: RoleLexicon) -> bool:
    """A speech verb with its subject after it ("..., said Ann Lee, an analyst"), and not a
    time word ("..., Ann Lee said Tuesday")."""
    return head_word in rl.inversion_verbs and ce < se and view.lower[ce] not in _TIME_WORDS \
        and head_word not in rl.addressee_verbs and _inverted_source(view, ce, se, rl)


def _clause_right(view: TokenView, ce: int, se: int, rl: RoleLexicon) -> bool:
    """A finite verb or "that" after the cue before the next comma or clause word: "said the
    case was weak" holds a clause, "said Ann Lee, a senator" does not."""
    lower = view.lower
    for j in range(ce, min(se, ce + 12)):
        w = lower[j]
        if w == "," or w in QUOTES or w in HARD_STOP or (w in rl.clause_words and w != "that"):
            return False
        if w == "that" or w in _FINITE_VERBISH:
            return True
    return False


_PREPOSITIONS = frozenset({"in", "on", "at", "for", "with", "from", "by", "to", "of", "into", "over",
                           "about", "against", "among", "between", "under", "like"})
_FRONT_OPENERS = frozenset({"in", "after", "before", "while", "despite", "by", "to", "having", "when",
                            "upon", "on", "without", "since", "for"})


def _over_parenthetical(view: TokenView, lo: int, j: int) -> int:
    """``j`` moved left over a short parenthetical that follows a capitalised word
    ("Sen. Ann Lee (D-Ohio)"), else ``j`` itself."""
    if j - 1 <= lo or view.lower[j - 1] != ")":
        return j
    k = j - 2
    while k > lo and j - k <= 8 and view.lower[k] != "(":
        k -= 1
    if view.lower[k] == "(" and k - 1 >= lo and view.words[k - 1][:1].isupper():
        return k
    return j


def _antecedent(view: TokenView, ss: int, rel: int, rl: RoleLexicon) -> tuple:
    """The relative pronoun at ``rel`` with up to five words of the noun phrase before it
    (and the comma of "Ortiz, who")."""
    lower = view.lower
    j = rel
    if j - 1 >= ss and lower[j - 1] == "," and lower[rel] != "that":
        j -= 1
    start = j
    while j > ss and start - j < 5:
        w = lower[j - 1]
        if w in _LEFT_STOP or w == "," or w in rl.clause_words or w in _PREPOSITIONS or view.space[j - 1]:
            break
        j -= 1
    return _trim(view, j, rel + 1, _SOURCE_EDGE - {","})


def _fronted_subject(view: TokenView, ss: int, cs: int, ce: int, se: int, rl: RoleLexicon):
    """The main clause's subject when the cue sits in a phrase fronted before it, with no
    subject of its own: the cue opens the sentence as a participle ("Claiming ..., Trump
    told ..."), or follows an opener and at most two determiners ("Despite challenging ...,",
    "In an effort to clarify ..., Clinton ..."). None otherwise."""
    lower, words = view.lower, view.words
    k = ss
    while k < cs and (lower[k] in _LEAD_SKIP or view.space[k]):
        k += 1
    if k == cs:
        if not (lower[cs].endswith("ing") or lower[cs].endswith("ed")):
            return None
    else:
        # "Eight years after backing Obama, Cuban ...": a span of time before the opener
        m = k
        while m < cs - 1 and m - k < 5 and (lower[m] in _TIME_SPAN or lower[m][:1].isdigit()):
            m += 1
        if m > k and lower[m] in _SUBORDINATORS:
            k = m
        # a gerund after the opener (or opening the sentence) has no subject of its own:
        # "After casting doubt on ...", "Rattling off promises to ...", and an infinitive
        # after a short phrase neither: "In an effort to clarify ..."
        gerund = _gerund(view, k + 1) if lower[k] in _FRONT_OPENERS else _gerund(view, k)
        if not (lower[k] in _FRONT_OPENERS or gerund) \
                or cs - k > (5 if gerund or lower[cs - 1] == "to" else 3):
            return None
        if any(words[m][:1].isupper() or lower[m] == "," or lower[m] in _POSSESSIVE_MARKS for m in range(k + 1, cs)):
            return None  # ("Pointing to the report's conclusions": the report holds them)
        if lower[k] in _SUBORDINATORS and cs > k + 1 and not gerund:
            return None  # "While critics argue that ...": the words between are the subject
    comma = None
    for m in range(ce, se):
        w = lower[m]
        if w == ",":
            comma = m
            break
        if w in QUOTES or w in HARD_STOP or w in SENT_FINAL:
            return None
    if comma is None or comma + 1 >= se:
        return None
    subj = _sentence_subject(view, comma + 1, se)
    if subj[1] <= subj[0]:
        start = comma + 1
        subj = _trim(view, start, min(se, start + 4), {","})
    return subj if subj[1] > subj[0] else None


def _without_lead(view: TokenView, src: tuple, head_word: str) -> tuple:
    """The source without an object relative pronoun before its subject ("the deal, which
    Apple's chief executive said", "a campaign in which the nominee vowed") or a preposition
    before the subject of a participle ("with experts saying", "including two senators
    warning")."""
    s, e = src
    lower, words = view.lower, view.words
    k = s + 1 if lower[s] in _PREPOSITIONS or lower[s] == "including" else s
    if k < e - 1 and lower[k] in _OBJECT_RELATIVES and (words[k + 1][:1].isupper() or lower[k + 1] in _DETERMINERS):
        return (k + 1, e)
    if k == s + 1 and lower[s] in _PARTICIPLE_SUBJECT_LEADS and head_word.endswith("ing") and k < e and (
            words[k][:1].isupper() or lower[k] in _NP_OPENERS or words[k].islower() and lower[k].endswith("s")):
        return (k, e)
    return src


_OBJECT_RELATIVES = frozenset({"which", "whom", "that"})
_PARTICIPLE_SUBJECT_LEADS = frozenset({"with", "including"})


def _without_verb_tail(view: TokenView, src: tuple, rl: RoleLexicon) -> tuple:
    """The subject without the verb words between it and the cue ("Caddell went on to say",
    "companies were quick to point", "Cruz has long argued", "He’s denouncing"): a verb taking
    an infinitive before "to" (with its auxiliaries), or up to three lower-case words opening
    with an auxiliary or a contraction and holding no object (no determiner, possessive or
    name: "He will need their support with polls showing" keeps its object)."""
    s, e = src
    lower, words = view.lower, view.words
    if lower[s] in _EXPLETIVES:
        return src  # ("It's unclear": no source at all, found later)
    if lower[e - 1] in _ARTICLES or (lower[e - 1] in _POSSESSIVES and e - 2 > s and words[e - 2].islower()
                                     and lower[e - 2] not in _PREPOSITIONS and lower[e - 2] not in rl.clause_words):
        # a noun cue's article ends the phrase: "Lee is the (architect of)", "Lee made a
        # (commitment)", and a possessive after a verb: "Bush pinned his (hopes on)": the
        # subject before the verb (after a preposition or a clause word the possessor holds
        # it: "whatever his (disagreements with)")
        while s + 1 < e and (lower[s] in _LEAD_SKIP or lower[s] in _ADVERB_OPENERS) and words[s + 1][:1].isupper():
            s += 1
        k = next((m for m in range(s + 1, e) if lower[m] in _FINITE_VERBISH or (
            lower[m] in _CONTRACTIONS and lower[m - 1] in _PERSONAL_PRONOUNS)), e)
        if k == e and lower[e - 1] in _POSSESSIVES and lower[s] not in _SUBJECT_DETERMINERS:
            # ("Bush pinned his (hopes on)": the verb after the name)
            k = next((m for m in range(s + 1, e) if words[m].islower() and words[m - 1][:1].isupper()), e)
        if k < e and (words[s][:1].isupper() or lower[s] in _PERSONAL_PRONOUNS) and (
                lower[e - 1] in _ARTICLES or e - k <= 3):  # (not "... using X to renew its")
            return _trim(view, s, k, _SOURCE_EDGE)
        return src
    if lower[e - 1] == "to":
        k = e - 1
        while k - 1 > s and (lower[k - 1] in rl.control_words or lower[k - 1] in _FINITE_VERBISH
                             or lower[k - 1] in _ADVERBS or _adverb_at(view, k - 1, _LONG)):
            k -= 1
        if k < e - 1 and any(lower[m] in rl.control_words for m in range(k, e - 1)):
            return _trim(view, s, k, _SOURCE_EDGE)
        v = e - 2  # "Lee interjected to say": a verb with no object before "to"
        if v > s and words[v].islower() and len(lower[v]) > 4 and lower[v].endswith(("ed", "ing")) \
                and lower[v] not in rl.object_control_verbs and not words[v - 1].islower():
            return _trim(view, s, v, _SOURCE_EDGE)
        return src
    k = next((m for m in range(s + 1, e) if lower[m] in _FINITE_VERBISH or lower[m] in _CONTRACTIONS), e)
    if k >= e or e - k > 3 or (lower[k] in _CONTRACTIONS and lower[k - 1] not in _PERSONAL_PRONOUNS) \
            or lower[s] in rl.clause_words or lower[s] == "nor" or lower[k + 1] == "-":
        return src  # ("Twitter's": a possessive; "nor did he"; "would-be")
    if any(not words[m][:1].islower() and lower[m] not in _CONTRACTIONS or lower[m] in _SUBJECT_DETERMINERS
           or lower[m] in _POSSESSIVE_MARKS for m in range(k + 1, e)):
        return src
    return _trim(view, s, k, _SOURCE_EDGE)


_LONG = frozenset({"long"})
_ARTICLES = frozenset({"a", "an", "the"})
_CONTRACTIONS = frozenset({"'s", "’s", "'ve", "’ve", "'re", "’re", "'d", "’d", "'ll", "’ll", "'m", "’m"})


def _gerund(view: TokenView, k: int) -> bool:
    """A word in -ing of more than four letters, not a name ("Casting", "struggling")."""
    w = view.lower[k]
    return len(w) > 4 and w.endswith("ing") and view.words[k][1:].islower()


def _verb_phrase(view: TokenView, src: tuple, rl: RoleLexicon) -> bool:
    """Is the phrase found left of the cue a verb phrase rather than a noun phrase: lower-case
    words ending in "to"/"of" ("went on to", "would have to", "stopped short of"), or opening
    with a participle ("taking", "having"), or a past tense alone or before a determiner
    ("stopped", "issued a")?"""
    s, e = src
    lower, words = view.lower, view.words
    first = lower[s]
    if not (lower[e - 1] in ("to", "of") or first.endswith(("ing", "ed"))):
        return False
    if any(not words[k][:1].islower() or lower[k] in rl.subject_pronouns or lower[k] in _RELATIVIZERS
           or lower[k] in _POSSESSIVES for k in range(s, e)):
        return False
    if lower[e - 1] in ("to", "of"):
        # "to" alone or after a word that takes an infinitive with its own subject ("have
        # to", "went on to", "is quick to"); after an object the object is the source
        # ("prompting voters to reconsider", "led her to declare")
        # or after a verb that does not hand its object the infinitive ("interjected to
        # say", "attempting to portray", "have descended this week to express")
        return e - s == 1 or lower[e - 2] in rl.control_words or (
            lower[e - 1] == "to" and (first.endswith(("ing", "ed")) and len(first) > 4 or first in _FINITE_VERBISH)
            and first not in rl.object_control_verbs)
    if first.endswith("ing") and len(first) > 4 or first.endswith("ed"):
        # "taking aim at", "having suggested", "stopped confirming", "issued a statement
        # saying" (and not "including one", "leaving many to wonder": the object holds it)
        return e - s == 1 or lower[s + 1] in _VP_OBJECT_OPENERS
    return False


def _object_of_cue(view: TokenView, src: tuple, rl: RoleLexicon) -> bool:
    """Is the phrase found left of the cue the object of the verb before it ("issued a
    statement", "made no mention", "released statements")? Lower-case words, no pronoun,
    not ending in "to"/"of" (whose object may hold the infinitive: "urged voters to act"),
    after a lower-case word that is no preposition."""
    s, e = src
    lower, words = view.lower, view.words
    verb = lower[s - 1]
    if not words[s - 1].islower() or verb in _PREPOSITIONS or verb in rl.clause_words or lower[e - 1] in ("to", "of"):
        return False
    return all(words[k].islower() and lower[k] not in rl.subject_pronouns and lower[k] not in _RELATIVIZERS
               and lower[k] not in _POSSESSIVES for k in range(s, e))


def _after_target_verb(view: TokenView, ss: int, cs: int, rl: RoleLexicon) -> bool:
    """Is the cue a noun right after one of ``rl.target_verbs``, perhaps with an article or
    one lower-case adjective between ("faced sharp criticism", "face the criticism")?"""
    lower, words = view.lower, view.words
    k = cs - 1
    while k > ss and cs - k <= 2 and lower[k] not in rl.target_verbs and words[k][:1].islower() \
            and words[k].isalpha() and lower[k] not in rl.clause_words and lower[k] != "to":
        k -= 1
    return k >= ss and lower[k] in rl.target_verbs


def _holder_after(view: TokenView, ce: int, se: int, rl: RoleLexicon, others, preps=None) -> tuple:
    """The noun phrase after "from/by/of/among" (or ``preps``) within six words after a noun
    cue ("criticism for the move from two senators"), else none."""
    lower = view.lower
    preps = preps or _NOUN_AGENT_PREPS
    for k in range(ce, min(se - 1, ce + 6)):
        w = lower[k]
        if w in preps:
            if view.words[k + 1][:1].isalnum() and lower[k + 1] not in _NOT_AN_OBJECT:
                return _np_right(view, k + 1, se, rl, others)
            return (0, 0)
        if w == "," or w in QUOTES or w in HARD_STOP or w in rl.clause_words or k in others:
            break
    return (0, 0)


_VP_OBJECT_OPENERS = frozenset({"a", "an", "the", "his", "her", "their", "its", "it", "on", "to", "off", "up",
                                "out"})
_TIME_SPAN = frozenset({"a", "an", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                        "eleven", "twelve", "few", "several", "nearly", "almost", "about", "just", "only",
                        "more", "than", "less", "some", "hours", "days", "weeks", "months", "years",
                        "decades", "hour", "day", "week", "month", "year", "decade", "minutes", "moments"})
_TIME_UNITS = frozenset({"hours", "days", "weeks", "months", "years", "decades", "hour", "day", "week", "month",
                         "year", "decade", "minutes"})
_COORD = frozenset({"and", "but", "or"})
_POSSESSIVES = frozenset({"his", "their", "its", "our", "my", "your"})  # ("her" is also an object)
# words before "his/their NOUN" that make the possessor the holder: prepositions, "despite"
_POSSESSOR_LEADS = frozenset({"in", "of", "for", "with", "despite", "amid", "after", "before", "during",
                              "among", "about", "on", "and", ",", "by", "to", "from", "under", "since", ";"})


_SUBORDINATORS = frozenset({"while", "when", "after", "before", "since", "as", "if", "because", "although",
                            "though", "once", "until", "unless", "whereas"})


def _conjunct_subject(view: TokenView, ss: int, cs: int, rl: RoleLexicon):
    """For a cue after "and/but/or": a subject pronoun opening the clause of the first
    conjunct ("Lee started the row when he raised X and later said ...": "he"), found by
    walking left from the conjunction to a clause word; None when there is none."""
    lower = view.lower
    k = cs - 1
    while k > ss and lower[k] not in _COORD:
        k -= 1
        if cs - k > 4:
            return None
    if lower[k] not in _COORD:
        return None
    j = k - 1
    words = view.words
    while j > ss and cs - j < 25:
        w = lower[j]
        if w in rl.subject_pronouns and w != "it" and w != "there" and (
                lower[j - 1] in rl.clause_words or lower[j - 1] in _RELATIVIZERS or lower[j - 1] == ","):
            return (j, j + 1)
        if w in _WHO_WHICH and "," not in lower[j:k]:
            # "Lee, who came out and endorsed ...": the relative pronoun (not "Lee, who
            # advises Ross, is no fan but lauded ...": the relative clause ended at its comma)
            return (j, j + 1)
        if (lower[j - 1] in _INNER_CLAUSE_OPENERS or (lower[j - 1] in _COORD and lower[j - 2] == ",")) and (
                words[j][:1].isupper() or w in _SUBJECT_DETERMINERS) and not (
                lower[j - 1] in _PREPOSITION_OPENERS and "," in lower[j:k]):
            # (not "After the vote, Lee praised X and said": a preposition's phrase then a comma)
            # "... when House Speaker Ann Lee lamented X and criticized Y", "while Mike Reyes,
            # the former governor, proposed X and said ...": the inner clause's subject
            subj = _sentence_subject(view, j, k)
            if subj[1] > subj[0]:
                return subj
        if (w in QUOTES or w in HARD_STOP or w in SENT_FINAL) and not (w == "-" and _inside_word(view, j, ss)):
            return None
        j -= 1
    return None


def _inner_subject(view: TokenView, ss: int, comma: int, rl: RoleLexicon):
    """The subject of a clause opened by "when/while/where/but ..." or ", and" between the
    sentence start and the participle's comma ("It was late, and she grew upset, shouting
    ..."): a capitalised phrase, a determiner's or a personal pronoun after the opener, with
    no comma between it and the participle's comma; None when there is none."""
    lower, words = view.lower, view.words
    j = comma - 1
    while j > ss + 1 and comma - j < 25:
        w = lower[j]
        if w == "," or w in QUOTES or w in HARD_STOP or w in SENT_FINAL:
            return None
        prev = lower[j - 1]
        if (prev in _INNER_CLAUSE_OPENERS and prev not in _PREPOSITION_OPENERS
                or prev == "and" and lower[j - 2] == ",") and (
                words[j][:1].isupper() or w in _SUBJECT_DETERMINERS or w in _PERSONAL_PRONOUNS):
            subj = _sentence_subject(view, j, comma)
            return subj if subj[1] > subj[0] else None
        j -= 1
    return None


# clause words whose clause has its own subject ("when", "while", "but" ...), for a
# second verb inside it
_INNER_CLAUSE_OPENERS = frozenset({"when", "while", "but", "after", "before", "where", "because", "although",
                                   "though", "since", "yet", "whereas", "once", "until", "unless"})
_PREPOSITION_OPENERS = frozenset({"after", "before", "since", "until", "once"})
_SUBJECT_DETERMINERS = frozenset({"the", "a", "an", "some", "many", "most", "about", "his", "her", "their", "its",
                                  "several", "both", "all"})
