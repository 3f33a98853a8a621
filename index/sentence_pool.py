"""The sentences of the retrieved passages, split once and encoded once per encoder."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from index.chunking import embedding_text, sentence_spans
from index.documents import Hit
from index.embedder import Encoder
from index.question import Question


@dataclass(frozen=True)
class Sentence:
    """One sentence of a retrieved passage: its text and the index of its hit."""

    text: str
    hit: int


@dataclass
class SentencePool:
    """Every sentence of some hits, with the hits' and sentences' similarities to a question per encoder."""

    hits: list[Hit]
    sentences: list[Sentence]
    _passage_scores: dict[str, np.ndarray] = field(default_factory=dict, repr=False)
    _sentence_scores: dict[str, np.ndarray] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, hits: list[Hit]) -> SentencePool:
        """Split each hit's passage into sentences."""
        sentences = [
            Sentence(hit.chunk.text[span.start : span.end], i)
            for i, hit in enumerate(hits)
            for span in sentence_spans(hit.chunk.text)
        ]
        return cls(hits, sentences)

    def passage_scores(self, question: Question, encoder: Encoder) -> np.ndarray:
        """Cosine of the question with each passage (with its article's title), by ``encoder``."""
        if encoder.name not in self._passage_scores:
            texts = [embedding_text(hit.article.title, hit.chunk.text) for hit in self.hits]
            self._passage_scores[encoder.name] = self._cosines(question, encoder, texts)
        return self._passage_scores[encoder.name]

    def score_everything(self, question: Question, encoder: Encoder) -> tuple[np.ndarray, np.ndarray]:
        """Passage and sentence cosines by ``encoder``, whatever is not known yet encoded in one call."""
        known = self._sentence_scores.setdefault(encoder.name, np.full(len(self.sentences), np.nan))
        missing = [i for i in range(len(self.sentences)) if np.isnan(known[i])]
        passages_known = encoder.name in self._passage_scores
        texts = [] if passages_known else [embedding_text(h.article.title, h.chunk.text) for h in self.hits]
        cosines = self._cosines(question, encoder, texts + [self.sentences[i].text for i in missing])
        if not passages_known:
            self._passage_scores[encoder.name] = cosines[: len(self.hits)]
        known[missing] = cosines[len(texts) :]
        return self._passage_scores[encoder.name], known.copy()

    def sentence_scores(self, question: Question, encoder: Encoder, only: list[int] | None = None) -> np.ndarray:
        """Cosine of the question with each sentence (or those indexed by ``only``, in that order), by ``encoder``.

        A sentence is encoded at most once per encoder, whoever asks first.
        """
        wanted = list(range(len(self.sentences))) if only is None else only
        known = self._sentence_scores.setdefault(encoder.name, np.full(len(self.sentences), np.nan))
        missing = [i for i in wanted if np.isnan(known[i])]
        if missing:
            known[missing] = self._cosines(question, encoder, [self.sentences[i].text for i in missing])
        scores: np.ndarray = known[wanted]
        return scores

    def record_passage_scores(self, encoder: Encoder, scores: np.ndarray) -> None:
        """Reuse passage cosines the caller already has (the retrieval's own, for its encoder)."""
        self._passage_scores[encoder.name] = scores

    def of_hits(self, hits: list[int]) -> list[int]:
        """Indexes of the sentences of some hits."""
        wanted = set(hits)
        return [i for i, sentence in enumerate(self.sentences) if sentence.hit in wanted]

    @staticmethod
    def _cosines(question: Question, encoder: Encoder, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros(0, dtype=np.float32)
        scores: np.ndarray = encoder.encode_passages(texts) @ question.vector(encoder)
        return scores
