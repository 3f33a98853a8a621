"""How often a question is wrongly told the coverage never mentions one of its names, and how far acronyms reach.

    .venv/bin/python benchmarks/audit_names.py --data-dir /tmp/qa benchmarks/qa/*.jsonl
    .venv/bin/python benchmarks/audit_names.py --reach ../shared/data/news-en-scale.jsonl

With QA files: every answerable question is answered, and those told "The coverage never
mentions X" are listed with X (their answer exists, so X is wrongly missing), then
counted. With ``--reach`` and a JSON Lines corpus: the share of all three-letter
acronyms that some article writes out in full (index.acronyms), each of which the name
check then takes as mentioned.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from bot.opening import open_searcher
from bot.settings import get_settings
from index.acronyms import SHORTEST, written_out
from index.answer import Reason, answer_question
from index.evaluation import read_qa
from index.versions import DataDir


def main() -> None:
    """Print the wrongly unmentioned names of the QA files' answerable questions, or the acronyms' reach."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path, help="QA files (JSON Lines)")
    parser.add_argument("--data-dir", type=Path, help="the index's data directory")
    parser.add_argument("--reach", type=Path, help="a JSON Lines corpus whose acronyms to count instead")
    args = parser.parse_args()
    if args.reach:
        acronyms: set[str] = set()
        for line in args.reach.read_text(encoding="utf-8").splitlines():
            article = json.loads(line)
            acronyms |= written_out(f"{article.get('title', '')}\n{article.get('text', '')}")
        shortest = {acronym for acronym in acronyms if len(acronym) == SHORTEST}
        possible = 26**SHORTEST
        print(f"three-letter acronyms written out: {len(shortest)} of {possible} ({len(shortest) / possible:.3f})")
        return
    settings = get_settings()
    searcher = open_searcher(settings, DataDir(args.data_dir or settings.data_dir))
    answerable = wrong = 0
    for path in args.files:
        for item in read_qa(path):
            if not item.expected:
                continue
            answerable += 1
            answer = answer_question(item.question, searcher, 5)
            if answer.reason is Reason.NOT_MENTIONED:
                wrong += 1
                print(f"{path.stem} | {answer.missing} | {item.question}")
    print(f"answerable {answerable}, told a name is never mentioned {wrong}")


if __name__ == "__main__":
    main()
