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

from index.dictionary_names import translated_names
from index.place_names import other_names
from index.store import IndexStore

# A word at least this share of the reports hold, in any of its names, is the coverage's own subject ...
COVERAGE_WIDE_SHARE = 0.9
# ... when there are this many reports at least: over a few, any word of them is "held by nearly all"
# (the bundled corpus is one article), and a question's words still pick what of them answers.
FEWEST_REPORTS = 20


def is_coverage_wide(term: str, store: IndexStore) -> bool:
    """Whether nearly every served report holds ``term`` or its name in another language ("Ukraina": Ukraine)."""
    reports = store.article_count()
    if reports < FEWEST_REPORTS:
        return False
    names = [term, *other_names(term), *translated_names(term)]
    return store.articles_mentioning_any(names) >= COVERAGE_WIDE_SHARE * reports
