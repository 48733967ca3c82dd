"""presswatch_actors: linking on the shared example and on texts written for these tests."""

from __future__ import annotations

import pytest

from presswatch.kb import role_active
from presswatch.types import Article
from conftest import shared_path


@pytest.fixture(scope="module")
def actors_analyzer():
    from presswatch import Analyzer

    return Analyzer(layers=["actors"])


def analyze(analyzer, text, published="2021-12-20"):
    return analyzer.analyze(Article(id="t", text=text, published=published))


def actor_at(result, text, needle, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    for actor in result.actors:
        if any(s <= start < e for s, e in actor.mentions):
            return actor
    return None


def entity_at(result, text, needle, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return next(e for e in result.entities if e.start <= start < e.end)


@pytest.fixture(scope="module")
def example(actors_analyzer):
    return actors_analyzer.analyze(shared_path("examples", "central-asia-2021-12-20.txt"))


@pytest.mark.parametrize("surname,country,title_word", [
    ("Lavrov", "RUS", "Foreign Affairs"), ("Zakharova", "RUS", "Spokesperson"), ("Kokov", "RUS", "Deputy Secretary of the Security Council"),
    ("Kamilov", "UZB", "Foreign Affairs"), ("Nuland", "USA", "Secretary of State"), ("Putin", "RUS", "President"),
    ("Biden", "USA", "President"),
])
def test_example_people_resolve_with_country_and_role(example, surname, country, title_word):
    text = example.article.text
    for needle in (surname,):
        actor = actor_at(example, text, needle)
        assert actor is not None and not actor.local, surname
        assert actor.country == country
        assert any(title_word in r.title and role_active(r, "2021-12-20") for r in actor.roles), actor.roles
        # every mention of the surname in the body is linked to the same actor
        n = text.count(surname)
        assert all(actor_at(example, text, surname, k) is actor for k in range(n) if text.index(surname) > 200)


def test_example_metonymy(example):
    text = example.article.text
    moscow = entity_at(example, text, "Moscow’s fears")
    assert moscow.actor == "Q159" and moscow.reading == "government"
    assert entity_at(example, text, "Washington hoped").actor == "Q30"
    assert entity_at(example, text, "Washington hoped").reading == "government"
    tashkent = entity_at(example, text, "Tashkent, which")
    assert tashkent.actor == "Q265" and tashkent.reading == "government"
    dushanbe = entity_at(example, text, "Dushanbe hosted")
    assert dushanbe.reading == "place" and dushanbe.actor is None
    visit = next(e for e in example.entities if e.text == "Moscow" and text[e.start - 9:e.start] == "visit to ")
    assert visit.reading == "place"


def test_example_author_and_outlets(example):
    author = next(a for a in example.actors if a.name == "Sergey Sayenko")
    assert author.local and author.roles[0].title == "international observer"
    assert actor_at(example, example.article.text, "WSJ").type == "media"
    assert actor_at(example, example.article.text, "Kommersant").id == "media-kommersant"


def test_titles_resolve_against_publication_date(actors_analyzer):
    text = "The US Secretary of State said on Monday that the talks would go on."
    assert actor_at(analyze(actors_analyzer, text, "2017-06-01"), text, "Secretary").id == "rex-tillerson-usa"
    assert actor_at(analyze(actors_analyzer, text, "2019-06-01"), text, "Secretary").id == "mike-pompeo-usa"
    text = "Officials met in Tashkent. The Uzbek Foreign Minister welcomed the decision."
    assert actor_at(analyze(actors_analyzer, text, "2023-05-01"), text, "Foreign Minister").id == "bakhtiyor-saidov-uzb"


def test_posts_at_international_organisations_resolve_by_date(actors_analyzer):
    text = "The NATO Secretary General said the alliance would stay united."
    assert actor_at(analyze(actors_analyzer, text, "2021-06-14"), text, "Secretary General").id == "jens-stoltenberg-nor"
    assert actor_at(analyze(actors_analyzer, text, "2025-06-14"), text, "Secretary General").id != "jens-stoltenberg-nor"
    text = "On Friday the UN Secretary-General called for calm, and a general in the army agreed."
    r = analyze(actors_analyzer, text, "2019-03-01")
    assert actor_at(r, text, "Secretary-General").name == "António Guterres"
    assert actor_at(r, text, "general in") is None  # a military rank is not an office


def test_variants_initials_and_surnames(actors_analyzer):
    text = "V. Putin met Sergei Shoygu on Friday. Later, Shoigu told reporters the drills were over."
    r = analyze(actors_analyzer, text, "2019-06-01")
    assert actor_at(r, text, "V. Putin").id == "Q7747"
    shoigu = actor_at(r, text, "Sergei Shoygu")
    assert shoigu.id == "sergey-shoigu-rus" and actor_at(r, text, "Shoigu told") is shoigu
    assert shoigu.roles[0].title.startswith("Minister of Defence")


def test_capital_agent_versus_place(actors_analyzer):
    text = "Moscow warned Kyiv against new attacks. The summit took place in Moscow. Beijing has denied the report."
    r = analyze(actors_analyzer, text)
    first = entity_at(r, text, "Moscow warned")
    assert (first.actor, first.reading) == ("Q159", "government")
    second = entity_at(r, text, "Moscow", 1)
    assert second.reading == "place" and second.actor is None
    assert entity_at(r, text, "Beijing").actor == "Q148"


def test_kremlin_found_without_ner(actors_analyzer):
    text = "The Kremlin said the sanctions were illegal."
    r = analyze(actors_analyzer, text)
    actor = actor_at(r, text, "Kremlin")
    assert actor is not None and actor.id == "ru-presidential-administration" and actor.country == "RUS"


def test_unknown_people_become_local_actors(actors_analyzer):
    text = "Ivan Petrovsky, a local farmer, said the harvest was poor. Petrovsky blamed the drought."
    r = analyze(actors_analyzer, text)
    actor = actor_at(r, text, "Ivan Petrovsky")
    assert actor.local and actor.id.startswith("local:") and actor.roles[0].title == "local farmer"
    assert actor_at(r, text, "Petrovsky blamed") is actor


def test_surname_of_two_namesakes_is_not_guessed(actors_analyzer):
    text = "Smith said nothing."
    r = analyze(actors_analyzer, text)
    actor = actor_at(r, text, "Smith")
    assert actor is None or actor.local


def test_empty_and_entity_free_text(actors_analyzer):
    r = analyze(actors_analyzer, "the weather was mild and nothing happened.")
    assert r.actors == []


def test_extra_files_from_config(tmp_path):
    from presswatch import Analyzer

    path = tmp_path / "people.csv"
    path.write_text("id,name,aliases,type,country,title,organization,start,end\n"
                    "my-mayor,Olga Brannigan,,person,IRL,Mayor of Dublin,,2020-01-01,\n", encoding="utf-8")
    analyzer = Analyzer(layers=["actors"], overrides={"actors": {"extra_files": [str(path)]}})
    text = "Olga Brannigan opened the new bridge."
    actor = actor_at(analyzer.analyze(Article(id="t", text=text, published="2022-01-01")), text, "Olga")
    assert actor.id == "my-mayor" and not actor.local and actor.roles[0].title == "Mayor of Dublin"


# -- rules added with the entity-linking gold set (texts written for these tests) --------------

def test_administration_and_government_are_the_executive(actors_analyzer):
    text = "The Obama administration announced new sanctions. Later the George W. Bush administration was blamed."
    r = analyze(actors_analyzer, text, "2016-09-12")
    assert actor_at(r, text, "Obama administration").id == "us-white-house"
    assert actor_at(r, text, "Bush administration").id == "us-white-house"


def test_longest_knowledge_base_name_wins(actors_analyzer):
    text = "The network is financed by the Russian government. Russia Today denied it."
    r = analyze(actors_analyzer, text, "2016-09-19")
    assert actor_at(r, text, "Russian government").id == "ru-government"
    assert actor_at(r, text, "Russia Today").id == "media-rt"


def test_party_adjectives_and_singulars(actors_analyzer):
    text = "That is why Democrat Hillary Clinton spoke at the Democratic convention, while Republican leaders met."
    r = analyze(actors_analyzer, text, "2016-09-28")
    assert actor_at(r, text, "Democrat ").id == "us-democratic-party"
    assert actor_at(r, text, "Democratic convention").id == "us-democratic-party"
    assert actor_at(r, text, "Republican leaders").id == "us-republican-party"


def test_surname_before_the_full_name(actors_analyzer):
    text = "Critics recalled the Bush-era torture programme. George W. Bush never apologised for it."
    r = analyze(actors_analyzer, text, "2018-03-13")
    assert actor_at(r, text, "Bush-era").id == actor_at(r, text, "George W. Bush").id == "george-w-bush-usa"


def test_partial_names_follow_the_full_name_seen_earlier(actors_analyzer):
    text = ("Ildefonso Guajardo Villarreal, the economy secretary, came to talk about trade. "
            "Mr. Guajardo Villarreal argues there is little point in responding now.")
    r = analyze(actors_analyzer, text, "2016-09-28")
    full = actor_at(r, text, "Ildefonso")
    assert full.local and actor_at(r, text, "Guajardo Villarreal argues") is full


def test_abbreviations_are_not_surnames(actors_analyzer):
    text = "A trip by Senate leader Mitch McConnell (Ky.) followed a month later."
    r = analyze(actors_analyzer, text, "2016-09-16")
    ky = actor_at(r, text, "Ky.")
    assert ky is None or ky.id == "mitch-mcconnell-usa"


def test_seat_of_power_compounds_and_places(actors_analyzer):
    text = ("White House aides said the decision was final. Reporters were barred from the White House lawn. "
            "His pass to access the White House was suspended.")
    r = analyze(actors_analyzer, text, "2018-11-13")
    assert actor_at(r, text, "White House aides").id == "us-white-house"
    assert actor_at(r, text, "White House lawn") is None
    assert actor_at(r, text, "White House was") is None


def test_on_is_a_place_for_nouns_but_a_target_for_pressure(actors_analyzer):
    text = "He had long been an influential voice on Capitol Hill. The EU increased pressure on Moscow."
    r = analyze(actors_analyzer, text, "2016-09-16")
    assert actor_at(r, text, "Capitol Hill") is None
    assert entity_at(r, text, "Moscow").actor == "Q159"


def test_pro_prefix_makes_a_capital_its_government(actors_analyzer):
    text = "He has surrounded himself with pro-Moscow advisors and praised pro-Russian statements."
    r = analyze(actors_analyzer, text, "2016-09-10")
    assert actor_at(r, text, "Moscow").id == "Q159"
    assert actor_at(r, text, "Russian").id == "Q159"


def test_bare_title_goes_to_the_nearest_named_holder(actors_analyzer):
    text = "President Barack Obama met Vladimir Putin in China. Later the president declined to threaten Moscow."
    r = analyze(actors_analyzer, text, "2016-09-08")
    assert actor_at(r, text, "president declined").id == "Q76"


def test_bare_title_without_a_named_holder_uses_the_main_country(actors_analyzer):
    text = ("Eight US states sued in a US court. The US gun lobby objected. "
            "The president tweeted that the plans made no sense.")
    r = analyze(actors_analyzer, text, "2018-08-01")
    assert actor_at(r, text, "president tweeted").id == "Q22686"


def test_other_leaders_are_not_heads_of_state(actors_analyzer):
    text = "McConnell, now the Senate majority leader, spoke first."
    r = analyze(actors_analyzer, text, "2016-09-16")
    senate = actor_at(r, text, "Senate")
    assert senate is None or senate.id == "us-senate"


def test_short_form_of_a_long_name_seen_in_the_article(actors_analyzer):
    text = ("The United Nations was made to tackle such crises. The Security Council has imposed sanctions, "
            "but the Council has proved ineffective.")
    r = analyze(actors_analyzer, text, "2016-09-20")
    assert actor_at(r, text, "Security Council").id == "un-security-council"
    assert actor_at(r, text, "Council has proved").id == "un-security-council"


def test_compound_demonyms_link_each_country(actors_analyzer):
    text = "In Ohio, Lithuanian Americans are numerous."
    r = analyze(actors_analyzer, text, "2016-09-10")
    assert actor_at(r, text, "Lithuanian").id == "Q37"
    assert actor_at(r, text, "Americans").id == "Q30"


def test_foreign_namesake_out_of_office_is_not_linked(actors_analyzer):
    text = "Former three-term Rep. John Delaney wrote that the American people deserve the full report."
    r = analyze(actors_analyzer, text, "2019-03-23")
    actor = actor_at(r, text, "John Delaney")
    assert actor is None or actor.local or actor.country == "USA"


def test_kb_lookups_for_names_parties_and_executives():
    from presswatch.kb import Entry, KnowledgeBase
    from presswatch.types import Role

    kb = KnowledgeBase([
        Entry(id="p1", name="Syed Khursheed Ahmed Shah", type="person", country="PAK"),
        Entry(id="p2", name="Jorge Castaneda Gutman", type="person", country="MEX"),
        Entry(id="party", name="Labour Party", type="party", country="GBR", aliases=["Socialists"]),
        Entry(id="body", name="Cabinet Office", type="government_body", country="GBR",
              aliases=["UK government", "British government"]),
        Entry(id="un", name="United Nations", type="organization"),
        Entry(id="unsc", name="United Nations Security Council", type="organization"),
        Entry(id="pm", name="Jane Doe", type="person", country="GBR",
              roles=[Role(title="Prime Minister", start="2020", end="2022")]),
    ])
    assert kb.lookup_person("Syed Muzaffar Shah") == []  # middle names must agree
    assert [e.id for e in kb.lookup_person("Syed Shah")] == ["p1"]
    assert [e.id for e in kb.lookup_person("Jorge Castañeda")] == ["p2"]  # first of two surnames
    assert [e.id for e in kb.lookup("Labour")] == ["party"] and [e.id for e in kb.lookup("Socialist")] == ["party"]
    assert kb.executive[("GBR", "government")] == "body"
    assert ("unsc", "united nations") in kb.by_suffix["security council"]


def test_family_name_first_and_notable_surnames_out_of_office(actors_analyzer):
    text = ("Secretary General Ban Ki-moon condemned the test. Ban, a diplomat from South Korea, leaves soon. "
            "In the U.S. race, whether it's Clinton or Trump, this is the top issue.")
    r = analyze(actors_analyzer, text, "2016-09-10")
    assert actor_at(r, text, "Ban,").id == "ban-ki-moon-kor"
    assert actor_at(r, text, "Trump").id == "Q22686"  # not yet in office on that date


def test_a_title_takes_a_surname_back_from_a_headline_word(actors_analyzer):
    text = "Derelict Obama and Clinton\n\nPresident Obama did not react. Obama and Clinton continue to ignore it."
    r = analyze(actors_analyzer, text, "2016-09-22")
    assert actor_at(r, text, "Obama did").id == "Q76"
    assert actor_at(r, text, "Obama and Clinton continue").id == "Q76"


def test_possessive_inside_a_known_name_is_not_split(actors_analyzer):
    text = "Kerry referred to the Democratic People's Republic of Korea by its official name."
    r = analyze(actors_analyzer, text, "2016-09-10")
    assert actor_at(r, text, "Republic of Korea").id == "Q423"


# -- holders of a post in the change-over year -------------------------------------------------

def _entry(eid, start, end, title="Spokesperson of the Ministry of Foreign Affairs of Testland"):
    from presswatch.kb import Entry
    from presswatch.types import Role

    return Entry(id=eid, name=eid, type="person", country="TST",
                 roles=[Role(title=title, country="TST", start=start, end=end)])


def _pick(entries, date):
    from presswatch.actors import pick_holders

    return pick_holders([(e, e.roles[0]) for e in entries if role_active(e.roles[0], date)], date)


def test_in_office_share_reads_imprecise_bounds_as_windows():
    from presswatch.actors import in_office_share
    from presswatch.types import Role

    assert in_office_share(Role(title="x", start="2014", end="2018"), "2016-06-01") == 1.0
    ending = in_office_share(Role(title="x", start="2014", end="2018"), "2018-03-01")
    starting = in_office_share(Role(title="x", start="2018", end=None), "2018-03-01")
    assert 0.8 < ending < 0.9 and 0.1 < starting < 0.2
    assert in_office_share(Role(title="x", start="2018-03-15", end=None), "2018-03-15") == 1.0
    assert in_office_share(Role(title="x", start="2018-03", end=None), "2018-03-16") == pytest.approx(16 / 31)
    assert in_office_share(Role(title="x", start=None, end=None), "2018") == 1.0


def test_change_over_year_goes_to_the_outgoing_holder_early_and_the_incoming_late():
    old, new = _entry("old", "2014", "2018"), _entry("new", "2018", None)
    assert _pick([old, new], "2018-02-10") == ["old"]
    assert _pick([old, new], "2018-11-10") == ["new"]
    assert _pick([old, new], "2016-05-01") == ["old"] and _pick([old, new], "2020-05-01") == ["new"]


def test_a_holder_certainly_in_office_beats_an_imprecise_one():
    old, new = _entry("old", "2014", "2018"), _entry("new", "2018-03-15", None)
    assert _pick([old, new], "2018-02-01") == ["old"]  # new not yet in office
    assert _pick([old, new], "2018-04-01") == ["new"]  # new certain, old only probably
    precise_old = _entry("old", "2014", "2018-10-01")
    assert _pick([precise_old, _entry("new", "2018", None)], "2018-09-01") == ["old"]


def test_concurrent_holders_stay_ambiguous_and_ties_are_deterministic():
    a, b = _entry("a", "2015-01", "2020-12"), _entry("b", "2016-01", None)
    assert sorted(_pick([a, b], "2017-06-01")) == ["a", "b"]  # both certain: two posts at once
    c, d = _entry("c", "2018", None), _entry("d", "2018", None)  # same windows: same share
    assert _pick([c, d], "2018-06-01") == _pick([d, c], "2018-06-01") == ["d"]
    assert _pick([], "2018-06-01") == []


def test_a_date_that_is_not_iso_keeps_every_active_holder():
    from presswatch.actors import pick_holders

    old, new = _entry("old", "2014", "2018"), _entry("new", "20x8", None)
    assert pick_holders([(old, old.roles[0]), (new, new.roles[0])], "2018-06-01") == ["old", "new"]


def test_description_in_the_change_over_year_resolves_by_date(actors_analyzer):
    # Lemoine's term ends and Confavreux's starts in 2025 (both at year precision in the base)
    text = "The French foreign ministry spokesman said Paris was concerned."
    early = actor_at(analyze(actors_analyzer, text, "2025-02-01"), text, "spokesman")
    late = actor_at(analyze(actors_analyzer, text, "2025-11-01"), text, "spokesman")
    assert early is not None and early.id == "christophe-lemoine-fra"
    assert late is not None and late.id == "pascal-confavreux-fra"


# -- organisations named by a bare word ------------------------------------------------------

@pytest.mark.parametrize("text,needle,date,expected", [
    ("The European Commission proposed new rules. Later the commission president said they were overdue.",
     "commission president", "2021-06-01", "ursula-von-der-leyen-deu"),
    ("NATO foreign ministers met in Brussels. Afterwards the alliance's secretary general said they agreed.",
     "secretary general", "2021-06-01", "jens-stoltenberg-nor"),
    ("After the CSTO summit, the Organisation's secretary general said the troops would leave.",
     "secretary general", "2022-01-10", "stanislav-zas-blr"),
    ("The European Commission and NATO met. The Alliance chief spoke first.", "chief", "2021-06-01",
     "jens-stoltenberg-nor"),
    ("The European Commission and NATO met. The Commission chief spoke first.", "chief", "2021-06-01",
     "ursula-von-der-leyen-deu"),
])
def test_bare_organisation_word_after_its_name_resolves_the_post(actors_analyzer, text, needle, date, expected):
    actor = actor_at(analyze(actors_analyzer, text, date), text, needle)
    assert actor is not None and actor.id == expected


def test_bare_organisation_word_follows_the_organisation_named_last(actors_analyzer):
    text = ("NATO ministers met on Monday. On Tuesday the European Commission met. "
            "The Commission president and then the Alliance's secretary general spoke.")
    r = analyze(actors_analyzer, text, "2021-06-01")
    assert actor_at(r, text, "president").id == "ursula-von-der-leyen-deu"
    assert actor_at(r, text, "secretary general").id == "jens-stoltenberg-nor"


@pytest.mark.parametrize("text,needle", [
    ("The city council met on Tuesday. The Commission president said nothing.", "Commission"),
    ("The Federal Election Commission met on Tuesday. The Commission chairman said the rules stand.", "Commission chairman"),
    ("The farmers' alliance met. The alliance's secretary general said prices were low.", "secretary general"),
])
def test_bare_organisation_word_without_its_name_stays_unresolved(actors_analyzer, text, needle):
    r = analyze(actors_analyzer, text, "2021-06-01")
    actor = actor_at(r, text, needle)
    assert actor is None or actor.type not in {"organization", "alliance", "government_body", "person"}, actor


@pytest.mark.parametrize("text, needle", [
    ("Pakistan's Supreme Court ruled on Monday that the election was valid.", "Supreme Court"),
    ("South Korea's Supreme Court upheld the sentence.", "Supreme Court"),
])
def test_another_states_body_is_not_the_us_one(actors_analyzer, text, needle):
    result = analyze(actors_analyzer, text)
    actor = actor_at(result, text, needle)
    assert actor is None or actor.id != "us-supreme-court"


def test_a_body_of_the_same_state_keeps_its_link(actors_analyzer):
    text = "America's Supreme Court ruled against the president. The Supreme Court rarely does."
    result = analyze(actors_analyzer, text)
    assert actor_at(result, text, "Supreme Court").id == "us-supreme-court"
    assert actor_at(result, text, "Supreme Court", nth=1).id == "us-supreme-court"


# -- cities: places with their country, not actors ------------------------------------------------
@pytest.mark.parametrize("text,needle,country", [
    ("Demonstrators gathered in Lagos on Sunday.", "Lagos", "NGA"),
    ("Shelling hit Kharkiv and Mosul overnight.", "Kharkiv", "UKR"),
    ("Shelling hit Kharkiv and Mosul overnight.", "Mosul", "IRQ"),
    ("Police arrested protesters in Texas.", "Texas", "USA"),  # a US state
])
def test_a_city_is_a_place_with_its_country_and_no_actor(actors_analyzer, text, needle, country):
    r = analyze(actors_analyzer, text)
    ent = entity_at(r, text, needle)
    assert (ent.actor, ent.reading, ent.country) == (None, "place", country)
    assert actor_at(r, text, needle) is None  # the gold set's NIL place: no actor mention
    assert not r.actors


def test_a_city_shared_by_two_countries_goes_to_the_one_the_article_names(actors_analyzer):
    text = "Clashes erupted in Hyderabad. Pakistan's government called for calm."
    assert entity_at(analyze(actors_analyzer, text), text, "Hyderabad").country == "PAK"
    text = "Dozens were arrested in Tripoli, Lebanon's second city."
    assert entity_at(analyze(actors_analyzer, text), text, "Tripoli").country == "LBN"
    text = "Dozens were arrested in Tripoli."  # a capital used as a place: the capital's country
    ent = entity_at(analyze(actors_analyzer, text), text, "Tripoli")
    assert (ent.actor, ent.reading, ent.country) == (None, "place", "LBY")


def test_states_and_capitals_carry_their_country_in_both_readings(actors_analyzer):
    text = "Russia accused Ukraine. Moscow warned its neighbours. The summit took place in Moscow."
    r = analyze(actors_analyzer, text)
    assert entity_at(r, text, "Russia").country == "RUS"
    agent, place = entity_at(r, text, "Moscow warned"), entity_at(r, text, "Moscow", 1)
    assert (agent.reading, agent.country) == ("government", "RUS")
    assert (place.actor, place.reading, place.country) == (None, "place", "RUS")


def test_town_names_that_are_common_words_or_people_are_not_cities(actors_analyzer):
    text = "We had a nice time, then a bath. The mobile unit left. Jackson said the plan would fail."
    r = analyze(actors_analyzer, text)
    assert all(e.country is None and e.reading is None for e in r.entities), r.entities


def test_entity_country_round_trips_and_validates(actors_analyzer):
    import jsonschema

    from presswatch.schema import validate
    from presswatch.types import Entity

    r = actors_analyzer.analyze("Demonstrators gathered in Lagos on Sunday.")
    ent = next(e for e in r.entities if e.text == "Lagos")
    assert Entity.from_dict(ent.to_dict()) == ent and ent.to_dict()["country"] == "NGA"
    doc = r.to_dict()
    validate(doc)
    doc["entities"][0]["country"] = "Nigeria"  # ISO3 codes only
    with pytest.raises(jsonschema.ValidationError):
        validate(doc)


def test_the_eus_seat_as_a_place_is_in_belgium(actors_analyzer):
    text = "NATO ministers met in Brussels on Tuesday."
    place = entity_at(analyze(actors_analyzer, text), text, "Brussels")
    assert (place.actor, place.reading, place.country) == (None, "place", "BEL")


@pytest.mark.parametrize("text, iso", [
    ("The Republic of the Congo's president spoke in Brazzaville. Congo will hold elections.", "COG"),
    ("Congo will hold elections, officials in Kinshasa said.", "COD"),
    ("Congo will hold elections next year.", "COD"),
])
def test_bare_congo_follows_the_republic_the_article_names(actors_analyzer, text, iso):
    result = analyze(actors_analyzer, text)
    congo = entity_at(result, text, "Congo will")
    assert congo.country == iso
    assert next(a for a in result.actors if a.id == congo.actor).country == iso


REPUBLIC = "Brazzaville, the capital of the Republic of the Congo, was calm on Monday. "
DRC = "Kinshasa was calm on Monday. "


@pytest.mark.parametrize("lead, tail, published, iso", [
    (REPUBLIC, "Congo's president said that the vote would go ahead.", "2017-09-20", "COG"),
    (DRC, "Congo's president said that the vote would go ahead.", "2017-09-20", "COD"),
    (REPUBLIC, "The Congolese foreign minister said the border would reopen.", "2021-09-20", "COG"),
])
def test_congo_titles_follow_the_republic_the_article_names(actors_analyzer, lead, tail, published, iso):
    text = lead + tail
    result = analyze(actors_analyzer, text, published=published)
    holder = actor_at(result, text, "president said" if "president" in tail else "foreign minister")
    assert holder is not None and holder.type == "person" and holder.country == iso
    assert any(role.country == iso for role in holder.roles)


def test_congolese_minister_in_a_drc_article_is_not_the_republics(actors_analyzer):
    text = DRC + "The Congolese foreign minister said the border would reopen."
    result = analyze(actors_analyzer, text, published="2021-09-20")
    holder = actor_at(result, text, "foreign minister")
    assert holder is None or holder.country != "COG"
    assert actor_at(result, text, "Congolese").country == "COD"


def test_a_body_in_the_title_picks_its_own_office_holder(actors_analyzer):
    # a bare "spokesman" is the president's; the Pentagon's is the defence ministry's
    text = "The Pentagon spokesman said the strikes would continue."
    assert actor_at(analyze(actors_analyzer, text, "2020-03-01"), text, "spokesman").id == "jonathan-hoffman-usa"
    assert actor_at(analyze(actors_analyzer, text, "2026-03-01"), text, "spokesman").id == "sean-parnell-usa"
    text = "The White House spokesman said the talks went well."
    assert actor_at(analyze(actors_analyzer, text, "2026-03-01"), text, "spokesman").id == "karoline-leavitt-usa"
    for text in ("The Russian Foreign Ministry spokeswoman said Moscow would respond.",
                 "Russia's foreign ministry spokeswoman said Moscow would respond."):
        assert actor_at(analyze(actors_analyzer, text), text, "spokeswoman").id == "maria-zakharova-rus"


def test_an_indefinite_title_is_nobody_in_particular(actors_analyzer):
    for text in ("A Kremlin spokesman declined to comment.",
                 "A Russian foreign ministry spokeswoman said Moscow would respond.",
                 "Another US Secretary of State once said the same."):
        result = analyze(actors_analyzer, text)
        assert all(a.type != "person" for a in result.actors), text
    text = "The Kremlin spokesman declined to comment."
    assert actor_at(analyze(actors_analyzer, text), text, "spokesman").id == "dmitry-peskov-rus"


def test_an_unknown_person_takes_the_country_of_the_body_in_their_title(actors_analyzer):
    text = "White House spokesman Josh Smithers said the talks went well."
    person = actor_at(analyze(actors_analyzer, text, "2026-03-01"), text, "Smithers")
    assert person.local and person.country == "USA"
    text = "Analyst Josh Smithers said the talks went well."  # no body, no country
    assert actor_at(analyze(actors_analyzer, text, "2026-03-01"), text, "Smithers").country is None
