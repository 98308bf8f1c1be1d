"""Role rules of the fourth pass (attribution_roles.assign) on hand-written sentences, with
the cue head given, so that they test the word-order rules whatever the cue model predicts."""
from __future__ import annotations

import pytest

from eventwire.extract import attribution_features as F
from eventwire.extract.attribution import role_lexicon
from eventwire.extract.attribution_roles import assign, extend_cue
from eventwire.ingest import enrich
from eventwire.models import Article
from eventwire.nlp.pipeline import build_pipeline, make_doc


@pytest.fixture(scope="module")
def roles_of():
    nlp = build_pipeline(["eventwire_sentences"])
    lex, rl = F.lexicon(), role_lexicon()

    def run(text: str, head_word: str, nth: int = 0, other_heads: tuple = ()) -> dict:
        # read as an article is (its dateline found at ingest is a sentence of its own);
        # ``other_heads``: words that are the document's other cue heads
        view = F.view_from_doc(nlp(make_doc(nlp, enrich(Article(id="t", text=text)))), lex)
        head = [i for i, w in enumerate(view.words) if w == head_word][nth]
        others = {head} | {i for i, w in enumerate(view.words) if w in other_heads}
        roles = assign(view, extend_cue(view, head, rl), rl, frozenset(others))
        join = lambda spans: [" ".join(view.words[s:e]) for s, e in spans]  # noqa: E731
        return {"source": join(roles.source), "content": join(roles.content), "order": roles.order}

    return run


def test_fronted_phrase_after_opener_takes_the_main_subject(roles_of):
    r = roles_of("After struggling to convince the council that the bridge was safe, Mayor Dana Ortiz "
                 "closed it.", "struggling")
    assert r["source"] == ["Mayor Dana Ortiz"]


def test_span_of_time_before_the_opener(roles_of):
    r = roles_of("Two years after backing the governor, the union is weighing a new candidate.", "backing")
    assert r["source"] == ["the union"]


def test_participle_after_a_comma_keeps_the_clause_subject(roles_of):
    r = roles_of("The mayor blamed the press, saying it had twisted her words.", "saying")
    assert r["source"] == ["The mayor"]


def test_dateline_is_not_the_subject(roles_of):
    r = roles_of("DENVER (AP) – Governor Ann Lee toured the plant on Monday, praising its workers.", "praising")
    assert r["source"] == ["Governor Ann Lee"]
    r = roles_of("SPRINGFIELD - The council met on Friday and said the budget was final.", "said")
    assert r["source"] == ["The council"]


def test_fronted_phrase_with_a_place_and_a_time(roles_of):
    r = roles_of("At a rally in Dayton, Ohio, on Sunday, Senator Paul Reyes spoke for an hour, "
                 "warning that the plant would close.", "warning")
    assert r["source"] == ["Senator Paul Reyes"]


def test_time_phrase_without_a_comma(roles_of):
    r = roles_of("On Tuesday evening Ann Lee gave her first speech, promising lower taxes.", "promising")
    assert r["source"] == ["Ann Lee"]


def test_prepositional_opener_before_a_second_verb(roles_of):
    r = roles_of("Beyond the photographs, the report cited two witnesses and said the fire was set.", "said")
    assert r["source"] == ["the report"]


def test_feeling_verbs_take_their_object(roles_of):
    r = roles_of("The speech startled several party elders.", "startled")
    assert r["source"] == ["several party elders"]
    assert r["content"] == ["The speech"]
    r = roles_of("It amazes me that the road is still closed.", "amazes")
    assert r["source"] == ["me"]


def test_expletive_there_is_no_source(roles_of):
    r = roles_of("Still, there were complaints that the vote was rushed.", "complaints")
    assert r["source"] == []
    assert r["content"] == ["the vote was rushed"]


