"""The configured encoder and the served index, opened from the settings as every command and the bot do."""

from __future__ import annotations

from bot.settings import Settings
from index.embedder import LoadedEncoder, load_encoder
from index.search import SearchConfig, Searcher
from index.versions import DataDir


def load_serving_encoder(settings: Settings, data_dir: DataDir) -> LoadedEncoder:
    """The configured encoder, on the runtime that serves ``data_dir``'s index (``Settings.backend_for``)."""
    return load_encoder(settings.embedding_model, settings.model_cache_dir, settings.backend_for(data_dir))


def open_searcher(settings: Settings, data_dir: DataDir, config: SearchConfig | None = None) -> Searcher:
    """A searcher over ``data_dir``'s served version (or its rollback), with the configured encoder.

    ``config`` holds the search knobs; None takes the settings' own (``Settings.search_config``),
    which is what ``negobot ask`` and the bot search with.

    Raises:
        NoIndexError: nothing has been published in ``data_dir`` yet.
        IndexMismatchError: the index was built with another encoder, or is damaged beyond its rollback.

    """
    loaded = load_serving_encoder(settings, data_dir)
    return Searcher.open_current(data_dir, loaded.encoder, settings.search_config() if config is None else config)
