"""Which sentences answer a question, fairly across languages.

One encoder's cosines are not comparable between a same-language pair and a
cross-language pair: E5 scores an English question against the Indonesian sentence
that answers it below English sentences about something else. For E5, a sentence is
scored by weights fitted on the tuned QA sets over both encoders' cosines, its
language, its passage's standing and whether it holds the number a "how many" asks
for (index.sentence_features). Otherwise, and for questions in time, by the rule: the
encoder's cosine plus its passage's (the context the sentence lacks alone), raised by a
calibrated offset per cosine across languages, plus the share of the question's words
it holds (in another language, the words that translate them, as the fitted weights
count them), plus, for "the latest", how new its report is, plus whether a sentence
holds the number a "how much" asks for. For "the latest", a newer report's sentence
saying the same as the best one is quoted first; for a question about someone few
passages name, the best sentence of a report naming them.
"""

from __future__ import annotations

import re
from dataclasses import replace

import numpy as np

from index.answer_types import Measure, states
from index.embedder import Encoder
from index.encoder_registry import spec_for
from index.named_subjects import Subject
from index.question import Question
from index.sentence_features import Contest, hypothetical, quantity_test, sentence_features, word_shares
from index.sentence_pool import SentencePool

MAX_SENTENCES = 3
# A further sentence must score in the upper half between a typical candidate and the
# best one: scale-free, as E5's cosines crowd near 0.8 where a share of the best kept all.
_KEEP_SHARE_OF_LEAD = 0.5
# The typical candidate is the median of this many best: a fixed count, so that the floor
# does not sink as more sentences compete (every retrieved passage's and its neighbours').
# 15 keeps answers on the tuned sets at 2.1 sentences each, as many as before they did.
_TYPICAL_AMONG = 15
_OVERLAP_WEIGHT = 0.1
# For "the latest", the newest day's report gains this over one from before its week or
# undated, 0.014 a day over older ones of the week: a sentence of the day before needs
# about 0.014 more cosine to be chosen.
# Measured on the five tuned dated sets (README): 0.05 and 0.2 gave about the same.
_NEWNESS_WEIGHT = 0.1
_PASSAGE_WEIGHT = 1.0
# The share of the question's words a sentence's passage and title hold (the judge's),
# weighed as the sentence's own share: the fitted weights found it worth a feature
# (index.sentence_features, passage_words). Set before it was measured, not tuned.
_PASSAGE_WORDS_WEIGHT = 0.1
# For "the latest", a sentence of a newer report that the judge's encoder rates this close
# to the best one (the same figure or development, updated) is quoted first. On the
# fourteen tuned dated sets' "latest" questions, 0.7 (the timeline's bar for one day's
# same development) changed no answer and 0.6 made 6 more first sentences right of 142.
_SAME_DEVELOPMENT = 0.6
# A "how much" / "berapa" question wants a number: a sentence holding one gains this (the
# fitted weights give the same feature about 0.15 of a cosine). On the thirteen tuned dated
# sets 0.05 and 0.1 gave answer +3 of 430 (README).
_NUMBER_WEIGHT = 0.1
# A sentence opening with a condition the question does not ask ("If oil increases to $120
# ...") loses this: as much as the number it holds gains for a "how much" question.
_HYPOTHETICAL_WEIGHT = 0.1
# Fewer words are a live blog's time stamp or a heading ("Feb. 17", "Live updates"), not
# a statement; E5 rates "Feb. 17" close to any question about that day.
_FEWEST_WORDS = 3
_LETTERS = re.compile(r"[^\W\d_]+")
# A heading run into the text in sentence case: "How the recent tensions began. In recent months Russia has
# ..." (The New York Times' explainer, quoted for "Apa perkembangan terbaru tentang perundingan?"), "How it
# all began.", "How one ship triggered a global crisis..."; a short "How ..." ending in a full stop states nothing.
_HOW_HEADING = re.compile(r"^How\s+(?:\S+\s+){0,5}\S+(?:\.|\.\.\.|…)$")
# Words of a question asking only what someone says or thinks ("What did Sherman say?", "Apa kata Varney?"):
# without the names, they ask nothing a sentence of a report naming them could answer better than another.
_ASKING_WHAT_IS_SAID = frozenset(
    """say says said tell told think thinks thought believe believes know view views opinion opinions position stance
    comment comments describe respond responded response react reaction statement statements remarks argue argued
    claim claimed according kata katanya katakan dikatakan bilang berkata mengatakan ujar pendapat pendapatnya
    pandangan pandangannya komentar komentarnya tanggapan tanggapannya menanggapi pernyataan pernyataannya sikap
    sikapnya reaksi reaksinya menyampaikan disampaikan menurut""".split()  # noqa: SIM905
)
_CLOSERS = " \"'”’)]"  # what may close a sentence after its mark: quotes, brackets
_QUOTE_MARKS = " \"'“”‘’«»"


