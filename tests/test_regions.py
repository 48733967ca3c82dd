"""presswatch.cities: curated regions and provinces name their country (after cities and US states),
shared names name none, and the actors and events layers place things there. Sentences written for
these tests."""

from __future__ import annotations

import csv
from importlib import resources

import pytest

from presswatch import cities
from presswatch.kb import norm
from conftest import event_code, first_event

REGIONS_CSV = resources.files("presswatch").joinpath("data", "places", "regions.csv")


def _rows() -> list[dict]:
    with REGIONS_CSV.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize("name,country", [
    ("Chechnya", "RUS"), ("Chechen Republic", "RUS"), ("Dagestan", "RUS"), ("Siberia", "RUS"),
    ("Xinjiang", "CHN"), ("Sinkiang", "CHN"), ("Tibet", "CHN"), ("Inner Mongolia", "CHN"),
    ("Darfur", "SDN"), ("North Darfur", "SDN"), ("Tigray", "ETH"), ("Borno", "NGA"),
    ("Aceh", "IDN"), ("Mindanao", "PHL"), ("Catalonia", "ESP"), ("Basque Country", "ESP"),
    ("Scotland", "GBR"), ("Bavaria", "DEU"), ("Quebec", "CAN"), ("Alberta", "CAN"), ("Queensland", "AUS"),
    ("Helmand", "AFG"), ("Balochistan", "PAK"), ("Uttar Pradesh", "IND"), ("Idlib province", "SYR"),
    ("the Donbas", "UKR"), ("Donbass", "UKR"), ("DONBAS", "UKR"),  # "the", case
    ("Catalonia's", "ESP"),  # a possessive folds away
    ("Baden-Wuerttemberg", "DEU"), ("Baden-Württemberg", "DEU"),  # an alias; diacritics
])
def test_regions_and_aliases_give_their_country(name, country):
    assert cities.country_of(name) == country


@pytest.mark.parametrize("name,country", [
    ("Crimea", "UKR"), ("Abkhazia", "GEO"), ("South Ossetia", "GEO"), ("Transnistria", "MDA"),
    ("Nagorno-Karabakh", "AZE"), ("Golan Heights", "SYR"), ("Gaza Strip", "PSE"), ("West Bank", "PSE"),
    ("Northern Cyprus", "CYP"),
])
def test_contested_places_are_coded_with_the_recognised_state_and_say_so(name, country):
    assert cities.country_of(name) == country
    row = next(r for r in _rows() if r["name"] == name)
    assert row["note"].strip(), name  # the file says why


@pytest.mark.parametrize("name", [
    "Kashmir", "Punjab", "Kurdistan", "Kurdish region", "Bengal", "Macedonia", "Galicia", "Tyrol", "Borneo",
    "Kashmir region",  # the suffix rule does not resolve a shared name
    "Western Sahara",  # left out
    "Azerbaijan", "Georgia",  # countries first: never a region
])
def test_names_states_share_give_no_country(name):
    assert cities.country_of(name) is None


@pytest.mark.parametrize("name,country", [
    ("Jammu and Kashmir", "IND"), ("Indian-administered Kashmir", "IND"), ("Azad Kashmir", "PAK"),
    ("Pakistan-administered Kashmir", "PAK"), ("Kurdistan Region", "IRQ"), ("Iraqi Kurdistan", "IRQ"),
    ("West Bengal", "IND"), ("East Azerbaijan", "IRN"), ("South Tyrol", "ITA"), ("Gorno-Badakhshan", "TJK"),
])
def test_unambiguous_forms_of_shared_names_are_coded(name, country):
    assert cities.country_of(name) == country


@pytest.mark.parametrize("name,country", [
    ("Helmand province", "AFG"), ("Rakhine state", "MMR"), ("Kherson region", "UKR"),  # a region, a city
    ("Lagos State", "NGA"), ("Washington state", "USA"),
])
def test_a_trailing_generic_word_is_tried_without_it(name, country):
    assert cities.country_of(name) == country


@pytest.mark.parametrize("name", ["province", "the region", "Islamic State", "", "  ", "Narnia region"])
def test_a_generic_word_alone_or_an_unknown_name_gives_none(name):
    assert cities.country_of(name) is None


def test_a_region_never_beats_a_city_of_that_name_or_a_country(monkeypatch):
    monkeypatch.setattr(cities, "region_index", lambda: {"lagos": "GHA", "natal": "ZAF", "borno": "NGA"})
    assert cities.country_of("Lagos") == "NGA"  # a city's own name wins
    assert cities.country_of("Natal") == "BRA"
    assert cities.lookup("Borno")[0].country == "DEU"  # GeoNames: an alternate name of Borna
    assert cities.country_of("Borno") == "NGA"  # a curated region beats an alternate name


def test_reading_drops_countries_and_states_and_treats_conflicts_as_shared(tmp_path):
    path = tmp_path / "regions.csv"
    path.write_text("name,aliases,iso3,note\n"
                    "Georgia,Texas|Europe,usa,\n"  # a country, a US state, a continent: dropped
                    "Upland,Highlands|,nor,\n"
                    "Highlands,,SWE,\n"  # the key two rows give different states: shared
                    "Midland,,,shared\n", encoding="utf-8")
    assert cities.read_regions(path) == {"upland": "NOR", "highlands": None, "midland": None}


def test_every_row_reaches_its_country_and_is_built_once():
    rows = _rows()
    coded = [r for r in rows if r["iso3"]]
    assert len(coded) >= 250
    known = {c["iso3"] for c in cities._read("countries.json").values()}
    assert {r["iso3"] for r in coded} <= known
    for r in coded:  # none is shadowed by a city abroad, a country or another row
        for name in [r["name"], *filter(None, r["aliases"].split("|"))]:
            assert cities.country_of(name) == r["iso3"], name
    for r in rows:
        if not r["iso3"]:
            assert cities.country_of(r["name"]) is None and r["note"].startswith("shared"), r["name"]
    assert len({norm(r["name"]) for r in rows}) == len(rows)  # no row twice
    assert cities.region_index() is cities.region_index()


# -- through a full analysis: the actors layer's place, the events layer's location ----------------

@pytest.mark.slow
def test_an_attack_in_a_region_targets_its_country(events_analyzer):
    text = "Russian troops shelled villages in Chechnya."
    analysis, event = first_event(events_analyzer, text, "ASSAULT")
    place = next(e for e in analysis.entities if e.text == "Chechnya")
    assert (place.actor, place.reading, place.country) == (None, "place", "RUS")
    assert event_code(analysis, event.source) == "RUS"
    assert event_code(analysis, event.target) == "RUS"


@pytest.mark.slow
@pytest.mark.parametrize("text,country", [
    ("Police in Xinjiang detained dozens of Uighurs.", "CHN"),
    ("Police arrested protesters in the Donbas.", "UKR"),
    ("Troops raided a village in Helmand province.", "AFG"),
])
def test_police_in_a_region_take_its_country(events_analyzer, text, country):
    analysis, event = first_event(events_analyzer, text, "COERCE")
    assert event_code(analysis, event.source) == country


@pytest.mark.slow
def test_a_shared_region_gives_no_country_in_an_analysis(events_analyzer):
    analysis, event = first_event(events_analyzer, "Soldiers killed five militants in Kashmir.", "ASSAULT")
    kashmir = next(e for e in analysis.entities if e.text == "Kashmir")
    assert kashmir.country is None
    assert event_code(analysis, event.source) is None and event_code(analysis, event.target) is None
