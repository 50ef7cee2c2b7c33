"""The Anthropic client over real HTTP: the real `anthropic` SDK against the Messages API
double on loopback; what goes over the wire, what comes back, retries and refusals."""

from __future__ import annotations

import base64
from collections.abc import Iterator

import numpy as np
import pytest
from pydantic import SecretStr

from halo_cli.config.modes import MODES
from halo_cli.config.settings import Settings
from halo_cli.policy.anthropic_client import AnthropicClient
from halo_cli.policy.clients import lazy_manager, manager_client, manager_endpoint, worker_client
from halo_cli.policy.llm import LLMClient, LLMError, NoLLMConfigured
from halo_cli.policy.step import user_content
from tests.support.anthropic_double import AnthropicDouble, body_text, image_blocks, sent_key
from tests.support.llm_double import LLMDouble, status, text

KEY = "sk-ant-test-never-leak-7c21"


@pytest.fixture
def claude() -> Iterator[AnthropicDouble]:
    with AnthropicDouble() as d:
        yield d


def _client(claude: AnthropicDouble, **kw) -> AnthropicClient:
    return AnthropicClient(model="claude-opus-5-5", api_key=KEY, base_url=claude.base,
                           backoff_base=0.01, **kw)


def _messages() -> list[dict]:
    shot = np.zeros((720, 1280, 3), dtype=np.uint8)
    shot[:, :640] = 200
    return [{"role": "system", "content": "You supervise a web agent."},
            {"role": "user", "content": user_content("GOAL: archive it", shot, "auto")}]


def test_the_request_is_in_the_messages_api_form(claude: AnthropicDouble) -> None:
    claude.queue(text("```\nclick('12')\n```", usage=(1000, 100)))
    messages = _messages()
    result = _client(claude).complete(messages)
    [req] = claude.requests
    assert req.path == "/v1/messages"
    assert sent_key(req.headers) == KEY and "anthropic-version" in req.headers
    body = req.body
    assert body["model"] == "claude-opus-5-5" and body["max_tokens"] == 4096
    assert body["system"] == "You supervise a web agent."
    assert [m["role"] for m in body["messages"]] == ["user"]
    assert body_text(body) == "You supervise a web agent.\nGOAL: archive it"
    [image] = image_blocks(body)
    sent = messages[1]["content"][1]["image_url"]["url"]
    assert image["source"] == {"type": "base64", "media_type": "image/jpeg",
                               "data": sent.split(",", 1)[1]}
    assert base64.b64decode(image["source"]["data"])[:3] == b"\xff\xd8\xff"  # a JPEG
    assert body["temperature"] == 0.0 and "seed" not in body
    # what the caller sees: the answer, Claude's tokens at Claude's list price, the request
    # as the policy built it (trajectories store that form whatever the provider)
    assert result.text == "```\nclick('12')\n```"
    assert (result.tokens_in, result.tokens_out) == (1000, 100)
    assert result.cost == pytest.approx(1000 * 4 / 1e6 + 100 * 20 / 1e6)
    assert result.finish_reason == "stop" and result.model == "claude-opus-5-5"
    assert result.request == tuple(messages) and result.logprobs is None


def test_thinking_blocks_are_not_the_answer(claude: AnthropicDouble) -> None:
    claude.thinking = True
    claude.queue(text("noop()"))
    assert _client(claude).complete(_messages()).text == "noop()"


def test_a_repair_turn_keeps_the_roles_alternating(claude: AnthropicDouble) -> None:
    claude.queue(text("click('1')"))
    _client(claude).complete([
        {"role": "system", "content": "sys"}, {"role": "user", "content": "first"},
        {"role": "user", "content": [{"type": "text", "text": "second"}]},
        {"role": "assistant", "content": "bad answer"},
        {"role": "user", "content": "That was not an action."}])
    msgs = claude.requests[0].body["messages"]
    assert [m["role"] for m in msgs] == ["user", "assistant", "user"]
    assert [b["text"] for b in msgs[0]["content"]] == ["first", "second"]


def test_overloaded_and_rate_limited_calls_are_retried(claude: AnthropicDouble) -> None:
    claude.queue(status(529), status(429, {"retry-after": "0"}), text("noop()"))
    result = _client(claude).complete(_messages())
    assert result.text == "noop()" and result.attempts == 3
    assert len(claude.requests) == 3


