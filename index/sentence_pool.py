"""The sentences of the retrieved passages, split once and encoded at most once per encoder.

Versions built now store the vectors of every sentence, and of every passage for the
judge, so an answer reads them instead of encoding (see index.answer_vectors); only
what a version lacks is encoded here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol

import numpy as np

from index.chunking import embedding_text, sentence_spans
from index.documents import Hit
from index.embedder import Encoder
from index.page_joins import as_read
from index.question import Question
from index.store import WHOLE_PASSAGE, TextKey
from index.word_shares import word_overlap


class StoredVectors(Protocol):
    """Where the vectors a version stored for answers are read (an IndexStore)."""

    def text_vectors(self, encoder: str, rows: Sequence[int]) -> dict[TextKey, np.ndarray]:
        """Stored vectors by (row, start, end) of the given chunks."""
        ...

    def sentence_spans(self, rows: Sequence[int]) -> dict[int, list[tuple[int, int]]]:
        """The spans of the given chunks' sentences as the build split them, by row."""
        ...


@dataclass(frozen=True)
class Sentence:
    """One sentence of a retrieved passage: its text, the index of its hit and its span in the passage."""

    text: str
    hit: int
    start: int
    end: int

    @property
    def shown(self) -> str:
        """The sentence as a reader sees it quoted: without the joins a flattened page left (index.page_joins)."""
        return as_read(self.text)


