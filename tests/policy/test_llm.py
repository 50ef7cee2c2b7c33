"""The LLM client against a real HTTP double: retries, timeouts, what goes over the wire."""

from collections.abc import Iterator

import pytest

from halo_cli.policy.llm import LLMClient, LLMError, LLMTimeout
from halo_cli.policy.pricing import cost_usd, price
from tests.support.llm_double import LLMDouble, hang, raw, status, text


@pytest.fixture
def llm() -> Iterator[LLMDouble]:
    with LLMDouble() as d:
        yield d


def _client(llm: LLMDouble, **kw) -> LLMClient:
    args = {"model": "gpt-4o-mini", "base_url": llm.url, "api_key": "sk-test-123",
            "timeout": 2.0, "max_retries": 3, "backoff_base": 0.01}
    args.update(kw)
    return LLMClient(**args)


def test_429_then_success_is_retried(llm: LLMDouble) -> None:
    llm.queue(status(429), status(503), text("click('3')", usage=(1000, 20)))
    res = _client(llm).complete([{"role": "user", "content": "hi"}])
    assert res.text == "click('3')"
    assert res.attempts == 3
    assert len(llm.requests) == 3
    assert (res.tokens_in, res.tokens_out) == (1000, 20)
    assert res.cost == pytest.approx(cost_usd("gpt-4o-mini", 1000, 20))
    assert res.latency_s > 0


def test_retries_are_bounded(llm: LLMDouble) -> None:
    llm.default = status(500)
    with pytest.raises(LLMError, match="HTTP 500 after 3 attempts"):
        _client(llm, max_retries=2).complete([{"role": "user", "content": "hi"}])
    assert len(llm.requests) == 3


def test_client_errors_are_not_retried(llm: LLMDouble) -> None:
    llm.queue(status(401), text("never"))
    with pytest.raises(LLMError, match="HTTP 401") as err:
        _client(llm).complete([{"role": "user", "content": "hi"}])
    assert len(llm.requests) == 1
    assert "sk-test-123" not in str(err.value)


def test_backoff_grows_and_honours_retry_after(llm: LLMDouble) -> None:
    slept: list[float] = []
    llm.queue(status(429), status(429, {"retry-after": "0.5"}), text("noop()"))
    _client(llm, backoff_base=0.1, sleep=slept.append).complete([{"role": "user", "content": "x"}])
    assert slept == [pytest.approx(0.1), pytest.approx(0.5)]


@pytest.mark.timeout(30)  # the server answers after 60 s: only the client's timeout ends this
def test_timeout_on_hanging_server_raises_clean_error(llm: LLMDouble) -> None:
    llm.default = hang(60)
    with pytest.raises(LLMTimeout, match=r"timed out after 0.4 s \(2 attempts\)"):
        _client(llm, timeout=0.4, max_retries=1).complete([{"role": "user", "content": "x"}])
    assert len(llm.requests) == 2


def test_unreachable_endpoint_is_a_clean_error() -> None:
    client = LLMClient(model="m", base_url="http://127.0.0.1:9/v1", api_key="k", timeout=0.5,
                       max_retries=1, backoff_base=0.01)
    with pytest.raises(LLMError, match="unreachable after 2 attempts"):
        client.complete([{"role": "user", "content": "x"}])


def test_malformed_body_is_retried_as_error(llm: LLMDouble) -> None:
    llm.queue(raw(b"<html>bad gateway</html>", 502), text("noop()"))
    assert _client(llm).complete([{"role": "user", "content": "x"}]).text == "noop()"


def test_sends_model_temperature_seed_and_key(llm: LLMDouble) -> None:
    llm.queue(text("ok"))
    client = _client(llm, temperature=0.3, seed=7, max_tokens=50)
    client.complete([{"role": "system", "content": "s"}, {"role": "user", "content": "u"}])
    req = llm.requests[0]
    assert req.path == "/v1/chat/completions"
    assert req.model == "gpt-4o-mini"
    assert req.body["temperature"] == 0.3
    assert req.body["seed"] == 7
    assert req.body["max_tokens"] == 50
    assert req.headers["authorization"] == "Bearer sk-test-123"
    assert [m["role"] for m in req.messages] == ["system", "user"]
    assert "sk-test-123" not in repr(client)


def test_per_call_overrides(llm: LLMDouble) -> None:
    llm.queue(text("ok"))
    _client(llm, temperature=0.0).complete([{"role": "user", "content": "u"}], temperature=1.0,
                                          seed=3)
    assert llm.requests[0].body["temperature"] == 1.0
    assert llm.requests[0].body["seed"] == 3


def test_unpriced_client_costs_nothing(llm: LLMDouble) -> None:
    llm.queue(text("ok", usage=(5000, 500)))
    assert _client(llm, priced=False).complete([{"role": "user", "content": "u"}]).cost == 0.0


def test_pricing_table() -> None:
    assert cost_usd("gpt-4o", 1_000_000, 1_000_000) == pytest.approx(12.5)
    assert price("gpt-4o-mini-2024-07-18") == price("gpt-4o-mini")
    assert price("gpt-4o-2024-08-06") == price("gpt-4o")
    assert price("gpt-4.1-mini") is not None and price("o3-mini") is not None
    assert price("openai/gpt-4o") == price("gpt-4o")
    assert cost_usd("Qwen/Qwen2.5-7B-Instruct", 10**6, 10**6) == 0.0
    assert cost_usd("halo-bc", 10**6, 10**6) == 0.0


def test_result_says_what_was_asked_and_answered(llm: LLMDouble) -> None:
    llm.queue(text("Go on.\n```click('3')```"))
    msgs = [{"role": "system", "content": "s"}, {"role": "user", "content": "hi"}]
    res = _client(llm, temperature=0.7, seed=4).complete(msgs)
    assert llm.requests[0].body["logprobs"] is True
    assert list(res.request) == msgs and res.finish_reason == "stop"
    assert res.logprobs == [["Go ", 0.0], ["on.\n```click('3')```", -0.1]]
    assert (res.temperature, res.seed) == (0.7, 4)


def test_a_server_that_ignores_logprobs_gives_none(llm: LLMDouble) -> None:
    llm.logprobs_mode = "ignore"
    llm.queue("click('3')")
    res = _client(llm).complete([{"role": "user", "content": "hi"}])
    assert res.text == "click('3')" and res.logprobs is None and len(llm.requests) == 1


def test_a_server_that_refuses_logprobs_is_asked_again_without(llm: LLMDouble) -> None:
    llm.logprobs_mode = "refuse"
    llm.queue("click('3')", "click('4')")
    client = _client(llm)
    first = client.complete([{"role": "user", "content": "hi"}])
    second = client.complete([{"role": "user", "content": "again"}])
    assert (first.text, first.logprobs, second.text) == ("click('3')", None, "click('4')")
    assert ["logprobs" in r.body for r in llm.requests] == [True, False, False]


def test_a_400_for_another_reason_is_still_an_error(llm: LLMDouble) -> None:
    llm.queue(status(400), status(400))
    client = _client(llm)
    with pytest.raises(LLMError, match="HTTP 400"):
        client.complete([{"role": "user", "content": "hi"}])
    assert client.logprobs is True and len(llm.requests) == 2