def test_verb_phrase_before_the_cue_is_not_the_source(roles_of):
    r = roles_of("The mayor denied the report, but went on to say that the bridge was unsafe.", "say")
    assert r["source"] == ["The mayor"]
    r = roles_of("The senator left the hearing and issued a statement saying that the vote should wait.",
                 "statement")
    assert r["source"] == ["The senator"]
    r = roles_of("Reyes has railed against the council, taking aim at its budget.", "aim")
    assert r["source"] == ["Reyes"]


def test_object_before_an_infinitive_stays_the_source(roles_of):
    # the object of "prompting" holds the view, not the subject of the sentence
    r = roles_of("The ruling surprised many, prompting voters to question the process.", "question")
    assert r["source"] == ["prompting voters to"]


def test_subject_over_a_hyphen_inside_a_word(roles_of):
    r = roles_of("After the vote, Anti-war Senator Ann Lee praised the city and said it had done well.", "said")
    assert r["source"] == ["Anti - war Senator Ann Lee"]


def test_time_phrase_after_an_apposition(roles_of):
    r = roles_of("Ann Lee, the party's chair, on Tuesday called the remarks unfair.", "called")
    assert r["source"] == ["Ann Lee , the party 's chair ,"]
    r = roles_of("The ministry two weeks ago said that the road was closed.", "said")
    assert r["source"] == ["The ministry"]
    # a number without a time unit after it is part of the source
    r = roles_of("The two said that the road was closed.", "said")
    assert r["source"] == ["The two"]


def test_floating_quantifier_after_a_comma_is_the_source(roles_of):
    r = roles_of("The rivals met on Friday, each saying that the other had lied.", "saying")
    assert r["source"] == ["each"]


def test_second_verb_inside_a_subordinate_clause(roles_of):
    r = roles_of("The mood darkened when Senator Ann Lee read the report and said the plant would close.", "said")
    assert r["source"] == ["Senator Ann Lee"]
    # no inner clause: the sentence's subject
    r = roles_of("The senator read the report and said the plant would close.", "said")
    assert r["source"] == ["The senator"]


def test_raising_verb_keeps_its_subject_only_before_a_reporting_verb(roles_of):
    assert roles_of("The mayor appeared to lose her temper during the hearing.", "appeared")["source"] == []
    assert roles_of("The mayor seemed to suggest that the plan was dead.", "seemed")["source"] == ["The mayor"]


def test_participle_that_is_never_a_past_tense_names_no_source(roles_of):
    assert roles_of("A developer known to be bullish on golf bought the course.", "known")["source"] == []
    assert roles_of("Turnout was higher than expected in the north.", "expected")["source"] == []
    # with "have" it is an active perfect: the subject is the source
    assert roles_of("We’ve seen this kind of cover-up before.", "seen")["source"] != []


def test_noun_cue_after_a_target_verb(roles_of):
    r = roles_of("The mayor has faced criticism from union leaders over the closures.", "criticism")
    assert r["source"] == ["union leaders"]
    # no holder named: no source (the mayor is the target, not the critic)
    r = roles_of("The mayor faced sharp criticism for the closures.", "criticism")
    assert r["source"] == []
    # after "to" the verb is not a light verb's object
    r = roles_of("The mayor was prompted to say that the plant would close.", "say")
    assert r["source"] != []


def test_apposition_keeps_its_closing_comma(roles_of):
    r = roles_of("Ann Lee, a senator from Ohio, said the plan failed.", "said")
    assert r["source"] == ["Ann Lee , a senator from Ohio ,"]
    # a bare name before a comma stays without it
    r = roles_of("Lee, meanwhile, said the plan failed.", "said")
    assert r["source"] == ["Lee"]


def test_side_phrase_after_the_name_is_left_out(roles_of):
    r = roles_of("Ann Lee, leading in the polls, questioned the plan.", "questioned")
    assert r["source"] == ["Ann Lee"]
    r = roles_of("Ann Lee, a senator, speaking on condition of anonymity, said the plan failed.", "said")
    assert r["source"] == ["Ann Lee , a senator ,"]


