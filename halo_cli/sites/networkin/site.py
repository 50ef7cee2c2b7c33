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

from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from halo_cli.sites import kit
from halo_cli.sites.base import session_of
from halo_cli.sites.deepdiff import detailed_diff
from halo_cli.sites.networkin import store, views


def _found(items: Mapping[str, dict], key: str, what: str) -> dict:
    """`items[key]`, or a 404 naming `what`."""
    item = items.get(key)
    if item is None:
        raise kit.BadRequest(f"not found: no such {what}", 404)
    return item


def _text(form: kit.Form, field: str, limit: int) -> tuple[str, bool]:
    """The stripped text of a required field, and whether it is fit to save (1..limit chars)."""
    raw = form.get(field)
    if raw is None:
        raise kit.BadRequest(f"bad request: field {field!r} is required")
    text = raw.strip()
    return text, 0 < len(text) <= limit


class NetworkIn(kit.KitSite):
    id = "networkin"
    title = "NetworkIn"
    track_location = False
    diff_mode = "deep-object-diff"

    def __init__(self) -> None:
        store.seed()

    # -- Site API -------------------------------------------------------------------
    tasks = store.TASKS

    def seed_state(self, task: str) -> dict[str, Any]:
        return store.seed_state(task)

    def differences(self, initial: dict[str, Any], current: dict[str, Any]) -> dict[str, Any]:
        return {"env_state": {"initialfinaldiff": detailed_diff(initial, current)}}

    # -- helpers --------------------------------------------------------------------
    def _page(self, request: Request, title: str, body: str, *, current: str = "",
              query: str = "", error: str | None = None, status: int = 200) -> HTMLResponse:
        notice = kit.take_notice(session_of(request))
        html = views.page(kit.root_path(request), title, body, current=current, query=query,
                          notice=notice, error=error)
        return kit.html_page(html, status)

    def _show(self, request: Request, title: str, view: Callable[..., str], *args: Any,
              current: str = "", error: str | None = None, status: int = 200,
              **kwargs: Any) -> HTMLResponse:
        """The page `view(base, state, *args, **kwargs)` renders, read under the lock."""
        s = session_of(request)
        with s.lock:
            body = view(kit.root_path(request), s.state, *args, **kwargs)
        return self._page(request, title, body, current=current, error=error, status=status)

    @staticmethod
    def _back(request: Request, form: kit.Form, default: str,
              notice: str | None = None) -> RedirectResponse:
        """Back to the form's `next` (a full path on this site), else to `default`."""
        base, nxt = kit.root_path(request), form.get("next") or ""
        on_site = nxt[len(base):] if nxt.startswith(base + "/") else ""
        return kit.redirect(request, kit.safe_next(on_site, default), notice)

    @staticmethod
    def _post(state: dict, pid: str) -> dict:
        p = store.post(state, pid)
        if p is None:
            raise kit.BadRequest(f"not found: no post {pid!r}", 404)
        return p

    # -- feed and posts ---------------------------------------------------------------
    @kit.route("/")
    async def home(self, request: Request) -> Response:
        return self._show(request, "Feed", views.feed, current="/")

    @kit.route("/posts", methods=["POST"])
    async def create_post(self, request: Request) -> Response:
        text, ok = _text(await kit.read_form(request), "description", store.MAX_POST)
        if not ok:
            return self._show(request, "Feed", views.feed, draft=text[:store.MAX_POST],
                              current="/", status=422,
                              error="Write something before posting (up to 3,000 characters).")
        s = session_of(request)
        with s.lock:
            store.create_post(s.state, text, store.now(s.id))
        return kit.redirect(request, "/", "Your post was shared.")

    @kit.route("/posts/{pid}/like", methods=["POST"])
    async def like(self, request: Request) -> Response:
        form = await kit.read_form(request)
        s = session_of(request)
        pid = request.path_params["pid"]
        with s.lock:
            if pid not in s.state["ui"]["feed"]["postDynamicData"]:
                raise kit.BadRequest(f"not found: no post {pid!r}", 404)
            store.toggle_like(s.state, pid)
        return self._back(request, form, "/")

    @kit.route("/posts/{pid}/send", methods=["GET", "POST"])
    async def send_post(self, request: Request) -> Response:
        s = session_of(request)
        with s.lock:
            p = self._post(s.state, request.path_params["pid"])
        if request.method == "GET":
            return self._show(request, "Send post", views.share_picker, p)
        uids = list(dict.fromkeys((await kit.read_form(request)).getlist("to")))
        with s.lock:
            if not set(uids) <= set(s.state["contactList"]):
                raise kit.BadRequest("bad request: 'to' must name your connections")
            if uids:
                store.share_post(s.state, p["id"], uids, store.now(s.id))
        if not uids:
            return self._show(request, "Send post", views.share_picker, p, status=422,
                              error="Choose at least one connection to send the post to.")
        names = ", ".join(store.profiles()[u]["name"] for u in uids)
        return kit.redirect(request, "/", f"Post sent to {names}.")

    # -- people -------------------------------------------------------------------------
    @kit.route("/search")
    async def search(self, request: Request) -> Response:
        query = (request.query_params.get("keywords") or "").strip()[:store.MAX_QUERY]
        s = session_of(request)
        people, comps = store.search(query)
        here = f"{kit.root_path(request)}/search?{urlencode({'keywords': query})}"
        with s.lock:
            if query:
                store.record_search(s.state, query, store.now(s.id))
            body = views.search_results(kit.root_path(request), s.state, query, people, comps, here)
        title = f"{query} - Search" if query else "Search"
        return self._page(request, title, body, query=query)

    @kit.route("/in/{uid}")
    async def profile(self, request: Request) -> Response:
        p = _found(store.profiles(), request.path_params["uid"], "profile")
        return self._show(request, p["name"], views.profile, p,
                          f"{kit.root_path(request)}/in/{p['id']}")

    @kit.route("/in/{uid}/connect", methods=["POST"])
    async def connect(self, request: Request) -> Response:
        p = _found(store.profiles(), request.path_params["uid"], "profile")
        form = await kit.read_form(request)
        s = session_of(request)
        with s.lock:
            if store.grade(s.state, p["id"]) == "1st":
                raise kit.BadRequest(f"already connected with {p['name']}", 409)
            store.connect(s.state, p["id"], store.now(s.id))
        return self._back(request, form, f"/in/{p['id']}",
                          f"You are now connected with {p['name']}.")

    @kit.route("/mynetwork")
    async def my_network(self, request: Request) -> Response:
        return self._show(request, "My Network", views.my_network, current="/mynetwork")

    @kit.route("/mynetwork/connections")
    async def connections(self, request: Request) -> Response:
        return self._show(request, "Connections", views.connections, current="/mynetwork")

    # -- messaging ----------------------------------------------------------------------
    @kit.route("/messaging")
    async def inbox(self, request: Request) -> Response:
        return self._show(request, "Messaging", views.inbox, current="/messaging")

    @kit.route("/messaging/{uid}", methods=["GET", "POST"])
    async def thread(self, request: Request) -> Response:
        p = _found(store.profiles(), request.path_params["uid"], "profile")
        s = session_of(request)
        if request.method == "GET":
            with s.lock:
                store.mark_read(s.state, p["id"])
            return self._show(request, p["name"], views.thread, p, current="/messaging")
        text, ok = _text(await kit.read_form(request), "message", store.MAX_MESSAGE)
        if not ok:
            return self._show(request, p["name"], views.thread, p,
                              draft=text[:store.MAX_MESSAGE], current="/messaging", status=422,
                              error="Write a message before sending (up to 2,000 characters).")
        with s.lock:
            store.send_message(s.state, p["id"], text, store.now(s.id))
        return kit.redirect(request, f"/messaging/{p['id']}")

    # -- companies and events -------------------------------------------------------------
    @kit.route("/companies")
    async def companies(self, request: Request) -> Response:
        return self._show(request, "Companies", views.companies, current="/companies")

    @kit.route("/companies/{cid}/follow", methods=["POST"])
    async def follow(self, request: Request) -> Response:
        c = _found(store.companies(), request.path_params["cid"], "company")
        form = await kit.read_form(request)
        s = session_of(request)
        with s.lock:
            on = store.toggle_follow(s.state, c["id"])
        verb = "You are now following" if on else "You unfollowed"
        return self._back(request, form, "/companies", f"{verb} {c['name']}.")

    @kit.route("/events")
    async def events(self, request: Request) -> Response:
        return self._show(request, "Events", views.events, current="/events")

    @kit.route("/events/{eid}")
    async def event(self, request: Request) -> Response:
        ev = _found(store.events(), request.path_params["eid"], "event")
        return self._show(request, ev["title"], views.event, ev, current="/events")

    @kit.route("/events/{eid}/attend", methods=["POST"])
    async def attend(self, request: Request) -> Response:
        ev = _found(store.events(), request.path_params["eid"], "event")
        s = session_of(request)
        with s.lock:
            store.toggle_attend(s.state, ev["id"])
        return kit.redirect(request, f"/events/{ev['id']}")
