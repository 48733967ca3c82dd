"""Round 6 of the events layer, cue side: false events and wrong types found by reading the events printed for
real speeches and news articles (a precision sample; the texts are not used here). Each rule has a false use
and a control where the same word is a real event. Sentences written for these tests."""

from __future__ import annotations

import pytest

from conftest import cue_words, main_clause_analysis

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("text,word", [
    # reporting, thinking and describing verbs the CAMEO dictionary lists are no events
    ("The Kenyan minister added that Somalia faced a drought.", "added"),
    ("Hungarian officials don't think Austria meets the same standard.", "think"),
    ("Which Serbian leader do you consider to be the most reliable partner of Russia?", "consider"),
    ("The Security Council has failed to deliver on its promises to Haiti.", "failed"),
    ("Two Chilean brothers were running the farm near the Bolivian border.", "running"),
    ("Ukraine must use its influence on Moldova.", "use"),
    ("Villagers in northern Niger needed water.", "needed"),
    ("The floods in Pakistan are especially affecting Afghan refugees.", "affecting"),
    ("Canada and Mexico celebrate 80 years of diplomatic relations.", "celebrate"),
    # a serial "go check" is no visit
    ("The Peruvian police chief said they had to go check the warehouse in Bolivia.", "go"),
    # "instead of", "the right to", "failure to": the act is not done
    ("Instead of committing to talks with Armenia, Azerbaijan massed troops on the border.", "committing"),
    ("Members of the Council keep their right to veto any resolution on Syria.", "veto"),
    ("Failure to sign the treaty with Japan cannot be accepted, China said.", "sign"),
    # "demonstrate" with an object means "show"
    ("Iran has demonstrated its ability to cooperate with the IAEA.", "demonstrated"),
    # a curated verb whose object is a document or money
    ("Brazil released records on the deaths of Bolivian migrants.", "released"),
    ("Mexico provided documents to the Guatemalan prosecutors.", "provided"),
    ("Norway remains committed to mobilizing its share of the funds for Kenya.", "mobilizing"),
    # a result is no threat; a phone call is no appeal
    ("The Egyptian decision to close the crossing has had dire consequences for Gaza.", "had"),
    ("The Chilean consul had a phone call from the Peruvian ministry.", "call"),
])
def test_false_cues_are_not_events(events_analyzer, text, word):
    analysis = main_clause_analysis(events_analyzer, text)
    assert word not in {w for _, w in cue_words(analysis, text)}, cue_words(analysis, text)


@pytest.mark.parametrize("text,etype,word", [
    # controls: the same words where they are events
    ("Kenya donated food to Somalia.", "AID", "donated"),
    ("Azerbaijan committed to talks with Armenia.", "AGREE", "committed"),
    ("Russia vetoed the resolution on Syria.", "REJECT", "vetoed"),
    ("Thousands of Iranians demonstrated against the government in Tehran.", "PROTEST", "demonstrated"),
    ("Brazil released two Bolivian prisoners.", "RETREAT", "released"),
    ("Mexico provided food to Guatemala.", "AID", "provided"),
    ("Russia mobilized troops on the Ukrainian border.", "MOBILIZE", "mobilized"),
    ("Russia warned that the deployment would have serious consequences for Poland.", "THREATEN", "warned"),
    ("Iran will face serious consequences if it attacks Israel, the United States said.", "THREATEN", "face"),
    ("Germany urged Russia to withdraw its troops.", "REQUEST", "urged"),
    ("Danish officials said Copenhagen would consider hosting talks between Serbia and Kosovo.", "AGREE", "consider"),
    ("The Egyptian president went to Khartoum for talks with Sudan.", "CONSULT", "went"),
])
def test_the_same_words_as_real_cues(events_analyzer, text, etype, word):
    analysis = main_clause_analysis(events_analyzer, text)
    assert (etype, word) in cue_words(analysis, text), cue_words(analysis, text)


@pytest.mark.parametrize("text,etype,word", [
    # phrases whose verb alone has another type
    ("Sweden will continue to stand up for the rights of Uyghurs in China.", "SUPPORT", "stand"),
    ("The Italian government gave the green light to the sale of frigates to Egypt.", "SUPPORT", "gave"),
    ("Several Democrats came out in support of the Mexican president.", "SUPPORT", "came"),
    # the phone call in a light verb's sense is a consultation
    ("Macron had a phone call with Putin.", "CONSULT", "had"),
])
def test_phrases_take_their_own_type(events_analyzer, text, etype, word):
    analysis = main_clause_analysis(events_analyzer, text)
    assert (etype, word) in cue_words(analysis, text), cue_words(analysis, text)


def test_an_event_nouns_infinitive_stays_an_event(events_analyzer):
    """Control for "the right to veto": the infinitive of a decision is the decider's act."""
    text = "China's decision to sign the treaty with Japan surprised Korea."
    analysis = main_clause_analysis(events_analyzer, text)
    assert "sign" in {w for _, w in cue_words(analysis, text)}
