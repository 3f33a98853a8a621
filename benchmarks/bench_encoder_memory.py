"""Memory of the default encoder as it embeds texts of many lengths, with padded lengths rounded or not.

OpenVINO keeps memory for every input shape it has run. Each setting runs in a fresh
process (RSS is per process and never shrinks): the default encoder is loaded as
``negobot index`` loads it, then embeds real sentences and real paragraphs of
../shared/data/news-en-scale.jsonl in build-sized calls, twice each. Printed per
setting: peak RSS after loading and after each step, texts per second of each step, and
the lowest cosine of each text's vector to the vector without rounding.

    .venv/bin/python benchmarks/bench_encoder_memory.py [--sentences 3000] [--paragraphs 800] [--multiples 1 16 32]
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SCALE = ROOT.parent / "shared" / "data" / "news-en-scale.jsonl"


def real_texts(sentences: int, paragraphs: int) -> tuple[list[str], list[str]]:
    """The first ``sentences`` sentences and ``paragraphs`` paragraphs (over 200 characters) of news-en-scale."""
    found_sentences: list[str] = []
    found_paragraphs: list[str] = []
    with SCALE.open(encoding="utf-8") as lines:
        for line in lines:
            text = json.loads(line)["text"]
            found_sentences += [s for s in re.split(r"(?<=[.!?])\s+", text) if len(s) > 20]
            found_paragraphs += [p for p in text.split("\n\n") if len(p) > 200]
            if len(found_sentences) >= sentences and len(found_paragraphs) >= paragraphs:
                break
    return found_sentences[:sentences], found_paragraphs[:paragraphs]


def peak_rss_mb() -> float:
    """This process's peak resident memory so far, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(multiple: int, sentences: int, paragraphs: int, vectors_file: Path) -> None:
    """In this process: load the default encoder, embed, print one JSON line of figures."""
    from bot.settings import Settings
    from index.embedder import load_encoder
    from index.openvino_encoder import OpenVinoEncoder

    settings = Settings()
    encoder = load_encoder(settings.embedding_model, settings.model_cache_dir, settings.encoder_backend).encoder
    if not isinstance(encoder, OpenVinoEncoder):
        raise SystemExit(f"the default encoder does not run on OpenVINO here: {encoder.name}")
    encoder.pad_multiple = multiple
    texts = dict(zip(("sentences", "paragraphs"), real_texts(sentences, paragraphs), strict=True))
    figures: dict[str, float] = {"loaded": peak_rss_mb()}
    encoded = []
    for kind in ("sentences", "paragraphs"):
        for attempt in ("", " again"):
            started = time.perf_counter()
            vectors = np.vstack(
                [encoder.encode_passages(texts[kind][i : i + 256]) for i in range(0, len(texts[kind]), 256)]
            )
            figures[f"{kind}{attempt} per s"] = len(texts[kind]) / (time.perf_counter() - started)
            figures[f"{kind}{attempt}"] = peak_rss_mb()
        encoded.append(vectors)
    np.save(vectors_file, np.vstack(encoded))
    print(json.dumps(figures))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=3000)
    parser.add_argument("--paragraphs", type=int, default=800)
    parser.add_argument("--multiples", type=int, nargs="+", default=[1, 16, 32], help="1: each batch's longest text")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--vectors", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child is not None:
        measure(args.child, args.sentences, args.paragraphs, args.vectors)
        return 0
    if not SCALE.exists():
        parser.error(f"{SCALE} is missing")
    results: dict[int, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as workdir:
        for multiple in args.multiples:
            vectors = Path(workdir) / f"{multiple}.npy"
            command = [sys.executable, __file__, "--child", str(multiple), "--vectors", str(vectors)]
            command += ["--sentences", str(args.sentences), "--paragraphs", str(args.paragraphs)]
            output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
            results[multiple] = json.loads(output.strip().splitlines()[-1])
        reference = np.load(Path(workdir) / f"{args.multiples[0]}.npy")
        for multiple in args.multiples:
            results[multiple]["min cos"] = float(
                np.min(np.sum(np.load(Path(workdir) / f"{multiple}.npy") * reference, axis=1))
            )
    print(f"{args.sentences} sentences, then {args.paragraphs} paragraphs, each twice; peak RSS in MB, a process each")
    print(
        f"{'pad to':>6} {'loaded':>7} {'sentences':>9} {'again':>6} {'paragraphs':>10} {'again':>6}"
        f" {'sent./s':>8} {'par./s':>7} {'min cos':>8}"
    )
    for multiple, figures in results.items():
        print(
            f"{multiple:6d} {figures['loaded']:7.0f} {figures['sentences']:9.0f} {figures['sentences again']:6.0f}"
            f" {figures['paragraphs']:10.0f} {figures['paragraphs again']:6.0f}"
            f" {figures['sentences again per s']:8.1f} {figures['paragraphs again per s']:7.1f}"
            f" {figures['min cos']:8.4f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
