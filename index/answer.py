"""Extractive answers: the sentences of the retrieved passages that best answer a question."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from index.chunking import sentence_spans
from index.documents import Hit
from index.lexical import query_terms
from index.relevance import term_overlap
from index.search import Searcher

_MAX_SENTENCES = 3
_FROM_PASSAGES = 3  # answer sentences come from the best few passages only
# A further sentence must score in the upper half between the median candidate and the
# best one: scale-free, as E5's cosines crowd near 0.8 where a share of the best kept all.
# With no more candidates than sentences shown, all are kept.
_KEEP_SHARE_OF_LEAD = 0.5
_LEXICAL_WEIGHT = 0.15


@dataclass(frozen=True)
class Citation:
    """A numbered source: one retrieved passage."""

    n: int
    hit: Hit


@dataclass(frozen=True)
class AnswerSentence:
    """One sentence of the answer and the number of the source it was taken from."""

    text: str
    n: int


@dataclass(frozen=True)
class Answer:
    """What negobot says about a question."""

    question: str
    found: bool
    sentences: list[AnswerSentence]
    citations: list[Citation]
    encoder: str

    @property
    def text(self) -> str:
        """The answer as prose with citation marks, or "" when nothing was found."""
        return " ".join(f"{s.text} [{s.n}]" for s in self.sentences)


def answer_question(question: str, searcher: Searcher, k: int) -> Answer:
    """Retrieve passages for ``question`` and extract the sentences that answer it."""
    question = question.strip()
    if not question:
        raise ValueError("the question is empty")
    query = searcher.encoder.encode_queries([question])[0]
    retrieval = searcher.retrieve(question, k, query)
    found = retrieval.found
    citations = [Citation(n, hit) for n, hit in enumerate(retrieval.hits, start=1)] if found else []
    sentences = _best_sentences(question, query, citations, searcher) if found else []
    return Answer(question, found, sentences, citations, searcher.encoder.name)


def _best_sentences(
    question: str, query: np.ndarray, citations: list[Citation], searcher: Searcher
) -> list[AnswerSentence]:
    """The 1-3 sentences of the top passages most similar to the question, best first."""
    candidates: list[tuple[str, int]] = []
    for citation in citations[:_FROM_PASSAGES]:
        text = citation.hit.chunk.text
        candidates.extend((text[s.start : s.end], citation.n) for s in sentence_spans(text))
    if not candidates:
        return []
    sentence_vectors = searcher.encoder.encode_passages([text for text, _ in candidates])
    terms = query_terms(question)
    scores = sentence_vectors @ query + _LEXICAL_WEIGHT * np.array([term_overlap(terms, t) for t, _ in candidates])
    order = np.argsort(-scores)
    best, median = float(scores[order[0]]), float(np.median(scores))
    floor = best - _KEEP_SHARE_OF_LEAD * (best - median) if len(candidates) > _MAX_SENTENCES else -np.inf
    chosen = [order[0]] + [i for i in order[1:_MAX_SENTENCES] if scores[i] >= floor]
    return [AnswerSentence(candidates[i][0], candidates[i][1]) for i in chosen]
