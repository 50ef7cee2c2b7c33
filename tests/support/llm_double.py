"""A real OpenAI-compatible HTTP server on 127.0.0.1 standing in for the LLM in tests.

Script it per test with a queue of replies (text, HTTP status, hang, raw body) or a
callable(request_json) -> reply; it records every request (path, headers, JSON body)
so tests assert on what was actually sent over the wire.

Asked for `logprobs`, it answers as `logprobs_mode` says: "return" (one pseudo-token per
word of the reply, logprob -0.1 * its index, as vLLM and OpenAI shape them), "ignore"
(no logprobs, like a server that drops the field) or "refuse" (HTTP 400, like a server
that rejects it).
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    text: str | None = None
    status: int = 200
    hang_s: float = 0.0
    raw: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)
    usage: tuple[int, int] = (100, 10)
    finish_reason: str = "stop"


def text(t: str, usage: tuple[int, int] = (100, 10)) -> Reply:
    return Reply(text=t, usage=usage)


def status(code: int, headers: dict[str, str] | None = None) -> Reply:
    return Reply(status=code, headers=headers or {})


def hang(seconds: float) -> Reply:
    return Reply(text="click('1')", hang_s=seconds)


def raw(body: bytes, code: int = 200) -> Reply:
    return Reply(raw=body, status=code)


def message_text(messages: list[dict[str, Any]], role: str | None = None) -> str:
    """The text of a chat request's messages (of `role` only, if given), image parts left out."""
    out = []
    for m in messages:
        if role is not None and m.get("role") != role:
            continue
        c = m.get("content")
        if isinstance(c, str):
            out.append(c)
        elif isinstance(c, list):
            out.extend(p.get("text", "") for p in c if p.get("type") == "text")
    return "\n".join(out)


@dataclass
class Request:
    path: str
    headers: dict[str, str]
    body: dict[str, Any]

    @property
    def model(self) -> str:
        return self.body.get("model", "")

    @property
    def messages(self) -> list[dict[str, Any]]:
        return self.body.get("messages", [])

    def text(self) -> str:
        """All message text joined (image parts left out)."""
        return message_text(self.messages)

    def images(self) -> list[str]:
        return [p["image_url"]["url"] for m in self.messages if isinstance(m.get("content"), list)
                for p in m["content"] if p.get("type") == "image_url"]


Handler = Callable[[dict[str, Any]], "Reply | str"]


class LLMDouble:
    """`with LLMDouble() as llm:` -> llm.url ('http://127.0.0.1:PORT/v1'), llm.requests."""

    def __init__(self) -> None:
        self.replies: deque[Reply | str] = deque()
        self.handler: Handler | None = None
        self.requests: list[Request] = []
        self.default: Reply | str | None = None
        self.logprobs_mode = "return"  # "return" | "ignore" | "refuse"
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._make_handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def base(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def url(self) -> str:
        return self.base + "/v1"

    def queue(self, *replies: Reply | str) -> LLMDouble:
        self.replies.extend(replies)
        return self

    def _next(self, body: dict[str, Any]) -> Reply:
        with self._lock:
            if self.replies:
                r = self.replies.popleft()
            elif self.handler is not None:
                r = self.handler(body)
            elif self.default is not None:
                r = self.default
            else:
                r = Reply(status=500, text="LLMDouble: no reply queued")
        return text(r) if isinstance(r, str) else r

    def _make_handler(self) -> type[BaseHTTPRequestHandler]:
        double = self

        class H(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("content-length", 0))
                data = self.rfile.read(length)
                try:
                    body = json.loads(data or b"{}")
                except ValueError:
                    body = {"_raw": data.decode("utf-8", "replace")}
                with double._lock:
                    double.requests.append(
                        Request(self.path, {k.lower(): v for k, v in self.headers.items()}, body)
                    )
                reply = double._refusal(body) or double._next(body)
                if reply.hang_s:
                    time.sleep(reply.hang_s)
                if reply.raw is not None:
                    payload = reply.raw
                elif reply.status != 200:
                    payload = json.dumps(double._error(reply)).encode()
                else:
                    payload = json.dumps(double._reply(body, reply)).encode()
                try:
                    self.send_response(reply.status)
                    self.send_header("content-type", "application/json")
                    self.send_header("content-length", str(len(payload)))
                    for k, v in reply.headers.items():
                        self.send_header(k, v)
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout tests)

        return H

    def _refusal(self, body: dict[str, Any]) -> Reply | None:
        """A reply refusing what the request asked for, before any scripted one (or None)."""
        if body.get("logprobs") and self.logprobs_mode == "refuse":
            return Reply(status=400, text="logprobs is not supported by this model")
        return None

    def _error(self, reply: Reply) -> dict[str, Any]:
        return {"error": {"message": reply.text or f"HTTP {reply.status}", "type": "test",
                          "code": reply.status}}

    def _reply(self, body: dict[str, Any], reply: Reply) -> dict[str, Any]:
        return {
            "id": f"chatcmpl-{len(self.requests)}", "object": "chat.completion",
            "created": int(time.time()), "model": body.get("model", ""),
            "choices": [{"index": 0, "finish_reason": reply.finish_reason,
                         "logprobs": self._logprobs(body, reply.text),
                         "message": {"role": "assistant", "content": reply.text}}],
            "usage": {"prompt_tokens": reply.usage[0], "completion_tokens": reply.usage[1],
                      "total_tokens": sum(reply.usage)},
        }

    def _logprobs(self, body: dict[str, Any], reply: str | None) -> dict[str, Any] | None:
        if not body.get("logprobs") or self.logprobs_mode != "return" or reply is None:
            return None
        tokens = [t + " " for t in reply.split(" ")]
        tokens[-1] = tokens[-1][:-1]
        return {"content": [{"token": t, "logprob": round(-0.1 * i, 3), "bytes": None,
                             "top_logprobs": []} for i, t in enumerate(tokens)]}

    def start(self) -> LLMDouble:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> LLMDouble:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
