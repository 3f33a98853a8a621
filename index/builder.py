"""Build, incrementally, a new index version from articles on disk, and publish it."""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
from datasketch import LeanMinHash

from index import vectors
from index.answer_vectors import AnswerVectors, LanguageWords, embed_answer_texts, embed_words
from index.appending import (
    CannotAppendError,
    append_version,
    can_append,
    unserved_after,
    version_manifest,
    write_segment,
)
from index.chunking import chunk_article, embedding_text
from index.cleaning import CLEANING_VERSION, clean_article
from index.cross_language import cross_language_copies, lead_vectors
from index.documents import Article, Chunk
from index.embedder import LoadedEncoder
from index.embedding_cache import embed_with_cache
from index.encoder_registry import spec_for
from index.integrity import INDEX_DB, file_records, files_problem, served_version_problem
from index.language_direction import language_means
from index.loaders import DEFAULT_MAX_ARTICLE_BYTES, LoadError, load_paths
from index.manifest import IndexMismatchError, Manifest
from index.near_duplicates import signature_from_bytes, signatures, stories
from index.relevance import judge_for
from index.store import IndexStore
from index.versions import DataDir

logger = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]
"""Called with (stage, done, total) as a build advances."""

MAX_SHRINK_SHARE = 0.5  # of the served articles that one build may drop without --allow-shrink


@dataclass(frozen=True)
class BuildConfig:
    """How passages are cut and vectors indexed."""

    chunk_tokens: int = 200
    approximate_above: int = 100_000  # per language: a flat scan of 100k rows took 44 ms p50, of 200k 72 ms
    ann_factory: str = "HNSW32,Flat"
    embed_batch: int = 256
    max_article_bytes: int = DEFAULT_MAX_ARTICLE_BYTES
    append_small_changes: bool = True  # publish a small change by appending a segment (see index.appending)

    def __post_init__(self) -> None:
        vectors.check_factory(self.ann_factory)  # a bad setting fails now, not after hours of embedding


@dataclass
class BuildReport:
    """What a build did."""

    version: str = ""
    published: bool = False
    documents: int = 0
    chunks: int = 0
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    moved: list[str] = field(default_factory=list)  # unchanged, but now read from another file
    kept_after_error: list[str] = field(default_factory=list)
    embedded: int = 0
    errors: list[LoadError] = field(default_factory=list)


