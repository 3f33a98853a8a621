"""What ``negobot eval`` counts, on hand-made answers: no index, no encoder."""

from __future__ import annotations

from index.answer import Answer, AnswerSentence, Citation
from index.documents import Article, Chunk, Hit
from index.evaluation import QAItem, evaluate

EXPECTED = "limits on missiles"


def cite(n: int, text: str) -> Citation:
    article = Article(doc_id=f"doc{n}", title="Talks", text=text)
    return Citation(
        n, Hit(row=n, chunk=Chunk(f"doc{n}", 0, 0, len(text), text), article=article, score=1.0, dense=0.8, lexical=0.0)
    )


def answer(question: str, sentences: list[str], passages: list[str]) -> Answer:
    citations = [cite(n, text) for n, text in enumerate(passages, start=1)]
    quoted = [AnswerSentence(text, 1) for text in sentences]
    return Answer(question, bool(citations), quoted, citations, "test-encoder")


ANSWERS = {
    # The second sentence quotes the expected text: right, but not first.
    "quoted": answer(
        "quoted",
        ["The talks went on.", "The US offered Limits on Missiles."],
        ["The talks went on. The US offered Limits on Missiles."],
    ),
    # Only the second citation holds it; no quoted sentence does: the sources are right, the answer is not.
    "cited only": answer(
        "cited only",
        ["The talks went on."],
        ["The talks went on.", "Elsewhere: limits on missiles were offered."],
    ),
    "not found": answer("not found", [], []),
    "off-topic, reported found": answer("off-topic, reported found", ["The talks went on."], ["The talks went on."]),
    "off-topic, not found": answer("off-topic, not found", [], []),
}
ITEMS = [
    QAItem("quoted", [EXPECTED], "answerable"),
    QAItem("cited only", [EXPECTED], "answerable"),
    QAItem("not found", [EXPECTED], "answerable"),
    QAItem("off-topic, reported found", [], "offtopic"),
    QAItem("off-topic, not found", [], "offtopic"),
]


def test_answer_accuracy_counts_the_quoted_sentences_not_the_sources():
    evaluation = evaluate(ITEMS, ANSWERS.__getitem__)
    answerable = evaluation.groups["answerable"].summary()
    assert answerable["n"] == 3
    assert (answerable["R@1"], answerable["R@3"], answerable["MRR"]) == (0.333, 0.667, 0.5)
    assert (answerable["answer"], answerable["first"], answerable["not_found"]) == (0.333, 0.0, None)
    misses = [outcome.item.question for outcome in evaluation.misses]
    assert misses == ["cited only", "not found", "off-topic, reported found"]  # an answer where none is, too
    assert evaluation.misses[0].rank == 2 and evaluation.misses[0].first_quote == "The talks went on."


def test_an_unanswerable_question_reported_found_counts_against_not_found():
    evaluation = evaluate(ITEMS, ANSWERS.__getitem__)
    offtopic = evaluation.groups["offtopic"].summary()
    assert (offtopic["n"], offtopic["not_found"], offtopic["answer"], offtopic["first"]) == (2, 0.5, None, None)
    assert offtopic["R@1"] == 0.5  # recall semantics as before: rank 1 when reported not found
    overall = evaluation.overall.summary()
    assert (overall["n"], overall["answer"], overall["not_found"], overall["R@5"]) == (5, 0.333, 0.5, 0.6)


def test_the_first_quote_alone_can_be_right():
    item = QAItem("q", ["LIMITS ON MISSILES", "another wording"])
    evaluation = evaluate(
        [item], lambda q: answer(q, ["They offered limits on missiles."], ["They offered limits on missiles."])
    )
    summary = evaluation.overall.summary()
    assert (summary["answer"], summary["first"], summary["R@1"]) == (1.0, 1.0, 1.0)
    assert evaluation.misses == []


def test_spacing_that_cleaning_changed_still_matches_the_expected_text():
    item = QAItem("q", ["diungkap oleh media Spanyol , El Pais"])  # as the raw article spaces it
    assert item.matches("Hal itu diungkap oleh media Spanyol, El Pais.")
    assert item.matches("diungkap oleh\nmedia  Spanyol, El Pais")
    assert not item.matches("diungkap oleh media Spanyol")
