"""TopWork: an offline replica of REAL's Upwork-like site (client side), judged by the v2
topwork scripts.

The store keeps plain lists like the real React store and `/finish` diffs it with
deep-object-diff (see `store` for the shape). Flows: post a job (or save a draft), remove a
job post, find talent, save a freelancer, invite to a job, message, hire / rehire with an
offer, and reply in Messages. "Today" is Thu 2024-07-18 (PDT).
"""

from __future__ import annotations

import threading
from typing import Any
from urllib.parse import parse_qs

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from halo_cli.sites.base import Session, Site, session_of
from halo_cli.sites.http import root_path as _base
from halo_cli.sites.topwork import chat_views, store, talent_views, views

TASKS = [f"topwork-{n}" for n in (2, 3, 4, 7, 8, 9, 10, 11, 12, 13, 14, 21)]
MAX_BODY = 64_000


def _safe_next(value: str, default: str) -> str:
    ok = value.startswith("/") and not value.startswith("//") and "\\" not in value
    return value if ok else default


async def _form(request: Request) -> dict[str, str] | None:
    """An urlencoded POST body, first value per field; None if it is too large."""
    body = await request.body()
    if len(body) > MAX_BODY:
        return None
    return {k: v[0] for k, v in
            parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True).items()}


def _text(status: int, message: str) -> HTMLResponse:
    return HTMLResponse(f"<p>{views.e(message)}</p>\n", status_code=status)


