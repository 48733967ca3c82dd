"""Round 5 of the events layer, cue side: false cues (figurative or framing words, parenthetical asides,
verbs that are no act of their subject) and the weak types (RETREAT vs CONCEDE, COERCE vs ASSAULT, AID,
PROTEST vs ACCUSE, SANCTION, THREATEN). Sentences written for these tests."""

from __future__ import annotations

import pytest

from conftest import cue_words, event_code, main_clause_analysis
from presswatch.eval_events import main_event
from presswatch.event_lexicon import load_lexicon

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("text,word", [
    # a fronted "against" frames the sentence; it is no predicate
    ("Against the backdrop of rising tensions between India and Pakistan, it is vital that Nepal stays neutral.",
     "against"),
    ("Against this background, Chile will stay out of the dispute between Peru and Bolivia.", "against"),
    # hearing an appeal is no consultation; a parenthetical "as X has learned" is no event at all
    ("The leaders of the Gulf states heard the appeals of Iran.", "heard"),
    ("As Turkey has learned, Greece turned down the offer.", "learned"),
    # leaving a place is no visit; fleeing is no act of aid
    ("Families who are leaving Syrian soil crossed into Lebanon.", "leaving"),
    ("Iraqi interpreters who worked with foreign troops fled to Jordan.", "fled"),
    # figurative domination and encirclement are no use of force (PLOVER manual: physical harm)
    ("Russia and China dominate the region.", "dominate"),
    ("NATO surrounds Belarus with its bases, Minsk complained.", "surrounds"),
    # countering armed groups is no verbal conflict
    ("The United States sent troops to Niger under the pretext of countering extremist groups from Mali.",
     "countering"),
    ("Mali is countering jihadist groups from Niger.", "countering"),
    # a plan to do something that is no event commits nobody
    ("Farmers who are planning to move there said Turkey would help.", "planning"),
])
def test_false_cues_are_not_events(events_analyzer, text, word):
    analysis = main_clause_analysis(events_analyzer, text)
    assert word not in {w for _, w in cue_words(analysis, text)}


@pytest.mark.parametrize("text,etype,word", [
    # the same words where they are events
    ("Iran is categorically against the deployment of US troops.", "REJECT", "against"),
    ("The Egyptian president left for Khartoum for talks with Sudan.", "CONSULT", "left"),
    ("Russia countered the claims of Britain.", "ACCUSE", "countered"),
    ("Russia plans to send troops to Belarus.", "AGREE", "plans"),
    ("Syrian troops surrounded the town of Homs.", "MOBILIZE", "surrounded"),
])
def test_the_same_words_as_real_cues(events_analyzer, text, etype, word):
    analysis = main_clause_analysis(events_analyzer, text)
    assert (etype, word) in cue_words(analysis, text)


@pytest.mark.parametrize("text,etype,source,target", [
    # RETREAT: weapons and places handed over; a promised hand-over is a concession
    ("Militia fighters in Liberia handed over 300 rifles to UN peacekeepers.", "RETREAT", "LBR", "IGO"),
    ("Serbia agreed to hand over the disputed villages to Kosovo.", "CONCEDE", "SRB", None),
    ("Armenia promised to leave the occupied districts.", "CONCEDE", "ARM", None),
    # a third party freeing hostages aids them (manual 3.7.2); captors freeing captives retreat
    ("Nigerian police freed four British engineers held by kidnappers.", "AID", "NGA", "GBR"),
    ("Colombian guerrillas freed 60 soldiers they had held for a year.", "RETREAT", "COL", None),
    # captured combatants are ASSAULT 'abduct', not an arrest; beating is ASSAULT 'beat'
    ("Syrian soldiers captured a senior ISIS commander near Raqqa.", "ASSAULT", "SYR", None),
    ("Georgian police beat protesters outside parliament in Tbilisi.", "ASSAULT", "GEO", "GEO"),
    # a diplomatic protest is ACCUSE whatever the light verb; a crowd's protest is PROTEST
    ("Egypt's foreign ministry delivered a formal protest to the Israeli ambassador.", "ACCUSE", "EGY", "ISR"),
    ("Thousands of protesters staged a protest outside the French embassy in Algiers.", "PROTEST", None, None),
    # food shipped is aid, from the side whose food it is
    ("Thai rice was shipped to Myanmar's cyclone-hit regions.", "AID", "THA", "MMR"),
    ("German doctors arrived in Turkey to treat earthquake victims.", "AID", "DEU", "TUR"),
    # diplomats ordered out are expelled
    ("Two Danish diplomats were ordered out of Iran.", "SANCTION", "IRN", "DNK"),
    # received rebukes and promises are the giver's acts
    ("Ghana drew a stern rebuke from Nigeria.", "ACCUSE", "NGA", "GHA"),
    ("Kenya won a pledge of $500 million in aid from China.", "AGREE", "CHN", "KEN"),
    # "will face consequences": a threat, not a future meeting
    ("Hungary will face serious consequences if it blocks the deal.", "THREATEN", None, "HUN"),
])
def test_weak_types(events_analyzer, text, etype, source, target):
    analysis = main_clause_analysis(events_analyzer, text)
    ev = main_event(analysis.events)
    assert ev is not None and ev.type == etype
    if source:
        assert event_code(analysis, ev.source) == source
    if target:
        assert event_code(analysis, ev.target) == target


def test_criticism_faced_from_nobody_is_no_meeting(events_analyzer):
    text = "Iran faced criticism over its nuclear programme."
    assert not main_clause_analysis(events_analyzer, text).events
    analysis = main_clause_analysis(events_analyzer, "Iran faced criticism from Sweden over its nuclear programme.")
    ev = main_event(analysis.events)
    assert ev is not None and ev.type == "ACCUSE" and event_code(analysis, ev.source) == "SWE"


def test_new_lexicon_rows_parse():
    lex = load_lexicon()
    free = lex.curated_cues("free", "verb")
    assert [c.type for c in free if c.subject == "rescuers"] == ["AID"]
    assert any(c.type == "RETREAT" and not c.subject and not c.object for c in free)
    assert any(c.type == "ACCUSE" and "formal" in c.object for c in lex.curated_cues("protest", "lnoun"))
    assert [c.words for c in lex.curated_cues("order", "verb") if c.type == "SANCTION"] == [("order", "out")]
