"""The commands' searcher opens with the configured model, cache and runtime, and the configured search knobs."""

from __future__ import annotations

import shutil
from contextlib import closing

from bot import opening
from bot.settings import Settings
from index.builder import BuildConfig, build_index
from index.embedder import Backend, LoadedEncoder
from index.search import SearchConfig
from index.versions import DataDir
from tests.conftest import SEED
from tests.helpers.fake_encoder import HashedEncoder


def test_the_searcher_has_the_settings_knobs_unless_given_others(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED, corpus / SEED.name)
    data = DataDir(tmp_path / "data")
    loaded = LoadedEncoder(HashedEncoder(), "fake")
    build_index([corpus], data, loaded, BuildConfig())
    asked = []
    monkeypatch.setattr(
        opening, "load_encoder", lambda model, cache_dir, backend: asked.append((model, cache_dir, backend)) or loaded
    )
    settings = Settings(
        data_dir=data.root,
        embedding_model="some/model",
        model_cache_dir=tmp_path / "cache",
        encoder_backend=Backend.TORCH,
        min_relevance=0.7,
    )
    with closing(opening.open_searcher(settings, data)) as searcher:
        assert searcher.config == SearchConfig(min_relevance=0.7)  # NEGOBOT_MIN_RELEVANCE reaches `ask`
    with closing(opening.open_searcher(settings, data, SearchConfig(per_document=5))) as searcher:
        assert searcher.config == SearchConfig(per_document=5)  # a caller's own knobs are kept
    assert asked == [("some/model", tmp_path / "cache", Backend.TORCH)] * 2
