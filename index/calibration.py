"""The calibration texts: news passages and questions in English and Indonesian, written for negobot.

They calibrate the int8 quantisation (index.openvino_encoder) and place each language's
mean vector (index.language_direction). Third-party articles stay out of the repository.
"""

from __future__ import annotations

from pathlib import Path

CALIBRATION_TEXTS = Path(__file__).with_name("calibration_texts.txt")


def calibration_blocks() -> list[str]:
    """The texts, one per blank-line-separated block, each on one line."""
    blocks = (" ".join(block.split()) for block in CALIBRATION_TEXTS.read_text(encoding="utf-8").split("\n\n"))
    return [block for block in blocks if block]


__all__ = ["CALIBRATION_TEXTS", "calibration_blocks"]
