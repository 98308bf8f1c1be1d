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

from .attribution_features import TokenView

SENT_FINAL = {".", "!", "?", "…"}
QUOTES = {'"', "“", "”", "‘", "’", "'", "«", "»", "``", "''"}
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


def _trim(view: TokenView, s: int, e: int, drop: set) -> tuple:
    space, lower = view.space, view.lower
    while s < e and (space[s] or lower[s] in drop):
        s += 1
    while e > s and (space[e - 1] or lower[e - 1] in drop):
        e -= 1
    return s, e


def _sentence_bounds(view: TokenView, i: int) -> tuple:
    s, e = view.sent_start[i], view.sent_end[i]
    return _trim(view, s, e, _NOTHING)


def _content_end(view: TokenView, s: int, e: int) -> int:
    """Content excludes the sentence's final full stop unless it sits inside a quote."""
    end = e
    while end > s and (view.space[end - 1] or view.lower[end - 1] in SENT_FINAL):
        end -= 1
    return end


def _source_left(view: TokenView, lo: int, cs: int, rl: RoleLexicon, others=frozenset()) -> tuple:
    """The noun phrase just before the cue: back to a comma, quote or clause word."""
    j = cs
    lower, space, clause_words = view.lower, view.space, rl.clause_words
    # "Paul Reyes, chief executive of Northwind, said": a comma right before the cue
    # closes an appositive, so the source reaches back over it to the name
    commas = 2 if cs - 1 > lo and lower[cs - 1] == "," else 0
    while j > lo:
        w = lower[j - 1]
        if w in _LEFT_STOP or space[j - 1]:
            break
        if w == "," and j - 1 > lo:
            if commas == 0:
                break
            commas -= 1
        if w in clause_words or j - 1 in others:
            break
        j -= 1
    return _trim(view, j, cs, _SOURCE_EDGE)


def _source_right(view: TokenView, ce: int, hi: int) -> tuple:
    j = ce
    while j < hi:
        w = view.lower[j]
        if w in QUOTES or w in HARD_STOP or w in SENT_FINAL or w == ",":
            break
        j += 1
    return _trim(view, ce, j, set())


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
    cs, ce = cue
    ss, se = _sentence_bounds(view, cs)
    head_word = view.lower[ce - 1] if view.lower[ce - 1] != "to" else view.lower[cs]
    roles = Roles(cue=cue)

    if head_word in rl.according or view.lower[cs] in rl.according:
        return _according(view, roles, ss, se)

    if view.lower[cs] in (":", "—", "―", "–") and ce - cs == 1:
        # headline "Merkel: ..." or "SOURCE — CONTENT": source is the line up to the mark
        src = _source_left(view, ss, cs, rl)
        roles.source = [src] if src[1] > src[0] else []
        cont = _trim(view, ce, _content_end(view, ce, se), set())
        roles.content = [cont] if cont[1] > cont[0] else []
        roles.order = "colon"
        return roles

    if view.lower[cs] in _PASSIVE_AUX and ce - cs >= 2 and ce < se and view.lower[ce] == "by":
        # "The plan is opposed by most governors": content is the subject,
        # source the agent after "by"
        src = _source_right(view, ce + 1, se)
        roles.source = [src] if src[1] > src[0] else []
        cont = _source_left(view, ss, cs, rl, others)
        roles.content = [cont] if cont[1] > cont[0] else []
        roles.order = "passive"
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
    after_comma = cs - 1 >= ss and (view.lower[cs - 1] == "," or (
        cs - 2 >= ss and view.lower[cs - 1] in QUOTES and view.lower[cs - 2] == ","))
    participle = view.lower[cs].endswith("ing") and after_comma
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
        elif right_rest <= 5 and cs - boundary <= 7 and not _name_appositive(view, ss, boundary):
            content_left = True  # "..., he told reporters on Tuesday."
        elif boundary == cs - 1 and not _name_appositive(view, ss, boundary):
            content_left = True  # "..., said Dana Ortiz, a senator ..."
    if content_left:
        # source between boundary and cue, else right after the cue
        start = boundary + 1
        if view.lower[boundary] == "," and boundary == cs - 1 and view.lower[boundary - 1] not in QUOTES:
            # '"...," Dana Ortiz, the party's campaign manager, said': the comma closes an
            # appositive; the content ends at the quote or comma before the name
            k = boundary - 1
            while k > ss and cs - k < 20 and view.lower[k] not in QUOTES and view.lower[k] not in HARD_STOP:
                k -= 1
            if k > ss and view.lower[k] in QUOTES:
                boundary = k if view.lower[k - 1] != "," else k
                start = k + 1
        src = _trim(view, start, cs, {",", "and"} | QUOTES)
        if src[1] > src[0]:
            roles.source = [src]
            roles.order = "TSC"
        else:
            src = _source_right(view, ce, se)
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
    if view.lower[cs].endswith("ing") and (after_comma or view.lower[cs - 1] in ("before", "after", "while", "by")):
        # "The mayor blamed the press, saying ...": the source is the clause's subject
        src = _sentence_subject(view, ss, cs)
        roles.participle = True
    else:
        src = _source_left(view, ss, cs, rl, others)
        if cs - 1 > ss and view.lower[cs - 1] == "," and _name_appositive(view, ss, cs - 1):
            # "President Obama, dedicating the museum on Saturday, said": the sentence opens
            # with the name; the source runs from it over the appositive
            subject = _sentence_subject(view, ss, cs)
            if subject[1] > subject[0]:
                src = _trim(view, subject[0], cs, _SOURCE_EDGE)
        elif src[1] <= src[0] and cs - ss > 1:
            # nothing between the cue and a clause word or comma: a second verb of the
            # sentence's subject ("Wilson praised Rubio and said ...", "He ... but did not
            # suggest ...")
            src = _sentence_subject(view, ss, cs)
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


