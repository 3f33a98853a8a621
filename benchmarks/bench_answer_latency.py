"""Answer latency per QA group: p50 and p95 of ``answer_question`` over a built index.

    .venv/bin/python benchmarks/bench_answer_latency.py --data-dir /tmp/qa benchmarks/qa/dated.jsonl

Each question is answered once to warm up, then ``--rounds`` times; figures are per group
and overall. Compare checkouts by running them one after the other on the same index.

``--encode-at-answer`` reads none of the sentence and passage vectors the version stored
for answers, so each answer encodes its candidates' sentences with both encoders and
its passages with the judge: the cost answers would pay if a build encoded only what
txtai's does (each passage once), as versions did before those vectors were stored.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from bot.opening import open_searcher
from bot.settings import get_settings
from index.answer import answer_question
from index.evaluation import read_qa
from index.search import SearchConfig
from index.versions import DataDir


def main() -> None:
    """Print p50 / p95 answer latency in ms per group of the given QA files."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("qa", nargs="+", type=Path)
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--encode-at-answer", action="store_true", help="encode the candidates' sentences in each answer"
    )
    args = parser.parse_args()
    settings = get_settings()
    data = DataDir(args.data_dir)
    searcher = open_searcher(settings, data, SearchConfig())
    if args.encode_at_answer:
        searcher.store.has_text_vectors = False  # as a version built before answers' vectors were stored
    # The index's runtime (fp32 for an fp32 index), and whether answers encode their sentences.
    print(f"encoder {searcher.encoder.name}; stored answer vectors {'not ' * args.encode_at_answer}read")
    items = [item for path in args.qa for item in read_qa(path)]
    for item in items:
        answer_question(item.question, searcher, 5)
    timings: dict[str, list[float]] = {}
    for _ in range(args.rounds):
        for item in items:
            started = time.perf_counter()
            answer_question(item.question, searcher, 5)
            elapsed = (time.perf_counter() - started) * 1000
            timings.setdefault(item.group or "-", []).append(elapsed)
            timings.setdefault("overall", []).append(elapsed)
    for group, values in sorted(timings.items(), key=lambda entry: entry[0] != "overall"):
        p95 = statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]
        print(f"{group:>14}  n {len(values):4}  p50 {statistics.median(values):7.1f} ms  p95 {p95:7.1f} ms")


if __name__ == "__main__":
    main()