def test_pronoun_and_lower_case_subjects_of_a_participle(roles_of):
    r = roles_of("Then he cut into the mayor, calling her a liar.", "calling")
    assert r["source"] == ["he"]
    r = roles_of("But some of his supporters remain wary, citing his record.", "citing")
    assert r["source"] == ["some of his supporters remain"]


def test_second_verb_after_a_comma_and(roles_of):
    r = roles_of("Rabbis called for a boycott, and the Anti-Defamation League denounced the speech and said "
                 "it would return the money.", "said")
    assert r["source"] == ["the Anti - Defamation League"]


def test_inverted_source_keeps_its_apposition(roles_of):
    r = roles_of("The deal will fail, said Chad Brown, an expert on trade at the institute.", "said")
    assert r["source"] == ["Chad Brown , an expert on trade at the institute"]
    # up to a participle or a prepositional phrase set off by a comma
    r = roles_of("The deal will fail, said Chad Brown, adding that talks would go on.", "said")
    assert r["source"] == ["Chad Brown"]
    r = roles_of("“The deal will fail,” said Ann Lee, a senator from Ohio, in a statement.", "said")
    assert r["source"] == ["Ann Lee , a senator from Ohio ,"]


def test_feeling_verb_after_a_relative_pronoun_keeps_a_content(roles_of):
    r = roles_of("That rattled the mayor, but it did not change the vote.", "rattled")
    assert r["source"] == ["the mayor"]
    assert r["content"] == ["That"]


def test_coordinated_lower_case_subjects(roles_of):
    r = roles_of("On Monday, the mayor and the governor said the plan had failed.", "said")
    assert r["source"] == ["the mayor and the governor"]
    # two clauses, not one subject
    r = roles_of("Prices rose and the analysts said the plan had failed.", "said")
    assert r["source"] == ["the analysts"]


def test_quote_before_a_name_and_its_apposition(roles_of):
    r = roles_of("“We beat our goal,” Jeff Weaver, Sanders’ campaign manager, said in a statement.", "said")
    assert r["source"] == ["Jeff Weaver , Sanders ’ campaign manager ,"]
    assert r["content"] == ["“ We beat our goal , ”"]
    # with a clause after the cue the content stays on the right
    r = roles_of("Jeff Weaver, the campaign manager, said in a statement that the goal was met.", "said")
    assert r["content"] == ["the goal was met"]


def test_inverted_source_after_a_clause_with_a_quote(roles_of):
    # the name after the verb is the source, not the words between the quote and the comma
    r = roles_of('"This is a test" for the mayor, said Ann Lee, an analyst at the institute.', "said")
    assert r["source"] == ["Ann Lee , an analyst at the institute"]
    # a time word after the verb is no inverted source
    r = roles_of("“It is over,” Ann Lee, a senator, said Tuesday.", "said")
    assert r["source"] == ["Ann Lee , a senator ,"]
    # the one told is no inverted source
    r = roles_of("“It is over,” Ann Lee, a senator, told Reuters.", "told")
    assert r["source"] == ["Ann Lee , a senator ,"]


def test_name_with_a_state_abbreviation_before_the_cue(roles_of):
    r = roles_of("“We will override it,” Senator Dana Ortiz, R-Ky., said Tuesday.", "said")
    assert r["source"] == ["Senator Dana Ortiz , R - Ky. ,"]
    assert r["content"] == ["“ We will override it , ”"]


def test_inverted_apposition_ends_with_its_sentence(roles_of):
    # a following quote the sentence splitter leaves in the sentence is not the apposition's end
    r = roles_of('"Prices will fall," said Ann Lee, an economist at the bank. "And soon."', "said")
    assert r["source"] == ["Ann Lee , an economist at the bank"]


def test_object_of_another_cue_is_not_the_source(roles_of):
    r = roles_of("The council issued a statement condemning the attack.", "condemning", other_heads=("issued",))
    assert r["source"] == ["The council"]
    r = roles_of("The mayor made no mention of the strike.", "mention", other_heads=("made",))
    assert r["source"] == ["The mayor"]
    # a phrase ending in "to" may hold the infinitive: the object is the source
    r = roles_of("The mayor urged voters to reject the plan.", "reject", other_heads=("urged",))
    assert r["source"] != ["The mayor"]