def build_index(
    sources: Sequence[Path],
    data_dir: DataDir,
    loaded: LoadedEncoder,
    config: BuildConfig,
    progress: Progress | None = None,
    forget: Collection[str] = (),
    *,
    allow_shrink: bool = False,
    holding_lock: bool = False,
    changed_files: Collection[Path] | None = None,
) -> BuildReport:
    """Make the index mirror the articles under ``sources`` and publish it atomically.

    Articles whose input is unchanged since the served version are reused as
    they are; only new passages are embedded. Articles of the served version
    whose input failed this time are kept, so bad input never loses anything
    already indexed, unless their id is in ``forget`` (being removed on
    purpose). Nothing is published when nothing changed. ``holding_lock`` says the
    caller holds the build lock already (to change the corpus and build as one).
    ``changed_files``, when the caller knows them (an admin's add or remove), are the
    only files read: every other served article is taken as unchanged, so the build
    costs the change, not the corpus.

    Raises:
        ShrinkRefusedError: the build would drop more than half of the served articles
            (not counting those in ``forget``) and ``allow_shrink`` is False.

    """
    notify = progress or (lambda stage, done, total: None)
    with contextlib.nullcontext() if holding_lock else data_dir.build_lock():
        data_dir.clean_up()  # what a killed build or clean-up left behind
        plan = _plan(sources, data_dir, loaded.encoder.name, config, forget, changed_files=changed_files)
        report, previous, articles, reused, kept = plan.report, plan.previous, plan.articles, plan.reused, plan.kept
        damage = _needs_rewriting(data_dir.current()) if plan.changes_nothing else ""
        if plan.changes_nothing and not damage:
            return plan.unchanged_report()
        if damage:  # the corpus is unchanged but the served files are damaged or outdated: write them anew
            logger.warning("%s; rebuilding it", damage)
        _check_shrink(report, len(previous) + plan.untouched, forget, allow_shrink)
        vectors.check_factory(config.ann_factory, loaded.encoder.dimension)  # before hours of embedding
        # Reused articles keep their passages; kept ones too, unless the window changed.
        chunks_by_doc: dict[str, list[Chunk]] = {
            a.doc_id: previous[a.doc_id][1] for a in [*reused, *kept] if previous[a.doc_id][1]
        }
        final = {a.doc_id: a for a in [*articles, *kept]}
        fresh = [a for a in final.values() if a.doc_id not in chunks_by_doc]
        encoder = loaded.encoder
        target = min(config.chunk_tokens, encoder.max_tokens)
        for i, article in enumerate(fresh, start=1):
            try:
                chunks_by_doc[article.doc_id] = chunk_article(article, encoder.count_tokens, encoder.max_tokens, target)
                if not chunks_by_doc[article.doc_id]:
                    raise ValueError("no passage could be cut from the article")
            except ValueError as error:
                report.errors.append(LoadError(article.origin, str(error)))
                _keep_previous(article.doc_id, previous, final, chunks_by_doc, report)
            notify("chunking", i, len(fresh))

        def embed(
            chunks: list[Chunk], titles: dict[str, str]
        ) -> tuple[np.ndarray, list[AnswerVectors], list[LanguageWords]]:
            matrix, report.embedded = _embed(chunks, titles, data_dir, loaded, config.embed_batch, notify)
            judge = judge_for(loaded.encoder).encoder
            answer_vectors = embed_answer_texts(
                chunks,
                titles,
                loaded.encoder,
                judge,
                data_dir.embedding_cache,
                config.embed_batch,
                lambda done, total: notify("embedding sentences", done, total),
            )
            languages = {a.doc_id: a.language for a in final.values()}
            words = embed_words(chunks, languages, judge, data_dir.embedding_cache, config.embed_batch)
            return matrix, answer_vectors, words

        served = data_dir.current()
        appended = [a for a in final.values() if a.doc_id in chunks_by_doc and not _served_as(previous, a)]
        replaced = {a.doc_id for a in appended}
        leaving = [doc_id for doc_id in previous if doc_id not in final or doc_id in replaced]
        passages = sum(len(chunks_by_doc[a.doc_id]) for a in appended)
        if served is not None and not damage and _may_append(served, loaded, config, passages, leaving):
            try:
                report.version, report.documents, report.chunks = append_version(
                    data_dir,
                    served,
                    appended,
                    chunks_by_doc,
                    leaving,
                    loaded,
                    config.approximate_above,
                    config.ann_factory,
                    embed,
                )
                report.published = True
                return report
            except CannotAppendError as error:
                logger.warning("%s; writing the index whole", error)
        if plan.untouched:  # a version written whole needs every article: read them all
            return build_index(
                sources, data_dir, loaded, config, progress, forget, allow_shrink=allow_shrink, holding_lock=True
            )
        everything = sorted(
            (a for a in final.values() if a.doc_id in chunks_by_doc), key=lambda a: (a.language, a.doc_id)
        )
        ordered = [c for a in everything for c in chunks_by_doc[a.doc_id]]
        matrix, answer_vectors, words = embed(ordered, {a.doc_id: a.title for a in everything})
        # Articles kept from an older cleaning (their input failed this time) keep the version's number
        # old, so that the next build cleans them anew: each build cleans everything until their input reads.
        cleaning = min(CLEANING_VERSION, _served_cleaning(data_dir)) if kept else CLEANING_VERSION
        if cleaning < CLEANING_VERSION:
            logger.warning(
                "%d articles kept through bad input were cleaned by an older negobot; every build cleans the "
                "corpus anew until their input can be read",
                len(kept),
            )
        report.version = _write_version(
            data_dir, everything, ordered, matrix, answer_vectors, words, loaded, config, report, cleaning
        )
        report.published = True
        report.documents, report.chunks = len(everything), len(ordered)
    return report


