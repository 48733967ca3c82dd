"""Round 4 of issue #6: speakers and sources the knowledge base does not know, who say in the text whom
they speak for; "Security Council" without a state; the Congo rule in the events layer; dictionary verbs
coded like the curated verbs of their CAMEO synonym block. Sentences written for these tests."""

from __future__ import annotations

import pytest

from conftest import event_code, first_event
from presswatch.errors import PresswatchError
from presswatch.types import Article

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("text,etype,source", [
    # a person the base does not know, in an organisation the name scan knows
    ("Amnesty International researcher Nadia Farrow accused Turkish police of beating detainees.", "ACCUSE", "NGO"),
    ("Tomas Riedel, a researcher at Human Rights Watch, accused Kenyan police of abuses.", "ACCUSE", "NGO"),
    # the body a person heads says whose they are; the relative clause itself is no event
    ("Hamid Osmani, who heads the Afghan delegation, accused Pakistan of sheltering militants.", "ACCUSE", "AFG"),
    ("Luis Pardo, who leads Colombia's negotiating team, rejected the rebel proposal.", "REJECT", "COL"),
])
def test_unknown_people_take_the_body_they_speak_for(events_analyzer, text, etype, source):
    analysis, event = first_event(events_analyzer, text, etype)
    assert event_code(analysis, event.source) == source


def test_the_heads_relative_clause_is_not_coded():
    from presswatch import Analyzer

    analysis = Analyzer(layers=["quotes", "actors", "events"]).analyze(
        Article(id="t", text="Hamid Osmani, who heads the Afghan delegation, accused Pakistan of lying."))
    heads = [e for e in analysis.events if analysis.article.text[e.cue[0]:e.cue[1]] == "heads"]
    assert heads == []


@pytest.mark.parametrize("text,etype,source", [
    ("NATO spokesman Willem Aarts said the alliance would send more troops to Latvia.", "MOBILIZE", "IGO"),
    ("A Kenyan official said the country would expel the two diplomats.", "SANCTION", "KEN"),
])
def test_the_alliance_or_the_country_in_a_reported_clause_is_the_reporters(events_analyzer, text, etype, source):
    analysis = events_analyzer.analyze(Article(id="t", text=text))
    # a future act is intended: MOBILIZE stays MOBILIZE, an announced expulsion is a threat
    event = next(e for e in analysis.events if e.type in (etype, "THREATEN"))
    assert event_code(analysis, event.source) == source


def test_a_state_noun_needs_a_reporter_with_a_state_and_a_body_noun_a_body(events_analyzer):
    # Lavrov is a person of Russia, not an alliance: "the alliance" is not Russia
    analysis, event = first_event(events_analyzer, "Lavrov said the alliance would send more troops to Latvia.", "MOBILIZE")
    assert event_code(analysis, event.source) != "RUS"


@pytest.mark.parametrize("text,etype,source", [
    ("The Security Council condemned the rocket attack on the embassy.", "ACCUSE", "IGO"),
    ("The Security Council imposed sanctions on Russia over the annexation.", "SANCTION", "IGO"),
    ("Members of the Security Council urged Myanmar to release the detained leaders.", "REQUEST", "IGO"),
    ("Russia's Security Council warned Georgia against joining the alliance.", "THREATEN", "RUS"),
    ("The Russian Security Council warned Georgia against joining the alliance.", "THREATEN", "RUS"),
])
def test_a_bare_security_council_is_the_uns(events_analyzer, text, etype, source):
    analysis, event = first_event(events_analyzer, text, etype)
    assert event_code(analysis, event.source) == source


def test_the_security_council_after_its_national_full_name_stays_national(events_analyzer):
    text = ("The Russian Security Council met on Friday. "
            "The Security Council warned Georgia against joining the alliance.")
    analysis, event = first_event(events_analyzer, text, "THREATEN")
    assert event_code(analysis, event.source) == "RUS"


def test_a_security_council_resolution_is_the_uns_even_next_to_russia(events_analyzer):
    analysis, event = first_event(events_analyzer, "Russia vetoed a Security Council resolution on Syria.", "REJECT")
    assert (event_code(analysis, event.source), event_code(analysis, event.target)) == ("RUS", "IGO")


def test_possessor_state_follows_the_congo_rule(nlp):
    from presswatch.events import possessor_state
    from presswatch.kb import load_kb

    doc = nlp("In Brazzaville, Congo's government banned the rallies.")
    span = doc[5:6]  # "government", after "Congo 's"
    assert span.text == "government"
    assert possessor_state(span, load_kb(), congo_republic=False) == "COD"
    assert possessor_state(span, load_kb(), congo_republic=True) == "COG"


@pytest.mark.parametrize("text,etype,source", [
    ("In Brazzaville, Congo's government banned opposition rallies ahead of the vote.", "COERCE", "COG"),
    ("Congo's government accused Uganda of backing the rebels in Ituri.", "ACCUSE", "COD"),
])
def test_congo_in_events(events_analyzer, text, etype, source):
    analysis, event = first_event(events_analyzer, text, etype)
    assert event_code(analysis, event.source) == source


@pytest.fixture(scope="module")
def sibling_object_analyzer():
    """The ``sibling_object`` mode is off by default (held-out batch 10); these tests turn it on."""
    from presswatch import Analyzer

    return Analyzer({"events": {"cameo_fallback": "sibling_object,sibling_default"}},
                    layers=["quotes", "actors", "events"])


@pytest.mark.parametrize("text,etype", [
    # "reimpose", "levy" share CAMEO's "impose" block: the light verb's event noun decides
    ("Washington reimposed sanctions on Venezuela's gold sector.", "SANCTION"),
    # "oust" shares the "deport" block with "expel", whose diplomat object makes it a sanction
    ("Mali ousted the French ambassador after the remarks.", "SANCTION"),
])
def test_dictionary_verbs_take_their_curated_block_siblings_cues(sibling_object_analyzer, text, etype):
    analysis, _event_ = first_event(sibling_object_analyzer, text, etype)
    assert _event_.type == etype


def test_cameo_fallback_setting_is_checked():
    from presswatch.events import EventsComponent

    with pytest.raises(PresswatchError):
        EventsComponent(cameo_fallback="sibling_object,nonsense")
    assert EventsComponent(cameo_fallback="").cameo_fallback == ()


def test_lexicon_siblings_and_majority_type():
    from presswatch.event_lexicon import load_lexicon

    lex = load_lexicon()
    assert "expel" in lex.siblings("oust") and "oust" not in lex.siblings("oust")
    assert lex.siblings("no-such-verb") == []
    # the majority over a block's codes is a PLOVER type (measured, not shipped: see docs/events.md)
    # most of the "deport" block's patterns (160, 161, 166) are SANCTION; its default 174 is COERCE
    assert lex.majority_type("oust") == "SANCTION"
    assert lex.majority_type("no-such-verb") is None
    # without a default, no pattern match gives no code
    assert lex.cameo_code("oust", "", [], [], default=False) is None
    assert lex.cameo_code("oust", "", [], ["protesters"], default=False) == "175"
