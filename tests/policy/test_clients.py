"""Building Worker/Manager clients from Mode + Settings, checked over real HTTP."""

from collections.abc import Iterator

import pytest
from pydantic import SecretStr

from halo_cli.config.modes import MODES
from halo_cli.config.settings import Settings
from halo_cli.errors import UserError
from halo_cli.policy.clients import (
    lazy_manager,
    lazy_worker,
    manager_client,
    manager_endpoint,
    vllm_base_url,
    worker_client,
    worker_endpoint,
)
from halo_cli.policy.llm import NoLLMConfigured
from tests.support.llm_double import LLMDouble, text

OPENAI_KEY = "sk-live-do-not-leak-42"


def _settings(**kw) -> Settings:
    base = {"openai_api_key": None, "openai_base_url": None, "vllm_url": None,
            "worker_model": None, "manager_model": None}
    base.update(kw)
    return Settings.model_construct(**base)


@pytest.fixture
def llm() -> Iterator[LLMDouble]:
    with LLMDouble() as d:
        yield d


def test_vllm_backend_sends_adapter_name_to_vllm_url(llm: LLMDouble) -> None:
    llm.queue(text("noop()", usage=(1000, 100)))
    settings = _settings(vllm_url=llm.base, openai_api_key=SecretStr(OPENAI_KEY))
    client = worker_client(MODES["qwen_worker_dpo"], settings, backoff_base=0.01)
    res = client.complete([{"role": "user", "content": "hi"}])
    req = llm.requests[0]
    assert req.path == "/v1/chat/completions"
    assert req.model == "halo-dpo"
    assert OPENAI_KEY not in req.headers["authorization"]  # the OpenAI key stays home
    assert res.cost == 0.0


def test_vllm_base_model_without_adapter(llm: LLMDouble) -> None:
    llm.queue(text("noop()"))
    client = worker_client(MODES["qwen_worker_zero"], _settings(vllm_url=llm.url + "/"))
    client.complete([{"role": "user", "content": "hi"}])
    assert llm.requests[0].model == "Qwen/Qwen2.5-7B-Instruct"
    assert vllm_base_url("http://h:8000") == "http://h:8000/v1"
    assert vllm_base_url("http://h:8000/v1/") == "http://h:8000/v1"


def test_openai_backend_honours_base_url_and_key(llm: LLMDouble) -> None:
    llm.queue(text("noop()"), text("noop()"))
    settings = _settings(openai_base_url=llm.url, openai_api_key=SecretStr(OPENAI_KEY))
    mode = MODES["hierarchy_mgr_gate"]
    worker_client(mode, settings).complete([{"role": "user", "content": "w"}])
    manager_client(mode, settings).complete([{"role": "user", "content": "m"}])
    assert [r.model for r in llm.requests] == ["gpt-4o-mini", "gpt-4o"]
    assert all(r.headers["authorization"] == f"Bearer {OPENAI_KEY}" for r in llm.requests)


def test_settings_models_override_mode_defaults() -> None:
    settings = _settings(openai_api_key=SecretStr("k"), worker_model="gpt-4.1-mini",
                         manager_model="gpt-4.1")
    mode = MODES["hierarchy_mgr_gate"]
    assert worker_endpoint(mode, settings).model == "gpt-4.1-mini"
    assert manager_endpoint(mode, settings).model == "gpt-4.1"
    assert "k" not in repr(worker_endpoint(mode, settings)).replace("backend", "")


def test_manager_is_always_openai_backend() -> None:
    settings = _settings(vllm_url="http://gpu:8000", openai_api_key=SecretStr("k"))
    mode = MODES["qwen_worker_bc"].model_copy(update={"manager": True})
    assert worker_endpoint(mode, settings).backend == "vllm"
    ep = manager_endpoint(mode, settings)
    assert (ep.backend, ep.base_url, ep.model) == ("openai", None, "gpt-4o")


@pytest.mark.parametrize("mode_name", ["baseline_worker", "qwen_worker_bc"])
def test_no_endpoint_raises_specific_error(mode_name: str) -> None:
    with pytest.raises(NoLLMConfigured) as err:
        worker_client(MODES[mode_name], _settings())
    assert str(err.value) == "no LLM configured: set OPENAI_API_KEY or HALO_VLLM_URL"
    assert isinstance(err.value, UserError)


def test_lazy_clients_check_config_only_when_called() -> None:
    mode = MODES["hierarchy_mgr_gate"]
    worker = lazy_worker(mode, _settings())
    manager = lazy_manager(mode, _settings())
    assert manager is not None and not worker.built
    with pytest.raises(NoLLMConfigured):
        worker.complete([{"role": "user", "content": "x"}])
    assert lazy_manager(MODES["baseline_worker"], _settings()) is None
