"""How far from an event's day a question placed before or after it is read, per direction.

    .venv/bin/python benchmarks/eval_event_days.py --data-dir /tmp/qa benchmarks/qa/relative_v6.jsonl

Reads QA lines that carry ``"event_day": "YYYY-MM-DD"`` (the day the articles date the
event, written with the set) and ``"after"`` (true for "after", "since", "usai"; false for
"before"), answers each question as ``negobot ask`` does and compares the time the
answer read with that day: for "after", the first day of the time; for "before", the
day after its last (the time ends the day before the event). Printed for "after",
"before" and both: questions with a day, those given no time, and of the rest the
median days off, how many within a day and within a week. ``--show`` prints each line.
"""

from __future__ import annotations

import argparse
import json
import statistics
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from bot.opening import open_searcher
from bot.settings import get_settings
from index.answer import answer_question
from index.question_time import AskedTime
from index.versions import DataDir

_K = 5  # sources per answer, as negobot eval


@dataclass
class Direction:
    """The days off of one direction's questions; None for a question given no time."""

    offs: list[int | None] = field(default_factory=list)

    def summary(self) -> str:
        """n, undated, median days off, within a day, within a week."""
        dated = [off for off in self.offs if off is not None]
        median = statistics.median(dated) if dated else float("nan")
        return (
            f"n {len(self.offs):3}  no time {len(self.offs) - len(dated):3}  median days off {median:5.1f}"
            f"  within a day {sum(off <= 1 for off in dated):3}  within a week {sum(off <= 7 for off in dated):3}"
        )


def _day_read(time: AskedTime | None, after: bool) -> date | None:
    """The event's day as the time read places it: the first day of "after", the day after the last of "before".

    None for no time, or a time open on that side (a "before" question read as "after").
    """
    if time is None:
        return None
    day = time.since if after else time.until
    if day in (date.min, date.max):
        return None
    return day if after else day + timedelta(days=1)


def main() -> None:
    """Print the figures per direction and overall."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="+", type=Path)
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--show", action="store_true", help="print each question's day read and the event's")
    args = parser.parse_args()
    searcher = open_searcher(get_settings(), DataDir(args.data_dir))
    directions = {"after": Direction(), "before": Direction()}
    for path in args.sets:
        for record in (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()):
            if not record.get("event_day") or "after" not in record:
                continue
            event_day = date.fromisoformat(record["event_day"])
            time = answer_question(record["question"], searcher, _K).time
            read = _day_read(time, record["after"])
            off = None if read is None else abs((read - event_day).days)
            directions["after" if record["after"] else "before"].offs.append(off)
            if args.show:
                print(f"{record['event_day']}  read {read}  {record['question'][:90]}")
    searcher.close()
    for name, direction in directions.items():
        print(f"{name:7} {direction.summary()}")
    print(f"{'both':7} {Direction(directions['after'].offs + directions['before'].offs).summary()}")


if __name__ == "__main__":
    main()