def test_gerund_in_a_fronted_phrase_takes_the_main_subject(roles_of):
    r = roles_of("After casting doubt on the report, Mayor Ann Lee said the city would act.", "doubt")
    assert r["source"] == ["Mayor Ann Lee"]
    r = roles_of("In an effort to clarify her remarks, Ann Lee gave a speech.", "clarify")
    assert r["source"] == ["Ann Lee"]
    # a possessive in the phrase holds it
    r = roles_of("Pointing to the report's conclusions about the budget, the council voted no.", "conclusions")
    assert r["source"] != ["the council"]
    # a subordinate clause with its own subject
    r = roles_of("While critics argue that the plan is weak, the mayor stands by it.", "argue")
    assert r["source"] == ["critics"]


def test_relative_pronoun_alone_is_the_source(roles_of):
    r = roles_of("The plan was backed by Ann Lee, who said it would pass.", "said")
    assert r["source"] == ["who"]
    # a second verb inside the relative clause
    r = roles_of("The plan was backed by Ann Lee, who came out and endorsed it on Monday.", "endorsed")
    assert r["source"] == ["who"]
    # not after the relative clause's closing comma
    r = roles_of("Ann Lee, who advises the mayor, is no fan of the plan but praised its aims.", "praised")
    assert r["source"] != ["who"]


def test_participle_takes_the_nearest_clause_subject(roles_of):
    r = roles_of("The speech was calm at first, and the mayor grew upset, shouting at the crowd.", "shouting")
    assert r["source"] == ["the mayor"]
    # a single clause: the sentence's subject
    r = roles_of("The mayor blamed the press, saying it had twisted her words.", "saying")
    assert r["source"] == ["The mayor"]


def test_adverbs_before_the_subject(roles_of):
    r = roles_of("More recently, Senator Ann Lee has shifted her tone, offering dire warnings.", "offering")
    assert r["source"] == ["Senator Ann Lee"]
    r = roles_of("Shortly after the vote, the union had mobilized, warning that jobs would go.", "warning")
    assert r["source"] == ["the union"]
    r = roles_of("And even the mayor tried to help, noting that she would do the same.", "noting")
    assert r["source"] == ["the mayor"]


def test_expletive_it_and_there_name_no_one(roles_of):
    r = roles_of("But it is hard to know how the vote will go.", "know")
    assert r["source"] == []
    r = roles_of("There are still plenty of questions about the budget.", "questions")
    assert r["source"] == []
    # the holder after "from"
    r = roles_of("There was no mention of the plan from the mayor.", "mention")
    assert r["source"] == ["the mayor"]
    # a pronoun after the expletive is the holder's place ("it is certain he will ...")
    r = roles_of("It is certain he will say more about the plan.", "say")
    assert r["source"] != []
    # a participle's noun phrase holds it
    r = roles_of("There is new evidence suggesting the plan failed.", "suggesting")
    assert r["source"] != []


def test_more_verbs_whose_subject_is_the_target(roles_of):
    r = roles_of("The mayor has endured criticism from both parties.", "criticism")
    assert r["source"] == ["both parties"]
    r = roles_of("The senator is getting some advice from a retired general.", "advice")
    assert r["source"] == ["a retired general"]


def test_side_remark_between_name_and_cue_is_left_out(roles_of):
    r = roles_of("The mayor, for her part, denied the report.", "denied")
    assert r["source"] == ["The mayor"]
    r = roles_of("Ann Lee, it turned out, knew about the plan.", "knew")
    assert r["source"] == ["Ann Lee"]


def test_verb_words_between_subject_and_cue_are_left_out(roles_of):
    r = roles_of("Ann Lee went on to say the plan had failed.", "say")
    assert r["source"] == ["Ann Lee"]
    r = roles_of("Senator Reyes has long argued that the tax is unfair.", "argued")
    assert r["source"] == ["Senator Reyes"]
    # an object after the verb stays: it may hold the view
    r = roles_of("He will need their support with recent polls showing a close race.", "showing")
    assert r["source"] != ["He"]


