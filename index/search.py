"""Hybrid, language-aware retrieval over one published index version."""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

import numpy as np

from index import vectors
from index.documents import Article, Hit
from index.embedder import Encoder
from index.encoder_registry import spec_for
from index.integrity import INDEX_DB, check_version, open_lexical
from index.language_direction import moved_toward, remember_means
from index.lexical import feedback_terms
from index.manifest import IndexDamagedError, IndexMismatchError, Manifest
from index.near_duplicates import copied_share, passage_runs
from index.question import Question, read_question
from index.relevance import judge_for
from index.segments import RowRun
from index.store import IndexStore, StoredChunk
from index.translated_words import word_vectors
from index.typicality import Typicality
from index.versions import DataDir
from index.word_translation import Vocabulary

logger = logging.getLogger(__name__)
_FEEDBACK_PASSAGES = 3
_CANDIDATES_PER_RESULT = 8  # fused candidates considered per result, for de-duplication
_TRANSLATIONS_KEPT = 256  # questions whose translated words are kept for their next searches


class NoIndexError(RuntimeError):
    """There is no published index in the data directory."""


@dataclass(frozen=True)
class SearchConfig:
    """Knobs of the retrieval; defaults are what the QA set was measured with."""

    pool: int = 40  # candidates taken from each list before fusion
    dense: bool = True
    lexical: bool = True
    per_document: int = 2  # most passages of one article among the results
    # A passage half of whose 3-word runs a chosen one holds is a copy (index.near_duplicates.copied_share).
    # Not E5's cosine: it rates an article's distinct passages on one subject 0.92 to 0.96 alike.
    copied_share: float = 0.5
    alike_similarity: float = 0.92  # in a broad search, passages this alike (one subject to E5) collapse too
    lexical_weight: float = 1.0  # a lexical list in the question's language, relative to a dense list
    cross_language_lexical_weight: float = 0.5  # a lexical list in another language
    feedback_weight: float = 0.3  # the lexical list built from another language's best passages
    translated_weight: float = 0.3  # the lexical list of the question's words translated into another language
    rrf_k: int = 5  # reciprocal-rank-fusion constant: small values favour the very top ranks
    min_relevance: float | None = None  # None: the judge's default (see index.relevance)


