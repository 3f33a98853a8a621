"""Read articles from files: plain text, Markdown, HTML and JSON Lines.

Every problem with an input becomes a :class:`LoadError` naming the file (and
line) and the reason; one bad file never stops the others from loading.
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import frontmatter
import lxml.html
import trafilatura

from index.documents import Article, content_hash
from index.input_errors import NotAnArticle

TEXT_SUFFIXES = frozenset({".txt", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
JSONL_SUFFIXES = frozenset({".jsonl"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
JSONL_FIELDS = ("id", "title", "date", "source", "url", "language", "text")
# A long news article is 50 KB; a 50 MB file took 4.4 GB of memory to index.
DEFAULT_MAX_ARTICLE_BYTES = 1_000_000
_HTML_MARKUP_FACTOR = 10  # a page may carry this many times its article's size in markup


@dataclass(frozen=True)
class LoadError:
    """Why one input (a file, or one line of a JSONL file) could not be read."""

    path: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.reason}"


@dataclass
class LoadResult:
    """The articles read from some inputs, and the inputs that failed."""

    articles: list[Article] = field(default_factory=list)
    errors: list[LoadError] = field(default_factory=list)

    @property
    def failed_paths(self) -> set[str]:
        """Paths (files, or missing folders) that failed in whole or in part."""
        return {error.path for error in self.errors}


def discover_files(paths: Iterable[Path], errors: list[LoadError] | None = None) -> Iterator[Path]:
    """Yield the files named, and the visible files under the directories named, sorted.

    A folder that cannot be listed is recorded in ``errors`` (so the articles it gave
    before are kept), never skipped silently.
    """
    for path in paths:
        if not path.is_dir():
            yield path
            continue
        found: list[Path] = []
        for folder, subfolders, files in os.walk(
            path, onerror=functools.partial(_unreadable, errors), followlinks=True
        ):
            here = Path(folder)
            subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
            for name in files:
                child = here / name
                dangling = child.is_symlink() and not child.exists()  # reported, not skipped silently
                if not name.startswith(".") and (child.is_file() or dangling):
                    found.append(child)
        yield from sorted(found)


def _unreadable(errors: list[LoadError] | None, error: OSError) -> None:
    if errors is not None:
        errors.append(LoadError(str(error.filename), f"unreadable folder: {error.strerror or error}"))


def load_paths(paths: Iterable[Path], max_article_bytes: int = DEFAULT_MAX_ARTICLE_BYTES) -> LoadResult:
    """Read every article from the given files and directories; larger articles are errors."""
    result = LoadResult()
    for file in discover_files(paths, result.errors):
        load_file(file, result, max_article_bytes)
    return result


def load_file(path: Path, result: LoadResult, max_article_bytes: int = DEFAULT_MAX_ARTICLE_BYTES) -> None:
    """Read one file into ``result``, recording an error instead of raising."""
    if not path.exists() and not path.is_symlink():  # a dangling link is reported unreadable below
        result.errors.append(LoadError(str(path), "no such file or directory"))
        return
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        supported = ", ".join(sorted(SUPPORTED_SUFFIXES))
        result.errors.append(LoadError(str(path), f"unknown extension {suffix!r} (supported: {supported})"))
        return
    limit = max_article_bytes * (_HTML_MARKUP_FACTOR if suffix in HTML_SUFFIXES else 1)
    try:
        size = path.stat().st_size
        if suffix not in JSONL_SUFFIXES and size > limit:
            result.errors.append(LoadError(str(path), _too_large(size, limit)))
            return
        data = path.read_bytes()
    except OSError as error:
        result.errors.append(LoadError(str(path), f"unreadable: {error.strerror or error}"))
        return
    if not data.strip():
        result.errors.append(LoadError(str(path), "empty file"))
        return
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        result.errors.append(
            LoadError(str(path), f"not UTF-8 (invalid byte 0x{data[error.start]:02x} at offset {error.start})")
        )
        return
    if suffix in JSONL_SUFFIXES:
        _load_jsonl(path, text, result, max_article_bytes)
        return
    try:
        article = _load_html(path, text) if suffix in HTML_SUFFIXES else _load_text(path, text)
    except ValueError as error:
        result.errors.append(LoadError(str(path), str(error)))
        return
    if len(article.text.encode("utf-8")) > max_article_bytes:
        result.errors.append(LoadError(str(path), _too_large(len(article.text.encode("utf-8")), max_article_bytes)))
        return
    result.articles.append(article)


def _too_large(size: int, limit: int) -> str:
    return f"{size:,} bytes, over the {limit:,}-byte limit for an article (NEGOBOT_MAX_ARTICLE_BYTES)"


def _load_text(path: Path, text: str) -> Article:
    """A .txt/.md article: YAML front matter, or else the first line is the title."""
    post = frontmatter.loads(text) if text.startswith("---") else None
    if post is not None and post.metadata:
        meta = {key: _as_text(value) for key, value in post.metadata.items()}
        body = post.content
        title = meta.get("title", "")
        if not title:
            title, body = _split_first_line(body)
    else:
        meta = {}
        title, body = _split_first_line(text)
    return Article(
        doc_id=meta.get("id") or path.stem,
        title=title,
        text=body,
        date=meta.get("date", ""),
        source=meta.get("source", ""),
        url=meta.get("url", ""),
        language=meta.get("language", ""),
        origin=str(path),
        raw_hash=content_hash(text),
    )


def _load_html(path: Path, html: str) -> Article:
    """An .html page: main text, title and date extracted by trafilatura."""
    article = article_from_html(html, "", doc_id=path.stem)
    return replace(article, origin=str(path))


def article_from_html(html: str, url: str, doc_id: str = "") -> Article:
    """The article in a news page, with the metadata trafilatura finds (``url`` when it finds none).

    Raises:
        NotAnArticle: when the page holds no article text.

    """
    extracted = _extract(html, url)
    if not (extracted.get("text") or "").strip():
        # libxml2 stops parsing below 256 nested elements unless asked for a "huge" tree:
        # pages of deeply nested divs then seem to hold no text at all.
        extracted = _extract(lxml.html.fromstring(html, parser=lxml.html.HTMLParser(huge_tree=True)), url)
    if not (extracted.get("text") or "").strip():
        raise NotAnArticle("no article text found in the HTML page")
    found_url = _as_text(extracted.get("url")) or url
    return Article(
        doc_id=doc_id or "web-" + content_hash(found_url or html)[:12],
        title=_as_text(extracted.get("title")),
        text=_as_text(extracted.get("text")),
        date=_as_text(extracted.get("date")),
        source=_as_text(extracted.get("sitename")),
        url=found_url,
        language=_as_text(extracted.get("language")),
        origin=found_url,
        raw_hash=content_hash(html),
    )


def _extract(page: str | lxml.html.HtmlElement, url: str) -> dict[str, Any]:
    """Trafilatura's main text and metadata of a page (as HTML or a parsed tree), {} when it finds none."""
    document = trafilatura.bare_extraction(page, url=url or None, with_metadata=True)
    if isinstance(document, dict):
        return document
    return document.as_dict() if document is not None else {}


