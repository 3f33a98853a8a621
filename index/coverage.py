"""What admins do to the coverage, for every front end: add a document or a page, remove, rebuild, describe.

The Telegram admin commands and the command line call this, and a scheduler will. Each
change is made to the corpus directory and indexed under the data directory's build lock,
so a change made while another build runs is refused before anything is touched. Input
that cannot be taken raises a :class:`~index.input_errors.CoverageInputError` subtype;
anything else is a fault.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from index.builder import BuildConfig, BuildReport, Progress, build_index
from index.corpus import add_article, add_document, remove_article
from index.documents import Article
from index.embedder import LoadedEncoder
from index.input_errors import AlreadyInCorpus, BuildBusy, CoverageInputError, TooLarge, UnknownArticle
from index.integrity import INDEX_DB
from index.loaders import article_from_html
from index.manifest import Manifest
from index.store import IndexStore
from index.versions import BuildInProgressError, DataDir
from index.web_fetch import FetchPolicy, fetch_page

Changed = TypeVar("Changed")


@dataclass(frozen=True)
class CoverageConfig:
    """Where the corpus lives, how it is indexed, and the limits on what admins add."""

    corpus_dir: Path
    build: BuildConfig
    max_upload_bytes: int
    fetch: FetchPolicy


@dataclass(frozen=True)
class Change:
    """What a change did: the articles it added or removed, and the build that indexed it."""

    doc_ids: list[str]
    report: BuildReport


@dataclass(frozen=True)
class CoverageStats:
    """The served version described once, for /stats, /help and ``negobot stats``."""

    version: str
    built_at: str
    documents: int
    chunks: int
    languages: dict[str, int]
    first_day: str
    last_day: str
    encoder: str
    requested_model: str
    fallback: str
    dimension: int
    vector_index: str
    outlets: dict[str, int] = field(default_factory=dict)


class Coverage:
    """The admin's operations on one corpus directory and one data directory."""

    def __init__(self, config: CoverageConfig, data_dir: DataDir, loaded: LoadedEncoder) -> None:
        self.config = config
        self.data_dir = data_dir
        self.loaded = loaded

    def add_document(
        self, filename: str, data: bytes, is_indexed: Callable[[str], bool], progress: Progress | None = None
    ) -> Change:
        """Save an uploaded file of articles into the corpus and index it.

        Raises:
            TooLarge, NotAnArticle, AlreadyInCorpus, BuildBusy: nothing was changed.

        """
        if len(data) > self.config.max_upload_bytes:
            raise TooLarge(f"the file is {len(data):,} bytes; the limit is {self.config.max_upload_bytes:,}")
        corpus = self.config.corpus_dir

        def save() -> tuple[list[str], list[Path]]:
            saved, doc_ids = add_document(corpus, filename, data, is_indexed)
            return doc_ids, [saved]

        doc_ids, report = self._change(save, progress)
        return Change(doc_ids, report)

    async def fetch_article(self, url: str) -> Article:
        """The article of a public web page, within the size, time and redirect limits, cited by its final URL.

        Raises:
            Unreachable, TooLarge, NotAnArticle: the page cannot be fetched or holds no article.

        """
        page = await fetch_page(url, self.config.fetch)
        return await asyncio.to_thread(article_from_html, page.text, page.url)

    def add_article(
        self, article: Article, is_indexed: Callable[[str], bool], progress: Progress | None = None
    ) -> Change:
        """Save an article (a fetched page) into the corpus as Markdown and index it.

        Raises:
            AlreadyInCorpus, BuildBusy: nothing was changed.

        """
        corpus = self.config.corpus_dir
        _, report = self._change(lambda: (None, [add_article(corpus, article, is_indexed)]), progress)
        return Change([article.doc_id], report)

    def add_articles(
        self,
        entries: list[tuple[Article, str]],
        is_indexed: Callable[[str], bool],
        progress: Progress | None = None,
    ) -> tuple[Change, list[CoverageInputError]]:
        """Save several articles, each with the feed it came from, into the corpus and index them in one build.

        An article that cannot be saved (its id is taken) is left out and its error returned;
        the others are added.

        Raises:
            BuildBusy: nothing was changed.

        """
        corpus = self.config.corpus_dir

        def save_all() -> tuple[tuple[list[str], list[CoverageInputError]], list[Path]]:
            saved, errors, files = [], [], []
            for article, feed in entries:
                try:
                    files.append(add_article(corpus, article, is_indexed, feed))
                    saved.append(article.doc_id)
                except CoverageInputError as error:
                    errors.append(error)
            return (saved, errors), files

        (saved, errors), report = self._change(save_all, progress)
        return Change(saved, report), errors

    def remove(self, article: Article | None, doc_id: str, progress: Progress | None = None) -> Change:
        """Take an indexed article (as the served version stores it) out of the corpus and the index.

        Raises:
            UnknownArticle: no article has that id, or its file is gone.
            AlreadyInCorpus: another file of the corpus still holds an article with the id.
            BuildBusy: nothing was changed.

        """
        if article is None:
            raise UnknownArticle(f"no article has the id {doc_id!r}")
        corpus = self.config.corpus_dir
        _, report = self._change(lambda: (None, [remove_article(corpus, article)]), progress, forget={doc_id})
        if doc_id not in report.removed:
            raise AlreadyInCorpus(f"another file in the corpus still holds an article with the id {doc_id!r}")
        return Change([doc_id], report)

    def rebuild(self, progress: Progress | None = None) -> BuildReport:
        """Bring the index up to date with the corpus directory.

        Raises:
            BuildBusy: another build is running.

        """
        _, report = self._change(lambda: (None, None), progress)
        return report

    def _change(
        self,
        change: Callable[[], tuple[Changed, list[Path] | None]],
        progress: Progress | None,
        forget: Collection[str] = (),
    ) -> tuple[Changed, BuildReport]:
        """Make a change to the corpus and index it, both under the build lock.

        ``change`` returns its result and the corpus files it wrote (None: read them all).
        """
        try:
            with self.data_dir.build_lock():
                changed, files = change()
                report = build_index(
                    [self.config.corpus_dir],
                    self.data_dir,
                    self.loaded,
                    self.config.build,
                    progress,
                    forget,
                    holding_lock=True,
                    changed_files=files,
                )
        except BuildInProgressError as error:
            raise BuildBusy(f"{error}; nothing was changed, try again when it has finished") from error
        return changed, report


def coverage_stats(folder: Path, store: IndexStore | None = None) -> CoverageStats:
    """Describe the version in ``folder`` from its manifest and store (``store`` when the caller has it open)."""
    manifest = Manifest.load(folder)
    own = store is None
    opened = IndexStore(folder / INDEX_DB, read_only=True) if store is None else store
    try:
        first, last = opened.date_range()
        outlets = opened.sources()
    finally:
        if own:
            opened.close()
    return CoverageStats(
        version=manifest.version,
        built_at=manifest.built_at,
        documents=manifest.documents,
        chunks=manifest.chunks,
        languages=dict(manifest.languages),
        first_day=first,
        last_day=last,
        encoder=manifest.encoder,
        requested_model=manifest.requested_model,
        fallback=manifest.fallback_reason,
        dimension=manifest.dimension,
        vector_index=manifest.vector_index,
        outlets=outlets,
    )


__all__ = ["Change", "Coverage", "CoverageConfig", "CoverageStats", "coverage_stats"]
