"""The acronyms a text writes out: "Organization for Security and Co-operation in Europe" is OSCE.

News reports name an organisation in full and readers ask by its initials: the oil
reports write "West Texas Intermediate" and never "WTI", the Vienna talks "the
Organization for Security and Cooperation in Europe". A run of capitalised words on one
line, with "of", "for", "and", "the", "in", "on" or their Indonesian kin between them,
writes out the initials of its three to six capitalised words: "the American Petroleum
Institute reported" writes out API, though "American Petroleum Institute President Mike
Sommers" does not (a title and a name run on). A longer run is a headline in title case
or a list of names. Two letters are not read: two capitalised words are most
often a person ("Michael Kofman" is no "MK"), and across a coverage of thousands of
articles nearly every pair of letters would be written out. A word's hyphenated parts
give one initial ("Co-operation" is C); a capitalised "The" or "A" gives none.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
# Words that may stand inside a name without giving it a letter.
_CONNECTORS = frozenset({"of", "for", "and", "the", "in", "on", "at", "de", "dan", "untuk", "dari", "a", "an"})
SHORTEST = 3  # letters (capitalised words) of an acronym read
LONGEST = 6  # a longer run of capitalised words is a headline in title case or a list of names


def written_out(text: str) -> set[str]:
    """Every acronym of :data:`SHORTEST` letters or more that ``text`` writes out in full."""
    acronyms: set[str] = set()
    for run in _capitalised_runs(text):
        if len(run) <= LONGEST:
            acronyms.add("".join(word[0].upper() for word in run))
    return acronyms


def is_acronym(word: str) -> bool:
    """Whether ``word`` is written as an acronym that :func:`written_out` could find: capitals only, 3-6 letters."""
    return SHORTEST <= len(word) <= LONGEST and word.isalpha() and word.isupper()


def _capitalised_runs(text: str) -> list[list[str]]:
    """The runs of capitalised words on one line, connectors allowed between them (they give no letter)."""
    runs: list[list[str]] = []
    run: list[str] = []
    previous_end = 0
    for match in _WORD.finditer(text):
        word = match.group()
        if text[previous_end : match.start()] not in {" ", ""}:  # punctuation or a line between: a new run
            runs.append(run)
            run = []
        previous_end = match.end()
        if word.casefold() in _CONNECTORS:
            continue
        if word[0].isupper():
            run.append(word)
        else:
            runs.append(run)
            run = []
    runs.append(run)
    return [run for run in runs if len(run) >= SHORTEST]


__all__ = ["LONGEST", "SHORTEST", "is_acronym", "written_out"]
