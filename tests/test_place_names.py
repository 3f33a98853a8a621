"""A country's or language's name in the coverage's other language, from CLDR."""

from __future__ import annotations

from index.place_names import other_names


def test_a_country_has_its_english_and_indonesian_names():
    # Membership, not equality: a later CLDR (babel is not pinned) may add names beside these.
    assert {"German", "Germany"} <= set(other_names("Jerman"))  # the country and its language
    assert "Jerman" in other_names("germany")  # case does not matter
    assert "Spanyol" in other_names("Spanish")
    assert "Jerman" not in other_names("Jerman")  # a name is not its own other name


def test_a_city_or_a_person_has_no_other_names():
    assert other_names("Minsk") == []
    assert other_names("Macron") == []


def test_a_region_written_as_a_common_noun_is_no_name():
    # CLDR's English name of the region 001 is "world": "Dunia" would count as mentioned by any "world".
    assert other_names("Dunia") == []