def test_a_bad_request_fails_at_once_and_retries_end(claude: AnthropicDouble) -> None:
    claude.queue(status(401))
    with pytest.raises(LLMError, match="HTTP 401"):
        _client(claude).complete(_messages())
    assert len(claude.requests) == 1
    claude.default = status(500)
    with pytest.raises(LLMError, match="HTTP 500 after 2 attempts"):
        _client(claude, max_retries=1).complete(_messages())


def test_a_model_that_refuses_temperature_is_asked_without_it(
        claude: AnthropicDouble, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("halo_cli.policy.anthropic_client.REFUSES_TEMPERATURE", set())
    claude.temperature_mode = "refuse"
    claude.default = text("noop()")
    client = _client(claude, temperature=0.7)
    assert client.complete(_messages()).temperature is None
    assert client.complete(_messages()).text == "noop()"
    # the next episode's client (same process) does not ask again
    assert _client(claude).complete(_messages()).text == "noop()"
    assert ["temperature" in r.body for r in claude.requests] == [True, False, False, False]


def test_temperatures_above_one_are_sent_as_one(claude: AnthropicDouble) -> None:
    claude.queue(text("noop()"))
    assert _client(claude, temperature=1.5).complete(_messages()).temperature == 1.0
    assert claude.requests[0].body["temperature"] == 1.0


def test_the_key_is_never_shown() -> None:
    client = AnthropicClient(model="claude-haiku-4-5", api_key=KEY, base_url="http://127.0.0.1:9")
    assert KEY not in repr(client)
    assert KEY not in repr(manager_endpoint(
        MODES["hierarchy_mgr_gate"], _settings(manager_backend="anthropic",
                                                anthropic_api_key=SecretStr(KEY))))


def _settings(**kw) -> Settings:
    return Settings.model_construct(**kw)


def test_the_manager_on_anthropic_the_worker_on_openai(claude: AnthropicDouble) -> None:
    mode = MODES["hierarchy_mgr_gate"]
    with LLMDouble() as gpt:
        gpt.queue(text("noop()"))
        claude.queue(text("noop()", usage=(2000, 50)))
        settings = _settings(openai_base_url=gpt.url, openai_api_key=SecretStr("sk-openai"),
                             manager_backend="anthropic", manager_base_url=claude.base,
                             manager_api_key=SecretStr(KEY),
                             anthropic_api_key=SecretStr("sk-ant-other"))
        worker = worker_client(mode, settings)
        manager = manager_client(mode, settings)
        assert isinstance(worker, LLMClient) and isinstance(manager, AnthropicClient)
        worker.complete(_messages())
        result = manager.complete(_messages())
        assert gpt.requests[0].model == "gpt-4o-mini"
        assert gpt.requests[0].headers["authorization"] == "Bearer sk-openai"
    # the Manager's own key wins over ANTHROPIC_API_KEY; the mode's gpt-4o is another
    # provider's model, so the Manager is Anthropic's default one
    assert sent_key(claude.requests[0].headers) == KEY
    assert result.model == "claude-opus-5-5"
    assert result.cost == pytest.approx(2000 * 4 / 1e6 + 50 * 20 / 1e6)
    assert lazy_manager(mode, settings).model == "claude-opus-5-5"


def test_a_role_on_anthropic_without_a_key_is_one_line() -> None:
    mode = MODES["hierarchy_mgr_gate"]
    settings = _settings(openai_api_key=SecretStr("sk-openai"), manager_backend="anthropic")
    with pytest.raises(NoLLMConfigured, match="set ANTHROPIC_API_KEY or HALO_MANAGER_API_KEY"):
        manager_endpoint(mode, settings)
    named = _settings(anthropic_api_key=SecretStr(KEY), worker_backend="anthropic",
                      worker_model="claude-sonnet-5-5", worker_base_url="http://127.0.0.1:9")
    client = worker_client(MODES["baseline_worker"], named)
    assert isinstance(client, AnthropicClient) and client.model == "claude-sonnet-5-5"
    assert client.base_url == "http://127.0.0.1:9"
