"""A passage ranks by its best sentence, so one answering sentence among many others still lifts it."""

from __future__ import annotations

import numpy as np

from index.sentence_ranking import MIN_CHARS, best_sentence_ranking, candidate_rows

QUESTION = np.array([1.0, 0.0, 0.0], dtype=np.float32)


def test_a_passage_with_one_sentence_on_the_question_outranks_one_vaguely_about_it_throughout():
    vague = np.array([0.6, 0.8, 0.0], dtype=np.float32)
    sentences = {
        (1, 0, 40): vague,
        (1, 41, 80): vague,
        (2, 0, 40): np.array([0.0, 0.0, 1.0], dtype=np.float32),  # about something else
        (2, 41, 80): np.array([0.99, 0.0, 0.1], dtype=np.float32),  # the one that answers
    }
    assert best_sentence_ranking(QUESTION, sentences, 10) == [2, 1]


def test_fragments_and_whole_passages_do_not_rank_a_passage():
    sentences = {
        (1, 0, MIN_CHARS - 1): QUESTION,  # "What is next?": close to every question
        (1, -1, -1): QUESTION,  # the whole passage, which the dense list already ranks
        (2, 0, MIN_CHARS): np.array([0.5, 0.5, 0.0], dtype=np.float32),
    }
    assert best_sentence_ranking(QUESTION, sentences, 10) == [2]


def test_unnormalised_vectors_rank_by_cosine_and_the_ranking_is_cut_at_the_limit():
    sentences = {
        (row, 0, 60): np.array([1.0, row, 0.0], dtype=np.float32) * (10 - row)  # scaled: cosine falls with row
        for row in range(1, 6)
    }
    assert best_sentence_ranking(QUESTION, sentences, 3) == [1, 2, 3]


def test_the_candidates_are_every_row_any_list_found_once():
    assert candidate_rows([([5, 3], 1.0), ([3, 9], 0.5), ([], 0.3)]) == [3, 5, 9]
