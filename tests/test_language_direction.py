"""A question's vector moved toward another language, for searching that language's passages."""

from __future__ import annotations

import numpy as np

from index.embedder import LoadedEncoder
from index.language_direction import moved_toward

PAIRS = [
    ("Berapa harga minyak mentah AS hari ini?", "What is the price of US crude oil today?"),
    ("Apa kata Blinken setelah bertemu Lavrov di Jenewa?", "What did Blinken say after meeting Lavrov in Geneva?"),
    ("Berapa banyak tentara Rusia di perbatasan Ukraina?", "How many Russian troops are at the Ukrainian border?"),
]


def test_a_question_moved_toward_another_language_comes_closer_to_its_translation(multilingual: LoadedEncoder):
    encoder = multilingual.encoder
    indonesian = encoder.encode_queries([id_ for id_, _ in PAIRS])
    english = encoder.encode_queries([en for _, en in PAIRS])
    for question, translation in zip(indonesian, english, strict=True):
        moved = moved_toward(question, "id", "en", encoder, 0.5)
        assert abs(float(np.linalg.norm(moved)) - 1.0) < 1e-5
        assert float(moved @ translation) > float(question @ translation)
        back = moved_toward(translation, "en", "id", encoder, 0.5)
        assert float(back @ question) > float(translation @ question)


def test_a_question_searched_in_its_own_language_or_with_no_share_is_not_moved(multilingual: LoadedEncoder):
    encoder = multilingual.encoder
    question = encoder.encode_queries(["What did the US offer on missiles?"])[0]
    assert moved_toward(question, "en", "en", encoder, 0.5) is question
    assert moved_toward(question, "en", "id", encoder, 0.0) is question
    assert moved_toward(question, "en", "de", encoder, 0.5) is question  # no calibration texts in German
