"""NetworkIn: an offline replica of REAL's LinkedIn-like site, judged by the v2 scripts.

State shape (a React-style store with plain lists, diffed with deep-object-diff):
- `ui.feed.postDynamicData.<postId>`: every post's likes; a new post is a whole entry
  `{id, type: "self-post", authorId: "divgarg", description, ...}`
- `ui.messaging.chatroomData.<userId>`: `{id, participant: {id, name, headline, location},
  messages: [{id, authorId, message, type: "text"|"system"|"post", postData?, timestamp}],
  lastMessage, lastMessageAuthorId, unread}`
- `ui.searchTerm` and `searchHistory: [{searchTerm, timestamp}]`: searches
- `contactList: [userId]`, `connectionGrades: {userId: "1st"|"2nd"|"3rd"}`: connections
  (accepted at once)
- `followedCompanies: {companyId: bool}`, `attendedEvents: {eventId: true}`

`/finish` also carries `env_state.initialfinaldiff` (a copy of the diff), which is where
`eval_networkin_19.py` reads it. The site does not record `router.location`:
`eval_networkin_25.py` accepts any string holding `/events/`, so a tracked pathname would
make merely opening an event page count as attending it.
"""

from __future__ import annotations

import threading
from typing import Any
from urllib.parse import parse_qs, urlencode

from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from halo_cli.sites.base import Session, Site, session_of
from halo_cli.sites.deepdiff import detailed_diff
from halo_cli.sites.http import root_path as _base
from halo_cli.sites.networkin import more_views, store, views
from halo_cli.sites.networkin.layout import page

MAX_BODY = 64 * 1024


class Form:
    """An urlencoded POST body (the site's forms never upload files)."""

    def __init__(self, body: bytes) -> None:
        self._data = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)

    def get(self, key: str) -> str | None:
        values = self._data.get(key)
        return values[0] if values else None

    def getlist(self, key: str) -> list[str]:
        return list(self._data.get(key, []))


def _bad(status: int, message: str) -> PlainTextResponse:
    return PlainTextResponse(message + "\n", status_code=status)