def _served_cleaning(data_dir: DataDir) -> int:
    """How the served version's articles were cleaned (:data:`CLEANING_VERSION` when none is served or readable)."""
    served = data_dir.current()
    try:
        return Manifest.load(served).cleaning_version if served is not None else CLEANING_VERSION
    except (OSError, ValueError, IndexMismatchError):
        return CLEANING_VERSION


def _served_as(previous: dict[str, tuple[Article, list[Chunk]]], article: Article) -> bool:
    """Whether the served version holds ``article`` as it is, bar the line of its file it was read from.

    A line number is only informational (a JSONL article is found by its id), and one
    line taken out of a file moves every line after it: they need not be written again.
    """
    served = previous.get(article.doc_id)
    if served is None or not served[1]:
        return False
    if served[0] is article:  # reused as it was read from the served version
        return True
    return replace(served[0], origin=_origin_file(served[0].origin)) == replace(
        article, origin=_origin_file(article.origin)
    )


def _may_append(served: Path, loaded: LoadedEncoder, config: BuildConfig, passages: int, leaving: list[str]) -> bool:
    """Whether this change may be published by appending a segment to the served version (see index.appending)."""
    if not config.append_small_changes:
        return False
    try:
        manifest = Manifest.load(served)
        # (A version of another cleaning is never appended to: every article is cleaned anew, and
        # all its rows leaving is more than index.segments.MAX_DEAD_SHARE.)
        if manifest.encoder != loaded.encoder.name or manifest.chunk_tokens != config.chunk_tokens:
            return False
        damage = files_problem(served, manifest)
        if damage:
            logger.warning("%s; writing the index whole", damage)
            return False
        store = IndexStore(served / INDEX_DB, read_only=True)
        try:
            if not store.has_text_vectors or not store.has_words:
                return False
            unserved = unserved_after(store, leaving)
        finally:
            store.close()
        return can_append(served, manifest, passages, unserved)
    except (OSError, ValueError, sqlite3.DatabaseError, IndexMismatchError) as error:
        logger.warning("writing the index whole: the served version cannot be appended to (%s)", error)
        return False


def unchanged_report(
    sources: Sequence[Path], data_dir: DataDir, encoder: str, config: BuildConfig
) -> BuildReport | None:
    """What a build with ``encoder`` would report if it had nothing to do, else None.

    Needs only the encoder's name, so a re-run on an unchanged corpus can answer
    before any model is loaded.
    """
    if data_dir.current() is None:
        return None
    with data_dir.build_lock():
        plan = _plan(sources, data_dir, encoder, config, (), clean=False)
        if not plan.changes_nothing or _needs_rewriting(data_dir.current()):
            return None
    return plan.unchanged_report()


def _needs_rewriting(served: Path | None) -> str:
    """Why the served version must be written anew although the corpus is unchanged, or ""."""
    damage = served_version_problem(served)
    if damage or served is None:
        return damage
    store = IndexStore(served / INDEX_DB, read_only=True)
    try:
        if not store.has_text_vectors:
            return f"the served version {served.name} predates stored answer vectors, so answers would encode them"
        if not store.has_words:
            return f"the served version {served.name} predates stored words, so questions would not be translated"
    finally:
        store.close()
    return ""


