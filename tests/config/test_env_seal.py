"""The suite is sealed from a developer's keys and endpoints (tests/conftest.py): a nested
pytest started with a key and endpoints in its environment and in `.env` of its working
directory runs tests that would call the model, and none is called."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from halo_cli.config.settings import ENV_FILE_VAR, load_settings
from tests.support.helpers import REPO
from tests.support.request_counter import RequestCounter

PROBE = REPO / "tests" / "support" / "seal_probe.py"


@pytest.mark.timeout(400)
def test_a_developers_keys_and_dotenv_reach_no_test(tmp_path):
    with RequestCounter() as endpoint:
        keys = {"OPENAI_API_KEY": "sk-test-seal", "OPENAI_BASE_URL": endpoint.url,
                "ANTHROPIC_API_KEY": "sk-ant-test-seal", "HALO_VLLM_URL": endpoint.url}
        (tmp_path / ".env").write_text("".join(f"{k}={v}\n" for k, v in keys.items()))
        shell = {k: v for k, v in os.environ.items() if k != ENV_FILE_VAR}  # a developer's shell
        shell |= {"NO_COLOR": "1", "COLUMNS": "200"}

        # unsealed, `.env` alone configures the model and `halo doctor` calls it
        doctor = subprocess.run([sys.executable, "-m", "halo_cli", "doctor"], cwd=tmp_path,
                                env=shell, capture_output=True, text=True, timeout=120)
        assert re.search(r"OPENAI_API_KEY\W+ok\W+set", doctor.stdout), doctor.stdout
        assert endpoint.paths == ["GET /v1/models"]
        endpoint.paths.clear()

        nested = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                                 str(PROBE)], cwd=tmp_path, env=shell | keys,
                                capture_output=True, text=True, timeout=200)
    assert nested.returncode == 0 and "2 passed" in nested.stdout, nested.stdout + nested.stderr
    assert endpoint.paths == []


def test_halo_env_file_names_the_dotenv_file_or_none(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_text("HALO_WORKER_MODEL=from-dot-env\n")
    (tmp_path / "other.env").write_text("HALO_WORKER_MODEL=from-other\n")
    monkeypatch.delenv(ENV_FILE_VAR)
    assert load_settings().worker_model == "from-dot-env"  # unset: ./.env, as before
    monkeypatch.setenv(ENV_FILE_VAR, str(tmp_path / "other.env"))
    assert load_settings().worker_model == "from-other"
    monkeypatch.setenv(ENV_FILE_VAR, "")
    assert load_settings().worker_model is None
    assert load_settings(tmp_path / ".env").worker_model == "from-dot-env"  # an explicit file wins
