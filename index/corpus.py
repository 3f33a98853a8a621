"""Editing the corpus directory: adding a document file, removing an article.

Every change is checked before it is written and written atomically, so a bad
upload never replaces or corrupts what is already there.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import frontmatter

from index.documents import Article, content_hash
from index.input_errors import AlreadyInCorpus, CoverageInputError, NotAnArticle, UnknownArticle
from index.loaders import SUPPORTED_SUFFIXES, LoadResult, load_file

REMOVED_DIR = ".removed"  # hidden, so the indexer skips it; removed files are kept here
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_MAX_NAME_BYTES = 120  # file systems refuse 255; temporary copies add a prefix and a suffix


def add_document(
    corpus_dir: Path, filename: str, data: bytes, taken: Callable[[str], bool] = lambda doc_id: False
) -> tuple[Path, list[str]]:
    """Save an uploaded document into the corpus after checking that it reads as articles.

    Returns the saved file and the ids of the articles in it.

    ``taken`` says whether an article id is already in use; such articles are refused
    rather than silently replacing the existing ones.

    Raises:
        NotAnArticle: the extension, encoding or format is not one of an article file.
        AlreadyInCorpus: the file name or an article id is already taken.

    """
    name = safe_filename(filename)
    if Path(name).suffix.lower() not in SUPPORTED_SUFFIXES:
        supported = ", ".join(sorted(SUPPORTED_SUFFIXES))
        raise NotAnArticle(f"{filename!r} has an unsupported extension (supported: {supported})")
    target = corpus_dir / name
    if target.exists():
        if target.read_bytes() == data:
            raise AlreadyInCorpus(f"{name} is already in the corpus")
        raise AlreadyInCorpus(f"a different {name} is already in the corpus; rename the file or /remove the old one")
    corpus_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=corpus_dir, prefix=".upload-") as scratch:
        candidate = Path(scratch) / name
        candidate.write_bytes(data)
        result = LoadResult()
        load_file(candidate, result)
        if result.errors:
            raise NotAnArticle("; ".join(_describe(error.reason, error.line) for error in result.errors[:5]))
        clashes = [article.doc_id for article in result.articles if taken(article.doc_id)]
        if clashes:
            raise AlreadyInCorpus(
                f"the corpus already has articles with the ids {', '.join(clashes[:5])}; /remove them first"
            )
        os.replace(candidate, target)
    return target, [article.doc_id for article in result.articles]


def add_article(
    corpus_dir: Path, article: Article, taken: Callable[[str], bool] = lambda doc_id: False, feed: str = ""
) -> Path:
    """Save an article (e.g. fetched from a URL) into the corpus as Markdown with front matter.

    ``feed`` names the feed it came from, kept in the front matter as its origin.
    """
    meta = {
        "id": article.doc_id,
        "title": article.title,
        "date": article.date,
        "source": article.source,
        "url": article.url,
        "language": article.language,
        **({"feed": feed} if feed else {}),
    }
    markdown = frontmatter.dumps(frontmatter.Post(article.text, None, **meta)) + "\n"
    target, _ = add_document(corpus_dir, f"{article.doc_id}.md", markdown.encode("utf-8"), taken)
    return target


def remove_article(corpus_dir: Path, article: Article) -> Path:
    """Take an article out of the corpus; returns the file that changed.

    A JSONL line is dropped from its file (rewritten atomically); a whole-file
    article is moved into the hidden ``.removed`` folder rather than deleted.
    """
    file_part, _, line_part = article.origin.rpartition(":")
    if file_part and line_part.isdigit():
        path = Path(file_part)
        _check_inside(corpus_dir, path)
        _drop_jsonl_article(path, article.doc_id)
        return path
    path = Path(article.origin)
    _check_inside(corpus_dir, path)
    if not path.exists():
        raise UnknownArticle(f"{path} is no longer in the corpus")
    trash = corpus_dir / REMOVED_DIR
    trash.mkdir(exist_ok=True)
    target = trash / path.name
    for copy in range(1, 1000):
        if not target.exists():
            break
        target = trash / f"{path.stem}.{copy}{path.suffix}"  # never overwrite an earlier removal
    shutil.move(path, target)
    return path


def safe_filename(filename: str) -> str:
    """A plain file name: no folders, no spaces or odd characters, short enough for any file system.

    A long name (file systems refuse 255 bytes and more, and temporary copies add to it)
    keeps its start and extension and gets a short hash of the whole name in between.
    """
    name = _UNSAFE.sub("_", Path(filename).name).strip("._")
    if not name:
        raise NotAnArticle(f"{filename!r} is not a usable file name")
    if len(name.encode("utf-8")) > _MAX_NAME_BYTES:
        suffix = Path(name).suffix[:16]
        stem = name[: len(name) - len(suffix)].encode("utf-8")[: _MAX_NAME_BYTES - 32].decode("utf-8", "ignore")
        name = f"{stem}-{content_hash(filename)[:12]}{suffix}"
    return name


def _describe(reason: str, line: int | None) -> str:
    return f"line {line}: {reason}" if line else reason


def _drop_jsonl_article(path: Path, doc_id: str) -> None:
    """Rewrite a JSONL file without the article ``doc_id``, atomically and keeping the file's mode."""
    lines = path.read_text(encoding="utf-8-sig").split("\n")
    kept = [line for line in lines if _jsonl_id(line) != doc_id]
    if len(kept) == len(lines):
        raise UnknownArticle(f"article {doc_id!r} is no longer in {path}")
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")  # hidden: the indexer skips it
    try:
        with temporary.open("w", encoding="utf-8") as out:
            out.write("\n".join(kept))
            out.flush()
            os.fsync(out.fileno())
        shutil.copymode(path, temporary)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def _jsonl_id(line: str) -> str | None:
    """The article id of a JSONL line as the loader reads it, or None."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError:
        return None
    return str(record.get("id")).strip() if isinstance(record, dict) and record.get("id") is not None else None


def _check_inside(corpus_dir: Path, path: Path) -> None:
    if not path.resolve().is_relative_to(corpus_dir.resolve()):
        raise CoverageInputError(f"{path} is not in the corpus directory {corpus_dir}; remove it there by hand")
