"""What can be checked here of the Docker files (there is no Docker engine on this machine)."""

from __future__ import annotations

import re

import yaml

from bot.settings import Settings
from tests.conftest import ROOT


def test_compose_runs_serve_with_a_named_data_volume_and_an_env_file():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    service = compose["services"]["negobot"]
    assert service["command"] == ["serve"]
    assert service["env_file"][0]["path"] == ".env"
    data_volume = next(v for v in service["volumes"] if v.endswith(":/data"))
    assert data_volume.split(":")[0] in compose["volumes"]
    assert service["environment"]["NEGOBOT_DATA_DIR"] == "/data"


def test_env_example_names_real_settings_including_the_required_token():
    names = re.findall(r"^([A-Z_]+)=", (ROOT / ".env.example").read_text(), flags=re.MULTILINE)
    assert "TELEGRAM_BOT_TOKEN" in names and "NEGOBOT_ADMIN_IDS" in names
    fields = {f"NEGOBOT_{name.upper()}" for name in Settings.model_fields} | {"TELEGRAM_BOT_TOKEN"}
    assert set(names) <= fields, set(names) - fields


def test_dockerfile_installs_cpu_torch_first_and_bakes_the_model():
    dockerfile = (ROOT / "Dockerfile").read_text()
    torch_at = dockerfile.index("download.pytorch.org/whl/cpu")
    assert torch_at < dockerfile.index("pip install .")
    # The model is downloaded and converted for OpenVINO where the running container will look for it.
    assert "load_encoder('${EMBEDDING_MODEL}', Path('/opt/models/negobot'))" in dockerfile
    assert "NEGOBOT_MODEL_CACHE_DIR=/opt/models/negobot" in dockerfile and "HF_HUB_OFFLINE=1" in dockerfile
    # A model that fell back to fp32 (its int8 quantisation failed) fails the build rather than baking fp32.
    assert "expected_encoder_name('${EMBEDDING_MODEL}', Path('/opt/models/negobot'))" in dockerfile
    assert "assert expected in (None, name)" in dockerfile
