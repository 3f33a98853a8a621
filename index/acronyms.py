"""The acronyms a text writes out: "Organization for Security and Co-operation in Europe" is OSCE.

News reports name an organisation in full and readers ask by its initials: the oil
reports write "West Texas Intermediate" and never "WTI", the Vienna talks "the
Organization for Security and Cooperation in Europe". A run of capitalised words,
with short lower-case words between them ("for", "and", "in"), writes out the initials
of each of its stretches of two capitalised words or more: "American Petroleum Institute
President Mike Sommers" writes out API, and PIP and MS too, which no one asks about.
A word's hyphenated parts give one initial ("Co-operation" is C).
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_CONNECTOR_LETTERS = 3  # a lower-case word this short may stand inside a name: "for", "and", "of", "dan"
LONGEST = 8  # letters of an acronym read


def written_out(text: str) -> set[str]:
    """Every acronym of two to :data:`LONGEST` letters that ``text`` writes out in full."""
    acronyms: set[str] = set()
    for run in _capitalised_runs(text):
        initials = "".join(word[0].upper() for word in run)
        for start in range(len(initials)):
            for end in range(start + 2, min(start + LONGEST, len(initials)) + 1):
                acronyms.add(initials[start:end])
    return acronyms


def is_acronym(word: str) -> bool:
    """Whether ``word`` is written as an acronym that :func:`written_out` could find: capitals only, 2-8 letters."""
    return 2 <= len(word) <= LONGEST and word.isalpha() and word.isupper()


def _capitalised_runs(text: str) -> list[list[str]]:
    """The runs of capitalised words, short lower-case words allowed between two of them."""
    runs: list[list[str]] = []
    run: list[str] = []
    pending = 0  # lower-case connectors read since the run's last capitalised word
    previous_end = 0
    for match in _WORD.finditer(text):
        word = match.group()
        if text[previous_end : match.start()].strip():  # punctuation between: a new run
            runs.append(run)
            run, pending = [], 0
        previous_end = match.end()
        if word[0].isupper():
            run.append(word)
            pending = 0
        elif run and len(word) <= _CONNECTOR_LETTERS and pending < 2:
            pending += 1
        else:
            runs.append(run)
            run, pending = [], 0
    runs.append(run)
    return [run for run in runs if len(run) >= 2]


__all__ = ["LONGEST", "is_acronym", "written_out"]
