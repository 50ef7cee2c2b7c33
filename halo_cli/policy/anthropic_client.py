"""The chat-model interface over Anthropic's own `anthropic` SDK (the Messages API).

HALO's policies build OpenAI-style chat messages; this client sends them in the Messages
API's form: the system prompt as `system`, each image part as a base64 `image` block,
consecutive turns of one role merged. The reply's text blocks are the answer (thinking
blocks are not), its `usage` (input / output tokens) is priced at Claude's list prices,
and the retries are `Retrying`'s (429, 529 overloaded, 5xx, timeouts). The result keeps
the request in the form the policy built it, so trajectories and exports read the same
whichever provider answered.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any

import anthropic

from halo_cli.policy.llm import LLMError, LLMResult, Retrying
from halo_cli.policy.pricing import cost_usd

ANTHROPIC_URL = "https://api.anthropic.com"
#: what a reply may use, thinking included (newer Claude models always think)
DEFAULT_MAX_TOKENS = 4096
#: the Messages API's stop reasons in the chat-completions words trajectories use
STOP_REASONS = {"end_turn": "stop", "stop_sequence": "stop", "max_tokens": "length"}


#: models that refused `temperature` in this process (never sent it again)
REFUSES_TEMPERATURE: set[str] = set()


class _TemperatureRefused(Exception):
    """The model answered 400 to a request that set `temperature` (newer Claude models)."""


def _text(content: Any) -> str:
    if isinstance(content, str):
        return content
    return "\n".join(p.get("text", "") for p in content or () if p.get("type") == "text")


def _image_block(url: str) -> dict[str, Any]:
    """A chat `image_url` (a data URL, or an http(s) URL) as a Messages API image block."""
    if url.startswith("data:"):
        head, _, data = url.partition(",")
        mime = head.removeprefix("data:").split(";")[0] or "image/jpeg"
        return {"type": "image", "source": {"type": "base64", "media_type": mime, "data": data}}
    return {"type": "image", "source": {"type": "url", "url": url}}


def _blocks(content: Any) -> list[dict[str, Any]]:
    if isinstance(content, str):
        return [{"type": "text", "text": content}] if content else []
    out: list[dict[str, Any]] = []
    for part in content or ():
        if part.get("type") == "text" and part.get("text"):
            out.append({"type": "text", "text": part["text"]})
        elif part.get("type") == "image_url":
            out.append(_image_block(part["image_url"]["url"]))
    return out


def to_messages_api(messages: Sequence[dict[str, Any]]) -> tuple[str, list[dict[str, Any]]]:
    """Chat messages -> (the system prompt, the Messages API's `messages`)."""
    system: list[str] = []
    turns: list[dict[str, Any]] = []
    for m in messages:
        if m.get("role") == "system":
            system.append(_text(m.get("content")))
            continue
        role = "assistant" if m.get("role") == "assistant" else "user"
        blocks = _blocks(m.get("content"))
        if turns and turns[-1]["role"] == role:
            turns[-1]["content"].extend(blocks)
        else:
            turns.append({"role": role, "content": blocks})
    return "\n\n".join(s for s in system if s), turns


class AnthropicClient(Retrying):
    """Synchronous Messages API calls against one endpoint and Claude model."""

    def __init__(
        self,
        *,
        model: str,
        api_key: str,
        base_url: str | None = None,
        timeout: float = 60.0,
        max_retries: int = 3,
        backoff_base: float = 1.0,
        backoff_max: float = 30.0,
        temperature: float = 0.0,
        max_tokens: int = DEFAULT_MAX_TOKENS,
        priced: bool = True,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.model = model
        self.base_url = base_url
        self.timeout = timeout
        self.max_retries = max_retries
        self.backoff_base = backoff_base
        self.backoff_max = backoff_max
        self.temperature = temperature
        self.max_tokens = max_tokens
        self.priced = priced
        self._sleep = sleep
        # base_url is explicit: the SDK would otherwise read ANTHROPIC_BASE_URL itself
        self._client = anthropic.Anthropic(api_key=api_key, base_url=base_url or ANTHROPIC_URL,
                                           timeout=timeout, max_retries=0)

    def __repr__(self) -> str:  # never shows the key
        return f"AnthropicClient(model={self.model!r}, base_url={self.base_url!r})"

    def complete(
        self,
        messages: Sequence[dict[str, Any]],
        *,
        temperature: float | None = None,
        seed: int | None = None,
        max_tokens: int | None = None,
    ) -> LLMResult:
        """One Messages API call; retries transient failures, raises LLMError otherwise.

        The Messages API has no seed (it is not sent). `temperature` is gone from the
        SDK's parameters (newer Claude models refuse it) but older models still sample by
        it, so it is sent in the body, clamped to [0, 1]; a model that refuses it (HTTP 400
        naming it) is asked again without, and never again in this process.
        """
        system, turns = to_messages_api(messages)
        kwargs: dict[str, Any] = {"model": self.model, "messages": turns,
                                  "max_tokens": max_tokens or self.max_tokens}
        if system:
            kwargs["system"] = system
        if self.model not in REFUSES_TEMPERATURE:
            t = self.temperature if temperature is None else temperature
            kwargs["extra_body"] = {"temperature": min(1.0, max(0.0, t))}

        def refused(exc: Any) -> None:
            if exc.status_code == 400 and "temperature" in str(exc.message) \
                    and kwargs.pop("extra_body", None) is not None:
                raise _TemperatureRefused

        start = time.monotonic()
        where = self.base_url or "api.anthropic.com"
        try:
            resp, attempts = self._retrying(lambda: self._client.messages.create(**kwargs),
                                            anthropic, where, refused)
        except _TemperatureRefused:
            REFUSES_TEMPERATURE.add(self.model)
            return self.complete(messages, max_tokens=max_tokens)
        return self._result(resp, time.monotonic() - start, attempts, messages, kwargs)

    def _result(self, resp: Any, latency: float, attempts: int,
                messages: Sequence[dict[str, Any]], kwargs: dict[str, Any]) -> LLMResult:
        content = getattr(resp, "content", None)
        if content is None:
            raise LLMError(f"LLM endpoint {self.base_url or 'api.anthropic.com'} sent no content")
        text = "".join(getattr(b, "text", "") for b in content if getattr(b, "type", "") == "text")
        usage = getattr(resp, "usage", None)
        tin = int(getattr(usage, "input_tokens", 0) or 0)
        tout = int(getattr(usage, "output_tokens", 0) or 0)
        cost = cost_usd(self.model, tin, tout) if self.priced else 0.0
        stop = getattr(resp, "stop_reason", None)
        return LLMResult(text, tin, tout, cost, latency, self.model, attempts,
                         request=tuple(messages), finish_reason=STOP_REASONS.get(stop, stop),
                         logprobs=None, temperature=(kwargs.get("extra_body") or {}).get(
                             "temperature"), seed=None)