def _load_jsonl(path: Path, text: str, result: LoadResult, max_article_bytes: int) -> None:
    """One article per line; a malformed or oversized line is reported with its line number."""
    # Only "\n" ends a line: JSON strings may hold U+2028 and friends, which splitlines() would cut at.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        if len(line) > max_article_bytes and len(line.encode("utf-8")) > max_article_bytes:
            result.errors.append(LoadError(str(path), _too_large(len(line.encode("utf-8")), max_article_bytes), number))
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            result.errors.append(LoadError(str(path), f"malformed JSON ({error.msg})", number))
            continue
        problem = _jsonl_problem(record)
        if problem:
            result.errors.append(LoadError(str(path), problem, number))
            continue
        result.articles.append(
            Article(
                doc_id=_as_text(record["id"]),
                title=_as_text(record.get("title")),
                text=_as_text(record["text"]),
                date=_as_text(record.get("date")),
                source=_as_text(record.get("source")),
                url=_as_text(record.get("url")),
                language=_as_text(record.get("language")),
                origin=f"{path}:{number}",
                raw_hash=content_hash(line),
            )
        )


def _jsonl_problem(record: Any) -> str:
    """Why a decoded JSONL record is not an article, or "" when it is one."""
    if not isinstance(record, dict):
        return "expected a JSON object with the fields " + ", ".join(JSONL_FIELDS)
    for name, allowed, wanted in (("id", (str, int), "a string or an integer"), ("text", (str,), "a string")):
        value = record.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            return f"missing or empty field {name!r}"
        if isinstance(value, bool) or not isinstance(value, allowed):
            return f"field {name!r} must be {wanted}, not {_json_type(value)} ({json.dumps(value)[:40]})"
    unknown_types = [
        name
        for name in JSONL_FIELDS
        if record.get(name) is not None and not isinstance(record[name], str | int | float)
    ]
    if unknown_types:
        return f"field {unknown_types[0]!r} must be a string"
    return ""


def _json_type(value: object) -> str:
    """What a decoded JSON value is, in JSON's words."""
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    return "a list" if isinstance(value, list) else "an object" if isinstance(value, dict) else "a string"


def _split_first_line(text: str) -> tuple[str, str]:
    """Split off the first non-blank line (the title) from the body."""
    stripped = text.lstrip()
    title, _, body = stripped.partition("\n")
    title = title.strip().lstrip("#").strip()
    if not body.strip():
        raise ValueError("no article text after the title line")
    return title, body


def _as_text(value: object) -> str:
    """Metadata as a trimmed string; missing values become ""."""
    if value is None:
        return ""
    return str(value).strip()
