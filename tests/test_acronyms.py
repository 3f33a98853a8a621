"""The acronyms an article writes out in full, for questions that ask by the initials."""

from __future__ import annotations

from index.acronyms import is_acronym, written_out


def test_a_run_of_capitalised_words_writes_out_its_initials():
    assert "OSCE" in written_out("the Organization for Security and Co-operation in Europe met in Vienna")
    assert "WTI" in written_out("U.S. crude, West Texas Intermediate, rose 3%")
    assert "EU" in written_out("The European Union said")


def test_any_stretch_of_a_longer_run_counts():
    # A title and a name follow the institute: API is one stretch of the run.
    assert "API" in written_out("American Petroleum Institute President Mike Sommers said")


def test_punctuation_and_long_lower_case_words_end_a_run():
    assert "WT" not in written_out("in the West. Texas said")  # two sentences
    assert "WTI" not in written_out("West Texas crude and Intermediate grades")  # "crude" ends the run
    assert written_out("oil prices rose on Friday") == set()


def test_only_capitals_are_read_as_acronyms():
    assert is_acronym("OSCE") and is_acronym("UN")
    assert not is_acronym("AmCham") and not is_acronym("G7") and not is_acronym("A")
