"""Settings come from the environment; the token is checked and never shown."""

from __future__ import annotations

import logging

import pytest

from bot import cli
from bot.application import _Redactor
from bot.settings import Settings, get_settings

GOOD_TOKEN = "123456789:AAFakeTokenForTestsOnly_abcdefghijkl"


def test_missing_token_stops_serve_naming_the_variable(monkeypatch, capsys, tmp_path):
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    assert cli.main(["serve", "--data-dir", str(tmp_path)]) == 2
    assert "TELEGRAM_BOT_TOKEN is not set" in capsys.readouterr().err


def test_an_invalid_setting_is_named_by_its_variable(monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("NEGOBOT_TOP_K", "abc")
    get_settings.cache_clear()
    try:
        assert cli.main(["stats", "--data-dir", str(tmp_path)]) == 2
    finally:
        get_settings.cache_clear()
    assert "invalid setting NEGOBOT_TOP_K: Input should be a valid integer" in capsys.readouterr().err


def test_an_unknown_encoder_backend_is_named_with_the_choices(monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("NEGOBOT_ENCODER_BACKEND", "cuda")
    get_settings.cache_clear()
    try:
        assert cli.main(["stats", "--data-dir", str(tmp_path)]) == 2
    finally:
        get_settings.cache_clear()
    error = capsys.readouterr().err
    assert "invalid setting NEGOBOT_ENCODER_BACKEND" in error and "'openvino'" in error and "'torch'" in error


def test_an_approximate_index_search_cannot_use_is_refused_before_any_work(monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("NEGOBOT_ANN_FACTORY", "IVF4,PQ8")
    monkeypatch.setattr(
        cli, "load_encoder", lambda model, cache_dir=None, backend=None: pytest.fail("the model was loaded")
    )
    get_settings.cache_clear()
    try:
        assert cli.main(["index", "--data-dir", str(tmp_path)]) == 2
    finally:
        get_settings.cache_clear()
    error = capsys.readouterr().err
    assert "invalid setting NEGOBOT_ANN_FACTORY" in error and "only HNSW" in error


def test_malformed_token_is_refused_without_echoing_it(monkeypatch):
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "not-a-token-secret-part")
    with pytest.raises(ValueError, match="TELEGRAM_BOT_TOKEN is malformed") as error:
        Settings().require_token()
    assert "secret-part" not in str(error.value)


def test_admin_ids_and_other_settings_from_the_environment(monkeypatch):
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", GOOD_TOKEN)
    monkeypatch.setenv("NEGOBOT_ADMIN_IDS", "11, 22")
    monkeypatch.setenv("NEGOBOT_TELEGRAM_API_URL", "http://127.0.0.1:9999")
    settings = Settings()
    assert settings.require_token() == GOOD_TOKEN
    assert settings.admin_ids == [11, 22] and settings.telegram_api_url == "http://127.0.0.1:9999"
    assert GOOD_TOKEN not in repr(settings)


def test_the_token_is_redacted_from_log_records():
    record = logging.LogRecord("httpx", logging.INFO, "", 0, "POST %s", (f"http://x/bot{GOOD_TOKEN}/getMe",), None)
    _Redactor(GOOD_TOKEN).filter(record)
    assert GOOD_TOKEN not in record.getMessage() and "<secret>" in record.getMessage()


def test_the_token_is_redacted_from_logged_tracebacks():
    try:
        raise RuntimeError(f"request to http://x/bot{GOOD_TOKEN}/getMe failed")
    except RuntimeError:
        import sys

        record = logging.LogRecord("telegram", logging.ERROR, "", 0, "error", (), sys.exc_info())
    _Redactor(GOOD_TOKEN).filter(record)
    formatted = logging.Formatter().format(record)
    assert GOOD_TOKEN not in formatted and "<secret>" in formatted and "RuntimeError" in formatted
