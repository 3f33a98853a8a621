"""The separators a flattened page export left in article text, left out where a reader sees it.

Some exports joined a page's parts with ", ": a passage opens ", Stock futures were
slightly higher ...", and one sentence runs into the next, "... he said., Sen. Ted Cruz
of Texas ..." (60 such joins in news-en-ukraine-2022, one per article). The index keeps
the text as it is: cleaning it re-chunked articles and cost more answers than it gained
(README, the thirty-ninth session). Quotes, timeline lines and source excerpts show it
without them.
"""

from __future__ import annotations

import re

# A sentence's end, then ", " and the next sentence's capital: "leader., And". Three lower-case letters
# before the mark leave abbreviations alone ("U.S., European", "Apple Inc., Google", "Jr., who").
_JOIN = re.compile(r"(?<=[a-z]{3}[.!?])([\"”’']?), (?=[\"“‘']?[A-Z])")
_LEADING = re.compile(r"^[ ,;:]+", re.MULTILINE)  # what a join leaves before a line


def as_read(text: str) -> str:
    """``text`` without the joins of a flattened page: "said., Sen." reads "said. Sen.", a line opens with no ", "."""
    return _LEADING.sub("", _JOIN.sub(r"\1 ", text))
