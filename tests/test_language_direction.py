"""A question's vector moved toward another language, for searching that language's passages."""

from __future__ import annotations

import numpy as np
import pytest

from index import language_direction
from index.embedder import LoadedEncoder
from index.integrity import INDEX_DB
from index.language_direction import language_means, moved_toward
from index.question import read_question
from index.search import Searcher
from index.store import IndexStore
from index.versions import DataDir

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


def test_a_build_stores_the_means_and_a_searcher_takes_them_without_encoding(
    mixed_index: DataDir, multilingual: LoadedEncoder, monkeypatch: pytest.MonkeyPatch
):
    encoder = multilingual.encoder
    folder = mixed_index.current()
    assert folder is not None
    store = IndexStore(folder / INDEX_DB, read_only=True)
    try:
        stored = store.language_means(encoder.name)
    finally:
        store.close()
    computed = language_means(encoder)
    assert set(stored) == {"en", "id"}
    assert all(np.allclose(stored[language], computed[language], atol=1e-5) for language in stored)
    # A process that has not computed them takes the version's: a one-off `negobot ask` saves about 2 s.
    monkeypatch.setattr(language_direction, "_means", {})
    monkeypatch.setattr(language_direction, "calibration_blocks", _never_called)
    searcher = Searcher.open_current(mixed_index, encoder)
    try:
        assert searcher.search(read_question("Berapa harga minyak?"), 5)
        assert set(language_direction.language_means(encoder)) == {"en", "id"}
    finally:
        searcher.close()


def _never_called() -> list[str]:
    raise AssertionError("the means were encoded again")
