"""Other-language names of places from FreeDict's English-Indonesian dictionary (dictd format)."""

from __future__ import annotations

import gzip

import pytest

from index import dictionary_names
from index.dictionary_names import DICTIONARY, translated_names
from tests.helpers.dictd import use_dictionary

INSTALLED = DICTIONARY.with_suffix(".index").exists()


def test_proper_nouns_are_read_both_ways_and_other_entries_ignored(tmp_path, monkeypatch):
    use_dictionary(
        tmp_path,
        monkeypatch,
        [
            ("geneva", "Geneva //d\u0292\u0259\u02c8ni\u02d0v\u0259// <pn>\nJenewa\ncity\n"),
            ("moscow", "Moscow /x/ <pn>\nMoskwa, Moskow\ncapital city of Russia\n"),
            ("missile", "missile //m\u026as\u0259l// <n>\nmisil, rudal\nprojectile\n"),
        ],
    )
    assert translated_names("Jenewa") == ["Geneva"] and translated_names("geneva") == ["Jenewa"]
    assert translated_names("Moskwa") == ["Moscow", "Moskow"]
    assert translated_names("rudal") == [] and translated_names("Macron") == []  # nouns are not names


def test_without_the_dictionary_there_are_no_translations(tmp_path, monkeypatch):
    monkeypatch.setattr(dictionary_names, "DICTIONARY", tmp_path / "absent")
    dictionary_names._names.cache_clear()
    try:
        assert translated_names("Jenewa") == []
    finally:
        dictionary_names._names.cache_clear()


@pytest.mark.skipif(not INSTALLED, reason="the Debian package dict-freedict-eng-ind is not installed")
def test_the_installed_dictionary_names_the_talks_cities_in_both_languages():
    assert translated_names("Jenewa") == ["Geneva"]
    assert "Vienna" in translated_names("Wina") and "Brussels" in translated_names("Brussel")
    assert "Warsawa" in translated_names("Warsaw")
    assert "EU" in translated_names("UE") and "GDP" in translated_names("PDB") and "UN" in translated_names("PBB")


def test_a_damaged_dictionary_is_done_without(tmp_path, monkeypatch):
    path = tmp_path / "freedict-eng-ind"
    path.with_suffix(".index").write_text("geneva\tA\tZ\n", encoding="utf-8")
    path.with_suffix(".dict.dz").write_bytes(gzip.compress(b"Geneva /x/ <pn>\nJenewa\n")[:12])  # truncated
    monkeypatch.setattr(dictionary_names, "DICTIONARY", path)
    dictionary_names._names.cache_clear()
    try:
        assert translated_names("Jenewa") == []
    finally:
        dictionary_names._names.cache_clear()


def test_initials_in_capitals_stand_for_their_entry_in_both_languages(tmp_path, monkeypatch):
    use_dictionary(
        tmp_path,
        monkeypatch,
        [
            ("european union", "European Union /x/ <pn>\nUni Eropa\nunion of European states\n"),
            ("gross domestic product", "gross domestic product /x/ <n>\nproduk domestik bruto\nmeasure\n"),
            ("pocket money", "pocket money /x/ <n>\nuang saku\nmoney for small expenses\n"),
        ],
    )
    assert {"EU", "European Union"} <= set(translated_names("UE"))  # Uni Eropa's initials
    assert "UE" in translated_names("EU")
    assert "GDP" in translated_names("PDB")  # three letters: from any entry
    assert translated_names("US") == []  # two letters: from proper nouns only, not "uang saku"
    assert translated_names("ue") == []  # initials are written in capitals
