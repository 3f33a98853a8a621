"""The acronyms an article writes out in full, for questions that ask by the initials."""

from __future__ import annotations

from index.acronyms import is_acronym, written_out


def test_a_run_of_capitalised_words_writes_out_its_initials():
    assert "OSCE" in written_out("the Organization for Security and Co-operation in Europe met in Vienna")
    assert "WTI" in written_out("U.S. crude, West Texas Intermediate, rose 3%")
    assert "API" in written_out("The American Petroleum Institute reported a draw")


def test_people_and_headlines_write_out_nothing():
    assert written_out("Michael Kofman said on Tuesday") == set()  # two words: no "MK"
    assert written_out("Biden was at Camp David") == set()  # "was" is no connector
    headline = "Biden Warns Putin Of Swift Response As Troops Mass On Border"
    assert written_out(headline) == set()  # title case, not a name


def test_punctuation_a_line_or_a_lower_case_word_ends_a_run():
    assert written_out("in the West. Texas Intermediate said") == set()
    assert written_out("West Texas crude and Intermediate grades") == set()
    assert written_out("Oil rises\nWest Texas Intermediate rose") == {"WTI"}  # the title is not the text's first words


def test_only_capitals_of_three_to_six_letters_are_read_as_acronyms():
    assert is_acronym("OSCE") and is_acronym("WTI")
    assert not is_acronym("UN") and not is_acronym("AmCham") and not is_acronym("G7")
