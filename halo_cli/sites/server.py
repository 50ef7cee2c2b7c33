"""One ASGI app serving every local site under `/<site_id>`, each browser in its own session.

`/config?task_id=v2.<task>` (or a generated task's `train.<site>.<template>.<n>`, seeded
with its template's base task) starts a fresh session and sets a cookie scoped to the site's
path, so two browsers on one server never see each other's state. `/finish` shows the
state JSON (`initialfinaldiff` plus the site's extras) inside `<pre>`, as REAL does.
"""

from __future__ import annotations

import html
import json
import socket
import threading
import time
from dataclasses import dataclass
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route

from halo_cli.sites.base import Session, Site
from halo_cli.sites.deepdiff import detailed_diff
from halo_cli.sites.diff import initialfinaldiff
from halo_cli.sites.templates import template_of
from halo_cli.task_id import DEFAULT_VERSION, TaskId

COOKIE = "halo_session"


class SessionStore:
    """Sessions by id, per site. Thread-safe; sessions live as long as the server."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._sessions: dict[str, Session] = {}

    def add(self, session: Session) -> None:
        with self._lock:
            self._sessions[session.id] = session

    def get(self, sid: str | None) -> Session | None:
        with self._lock:
            return self._sessions.get(sid or "")


def finish_payload(site: Site, session: Session) -> dict[str, Any]:
    """The /finish JSON: REAL's diff of the store plus the site's own extras."""
    diff = detailed_diff if site.diff_mode == "deep-object-diff" else initialfinaldiff
    with session.lock:
        payload: dict[str, Any] = {"initialfinaldiff": diff(session.initial, session.state)}
        payload.update(site.differences(session.initial, session.state))
    return payload


def seed_task(site: Site, task: TaskId) -> str | None:
    """The supported task whose seed store a session for `task` starts from: a v2 task
    itself, a generated task (`train.<site>.<template>.<n>`) its template's `base_task`;
    None when `site` serves neither."""
    if task.generated:
        if task.site != site.id or task.template is None:
            return None
        try:
            base = template_of(site.id, task.template).base_task
        except KeyError:
            return None
        return base if base in site.supported_tasks() else None
    if task.version != DEFAULT_VERSION or task.name not in site.supported_tasks():
        return None
    return task.name


def _bad(status: int, message: str) -> PlainTextResponse:
    return PlainTextResponse(message + "\n", status_code=status)


def _site_app(site: Site, store: SessionStore) -> Starlette:
    cookie_path = f"/{site.id}"

    def session_for(request: Request) -> tuple[Session, bool]:
        found = store.get(request.cookies.get(COOKIE))
        if found is not None:
            return found, False
        fresh = site.new_session(site.default_task())
        store.add(fresh)
        return fresh, True

    async def config(request: Request) -> Response:
        task_ref = request.query_params.get("task_id")
        if not task_ref:
            return _bad(400, "missing query parameter: task_id (e.g. task_id=v2.gomail-1)")
        seed = seed_task(site, TaskId.parse(task_ref))
        if seed is None:
            return _bad(404, f"unknown task for {site.id}: {task_ref}")
        session = site.new_session(seed, request.query_params)
        store.add(session)
        body = f"<html><body><p>configured {html.escape(task_ref)}</p></body></html>"
        resp = HTMLResponse(body)
        resp.set_cookie(COOKIE, session.id, path=cookie_path, httponly=True, samesite="lax")
        return resp

    async def finish(request: Request) -> Response:
        session, _ = session_for(request)
        text = json.dumps(finish_payload(site, session), indent=2, sort_keys=True)
        return HTMLResponse(f"<html><body><pre>{html.escape(text)}</pre></body></html>")

    async def submit(request: Request) -> Response:
        session, _ = session_for(request)
        session.submitted_answer = request.query_params.get("retrieved_answer", "")
        return HTMLResponse("<html><body><p>submitted</p></body></html>")

    async def attach_session(request: Request, call_next):  # type: ignore[no-untyped-def]
        path = request.scope.get("path", "")
        if path.rstrip("/").endswith(("/config", "/finish", "/submit")):
            return await call_next(request)
        session, created = session_for(request)
        request.state.halo_session = session
        response = await call_next(request)
        if site.track_location and request.method == "GET" and response.status_code == 200:
            rel = request.scope.get("path", "/")[len(cookie_path):] or "/"
            if response.headers.get("content-type", "").startswith("text/html"):
                with session.lock:
                    session.state.setdefault("router", {})["location"] = {"pathname": rel}
        if created:
            response.set_cookie(COOKIE, session.id, path=cookie_path, httponly=True, samesite="lax")
        return response

    routes = [Route("/config", config), Route("/finish", finish), Route("/submit", submit)]
    return Starlette(
        routes=[*routes, *site.routes()],
        middleware=[Middleware(BaseHTTPMiddleware, dispatch=attach_session)],
    )


def build_app(sites: list[Site]) -> Starlette:
    """The ASGI app: each site mounted at `/<id>`, `/` lists them."""
    store = SessionStore()

    async def index(request: Request) -> Response:
        items = "".join(
            f'<li><a href="/{s.id}/">{html.escape(s.title)}</a></li>' for s in sites
        )
        return HTMLResponse(f"<html><body><h1>HALO local sites</h1><ul>{items}</ul></body></html>")

    async def not_found(request: Request, exc: Exception) -> Response:
        return _bad(404, f"not found: {request.url.path}")

    routes = [Route("/", index), *(Mount(f"/{s.id}", app=_site_app(s, store)) for s in sites)]
    return Starlette(routes=routes, exception_handlers={404: not_found})


@dataclass
class LocalServer:
    """A running server: `base_urls` maps site id to its base URL."""

    host: str
    port: int
    base_urls: dict[str, str]
    _server: Any
    _thread: threading.Thread

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=5)


def free_port(host: str = "127.0.0.1", port: int = 0) -> int:
    """A port that can be bound on `host` (`port` itself if given; OSError if taken)."""
    with socket.socket() as s:
        s.bind((host, port))
        return s.getsockname()[1]


def bind(host: str = "127.0.0.1", port: int = 0) -> socket.socket:
    """A socket bound to `host:port` (0: a port the system picks) for the server to serve
    on, so no other process can take the port in between; OSError if it is taken."""
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    return sock


def start_server(sites: list[Site], host: str = "127.0.0.1", port: int = 0) -> LocalServer:
    """Serve `sites` from a background thread; returns once it accepts connections."""
    # deferred: uvicorn loads only when a server starts (not where sites are only listed)
    import uvicorn

    sock = bind(host, port)
    port = sock.getsockname()[1]
    config = uvicorn.Config(build_app(sites), host=host, port=port, log_level="warning",
                            access_log=False, lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name="halo-sites",
                              daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError(f"local sites server failed to start on {host}:{port}")
        time.sleep(0.01)
    urls = {s.id: f"http://{host}:{port}/{s.id}" for s in sites}
    return LocalServer(host, port, urls, server, thread)
