"""The manifest that describes an index version, checked whenever it is loaded."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

FORMAT_VERSION = 1
MANIFEST_FILE = "manifest.json"


class IndexMismatchError(RuntimeError):
    """The index on disk cannot be used with the current configuration."""


@dataclass(frozen=True)
class Manifest:
    """What an index version holds and how it was built."""

    version: str
    encoder: str
    dimension: int
    normalised: bool
    documents: int
    chunks: int
    built_at: str
    vector_index: str
    requested_model: str = ""
    fallback_reason: str = ""
    chunk_tokens: int = 0
    languages: dict[str, int] = field(default_factory=dict)
    format_version: int = FORMAT_VERSION

    def save(self, folder: Path) -> None:
        """Write the manifest into an index folder."""
        (folder / MANIFEST_FILE).write_text(json.dumps(asdict(self), indent=2, ensure_ascii=False) + "\n")

    @classmethod
    def load(cls, folder: Path) -> Manifest:
        """Read the manifest of an index folder, refusing formats this code cannot read."""
        data = json.loads((folder / MANIFEST_FILE).read_text())
        if data.get("format_version") != FORMAT_VERSION:
            raise IndexMismatchError(
                f"the index in {folder} has format version {data.get('format_version')}, this negobot reads "
                f"version {FORMAT_VERSION}; rebuild it with `negobot index`"
            )
        return cls(**data)

    def check_encoder(self, encoder: str) -> None:
        """Refuse to search this index with vectors from another encoder."""
        if encoder != self.encoder:
            if self.fallback_reason:  # built offline with a fallback of the model still configured
                hint = "set HF_HUB_OFFLINE=1 to use the offline fallback it was built with"
            elif self.requested_model:
                hint = f"set NEGOBOT_EMBEDDING_MODEL={self.requested_model}"
            else:
                hint = "set NEGOBOT_EMBEDDING_MODEL to the model it was built with"
            raise IndexMismatchError(
                f"the index was built with {self.encoder}, but the configured encoder is {encoder}; "
                f"rebuild it with `negobot index` (or {hint})"
            )
