"""Fit the weights that choose answer sentences, on QA sets, and print them with cross-validated figures.

    .venv/bin/python benchmarks/fit_sentence_weights.py --data-dir /tmp/qa \\
        benchmarks/qa/{negotiations,holdout,answers}.jsonl benchmarks/qa/answers_v{2..35}.jsonl

(the weights of index.encoder_registry's E5 come from those 37 tuned answer files).

Each answerable question without a date is answered as ``ask`` does; the sentences that
competed are recorded with their features (index.sentence_features) and whether they
hold an expected text. A pairwise logistic regression (each right sentence against each
wrong one of the same question) gives one weight per feature. Five-fold cross-validation,
three shuffles, compares the fitted weights with the rule without them: how often the
best sentence is right, and one of the best three. The folds hold out together every
question whose right sentence another question shares: the sets ask about the seed's
few sentences again and again (809 questions of the 21 tuned sets have 272 right
answers), and folds by question scored a model on sentences it was fitted on. Needs
scikit-learn (installed with sentence-transformers). Fit only on sets that are already tuned.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components
from sklearn.linear_model import LogisticRegression

import index.answer
from bot.opening import open_searcher
from bot.settings import get_settings
from index.answer import answer_question
from index.embedder import Encoder
from index.encoder_registry import spec_for
from index.evaluation import read_qa
from index.question import Question
from index.search import SearchConfig
from index.sentence_choice import choose_sentences, is_a_statement, rule_scores
from index.sentence_features import FEATURES, Contest, sentence_features
from index.versions import DataDir

# Cross-validated on the seven tuned sets (246 questions), the best sentence was right for
# 149 with scikit-learn's default C=1.0, 155 with 10, 153 with 100: the features are few
# and the pairs many, so less shrinkage pays.
_INVERSE_REGULARISATION = 10.0


@dataclass(frozen=True)
class Recorded:
    """The competing sentences of one question: features, labels, the rule's scores, and which are statements."""

    features: np.ndarray
    right: np.ndarray
    rule: np.ndarray
    quotable: np.ndarray
    answers: frozenset[str]  # the texts of its right sentences


def main() -> None:
    """Print cross-validated figures and the weights fitted on every question."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("qa", nargs="+", type=Path)
    parser.add_argument("--data-dir", type=Path, required=True)
    args = parser.parse_args()
    questions = collect(args.data_dir, args.qa)
    groups = answer_groups(questions)
    print(f"{len(questions)} answered questions with a right sentence among those that competed, {len(groups)} answers")
    for seed in range(3):
        order = np.random.default_rng(seed).permutation(len(groups))
        fitted, rule = np.zeros(2), np.zeros(2)
        for fold in np.array_split(order, 5):
            held = {i for group in fold for i in groups[group]}
            weights = fit([q for i, q in enumerate(questions) if i not in held])
            for i in held:
                fitted += hits(questions[i], questions[i].features @ weights)
                rule += hits(questions[i], questions[i].rule)
        print(
            f"shuffle {seed}: best sentence right {fitted[0]:.0f} (rule {rule[0]:.0f}), "
            f"one of the best three {fitted[1]:.0f} (rule {rule[1]:.0f})"
        )
    weights = fit(questions)
    print("weights, in the order of index.sentence_features.FEATURES:")
    print("(" + ", ".join(f"{w:.3f}" for w in weights) + ")  # " + ", ".join(FEATURES))


def answer_groups(questions: list[Recorded]) -> list[list[int]]:
    """The questions in groups sharing no right sentence with another (cross-validation holds each out whole).

    The connected parts of the graph joining each question to its right sentences' texts.
    """
    texts = {text: len(questions) + j for j, text in enumerate(sorted({t for q in questions for t in q.answers}))}
    edges = [(i, texts[text]) for i, question in enumerate(questions) for text in question.answers]
    size = len(questions) + len(texts)
    graph = coo_matrix((np.ones(len(edges)), ([a for a, _ in edges], [b for _, b in edges])), shape=(size, size))
    _, part = connected_components(graph, directed=False)
    groups: dict[int, list[int]] = {}
    for i in range(len(questions)):
        groups.setdefault(int(part[i]), []).append(i)
    return list(groups.values())


def collect(data_dir: Path, qa_files: list[Path]) -> list[Recorded]:
    """Answer each question, recording the sentences that competed (only questions with a right one count)."""
    settings = get_settings()
    data = DataDir(data_dir)
    searcher = open_searcher(settings, data, SearchConfig())
    if spec_for(searcher.encoder.name).sentence_weights is None:
        print("note: this encoder has no fitted weights; they are fitted for it here all the same")
    recorded: list[tuple[Question, Contest]] = []

    def recording(question: Question, contest: Contest, encoder: Encoder, judge: Encoder) -> list[int]:
        recorded.append((question, contest))
        return choose_sentences(question, contest, encoder, judge)

    index.answer.choose_sentences = recording  # type: ignore[attr-defined]  # record what competed
    questions: list[Recorded] = []
    for item in (item for path in qa_files for item in read_qa(path) if item.expected):
        recorded.clear()
        answer = answer_question(item.question, searcher, 5)
        if not recorded or answer.time is not None:  # questions in time keep the rule (index.sentence_choice)
            continue
        question, contest = recorded[-1]
        sentences = contest.pool.of_hits(contest.competing)
        texts = [contest.pool.sentences[i].text for i in sentences]
        right = np.array([item.matches(text) for text in texts])
        if not right.any():
            continue
        features = sentence_features(question, contest, sentences, searcher.encoder, searcher.judge.encoder)
        rule = rule_scores(question, contest.pool, searcher.encoder, sentences, judge=searcher.judge.encoder)
        quotable = np.array([is_a_statement(text) for text in texts])
        if not quotable.any():
            continue
        answers = frozenset(text for text, is_right in zip(texts, right, strict=True) if is_right)
        questions.append(Recorded(features, right, rule, quotable, answers))
    return questions


def fit(questions: list[Recorded]) -> np.ndarray:
    """Pairwise logistic regression: each right sentence's features less each wrong one's, both ways."""
    pairs = np.vstack([good - q.features[~q.right] for q in questions for good in q.features[q.right]])
    both = np.vstack([pairs, -pairs])
    labels = np.r_[np.ones(len(pairs)), np.zeros(len(pairs))]
    model = LogisticRegression(C=_INVERSE_REGULARISATION, max_iter=5000, fit_intercept=False).fit(both, labels)
    weights: np.ndarray = model.coef_[0]
    return weights


def hits(question: Recorded, scores: np.ndarray) -> np.ndarray:
    """Whether the best quotable sentence is right, and whether one of the best three is."""
    order = [i for i in np.argsort(-scores, kind="stable") if question.quotable[i]]
    return np.array([question.right[order[0]], question.right[order[:3]].any()], dtype=float)


if __name__ == "__main__":
    main()
