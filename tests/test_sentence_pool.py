"""A pool's sentences: as the build split them where the version stored them, else split now."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from index.documents import Article, Chunk, Hit
from index.question import read_question
from index.sentence_pool import SentencePool
from index.store import TextKey
from tests.helpers.fake_encoder import HashedEncoder

TEXT = "Talks ended on Monday. Both sides will meet again."


class StoredSpans:
    """A version that stored the sentences of row 0 only, as one sentence (an older split)."""

    def text_vectors(self, encoder: str, rows: Sequence[int]) -> dict[TextKey, np.ndarray]:
        return {}

    def sentence_spans(self, rows: Sequence[int]) -> dict[int, list[tuple[int, int]]]:
        return {row: [(0, len(TEXT))] for row in rows if row == 0}


def hit(row: int) -> Hit:
    return Hit(row, Chunk(f"d{row}", 0, 0, len(TEXT), TEXT), Article(f"d{row}", "Talks", TEXT), 0.0, 0.0, 0.0)


def test_a_passage_is_read_in_the_sentences_its_version_stored_and_one_without_is_split():
    pool = SentencePool.of([hit(0), hit(1)], StoredSpans())
    assert [(s.hit, s.text) for s in pool.sentences] == [
        (0, TEXT),
        (1, "Talks ended on Monday."),
        (1, "Both sides will meet again."),
    ]
    assert [s.text for s in SentencePool.of([hit(0)]).sentences] == [
        "Talks ended on Monday.",
        "Both sides will meet again.",
    ]


def test_a_pool_scored_for_another_question_encodes_no_sentence_again_and_keeps_its_own_scores():
    encoder = HashedEncoder()
    pool = SentencePool.of([hit(0), hit(1)])
    first = pool.sentence_scores(read_question("When did the talks end?"), encoder)
    encoded = encoder.encoded
    other = pool.unscored().sentence_scores(read_question("Will both sides meet again?"), encoder)
    assert encoder.encoded == encoded  # the sentences' vectors were known
    assert not np.allclose(first, other)
    assert np.array_equal(pool.sentence_scores(read_question("When did the talks end?"), encoder), first)
