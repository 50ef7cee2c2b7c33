"""A real HTTP server on 127.0.0.1 standing in for Anthropic's Messages API in tests.

The LLM double (`tests/support/llm_double.py`) with Anthropic's wire format: `POST
/v1/messages`, replies as `message` objects (text blocks, `stop_reason`, `usage` with
input / output tokens), errors as `{"type": "error", "error": {...}}`. The real
`anthropic` SDK talks to it through its base URL (`llm.base`). Scripted the same way
(queue, handler, default); every request is recorded with its headers: `sent_key` reads
the key from `x-api-key` (older SDKs) or `authorization: Bearer` (anthropic 2.x).

`temperature_mode = "refuse"` answers a request that sets `temperature` with HTTP 400, as
newer Claude models do; `thinking` puts a thinking block before each reply's text.
"""

from __future__ import annotations

from typing import Any

from tests.support.llm_double import LLMDouble, Reply

#: Anthropic's error type per HTTP status
ERROR_TYPES = {400: "invalid_request_error", 401: "authentication_error", 429: "rate_limit_error",
               500: "api_error", 529: "overloaded_error"}
STOP = {"stop": "end_turn", "length": "max_tokens"}


def sent_key(headers: dict[str, str]) -> str | None:
    """The API key a Messages API request carried (`x-api-key`, or a bearer token)."""
    auth = headers.get("authorization", "")
    return headers.get("x-api-key") or (auth.removeprefix("Bearer ") if auth else None)


def body_text(body: dict[str, Any]) -> str:
    """A Messages API request's text: the system prompt and every text block."""
    out = [body["system"]] if isinstance(body.get("system"), str) else []
    for m in body.get("messages", []):
        c = m.get("content")
        out.extend([c] if isinstance(c, str) else
                   [b.get("text", "") for b in c or () if b.get("type") == "text"])
    return "\n".join(out)


def image_blocks(body: dict[str, Any]) -> list[dict[str, Any]]:
    """Every image block of a Messages API request, in order."""
    return [b for m in body.get("messages", []) if isinstance(m.get("content"), list)
            for b in m["content"] if b.get("type") == "image"]


class AnthropicDouble(LLMDouble):
    """`with AnthropicDouble() as claude:` -> claude.base (the SDK's base URL), .requests."""

    def __init__(self) -> None:
        super().__init__()
        self.temperature_mode = "accept"  # "accept" | "refuse"
        self.thinking = False

    def _refusal(self, body: dict[str, Any]) -> Reply | None:
        if "temperature" in body and self.temperature_mode == "refuse":
            return Reply(status=400, text="`temperature` is deprecated for this model.")
        return None

    def _error(self, reply: Reply) -> dict[str, Any]:
        kind = ERROR_TYPES.get(reply.status, "api_error")
        return {"type": "error", "error": {"type": kind, "message": reply.text or kind}}

    def _reply(self, body: dict[str, Any], reply: Reply) -> dict[str, Any]:
        content: list[dict[str, Any]] = []
        if self.thinking:
            content.append({"type": "thinking", "thinking": "Let me look at the page.",
                            "signature": "c2lnbmF0dXJl"})
        content.append({"type": "text", "text": reply.text or ""})
        return {"id": f"msg_{len(self.requests):04d}", "type": "message", "role": "assistant",
                "model": body.get("model", ""), "content": content,
                "stop_reason": STOP.get(reply.finish_reason, reply.finish_reason),
                "stop_sequence": None,
                "usage": {"input_tokens": reply.usage[0], "output_tokens": reply.usage[1]}}