class Searcher:
    """Searches one index version; safe to share across threads."""

    def __init__(self, folder: Path, encoder: Encoder, config: SearchConfig | None = None) -> None:
        self.manifest = Manifest.load(folder)
        self.manifest.check_encoder(encoder.name)
        self._index = check_version(folder, self.manifest, dimension=encoder.dimension)  # the cheap facts
        self.folder = folder
        self.encoder = encoder
        self._shift = spec_for(encoder.name).language_shift  # toward another language's passages
        self.config = config or SearchConfig()
        self.judge = judge_for(encoder, self.config.min_relevance)
        self.store = IndexStore(folder / INDEX_DB, read_only=True)
        if self._shift:
            remember_means(encoder.name, self.store.language_means(encoder.name))
        self._vocabularies: dict[str, Vocabulary] = {}
        self._translations: dict[tuple[tuple[str, ...], str], list[str]] = {}  # an answer searches several times
        self._vocabulary_lock = threading.Lock()
        try:
            self._ranges = self.store.language_ranges()
            self.lexical = open_lexical(folder, self.manifest, self._ranges, self._index.unserved)
        except IndexDamagedError:
            self.store.close()
            raise

    @classmethod
    def open_current(cls, data_dir: DataDir, encoder: Encoder, config: SearchConfig | None = None) -> Searcher:
        """The searcher of the version being served, or of the rollback when the served one is damaged.

        The fallback is said once, in a warning naming the damaged file; when both are
        damaged, the served version's damage is the error.
        """
        folder = data_dir.current()
        if folder is None:
            raise NoIndexError(f"no index in {data_dir.root}; build one with `negobot index`")
        try:
            return cls(folder, encoder, config)
        except IndexDamagedError as damage:
            rollback = data_dir.rollback_version()
            if rollback is None:
                raise
            try:
                searcher = cls(rollback, encoder, config)
            except IndexMismatchError:
                raise damage from None
            logger.warning("%s; serving the previous version %s meanwhile", damage, rollback.name)
            return searcher

    @cached_property
    def typicality(self) -> Typicality:
        """A sample of the version's sentences, against which an answer sentence's typicality is measured."""
        rows = max((run.high for runs in self._ranges.values() for run in runs), default=0)
        return Typicality.sample(self.store, self.encoder.name, rows)

    def close(self) -> None:
        """Release the index files."""
        self.store.close()

    def search(
        self,
        question: Question | str,
        k: int,
        allowed: np.ndarray | None = None,
        *,
        by_day: bool = False,
        broad: bool = False,
    ) -> list[Hit]:
        """The ``k`` best distinct passages for a question, best first.

        ``allowed``, a sorted array of rows (see :meth:`IndexStore.rows_of_articles`), restricts
        every language's lists to those passages before they are fused. With ``by_day``,
        near-identical passages of reports about different days are all kept: for questions
        in time, a daily market wrap repeats yesterday's words with today's figures.
        Passages are distinct when their words are: E5 rates an article's passages on one
        subject as alike as copies, and the one that answers is often not the first.
        ``broad`` (for a timeline: many developments, not one answer) collapses those alike too.
        """
        question = question if isinstance(question, Question) else read_question(question)
        query = question.vector(self.encoder)
        lists, lexical_scores = self._ranked_lists(question, query, allowed)
        fused = _fuse(lists, self.config.rrf_k)
        if not fused:
            return []
        rows = sorted(fused, key=lambda r: -fused[r])[: k * _CANDIDATES_PER_RESULT]
        candidate_vectors = self._index.reconstruct_batch(np.asarray(rows, dtype=np.int64))
        dense_scores = dict(zip(rows, (candidate_vectors @ query).tolist(), strict=True))
        stored = self.store.chunks_by_rows(rows)
        doc_ids = {chunk.chunk.doc_id for chunk in stored.values()}
        days = self.store.report_days(doc_ids) if by_day else {}
        stories = self.store.stories_of(doc_ids)
        alike = dict(zip(rows, candidate_vectors, strict=True)) if broad else None
        chosen = self._diverse(rows, stored, days, stories, alike, k)
        return self._hits(chosen, stored, stories, dense_scores, fused, lexical_scores)

    def _hits(
        self,
        rows: list[int],
        stored: dict[int, StoredChunk],
        stories: dict[str, str],
        dense: dict[int, float],
        fused: dict[int, float],
        lexical: dict[int, float],
    ) -> list[Hit]:
        """``rows`` as hits, with their articles and scores (fused and lexical 0 where a row has none)."""
        doc_ids = {stored[r].chunk.doc_id for r in rows}
        found = self.store.articles_by_id(doc_ids)  # one query for all, not one per article
        articles = {doc_id: _require(found.get(doc_id)) for doc_id in doc_ids}
        return [
            Hit(
                row=row,
                chunk=stored[row].chunk,
                article=articles[stored[row].chunk.doc_id],
                score=fused.get(row, 0.0),
                dense=dense[row],
                lexical=lexical.get(row, 0.0),
                also_reported_by=self._other_outlets(articles[stored[row].chunk.doc_id], stories),
            )
            for row in rows
        ]

    def _other_outlets(self, article: Article, stories: dict[str, str]) -> tuple[str, ...]:
        """The outlets of the other copies of an article's story (none for an article without copies)."""
        story = stories.get(article.doc_id)
        if story is None:
            return ()
        outlets = self.store.story_outlets(story)
        return tuple(dict.fromkeys(o for d, o in outlets if d != article.doc_id and o and o != article.source))

    def _ranked_lists(
        self, question: Question, query: np.ndarray, allowed: np.ndarray | None
    ) -> tuple[list[tuple[list[int], float]], dict[int, float]]:
        """One dense and one lexical ranking per language, each with its fusion weight.

        Ranking each language on its own lets the best passages of a language that is
        1% of the corpus compete on rank, not on raw scores that favour the majority.
        Another language's passages are searched with the question's vector moved toward
        that language (index.language_direction).
        Lexical matches in the question's own language count as much as dense ones;
        across languages only names can match, so they count less; the question's words
        translated into the other language (index.word_translation) and a feedback
        ranking (see :meth:`_feedback_ranking`) stand in for the missing words.
        """
        terms = question.terms if self.config.lexical else []
        asked_in = question.language
        lists: list[tuple[list[int], float]] = []
        lexical_scores: dict[int, float] = {}
        for language, runs in self._ranges.items():
            among = None if allowed is None else _within(allowed, runs)
            if among is not None and not len(among):
                continue
            if among is not None and len(among) == sum(run.high - run.low for run in runs):
                among = None  # every passage of the language: no filter to pay for
            if self.config.dense:
                dense = self._dense(moved_toward(query, asked_in, language, self.encoder, self._shift), runs, among)
                lists.append(([row for row, _ in dense], 1.0))
            if terms:
                lexical = self.lexical.search(terms, self.config.pool, language, among)
                weight = (
                    self.config.lexical_weight if language == asked_in else self.config.cross_language_lexical_weight
                )
                lists.append(([row for row, _ in lexical], weight))
                lexical_scores.update(lexical)
            if terms and language != asked_in and (translated := self.translated_terms(terms, language)):
                found = self.lexical.search(translated, self.config.pool, language, among)
                lists.append(([row for row, _ in found], self.config.translated_weight))
            if self.config.dense and terms and language != asked_in:
                feedback = self._feedback_ranking([row for row, _ in dense], language, among)
                lists.append((feedback, self.config.feedback_weight))
        return lists, lexical_scores

    def translated_terms(self, terms: list[str], language: str) -> list[str]:
        """The words of ``language``'s passages that translate ``terms`` (none from a version without stored words)."""
        key = (tuple(terms), language)
        with self._vocabulary_lock:
            if key in self._translations:
                return self._translations[key]
            if language not in self._vocabularies:
                self._vocabularies[language] = Vocabulary(*self.store.words(self.judge.encoder.name, language))
            vocabulary = self._vocabularies[language]
        translated = vocabulary.translations(terms, word_vectors(self.judge.encoder))
        with self._vocabulary_lock:
            if len(self._translations) >= _TRANSLATIONS_KEPT:
                self._translations.clear()
            self._translations[key] = translated
        return translated

    def _dense(self, query: np.ndarray, runs: list[RowRun], among: np.ndarray | None) -> list[tuple[int, float]]:
        """The best ``pool`` rows of one language (its runs in every segment) by ``query``, the question's vector.

        For another language's passages it is the vector moved toward that language; the hits'
        ``dense`` scores stay the cosines with the question's own vector.
        """
        found: list[tuple[int, float]] = []
        for run in runs:
            allowed = None if among is None else among[(among >= run.low) & (among < run.high)]
            if allowed is None or len(allowed):
                found += vectors.search_range(self._index, query, self.config.pool, run.low, run.high, allowed=allowed)
        return sorted(found, key=lambda hit: -hit[1])[: self.config.pool]

    def _feedback_ranking(self, dense_rows: list[int], language: str, allowed: np.ndarray | None) -> list[int]:
        """A lexical ranking from the words the best dense passages of a language share.

        Pseudo-relevance feedback: a question rarely shares words with a passage in
        another language, but the passages the encoder finds there do share words
        with the passage that answers it.
        """
        best = self.store.chunks_by_rows(dense_rows[:_FEEDBACK_PASSAGES])
        terms = feedback_terms([stored.chunk.text for stored in best.values()])
        return [row for row, _ in self.lexical.search(terms, self.config.pool, language, allowed)]

    def neighbours(self, question: Question, hits: list[Hit], besides: Sequence[Hit] = ()) -> list[tuple[Hit, Hit]]:
        """The passages just before and after each hit in its article, as (hit, neighbour).

        A passage ends where the chunker cut, not where the story does: the sentence that
        answers often sits next to the passage that matched the question. Neither the
        hits nor ``besides`` (other passages the caller holds) come back. Each neighbour
        carries its own cosine with the question; its lexical and fused scores are 0.
        """
        taken = {hit.row for hit in [*hits, *besides]}
        wanted = [(hit, hit.row + step) for hit in hits for step in (-1, 1)]
        rows = np.array(sorted({row for _, row in wanted if row >= 0 and row not in taken}), dtype=np.int64)
        stored = self.store.chunks_by_rows(rows[~np.isin(rows, self._index.unserved)].tolist())
        found: list[tuple[Hit, Hit]] = []
        for hit, row in wanted:
            chunk = stored[row].chunk if row in stored and row not in taken else None
            if chunk is None or chunk.doc_id != hit.chunk.doc_id or abs(chunk.position - hit.chunk.position) != 1:
                continue
            taken.add(row)
            found.append((hit, replace(hit, row=row, chunk=chunk, score=0.0, lexical=0.0)))
        if not found:
            return []
        vectors = self._index.reconstruct_batch(np.array([beside.row for _, beside in found], dtype=np.int64))
        cosines = (vectors @ question.vector(self.encoder)).tolist()
        return [(hit, replace(beside, dense=cosine)) for (hit, beside), cosine in zip(found, cosines, strict=True)]

    def passages_at(self, question: Question, rows: Sequence[int]) -> list[Hit]:
        """The served passages at ``rows``, in that order, each with its cosine with the question.

        They were not retrieved: their fused and lexical scores are 0.
        """
        wanted = np.asarray(rows, dtype=np.int64)
        stored = self.store.chunks_by_rows(wanted[~np.isin(wanted, self._index.unserved)].tolist())
        served = [row for row in wanted.tolist() if row in stored]
        if not served:
            return []
        cosines = self._index.reconstruct_batch(np.array(served, dtype=np.int64)) @ question.vector(self.encoder)
        stories = self.store.stories_of({stored[row].chunk.doc_id for row in served})
        return self._hits(served, stored, stories, dict(zip(served, cosines.tolist(), strict=True)), {}, {})

    def passage(self, chunk_id: str) -> Hit | None:
        """A passage of this version by chunk id (for showing a cited source in full), or None."""
        stored = self.store.chunk(chunk_id)
        article = self.store.article(stored.chunk.doc_id) if stored else None
        if stored is None or article is None:
            return None
        return Hit(row=stored.row, chunk=stored.chunk, article=article, score=0.0, dense=0.0, lexical=0.0)

    def _diverse(
        self,
        rows: list[int],
        stored: dict[int, StoredChunk],
        days: dict[str, str],
        stories: dict[str, str],
        alike: dict[int, np.ndarray] | None,
        k: int,
    ) -> list[int]:
        """Drop passages copying a chosen one's words and other outlets' copies of a cited story; cap each article's.

        With ``alike`` (the candidates' vectors), passages as alike as :attr:`SearchConfig.alike_similarity`
        are dropped too. Either kind of passage is kept when it reports another day than the
        chosen one (``days`` given).
        """
        chosen: list[int] = []
        per_doc: dict[str, int] = {}
        cited_stories: dict[str, str] = {}  # story -> the article cited for it
        runs: dict[int, frozenset[str]] = {}
        for row in rows:
            doc_id = stored[row].chunk.doc_id
            if per_doc.get(doc_id, 0) >= self.config.per_document:
                continue
            story = stories.get(doc_id)
            if story is not None and cited_stories.get(story, doc_id) != doc_id:
                continue  # another outlet's copy of a story already cited
            day = days.get(doc_id, "")
            runs[row] = passage_runs(stored[row].chunk.text)
            if any(
                (
                    copied_share(runs[row], runs[other]) >= self.config.copied_share
                    or (alike is not None and float(alike[row] @ alike[other]) >= self.config.alike_similarity)
                )
                and days.get(stored[other].chunk.doc_id, "") == day
                for other in chosen
            ):
                continue
            chosen.append(row)
            per_doc[doc_id] = per_doc.get(doc_id, 0) + 1
            if story is not None:
                cited_stories[story] = doc_id
            if len(chosen) == k:
                break
        return chosen


def _fuse(lists: list[tuple[list[int], float]], k: int) -> dict[int, float]:
    """Weighted reciprocal-rank fusion: each list adds weight / (k + rank) to its rows."""
    fused: dict[int, float] = {}
    for ranked, weight in lists:
        for rank, row in enumerate(ranked, start=1):
            fused[row] = fused.get(row, 0.0) + weight / (k + rank)
    return fused


def _require(article: Article | None) -> Article:
    if article is None:
        raise RuntimeError("the index refers to an article it does not store")
    return article


__all__ = ["Hit", "NoIndexError", "SearchConfig", "Searcher"]


def _within(rows: np.ndarray, runs: list[RowRun]) -> np.ndarray:
    """The sorted ``rows`` that lie in any of ``runs``."""
    inside = np.zeros(len(rows), dtype=bool)
    for run in runs:
        inside |= (rows >= run.low) & (rows < run.high)
    return rows[inside]
