"""Publish a small change as a version that appends one segment to the served one (see index.segments).

Writing a version whole costs the corpus: every passage, vector and sentence vector is
written again. Appending costs the change: the served version's files are hard-linked,
only the new and changed articles are written, and the articles no longer served are
listed. The builder chooses between the two (:func:`can_append`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from index import bm25, vectors
from index.answer_vectors import AnswerVectors, LanguageWords
from index.cleaning import CLEANING_VERSION
from index.cross_language import OPENING, cross_language_copies, lead_vectors
from index.documents import Article, Chunk
from index.embedder import LoadedEncoder
from index.integrity import check_version, file_records
from index.manifest import Manifest
from index.near_duplicates import SIMILARITY, LeanMinHash, signature_bytes, signature_from_bytes, signatures, stories
from index.segments import (
    CHANGES_DB,
    INDEX_DB,
    MAX_APPENDED,
    MAX_DEAD_SHARE,
    VECTORS_FILE,
    Segment,
    appended_segments,
    language_runs,
    link_version,
    segment_folder,
    write_changes,
)
from index.store import ArticleSelection, IndexStore
from index.versions import DataDir

logger = logging.getLogger(__name__)

Embedder = Callable[[list[Chunk], dict[str, str]], tuple[np.ndarray, list[AnswerVectors], list[LanguageWords]]]
"""Vectors of chunks (in order), of their sentences (their rows counted from 0) and of their words by language."""


class CannotAppendError(RuntimeError):
    """The change cannot be appended here (nothing was published); write the version whole instead."""


def can_append(served: Path, manifest: Manifest, appended_passages: int, unserved_after: int) -> bool:
    """Whether a change may be published by appending to the served version (``manifest`` its manifest).

    Not when the version already has :data:`MAX_APPENDED` appended segments, when more than
    :data:`MAX_DEAD_SHARE` of its rows would be unserved, or when the change is larger than
    what is served (writing whole then costs about the same and leaves one segment).
    """
    rows = manifest.rows or manifest.chunks
    if len(appended_segments(served)) >= MAX_APPENDED or appended_passages > manifest.chunks:
        return False
    return unserved_after <= MAX_DEAD_SHARE * (rows + appended_passages)


def unserved_after(store: IndexStore, leaving: Sequence[str]) -> int:
    """How many rows the version would hold unserved once the ``leaving`` articles' rows are too."""
    rows = store.rows_of_articles(ArticleSelection(doc_ids=tuple(leaving))) if leaving else np.zeros(0)
    return len(store.unserved_rows()) + len(rows)


def append_version(
    data_dir: DataDir,
    served: Path,
    articles: list[Article],
    chunks_by_doc: Mapping[str, list[Chunk]],
    leaving: Sequence[str],
    loaded: LoadedEncoder,
    approximate_above: int,
    ann_factory: str,
    embed: Embedder,
) -> tuple[str, int, int]:
    """Publish the served version plus ``articles`` (new, or replacing their served copy), less ``leaving``.

    ``leaving`` are the ids of served articles that the new version no longer serves:
    those removed, and those that ``articles`` replace. Returns the version's name and
    its numbers of articles and passages. On any failure the served version stays.

    Raises:
        CannotAppendError: the file system cannot link the served version's files.

    """
    ordered = sorted(articles, key=lambda a: (a.language, a.doc_id))
    chunks = [c for a in ordered for c in chunks_by_doc[a.doc_id]]
    before = Manifest.load(served)
    first_row = before.rows or before.chunks
    segments = appended_segments(served)
    folder = data_dir.new_version()
    try:
        try:
            link_version(served, folder)
        except OSError as error:  # a file system without hard links
            raise CannotAppendError(f"the served version's files cannot be linked ({error})") from error
        signed, encoder = signatures(ordered), loaded.encoder.name
        titles = {a.doc_id: a.title for a in ordered}
        matrix, answer_vectors, words = embed(chunks, titles) if chunks else (None, [], [])
        leads, openings = ({}, {}) if matrix is None else lead_vectors(chunks, matrix, answer_vectors, encoder)
        served_store = IndexStore(served / INDEX_DB, read_only=True)
        try:
            dead = _unserved(served_store, leaving)
            served_index = check_version(served, before)
            new = _NewArticles(ordered, signed, leads, openings)
            version_stories = _stories_after(served_store, served_index, loaded.encoder.name, new, leaving)
        finally:
            served_store.close()
        if matrix is not None:  # a removal alone appends no segment
            segment = Segment(segment_folder(folder.name), first_row, first_row + len(chunks))
            (folder / segment.folder).mkdir(parents=True)
            write_segment(
                folder / segment.folder,
                ordered,
                chunks,
                signed,
                matrix,
                answer_vectors,
                words,
                first_row,
                approximate_above,
                ann_factory,
            )
            segments.append(segment)
        write_changes(folder / CHANGES_DB, segments, dead, version_stories)
        store = IndexStore(folder / INDEX_DB, read_only=True)
        try:
            counts, languages = store.counts(), store.languages()
        finally:
            store.close()
        version_manifest(
            folder,
            loaded,
            documents=counts["documents"],
            chunks=counts["chunks"],
            vector_index=before.vector_index,
            chunk_tokens=before.chunk_tokens,
            languages=languages,
            files=file_records(folder, before.files),
            rows=first_row + len(chunks),
        ).save(folder)
    except BaseException:
        data_dir.discard(folder)
        raise
    data_dir.publish(folder)
    logger.info(
        "published index version %s by appending %d articles and leaving out %d (%d articles, %d passages)",
        folder.name,
        len(ordered),
        len(leaving),
        counts["documents"],
        counts["chunks"],
    )
    return folder.name, counts["documents"], counts["chunks"]


