"""A country's or a language's name in the coverage's other languages, from the Unicode CLDR (via Babel).

An Indonesian question names "Jerman" or "Inggris" where the English coverage writes
"Germany" or "English", and an English one names "Spanish" where the Indonesian
article writes "Spanyol". A name is one of these when another language's name of the
same country or language is: CLDR's tables hold both, so the name check of
index.mentions does not depend on the retrieved passages happening to hold the
translation.
"""

from __future__ import annotations

from functools import lru_cache

from babel import Locale

from index.lexical import ASKED_LANGUAGES


def other_names(name: str) -> list[str]:
    """The other names, in the languages questions are asked in, of the country or language ``name`` names."""
    asked = name.casefold()
    return sorted(other for other in _names().get(asked, set()) if other.casefold() != asked)


@lru_cache(maxsize=64)
def language_names(code: str) -> frozenset[str]:
    """CLDR's names of the language ``code`` in the languages questions are asked in, less those naming a country too.

    "id" is "Indonesian" in English and "Indonesia" in Indonesian, which is also the
    country: a question naming the country asks about it, not about the language.
    """
    locales = [Locale.parse(asked) for asked in ASKED_LANGUAGES]
    countries = {name.casefold() for locale in locales for name in locale.territories.values()}
    names = {locale.languages[code] for locale in locales if code in locale.languages}
    return frozenset(name for name in names if name.casefold() not in countries)


def is_place_name(name: str) -> bool:
    """Whether ``name`` is CLDR's name of a country, region or language in a language questions are asked in."""
    return name.casefold() in _names()


@lru_cache(maxsize=1)
def _names() -> dict[str, set[str]]:
    """Each CLDR country and language name, case-folded, and every name of what it names."""
    locales = [Locale.parse(code) for code in ASKED_LANGUAGES]
    groups = [
        {locale.territories[code] for locale in locales if code in locale.territories}
        for code in locales[0].territories
    ] + [{locale.languages[code] for locale in locales if code in locale.languages} for code in locales[0].languages]
    names: dict[str, set[str]] = {}
    for group in groups:
        proper = {member for member in group if not member.islower()}  # "world" (CLDR's 001) is no name
        for member in proper:
            names.setdefault(member.casefold(), set()).update(proper)
    return names
