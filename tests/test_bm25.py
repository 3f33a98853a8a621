"""The lexical index ranks as FTS5's bm25() did, one language at a time."""

from __future__ import annotations

import math
import sqlite3
from pathlib import Path

import pytest

from index.bm25 import LEXICAL_DIR, LexicalIndex, range_folder, write_range

# (title, text) by row: rows 0-4 are English, 5-6 Indonesian.
PASSAGES = [
    ("Talks in Geneva", "Envoys met in Geneva to talk about missiles and security guarantees."),
    ("Markets", "Oil prices rose and markets fell across Europe on Monday."),
    ("Missile deal", "A missile deal was offered; the missile offer covers missiles in Europe."),
    ("Weather", "Rain in Geneva, sun in Brussels, and snow in Moscow."),
    ("Security", "NATO security talks: Sherman and Ryabkov met again."),
    ("Perundingan Jenewa", "Delegasi bertemu di Jenewa membahas rudal dan jaminan keamanan."),
    ("Rudal", "Amerika menawarkan pembatasan rudal di Eropa."),
]
RANGES = {"en": (0, 5), "id": (5, 7)}


def write(folder: Path, ranges: dict[str, tuple[int, int]]) -> LexicalIndex:
    for low, high in ranges.values():
        write_range(folder, low, high, ((row, *PASSAGES[row]) for row in range(low, high)))
    return LexicalIndex(
        {language: [folder / LEXICAL_DIR / range_folder(low, high)] for language, (low, high) in ranges.items()}
    )


@pytest.fixture
def lexical(tmp_path: Path) -> LexicalIndex:
    return write(tmp_path, RANGES)


def fts5_ranking(terms: list[str], rows: range) -> list[tuple[int, float]]:
    """FTS5's bm25() over the same passages (title and text as one column), as negobot once ranked them."""
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(body, tokenize='porter unicode61 remove_diacritics 2')")
    db.executemany("INSERT INTO t(rowid, body) VALUES (?, ?)", [(r, "\n".join(PASSAGES[r])) for r in rows])
    match = " OR ".join(f'"{term}"' for term in terms)
    found = db.execute("SELECT rowid, -bm25(t) FROM t WHERE t MATCH ? ORDER BY bm25(t)", (match,))
    return [(int(row), float(score)) for row, score in found]


@pytest.mark.parametrize(
    "terms",
    [["missiles", "geneva"], ["security", "talks", "sherman"], ["europe", "markets", "monday"], ["in"]],
)
def test_rankings_and_scores_are_fts5s(tmp_path: Path, terms: list[str]):
    lexical = write(tmp_path, {"en": (0, 5)})
    expected = fts5_ranking(terms, range(5))
    found = lexical.search(terms, 10, "en")
    assert [row for row, _ in found] == [row for row, _ in expected]
    assert [score for _, score in found] == pytest.approx([score for _, score in expected], rel=1e-3)


def test_word_rarity_counts_the_passages_of_every_language_as_fts5_did(lexical: LexicalIndex, tmp_path: Path):
    english_only = write(tmp_path / "en", {"en": (0, 5)})
    both, alone = lexical.search(["geneva"], 10, "en"), english_only.search(["geneva"], 10, "en")
    assert [row for row, _ in both] == [row for row, _ in alone] == [0, 3]
    # FTS5's IDF, log((N - n + 0.5) / (n + 0.5)), with "geneva" in 2 of 7 passages, not of 5
    idf_ratio = math.log((7 - 2 + 0.5) / (2 + 0.5)) / math.log((5 - 2 + 0.5) / (2 + 0.5))
    assert [b / a for (_, b), (_, a) in zip(both, alone, strict=True)] == pytest.approx([idf_ratio] * 2, rel=1e-4)


def test_a_language_finds_only_its_own_passages(lexical: LexicalIndex):
    assert sorted(row for row, _ in lexical.search(["geneva", "jenewa", "europe", "eropa"], 10, "id")) == [5, 6]
    assert lexical.search(["geneva"], 10, "fr") == []


def test_words_nowhere_or_none_at_all_find_nothing(lexical: LexicalIndex):
    assert lexical.search(["zanzibar"], 10, "en") == []
    assert lexical.search([], 10, "en") == []
    assert lexical.search(["..."], 10, "en") == []


def test_the_limit_keeps_the_best(lexical: LexicalIndex):
    assert lexical.search(["geneva", "missile"], 1, "en") == lexical.search(["geneva", "missile"], 10, "en")[:1]


def test_a_term_of_several_words_matches_as_a_phrase(lexical: LexicalIndex):
    assert [row for row, _ in lexical.search(["sherman_ryabkov"], 10, "en")] == []
    assert [row for row, _ in lexical.search(["security_talks"], 10, "en")] == [4]


def test_a_row_outside_its_range_is_refused(tmp_path: Path):
    with pytest.raises(ValueError, match=r"row 9 lies outside \[0, 5\)"):
        write_range(tmp_path, 0, 5, [(9, "t", "x")])
