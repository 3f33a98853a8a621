"""Search latency at the normal sizes, this tree against another checkout (before the Tantivy index).

For each corpus (default: the bundled corpus and ../shared/data/news-en-scale.jsonl)
each tree builds its own index once (cached under ``--cache``; ``--seed-cache`` copies an
embedding cache in first so nothing is embedded twice), then a fresh process per tree
times ``Searcher.search(question, 5)`` and one language's lexical search per call, over
bench_scale's 30 questions x 3. The trees take turns, twice each, so that load on a
shared machine falls on both alike; samples of both turns are pooled.

    PYTHONPATH=. .venv/bin/python benchmarks/bench_lexical.py --before /tmp/negobot-before \\
        [--seed-cache PATH/embeddings.sqlite] [CORPUS ...]

``--before`` is a checkout of the commit to compare with, e.g.
``git archive b869d9d | tar -x -C /tmp/negobot-before``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPORA = (ROOT / "corpus", ROOT.parent / "shared" / "data" / "news-en-scale.jsonl")
REPEATS = 3
TURNS = 2
POOL = 40


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", nargs="*", type=Path, default=list(DEFAULT_CORPORA))
    parser.add_argument("--before", type=Path, required=True, help="a checkout of the commit to compare with")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "negobot-lexical-bench")
    parser.add_argument("--seed-cache", type=Path, help="an embeddings.sqlite to start each build from")
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)  # a data dir to build and time
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(work(args.worker, args.corpora, args.seed_cache)))
        return 0
    trees = {"before": args.before.resolve(), "after": ROOT}
    load_before = os.getloadavg()[0]
    rows: list[tuple[str, str, str, str, str]] = []
    for corpus in args.corpora:
        if not corpus.exists():
            print(f"skipping {corpus}: absent")
            continue
        pooled: dict[str, dict[str, list[float]]] = {name: {} for name in trees}
        builds: dict[str, float] = {}
        for _ in range(TURNS):
            for name, tree in trees.items():
                data_dir = args.cache / f"{corpus.name}-{name}"
                figures = run_worker(tree, data_dir, corpus, args.seed_cache)
                builds.setdefault(name, figures["build_s"])
                for key, samples in figures["latency"].items():
                    pooled[name].setdefault(key, []).extend(samples)
        rows.append((corpus.name, "index build, s", f"{builds['before']:.1f}", f"{builds['after']:.1f}", ""))
        for key in sorted(pooled["after"]):
            before, after = pooled["before"].get(key), pooled["after"][key]
            ratio = f"{statistics.median(after) / statistics.median(before):.2f}" if before else ""
            rows.append((corpus.name, f"{key} p50 / p95, ms", _p(before), _p(after), ratio))
    print_table(rows)
    print(
        f"\n{len(trees)} trees x {TURNS} turns each, {REPEATS} repeats of 30 questions per turn; one run on a shared"
        f" machine ({os.cpu_count()} CPUs, 1-minute load average {load_before:.1f} before, {os.getloadavg()[0]:.1f}"
        " after). Build times are of the first build, embeddings from the cache."
    )
    return 0


def run_worker(tree: Path, data_dir: Path, corpus: Path, seed_cache: Path | None) -> dict[str, Any]:
    """Build (once) and time one tree's index in a fresh process that imports that tree."""
    command = [sys.executable, __file__, "--before", str(tree), "--worker", str(data_dir), str(corpus)]
    if seed_cache:
        command += ["--seed-cache", str(seed_cache)]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tree), str(ROOT / "benchmarks")])}
    done = subprocess.run(command, env=env, check=True, capture_output=True, text=True, cwd=tree)
    figures: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


def work(data_dir_path: Path, corpora: list[Path], seed_cache: Path | None) -> dict[str, Any]:
    """Build the index of ``corpora`` into ``data_dir_path`` unless it is there, then time its searches."""
    from bench_scale import QUESTIONS  # a sibling script, found through PYTHONPATH

    from index.builder import BuildConfig, build_index
    from index.embedder import DEFAULT_MODEL, load_encoder
    from index.question import read_question
    from index.search import Searcher
    from index.versions import DataDir

    loaded = load_encoder(DEFAULT_MODEL)
    data_dir = DataDir(data_dir_path)
    build_s = 0.0
    if data_dir.current() is None:
        if seed_cache and not data_dir.embedding_cache.exists():
            data_dir.embedding_cache.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(seed_cache, data_dir.embedding_cache)
        start = time.perf_counter()
        build_index(corpora, data_dir, loaded, BuildConfig())
        build_s = time.perf_counter() - start
    else:
        build_s = json.loads((data_dir_path / "build_s.json").read_text())
    (data_dir_path / "build_s.json").write_text(json.dumps(build_s))
    searcher = Searcher.open_current(data_dir, loaded.encoder)
    questions = [read_question(q) for q in QUESTIONS]
    encoded = loaded.encoder.encode_queries([q.text for q in questions])
    for question, vector in zip(questions, encoded, strict=True):
        question.set_vector(loaded.encoder, vector)  # time search, not encoding
    ranges = searcher.store.language_ranges()
    searcher.search(questions[0], 5)  # warm-up
    latency: dict[str, list[float]] = {}
    for _ in range(REPEATS):
        for question in questions:
            begin = time.perf_counter()
            searcher.search(question, 5)
            latency.setdefault("Searcher.search", []).append((time.perf_counter() - begin) * 1000)
            for language, span in ranges.items():
                begin = time.perf_counter()
                if hasattr(searcher, "lexical"):
                    searcher.lexical.search(question.terms, POOL, language)
                else:  # the tree before the Tantivy index: FTS5 through the store, a (low, high) per language
                    low, high = span
                    searcher.store.lexical_search(question.match, POOL, low, high)  # type: ignore[attr-defined]
                latency.setdefault(f"lexical {language}", []).append((time.perf_counter() - begin) * 1000)
    searcher.close()
    return {"build_s": build_s, "latency": latency}


def _p(samples: list[float] | None) -> str:
    if not samples:
        return ""
    return f"{statistics.median(samples):.2f} / {float(np.percentile(samples, 95)):.2f}"


def print_table(rows: list[tuple[str, str, str, str, str]]) -> None:
    headers = ("corpus", "figure", "before", "after", "after/before p50")
    widths = [max(len(r[i]) for r in [headers, *rows]) for i in range(5)]
    for row in [headers, tuple("-" * w for w in widths), *rows]:
        print(" | ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))


if __name__ == "__main__":
    raise SystemExit(main())
