"""Adding or removing one article against corpus size: what a publish costs when the change is small.

    PYTHONPATH=. .venv/bin/python benchmarks/bench_publish.py [--sizes 1000 10000] [--repeats 5] [--whole]

For each size, synthesises that many articles from ../shared/data/news-en-scale.jsonl
(repeated, each copy re-dated and with a sentence dropped and another moved, so no two
are alike), in JSONL files of 1,000, and indexes them once. Then, through the admin's
coverage service (as /add and /remove do), adds one new article (a file of its own) and
publishes, and removes one (a line of a JSONL file of 1,000, which is rewritten) and
publishes, ``--repeats`` times each, and prints the median and maximum.

Vectors come from a hashed bag-of-words encoder of the default encoder's width (384),
so the figures exclude embedding, as the target says: with the real encoder, one
article's passages and sentences add about its own embedding time. ``--whole`` also
times one add with appending switched off (every publish writes the version whole):
the cost the change paid before.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

from index.builder import BuildConfig, build_index
from index.coverage import Coverage, CoverageConfig
from index.embedder import LoadedEncoder
from index.integrity import INDEX_DB
from index.store import IndexStore
from index.versions import DataDir
from index.web_fetch import FetchPolicy
from tests.helpers.fake_encoder import HashedEncoder

SCALE = Path(__file__).resolve().parents[2] / "shared" / "data" / "news-en-scale.jsonl"
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def synthetic_articles(count: int, seed: int = 7) -> list[dict[str, str]]:
    """``count`` articles made from news-en-scale: copies re-dated, a sentence dropped and one moved."""
    originals = [json.loads(line) for line in SCALE.read_text(encoding="utf-8").splitlines() if line.strip()]
    rng = random.Random(seed)
    made = []
    for n in range(count):
        source = originals[n % len(originals)]
        sentences = _SENTENCE.split(source.get("text", ""))
        if len(sentences) > 3:
            sentences.pop(rng.randrange(len(sentences)))
            sentences.insert(rng.randrange(len(sentences)), sentences.pop(rng.randrange(len(sentences))))
        made.append(
            {
                "id": f"synthetic-{n}",
                "title": f"{source.get('title', '')} ({n // len(originals) + 1})",
                "text": " ".join(sentences),
                "date": f"2022-{1 + n % 12:02d}-{1 + n % 28:02d}",
                "source": source.get("source", ""),
                "url": f"https://example.org/synthetic/{n}",
            }
        )
    return made


def write_corpus(folder: Path, articles: list[dict[str, str]], per_file: int = 1000) -> None:
    folder.mkdir(parents=True)
    for start in range(0, len(articles), per_file):
        lines = [json.dumps(a, ensure_ascii=False) for a in articles[start : start + per_file]]
        (folder / f"part-{start // per_file:03d}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def new_article(n: int) -> bytes:
    text = (
        f"Negotiators met for round {n} of talks on security guarantees. They discussed missile limits, "
        "the size of exercises near the border, and a hotline between the militaries. "
        "Both sides said the talks would continue next week."
    )
    return f"Talks, round {n}\n\n{text}\n".encode()


def measure(size: int, repeats: int, whole: bool) -> None:
    encoder = HashedEncoder(name="fake:hashed-384", dimension=384, max_tokens=512)
    loaded = LoadedEncoder(encoder, "fake")
    with tempfile.TemporaryDirectory(prefix="bench-publish-") as scratch:
        root = Path(scratch)
        corpus, data = root / "corpus", DataDir(root / "data")
        write_corpus(corpus, synthetic_articles(size))
        started = time.perf_counter()
        report = build_index([corpus], data, loaded, BuildConfig())
        print(f"{size:,} articles: first build {time.perf_counter() - started:.1f} s, {report.chunks:,} passages")
        for label, config in [("append", BuildConfig())] + ([("whole", None)] if whole else []):
            build = config or BuildConfig(append_small_changes=False)
            settings = CoverageConfig(corpus, build, 10_000_000, FetchPolicy(max_bytes=5_000_000))
            coverage = Coverage(settings, data, loaded)
            adds, removes = [], []
            for n in range(repeats if config else 1):
                name = f"{label}-{n}.txt"
                started = time.perf_counter()
                change = coverage.add_document(name, new_article(n), lambda doc_id: False)
                adds.append(time.perf_counter() - started)
                assert change.report.added == change.doc_ids
                victim = f"synthetic-{(n * 1_009 + (label == 'whole') * 500) % size}"  # a line of a JSONL of 1,000
                store = IndexStore(data.current() / INDEX_DB, read_only=True)  # type: ignore[operator]
                article = store.article(victim)
                store.close()
                started = time.perf_counter()
                coverage.remove(article, victim)
                removes.append(time.perf_counter() - started)
            print(
                f"  {label}: add one and publish median {statistics.median(adds):.2f} s (max {max(adds):.2f}),"
                f" remove one and publish median {statistics.median(removes):.2f} s (max {max(removes):.2f})"
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--whole", action="store_true", help="also time one add and remove written whole")
    args = parser.parse_args()
    if not SCALE.is_file():
        print(f"{SCALE} is missing", file=sys.stderr)
        return 1
    for size in args.sizes:
        measure(size, args.repeats, args.whole)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
