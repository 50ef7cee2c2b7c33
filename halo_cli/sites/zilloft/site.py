"""Zilloft: an offline replica of REAL's Zillow-like site, judged by the v2 zilloft scripts.

State shape (what the scripts read through `/finish`, deep-object-diff style):
- `search.usersSearchTerm` and flat numeric `search.filters.{minPrice, maxPrice, minBeds,
  minBaths, minSqft}` plus `homeTypes` (a list)
- `tourRequests.requestTourList[]`: `{id, createdAt, homeId, agentId, home,
  requestTourData: {options: [{date, time}], formValues: {name, email, phone, message}}}`
- `tourRequests.contactAgentList[]`: `{id, createdAt, agentId, agentName, homeId?, home?,
  contactAgentData: {formValues, selectedDate: {date, time}}}`
- `config.zilloft.{run_id, task_id, latency}`, written at `/config` after the snapshot
`/finish` adds `differences.{contactAgents, requestTours}.added` keyed by index.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from halo_cli.sites import kit
from halo_cli.sites.base import Session, record_config, session_of
from halo_cli.sites.zilloft import store, views

TASKS = [f"zilloft-{n}" for n in (2, 3, 5, 6, 9, 10, 14, 15, 22, 23)]
MAX_FIELD = 2000
TOUR_SENT = "Your tour request was sent. The agent will confirm your time."
CONTACT_SENT = "Your message was sent to the agent."
NO_HOME, NO_AGENT = "That home is no longer listed.", "No such agent."


def _contact_values(form: kit.Form) -> dict[str, str]:
    return {k: (form.get(k) or "").strip()[:MAX_FIELD]
            for k in ("name", "email", "phone", "message")}


def _unfilled(values: dict[str, str]) -> str:
    gone = [label for key, label in (("name", "full name"), ("email", "email"),
                                     ("phone", "phone")) if not values[key]]
    return f"Please enter your {', '.join(gone)}." if gone else ""


def _slot(form: kit.Form) -> tuple[str, str]:
    """The tour day and time chosen (either may be empty); 422 if one is not on offer."""
    day, time = form.get("date", ""), form.get("time", "")
    if day and day not in {d.isoformat() for d in store.tour_dates()}:
        raise kit.BadRequest("date must be one of the offered tour days", 422)
    if time and time not in store.time_slots():
        raise kit.BadRequest("time must be one of the offered tour times", 422)
    return day, time


def _filters(qp: QueryParams) -> dict[str, Any]:
    """The search filters a results-page form submits (`filters=1`), validated."""
    try:
        updates: dict[str, Any] = {
            "minPrice": store.parse_price(qp.get("minPrice", "")),
            "maxPrice": store.parse_price(qp.get("maxPrice", "")),
            "minBeds": store.parse_choice(qp.get("beds", ""), store.BED_CHOICES),
            "minBaths": store.parse_choice(qp.get("baths", ""), store.BATH_CHOICES),
            "minSqft": store.parse_choice(qp.get("minSqft", ""), store.SQFT_CHOICES),
        }
    except ValueError as exc:
        raise kit.BadRequest(f"bad filter value: {exc}") from None
    kinds = qp.getlist("homeType")
    if any(k not in store.HOME_TYPES for k in kinds):
        raise kit.BadRequest("unknown home type")
    updates["homeTypes"] = [k for k in store.HOME_TYPES if k in kinds]
    return updates


class Zilloft(kit.KitSite):
    id = "zilloft"
    title = "Zilloft"
    diff_mode = "deep-object-diff"
    #: off: no zilloft script reads the path, and a path's digits would count as "beds"
    #: evidence in zilloft-23's whole-payload scan
    track_location = False

    def __init__(self) -> None:
        store.listings()  # load once, up front

    # -- Site API -------------------------------------------------------------------
    tasks = TASKS

    def seed_state(self, task: str) -> dict[str, Any]:
        return store.seed_state()

    def configure(self, session: Session, params: Mapping[str, str]) -> None:
        record_config(session, "zilloft", params, task_id=params.get("task_id", ""))

    def differences(self, initial: dict[str, Any], current: dict[str, Any]) -> dict[str, Any]:
        return store.differences(initial, current)

    def wrap(self, fn: kit.Handler) -> kit.Handler:
        """Every handler answers `kit.Missing` with the Not found page."""
        return kit.or_missing(fn, self._missing)

    # -- helpers --------------------------------------------------------------------
    def _page(self, request: Request, title: str, body: str, *, status: int = 200,
              search: str | None = "") -> HTMLResponse:
        html = views.layout(kit.root_path(request), title, body, search=search,
                            notice=kit.take_notice(session_of(request)))
        return kit.html_page(html, status)

    def _missing(self, request: Request, what: str) -> HTMLResponse:
        return self._page(request, "Not found", views.not_found(kit.root_path(request), what),
                          status=404)

    @staticmethod
    def _found(table: Mapping[str, dict], key: str, what: str) -> dict:
        """`table[key]`, or the Not found page saying `what`."""
        if key not in table:
            raise kit.Missing(what)
        return table[key]

    # -- pages ----------------------------------------------------------------------
    @kit.route("/")
    async def home(self, request: Request) -> Response:
        return self._page(request, "Real Estate, Homes for Sale",
                          views.home_page(kit.root_path(request)), search=None)

    @kit.route("/homes")
    async def search(self, request: Request) -> Response:
        qp = request.query_params
        updates: dict[str, Any] = {}
        if qp.get("reset"):
            updates = dict(store.EMPTY_FILTERS, homeTypes=[])
        elif qp.get("filters"):
            updates = _filters(qp)
        term = qp.get("q")
        if term is not None and len(term) > 200:
            raise kit.BadRequest("search term too long")
        session = session_of(request)
        with session.lock:
            s = session.state["search"]
            if term is not None:
                s["usersSearchTerm"] = term.strip()
            for key, value in updates.items():
                if s["filters"].get(key) != value:
                    s["filters"][key] = value
            term_now, filters = s["usersSearchTerm"], dict(s["filters"])
        homes = store.search_homes(term_now, filters)
        body = views.results_page(kit.root_path(request), term_now, filters, homes)
        return self._page(request, f"{term_now or 'Homes'} Real Estate", body, search=None)

    @kit.route("/homes/{hid}")
    async def detail(self, request: Request) -> Response:
        home = self._found(store.listings().by_id, request.path_params["hid"], NO_HOME)
        return self._page(request, store.full_address(home),
                          views.detail_page(kit.root_path(request), home))

    @kit.route("/homes/{hid}/tour", methods=["GET", "POST"])
    async def tour(self, request: Request) -> Response:
        home = self._found(store.listings().by_id, request.path_params["hid"], NO_HOME)
        base = kit.root_path(request)
        if request.method == "GET":
            prefill = {**store.USER, "message": f"I am interested in {store.full_address(home)}."}
            return self._page(request, "Request a tour", views.tour_page(base, home, prefill))
        form = await kit.read_form(request)
        values = _contact_values(form)
        day, time = _slot(form)
        error = ("Please choose a tour date." if not day else
                 "Please choose a tour time." if not time else _unfilled(values))
        if error:
            return self._page(request, "Request a tour", status=422, body=views.tour_page(
                base, home, {**values, "date": day, "time": time}, error))
        session = session_of(request)
        with session.lock:
            store.add_tour(session.state, home, day, time, values)
        return kit.redirect(request, "/tours?sent=tour", TOUR_SENT)

    @kit.route("/homes/{hid}/contact", methods=["GET", "POST"])
    async def contact_home(self, request: Request) -> Response:
        home = self._found(store.listings().by_id, request.path_params["hid"], NO_HOME)
        agent = store.listings().agent_by_id[home["agentId"]]
        return await self._contact(request, agent, home)

    @kit.route("/agents/{aid}/contact", methods=["GET", "POST"])
    async def contact_agent(self, request: Request) -> Response:
        agent = self._found(store.listings().agent_by_id, request.path_params["aid"], NO_AGENT)
        return await self._contact(request, agent, None)

    async def _contact(self, request: Request, agent: dict, home: dict | None) -> Response:
        base = kit.root_path(request)
        if request.method == "GET":
            if home is not None:
                message = f"I am interested in {store.full_address(home)}."
            else:
                message = (f"Hi {agent['name'].split()[0]}, I am looking for an agent to help "
                           f"me buy a home in {agent['city']}, {agent['state']}.")
            body = views.contact_page(base, agent, home, {**store.USER, "message": message})
            return self._page(request, "Contact agent", body)
        form = await kit.read_form(request)
        values = _contact_values(form)
        day, time = _slot(form)
        error = _unfilled(values)
        if error:
            body = views.contact_page(base, agent, home, {**values, "date": day, "time": time},
                                      error)
            return self._page(request, "Contact agent", body, status=422)
        session = session_of(request)
        with session.lock:
            store.add_contact(session.state, agent, home, day, time, values)
        return kit.redirect(request, "/tours?sent=contact", CONTACT_SENT)

    @kit.route("/agents")
    async def agents(self, request: Request) -> Response:
        location = request.query_params.get("location", "").strip()[:200]
        return self._page(request, "Find an agent", views.agents_page(
            kit.root_path(request), location, store.agents_in(location)))

    @kit.route("/agents/{aid}")
    async def agent(self, request: Request) -> Response:
        agent = self._found(store.listings().agent_by_id, request.path_params["aid"], NO_AGENT)
        homes = [h for h in store.listings().homes if h["agentId"] == agent["id"]]
        return self._page(request, agent["name"],
                          views.agent_page(kit.root_path(request), agent, homes))

    @kit.route("/tours")
    async def tours(self, request: Request) -> Response:
        """What was sent. The `?sent=` a form redirects here with is part of the URL the
        packaged cache fingerprints; the notice itself travels on the session."""
        session = session_of(request)
        with session.lock:
            t = session.state["tourRequests"]
            tours, contacts = list(t["requestTourList"]), list(t["contactAgentList"])
        return self._page(request, "My tours",
                          views.tours_page(kit.root_path(request), tours, contacts))