def sentence_scores(
    question: Question, contest: Contest, encoder: Encoder, judge: Encoder, only: list[int]
) -> np.ndarray:
    """How well the sentences indexed by ``only`` answer the question, on one scale for every language.

    With fitted weights for the encoder (see index.sentence_features), their linear
    score; otherwise :func:`rule_scores`. A question in time keeps the rule: the weights,
    fitted on questions without a time, chose a worse first sentence for questions in
    time than the rule did (README).
    """
    weights = spec_for(encoder.name).sentence_weights
    if weights is not None and judge is not encoder and not contest.in_time:
        scored: np.ndarray = sentence_features(question, contest, only, encoder, judge) @ np.array(weights)
        return scored
    return rule_scores(question, contest.pool, encoder, only, contest.newness, judge, contest.subject)


def rule_scores(
    question: Question,
    pool: SentencePool,
    encoder: Encoder,
    only: list[int],
    newness: np.ndarray | None = None,
    judge: Encoder | None = None,
    subject: Subject | None = None,
) -> np.ndarray:
    """Sentence scores without fitted weights: cosines, the cross-language offset and the question's words.

    The encoder's cosine plus its passage's, raised by the encoder's cross-language offset
    per cosine in another language, plus the share of the question's words it holds
    (in another language, translated by ``judge``'s word vectors or the dictionary, as the
    fitted weights' feature), plus the share its passage holds (as the judge counts
    it), plus, for "the latest", how new its report is
    (``newness`` per passage), plus, when the question asks how much, whether the
    sentence holds a number. A sentence reporting by pronoun what ``subject`` said holds
    its names (index.sentence_features.word_shares).
    """
    similarities = pool.sentence_scores(question, encoder, only)
    gives = quantity_test(question)
    offset = spec_for(encoder.name).cross_language_offset
    other, overlap = word_shares(question, pool, only, judge, subject)
    held_by_passage = pool.passage_word_shares(question)
    scores = np.empty(len(only), dtype=np.float64)
    for i, sentence in enumerate(pool.sentences[j] for j in only):
        hit = pool.hits[sentence.hit]
        raised = offset * (1 + _PASSAGE_WEIGHT) if other[i] else 0.0
        scores[i] = similarities[i] + _PASSAGE_WEIGHT * hit.dense + raised + _OVERLAP_WEIGHT * overlap[i]
        scores[i] += _PASSAGE_WORDS_WEIGHT * held_by_passage[sentence.hit]
        if newness is not None:
            scores[i] += _NEWNESS_WEIGHT * newness[sentence.hit]
        if gives is not None and gives(sentence.text):
            scores[i] += _NUMBER_WEIGHT
        if hypothetical(question, sentence.text):
            scores[i] -= _HYPOTHETICAL_WEIGHT
    return scores


def choose_sentences(question: Question, contest: Contest, encoder: Encoder, judge: Encoder) -> list[int]:
    """Indexes into the contest pool's sentences of the 1-3 that answer best, best first.

    For a question asking how long, how much money or what rate, the best one giving such
    a figure comes first (see :func:`_stating_first`); for "the latest", a newer
    restatement of the best one (see :func:`_newest_update_first`), and for a day, its
    outlet's later report's restatement ("fell 504 points ... to close" after "was down 287 points").
    """
    pool = contest.pool
    candidates = [i for i in pool.of_hits(contest.competing) if i not in contest.unquotable]
    if not candidates:
        return []
    scores = sentence_scores(question, contest, encoder, judge, candidates)
    typical = float(np.median(np.sort(scores)[-_TYPICAL_AMONG:]))  # headings count too: they set the scale
    order = [int(i) for i in np.argsort(-scores, kind="stable") if is_a_statement(pool.sentences[candidates[i]].shown)]
    if not order:
        return []
    best = float(scores[order[0]])
    floor = best - _KEEP_SHARE_OF_LEAD * (best - typical) if len(candidates) > MAX_SENTENCES else -np.inf
    texts = [pool.sentences[i].text for i in candidates]
    if question.measure is not None:
        order = _stating_first(order, texts, question.measure, scores, floor)
    if contest.newness is not None:
        order = _newest_update_first(order, candidates, scores >= floor, contest.pool, contest.newness, judge)
    elif contest.published_that_day is not None:
        order = _newest_update_first(
            order, candidates, scores >= floor, contest.pool, contest.published_that_day, judge, same_outlet=True
        )
    if contest.named is None and contest.naming_articles:
        order = _from_naming_article_first(question, order, candidates, texts, contest, scores, floor, (encoder, judge))
    if contest.named is not None:
        order = _naming_first(order, texts, contest.named, question.measure)
        subject = contest.named
        order = order[:1] + [i for i in order[1:] if subject.held_by_hit(pool.hits[pool.sentences[candidates[i]].hit])]
    chosen = [order[0]]
    quoted = {as_compared(pool.sentences[candidates[order[0]]].text)}
    for i in order[1:]:
        if len(chosen) == MAX_SENTENCES or scores[i] < floor:
            break
        text = as_compared(pool.sentences[candidates[i]].text)
        if text not in quoted:  # two reports' one background sentence ("In recent months Russia has ...")
            chosen.append(i)
            quoted.add(text)
    return [candidates[i] for i in chosen]