def _unserved(store: IndexStore, leaving: Sequence[str]) -> list[tuple[str, str]]:
    """The (segment, article) pairs the new version does not serve: the served version's, and ``leaving``."""
    earlier = store.unserved_articles()
    return [*earlier, *((segment, doc_id) for doc_id, segment in store.segment_of(leaving).items())]


def version_manifest(
    folder: Path,
    loaded: LoadedEncoder,
    *,
    documents: int,
    chunks: int,
    vector_index: str,
    chunk_tokens: int,
    languages: dict[str, int],
    files: dict[str, dict[str, int | str]],
    rows: int = 0,
    cleaning_version: int = CLEANING_VERSION,
) -> Manifest:
    """The manifest of a version just written in ``folder`` with ``loaded``'s vectors, built now.

    ``cleaning_version`` is the oldest cleaning its articles went through (index.cleaning).
    """
    return Manifest(
        version=folder.name,
        encoder=loaded.encoder.name,
        dimension=loaded.encoder.dimension,
        normalised=True,
        documents=documents,
        chunks=chunks,
        built_at=datetime.now(UTC).isoformat(timespec="seconds"),
        vector_index=vector_index,
        requested_model=loaded.requested,
        fallback_reason=loaded.fallback_reason,
        chunk_tokens=chunk_tokens,
        languages=languages,
        files=files,
        rows=rows,
        cleaning_version=cleaning_version,
    )


def write_segment(
    folder: Path,
    articles: list[Article],
    chunks: list[Chunk],
    signed: Mapping[str, LeanMinHash],
    matrix: np.ndarray,
    answer_vectors: list[AnswerVectors],
    words: list[LanguageWords],
    first_row: int,
    approximate_above: int,
    ann_factory: str,
) -> vectors.VectorIndex:
    """Write a segment's files, rows counted from ``first_row``, and return its vector index.

    The store holds the articles, passages, signatures, answer vectors and the passages'
    words with their vectors; each language
    run of ``chunks`` (ordered by language, see index.segments) gets one FAISS part and
    one Tantivy index.
    """
    store = IndexStore(folder / INDEX_DB)
    try:
        store.write(articles, chunks, first_row)
        content = {a.doc_id: a.content_hash for a in articles}
        store.write_signatures((d, content[d], signature_bytes(m)) for d, m in signed.items())
        for stored in answer_vectors:
            keys = [(row + first_row, start, end) for row, start, end in stored.keys]
            store.write_text_vectors(stored.encoder, keys, stored.vectors)
        for language_words in words:
            store.write_words(
                language_words.encoder, language_words.language, language_words.words, language_words.vectors
            )
    finally:
        store.close()
    by_id = {a.doc_id: a for a in articles}
    ranges = language_runs([by_id[c.doc_id].language for c in chunks])
    for low, high in ranges:
        bm25.write_range(
            folder,
            first_row + low,
            first_row + high,
            ((first_row + row, by_id[chunks[row].doc_id].title, chunks[row].text) for row in range(low, high)),
        )
    index = vectors.build_vector_index(matrix, approximate_above, ann_factory, ranges, first_row)
    vectors.save(index, folder / VECTORS_FILE)
    return index


