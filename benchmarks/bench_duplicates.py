"""Precision and recall of syndicated-copy detection on copies made from the shared news data, and its cost.

    .venv/bin/python benchmarks/bench_duplicates.py [--articles 1000] [--copies 200] [--seed 1]

Takes the first ``--articles`` articles of ../shared/data/news-en-scale.jsonl (read in place),
and makes ``--copies`` copies of random ones the way other sites retell an agency's report:
other boilerplate above and below, another headline, and one paragraph rewritten (its words
shuffled) or dropped. A pair is right when a copy is grouped with its original; every other
pair involving a copy is wrong. Pairs among the originals themselves are counted apart (the
scrape holds real near-duplicates: updated live blogs).
"""

from __future__ import annotations

import argparse
import json
import random
import time
from itertools import combinations
from pathlib import Path

from index.documents import Article
from index.near_duplicates import signature_bytes, signature_from_bytes, signatures, stories

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "news-en-scale.jsonl"
HEADERS = ["Advertisement", "Share this article", "Subscribe to our newsletter for the latest news"]
FOOTERS = ["Copyright 2022 The Agency. All rights reserved.", "Read more: related stories on our site."]


def retold(article: Article, number: int, rng: random.Random) -> Article:
    """Another site's copy of ``article``."""
    paragraphs = [p for p in article.text.split("\n") if p.strip()]
    if len(paragraphs) > 2:
        i = rng.randrange(len(paragraphs))
        if rng.random() < 0.5:
            words = paragraphs[i].split()
            rng.shuffle(words)
            paragraphs[i] = " ".join(words)
        else:
            del paragraphs[i]
    text = "\n".join([rng.choice(HEADERS), *paragraphs, rng.choice(FOOTERS)])
    return Article(doc_id=f"copy-{number}", title=f"Copy: {article.title[::-1]}", text=text, date=article.date)


def main() -> None:
    """Build the set, group it, print precision, recall and time."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--copies", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    originals = []
    with DATA.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines):
            if number >= args.articles:
                break
            row = json.loads(line)
            originals.append(Article(doc_id=f"orig-{number}", title=row["title"], text=row["text"], date=row["date"]))
    sources = rng.sample(range(len(originals)), args.copies)
    copies = {f"copy-{n}": originals[i].doc_id for n, i in enumerate(sources)}
    articles = originals + [retold(originals[i], n, rng) for n, i in enumerate(sources)]
    started = time.perf_counter()
    signed = signatures(articles)
    hashing = time.perf_counter() - started
    stored = {article.content_hash: signature_bytes(signed[article.doc_id]) for article in articles}
    started = time.perf_counter()
    signatures(articles, {content: signature_from_bytes(values) for content, values in stored.items()})
    reading = time.perf_counter() - started
    started = time.perf_counter()
    found = stories(articles, signed)
    seconds = time.perf_counter() - started
    groups: dict[str, list[str]] = {}
    for doc_id, story in found.items():
        groups.setdefault(story, []).append(doc_id)
    pairs = {frozenset(pair) for members in groups.values() for pair in combinations(members, 2)}
    with_copies = {pair for pair in pairs if any(doc_id in copies for doc_id in pair)}
    right = {pair for pair in with_copies if any(copies.get(a) == b for a, b in (tuple(pair), tuple(pair)[::-1]))}
    among_originals = len(pairs) - len(with_copies)
    precision = len(right) / len(with_copies) if with_copies else 1.0
    recall = len(right) / len(copies)
    print(
        f"{len(articles)} articles ({len(copies)} copies): precision {precision:.3f}, recall {recall:.3f} "
        f"({len(right)} of {len(copies)} copies found, {len(with_copies) - len(right)} wrong pairs); "
        f"{among_originals} pairs among the originals"
    )
    print(
        f"hashing {hashing:.2f} s, reading the signatures a version stored {reading:.2f} s "
        f"(what a build of the same articles pays), grouping {seconds:.2f} s"
    )


if __name__ == "__main__":
    main()