def as_compared(sentence: str) -> str:
    """A sentence as two copies of it compare equal: case, spacing and the quotation marks around it aside.

    A quote repeated by its speaker ('Something's gonna happen." "Something's gonna
    happen."') splits into two sentences that differ only in their marks.
    """
    return " ".join(sentence.casefold().split()).strip(_QUOTE_MARKS)


def _stating_first(order: list[int], texts: list[str], measure: Measure, scores: np.ndarray, floor: float) -> list[int]:
    """``order`` with its best sentence stating the figure asked for first, when it scores at or over ``floor``.

    With three competing sentences or fewer there is no floor: all are quoted anyway.

    ``texts`` are the competing sentences, which ``order`` ranks. "How long did the call
    last?" is answered by the sentence giving its length, not by a better-matching one
    on the call that gives none (index.answer_types); one far under the best would be a
    figure of something else.
    """
    first = next((i for i in order if states(measure, texts[i])), None)
    return order if first is None or scores[first] < floor else _put_first(order, first)


def _naming_first(order: list[int], texts: list[str], subject: Subject, measure: Measure | None) -> list[int]:
    """``order`` with the best sentence naming the subject first, unless the best already does.

    Of those, one stating the figure asked for (``measure``) comes first, when one does.

    Such a question is answered only because a passage names the subject
    (index.named_subjects), so its answer must show it: "What did Sherman say?" was
    otherwise answered with a sentence on what the Biden administration said. Where none
    names it, ``order`` is left as it is (the caller says so).
    """
    return _best_of_first(order, [i for i in order if subject.names_one(texts[i])], texts, measure)


def _from_naming_article_first(
    question: Question,
    order: list[int],
    candidates: list[int],
    texts: list[str],
    contest: Contest,
    scores: np.ndarray,
    floor: float,
    encoders: tuple[Encoder, Encoder],
) -> list[int]:
    """``order`` with a sentence from an article naming the question's rare names first, when one competes.

    "What did Ryabkov say Moscow needs?" is answered from the report naming Ryabkov, not by a
    better-scored sentence on the negotiation at large from one that never names him. The
    article counts, not the passage: a report names its subject once, then goes on with "she".
    So the names tell its sentences apart no more: of them, the best for what the question
    asks of the names comes first ("What did Rose Gottemoeller say about the tanks?" is
    answered by "the tanks that we see going in are unmarked", not by the lead naming her; see
    :func:`_by_what_is_asked`).

    Of those, one stating the figure asked for (``question.measure``) comes first, when one does
    and scores at or over ``floor`` (see :func:`_stating_first`): far under the best, it is a
    figure of something else ("How much money was in the financial package Zelensky asked
    Biden for?", which no report gives, was answered with another sum).
    """
    pool = contest.pool
    naming = [
        i for i in order if pool.hits[pool.sentences[candidates[i]].hit].article.doc_id in contest.naming_articles
    ]
    naming = _by_what_is_asked(question, contest, candidates, naming, encoders)
    return _best_of_first(order, naming, texts, question.measure, [i for i in naming if scores[i] >= floor])


def _by_what_is_asked(
    question: Question, contest: Contest, candidates: list[int], naming: list[int], encoders: tuple[Encoder, Encoder]
) -> list[int]:
    """``naming`` (indexes into ``candidates``) ranked for the question without the names whom it asks about.

    Their sentences' cosines and words, and their passages' as the judge scores them, are
    scored as for "What did say about the tanks?" (their first names and title go with them,
    see :meth:`Question.without`); their passages' retrieval cosines, ranks
    and the judge's gap stay as retrieved, and for "the latest" their reports' newness. Left
    as they are for a question asking nothing besides the names, or only what they said or
    think ("Who is Karen Donfried?", "What did Sherman say?", "Bagaimana tanggapan Varney?").
    """
    names = list(contest.subject.whom().held_by) if contest.subject is not None else []
    if len(naming) < 2 or not names:
        return naming
    asked = question.without(names)
    if not set(asked.terms) - _ASKING_WHAT_IS_SAID:
        return naming
    scored = sentence_scores(asked, replace(contest, pool=contest.pool.unscored()), *encoders, candidates)
    return sorted(naming, key=lambda i: -scored[i])


