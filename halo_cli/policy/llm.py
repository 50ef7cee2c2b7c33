"""The chat-model interface, and its client over the official `openai` package.

The SDK's own retries are off (`max_retries=0`) so the policy here (`Retrying`, shared
with the Anthropic client) is the whole story: bounded retries with exponential backoff on
429, 5xx, timeouts and connection errors; other HTTP errors fail at once. `LLMClient`
works for OpenAI and for any OpenAI-compatible server (vLLM).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from halo_cli.errors import UserError
from halo_cli.policy.pricing import cost_usd
from halo_cli.usage import Usage

OPENAI_URL = "https://api.openai.com/v1"
NO_LLM_MESSAGE = "no LLM configured: set OPENAI_API_KEY or HALO_VLLM_URL"
RETRY_STATUSES = frozenset({408, 409, 429})


class NoLLMConfigured(UserError):
    """An LLM call is needed but no endpoint is configured."""

    def __init__(self, message: str = NO_LLM_MESSAGE) -> None:
        super().__init__(message)


class LLMError(RuntimeError):
    """An LLM call failed (after retries where retrying made sense)."""


class LLMTimeout(LLMError):
    """Every attempt ran past the request timeout."""


@dataclass(frozen=True)
class LLMResult:
    """One completed chat call."""

    text: str
    tokens_in: int
    tokens_out: int
    cost: float
    latency_s: float
    model: str
    attempts: int = 1
    #: what was asked and answered, for trajectories: the request's messages as sent, the
    #: choice's finish reason, the chosen tokens' logprobs ([token, logprob] pairs; None
    #: when the backend gave none; the local backend always gives them), and the sampling
    #: temperature and seed sent
    request: tuple[dict[str, Any], ...] = ()
    finish_reason: str | None = None
    logprobs: list[list[Any]] | None = None
    temperature: float | None = None
    seed: int | None = None

    @property
    def usage(self) -> Usage:
        return Usage(1, self.tokens_in, self.tokens_out, self.cost, self.latency_s)


class ChatModel(Protocol):
    """What the Worker and Manager need from a client (a double can stand in)."""

    model: str

    def complete(
        self, messages: Sequence[dict[str, Any]], *, temperature: float | None = None,
        seed: int | None = None, max_tokens: int | None = None,
    ) -> LLMResult: ...


class Retrying:
    """Bounded retries with exponential backoff (honouring `retry-after`) around one SDK
    call: 408, 409, 429 and 5xx (Anthropic's 529 "overloaded" among them), timeouts and
    connection errors are retried; other HTTP errors fail at once. `sdk` is the `openai`
    or `anthropic` module: both raise the same family of errors."""

    timeout: float
    max_retries: int
    backoff_base: float
    backoff_max: float
    _sleep: Callable[[float], None]

    def _delay(self, attempt: int, exc: Exception, sdk: Any) -> float:
        delay = min(self.backoff_max, self.backoff_base * (2 ** attempt))
        if isinstance(exc, sdk.APIStatusError):
            after = exc.response.headers.get("retry-after")
            try:
                if after is not None:
                    delay = min(self.backoff_max, max(delay, float(after)))
            except ValueError:
                pass
        return delay

    def _retrying(self, create: Callable[[], Any], sdk: Any, where: str,
                  refused: Callable[[Any], None] | None = None) -> tuple[Any, int]:
        """`create()`'s response and the attempts it took; LLMError when it fails for
        good. `refused(exc)` sees a non-retryable HTTP error first (it may raise its own)."""
        last: Exception | None = None
        for attempt in range(self.max_retries + 1):
            try:
                return create(), attempt + 1
            except sdk.APITimeoutError as exc:
                last = exc
            except sdk.APIConnectionError as exc:
                last = exc
            except sdk.APIStatusError as exc:
                if exc.status_code not in RETRY_STATUSES and exc.status_code < 500:
                    if refused is not None:
                        refused(exc)
                    raise LLMError(
                        f"LLM request to {where} failed: HTTP {exc.status_code} "
                        f"({_short(exc.message)})"
                    ) from None
                last = exc
            if attempt < self.max_retries:
                self._sleep(self._delay(attempt, last, sdk))
        tries = self.max_retries + 1
        if isinstance(last, sdk.APITimeoutError):
            raise LLMTimeout(
                f"LLM request to {where} timed out after {self.timeout:g} s ({tries} attempts)"
            ) from None
        if isinstance(last, sdk.APIStatusError):
            raise LLMError(
                f"LLM request to {where} failed: HTTP {last.status_code} after {tries} attempts"
            ) from None
        raise LLMError(f"LLM endpoint {where} unreachable after {tries} attempts") from None


class _LogprobsRefused(Exception):
    """The server answered 400/422 to a request that asked for logprobs."""


class LLMClient(Retrying):
    """Synchronous chat completions against one endpoint and model."""

    def __init__(
        self,
        *,
        model: str,
        base_url: str | None = None,
        api_key: str | None = None,
        timeout: float = 60.0,
        max_retries: int = 3,
        backoff_base: float = 1.0,
        backoff_max: float = 30.0,
        temperature: float = 0.0,
        seed: int | None = None,
        max_tokens: int | None = 1024,
        priced: bool = True,
        logprobs: bool = True,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.model = model
        self.base_url = base_url
        self.timeout = timeout
        self.max_retries = max_retries
        self.backoff_base = backoff_base
        self.backoff_max = backoff_max
        self.temperature = temperature
        self.seed = seed
        self.max_tokens = max_tokens
        self.priced = priced
        self.logprobs = logprobs  # turned off for good when the server refuses them
        self._sleep = sleep
        # deferred: openai takes 0.5 s to import, which a run's planner (check_llm) and the
        # CLI never need
        import openai

        self._sdk = openai
        # base_url is always explicit: the openai package would otherwise read env vars
        self._client = openai.OpenAI(
            api_key=api_key or "EMPTY", base_url=base_url or OPENAI_URL, timeout=timeout,
            max_retries=0,
        )

    def __repr__(self) -> str:  # never shows the key
        return f"LLMClient(model={self.model!r}, base_url={self.base_url!r})"

    def complete(
        self,
        messages: Sequence[dict[str, Any]],
        *,
        temperature: float | None = None,
        seed: int | None = None,
        max_tokens: int | None = None,
    ) -> LLMResult:
        """One chat completion; retries transient failures, raises LLMError otherwise.

        Asks for the chosen tokens' logprobs; a server that ignores the request gives
        none, one that refuses it (HTTP 400/422) is asked again without, and never again.
        """
        kwargs: dict[str, Any] = {
            "model": self.model,
            "messages": list(messages),
            "temperature": self.temperature if temperature is None else temperature,
        }
        seed = self.seed if seed is None else seed
        if seed is not None:
            kwargs["seed"] = seed
        max_tokens = self.max_tokens if max_tokens is None else max_tokens
        if max_tokens is not None:
            kwargs["max_tokens"] = max_tokens
        if self.logprobs:
            kwargs["logprobs"] = True

        def refused(exc: Any) -> None:
            if exc.status_code in (400, 422) and kwargs.pop("logprobs", None):
                raise _LogprobsRefused

        start = time.monotonic()
        try:
            resp, attempts = self._retrying(
                lambda: self._client.chat.completions.create(**kwargs), self._sdk,
                self.base_url or "api.openai.com", refused)
        except _LogprobsRefused:
            return self._without_logprobs(kwargs)
        return self._result(resp, time.monotonic() - start, attempts, kwargs)

    def _without_logprobs(self, kwargs: dict[str, Any]) -> LLMResult:
        """The request again without logprobs; if that works the server refused them."""
        saved, self.logprobs = self.logprobs, False
        try:
            return self.complete(kwargs["messages"], temperature=kwargs["temperature"],
                                 seed=kwargs.get("seed"), max_tokens=kwargs.get("max_tokens"))
        except LLMError:
            self.logprobs = saved  # it failed for another reason: keep asking next time
            raise

    def _result(self, resp: Any, latency: float, attempts: int,
                kwargs: dict[str, Any]) -> LLMResult:
        if not getattr(resp, "choices", None):
            raise LLMError(f"LLM endpoint {self.base_url or 'api.openai.com'} sent no choices")
        choice = resp.choices[0]
        text = choice.message.content or ""
        usage = getattr(resp, "usage", None)
        tin = int(getattr(usage, "prompt_tokens", 0) or 0)
        tout = int(getattr(usage, "completion_tokens", 0) or 0)
        cost = cost_usd(self.model, tin, tout) if self.priced else 0.0
        return LLMResult(text, tin, tout, cost, latency, self.model, attempts,
                         request=tuple(kwargs["messages"]),
                         finish_reason=getattr(choice, "finish_reason", None),
                         logprobs=token_logprobs(choice), temperature=kwargs["temperature"],
                         seed=kwargs.get("seed"))


def token_logprobs(choice: Any) -> list[list[Any]] | None:
    """`[[token, logprob], ...]` of a choice's chosen tokens, or None when there are none."""
    content = getattr(getattr(choice, "logprobs", None), "content", None)
    if not content:
        return None
    return [[getattr(t, "token", ""), getattr(t, "logprob", None)] for t in content]


def _short(text: str, limit: int = 200) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class LazyModel:
    """A ChatModel built on first use, so episodes served from cache need no endpoint."""

    def __init__(self, factory: Callable[[], ChatModel], model: str = "") -> None:
        self._factory = factory
        self._model: ChatModel | None = None
        self.model = model

    @property
    def built(self) -> bool:
        return self._model is not None

    def get(self) -> ChatModel:
        if self._model is None:
            self._model = self._factory()
            self.model = self._model.model
        return self._model

    def complete(
        self, messages: Sequence[dict[str, Any]], *, temperature: float | None = None,
        seed: int | None = None, max_tokens: int | None = None,
    ) -> LLMResult:
        return self.get().complete(
            messages, temperature=temperature, seed=seed, max_tokens=max_tokens
        )
