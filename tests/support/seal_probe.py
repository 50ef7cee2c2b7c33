"""Run only by tests/config/test_env_seal.py, as a nested pytest started the way a developer
starts one: a key and an endpoint in the environment and in `.env` of the working directory.
Every test here takes a path that would call the model, and must find none configured."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from halo_cli.config.modes import MODES
from halo_cli.config.settings import Settings, load_settings
from halo_cli.policy.clients import worker_client
from halo_cli.policy.llm import NoLLMConfigured
from tests.support.helpers import halo
from tests.support.seal import leaks


def test_in_process_code_sees_no_key_and_no_endpoint():
    assert Path(".env").is_file()  # the developer's .env is there, and unread
    assert leaks() == [] and "OPENAI_API_KEY" not in os.environ
    for settings in (load_settings(), Settings()):
        assert settings.secrets() == [] and settings.openai_base_url is None
        assert settings.vllm_url is None
        with pytest.raises(NoLLMConfigured):
            worker_client(MODES["baseline_worker"], settings)


def test_a_halo_subprocess_sees_no_key_and_no_endpoint():
    out = halo("doctor", cwd=Path.cwd())  # `doctor` asks HALO_VLLM_URL for its models
    assert re.search(r"OPENAI_API_KEY\W+warn\W+not set", out.stdout), out.stdout
    assert re.search(r"ANTHROPIC_API_KEY\W+ok\W+not set", out.stdout), out.stdout
    assert re.search(r"HALO_VLLM_URL\W+ok\W+not set", out.stdout), out.stdout
