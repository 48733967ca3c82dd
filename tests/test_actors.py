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
