"""Translated copies: are they grouped with their originals, and nothing else, when written whole and when appended?

    .venv/bin/python benchmarks/bench_cross_language_copies.py --copies FILE [--cache embeddings.sqlite]

``FILE`` is a JSONL of articles in another language: copies of articles of
../shared/data/news-en-ukraine-2022.jsonl (their ``original_id`` names the original) and
same-topic reports that copy nothing (``original_id`` null). It is derived from
third-party data, so it is kept outside the repository. Indexes the bundled corpus, the
English articles and the copies with the configured encoder twice: all at once (a whole
build), and the copies added to a served index (an appended segment). Prints, for each,
precision and recall of the copies grouped with an English article, split by odd and
even copy numbers (the margin was chosen on the odd ones). ``--cache`` starts from an
embedding cache, to skip encoding what it holds.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

from bot.settings import get_settings
from index.builder import BuildConfig, build_index
from index.embedder import load_encoder
from index.integrity import INDEX_DB
from index.store import IndexStore
from index.versions import EMBEDDING_CACHE_FILE, DataDir

ROOT = Path(__file__).resolve().parents[1]
ENGLISH = ROOT.parent / "shared" / "data" / "news-en-ukraine-2022.jsonl"


def grouped_with(data: DataDir) -> dict[str, set[str]]:
    """For each article, the other articles of its story."""
    folder = data.current()
    assert folder is not None
    store = IndexStore(folder / INDEX_DB, read_only=True)
    try:
        groups = [[a.doc_id for a in group] for group in store.duplicate_groups()]
    finally:
        store.close()
    return {doc_id: set(group) - {doc_id} for group in groups for doc_id in group}


def score(copies: dict[str, str | None], others: dict[str, set[str]], english: set[str], parity: int) -> str:
    """Precision and recall over the copies numbered with ``parity`` (and every same-topic report)."""
    hits = wrong = wanted = 0
    for doc_id, original in copies.items():
        number = int(doc_id.rsplit("-", 1)[1])
        if original is not None and number % 2 != parity:
            continue
        found = others.get(doc_id, set()) & english
        wanted += original is not None
        hits += original in found
        wrong += len(found - {original})
    precision = hits / (hits + wrong) if hits + wrong else 1.0
    return f"precision {precision:.3f}, recall {hits / max(wanted, 1):.3f} ({hits} of {wanted}, {wrong} wrong)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=Path, required=True)
    parser.add_argument("--cache", type=Path)
    args = parser.parse_args()
    if not ENGLISH.is_file():
        print(f"{ENGLISH} is missing", file=sys.stderr)
        return 1
    rows = [json.loads(line) for line in args.copies.read_text(encoding="utf-8").splitlines() if line.strip()]
    copies = {row["id"]: row.get("original_id") for row in rows}
    english = {json.loads(line)["id"] for line in ENGLISH.read_text(encoding="utf-8").splitlines() if line.strip()}
    settings = get_settings()
    loaded = load_encoder(settings.embedding_model, settings.model_cache_dir, settings.encoder_backend)
    with tempfile.TemporaryDirectory(prefix="bench-xl-") as scratch:
        root = Path(scratch)
        corpus = root / "corpus"
        shutil.copytree(ROOT / "corpus", corpus)
        shutil.copy(ENGLISH, corpus / ENGLISH.name)
        for label in ("whole", "appended"):
            data = DataDir(root / label)
            data.root.mkdir()
            if args.cache:
                shutil.copy(args.cache, data.root / EMBEDDING_CACHE_FILE)
            if label == "appended":
                build_index([corpus], data, loaded, BuildConfig())
            shutil.copy(args.copies, corpus / "copies.jsonl")
            report = build_index([corpus], data, loaded, BuildConfig())
            folder = data.current()
            assert folder is not None
            segments = "appended a segment" if (folder / "changes.sqlite").is_file() else "written whole"
            others = grouped_with(data)
            print(f"{label} ({segments}, {report.documents} articles):")
            print(f"  odd copies (chose the margin):   {score(copies, others, english, 1)}")
            print(f"  even copies (held out):          {score(copies, others, english, 0)}")
            (corpus / "copies.jsonl").unlink()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
