"""A loopback HTTP server that answers every request 404 and counts them: an endpoint that
must never be called. `python -m tests.support.request_counter` prints its base URL, then,
once stdin closes or reads a line, how many requests it received."""

from __future__ import annotations

import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class RequestCounter:
    """`with RequestCounter() as c:` -> c.url ('http://127.0.0.1:PORT/v1'), c.paths."""

    def __init__(self) -> None:
        self.paths: list[str] = []
        counter = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _count(self) -> None:
                counter.paths.append(f"{self.command} {self.path}")
                self.send_error(404)

            do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _count  # noqa: N815

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)  # bound here: port 0
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        """What an OpenAI client is given as its base URL."""
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def __enter__(self) -> RequestCounter:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()


if __name__ == "__main__":
    with RequestCounter() as c:
        print(c.url, flush=True)
        sys.stdin.readline()
    print(f"requests: {len(c.paths)}", *c.paths, sep="\n", flush=True)