@dataclass
class _Plan:
    """The articles a build starts from, and what changed since the served version."""

    report: BuildReport
    previous: dict[str, tuple[Article, list[Chunk]]]
    articles: list[Article]  # read this time: new, changed and unchanged
    reused: list[Article]  # unchanged, with their passages
    kept: list[Article]  # served before, and their input failed this time
    served: bool  # whether a version is being served
    untouched: int = 0  # served articles of files a targeted build did not read (not in ``previous``)
    untouched_chunks: int = 0  # and their passages

    @property
    def changes_nothing(self) -> bool:
        report = self.report
        return self.served and not (report.added or report.changed or report.removed or report.moved)

    def unchanged_report(self) -> BuildReport:
        self.report.documents = len(self.previous) + self.untouched
        self.report.chunks = sum(len(chunks) for _, chunks in self.previous.values()) + self.untouched_chunks
        return self.report


def _plan(
    sources: Sequence[Path],
    data_dir: DataDir,
    encoder: str,
    config: BuildConfig,
    forget: Collection[str],
    *,
    clean: bool = True,
    changed_files: Collection[Path] | None = None,
) -> _Plan:
    """Read the sources (or only ``changed_files``) and compare them with the served version.

    ``clean`` False leaves new and changed articles uncleaned: enough to tell whether
    anything changed.
    """
    report = BuildReport()
    touched = None if changed_files is None else {str(path) for path in changed_files}
    previous, untouched = _previous_articles(data_dir, encoder, config.chunk_tokens, touched)
    read = sources if changed_files is None or untouched is None else [p for p in changed_files if p.exists()]
    loaded_sources = load_paths(read, config.max_article_bytes)
    if untouched and any(article.doc_id in untouched for article in loaded_sources.articles):
        # an id another file already serves: only reading everything can tell which one stays
        previous, untouched = _previous_articles(data_dir, encoder, config.chunk_tokens)
        loaded_sources = load_paths(sources, config.max_article_bytes)
    report.errors = loaded_sources.errors
    articles, reused = _select_articles(loaded_sources.articles, previous, report, clean=clean)
    present = {a.doc_id for a in articles}
    failed = loaded_sources.failed_paths | {_origin_file(e.path) for e in report.errors}
    kept = [
        a
        for doc_id, (a, _) in previous.items()
        if doc_id not in present and doc_id not in forget and _comes_from(a.origin, failed)
    ]
    report.kept_after_error = [a.doc_id for a in kept]
    report.removed = sorted(set(previous) - {a.doc_id for a in articles} - set(report.kept_after_error))
    report.moved = [  # to another file; a line number is only informational (see _served_as)
        a.doc_id for a in reused if _origin_file(a.origin) != _origin_file(previous[a.doc_id][0].origin)
    ]
    plan = _Plan(report, previous, articles, reused, kept, data_dir.current() is not None)
    served = data_dir.current()
    if untouched and served is not None:
        plan.untouched = len(untouched)
        plan.untouched_chunks = Manifest.load(served).chunks - sum(len(chunks) for _, chunks in previous.values())
    return plan


class ShrinkRefusedError(ValueError):
    """A build would drop most of the served articles: more likely a missing folder than a wish."""


def _check_shrink(report: BuildReport, served: int, forget: Collection[str], allowed: bool) -> None:
    """Refuse to drop more than a share of the ``served`` articles unless told to (``--allow-shrink``)."""
    dropped = [doc_id for doc_id in report.removed if doc_id not in forget]
    if allowed or not served or len(dropped) <= served * MAX_SHRINK_SHARE:
        return
    raise ShrinkRefusedError(
        f"this would drop {len(dropped)} of the {served} articles served (more than "
        f"{MAX_SHRINK_SHARE:.0%}); nothing was changed. Check that the corpus is where it should be "
        "(an empty or unmounted folder looks like this), or run `negobot index --allow-shrink` to drop them"
    )