def test_object_relative_and_preposition_before_the_subject(roles_of):
    r = roles_of("The plan, which the mayor praised on Monday, will cost more.", "praised")
    assert r["source"] == ["the mayor"]
    r = roles_of("The bill passed, with experts saying it would cut costs.", "saying")
    assert r["source"] == ["experts"]


def test_attitude_noun_without_determiner_takes_the_holder_after_it(roles_of):
    r = roles_of("The senator is winning praise from both parties for the bill.", "praise")
    assert r["source"] == ["both parties"]
    # "of" after a bare noun names the target, not the holder
    r = roles_of("Ann Lee voiced criticism of the mayor on Monday.", "criticism")
    assert r["source"] != ["the mayor on Monday"] and r["source"] != ["the mayor"]


def test_agent_phrase_ends_at_a_verb_or_a_question_word(roles_of):
    r = roles_of("Praise from the mayor's team isn't likely to help her.", "Praise")
    assert r["source"] == ["the mayor 's team"]
    r = roles_of("Asked by a reporter whether the plan would pass, Lee said yes.", "Asked")
    assert r["source"] == ["a reporter"]


def test_of_phrase_is_the_target_when_the_holder_comes_first(roles_of):
    r = roles_of("Meanwhile the mayor continues his praise of the plan.", "praise")
    assert r["source"] != ["the plan"]
    r = roles_of("Mr. Reyes is the architect of the budget plan.", "architect")
    assert r["source"] == ["Mr. Reyes"]
    r = roles_of("She has been persistent in her criticism of the budget.", "criticism")
    assert r["source"] == ["her"]


def test_subject_before_a_verb_and_a_noun_cue(roles_of):
    r = roles_of("Senator Reyes has made a commitment to the plan.", "commitment")
    assert r["source"] == ["Senator Reyes"]
    r = roles_of("Governor Lee pinned his hopes on the vote.", "hopes")
    assert r["source"] == ["Governor Lee"]
    # after a preposition the possessor holds it
    r = roles_of("Whatever his doubts about the plan, the mayor signed it.", "doubts")
    assert r["source"] and r["source"][0].endswith("his")


def test_apposition_before_a_verb_without_inverted_subject(roles_of):
    r = roles_of("In a request for records about the polling places and the election procedures, Ann Lee, "
                 "chief of the county's voting section, noted the \"allegations of long waits\" at polls.", "noted")
    assert r["source"] == ["Ann Lee , chief of the county 's voting section ,"]


def test_purpose_infinitive_after_a_verb_takes_the_subject(roles_of):
    r = roles_of("Senator Reyes interjected to say the plan was late.", "say")
    assert r["source"] == ["Senator Reyes"]
    # a verb that hands its object the infinitive: the object holds it
    r = roles_of("The poll was prompting voters to reconsider the plan.", "reconsider")
    assert r["source"] and "voters" in r["source"][0].split()


def test_passive_with_an_adverb_before_the_participle(roles_of):
    r = roles_of("The plan was ultimately approved last year.", "approved")
    assert r["source"] == []
    r = roles_of("The plan was widely criticized by local unions.", "criticized")
    assert r["source"] == ["local unions"]


def test_a_fronted_phrase_is_where_it_was_said_not_what(roles_of):
    r = roles_of("In a statement, the ministry said rebels attacked a convoy.", "said")
    assert r["source"] == ["the ministry"] and r["content"] == ["rebels attacked a convoy"]


def test_a_time_phrase_and_an_aside_after_the_cue_leave_the_content_before_it(roles_of):
    r = roles_of("Kazakhstan will pause air operations for 10 days, the ministry said on Tuesday, "
                 "a day after the agreement with Turkmenistan.", "said")
    assert r["source"] == ["the ministry"]
    assert r["content"] == ["Kazakhstan will pause air operations for 10 days"]
