"""Search at a million passages: vector and lexical search per language, recall, memory.

Lexical search is timed twice on the same questions: negobot's Tantivy index, and the
SQLite FTS5 query it replaced (bm25() over the store's full-text table), with the
top-10 overlap of the two rankings, by row and by source passage (the copies of one
real passage differ only by the words dropped, so their scores nearly tie).

Synthesises ``--total`` passages (default 1,000,000) from ../shared/data/news-en-scale.jsonl:
the real passages are indexed once with negobot's encoder, then copied, each copy
re-dated, its text perturbed (a tenth of the words dropped) and its vector moved by
Gaussian noise and renormalised. A ``--share`` of the rows (default 1%) is labelled
"id": their vectors are the real ones under a fixed random rotation, so that language
sits apart from English, as a second language does for a multilingual encoder. Each
question is asked twice: as encoded (near the English rows) and rotated (near the
"id" rows), so both languages are measured with their own questions and each other's.

Everything synthesised is cached under ``--cache`` (default: $TMPDIR/negobot-million),
never in the repository; later runs reuse it. The search figures come from a separate
serving process (the index opened as ``negobot serve`` opens it), so its peak RSS is
that of serving, not of building.

    PYTHONPATH=. .venv/bin/python benchmarks/bench_million.py [--total N] [--share F] [--factory F]
        [--seed-cache PATH/embeddings.sqlite]

``--seed-cache`` copies an embedding cache of negobot's encoder in first, to skip most
of the one-off embedding of the ~9k real passages.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import faiss
import numpy as np

from index import bm25, vectors
from index.builder import BuildConfig, build_index
from index.documents import Article, Chunk
from index.embedder import DEFAULT_MODEL, load_encoder
from index.integrity import INDEX_DB, VECTORS_FILE, file_records
from index.lexical import query_terms
from index.manifest import FORMAT_VERSION, Manifest
from index.question import read_question
from index.search import Searcher
from index.store import IndexStore
from index.versions import DataDir

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from bench_scale import CORPUS, QUESTIONS, Latency  # noqa: E402  (a sibling script, not a package)

SECOND_LANGUAGE = "id"
DROP_WORDS = 0.1  # share of a copy's words dropped
POOL = 40  # what Searcher asks each list for (SearchConfig.pool)
RECALL_AT = 10
REPEATS = 3
EF_SWEEP = (128, 512, 1024, 2048)
FLAT_SIZES = (10_000, 50_000, 100_000, 200_000, 400_000)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--total", type=int, default=1_000_000, help="passages to synthesise")
    parser.add_argument("--share", type=float, default=0.01, help=f"share of rows in {SECOND_LANGUAGE!r}")
    parser.add_argument("--noise", type=float, default=0.01, help="standard deviation of the noise per dimension")
    parser.add_argument("--factory", default=BuildConfig().ann_factory, help="FAISS factory of the approximate index")
    parser.add_argument("--model", default=DEFAULT_MODEL, help="embedding model, as NEGOBOT_EMBEDDING_MODEL")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "negobot-million")
    parser.add_argument("--seed-cache", type=Path, help="an embeddings.sqlite to start the one-off embedding from")
    parser.add_argument("--prepare", action="store_true", help="only synthesise and build (cached), do not measure")
    parser.add_argument("--serve", type=Path, help=argparse.SUPPRESS)  # the serving process, started by the benchmark
    args = parser.parse_args(argv)
    if args.serve:
        print(json.dumps(serve(args.serve, args.model)))
        return 0
    if not CORPUS.is_file():
        print(f"skipping: {CORPUS} is absent")
        return 0
    load_before = os.getloadavg()[0]
    loaded = load_encoder(args.model)
    synth = args.cache / f"synth-{args.total}-{args.share}-{args.noise}"
    if not (synth / "done.json").is_file():
        base_articles, base_chunks, base_matrix = real_passages(args.cache, loaded, args.seed_cache)
        synthesise(synth, base_articles, base_chunks, base_matrix, args.total, args.share, args.noise)
    version = synth / ("version-" + "".join(c if c.isalnum() else "_" for c in args.factory))
    if not (version / "build.json").is_file():
        build_version(synth, version, args.factory)
    if not (version / "lexical.json").is_file():
        build_lexical(version)
    if not _manifest_is_current(version):
        write_manifest(version, loaded.encoder.name)
    truth_file = version / "truth.json"
    if not truth_file.is_file():
        write_queries_and_truth(synth, version, loaded.encoder.encode_queries(QUESTIONS))
    del loaded
    if args.prepare:
        return 0
    child_env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    served = subprocess.run(
        [sys.executable, __file__, "--serve", str(version), "--model", args.model],
        env=child_env,
        check=True,
        capture_output=True,
        text=True,
    )
    figures = json.loads(served.stdout.strip().splitlines()[-1])
    figures["vector"].update(time_flat_scans(synth, np.load(version / "queries.npy")[: len(QUESTIONS)]))
    print_table(
        json.loads((synth / "done.json").read_text()),
        json.loads((version / "build.json").read_text()) | json.loads((version / "lexical.json").read_text()),
        figures,
    )
    print(
        f"\nOne run on a shared machine ({os.cpu_count()} CPUs, 1-minute load average {load_before:.1f} before,"
        f" {os.getloadavg()[0]:.1f} after); build times are single measurements from when the cache was made."
    )
    return 0


# --- synthesis (cached) ------------------------------------------------------------------------


def real_passages(
    cache: Path, loaded: Any, seed_cache: Path | None
) -> tuple[dict[str, Article], list[Chunk], np.ndarray]:
    """negobot's articles, passages and passage vectors of the real corpus (built once, then cached)."""
    data_dir = DataDir(cache / "base")
    if seed_cache and not data_dir.embedding_cache.exists():
        data_dir.embedding_cache.parent.mkdir(parents=True, exist_ok=True)
        with (
            sqlite3.connect(f"file:{seed_cache}?mode=ro", uri=True) as source,
            sqlite3.connect(data_dir.embedding_cache) as target,
        ):
            source.backup(target)
    report = build_index([CORPUS], data_dir, loaded, BuildConfig())
    print(f"real corpus: {report.documents} articles, {report.chunks} passages ({report.embedded} embedded now)")
    folder = data_dir.current()
    assert folder is not None
    store = IndexStore(folder / INDEX_DB, read_only=True)
    try:
        articles = {a.doc_id: a for a in store.articles()}
        rows = store.chunks_by_rows(range(report.chunks))
    finally:
        store.close()
    index = vectors.load(folder / VECTORS_FILE)
    matrix = index.reconstruct_batch(np.arange(index.ntotal))
    return articles, [rows[r].chunk for r in range(report.chunks)], matrix


