"""The separators a flattened page export left in article text, left out where a reader sees it.

Some exports joined a page's parts with ", ": a passage opens ", Stock futures were
slightly higher ...", and one sentence runs into the next, "... he said., Sen. Ted Cruz
of Texas ..." (60 such joins in news-en-ukraine-2022, one per article). Others glued a
report's dateline to its first word: "(CNN)The State Department announced ...", "New
York (CNN Business)On a wild day ..." (173 CNN reports of news-en-ukraine-2022 and
news-en-scale, no other outlet's). The index keeps the text as it is: cleaning it
re-chunked articles and cost more answers than it gained (README, the thirty-ninth
session). Quotes, timeline lines and source excerpts show it without them.
"""

from __future__ import annotations

import re

# A sentence's end, then ", " and the next sentence's capital: "leader., And". A word of three lower-case
# letters or more before the mark leaves most abbreviations alone ("U.S., European", "Apple Inc., Google",
# "Jr., who"); those longer ones that take a comma after them are listed.
_JOIN = re.compile(r"\b(\w*[a-z]{3})([.!?][\"”’']?), (?=[\"“‘']?[A-Z])")
_ABBREVIATIONS = frozenset(
    {"corp", "bros", "etc", "calif", "mass", "conn", "tenn", "wash", "colo", "okla", "sept", "dept", "govt", "assn"}
    | {"intl", "univ", "mich", "minn", "wisc", "penn", "ariz", "nev", "fla", "ind", "ill", "kan", "neb", "ore"}
)
_LEADING = re.compile(r"^[ ,;:]+", re.MULTILINE)  # what a join leaves before a line
# A dateline glued to a line's first word: a bracketed name, after up to four capitalised words of place
# ("Kyiv, Ukraine (CNN)The ...", "New Delhi/Beijing   (CNN Business)Chinese ..."). Brackets with a space
# after them are the text's own: "(AP) A ...". A wire's dateline in a CNN report goes too ("(Reuters)An
# infant ..."): the quote is cited to the report that printed it.
_GLUED_DATELINE = re.compile(
    r"^(?:[A-Z][\w.'’-]*(?:(?:, ?| +|/)[A-Z][\w.'’-]*){0,3} +)?\([A-Z][\w .&'-]{0,30}\)(?=[\"“‘']?[A-Z])",
    re.MULTILINE,
)


def as_read(text: str) -> str:
    """``text`` without the joins of a flattened page: "said., Sen." reads "said. Sen.", a line opens with no ", ".

    Nor with a glued dateline: "(CNN)The State Department ..." reads "The State Department ...".
    """
    return _GLUED_DATELINE.sub("", _LEADING.sub("", _JOIN.sub(_unjoined, text)))


def _unjoined(join: re.Match[str]) -> str:
    """A join as read: the sentence's end and a space, unless the word before is an abbreviation ("Corp., Google")."""
    word, end = join.group(1), join.group(2)
    return join.group() if word.casefold() in _ABBREVIATIONS and end.startswith(".") else f"{word}{end} "