def _words_between(view: TokenView, s: int, e: int) -> int:
    return sum(1 for k in range(s, e) if view.words[k][:1].isalnum())


def _sentence_subject(view: TokenView, ss: int, limit: int) -> tuple:
    """The opening noun phrase of a sentence, by capitalisation: "Former Secretary of State
    Dana Ortiz", "The ministry", "He"."""
    lower = view.lower
    ss = _subject_start(view, ss, limit)
    k = ss
    while k < limit and (view.words[k][:1].isupper() or lower[k] in _NP_GLUE) and lower[k] != ",":
        k += 1
    if k < limit and k == ss + 1 and lower[ss] in ("the", "a", "an"):
        k += 1  # "The candidate"
    return _trim(view, ss, k, {"'s", "’s", "of", "the"} if k - ss > 1 else set())


def _subject_start(view: TokenView, ss: int, limit: int) -> int:
    """Where the subject starts: after an opening connective ("But the president ...") and
    after a fronted phrase that ends in a comma ("After the election, Axelrod ...")."""
    lower, space = view.lower, view.space
    k = ss
    while k < limit and (lower[k] in _LEAD_SKIP or space[k]):
        k += 1
    if k < limit and lower[k] in _CLAUSE_OPENERS:
        j = k + 1
        while j < limit and lower[j] != ",":
            j += 1
        if j + 1 >= limit:
            return ss  # no comma before the cue: nothing better than the sentence start
        k = j + 1
        while k < limit and (lower[k] in _LEAD_SKIP or space[k]):
            k += 1
    return k


_PASSIVE_AUX = {"is", "are", "was", "were", "been", "be", "being"}
# sentence openers that are not the subject: connectives, and words opening a fronted phrase
_LEAD_SKIP = frozenset({"but", "and", "so", "yet", "or", "still", "however", "meanwhile", "also",
                        "then", "now", "instead", "indeed", ",", "--", "—"})
_CLAUSE_OPENERS = frozenset({"after", "before", "as", "when", "while", "in", "during", "on", "at",
                             "since", "although", "though", "if", "because", "with", "for", "despite",
                             "once", "until", "by", "from", "following", "amid", "without", "unlike"})
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
