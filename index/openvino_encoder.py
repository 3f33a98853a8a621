"""A sentence-transformers model run by OpenVINO: the torch model's vectors, or an int8 model's, sooner, on every core.

The model folder's transformer is converted once with OpenVINO's own converter
(``openvino.convert_model``) into an fp32 IR, cached under the model cache
directory, and compiled with one inference stream per core. A call takes a free
stream, so an answer's small batches use one core each and two answers run side by
side, while a build's batch is split across all the streams; the number of streams
caps the work in flight, so concurrent callers never oversubscribe the machine.

The fp32 IR gives the torch model's vectors and keeps its encoder name. An int8 IR
(``int8=True``) is quantised from it once by NNCF's post-training quantisation,
calibrated on the news passages and questions of ``index/calibration_texts.txt``
(written for this, in English and Indonesian), and cached beside it. Its vectors differ
from fp32's (cosine at least 0.997 on real passages), so it is another encoder: its
name ends in ``INT8_SUFFIX`` (index.encoder_names), and an index built with one is never served with the
other. Measured here with openvino 2026.4 and nncf 3.4 (benchmarks/HISTORY.md, the fourteenth session): 1.5x
fp32's passages per second and 1.4x for sentences, on this AVX2 CPU.
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
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from index.calibration import CALIBRATION_TEXTS, calibration_blocks
from index.durable import fsync_directory, fsync_tree
from index.encoder_names import INT8_VERSION
from index.transformer_encoders import PrefixedTransformer

logger = logging.getLogger(__name__)

_IR_FILE = "model.xml"
_SUB_BATCH = 16  # texts per inference call: sorted by length, so little padding is wasted
# Padded lengths are rounded up to a multiple of this. OpenVINO keeps memory for every input
# shape it has run, so lengths padded only to each batch's longest text made a build's
# process grow by about 1 GB over a few thousand texts (benchmarks/bench_encoder_memory.py);
# rounded, a few dozen shapes serve every length, and the vectors are the same (cosine > 0.9998).
PAD_MULTIPLE = 16
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
        int8: bool = False,
        threads: int | None = None,
        pinned: bool = True,
    ) -> None:
        """Convert the folder's transformer once (cached in ``cache_dir``) and compile it with ``streams`` streams.

        With ``int8``, the quantised IR (made once, see :func:`quantized_ir`); ``name`` is then the caller's
        to choose (``INT8_SUFFIX``). ``threads`` in all, shared by the streams (default: one per stream;
        ``benchmarks/bench_query_threads.py`` measures other counts). ``pinned=False`` leaves the threads
        unpinned, for one of several processes on the same cores: each would pin its own to the first cores.
        """
        import openvino
        from transformers import AutoTokenizer

        self.max_tokens, self.dimension = _read_layout(folder)
        self.name = name
        self._query_prefix, self._passage_prefix = prefixes
        self._tokenizer = AutoTokenizer.from_pretrained(str(folder))
        self._tokenizer_lock = threading.Lock()
        self.pad_multiple = PAD_MULTIPLE  # padded lengths are rounded up to a multiple of this (1: not rounded)
        streams = streams or os.cpu_count() or 1
        ir = quantized_ir(folder, cache_dir, prefixes) if int8 else converted_ir(folder, cache_dir)
        # f32 where the CPU offers bf16 (AMX, AVX-512 BF16): there OpenVINO's default runs an int8
        # model's unquantised layers in bf16, and its question vectors fell to cosine 0.92 of fp32's.
        config = {
            "NUM_STREAMS": str(streams),
            "INFERENCE_NUM_THREADS": str(threads or streams),
            "INFERENCE_PRECISION_HINT": "f32",
        }
        compiled = openvino.Core().compile_model(
            str(ir), "CPU", config | ({} if pinned else {"ENABLE_CPU_PINNING": "NO"})
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
                texts,
                padding=True,
                pad_to_multiple_of=self.pad_multiple,
                truncation=True,
                max_length=self.max_tokens,
                return_tensors="np",
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
    return _cached_ir(target, lambda ir: _convert(folder, ir), f"converted {folder} for OpenVINO")


def quantized_ir(folder: Path, cache_dir: Path, prefixes: tuple[str, str] = ("", "")) -> Path:
    """The int8 IR of the folder's transformer, quantised from its fp32 IR on first use and reused after.

    Calibrated on :func:`calibration_texts` (``prefixes`` are the model's question and
    passage prefixes). Needs ``nncf``; raises ImportError without it. A cached IR is read
    without importing it (NNCF's import patches torch and takes seconds).
    """
    from importlib.util import find_spec

    if find_spec("nncf") is None:  # fail before converting anything
        raise ImportError("int8 needs nncf (pip install 'nncf>=3.4,<3.5')")

    fp32 = converted_ir(folder, cache_dir)
    digest = hashlib.sha256(CALIBRATION_TEXTS.read_bytes())
    digest.update(f"{fp32.parent.name}|{prefixes}|{INT8_VERSION}|{_version('nncf')}".encode())
    target = cache_dir / "openvino" / f"{folder.name}-int8-{digest.hexdigest()[:16]}"
    return _cached_ir(
        target, lambda ir: _quantize(folder, fp32, calibration_texts(prefixes), ir), f"quantised {folder} to int8"
    )


def calibration_texts(prefixes: tuple[str, str]) -> list[str]:
    """The calibration passages, and each one's first sentence, as passages; its questions as questions.

    ``prefixes`` are the model's question and passage prefixes. A passage's other sentences
    were measured to add nothing but time (777 texts took 112 s to calibrate, these 280 57 s,
    with the same cosines to fp32).
    """
    from index.chunking import sentence_spans

    query, passage = prefixes
    texts: list[str] = []
    for block in calibration_blocks():
        first, *more = sentence_spans(block)
        if len(block) < 200 and not more:  # one sentence: a question a reader asks
            texts.append(query + block)
        else:
            texts += [passage + block, passage + block[first.start : first.end]]
    return texts


def _cached_ir(target: Path, write: Callable[[Path], None], done: str) -> Path:
    """``target``'s IR, written by ``write`` into a staging folder renamed into place, unless already there."""
    if (target / _IR_FILE).is_file():
        return target / _IR_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".converting-", dir=target.parent))
    try:
        write(staging / _IR_FILE)
        fsync_tree(staging)
        try:
            staging.rename(target)
        except OSError:
            if not (target / _IR_FILE).is_file():  # not another process finishing first: a real failure
                raise
        fsync_directory(target.parent)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    logger.info("%s into %s", done, target)
    return target / _IR_FILE


