"""Extractive answers: the sentences of the retrieved passages that best answer a question, or why none does."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np

from index.documents import Hit
from index.mentions import unmentioned_names
from index.question import Question, read_question
from index.search import Searcher
from index.sentence_choice import choose_sentences
from index.sentence_pool import SentencePool

_FROM_PASSAGES = 3  # answer sentences come from the best few passages, and each language's best
_SPARE_PASSAGES = 3  # judged beyond k, so that dropping passages that do not bear on it still leaves k
# A passage is cited only when the judge rates it alone within this of the best one:
# further behind, it is about something else, in whatever language.
_PASSAGE_GAP = 0.1
# Below the answer threshold by less than this, the passages are related to the question
# and offered as the closest coverage; further below, nothing is offered.
_RELATED_BAND = 0.03


class Reason(StrEnum):
    """Why an answer says what it says."""

    ANSWERED = "answered"
    NOT_MENTIONED = "not_mentioned"  # names in the question that the coverage never mentions
    NOT_ANSWERED = "not_answered"  # related coverage, but none of it answers; offered as the closest
    NOTHING_RELATED = "nothing_related"


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
    """What negobot says about a question.

    ``citations`` are the sources of an answer; ``closest`` the related passages offered,
    as such, when the coverage does not answer; ``missing`` the question's names that the
    coverage never mentions.
    """

    question: str
    found: bool
    sentences: list[AnswerSentence]
    citations: list[Citation]
    encoder: str
    reason: Reason = Reason.ANSWERED
    missing: list[str] = field(default_factory=list)
    closest: list[Citation] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The answer as prose with citation marks, or "" when nothing was found."""
        return " ".join(f"{s.text} [{s.n}]" for s in self.sentences)


def answer_question(question: str | Question, searcher: Searcher, k: int) -> Answer:
    """Retrieve passages for ``question`` and extract the sentences that answer it."""
    asked = question if isinstance(question, Question) else read_question(question)
    candidates = searcher.search(asked, k + _SPARE_PASSAGES)
    judge = searcher.judge
    missing = unmentioned_names(asked, searcher.store, candidates, judge.encoder)
    if missing:
        return _unanswered(asked, searcher, Reason.NOT_MENTIONED, missing=missing)
    pool = SentencePool.of(candidates, searcher.store)
    if judge.encoder is searcher.encoder:
        pool.record_passage_scores(judge.encoder, _dense_scores(candidates))
    judgement = judge.judge(asked, pool)
    bearing = [i for i, score in enumerate(judgement.passages) if score >= judgement.passages.max() - _PASSAGE_GAP]
    if judgement.relevance < judge.threshold:
        related = judgement.relevance >= judge.threshold - _RELATED_BAND
        closest = [Citation(n, candidates[i]) for n, i in enumerate(bearing[:k], start=1)] if related else []
        reason = Reason.NOT_ANSWERED if related else Reason.NOTHING_RELATED
        return _unanswered(asked, searcher, reason, closest=closest)
    chosen = choose_sentences(asked, pool, _sentence_sources(candidates, bearing), searcher.encoder)
    # The source of the best sentence comes first, then the others in retrieval order.
    order = list(dict.fromkeys([pool.sentences[i].hit for i in chosen] + bearing))[:k]
    number = {hit: n for n, hit in enumerate(order, start=1)}
    sentences = [AnswerSentence(pool.sentences[i].text, number[pool.sentences[i].hit]) for i in chosen]
    citations = [Citation(number[hit], candidates[hit]) for hit in order]
    return Answer(asked.text, True, sentences, citations, searcher.encoder.name)


def warm_up(searcher: Searcher) -> None:
    """Answer a throwaway question once, so that the first people to ask wait for nothing to load.

    Language identification, the judge's weights and the runtime's first inference load on first use.
    """
    answer_question("What did the negotiators agree on?", searcher, 1)


def _sentence_sources(hits: list[Hit], bearing: list[int]) -> list[int]:
    """The passages whose sentences compete for the answer: the best few, and each language's best.

    Encoding sentences is most of an answer's time, so not every passage's compete; but
    every language among the passages that bear on the question gets its best one in.
    """
    chosen = bearing[:_FROM_PASSAGES]
    languages = {hits[i].article.language for i in chosen}
    for i in bearing[_FROM_PASSAGES:]:
        if hits[i].article.language not in languages:
            chosen.append(i)
            languages.add(hits[i].article.language)
    return chosen


def _unanswered(
    asked: Question,
    searcher: Searcher,
    reason: Reason,
    *,
    missing: list[str] | None = None,
    closest: list[Citation] | None = None,
) -> Answer:
    return Answer(asked.text, False, [], [], searcher.encoder.name, reason, missing or [], closest or [])


def _dense_scores(hits: list[Hit]) -> np.ndarray:
    """The retrieval's own cosines, which are the judge's when one encoder does both."""
    return np.array([hit.dense for hit in hits], dtype=np.float32)
