"""How a story developed: "How did the talks evolve in January?", "Bagaimana perkembangan sanksi?".

Such a question asks for a sequence, not one fact. Matched to its words like any other,
it was answered with one or two sentences of the story's first days: two previews of the
Geneva talks for "how did the talks evolve in January?". What a reader wants is the
story's developments in order: its timeline (index.timeline) over the time the question
names, or over the whole coverage, as a few dated lines, oldest first: one line a day,
and of more days than lines, those more outlets reported. A line that names the day of
what it tells ("Germany on Tuesday halted ...") is an event, where one that does not is
often a description ("Nord Stream 2 runs parallel to an existing pipeline"): such lines
come first, then the closest to the topic. Only what happened counts, as after an event
(index.what_followed): not a plan, a possibility, or a line reported ahead of its day.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from index.filters import Filters
from index.question_time import AskedTime, TimeKind
from index.report_days import named_day_of
from index.search import Searcher
from index.timeline import TimelineLine, build_timeline
from index.what_followed import happened

# "How did the talks evolve?", "How has the standoff unfolded?", "How did oil prices go?"
_HOW_IT_WENT = re.compile(
    r"^\s*how\s+(?:did|has|have|had|do|does)\s+(?P<topic>.+?)\s+"
    r"(?:evolve|evolved|develop|developed|unfold|unfolded|progress|progressed|play\s+out|played\s+out)\b",
    re.IGNORECASE,
)
# "What was the timeline of the evacuations?", "chronology of the sanctions"
_TIMELINE_OF = re.compile(
    r"^\s*(?:what\s+(?:is|was)\s+the\s+)?(?:timeline|chronology|sequence\s+of\s+events)\s+(?:of|for|on)\s+(?P<topic>.+)",
    re.IGNORECASE,
)
# "Bagaimana perkembangan sanksi?", "Bagaimana jalannya perundingan?", "Bagaimana kronologi evakuasi?"
_PERKEMBANGAN = re.compile(
    r"^\s*bagaimana(?:kah)?\s+(?:perkembangan|jalannya|kronologi|kronologis)\s+(?P<topic>.+)", re.IGNORECASE
)
# "Bagaimana harga minyak berkembang?"
_BERKEMBANG = re.compile(r"^\s*bagaimana(?:kah)?\s+(?P<topic>.+?)\s+berkembang\b", re.IGNORECASE)
# "Kronologi sanksi terhadap Rusia?", "Apa kronologi evakuasi kedutaan?"
_KRONOLOGI = re.compile(r"^\s*(?:apa\s+)?(?:kronologi|kronologis|linimasa)\s+(?P<topic>.+)", re.IGNORECASE)
_PATTERNS = (_HOW_IT_WENT, _TIMELINE_OF, _PERKEMBANGAN, _BERKEMBANG, _KRONOLOGI)
# Words a topic keeps at its end once its time is taken out ("sanksi selama", "the talks in").
_DANGLING = re.compile(r"(?:\s+(?:in|during|over|between|from|on|selama|pada|di|dalam|antara|sejak|dari))+\s*$", re.I)
_ENDING = re.compile(r"[\s?.!]+$")


def asked_course(question: str, time: AskedTime | None) -> str | None:
    """The topic whose course ``question`` asks for, its time's words taken out; None when it asks something else.

    A question for the latest ("Bagaimana perkembangan terbaru negosiasi?") asks where a
    story stands, not how it went, and is none.
    """
    if time is not None and time.kind is TimeKind.RECENT:
        return None
    text = time.question_without_date(question) if time is not None else question
    for pattern in _PATTERNS:
        if match := pattern.match(text):
            topic = _DANGLING.sub("", _ENDING.sub("", match.group("topic")))
            return topic or None
    return None


def course_lines(
    topic: str, time: AskedTime | None, searcher: Searcher, filters: Filters, count: int
) -> list[TimelineLine]:
    """Up to ``count`` developments of ``topic`` within ``time`` (any when None) and ``filters``, oldest first.

    One line a day; of more days, those more outlets reported. Lines naming their day come
    first, then the closest to the topic. None when the reader's dates and the time share no day.
    """
    since = max(time.since if time else date.min, filters.since or date.min)
    until = min(time.until if time else date.max, filters.until or date.max)
    if since > until:
        return []
    within = replace(filters, since=None if since == date.min else since, until=None if until == date.max else until)
    timeline = build_timeline(topic, searcher, within)
    by_day: dict[str, list[TimelineLine]] = {}
    for line in timeline.lines:
        if happened(line):
            by_day.setdefault(line.day, []).append(line)
    days = [min(lines, key=_rank) for lines in by_day.values()]
    kept = sorted(days, key=lambda line: (-len(line.outlets), *_rank(line)))[:count]
    return sorted(kept, key=lambda line: line.day)


def _rank(line: TimelineLine) -> tuple[bool, float]:
    """How a line ranks among others, first first: one telling its day, then the closest to the topic."""
    return not _tells_its_day(line), -line.closeness


def _tells_its_day(line: TimelineLine) -> bool:
    """Whether ``line``'s sentence names the day of what it tells ("Germany on Tuesday halted ..."): an event."""
    return any(named_day_of(line.sentence, report.article) for report in line.reports[:1])


__all__ = ["asked_course", "course_lines"]
