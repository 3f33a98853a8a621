"""What every encoder offers the index, and the runtimes a transformer model can run on."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import Protocol

import numpy as np


class Encoder(Protocol):
    """What the index needs from a sentence encoder."""

    name: str
    dimension: int
    max_tokens: int

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        """Tokens the encoder sees for each passage text, prefix and special tokens included."""
        ...

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Normalised vectors for passages, shape (len(texts), dimension)."""
        ...

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Normalised vectors for questions, shape (len(texts), dimension)."""
        ...


class Backend(StrEnum):
    """What runs a sentence-transformers model (NEGOBOT_ENCODER_BACKEND)."""

    AUTO = "auto"  # E5 in int8 where NNCF installs; else fp32 on OpenVINO where the model suits it; else torch
    OPENVINO_INT8 = "openvino-int8"  # quantised: another encoder, with its own name
    OPENVINO = "openvino"  # fp32: the torch model's vectors
    TORCH = "torch"


class ModelUnavailableError(OSError):
    """The model is neither on disk nor downloadable here; the message says why."""