def synthesise(
    folder: Path,
    articles: dict[str, Article],
    chunks: list[Chunk],
    matrix: np.ndarray,
    total: int,
    share: float,
    noise: float,
) -> None:
    """Write ``total`` perturbed, re-dated copies of the real passages: the SQLite store and a vector file."""
    folder.mkdir(parents=True, exist_ok=True)
    second = round(total * share)
    plan = [
        ("en", total - second, np.eye(matrix.shape[1], dtype=np.float32)),
        (SECOND_LANGUAGE, second, rotation(matrix.shape[1])),
    ]
    out = np.lib.format.open_memmap(folder / "vectors.npy", mode="w+", dtype=np.float32, shape=(total, matrix.shape[1]))
    store = IndexStore(folder / INDEX_DB)
    start = time.perf_counter()
    row = 0
    try:
        for seed, (language, count, turn) in enumerate(plan):
            for copy, part in copies(count, len(chunks)):
                rng = np.random.default_rng([copy, seed])
                picked = [chunks[i] for i in part]
                texts = [perturb(c.text, rng) if copy or language != "en" else c.text for c in picked]
                new_chunks = [
                    Chunk(f"{c.doc_id}~{language}{copy}", c.position, c.start, c.end, text)
                    for c, text in zip(picked, texts, strict=True)
                ]
                firsts = {}
                for c in new_chunks:
                    firsts.setdefault(c.doc_id, c.text)
                new_articles = [
                    copy_article(articles[doc_id.split("~")[0]], doc_id, language, copy, text)
                    for doc_id, text in firsts.items()
                ]
                store.write(new_articles, new_chunks, first_row=row)
                moved = matrix[part] @ turn.T + rng.normal(scale=noise, size=(len(part), matrix.shape[1]))
                out[row : row + len(part)] = moved / np.linalg.norm(moved, axis=1, keepdims=True)
                row += len(part)
            print(f"synthesised {row:,} rows", flush=True)
    finally:
        store.close()
    out.flush()
    seconds = time.perf_counter() - start
    (folder / "done.json").write_text(
        json.dumps({"rows": row, "languages": {lang: c for lang, c, _ in plan}, "write_s": seconds})
    )


