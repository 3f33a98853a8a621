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

# The coverage's languages; every language of CLDR would make look-alikes of other
# languages' words ("Ceko", "Swiss") stand for names the coverage's readers do not write.
LANGUAGES = ("en", "id")


def other_names(name: str) -> list[str]:
    """The other names of the country or language that ``name`` names, in :data:`LANGUAGES` (none if it names none)."""
    asked = name.casefold()
    return sorted(other for other in _names().get(asked, set()) if other.casefold() != asked)


@lru_cache(maxsize=1)
def _names() -> dict[str, set[str]]:
    """Each CLDR country and language name, case-folded, and every name of what it names."""
    locales = [Locale.parse(code) for code in LANGUAGES]
    groups = [
        {locale.territories[code] for locale in locales if code in locale.territories}
        for code in locales[0].territories
    ] + [{locale.languages[code] for locale in locales if code in locale.languages} for code in locales[0].languages]
    names: dict[str, set[str]] = {}
    for group in groups:
        for member in group:
            names.setdefault(member.casefold(), set()).update(group)
    return names
