"""How many of a topic set's expected developments the timelines list on their day, per group.

    .venv/bin/python benchmarks/eval_timelines.py --data-dir /tmp/qa benchmarks/timelines/topics_v1.jsonl

A set holds one topic per line: ``{"topic", "language", "group", "developments": [{"day",
"expected": [substrings]}]}``. A development is listed when a line dated within a day of
it holds one of its substrings (reports describe the day before, datelines vary). A topic
with no developments is one the coverage never reports: its timeline must be empty.
Printed per group: developments listed of those expected, topics with at least one,
lines per timeline (median), absent topics left empty, and the topics whose language is
read otherwise than the set says, and how long each timeline took to build (p50, p95). ``--show``
prints each topic's misses and lines.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from bot.opening import open_searcher
from bot.settings import get_settings
from index.question import read_question
from index.timeline import Timeline, build_timeline
from index.versions import DataDir

_DAYS_APART = 1


@dataclass
class GroupFigures:
    """One group's running totals."""

    expected: int = 0
    listed: int = 0
    topics: int = 0
    topics_with_one: int = 0
    absent: int = 0
    absent_empty: int = 0
    lines: list[int] = field(default_factory=list)

    def row(self, name: str) -> str:
        """The group's figures as one printed row."""
        lines = statistics.median(self.lines) if self.lines else 0
        share = f"{self.listed}/{self.expected} ({self.listed / self.expected:.2f})" if self.expected else "-"
        covered = f"{self.topics_with_one}/{self.topics}" if self.topics else "-"
        absent = f"{self.absent_empty}/{self.absent}" if self.absent else "-"
        return (
            f"{name:10s} developments {share:16s} topics with one {covered:7s} lines p50 {lines:4.0f}"
            f"  absent empty {absent}"
        )


def listed(development: dict[str, object], timeline: Timeline) -> bool:
    """Whether a line within a day of the development holds one of its substrings."""
    day = date.fromisoformat(str(development["day"]))
    expected = [str(text).casefold() for text in development["expected"]]  # type: ignore[attr-defined]
    return any(
        abs((date.fromisoformat(line.day) - day).days) <= _DAYS_APART
        and any(text in line.sentence.casefold() for text in expected)
        for line in timeline.lines
    )


def main() -> None:
    """Print the figures per group and overall."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("topics", nargs="+", type=Path)
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--show", action="store_true", help="print each topic's lines and misses")
    args = parser.parse_args()
    searcher = open_searcher(get_settings(), DataDir(args.data_dir))
    build_timeline("sanksi pasar", searcher)  # loads what the first timeline would, outside the timings
    groups: dict[str, GroupFigures] = {}
    overall = GroupFigures()
    misread: list[str] = []  # topics read in another language than the set says
    build_ms: list[float] = []
    for path in args.topics:
        for record in (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()):
            started = time.perf_counter()
            timeline = build_timeline(record["topic"], searcher)
            build_ms.append((time.perf_counter() - started) * 1000)
            if record.get("language") and read_question(record["topic"]).language != record["language"]:
                misread.append(record["topic"])
            developments = record["developments"]
            found = [listed(development, timeline) for development in developments]
            for figures in (groups.setdefault(record.get("group", ""), GroupFigures()), overall):
                figures.lines.append(len(timeline.lines))
                if developments:
                    figures.topics += 1
                    figures.expected += len(developments)
                    figures.listed += sum(found)
                    figures.topics_with_one += any(found)
                else:
                    figures.absent += 1
                    figures.absent_empty += not timeline.lines
            if args.show:
                print(f"== {record['topic']} ({sum(found)}/{len(developments)}, {len(timeline.lines)} lines)")
                for development, hit in zip(developments, found, strict=True):
                    if not hit:
                        print(f"   missed {development['day']} {development['expected'][0]!r}")
                for line in timeline.lines:
                    print(f"   {line.day} {line.sentence[:110]}")
    print(f"encoder {searcher.encoder.name}")
    for name, figures in sorted(groups.items()):
        print(figures.row(name))
    print(overall.row("overall"))
    print(f"topics read in another language than the set's: {len(misread)} {misread}")
    quantiles = statistics.quantiles(build_ms, n=20) if len(build_ms) > 1 else build_ms * 19
    print(f"build_timeline ms: p50 {statistics.median(build_ms):.0f}  p95 {quantiles[18]:.0f}")


if __name__ == "__main__":
    main()
