"""The manifest that describes an index version, checked whenever it is loaded."""

from __future__ import annotations

import json
import logging
from dataclasses import MISSING, asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from index.encoder_names import INT8_SUFFIX

logger = logging.getLogger(__name__)

FORMAT_VERSION = 3  # 2: a lexical index (Tantivy) beside the SQLite store; 3: report days, rows searchable by set
MANIFEST_FILE = "manifest.json"


class IndexMismatchError(RuntimeError):
    """The index on disk cannot be used with the current configuration."""


class IndexDamagedError(IndexMismatchError):
    """A file of an index version is missing, altered, or disagrees with the others."""


@dataclass(frozen=True)
class Manifest:
    """What an index version holds and how it was built."""

    version: str
    encoder: str
    dimension: int
    normalised: bool
    documents: int
    chunks: int  # passages served
    built_at: str
    vector_index: str
    requested_model: str = ""
    fallback_reason: str = ""
    chunk_tokens: int = 0
    languages: dict[str, int] = field(default_factory=dict)
    files: dict[str, dict[str, int | str]] = field(default_factory=dict)  # name: {"bytes", "sha256"}
    rows: int = 0  # rows in the files, those no longer served included (see index.segments); 0: as many as chunks
    cleaning_version: int = 0  # how its articles were cleaned (index.cleaning.CLEANING_VERSION); 0: not recorded
    format_version: int = FORMAT_VERSION

    def save(self, folder: Path) -> None:
        """Write the manifest into an index folder."""
        (folder / MANIFEST_FILE).write_text(json.dumps(asdict(self), indent=2, ensure_ascii=False) + "\n")

    @classmethod
    def load(cls, folder: Path) -> Manifest:
        """Read the manifest of an index folder, refusing formats this code cannot read.

        Read tolerantly: unknown keys are ignored with a warning; a missing key, a file that
        is not a JSON object, or one that cannot be read is an error naming the file and the fix.
        """
        path = folder / MANIFEST_FILE
        try:
            data: Any = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise _damaged(path, getattr(error, "strerror", None) or str(error)) from None
        if not isinstance(data, dict):
            raise _damaged(path, "not a JSON object")
        if data.get("format_version") != FORMAT_VERSION:
            raise IndexMismatchError(
                f"the index in {folder} has format version {data.get('format_version')}, this negobot reads "
                f"version {FORMAT_VERSION}; rebuild it with `negobot index`"
            )
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            logger.warning("%s: ignoring unknown keys %s", path, ", ".join(unknown))
        required = [f.name for f in fields(cls) if f.default is MISSING and f.default_factory is MISSING]
        missing = [name for name in required if name not in data]
        if missing:
            raise _damaged(path, "missing " + ", ".join(missing))
        try:
            return cls(**{key: value for key, value in data.items() if key in known})
        except TypeError as error:
            raise _damaged(path, str(error)) from None

    def check_encoder(self, encoder: str) -> None:
        """Refuse to search this index with vectors from another encoder."""
        if encoder != self.encoder:
            if encoder == self.encoder + INT8_SUFFIX:
                hint = "set NEGOBOT_ENCODER_BACKEND=openvino to serve it in fp32"
            elif self.encoder == encoder + INT8_SUFFIX:
                hint = "set NEGOBOT_ENCODER_BACKEND=openvino-int8 to serve it in int8"
            elif self.fallback_reason:  # built offline with a fallback of the model still configured
                hint = "set HF_HUB_OFFLINE=1 to use the offline fallback it was built with"
            elif self.requested_model:
                hint = f"set NEGOBOT_EMBEDDING_MODEL={self.requested_model}"
            else:
                hint = "set NEGOBOT_EMBEDDING_MODEL to the model it was built with"
            raise IndexMismatchError(
                f"the index was built with {self.encoder}, but the configured encoder is {encoder}; "
                f"rebuild it with `negobot index` (or {hint})"
            )


def _damaged(path: Path, reason: str) -> IndexDamagedError:
    return IndexDamagedError(f"{path} is damaged ({reason}); run `negobot index` to rebuild the index")