class TopWork(Site):
    id = "topwork"
    title = "TopWork"
    diff_mode = "deep-object-diff"
    track_location = True

    def __init__(self) -> None:
        self._notices: dict[str, str] = {}
        self._lock = threading.Lock()

    # -- Site API -------------------------------------------------------------------
    def supported_tasks(self) -> list[str]:
        return list(TASKS)

    def seed_state(self, task: str) -> dict[str, Any]:
        return store.seed_state()

    def routes(self) -> list[BaseRoute]:
        return [
            Route("/", self.home),
            Route("/jobs", self.jobs),
            Route("/jobs/new", self.new_job, methods=["GET", "POST"]),
            Route("/jobs/{jid}", self.job),
            Route("/jobs/{jid}/remove", self.remove_job, methods=["POST"]),
            Route("/talent", self.talent),
            Route("/talent/saved", self.saved),
            Route("/talent/hires", self.hires),
            Route("/talent/{fid}", self.profile),
            Route("/talent/{fid}/save", self.save, methods=["POST"]),
            Route("/talent/{fid}/invite", self.invite, methods=["GET", "POST"]),
            Route("/talent/{fid}/message", self.message, methods=["GET", "POST"]),
            Route("/talent/{fid}/offer", self.offer, methods=["GET", "POST"]),
            Route("/messages", self.messages),
            Route("/messages/{cid}", self.chat),
            Route("/messages/{cid}/send", self.send, methods=["POST"]),
        ]

    # -- helpers --------------------------------------------------------------------
    def _notice(self, session: Session, text: str | None = None) -> str | None:
        with self._lock:
            if text is not None:
                self._notices[session.id] = text
                return text
            return self._notices.pop(session.id, None)

    def _page(self, request: Request, title: str, body: str, *, status: int = 200,
              error: str | None = None) -> HTMLResponse:
        s = session_of(request)
        with s.lock:
            text = views.page(_base(request), s.state, title, body,
                              notice=self._notice(s), error=error)
        return HTMLResponse(text, status_code=status)

    def _go(self, request: Request, path: str, notice: str | None = None) -> RedirectResponse:
        if notice:
            self._notice(session_of(request), notice)
        return RedirectResponse(_base(request) + path, status_code=303)

    def _missing(self, request: Request, what: str) -> HTMLResponse:
        return self._page(request, "Not found", views.not_found(what), status=404)

    # -- jobs -----------------------------------------------------------------------
    async def home(self, request: Request) -> Response:
        s = session_of(request)
        with s.lock:
            body = views.home(_base(request), s.state)
        return self._page(request, "Home", body)

    async def jobs(self, request: Request) -> Response:
        s = session_of(request)
        with s.lock:
            body = views.jobs_page(_base(request), s.state)
        return self._page(request, "My jobs", body)

    async def job(self, request: Request) -> Response:
        s = session_of(request)
        with s.lock:
            j = store.job(s.state, request.path_params["jid"])
            body = views.job_page(_base(request), s.state, j) if j else None
        if body is None:
            return self._missing(request, "No such job post.")
        return self._page(request, j["title"], body)

    async def new_job(self, request: Request) -> Response:
        base = _base(request)
        if request.method == "GET":
            return self._page(request, "Post a job", views.job_form(base))
        form = await _form(request)
        if form is None:
            return _text(413, "Request too large.")
        s = session_of(request)
        try:
            with s.lock:
                j = store.post_job(s.state, form)
        except store.InputError as err:
            return self._page(request, "Post a job", views.job_form(base, form), status=422,
                              error=str(err))
        done = "Your job post is live." if j["status"] == "published" else "Draft saved."
        return self._go(request, f"/jobs/{j['id']}", done)

    async def remove_job(self, request: Request) -> Response:
        s = session_of(request)
        with s.lock:
            j = store.remove_job(s.state, request.path_params["jid"])
        if j is None:
            return self._missing(request, "No such job post.")
        return self._go(request, "/jobs", f'Removed job post "{j["title"]}".')

    # -- talent ---------------------------------------------------------------------
    async def talent(self, request: Request) -> Response:
        q = request.query_params.get("q", "")[:200]
        availability = request.query_params.get("availability", "")
        if availability not in ("", "Available now", "Looking for work"):
            availability = ""
        s = session_of(request)
        here = request.url.path[len(_base(request)):] + (f"?{request.url.query}"
                                                         if request.url.query else "")
        with s.lock:
            found = store.search_talent(s.state, q, availability)
            body = talent_views.talent_page(_base(request), s.state, found, q, availability,
                                            here[:500])
        return self._page(request, "Find talent", body)

    async def saved(self, request: Request) -> Response:
        s = session_of(request)
        with s.lock:
            body = talent_views.saved_page(_base(request), s.state)
        return self._page(request, "Saved talent", body)

    async def hires(self, request: Request) -> Response:
        s = session_of(request)
        with s.lock:
            body = talent_views.hires_page(_base(request), s.state)
        return self._page(request, "My hires", body)

    def _freelancer(self, request: Request) -> dict | None:
        s = session_of(request)
        with s.lock:
            return store.freelancer(s.state, request.path_params["fid"])

    async def profile(self, request: Request) -> Response:
        f = self._freelancer(request)
        if f is None:
            return self._missing(request, "No such freelancer.")
        s = session_of(request)
        with s.lock:
            body = talent_views.profile_page(_base(request), s.state, f)
        return self._page(request, f["name"], body)

    async def save(self, request: Request) -> Response:
        f = self._freelancer(request)
        if f is None:
            return self._missing(request, "No such freelancer.")
        form = await _form(request)
        if form is None:
            return _text(413, "Request too large.")
        s = session_of(request)
        with s.lock:
            now = store.toggle_saved(s.state, f["id"])
        done = (f"{f['name']} was saved." if now else f"{f['name']} was removed from saved.")
        return self._go(request, _safe_next(form.get("next", ""), f"/talent/{f['id']}"), done)

    async def invite(self, request: Request) -> Response:
        f = self._freelancer(request)
        if f is None:
            return self._missing(request, "No such freelancer.")
        s, base = session_of(request), _base(request)
        title = f"Invite {f['name']}"
        if request.method == "GET":
            with s.lock:
                body = talent_views.invite_form(base, s.state, f)
            return self._page(request, title, body)
        form = await _form(request)
        if form is None:
            return _text(413, "Request too large.")
        with s.lock:
            try:
                store.invite(s.state, f, form.get("job", ""), form.get("message", ""))
                err = None
            except store.InputError as exc:
                err = str(exc)
                body = talent_views.invite_form(base, s.state, f, form.get("job", ""),
                                                form.get("message", ""))
        if err:
            return self._page(request, title, body, status=422, error=err)
        return self._go(request, f"/talent/{f['id']}", f"Invitation sent to {f['name']}.")

    async def message(self, request: Request) -> Response:
        f = self._freelancer(request)
        if f is None:
            return self._missing(request, "No such freelancer.")
        s, base = session_of(request), _base(request)
        if request.method == "GET":
            with s.lock:
                known = store.contact(s.state, f["id"]) is not None
            if known:
                return self._go(request, f"/messages/{f['id']}")
            return self._page(request, f"Message {f['name']}", talent_views.message_form(base, f))
        form = await _form(request)
        if form is None:
            return _text(413, "Request too large.")
        try:
            with s.lock:
                store.message_freelancer(s.state, f, form.get("message", ""))
        except store.InputError as exc:
            return self._page(request, f"Message {f['name']}",
                              talent_views.message_form(base, f, form.get("message", "")),
                              status=422, error=str(exc))
        return self._go(request, f"/talent/{f['id']}", f"Message sent to {f['name']}.")

    async def offer(self, request: Request) -> Response:
        f = self._freelancer(request)
        if f is None:
            return self._missing(request, "No such freelancer.")
        base = _base(request)
        if request.method == "GET":
            rehire = request.query_params.get("rehire") == "1"
            return self._page(request, f"Hire {f['name']}",
                              talent_views.offer_form(base, f, rehire=rehire))
        form = await _form(request)
        if form is None:
            return _text(413, "Request too large.")
        s = session_of(request)
        try:
            with s.lock:
                o = store.send_offer(s.state, f, form)
        except store.InputError as exc:
            return self._page(request, f"Hire {f['name']}",
                              talent_views.offer_form(base, f, form), status=422, error=str(exc))
        return self._go(request, f"/messages/{f['id']}",
                        f'Offer "{o["contractTitle"]}" sent to {f["name"]}.')

    # -- messages -------------------------------------------------------------------
    async def messages(self, request: Request) -> Response:
        s = session_of(request)
        with s.lock:
            body = chat_views.messages_page(_base(request), s.state)
        return self._page(request, "Messages", body)

    async def chat(self, request: Request) -> Response:
        s = session_of(request)
        with s.lock:
            c = store.open_chat(s.state, request.path_params["cid"])
            body = chat_views.chat_page(_base(request), s.state, c) if c else None
        if body is None:
            return self._missing(request, "No such conversation.")
        return self._page(request, f"Messages: {c['name']}", body)

    async def send(self, request: Request) -> Response:
        s = session_of(request)
        cid = request.path_params["cid"]
        with s.lock:
            c = store.contact(s.state, cid)
        if c is None:
            return self._missing(request, "No such conversation.")
        form = await _form(request)
        if form is None:
            return _text(413, "Request too large.")
        with s.lock:
            try:
                store.post_message(s.state, c, form.get("message", ""))
                body = None
            except store.InputError as exc:
                err = str(exc)
                body = chat_views.chat_page(_base(request), s.state, c, form.get("message", ""))
        if body is not None:
            return self._page(request, f"Messages: {c['name']}", body, status=422, error=err)
        return self._go(request, f"/messages/{cid}")
