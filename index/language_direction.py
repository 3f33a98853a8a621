"""A question's vector moved toward another language, for searching that language's passages.

A multilingual encoder's vector holds the language a text is written in besides what it
says: every text of one language shares a direction. An Indonesian question searched
among English passages carries the Indonesian direction, which no English passage
shares, and which weighs on which of them come first. Searching another language, the
question's vector is moved by a share of the difference between the two languages' mean
vectors (and normalised again), encoded as questions are, over the calibration texts
written for quantisation (index/calibration_texts.txt): news passages and a few
questions in English and Indonesian, each language's told apart by the language
identifier. They are not translations of each other: the English ones are world news,
most Indonesian ones are datelined Jakarta, so the difference also carries some of
"Indonesia against the world" besides the language (benchmarks/HISTORY.md, the
twenty-fourth session, measured it as it is). The share is the encoder's
(index.encoder_registry). Encoding the texts takes about 2 s, so a build stores the means
in the version it writes, and a searcher opening it takes them from there: texts changed
here reach a version at its next build.
"""

from __future__ import annotations

import threading

import numpy as np

from index.calibration import calibration_blocks
from index.cleaning import detect_language
from index.encoder_types import Encoder
from index.lexical import ASKED_LANGUAGES

_lock = threading.Lock()
_means: dict[str, dict[str, np.ndarray]] = {}  # encoder name -> language -> mean question vector


def moved_toward(query: np.ndarray, asked_in: str, language: str, encoder: Encoder, share: float) -> np.ndarray:
    """``query``, asked in ``asked_in``, moved toward ``language`` by ``share`` of the languages' difference.

    Unchanged for one language, a share of 0, or a language the calibration texts lack.
    """
    if share == 0 or asked_in == language:
        return query
    means = language_means(encoder)
    if asked_in not in means or language not in means:
        return query
    moved = query + share * (means[language] - means[asked_in])
    return np.asarray(moved / np.linalg.norm(moved), dtype=query.dtype)


def remember_means(encoder: str, means: dict[str, np.ndarray]) -> None:
    """Take ``encoder``'s means as read from an index version, unless this process has them already."""
    if means:
        with _lock:
            _means.setdefault(encoder, means)


def language_means(encoder: Encoder) -> dict[str, np.ndarray]:
    """The mean vector of each bot language's calibration texts, encoded as questions once per encoder."""
    if (known := _means.get(encoder.name)) is not None:
        return known
    with _lock:
        if encoder.name not in _means:
            texts = calibration_blocks()
            languages = np.array([detect_language(text, ASKED_LANGUAGES) for text in texts])
            vectors = np.asarray(encoder.encode_queries(texts), dtype=np.float32)
            _means[encoder.name] = {
                language: vectors[languages == language].mean(axis=0)
                for language in ASKED_LANGUAGES
                if (languages == language).any()
            }
        return _means[encoder.name]


__all__ = ["language_means", "moved_toward", "remember_means"]