def _best_of_first(
    order: list[int], among: list[int], texts: list[str], measure: Measure | None, may_state: list[int] | None = None
) -> list[int]:
    """``order`` with the best of ``among`` first; of those, the best stating the figure ``measure`` asks for.

    Only those of ``may_state`` (all of ``among`` by default) are put first for the figure
    they state. ``order`` is left as it is when ``among`` is empty.
    """
    stating = [
        i for i in (among if may_state is None else may_state) if measure is not None and states(measure, texts[i])
    ]
    return _put_first(order, (stating or among)[0]) if among else order


def _put_first(order: list[int], first: int) -> list[int]:
    """``order`` with ``first`` moved to the front, the others in their order."""
    return order if first == order[0] else [first] + [i for i in order if i != first]


def _newest_update_first(
    order: list[int],
    candidates: list[int],
    quotable: np.ndarray,
    pool: SentencePool,
    newness_of_passage: np.ndarray,
    judge: Encoder,
    *,
    same_outlet: bool = False,
) -> list[int]:
    """``order`` with the newest restatement of its best sentence first, by how new each passage's report is.

    ``order`` ranks positions in ``candidates`` (the pool's sentences that compete);
    ``quotable`` says, per position, whether that sentence scores well enough to be
    quoted at all. A newer report saying the same (the judge's cosine at least
    :data:`_SAME_DEVELOPMENT`: "152.68p a litre on Wednesday" after "152.51p a litre on
    Monday") is the latest of it, though the question's words fit the older one better.
    With ``same_outlet``, only newer reports of the best sentence's outlet count: its
    update of a story, not another outlet's account of it.
    """

    def newness(position: int) -> float:
        return float(newness_of_passage[pool.sentences[candidates[position]].hit])

    def outlet(position: int) -> str:
        return pool.hits[pool.sentences[candidates[position]].hit].article.source

    best = order[0]
    newer = [
        i
        for i in order[1:]
        if quotable[i] and newness(i) > newness(best) and (not same_outlet or outlet(i) == outlet(best) != "")
    ]
    if not newer:
        return order
    vectors = pool.sentence_vectors(judge, [candidates[i] for i in [best, *newer]])
    same = [i for i, similarity in zip(newer, vectors[1:] @ vectors[0], strict=True) if similarity >= _SAME_DEVELOPMENT]
    if not same:
        return order
    rank = {i: r for r, i in enumerate(order)}
    return _put_first(order, max(same, key=lambda i: (newness(i), -rank[i])))  # the newest; of one day, the better


def is_a_statement(sentence: str) -> bool:
    """Whether a sentence has words enough to state something, and is neither a question nor in capitals.

    A report's rhetorical question ("What on earth happened to turn things around?")
    shares the asker's words and answers nothing. Neither does a heading or a link to
    another story (see :func:`in_capitals`), nor a short heading in sentence case that
    opens with "How" ("How the recent tensions began.").
    """
    return (
        len(_LETTERS.findall(sentence)) >= _FEWEST_WORDS
        and not sentence.rstrip(_CLOSERS).endswith("?")
        and not in_capitals(sentence)
        and not _HOW_HEADING.match(sentence)
    )


def in_capitals(sentence: str) -> bool:
    """Whether a sentence is written all in capitals: a section heading or a link to another story.

    Fox Business prints both in its reports ("WHY DOES RUSSIA WANT THE PIPELINE?", "BIDEN
    ADMINISTRATION WEIGHING 'SEVERE' RUSSIA SANCTIONS IN CASE OF UKRAINE INVASION"; 52 in
    news-en-ukraine-2022). They stay in the index, where their words tell what the passage is
    about, but they report nothing: one was a timeline's development, and one, ending in no
    full stop, was quoted before the sentence after it that points back ("Yes, those troops
    ..."). A dateline or an acronym opens a sentence in capitals but leaves the rest of it;
    a quotation in capitals ("“WE WILL NOT BACK DOWN!” ...") is someone's words.
    """
    return sentence.isupper() and not sentence.lstrip().startswith(tuple(_QUOTE_MARKS.strip()))
