"""A sentence-transformers model run by OpenVINO: the same vectors as torch, sooner, on every core.

The model folder's transformer is converted once with OpenVINO's own converter
(``openvino.convert_model``) into an fp32 IR, cached under the model cache
directory, and compiled with one inference stream per core. A call takes a free
stream, so an answer's small batches use one core each and two answers run side by
side, while a build's batch is split across all the streams; the number of streams
caps the work in flight, so concurrent callers never oversubscribe the machine.

Measured here (``benchmarks/bench_encoder_runtimes.py``): int8 models, from NNCF or
ONNX Runtime's dynamic quantisation, were slower than fp32 on this machine's AVX2
CPU (no VNNI) and lost accuracy (cosine 0.98 with ONNX Runtime), so the IR stays fp32,
gives the torch model's vectors and keeps its encoder name.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import queue
import shutil
import tempfile
import threading
import warnings
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from index.durable import fsync_directory, fsync_tree
from index.embedder import PrefixedTransformer

logger = logging.getLogger(__name__)

_IR_FILE = "model.xml"
_SUB_BATCH = 16  # texts per inference call: sorted by length, so little padding is wasted
_CONVERSION_VERSION = 1  # bump when the conversion changes, to convert cached models again


class UnsupportedModelError(ValueError):
    """The folder is not a sentence-transformers model this runtime can reproduce exactly."""


class OpenVinoEncoder(PrefixedTransformer):
    """A sentence-transformers folder (transformer, mean pooling, optional normalisation) on OpenVINO."""

    def __init__(
        self,
        folder: Path,
        cache_dir: Path,
        *,
        name: str,
        prefixes: tuple[str, str] = ("", ""),
        streams: int | None = None,
    ) -> None:
        """Convert the folder's transformer once (cached in ``cache_dir``) and compile it with ``streams`` streams."""
        import openvino
        from transformers import AutoTokenizer

        self.max_tokens, self.dimension = _read_layout(folder)
        self.name = name
        self._query_prefix, self._passage_prefix = prefixes
        self._tokenizer = AutoTokenizer.from_pretrained(str(folder))
        self._tokenizer_lock = threading.Lock()
        streams = streams or os.cpu_count() or 1
        ir = converted_ir(folder, cache_dir)
        compiled = openvino.Core().compile_model(
            str(ir), "CPU", {"NUM_STREAMS": str(streams), "INFERENCE_NUM_THREADS": str(streams)}
        )
        self._requests: queue.Queue[Any] = queue.Queue()
        for _ in range(streams):
            self._requests.put(compiled.create_infer_request())
        self._workers = ThreadPoolExecutor(streams, thread_name_prefix="openvino")

    def _encode(self, texts: list[str]) -> np.ndarray:
        vectors = np.zeros((len(texts), self.dimension), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        parts = [order[start : start + _SUB_BATCH] for start in range(0, len(order), _SUB_BATCH)]
        if len(parts) == 1:
            vectors[parts[0]] = self._encode_part([texts[i] for i in parts[0]])
            return vectors
        encoded = self._workers.map(self._encode_part, [[texts[i] for i in part] for part in parts])
        for part, part_vectors in zip(parts, encoded, strict=True):
            vectors[part] = part_vectors
        return vectors

    def _encode_part(self, texts: list[str]) -> np.ndarray:
        """Mean-pooled, normalised vectors of a few texts, on one free stream."""
        with self._tokenizer_lock:
            tokens = self._tokenizer(
                texts, padding=True, truncation=True, max_length=self.max_tokens, return_tensors="np"
            )
        mask = tokens["attention_mask"]
        with self._stream() as request:
            hidden = request.infer({"input_ids": tokens["input_ids"], "attention_mask": mask})[0]
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        normalised: np.ndarray = (pooled / np.maximum(norms, 1e-12)).astype(np.float32)
        return normalised

    @contextmanager
    def _stream(self) -> Iterator[Any]:
        request = self._requests.get()  # waits while every stream is busy
        try:
            yield request
        finally:
            self._requests.put(request)


def _read_layout(folder: Path) -> tuple[int, int]:
    """The window and dimension of a transformer + mean pooling (+ normalise) folder; refuses anything else."""
    try:
        modules = json.loads((folder / "modules.json").read_text())
        pooling = json.loads((folder / "1_Pooling" / "config.json").read_text())
        window = json.loads((folder / "sentence_bert_config.json").read_text())["max_seq_length"]
    except (OSError, ValueError, KeyError) as error:
        raise UnsupportedModelError(f"{folder} is not a sentence-transformers folder ({error})") from None
    kinds = [module["type"].rsplit(".", 1)[-1] for module in modules]
    if kinds not in (["Transformer", "Pooling", "Normalize"], ["Transformer", "Pooling"]):
        raise UnsupportedModelError(f"{folder}: modules {kinds}, not transformer, pooling, normalise")
    modes = [key for key, on in pooling.items() if key.startswith("pooling_mode") and on]
    if modes != ["pooling_mode_mean_tokens"]:
        raise UnsupportedModelError(f"{folder}: pooling {modes}, not mean pooling")
    return int(window), int(pooling["word_embedding_dimension"])


def converted_ir(folder: Path, cache_dir: Path) -> Path:
    """The OpenVINO IR of the folder's transformer, converted on first use and reused after."""
    target = cache_dir / "openvino" / f"{folder.name}-{_fingerprint(folder)}"
    if (target / _IR_FILE).is_file():
        return target / _IR_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".converting-", dir=target.parent))
    try:
        _convert(folder, staging / _IR_FILE)
        fsync_tree(staging)
        try:
            staging.rename(target)
        except OSError:
            if not (target / _IR_FILE).is_file():  # not another process finishing first: a real failure
                raise
        fsync_directory(target.parent)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    logger.info("converted %s for OpenVINO into %s", folder, target)
    return target / _IR_FILE


def _convert(folder: Path, ir: Path) -> None:
    """Trace the folder's transformer with torch and write it as an fp32 IR, quietly."""
    import openvino
    import torch
    from transformers import AutoModel, AutoTokenizer
    from transformers.utils import logging as transformers_logging

    bar_was_shown = transformers_logging.is_progress_bar_enabled()
    transformers_logging.disable_progress_bar()  # type: ignore[no-untyped-call]
    try:
        model = AutoModel.from_pretrained(str(folder)).eval()
    finally:
        if bar_was_shown:
            transformers_logging.enable_progress_bar()  # type: ignore[no-untyped-call]
    example = AutoTokenizer.from_pretrained(str(folder))(["an example", "a longer example text"], padding=True)
    inputs = {key: torch.tensor(example[key]) for key in ("input_ids", "attention_mask")}
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # tracing warns about Python branches that are constant for this model
        converted = openvino.convert_model(model, example_input=inputs)
    # The transformer's first output is the token states; pooling happens in numpy.
    openvino.save_model(converted, str(ir), compress_to_fp16=False)


def _fingerprint(folder: Path) -> str:
    """Changes when the folder's weights or config, the converter or OpenVINO change."""
    from importlib.metadata import version

    digest = hashlib.sha256(f"{folder.resolve()}|{_CONVERSION_VERSION}|{version('openvino')}".encode())
    for path in sorted(folder.iterdir()):
        if path.is_file():
            stat = path.stat()
            digest.update(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:16]
