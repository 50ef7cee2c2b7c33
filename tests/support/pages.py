"""A tiny site on loopback for the browser tests: a function from request path to page.

    with serve_pages(lambda path: PAGE) as site:
        site.url   # 'http://127.0.0.1:PORT', bound before it is handed out
        site.seen  # every path requested, in order
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

#: a page's HTML, or (HTML, extra response headers)
Page = str | tuple[str, dict[str, str]]


def finish_page(state: str = "{}") -> str:
    """A `/finish` page showing `state` (JSON text) in its `<pre>`, as the sites serve it."""
    return f"<html><body><pre>{state}</pre></body></html>"


@dataclass
class PageSite:
    """A running loopback site: its base URL and the paths requested so far."""

    url: str
    seen: list[str] = field(default_factory=list)


@contextmanager
def serve_pages(page: Callable[[str], Page]) -> Iterator[PageSite]:
    """Serve `page(path)` for every GET on 127.0.0.1 (a port the system picks)."""
    site = PageSite("")

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            site.seen.append(self.path)
            got = page(self.path)
            body, headers = got if isinstance(got, tuple) else (got, {})
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body.encode())

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    site.url = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
