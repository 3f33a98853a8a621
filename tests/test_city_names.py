"""A city's name says where: GeoNames' cities of 100,000 people or more, by any of their names."""

from __future__ import annotations

import pytest

from index.city_names import is_city_name
from index.dictionary_names import DICTIONARY


@pytest.mark.parametrize("name", ["Kharkiv", "Brussels", "Kiev", "Kyiv", "Jenewa", "Moskow", "Zürich"])
def test_a_city_is_named_by_its_name_or_another_languages(name: str):
    assert is_city_name(name)


@pytest.mark.parametrize("name", ["Ryabkov", "Antonov", "Asian", "Sherman", "Fastiv", "Rau", "Tai", "Kim"])
def test_people_words_and_towns_of_fewer_people_are_no_city(name: str):
    # Sherman, Texas and Fastiv, Ukraine have fewer than 100,000 people: a surname is likelier.
    # Other names of fewer than four letters are left out: "Rau" is one of Rangpur's, "Tai" of Taiz's.
    assert not is_city_name(name)


@pytest.mark.skipif(not DICTIONARY.with_suffix(".index").exists(), reason="needs dict-freedict-eng-ind")
def test_a_citys_indonesian_name_the_table_lacks_is_read_through_the_dictionary():
    assert is_city_name("Wina")  # Vienna
