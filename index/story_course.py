"""How a story developed: "How did the talks evolve in January?", "Bagaimana perkembangan sanksi?".

Such a question asks for a sequence, not one fact. Matched to its words like any other,
it was answered with one or two sentences of the story's first days: two previews of the
Geneva talks for "how did the talks evolve in January?". What a reader wants is the
story's developments in order: its timeline (index.timeline) over the time the question
names, or over the whole coverage, as a few dated lines, oldest first: one line a day,
and of more days than lines, those more outlets reported. A line that names the day of
what it tells ("Germany on Tuesday halted ...") is an event, where one that does not is
often a description ("Nord Stream 2 runs parallel to an existing pipeline"): such lines
come first, then the closest to the topic. Asked of no time, the story's newest day is
always one of them: where it stands ends how it went ("Bagaimana perkembangan X?" often
means both). Only what happened counts, as after an event (index.what_followed): not a
plan, a possibility, or a line reported ahead of its day.
"""

from __future__ import annotations

import re

from index.filters import Filters
from index.question_time import AskedTime, TimeKind
from index.report_days import named_day_of
from index.search import Searcher
from index.timeline import TimelineLine
from index.what_followed import happened_lines

# "According to CNN, ...", "Menurut CNN, ...": the outlet answers (index.named_outlets); the question follows.
_OUTLET_LEAD = r"^\s*(?:(?:according\s+to|menurut)\s+[^,]+,\s*)?"
# "How did the talks evolve?", "How has the standoff unfolded over time?": the verb ends the
# question, so that "How did Russia develop its military presence?" asks how, not how it went.
_HOW_IT_WENT = re.compile(
    _OUTLET_LEAD + r"how\s+(?:did|has|have|had|do|does)\s+(?P<topic>.+?)\s+"
    r"(?:evolve|evolved|develop|developed|unfold|unfolded|progress|progressed|play\s+out|played\s+out)"
    r"(?:\s+over\s+time)?[\s?.!]*$",
    re.IGNORECASE,
)
# "What was the timeline of the evacuations?", "Give me a chronology of the sanctions"; not
# "the timeline for the Fed to raise rates", which asks when.
_TIMELINE_OF = re.compile(
    _OUTLET_LEAD + r"(?:(?:what\s+(?:is|was)\s+the|what's\s+the|give\s+me\s+(?:a|the))\s+)?"
    r"(?:timeline|chronology|sequence\s+of\s+events)\s+(?:of|on)\s+(?P<topic>.+)",
    re.IGNORECASE,
)
# "Bagaimana perkembangan sanksi?", "Bagaimana jalannya perundingan?", "Bagaimana kronologi evakuasi?"
_PERKEMBANGAN = re.compile(
    _OUTLET_LEAD + r"bagaimana(?:kah)?\s+(?:perkembangan|jalannya|kronologi|kronologis)\s+(?P<topic>.+)",
    re.IGNORECASE,
)
# "Bagaimana harga minyak berkembang?"
_BERKEMBANG = re.compile(_OUTLET_LEAD + r"bagaimana(?:kah)?\s+(?P<topic>.+?)\s+berkembang[\s?.!]*$", re.IGNORECASE)
# "Kronologi sanksi terhadap Rusia?", "Apa kronologi evakuasi kedutaan?"
_KRONOLOGI = re.compile(_OUTLET_LEAD + r"(?:apa\s+)?(?:kronologi|kronologis|linimasa)\s+(?P<topic>.+)", re.IGNORECASE)
_PATTERNS = (_HOW_IT_WENT, _TIMELINE_OF, _PERKEMBANGAN, _BERKEMBANG, _KRONOLOGI)
# Words a topic keeps at its end once its time is taken out ("sanksi selama", "the talks in").
_DANGLING = re.compile(r"(?:\s+(?:in|during|over|between|from|on|selama|pada|di|dalam|antara|sejak|dari))+\s*$", re.I)
_ENDING = re.compile(r"[\s?.!]+$")
# A topic ending so is another verb's object ("How did analysts expect the crisis to unfold?"): a forecast.
_INFINITIVE = re.compile(r"\s(?:to|untuk|akan)$", re.IGNORECASE)


def asked_course(question: str, time: AskedTime | None) -> str | None:
    """The topic whose course ``question`` asks for, its time's words taken out; None when it asks something else.

    A question for the latest ("Bagaimana perkembangan terbaru negosiasi?") asks where a
    story stands, and one naming a day what happened that day: neither is how it went.
    Nor is one whose time's words were not found, as they would stay in the topic; calendar
    words are found as dates are ("How did the talks go last month?" asks how they went in January).
    """
    if time is not None and (time.kind in (TimeKind.RECENT, TimeKind.DAY) or time.words == (0, 0)):
        return None
    text = time.question_without_date(question) if time is not None else question
    for pattern in _PATTERNS:
        if match := pattern.match(text):
            topic = _DANGLING.sub("", _ENDING.sub("", match.group("topic")))
            return topic if topic and not _INFINITIVE.search(topic) else None
    return None


def course_lines(
    topic: str, time: AskedTime | None, searcher: Searcher, filters: Filters, count: int
) -> list[TimelineLine]:
    """Up to ``count`` developments of ``topic`` within ``time`` (any when None) and ``filters``, oldest first.

    One line a day, no two telling the same sentence. A line more outlets reported comes
    first, then one naming its day, then the closest to the topic. Asked of no time, the
    story's newest day is always among them: where it stands now ends how it went. Nothing
    when the reader's dates and the time share no day.
    """
    within = filters.narrowed(time.since, time.until) if time else filters
    return chosen_lines(happened_lines(topic, searcher, within), count, ends_now=time is None)


def chosen_lines(lines: list[TimelineLine], count: int, *, ends_now: bool) -> list[TimelineLine]:
    """Up to ``count`` of a timeline's ``lines``, one a day, oldest first (see :func:`course_lines`).

    With ``ends_now``, the newest day is one of them. A line whose sentence another kept
    line already shows, as its sentence or as the context it opens with, is passed over.
    """
    best_of_day: dict[str, TimelineLine] = {}  # in the order of their best lines' ranks
    for line in sorted(lines, key=_rank):  # the key, which reads each line's day, is read once a line
        best_of_day.setdefault(line.day, line)
    days = list(best_of_day.values())
    if ends_now and days:  # the newest day first, then the others as they rank
        newest = max(days, key=lambda line: line.day)
        days = [newest, *(line for line in days if line is not newest)]
    kept: list[TimelineLine] = []
    for line in days:
        if len(kept) < count and not any(line.sentence in other.text or other.sentence in line.text for other in kept):
            kept.append(line)
    return sorted(kept, key=lambda line: line.day)


def _rank(line: TimelineLine) -> tuple[int, bool, float]:
    """How a line ranks, first first: by more outlets, then naming its day, then closeness to the topic."""
    return -len(line.outlets), not _tells_its_day(line), -line.closeness


def _tells_its_day(line: TimelineLine) -> bool:
    """Whether ``line``'s sentence names the day of what it tells ("Germany on Tuesday halted ..."): an event."""
    return bool(named_day_of(line.sentence, line.reports[0].article)) if line.reports else False


__all__ = ["asked_course", "chosen_lines", "course_lines"]
