"""Events on archive-style news (1990s-2000s people, international officials, armed groups) and the
"Congo" default; sentences written for these tests."""

from __future__ import annotations

import pytest

from presswatch.eval_events import actor_code, main_event
from presswatch.kb import load_kb
from presswatch.stances import in_office
from presswatch.types import Actor, Analysis, Article, Role

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def analyzer():
    from presswatch import Analyzer

    return Analyzer(layers=["quotes", "actors", "events"])


def _main(analyzer, text, date=None):
    analysis = analyzer.analyze(Article(id="t", text=text, published=date))
    event = main_event(analysis.events)
    assert event is not None, text
    return analysis, event


@pytest.mark.parametrize("text,source", [
    ("Congo's government asked the United Nations to send more peacekeepers.", "COD"),
    ("The Congolese army accused Rwanda of arming the rebels.", "COD"),
    ("Officials in Brazzaville said Congo rejected the offer from Gabon.", "COG"),
    ("The Republic of the Congo said on Monday that Congo rejected the offer from Gabon.", "COG"),
    ("Kinshasa said Congo rejected the offer from Uganda, days after Brazzaville agreed to it.", "COD"),
])
def test_congo_is_the_democratic_republic_unless_the_text_names_the_other(analyzer, text, source):
    analysis, event = _main(analyzer, text)
    assert actor_code(analysis, event.source.actor) == source


def test_kb_gives_bare_congo_to_the_democratic_republic():
    kb = load_kb()
    assert kb.country_of("Congo") == "COD" and kb.country_of("Congolese") == "COD"
    assert kb.country_of("Republic of the Congo") == "COG" and kb.country_of("Congo-Brazzaville") == "COG"


def test_international_official_in_office_codes_as_igo(analyzer):
    text = "Secretary-General Kofi Annan urged Iraq to let the weapons inspectors return."
    analysis, event = _main(analyzer, text, "2000-01-01")
    assert event.type == "REQUEST" and event.source.actor == "kofi-annan-igo"
    assert actor_code(analysis, event.source.actor) == "IGO"
    assert actor_code(analysis, event.target.actor) == "IRQ"


def test_official_of_a_state_before_an_international_post_codes_as_the_state(analyzer):
    # Ban Ki-moon as South Korea's foreign minister, before he led the United Nations
    text = "Ban Ki-moon condemned North Korea's missile launch."
    analysis, event = _main(analyzer, text, "2006-07-10")
    assert actor_code(analysis, event.source.actor) == "KOR"
    later, event = _main(analyzer, text, "2012-04-13")
    assert actor_code(later, event.source.actor) == "IGO"


def test_armed_group_from_the_phoenix_list_has_its_country(analyzer):
    text = "Abu Sayyaf Group gunmen kidnapped twenty tourists from a resort."
    analysis, event = _main(analyzer, text, "2000-05-01")
    assert event.type == "ASSAULT" and actor_code(analysis, event.source.actor) == "PHL"


def test_an_international_post_speaks_for_no_state():
    un = Role(title="official of United Nations", organization="United Nations", start="2007-01-01", end="2016-12-31")
    minister = Role(title="Minister for Foreign Affairs", country="KOR", start="2004-01-17", end="2006-11-09")
    ban = Actor(id="b", name="Ban", type="person", country="KOR", roles=[un, minister])
    assert in_office(ban, "2010-01-01") is None
    assert in_office(ban, "2005-01-01") == "KOR"
    envoy = Role(title="Ambassador to the United Nations", organization="United Nations", country="KOR",
                 start="2010-01-01", end="2012-01-01")
    assert in_office(Actor(id="e", name="E", type="person", country="KOR", roles=[envoy]), "2011-01-01") == "KOR"


def test_actor_code_of_a_person_without_roles_is_the_country():
    analysis = Analysis(article=Article(id="a", text="x"),
                        actors=[Actor(id="p", name="P", type="person", country="FRA")])
    assert actor_code(analysis, "p") == "FRA"
