"""TopWork: an offline replica of REAL's Upwork-like site (client side), judged by the v2
topwork scripts.

The store keeps plain lists like the real React store and `/finish` diffs it with
deep-object-diff (see `store` for the shape). Flows: post a job (or save a draft), remove a
job post, find talent, save a freelancer, invite to a job, message, hire / rehire with an
offer, and reply in Messages. "Today" is Thu 2024-07-18 (PDT).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from halo_cli.sites import kit
from halo_cli.sites.base import session_of
from halo_cli.sites.topwork import store, views

TASKS = [f"topwork-{n}" for n in (2, 3, 4, 7, 8, 9, 10, 11, 12, 13, 14, 21)]
AVAILABILITY = ("", "Available now", "Looking for work")
#: what the Not found page says, by the path parameter that named nothing
_MISSING = {"jid": "No such job post.", "fid": "No such freelancer.",
            "cid": "No such conversation."}


class TopWork(kit.KitSite):
    id = "topwork"
    title = "TopWork"
    diff_mode = "deep-object-diff"
    track_location = True

    # -- Site API -------------------------------------------------------------------
    tasks = TASKS

    def seed_state(self, task: str) -> dict[str, Any]:
        return store.seed_state()

    def wrap(self, fn: kit.Handler) -> kit.Handler:
        """Every handler answers `kit.Missing` with the Not found page."""
        return kit.or_missing(fn, self._missing)

    # -- helpers --------------------------------------------------------------------
    def _page(self, request: Request, title: str, body: str, *, status: int = 200,
              error: str | None = None) -> HTMLResponse:
        s = session_of(request)
        with s.lock:
            text = views.frame.page(kit.root_path(request), s.state, title, body,
                                    notice=kit.take_notice(s), error=error)
        return kit.html_page(text, status)

    def _show(self, request: Request, title: str, view: Callable[..., str], *args: Any,
              status: int = 200, error: str | None = None) -> HTMLResponse:
        """The page `view(base, state, *args)` renders, read under the lock."""
        s = session_of(request)
        with s.lock:
            body = view(kit.root_path(request), s.state, *args)
        return self._page(request, title, body, status=status, error=error)

    def _missing(self, request: Request, what: str) -> HTMLResponse:
        return self._page(request, "Not found", views.frame.not_found(what), status=404)

    @staticmethod
    def _lookup(request: Request, find: Callable[[dict, str], dict | None], key: str) -> dict:
        """`find(state, <path param key>)` under the lock (it may also mark things read);
        `kit.Missing` (the Not found page) if there is none."""
        s = session_of(request)
        with s.lock:
            found = find(s.state, request.path_params[key])
        if found is None:
            raise kit.Missing(_MISSING[key])
        return found

    def _refused(self, request: Request, title: str, body: str, err: store.InputError) -> HTMLResponse:
        """The form again, with what to correct (422)."""
        return self._page(request, title, body, status=422, error=str(err))

    # -- jobs -----------------------------------------------------------------------
    @kit.route("/")
    async def home(self, request: Request) -> Response:
        return self._show(request, "Home", views.jobs.home)

    @kit.route("/jobs")
    async def jobs(self, request: Request) -> Response:
        return self._show(request, "My jobs", views.jobs.jobs_page)

    @kit.route("/jobs/{jid}")
    async def job(self, request: Request) -> Response:
        j = self._lookup(request, store.job, "jid")
        return self._show(request, j["title"], views.jobs.job_page, j)

    @kit.route("/jobs/new", methods=["GET", "POST"])
    async def new_job(self, request: Request) -> Response:
        base = kit.root_path(request)
        if request.method == "GET":
            return self._page(request, "Post a job", views.jobs.job_form(base))
        form = (await kit.read_form(request)).dict()
        s = session_of(request)
        try:
            with s.lock:
                j = store.post_job(s.state, form)
        except store.InputError as err:
            return self._refused(request, "Post a job", views.jobs.job_form(base, form), err)
        done = "Your job post is live." if j["status"] == "published" else "Draft saved."
        return kit.redirect(request, f"/jobs/{j['id']}", done)

    @kit.route("/jobs/{jid}/remove", methods=["POST"])
    async def remove_job(self, request: Request) -> Response:
        j = self._lookup(request, store.remove_job, "jid")
        return kit.redirect(request, "/jobs", f'Removed job post "{j["title"]}".')

    # -- talent ---------------------------------------------------------------------
    @kit.route("/talent")
    async def talent(self, request: Request) -> Response:
        q = request.query_params.get("q", "")[:200]
        availability = request.query_params.get("availability", "")
        if availability not in AVAILABILITY:
            availability = ""
        here = request.url.path[len(kit.root_path(request)):] + (f"?{request.url.query}"
                                                              if request.url.query else "")
        s = session_of(request)
        with s.lock:
            found = store.search_talent(s.state, q, availability)
        return self._show(request, "Find talent", views.talent.talent_page, found, q, availability,
                          here[:500])

    @kit.route("/talent/saved")
    async def saved(self, request: Request) -> Response:
        return self._show(request, "Saved talent", views.talent.saved_page)

    @kit.route("/talent/hires")
    async def hires(self, request: Request) -> Response:
        return self._show(request, "My hires", views.talent.hires_page)

    @kit.route("/talent/{fid}")
    async def profile(self, request: Request) -> Response:
        f = self._lookup(request, store.freelancer, "fid")
        return self._show(request, f["name"], views.talent.profile_page, f)

    @kit.route("/talent/{fid}/save", methods=["POST"])
    async def save(self, request: Request) -> Response:
        f = self._lookup(request, store.freelancer, "fid")
        form = await kit.read_form(request)
        s = session_of(request)
        with s.lock:
            now = store.toggle_saved(s.state, f["id"])
        done = (f"{f['name']} was saved." if now else f"{f['name']} was removed from saved.")
        return kit.redirect(request, kit.safe_next(form.get("next"), f"/talent/{f['id']}"), done)

    @kit.route("/talent/{fid}/invite", methods=["GET", "POST"])
    async def invite(self, request: Request) -> Response:
        f = self._lookup(request, store.freelancer, "fid")
        title = f"Invite {f['name']}"
        if request.method == "GET":
            return self._show(request, title, views.talent.invite_form, f)
        form = await kit.read_form(request)
        job_id, text = form.get("job", ""), form.get("message", "")
        s = session_of(request)
        try:
            with s.lock:
                store.invite(s.state, f, job_id, text)
        except store.InputError as err:
            with s.lock:
                body = views.talent.invite_form(kit.root_path(request), s.state, f, job_id, text)
            return self._refused(request, title, body, err)
        return kit.redirect(request, f"/talent/{f['id']}", f"Invitation sent to {f['name']}.")

    @kit.route("/talent/{fid}/message", methods=["GET", "POST"])
    async def message(self, request: Request) -> Response:
        f = self._lookup(request, store.freelancer, "fid")
        title, base, s = f"Message {f['name']}", kit.root_path(request), session_of(request)
        if request.method == "GET":
            with s.lock:
                known = store.contact(s.state, f["id"]) is not None
            if known:
                return kit.redirect(request, f"/messages/{f['id']}")
            return self._page(request, title, views.talent.message_form(base, f))
        text = (await kit.read_form(request)).get("message", "")
        try:
            with s.lock:
                store.message_freelancer(s.state, f, text)
        except store.InputError as err:
            return self._refused(request, title, views.talent.message_form(base, f, text), err)
        return kit.redirect(request, f"/talent/{f['id']}", f"Message sent to {f['name']}.")

    @kit.route("/talent/{fid}/offer", methods=["GET", "POST"])
    async def offer(self, request: Request) -> Response:
        f = self._lookup(request, store.freelancer, "fid")
        title, base = f"Hire {f['name']}", kit.root_path(request)
        if request.method == "GET":
            rehire = request.query_params.get("rehire") == "1"
            return self._page(request, title, views.talent.offer_form(base, f, rehire=rehire))
        form = (await kit.read_form(request)).dict()
        s = session_of(request)
        try:
            with s.lock:
                o = store.send_offer(s.state, f, form)
        except store.InputError as err:
            return self._refused(request, title, views.talent.offer_form(base, f, form), err)
        return kit.redirect(request, f"/messages/{f['id']}",
                        f'Offer "{o["contractTitle"]}" sent to {f["name"]}.')

    # -- messages -------------------------------------------------------------------
    @kit.route("/messages")
    async def messages(self, request: Request) -> Response:
        return self._show(request, "Messages", views.messages.messages_page)

    @kit.route("/messages/{cid}")
    async def chat(self, request: Request) -> Response:
        c = self._lookup(request, store.open_chat, "cid")
        return self._show(request, f"Messages: {c['name']}", views.messages.chat_page, c)

    @kit.route("/messages/{cid}/send", methods=["POST"])
    async def send(self, request: Request) -> Response:
        c = self._lookup(request, store.contact, "cid")
        text = (await kit.read_form(request)).get("message", "")
        s = session_of(request)
        try:
            with s.lock:
                store.post_message(s.state, c, text)
        except store.InputError as err:
            with s.lock:
                body = views.messages.chat_page(kit.root_path(request), s.state, c, text)
            return self._refused(request, f"Messages: {c['name']}", body, err)
        return kit.redirect(request, f"/messages/{c['id']}")
