"""Ordinary English words in any form, told from names, by Webster's Second word list."""

from __future__ import annotations

import pytest

from index.english_words import is_english_word


@pytest.mark.parametrize("word", ["Summarize", "Summarizing", "Explaining", "Regarding", "Tips", "besides", "Update"])
def test_ordinary_words_in_any_case_or_form_are_english_words(word: str):
    assert is_english_word(word)


@pytest.mark.parametrize("word", ["Kuleba", "Erdogan", "Baerbock", "Scholz", "Nabiullina", "Gimana"])
def test_names_and_other_languages_words_are_not(word: str):
    assert not is_english_word(word)