@dataclass
class SentencePool:
    """Every sentence of some hits, with the hits' and sentences' similarities to a question per encoder."""

    hits: list[Hit]
    sentences: list[Sentence]
    stored: StoredVectors | None = None
    _passage_scores: dict[str, np.ndarray] = field(default_factory=dict, repr=False)
    _sentence_scores: dict[str, np.ndarray] = field(default_factory=dict, repr=False)
    _vectors: dict[str, dict[TextKey, np.ndarray]] = field(default_factory=dict, repr=False)
    _word_shares: np.ndarray | None = field(default=None, repr=False)

    @classmethod
    def of(cls, hits: list[Hit], stored: StoredVectors | None = None) -> SentencePool:
        """Each hit's passage in sentences; their spans and vectors are read from ``stored`` where it has them.

        A passage ``stored`` has no sentences of (an older version) is split here.
        """
        sentences = [
            Sentence(hit.chunk.text[start:end], i, start, end)
            for i, (hit, spans) in enumerate(zip(hits, sentence_spans_of(hits, stored), strict=True))
            for start, end in spans
        ]
        return cls(hits, sentences, stored)

    def with_hits(self, extra: list[Hit]) -> SentencePool:
        """A pool of these sentences and those of ``extra`` hits, keeping every score already known."""
        if not extra:
            return self
        added = SentencePool.of(extra, self.stored)
        offset = len(self.hits)
        sentences = self.sentences + [replace(s, hit=s.hit + offset) for s in added.sentences]
        pool = SentencePool(self.hits + extra, sentences, self.stored, _vectors=self._vectors)
        for name, known in self._sentence_scores.items():
            pool._sentence_scores[name] = np.concatenate([known, np.full(len(added.sentences), np.nan)])
        for name, known in self._passage_scores.items():
            pool._passage_scores[name] = np.concatenate([known, np.full(len(extra), np.nan)])
        if self._word_shares is not None:
            pool._word_shares = np.concatenate([self._word_shares, np.full(len(extra), np.nan)])
        return pool

    def unscored(self) -> SentencePool:
        """These sentences and the vectors known of them, without any scores: to score them for another question."""
        return SentencePool(self.hits, self.sentences, self.stored, _vectors=self._vectors)

    def passage_word_shares(self, question: Question) -> np.ndarray:
        """Per hit, the share of the question's words its title and text hold (index.word_shares), each read once."""
        if self._word_shares is None:
            self._word_shares = np.full(len(self.hits), np.nan)
        for i in np.flatnonzero(np.isnan(self._word_shares)):
            self._word_shares[i] = word_overlap(question, self.hits[i])
        return self._word_shares.copy()

    def score_everything(self, question: Question, encoder: Encoder) -> tuple[np.ndarray, np.ndarray]:
        """Passage and sentence cosines by ``encoder``, whatever is not known yet encoded in one call."""
        known = self._sentence_scores.setdefault(encoder.name, np.full(len(self.sentences), np.nan))
        passages = self._passage_scores.setdefault(encoder.name, np.full(len(self.hits), np.nan))
        missing = [i for i in range(len(self.sentences)) if np.isnan(known[i])]
        unscored = [i for i in range(len(self.hits)) if np.isnan(passages[i])]
        texts = [self._passage_text(i) for i in unscored] + [self._sentence_text(i) for i in missing]
        cosines = self._cosines(question, encoder, texts)
        passages[unscored] = cosines[: len(unscored)]
        known[missing] = cosines[len(unscored) :]
        return passages.copy(), known.copy()

    def sentence_scores(self, question: Question, encoder: Encoder, only: list[int] | None = None) -> np.ndarray:
        """Cosine of the question with each sentence (or those indexed by ``only``, in that order), by ``encoder``.

        A sentence is encoded at most once per encoder, whoever asks first.
        """
        wanted = list(range(len(self.sentences))) if only is None else only
        known = self._sentence_scores.setdefault(encoder.name, np.full(len(self.sentences), np.nan))
        missing = [i for i in wanted if np.isnan(known[i])]
        if missing:
            known[missing] = self._cosines(question, encoder, [self._sentence_text(i) for i in missing])
        scores: np.ndarray = known[wanted]
        return scores

    def sentence_vectors(self, encoder: Encoder, only: list[int]) -> np.ndarray:
        """``encoder``'s vectors of the sentences indexed by ``only``: those already scored are not encoded again."""
        return self._vectors_of(encoder, [self._sentence_text(i) for i in only])

    def record_passage_scores(self, encoder: Encoder, scores: np.ndarray) -> None:
        """Reuse passage cosines the caller already has (the retrieval's own, for its encoder)."""
        self._passage_scores[encoder.name] = scores

    def of_hits(self, hits: list[int]) -> list[int]:
        """Indexes of the sentences of some hits."""
        wanted = set(hits)
        return [i for i, sentence in enumerate(self.sentences) if sentence.hit in wanted]

    def _passage_text(self, i: int) -> Text:
        hit = self.hits[i]
        return Text(embedding_text(hit.article.title, hit.chunk.text), (hit.row, *WHOLE_PASSAGE))

    def _sentence_text(self, i: int) -> Text:
        sentence = self.sentences[i]
        return Text(sentence.text, (self.hits[sentence.hit].row, sentence.start, sentence.end))

    def _cosines(self, question: Question, encoder: Encoder, texts: list[Text]) -> np.ndarray:
        """Cosines of the question with ``texts``."""
        if not texts:
            return np.zeros(0, dtype=np.float32)
        scores: np.ndarray = self._vectors_of(encoder, texts) @ question.vector(encoder)
        return scores

    def _vectors_of(self, encoder: Encoder, texts: list[Text]) -> np.ndarray:
        """``encoder``'s vectors of ``texts``: kept from earlier calls, stored by the version, else encoded now."""
        known = self._vectors.setdefault(encoder.name, {})
        wanted = list({text.key: text for text in texts if text.key not in known}.values())
        stored = self.stored.text_vectors(encoder.name, sorted({t.key[0] for t in wanted})) if self.stored else {}
        missing = [text for text in wanted if text.key not in stored]
        if missing:
            encoded = encoder.encode_passages([text.text for text in missing])
            stored.update(zip([text.key for text in missing], encoded, strict=True))
        known.update((text.key, stored[text.key]) for text in wanted)
        vectors = np.zeros((len(texts), encoder.dimension), dtype=np.float32)
        for i, text in enumerate(texts):
            vectors[i] = known[text.key]
        return vectors


@dataclass(frozen=True)
class Text:
    """A text an answer compares with the question, and where its stored vector would be."""

    text: str
    key: TextKey


def sentence_spans_of(hits: Sequence[Hit], stored: StoredVectors | None) -> list[list[tuple[int, int]]]:
    """Per hit, the spans of its passage's sentences: as ``stored`` (the version) has them, else split now.

    A version stores the spans its build split (index.store.IndexStore.sentence_spans);
    an older one has none, and its passages are split here.
    """
    spans = stored.sentence_spans([hit.row for hit in hits]) if stored is not None else {}
    return [spans.get(hit.row) or [(span.start, span.end) for span in sentence_spans(hit.chunk.text)] for hit in hits]
