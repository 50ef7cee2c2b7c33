"""A real HTTP server on 127.0.0.1 standing in for REAL's two services in tests.

- `GET /api/runKey?api_key=&model_name=&run_name=` (realevals.ai): a new run id,
  `{"newRunId": "run-<n>"}`, or `run_key_status` (e.g. 500) when set.
- `POST /evaluate` (REAL's evaluation service): the submitted state is recorded and
  answered `{"reward": reward(payload), "leaderboard_submitted": True}` (`reward` is a
  callable, 1.0 by default), or `evaluate_status` when set.

Point agisdk at it as HALO does: `HALO_REAL_API_URL` / `HALO_REAL_EVAL_URL` = `real.url`.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


@dataclass
class Call:
    method: str
    path: str
    query: dict[str, str]
    body: dict[str, Any] | None


class RealDouble:
    """`with RealDouble() as real:` -> real.url, real.calls (every request, in order)."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.reward: Callable[[dict[str, Any]], float] = lambda payload: 1.0
        self.run_key_status = 200
        self.evaluate_status = 200
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever,
                                        kwargs={"poll_interval": 0.02}, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def run_keys(self) -> list[Call]:
        return [c for c in self.calls if c.path == "/api/runKey"]

    def submissions(self) -> list[dict[str, Any]]:
        return [c.body or {} for c in self.calls if c.path == "/evaluate"]

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        double = self

        class H(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def _answer(self, status: int, doc: dict[str, Any]) -> None:
                data = json.dumps(doc).encode()
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _record(self, body: dict[str, Any] | None) -> Call:
                parts = urlsplit(self.path)
                query = {k: v[0] for k, v in parse_qs(parts.query).items()}
                call = Call(self.command, parts.path, query, body)
                with double._lock:
                    double.calls.append(call)
                return call

            def do_GET(self) -> None:  # noqa: N802
                call = self._record(None)
                if call.path != "/api/runKey":
                    return self._answer(404, {"error": "not found"})
                if double.run_key_status != 200:
                    return self._answer(double.run_key_status, {"error": "run key refused"})
                self._answer(200, {"newRunId": f"run-{len(double.run_keys())}"})

            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("content-length", 0))
                body = json.loads(self.rfile.read(length) or b"{}")
                call = self._record(body)
                if call.path != "/evaluate":
                    return self._answer(404, {"error": "not found"})
                if double.evaluate_status != 200:
                    return self._answer(double.evaluate_status, {"error": "evaluation failed"})
                self._answer(200, {"reward": double.reward(body), "leaderboard_submitted": True})

        return H

    def __enter__(self) -> RealDouble:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
