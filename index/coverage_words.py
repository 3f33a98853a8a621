"""Words nearly every report of the coverage holds: its own subject, which tells no report from another.

Over the seed and news-en-ukraine-2022, all 96 reports name Ukraine (the seed as
"Ukraina") and 90 Russia, where Putin is in 54. "What's the latest on Ukraine?" asks, in such
a coverage, what the newest reports say, as "what's the latest?" does; read as a subject,
it was answered with the one sentence holding both "latest" and "Ukraine" ("... Russia's
latest aggression toward Ukraine."), and its Indonesian twin with a claim about chemical
weapons. In a broader coverage (news-en-scale: markets, companies, politics; 385 of its
2,081 reports name Ukraine) it is one subject among many, and a question naming it keeps it.
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from index.common_words import is_indonesian_word
from index.dictionary_names import translated_names
from index.english_words import is_english_word
from index.place_names import is_place_name, other_names
from index.question import names_in
from index.store import IndexStore

# A word at least this share of the reports hold, in any of its names, is the coverage's own subject ...
COVERAGE_WIDE_SHARE = 0.9
# ... when there are this many reports at least: over a few, any word of them is "held by nearly all"
# (the bundled corpus is one article), and a question's words still pick what of them answers.
FEWEST_REPORTS = 20


# What each served version's reports were found to hold; a served version does not change.
_KNOWN: WeakKeyDictionary[IndexStore, dict[str, bool]] = WeakKeyDictionary()
_OWN_SUBJECT: WeakKeyDictionary[IndexStore, bool] = WeakKeyDictionary()
_OUTLET_WORDS: WeakKeyDictionary[IndexStore, frozenset[str]] = WeakKeyDictionary()
# Reports whose names are read to tell whether a coverage has a subject of its own, spread
# over the ids: a name nine reports in ten hold is missing from all five about once in 100,000.
_SAMPLED_REPORTS = 5


def is_coverage_wide(term: str, store: IndexStore) -> bool:
    """Whether nearly every served report holds ``term`` or its name in another language ("Ukraina": Ukraine)."""
    known = _KNOWN.setdefault(store, {})
    if term not in known:
        known[term] = _held_by_nearly_all(term, store)
    return known[term]


def has_own_subject(store: IndexStore) -> bool:
    """Whether some name is held by nearly every served report, judged from the names of a few of them.

    Such a name is in nine reports of ten, so in one of the few read but by a rare chance;
    in a broad coverage (news-en-scale: markets, companies, politics) none is, and this
    says so after reading a few reports instead of every name a question's sentences hold.
    An outlet's name is none: every report of a one-outlet coverage may name it.
    """
    if store not in _OWN_SUBJECT:
        reports = store.article_count()
        spread = sorted({n * reports // _SAMPLED_REPORTS for n in range(_SAMPLED_REPORTS)})  # over the ids' range
        sample = [article.doc_id for offset in spread for article in store.article_headers(offset, 1)]
        texts = [f"{article.title}. {article.text}" for article in store.articles_by_id(sample).values()]
        names = {name for text in texts for name in names_of(text)}
        _OWN_SUBJECT[store] = any(is_own_subject(name, store) for name in sorted(names))
    return _OWN_SUBJECT[store]


def _held_by_nearly_all(term: str, store: IndexStore) -> bool:
    """Whether at least :data:`COVERAGE_WIDE_SHARE` of a big enough coverage's reports hold one of ``term``'s names."""
    reports = store.article_count()
    if reports < FEWEST_REPORTS:
        return False
    names = [term, *other_names(term), *translated_names(term)]
    return store.articles_mentioning_any(names) >= COVERAGE_WIDE_SHARE * reports


def _is_word(word: str) -> bool:
    """Whether ``word`` (lower-cased) is an ordinary English or Indonesian word."""
    return is_english_word(word) or is_indonesian_word(word)


def is_word_in_capitals(name: str) -> bool:
    """Whether ``name`` is an ordinary word in capitals ("US", "AS"), which the full-text index reads as the word.

    Blind to case, it counts "US" as the "us" that every report holds.
    """
    return name.isupper() and _is_word(name.lower())


def is_own_subject(name: str, store: IndexStore) -> bool:
    """Whether ``name``, in any of its forms ("Russian": "Rusia"), is one nearly every report holds, and no outlet's."""
    return not is_outlet_word(name, store) and any(is_coverage_wide(form, store) for form in (name, *other_names(name)))


def names_of(text: str) -> list[str]:
    """The names ``text`` writes, its sentences' first words only when no ordinary word or a country's; no figures.

    "Russia emptied ..." and "Putin does not understand ..." open with a name, "However,
    ..." does not. "U.S." is read as "U" and "S", which name nothing, and the full-text
    index, blind to case, would count "US" and "AS" as the words "us" and "as" that every
    report holds.
    """
    openers = [name for name in names_in(text, openers=True) if is_place_name(name) or not _is_word(name.lower())]
    names = [*names_in(text), *openers]
    return [
        name
        for name in dict.fromkeys(names)
        if len(name) > 1 and not any(c.isdigit() for c in name) and not is_word_in_capitals(name)
    ]


def is_outlet_word(name: str, store: IndexStore) -> bool:
    """Whether ``name`` is a word of the name of one of the coverage's outlets ("CNN", "Times")."""
    return name.casefold() in _outlet_words(store)


def _outlet_words(store: IndexStore) -> frozenset[str]:
    """The words of the coverage's outlets' names, case-folded."""
    if store not in _OUTLET_WORDS:
        _OUTLET_WORDS[store] = frozenset(word.casefold() for outlet in store.sources() for word in outlet.split())
    return _OUTLET_WORDS[store]