@dataclass(frozen=True)
class _NewArticles:
    """The articles a version appends, with what story-finding needs of them."""

    articles: list[Article]
    signed: Mapping[str, LeanMinHash]
    leads: Mapping[str, np.ndarray]  # their first passages' vectors
    openings: Mapping[str, np.ndarray]  # their opening sentences' vectors


def _stories_after(
    store: IndexStore, served_index: vectors.VectorIndex, encoder: str, new: _NewArticles, leaving: Sequence[str]
) -> dict[str, str]:
    """The version's stories: the served ones, regrouped where an article joins or leaves them.

    A new article is compared with every served one by its MinHash (a vectorised estimate
    of their Jaccard similarity) and, across languages, by its lead's vector; each story
    it joins, and each story an article leaves, is grouped again from its remaining
    members' signatures and links.
    """
    appended = new.articles
    gone = set(leaving) | {a.doc_id for a in appended}
    translated = _translated_copies(store, served_index, encoder, new, gone)
    served_stories = store.stories()
    current = {doc_id: story for doc_id, story in served_stories.items() if doc_id not in gone}
    touched = {story for doc_id, story in served_stories.items() if doc_id in gone}
    served = {doc_id: values for doc_id, values in store.signature_values().items() if doc_id not in gone}
    signed = dict(new.signed)
    known_new = {a.doc_id: a for a in appended}
    members: set[str] = set(known_new)
    if served:
        ids = list(served)
        matrix = np.stack([np.frombuffer(served[doc_id], dtype=np.uint64) for doc_id in ids])
        for article in appended:
            similar = (matrix == np.asarray(signed[article.doc_id].hashvalues, dtype=np.uint64)).mean(axis=1)
            for position in np.flatnonzero(similar >= SIMILARITY):
                members.add(ids[position])
                touched.add(current.get(ids[position], ids[position]))
    # Translated copies are regrouped wherever they are, as a whole build would: a new article
    # can make or break a pair between served ones (each lead's nearest neighbours change).
    for pair in translated:
        members.update(pair)
        touched.update(current.get(doc_id, doc_id) for doc_id in pair)
    languages = {doc_id: language for doc_id, (language, _) in store.article_days(current).items()}
    spoken: dict[str, set[str]] = {}
    for doc_id, story in current.items():
        spoken.setdefault(story, set()).add(languages.get(doc_id, ""))
    touched.update(story for story, told_in in spoken.items() if len(told_in) > 1)
    members |= {doc_id for doc_id, story in current.items() if story in touched}
    grouped_articles = [known_new.get(doc_id) or store.article(doc_id) for doc_id in sorted(members)]
    regroup = [a for a in grouped_articles if a is not None]
    for article in regroup:
        if article.doc_id in served:
            signed[article.doc_id] = signature_from_bytes(served[article.doc_id])
    result = {doc_id: story for doc_id, story in current.items() if doc_id not in members}
    result.update(stories(regroup, signed, translated))
    return result


def _translated_copies(
    store: IndexStore, served_index: vectors.VectorIndex, encoder: str, new: _NewArticles, gone: set[str]
) -> list[tuple[str, str]]:
    """Copies across languages (see index.cross_language) among the served articles that stay and the new ones."""
    lead_rows = {doc_id: row for doc_id, row in store.lead_rows().items() if doc_id not in gone}
    if not lead_rows and not new.leads:
        return []
    ids = list(lead_rows)
    found = served_index.reconstruct_batch(np.asarray([lead_rows[d] for d in ids], dtype=np.int64).reshape(-1))
    leads = {**dict(zip(ids, found, strict=True)), **new.leads}
    served = store.article_days(ids)
    languages = {doc_id: language for doc_id, (language, _) in served.items()}
    days = {doc_id: day for doc_id, (_, day) in served.items()}
    for article in new.articles:
        languages[article.doc_id], days[article.doc_id] = article.language, article.published or article.date

    def opening(doc_id: str) -> np.ndarray:
        if doc_id in new.openings:
            return new.openings[doc_id]
        stored = store.text_vectors(encoder, store.opening_rows(doc_id, OPENING))
        sentences = [vector for (_, start, _), vector in sorted(stored.items()) if start >= 0]
        return np.stack(sentences) if sentences else np.zeros((0, served_index.d), dtype=np.float32)

    return cross_language_copies(leads, languages, days, opening)


__all__ = ["CannotAppendError", "append_version", "can_append", "unserved_after", "write_segment"]
