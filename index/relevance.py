"""The minimum-relevance rule: when the coverage does not answer a question, say so.

A question is answered when its best passage is similar enough to it, with a
small bonus for sharing its content words. Cosine similarities live on very
different scales for different encoders (the Universal Sentence Encoder puts
unrelated text near 0.1, E5 near 0.75), so the threshold is per encoder.
"""

from __future__ import annotations

from index.documents import Hit
from index.lexical import query_terms

_OVERLAP_WEIGHT = 0.1
# Measured on benchmarks/qa/negotiations.jsonl: every off-topic question falls below.
_THRESHOLDS = {"usem3": 0.28, "e5": 0.82}
_DEFAULT_THRESHOLD = 0.35  # typical of sentence-transformers models trained with cosine losses


def default_min_relevance(encoder_name: str) -> float:
    """The threshold for an encoder, by its family (see the module docstring)."""
    lowered = encoder_name.lower()
    for family, threshold in _THRESHOLDS.items():
        if family in lowered:
            return threshold
    return _DEFAULT_THRESHOLD


def relevance(question: str, hits: list[Hit]) -> float:
    """Best cosine similarity among the hits, plus a bonus for covering the question's words."""
    if not hits:
        return 0.0
    terms = query_terms(question)
    overlap = max(term_overlap(terms, f"{h.article.title} {h.chunk.text}") for h in hits)
    return max(h.dense for h in hits) + _OVERLAP_WEIGHT * overlap


def term_overlap(terms: list[str], text: str) -> float:
    """Share of ``terms`` found in ``text``, matching on the first five letters (a crude stem)."""
    if not terms:
        return 0.0
    words = text.lower().split()
    return sum(any(word.startswith(term[:5]) for word in words) for term in terms) / len(terms)