def _keep_previous(
    doc_id: str,
    previous: dict[str, tuple[Article, list[Chunk]]],
    final: dict[str, Article],
    chunks_by_doc: dict[str, list[Chunk]],
    report: BuildReport,
) -> None:
    """Serve the last good version of an article whose new version cannot be indexed, if there is one.

    Either way the article is neither added nor changed.
    """
    for changes in (report.added, report.changed):
        if doc_id in changes:
            changes.remove(doc_id)
    old_article, old_chunks = previous.get(doc_id, (None, []))
    if old_article is None or not old_chunks:
        final.pop(doc_id, None)
        chunks_by_doc.pop(doc_id, None)
        return
    final[doc_id], chunks_by_doc[doc_id] = old_article, old_chunks
    report.kept_after_error.append(doc_id)


def _previous_articles(
    data_dir: DataDir, encoder: str, chunk_tokens: int, only_files: set[str] | None = None
) -> tuple[dict[str, tuple[Article, list[Chunk]]], set[str] | None]:
    """Articles and chunks of the served version, if its passages can be reused by this build.

    With ``only_files``, only the articles read from those files, and the ids of the
    others; without, all of them and None. None too when the version cannot be read in
    part (none served, passages cut for another window, articles cleaned otherwise): every source must be read.
    """
    folder = data_dir.current()
    if folder is None:
        return {}, None
    try:
        manifest = Manifest.load(folder)
    except (OSError, ValueError, IndexMismatchError) as error:
        logger.warning("not reusing the served index: %s", error)
        return {}, None
    reusable = (
        manifest.encoder == encoder
        and manifest.chunk_tokens == chunk_tokens
        and manifest.cleaning_version == CLEANING_VERSION
    )
    try:
        store = IndexStore(folder / INDEX_DB, read_only=True)
        try:
            untouched: set[str] | None = None
            if only_files is not None and reusable:
                origins = {doc_id: _origin_file(origin) for doc_id, origin in store.origins().items()}
                read_again = {file for file in set(origins.values()) if _comes_from(file, only_files)}
                wanted = [doc_id for doc_id, file in origins.items() if file in read_again]
                articles = [a for a in (store.article(doc_id) for doc_id in wanted) if a is not None]
                untouched = set(origins) - set(wanted)
            else:
                articles = store.articles()
            if not reusable:
                # Passages were cut for another window, or the articles cleaned otherwise: clean and
                # cut everything again, but keep the articles so failed inputs keep their last good version.
                return {a.doc_id: (a, []) for a in articles}, None
            chunks = store.chunks_of(a.doc_id for a in articles)
            return {a.doc_id: (a, chunks[a.doc_id]) for a in articles}, untouched
        finally:
            store.close()
    except sqlite3.DatabaseError as error:
        logger.warning("not reusing the served index: %s cannot be read (%s)", folder / INDEX_DB, error)
        return {}, None


def _select_articles(
    raw: list[Article], previous: dict[str, tuple[Article, list[Chunk]]], report: BuildReport, *, clean: bool = True
) -> tuple[list[Article], list[Article]]:
    """Clean the new and changed articles; reuse the unchanged ones. Duplicate ids are errors."""
    articles: list[Article] = []
    reused: list[Article] = []
    seen: dict[str, str] = {}
    for article in raw:
        if article.doc_id in seen:
            report.errors.append(
                LoadError(
                    article.origin, f"duplicate article id {article.doc_id!r} (first seen in {seen[article.doc_id]})"
                )
            )
            continue
        seen[article.doc_id] = article.origin
        old = previous.get(article.doc_id)
        if old and old[0].raw_hash == article.raw_hash and old[1]:
            unchanged = replace(old[0], origin=article.origin)  # the file may have been renamed
            reused.append(unchanged)
            articles.append(unchanged)
            continue
        if not clean:
            (report.changed if old else report.added).append(article.doc_id)
            articles.append(article)
            continue
        try:
            cleaned = clean_article(article)
        except ValueError as error:
            report.errors.append(LoadError(article.origin, f"could not clean the article: {error}"))
            continue
        if not cleaned.text.strip():
            report.errors.append(LoadError(article.origin, "no article text left after cleaning"))
            continue
        (report.changed if old else report.added).append(cleaned.doc_id)
        articles.append(cleaned)
    return articles, reused