def copies(count: int, base: int) -> Iterator[tuple[int, np.ndarray]]:
    """(copy number, base passage indices) until ``count`` rows are planned."""
    copy = 0
    while count > 0:
        part = np.arange(min(count, base))
        yield copy, part
        count -= len(part)
        copy += 1


def rotation(dimension: int) -> np.ndarray:
    """A fixed random orthogonal matrix."""
    q, r = np.linalg.qr(np.random.default_rng(7).normal(size=(dimension, dimension)))
    return (q * np.sign(np.diag(r))).astype(np.float32)


def perturb(text: str, rng: np.random.Generator) -> str:
    """The text with about a tenth of its words dropped."""
    words = text.split(" ")
    keep = rng.random(len(words)) >= DROP_WORDS
    return " ".join(w for w, k in zip(words, keep, strict=True) if k) or text


def copy_article(article: Article, doc_id: str, language: str, copy: int, text: str) -> Article:
    """A re-dated copy of an article whose text is its first passage (kept short: only search is measured)."""
    try:
        date = (datetime.fromisoformat(article.date[:10]) + timedelta(days=copy)).date().isoformat()
    except ValueError:
        date = article.date
    return Article(doc_id, article.title, text, date, article.source, f"{article.url}#{doc_id}", language)


def language_spans(store: IndexStore) -> dict[str, tuple[int, int]]:
    """Each language's half-open rows: a synthesised version is one segment, so each language is one run."""
    spans = {}
    for language, runs in store.language_ranges().items():
        (run,) = runs
        spans[language] = (run.low, run.high)
    return spans


def build_version(synth: Path, version: Path, factory: str) -> None:
    """The vector index of a servable version over the synthesised passages, timed."""
    version.mkdir(parents=True, exist_ok=True)
    if not (version / INDEX_DB).exists():
        os.link(synth / INDEX_DB, version / INDEX_DB)
    matrix = np.load(synth / "vectors.npy", mmap_mode="r")
    store = IndexStore(version / INDEX_DB, read_only=True)
    try:
        ranges = sorted(language_spans(store).values())
    finally:
        store.close()
    start, cpu = time.perf_counter(), resource.getrusage(resource.RUSAGE_SELF)
    index = vectors.build_vector_index(np.asarray(matrix), BuildConfig().approximate_above, factory, ranges)
    build_s = time.perf_counter() - start
    used = resource.getrusage(resource.RUSAGE_SELF)
    vectors.save(index, version / VECTORS_FILE)
    cpu_s = used.ru_utime + used.ru_stime - cpu.ru_utime - cpu.ru_stime
    (version / "build.json").write_text(
        json.dumps({"factory": factory, "index": index.describe(), "build_s": build_s, "build_cpu_s": cpu_s})
    )
    print(f"vector index {factory}: {build_s:.0f}s", flush=True)