class NetworkIn(Site):
    id = "networkin"
    title = "NetworkIn"
    track_location = False
    diff_mode = "deep-object-diff"

    def __init__(self) -> None:
        self._notices: dict[str, str] = {}
        self._lock = threading.Lock()
        store.seed()

    # -- Site API -------------------------------------------------------------------
    def supported_tasks(self) -> list[str]:
        return list(store.TASKS)

    def seed_state(self, task: str) -> dict[str, Any]:
        return store.seed_state(task)

    def differences(self, initial: dict[str, Any], current: dict[str, Any]) -> dict[str, Any]:
        return {"env_state": {"initialfinaldiff": detailed_diff(initial, current)}}

    def routes(self) -> list[BaseRoute]:
        return [
            Route("/", self.home),
            Route("/posts", self.create_post, methods=["POST"]),
            Route("/posts/{pid}/like", self.like, methods=["POST"]),
            Route("/posts/{pid}/send", self.send_post, methods=["GET", "POST"]),
            Route("/search", self.search),
            Route("/in/{uid}", self.profile),
            Route("/in/{uid}/connect", self.connect, methods=["POST"]),
            Route("/mynetwork", self.my_network),
            Route("/mynetwork/connections", self.connections),
            Route("/messaging", self.inbox),
            Route("/messaging/{uid}", self.thread, methods=["GET", "POST"]),
            Route("/companies", self.companies),
            Route("/companies/{cid}/follow", self.follow, methods=["POST"]),
            Route("/events", self.events),
            Route("/events/{eid}", self.event),
            Route("/events/{eid}/attend", self.attend, methods=["POST"]),
        ]

    # -- helpers --------------------------------------------------------------------
    def _notice(self, session: Session, text: str | None = None) -> str | None:
        with self._lock:
            if text is not None:
                self._notices[session.id] = text
                return text
            return self._notices.pop(session.id, None)

    def _page(self, request: Request, title: str, body: str, *, current: str = "",
              query: str = "", error: str | None = None, status: int = 200) -> HTMLResponse:
        notice = self._notice(session_of(request))
        html = page(_base(request), title, body, current=current, query=query, notice=notice,
                    error=error)
        return HTMLResponse(html, status_code=status)

    def _back(self, request: Request, form: Form | None, default: str) -> RedirectResponse:
        base = _base(request)
        nxt = (form.get("next") if form else None) or ""
        ok = nxt.startswith(base + "/") and not nxt.startswith("//") and "\\" not in nxt
        return RedirectResponse(nxt if ok else base + default, status_code=303)

    @staticmethod
    async def _form(request: Request) -> Form | None:
        body = await request.body()
        return None if len(body) > MAX_BODY else Form(body)

    # -- feed and posts ---------------------------------------------------------------
    async def home(self, request: Request) -> Response:
        s = session_of(request)
        with s.lock:
            body = views.feed(_base(request), s.state)
        return self._page(request, "Feed", body, current="/")

    async def create_post(self, request: Request) -> Response:
        form = await self._form(request)
        if form is None or form.get("description") is None:
            return _bad(400, "bad request: field 'description' is required")
        text = form.get("description").strip()
        s = session_of(request)
        if not text or len(text) > store.MAX_POST:
            with s.lock:
                body = views.feed(_base(request), s.state, draft=text[:store.MAX_POST])
            return self._page(request, "Feed", body, current="/", status=422,
                              error="Write something before posting (up to 3,000 characters).")
        with s.lock:
            store.create_post(s.state, text, store.now(s.id))
        self._notice(s, "Your post was shared.")
        return RedirectResponse(_base(request) + "/", status_code=303)

    async def like(self, request: Request) -> Response:
        form = await self._form(request)
        s = session_of(request)
        pid = request.path_params["pid"]
        with s.lock:
            if pid not in s.state["ui"]["feed"]["postDynamicData"]:
                return _bad(404, f"not found: no post {pid!r}")
            store.toggle_like(s.state, pid)
        return self._back(request, form, "/")

    async def send_post(self, request: Request) -> Response:
        s = session_of(request)
        pid = request.path_params["pid"]
        base = _base(request)
        with s.lock:
            p = store.post(s.state, pid)
            if p is None:
                return _bad(404, f"not found: no post {pid!r}")
            if request.method == "GET":
                return self._page(request, "Send post", views.share_picker(base, s.state, p))
        form = await self._form(request)
        if form is None:
            return _bad(400, "bad request: body too large")
        to = form.getlist("to")
        with s.lock:
            mine = set(s.state["contactList"])
            if any(u not in mine for u in to):
                return _bad(400, "bad request: 'to' must name your connections")
            if not to:
                body = views.share_picker(base, s.state, p)
                return self._page(request, "Send post", body, status=422,
                                  error="Choose at least one connection to send the post to.")
            uids = list(dict.fromkeys(to))
            store.share_post(s.state, pid, uids, store.now(s.id))
            names = ", ".join(store.profiles()[u]["name"] for u in uids)
        self._notice(s, f"Post sent to {names}.")
        return RedirectResponse(base + "/", status_code=303)

    # -- people -------------------------------------------------------------------------
    async def search(self, request: Request) -> Response:
        query = (request.query_params.get("keywords") or "").strip()[:store.MAX_QUERY]
        s = session_of(request)
        people, comps = store.search(query)
        here = f"{_base(request)}/search?{urlencode({'keywords': query})}"
        with s.lock:
            if query:
                store.record_search(s.state, query, store.now(s.id))
            body = views.search_results(_base(request), s.state, query, people, comps, here)
        title = f"{query} - Search" if query else "Search"
        return self._page(request, title, body, query=query)

    async def profile(self, request: Request) -> Response:
        p = store.profiles().get(request.path_params["uid"])
        if p is None:
            return _bad(404, "not found: no such profile")
        s = session_of(request)
        here = f"{_base(request)}/in/{p['id']}"
        with s.lock:
            body = views.profile(_base(request), s.state, p, here)
        return self._page(request, p["name"], body)

    async def connect(self, request: Request) -> Response:
        uid = request.path_params["uid"]
        p = store.profiles().get(uid)
        if p is None:
            return _bad(404, "not found: no such profile")
        form = await self._form(request)
        s = session_of(request)
        with s.lock:
            if store.grade(s.state, uid) == "1st":
                return _bad(409, f"already connected with {p['name']}")
            store.connect(s.state, uid, store.now(s.id))
        self._notice(s, f"You are now connected with {p['name']}.")
        return self._back(request, form, f"/in/{uid}")

    async def my_network(self, request: Request) -> Response:
        s = session_of(request)
        with s.lock:
            body = views.my_network(_base(request), s.state)
        return self._page(request, "My Network", body, current="/mynetwork")

    async def connections(self, request: Request) -> Response:
        s = session_of(request)
        with s.lock:
            body = views.connections(_base(request), s.state)
        return self._page(request, "Connections", body, current="/mynetwork")

    # -- messaging ----------------------------------------------------------------------
    async def inbox(self, request: Request) -> Response:
        s = session_of(request)
        with s.lock:
            body = more_views.inbox(_base(request), s.state)
        return self._page(request, "Messaging", body, current="/messaging")

    async def thread(self, request: Request) -> Response:
        uid = request.path_params["uid"]
        p = store.profiles().get(uid)
        if p is None:
            return _bad(404, "not found: no such profile")
        s = session_of(request)
        base = _base(request)
        if request.method == "GET":
            with s.lock:
                store.mark_read(s.state, uid)
                body = more_views.thread(base, s.state, p)
            return self._page(request, p["name"], body, current="/messaging")
        form = await self._form(request)
        if form is None or form.get("message") is None:
            return _bad(400, "bad request: field 'message' is required")
        text = form.get("message").strip()
        if not text or len(text) > store.MAX_MESSAGE:
            with s.lock:
                body = more_views.thread(base, s.state, p, draft=text[:store.MAX_MESSAGE])
            return self._page(request, p["name"], body, current="/messaging", status=422,
                              error="Write a message before sending (up to 2,000 characters).")
        with s.lock:
            store.send_message(s.state, uid, text, store.now(s.id))
        return RedirectResponse(f"{base}/messaging/{uid}", status_code=303)

    # -- companies and events -------------------------------------------------------------
    async def companies(self, request: Request) -> Response:
        s = session_of(request)
        with s.lock:
            body = more_views.companies(_base(request), s.state)
        return self._page(request, "Companies", body, current="/companies")

    async def follow(self, request: Request) -> Response:
        c = store.companies().get(request.path_params["cid"])
        if c is None:
            return _bad(404, "not found: no such company")
        form = await self._form(request)
        s = session_of(request)
        with s.lock:
            on = store.toggle_follow(s.state, c["id"])
        self._notice(s, f"{'You are now following' if on else 'You unfollowed'} {c['name']}.")
        return self._back(request, form, "/companies")

    async def events(self, request: Request) -> Response:
        s = session_of(request)
        with s.lock:
            body = more_views.events(_base(request), s.state)
        return self._page(request, "Events", body, current="/events")

    async def event(self, request: Request) -> Response:
        ev = store.events().get(request.path_params["eid"])
        if ev is None:
            return _bad(404, "not found: no such event")
        s = session_of(request)
        with s.lock:
            body = more_views.event(_base(request), s.state, ev)
        return self._page(request, ev["title"], body, current="/events")

    async def attend(self, request: Request) -> Response:
        ev = store.events().get(request.path_params["eid"])
        if ev is None:
            return _bad(404, "not found: no such event")
        s = session_of(request)
        with s.lock:
            store.toggle_attend(s.state, ev["id"])
        return RedirectResponse(f"{_base(request)}/events/{ev['id']}", status_code=303)