def _embed(
    chunks: list[Chunk],
    titles: dict[str, str],
    data_dir: DataDir,
    loaded: LoadedEncoder,
    batch: int,
    notify: Progress,
) -> tuple[np.ndarray, int]:
    """Vectors for all chunks, in order, computing only those the cache lacks."""
    texts = [embedding_text(titles[c.doc_id], c.text) for c in chunks]
    return embed_with_cache(
        texts, loaded.encoder, data_dir.embedding_cache, batch, lambda done, total: notify("embedding", done, total)
    )


def _write_version(
    data_dir: DataDir,
    articles: list[Article],
    chunks: list[Chunk],
    matrix: np.ndarray,
    answer_vectors: list[AnswerVectors],
    words: list[LanguageWords],
    loaded: LoadedEncoder,
    config: BuildConfig,
    report: BuildReport,
    cleaning: int,
) -> str:
    """Write a complete version folder (one segment, the base) and publish it; on any failure the old one stays.

    ``cleaning`` is the oldest :data:`CLEANING_VERSION` its articles went through.
    """
    folder = data_dir.new_version()
    try:
        signed = signatures(articles, _previous_signatures(data_dir))
        index = write_segment(
            folder,
            articles,
            chunks,
            signed,
            matrix,
            answer_vectors,
            words,
            0,
            config.approximate_above,
            config.ann_factory,
        )
        leads, openings = lead_vectors(chunks, matrix, answer_vectors, loaded.encoder.name)
        translated = cross_language_copies(
            leads,
            {a.doc_id: a.language for a in articles},
            {a.doc_id: a.published or a.date for a in articles},
            lambda doc_id: openings.get(doc_id, np.zeros((0, matrix.shape[1]), dtype=np.float32)),
        )
        store = IndexStore(folder / INDEX_DB)
        try:
            store.write_stories(stories(articles, signed, translated))
            if spec_for(loaded.encoder.name).language_shift:
                store.write_language_means(loaded.encoder.name, language_means(loaded.encoder))
            languages = store.languages()
        finally:
            store.close()
        version_manifest(
            folder,
            loaded,
            documents=len(articles),
            chunks=len(chunks),
            vector_index=index.describe(),
            chunk_tokens=config.chunk_tokens,
            languages=languages,
            files=file_records(folder),
            cleaning_version=cleaning,
        ).save(folder)
    except BaseException:
        data_dir.discard(folder)
        raise
    data_dir.publish(folder)  # from here on the new version is the served one: never discard it
    logger.info("published index version %s (%d articles, %d passages)", folder.name, len(articles), len(chunks))
    return folder.name


def _previous_signatures(data_dir: DataDir) -> dict[str, LeanMinHash]:
    """The served version's article signatures by content hash, so unchanged articles are not hashed again."""
    served = data_dir.current()
    if served is None:
        return {}
    try:
        store = IndexStore(served / INDEX_DB, read_only=True)
        try:
            return {content: signature_from_bytes(values) for content, values in store.signatures().items()}
        finally:
            store.close()
    except (sqlite3.DatabaseError, ValueError) as error:
        logger.warning("not reusing the served version's signatures: %s", error)
        return {}


def _comes_from(origin: str, inputs: set[str]) -> bool:
    """Whether an article's origin is one of ``inputs`` or lies under one (a missing directory)."""
    file = os.path.abspath(_origin_file(origin))
    return any(file == (path := os.path.abspath(i)) or file.startswith(path + os.sep) for i in inputs)


def _origin_file(origin: str) -> str:
    """The file part of an origin such as "corpus/news.jsonl:12"."""
    head, sep, tail = origin.rpartition(":")
    return head if sep and tail.isdigit() else origin