def build_lexical(version: Path) -> None:
    """The lexical index of the version, one language at a time, streamed from the store as the builder writes it."""
    shutil.rmtree(version / bm25.LEXICAL_DIR, ignore_errors=True)
    db = sqlite3.connect(f"file:{version / INDEX_DB}?mode=ro", uri=True)
    start, cpu = time.perf_counter(), resource.getrusage(resource.RUSAGE_SELF)
    try:
        for _, low, high in db.execute(
            "SELECT language, MIN(row), MAX(row) + 1 FROM chunks GROUP BY language"
        ).fetchall():
            rows = db.execute(
                "SELECT c.row, d.title, c.text FROM chunks c JOIN documents d USING (doc_id)"
                " WHERE c.row >= ? AND c.row < ? ORDER BY c.row",
                (low, high),
            )
            bm25.write_range(version, low, high, rows)
    finally:
        db.close()
    build_s = time.perf_counter() - start
    used = resource.getrusage(resource.RUSAGE_SELF)
    cpu_s = used.ru_utime + used.ru_stime - cpu.ru_utime - cpu.ru_stime
    (version / "lexical.json").write_text(json.dumps({"lexical_build_s": build_s, "lexical_build_cpu_s": cpu_s}))
    print(f"lexical index: {build_s:.0f}s", flush=True)


def _manifest_is_current(version: Path) -> bool:
    path = version / "manifest.json"
    return path.is_file() and json.loads(path.read_text()).get("format_version") == FORMAT_VERSION


def write_manifest(version: Path, encoder: str) -> None:
    """The version's manifest, with the sizes and checksums of its files."""
    index = vectors.load(version / VECTORS_FILE)
    store = IndexStore(version / INDEX_DB, read_only=True)
    try:
        counts, languages = store.counts(), store.languages()
    finally:
        store.close()
    Manifest(
        version=version.name,
        encoder=encoder,
        dimension=index.d,
        normalised=True,
        documents=counts["documents"],
        chunks=counts["chunks"],
        built_at=datetime.now(UTC).isoformat(timespec="seconds"),
        vector_index=index.describe(),
        languages=languages,
        files=file_records(version),
    ).save(version)


def write_queries_and_truth(synth: Path, version: Path, questions: np.ndarray) -> None:
    """The questions as encoded and rotated, and each one's exact top rows in each language."""
    turn = rotation(questions.shape[1])
    queries = np.vstack([questions, questions @ turn.T]).astype(np.float32)
    np.save(version / "queries.npy", queries)
    matrix = np.load(synth / "vectors.npy", mmap_mode="r")
    store = IndexStore(version / INDEX_DB, read_only=True)
    ranges = language_spans(store)
    store.close()
    truth: dict[str, list[list[int]]] = {}
    for language, (low, high) in ranges.items():
        best = (
            np.full((len(queries), RECALL_AT), -np.inf, dtype=np.float32),
            np.zeros((len(queries), RECALL_AT), np.int64),
        )
        for start in range(low, high, 100_000):
            stop = min(high, start + 100_000)
            scores = queries @ np.asarray(matrix[start:stop]).T
            scores_all = np.hstack([best[0], scores])
            rows_all = np.hstack([best[1], np.broadcast_to(np.arange(start, stop), scores.shape)])
            top = np.argsort(-scores_all, axis=1)[:, :RECALL_AT]
            best = np.take_along_axis(scores_all, top, 1), np.take_along_axis(rows_all, top, 1)
        truth[language] = best[1].tolist()
    (version / "truth.json").write_text(json.dumps(truth))


# --- serving (a separate process) ---------------------------------------------------------------