def _quantize(folder: Path, fp32: Path, texts: list[str], ir: Path) -> None:
    """NNCF's post-training int8 quantisation of the fp32 IR, calibrated on ``texts``, written to ``ir``."""
    import nncf
    import openvino
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(str(folder))
    window, _ = _read_layout(folder)

    def inputs(text: str) -> dict[str, np.ndarray]:
        tokens = tokenizer([text], truncation=True, max_length=window, return_tensors="np")
        return {"input_ids": tokens["input_ids"], "attention_mask": tokens["attention_mask"]}

    with _quiet_nncf():
        quantized = nncf.quantize(
            openvino.Core().read_model(str(fp32)),
            nncf.Dataset(texts, inputs),
            model_type=nncf.ModelType.TRANSFORMER,
            subset_size=len(texts),
        )
    openvino.save_model(quantized, str(ir), compress_to_fp16=False)


@contextmanager
def _quiet_nncf() -> Iterator[None]:
    """NNCF's notices and warnings off (its progress bars stay): quantising is one step of loading, logged as such."""
    nncf_logger = logging.getLogger("nncf")
    level = nncf_logger.level
    nncf_logger.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        nncf_logger.setLevel(level)


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
    digest = hashlib.sha256(f"{folder.resolve()}|{_CONVERSION_VERSION}|{_version('openvino')}".encode())
    for path in sorted(folder.iterdir()):
        if path.is_file():
            stat = path.stat()
            digest.update(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:16]


def _version(package: str) -> str:
    from importlib.metadata import version

    return version(package)
