"""Ordinary Indonesian words, whatever their affixes, told from names."""

from __future__ import annotations

import pytest

from index.common_words import is_indonesian_word


@pytest.mark.parametrize(
    "word",
    [
        "Menteri",
        "Luar",
        "Negeri",
        "Gedung",
        "Putih",
        "Kementerian",
        "Pengekspor",
        "Menlu",
        "Menhan",
        "Jubir",
        "Wartawan",
    ],
)
def test_titles_and_institutions_are_made_of_ordinary_words(word: str):
    assert is_indonesian_word(word)


@pytest.mark.parametrize(
    "word",
    [
        "Macron",
        "Lavrov",
        "Stoltenberg",
        "Jenewa",
        "Warsawa",
        "Rusia",
        "Pelosi",
        "Raisi",
        "Tomé",
        "NATO-Rusia",
        "Sherman",
    ],
)
def test_names_are_not_ordinary_words(word: str):
    assert not is_indonesian_word(word)


def test_with_any_affix_verbs_count_too():
    assert not is_indonesian_word("ditawarkan")  # a verb: not a title's word
    assert is_indonesian_word("ditawarkan", any_affix=True)