def serve(version: Path, model: str) -> dict[str, Any]:
    """Open the version as the bot does and time its searches; figures as JSON-ready data."""
    loaded = load_encoder(model)
    start = time.perf_counter()
    searcher = Searcher(version, loaded.encoder)
    open_s = time.perf_counter() - start
    index, store = searcher._index, searcher.store
    queries = np.load(version / "queries.npy")
    truth = {
        language: [set(rows) for rows in tops]
        for language, tops in json.loads((version / "truth.json").read_text()).items()
    }
    ranges = language_spans(store)
    figures: dict[str, Any] = {"open_s": open_s, "ranges": ranges, "vector": {}, "lexical": {}}
    searcher.search(QUESTIONS[0], 5)  # warm-up: pages in what a first question needs
    for ef in EF_SWEEP:
        for language, (low, high) in ranges.items():
            samples, recalls = [], []
            for _ in range(REPEATS):
                for i, query in enumerate(queries):
                    begin = time.perf_counter()
                    found = vectors.search_range(index, query, POOL, low, high, ef_search=ef)
                    samples.append((time.perf_counter() - begin) * 1000)
                    recalls.append(len(truth[language][i] & {r for r, _ in found[:RECALL_AT]}) / RECALL_AT)
            half = len(recalls) // REPEATS // 2  # per repeat: the questions as encoded, then rotated
            by_kind = np.array(recalls).reshape(REPEATS, 2, half).mean(axis=(0, 2))
            figures["vector"][f"{language} ef={ef}"] = {
                "latency": samples,
                "recall": float(np.mean(recalls)),
                "note": f"recall@10 {np.mean(recalls):.3f} (en-region {by_kind[0]:.3f}, id-region {by_kind[1]:.3f})",
            }
    figures["lexical"] = time_lexical(searcher, ranges)
    searches, encoded_searches = [], []
    read = [read_question(q) for q in QUESTIONS]
    for question, vector in zip(read, loaded.encoder.encode_queries(QUESTIONS), strict=True):
        question.set_vector(loaded.encoder, vector)
    for _ in range(REPEATS):
        for text, question in zip(QUESTIONS, read, strict=True):
            begin = time.perf_counter()
            searcher.search(text, 5)
            searches.append((time.perf_counter() - begin) * 1000)
            begin = time.perf_counter()
            searcher.search(question, 5)
            encoded_searches.append((time.perf_counter() - begin) * 1000)
    figures["search"] = searches
    figures["search_encoded"] = encoded_searches
    figures["peak_rss_mb"] = own_peak_rss_mb()
    searcher.close()
    return figures


def own_peak_rss_mb() -> float:
    """This process's peak resident memory since it started, in MB.

    Not ``getrusage``'s ``ru_maxrss``: Linux hands a child started by fork and exec its
    parent's peak as its own (here the parent held the million synthesised passages, and
    serving read as 5,080 MB where its own peak was about 3,100). The kernel's high-water
    mark of this process's memory map (VmHWM) starts afresh at exec.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def time_flat_scans(synth: Path, queries: np.ndarray) -> dict[str, Any]:
    """What an exact (flat) index of N rows costs per question: to choose where approximation starts."""
    matrix = np.load(synth / "vectors.npy", mmap_mode="r")
    figures: dict[str, Any] = {}
    for size in FLAT_SIZES:
        flat = faiss.IndexFlatIP(matrix.shape[1])
        flat.add(np.ascontiguousarray(matrix[:size]))
        samples = []
        for query in queries:
            begin = time.perf_counter()
            flat.search(query.reshape(1, -1), POOL)
            samples.append((time.perf_counter() - begin) * 1000)
        figures[f"exact (flat) index of {size:,} rows"] = {"latency": samples, "recall": 1.0}
    return figures


def time_lexical(searcher: Searcher, ranges: dict[str, tuple[int, int]]) -> dict[str, Any]:
    """One language's lexical search per call, as Searcher makes it, against the FTS5 query it replaced."""
    fts5 = sqlite3.connect(f"file:{searcher.folder / INDEX_DB}?mode=ro", uri=True)
    questions = [query_terms(q) for q in QUESTIONS]
    samples: dict[str, list[float]] = {}
    overlaps: dict[str, list[float]] = {}
    for repeat in range(REPEATS):
        for terms in questions:
            for language, (low, high) in ranges.items():
                begin = time.perf_counter()
                found = searcher.lexical.search(terms, POOL, language)
                samples.setdefault(f"{language} Tantivy", []).append((time.perf_counter() - begin) * 1000)
                begin = time.perf_counter()
                expected = fts5_search(fts5, terms, low, high)
                samples.setdefault(f"{language} FTS5", []).append((time.perf_counter() - begin) * 1000)
                if repeat == 0 and expected:
                    overlaps.setdefault(language, []).extend(_overlaps(searcher, found, expected))
    fts5.close()
    notes = {}
    for language, values in overlaps.items():
        by_row, by_passage, at_pool = np.array(values).reshape(-1, 3).mean(axis=0)
        notes[f"{language} Tantivy"] = (
            f"top-10 overlap with FTS5 {by_row:.2f} by row, {by_passage:.2f} by source passage;"
            f" top-{POOL} {at_pool:.2f}"
        )
    return {"latency": samples, "notes": notes}


def fts5_search(db: sqlite3.Connection, terms: list[str], low: int, high: int) -> list[int]:
    """What IndexStore.lexical_search did before the Tantivy index: bm25() over FTS5, rows in a range."""
    if not terms:
        return []
    match = " OR ".join('"' + term.replace('"', '""') + '"' for term in terms)
    rows = db.execute(
        "SELECT rowid FROM chunks_fts WHERE chunks_fts MATCH ? AND rowid >= ? AND rowid < ?"
        " ORDER BY bm25(chunks_fts, 0.5, 1.0) LIMIT ?",
        (match, low, high, POOL),
    )
    return [int(row) for (row,) in rows]


def _overlaps(searcher: Searcher, found: list[tuple[int, float]], expected: list[int]) -> list[float]:
    """Top-10 overlap by row and by source passage (copies of one real passage alike), and top-POOL by row."""
    mine, theirs = [row for row, _ in found[:RECALL_AT]], expected[:RECALL_AT]
    stored = searcher.store.chunks_by_rows([*mine, *theirs])

    def sources(rows: list[int]) -> set[tuple[str, int]]:
        return {(stored[r].chunk.doc_id.split("~")[0], stored[r].chunk.position) for r in rows}

    return [
        len(set(mine) & set(theirs)) / len(theirs),
        len(sources(mine) & sources(theirs)) / len(sources(theirs)),
        len({row for row, _ in found} & set(expected)) / len(expected),
    ]


# --- report ------------------------------------------------------------------------------------


def print_table(synth: dict[str, Any], build: dict[str, Any], served: dict[str, Any]) -> None:
    """The figures, one row each, with the targets beside them."""
    rows: list[tuple[str, str, str]] = [
        ("passages", f"{synth['rows']:,}", ", ".join(f"{lang} {c:,}" for lang, c in synth["languages"].items())),
        ("store write (SQLite + FTS5), s", f"{synth['write_s']:.0f}", "synthesis included"),
        (f"vector index build ({build['factory']}), s", f"{build['build_s']:.0f}", f"CPU {build['build_cpu_s']:.0f} s"),
        ("open the version, s", f"{served['open_s']:.2f}", ""),
    ]
    for name, figure in served["vector"].items():
        latency = Latency(figure["latency"])
        note = figure.get("note", f"recall@10 {figure['recall']:.3f}")
        rows.append((f"vector {name} p50 / p95, ms", f"{latency.p50:.1f} / {latency.p95:.1f}", note))
    rows.append(("lexical index build (Tantivy), s", f"{build['lexical_build_s']:.0f}", "all languages"))
    for name, values in sorted(served["lexical"]["latency"].items()):
        latency = Latency(values)
        note = served["lexical"]["notes"].get(name, "")
        rows.append((f"lexical {name} p50 / p95, ms", f"{latency.p50:.1f} / {latency.p95:.1f}", note))
    search = Latency(served["search"])
    rows.append(("Searcher.search p50 / p95, ms", f"{search.p50:.1f} / {search.p95:.1f}", "all languages, fused"))
    search = Latency(served["search_encoded"])
    rows.append(
        ("Searcher.search, question encoded, p50 / p95, ms", f"{search.p50:.1f} / {search.p95:.1f}", "as above")
    )
    rows.append(("peak RSS of the serving process, MB", f"{served['peak_rss_mb']:.0f}", "encoder included"))
    width = max(len(r[0]) for r in rows)
    print(f"\n{'figure':<{width}} | {'value':>15} | note")
    print(f"{'-' * width}-+-{'-' * 15}-+-----")
    for name, value, note in rows:
        print(f"{name:<{width}} | {value:>15} | {note}")
    print(
        f"\nvector: vectors.search_range(k={POOL}) per language over {2 * len(QUESTIONS)} questions (as encoded and"
        f" rotated) x {REPEATS}; recall@10 against exact search of that language's rows. lexical: one language's"
        f" search (limit={POOL}) per call, {len(QUESTIONS)} questions x {REPEATS}: Searcher.lexical (Tantivy), and"
        " the FTS5 bm25() query it replaced."
    )


if __name__ == "__main__":
    raise SystemExit(main())
