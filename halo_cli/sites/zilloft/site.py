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

from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from halo_cli.sites.base import Session, Site, record_config, session_of
from halo_cli.sites.http import read_form as _form
from halo_cli.sites.http import root_path as _base
from halo_cli.sites.zilloft import store, views
from halo_cli.sites.zilloft.listings import (
    BATH_CHOICES,
    BED_CHOICES,
    HOME_TYPES,
    SQFT_CHOICES,
    agents_in,
    full_address,
    listings,
    parse_choice,
    parse_price,
    search_homes,
    time_slots,
    tour_dates,
)

TASKS = [f"zilloft-{n}" for n in (2, 3, 5, 6, 9, 10, 14, 15, 22, 23)]
MAX_FIELD = 2000
NOTICES = {"tour": "Your tour request was sent. The agent will confirm your time.",
           "contact": "Your message was sent to the agent."}


def _bad(message: str, status: int = 400) -> PlainTextResponse:
    return PlainTextResponse(message + "\n", status_code=status)


def _contact_values(form: Mapping[str, str]) -> dict[str, str]:
    return {k: form.get(k, "").strip()[:MAX_FIELD] for k in ("name", "email", "phone",
                                                            "message")}


def _missing(values: dict[str, str]) -> str:
    gone = [label for key, label in (("name", "full name"), ("email", "email"),
                                     ("phone", "phone")) if not values[key]]
    return f"Please enter your {', '.join(gone)}." if gone else ""


class Zilloft(Site):
    id = "zilloft"
    title = "Zilloft"
    diff_mode = "deep-object-diff"
    #: off: no zilloft script reads the path, and a path's digits would count as "beds"
    #: evidence in zilloft-23's whole-payload scan
    track_location = False

    def __init__(self) -> None:
        listings()  # load once, up front

    # -- Site API -------------------------------------------------------------------
    def supported_tasks(self) -> list[str]:
        return list(TASKS)

    def seed_state(self, task: str) -> dict[str, Any]:
        return store.seed_state()

    def configure(self, session: Session, params: Mapping[str, str]) -> None:
        record_config(session, "zilloft", params, task_id=params.get("task_id", ""))

    def differences(self, initial: dict[str, Any], current: dict[str, Any]) -> dict[str, Any]:
        return store.differences(initial, current)

    def routes(self) -> list[BaseRoute]:
        return [
            Route("/", self.home),
            Route("/homes", self.search),
            Route("/homes/{hid}", self.detail),
            Route("/homes/{hid}/tour", self.tour, methods=["GET", "POST"]),
            Route("/homes/{hid}/contact", self.contact_home, methods=["GET", "POST"]),
            Route("/agents", self.agents),
            Route("/agents/{aid}", self.agent),
            Route("/agents/{aid}/contact", self.contact_agent, methods=["GET", "POST"]),
            Route("/tours", self.tours),
        ]

    # -- helpers --------------------------------------------------------------------
    def _page(self, request: Request, title: str, body: str, *, status: int = 200,
              search: str | None = "", notice: str = "") -> HTMLResponse:
        html = views.layout(_base(request), title, body, search=search, notice=notice)
        return HTMLResponse(html, status_code=status)

    def _missing_page(self, request: Request, what: str) -> HTMLResponse:
        return self._page(request, "Not found", views.not_found(_base(request), what),
                          status=404)

    # -- pages ----------------------------------------------------------------------
    async def home(self, request: Request) -> Response:
        return self._page(request, "Real Estate, Homes for Sale",
                          views.home_page(_base(request)), search=None)

    async def search(self, request: Request) -> Response:
        qp = request.query_params
        session = session_of(request)
        updates: dict[str, Any] = {}
        if qp.get("reset"):
            updates = dict(store.EMPTY_FILTERS, homeTypes=[])
        elif qp.get("filters"):
            try:
                updates = {
                    "minPrice": parse_price(qp.get("minPrice", "")),
                    "maxPrice": parse_price(qp.get("maxPrice", "")),
                    "minBeds": parse_choice(qp.get("beds", ""), BED_CHOICES),
                    "minBaths": parse_choice(qp.get("baths", ""), BATH_CHOICES),
                    "minSqft": parse_choice(qp.get("minSqft", ""), SQFT_CHOICES),
                }
            except ValueError as exc:
                return _bad(f"bad filter value: {exc}")
            kinds = qp.getlist("homeType")
            if any(k not in HOME_TYPES for k in kinds):
                return _bad("unknown home type")
            updates["homeTypes"] = [k for k in HOME_TYPES if k in kinds]
        term = qp.get("q")
        if term is not None and len(term) > 200:
            return _bad("search term too long")
        with session.lock:
            s = session.state["search"]
            if term is not None:
                s["usersSearchTerm"] = term.strip()
            for key, value in updates.items():
                if s["filters"].get(key) != value:
                    s["filters"][key] = value
            term_now, filters = s["usersSearchTerm"], dict(s["filters"])
        homes = search_homes(term_now, filters)
        body = views.results_page(_base(request), term_now, filters, homes)
        return self._page(request, f"{term_now or 'Homes'} Real Estate", body, search=None)

    def _home(self, request: Request) -> dict | None:
        return listings().by_id.get(request.path_params["hid"])

    async def detail(self, request: Request) -> Response:
        home = self._home(request)
        if home is None:
            return self._missing_page(request, "That home is no longer listed.")
        return self._page(request, full_address(home), views.detail_page(_base(request), home))

    async def tour(self, request: Request) -> Response:
        home = self._home(request)
        if home is None:
            return self._missing_page(request, "That home is no longer listed.")
        base = _base(request)
        prefill = {**store.USER, "message": f"I am interested in {full_address(home)}."}
        if request.method == "GET":
            return self._page(request, "Request a tour", views.tour_page(base, home, prefill))
        form = await _form(request)
        values = _contact_values(form)
        day, time = form.get("date", ""), form.get("time", "")
        values |= {"date": day, "time": time}
        if day and day not in {d.isoformat() for d in tour_dates()}:
            return _bad("date must be one of the offered tour days", 422)
        if time and time not in time_slots():
            return _bad("time must be one of the offered tour times", 422)
        error = ("Please choose a tour date." if not day else
                 "Please choose a tour time." if not time else _missing(values))
        if error:
            return self._page(request, "Request a tour",
                              views.tour_page(base, home, values, error), status=422)
        session = session_of(request)
        form_values = {k: values[k] for k in ("name", "email", "phone", "message")}
        with session.lock:
            store.add_tour(session.state, home, day, time, form_values)
        return RedirectResponse(f"{base}/tours?sent=tour", status_code=303)

    async def contact_home(self, request: Request) -> Response:
        home = self._home(request)
        if home is None:
            return self._missing_page(request, "That home is no longer listed.")
        agent = listings().agent_by_id[home["agentId"]]
        return await self._contact(request, agent, home)

    async def contact_agent(self, request: Request) -> Response:
        agent = listings().agent_by_id.get(request.path_params["aid"])
        if agent is None:
            return self._missing_page(request, "No such agent.")
        return await self._contact(request, agent, None)

    async def _contact(self, request: Request, agent: dict, home: dict | None) -> Response:
        base = _base(request)
        if home is not None:
            message = f"I am interested in {full_address(home)}."
        else:
            message = (f"Hi {agent['name'].split()[0]}, I am looking for an agent to help me "
                       f"buy a home in {agent['city']}, {agent['state']}.")
        if request.method == "GET":
            body = views.contact_page(base, agent, home, {**store.USER, "message": message})
            return self._page(request, "Contact agent", body)
        form = await _form(request)
        values = _contact_values(form)
        day, time = form.get("date", ""), form.get("time", "")
        if day and day not in {d.isoformat() for d in tour_dates()}:
            return _bad("date must be one of the offered tour days", 422)
        if time and time not in time_slots():
            return _bad("time must be one of the offered tour times", 422)
        error = _missing(values)
        if error:
            body = views.contact_page(base, agent, home, {**values, "date": day, "time": time},
                                      error)
            return self._page(request, "Contact agent", body, status=422)
        session = session_of(request)
        with session.lock:
            store.add_contact(session.state, agent, home, day, time, values)
        return RedirectResponse(f"{base}/tours?sent=contact", status_code=303)

    async def agents(self, request: Request) -> Response:
        location = request.query_params.get("location", "").strip()[:200]
        found = agents_in(location)
        return self._page(request, "Find an agent",
                          views.agents_page(_base(request), location, found))

    async def agent(self, request: Request) -> Response:
        agent = listings().agent_by_id.get(request.path_params["aid"])
        if agent is None:
            return self._missing_page(request, "No such agent.")
        homes = [h for h in listings().homes if h["agentId"] == agent["id"]]
        body = views.agent_page(_base(request), agent, homes)
        return self._page(request, agent["name"], body)

    async def tours(self, request: Request) -> Response:
        session = session_of(request)
        with session.lock:
            t = session.state["tourRequests"]
            tours, contacts = list(t["requestTourList"]), list(t["contactAgentList"])
        notice = NOTICES.get(request.query_params.get("sent", ""), "")
        return self._page(request, "My tours", views.tours_page(_base(request), tours, contacts),
                          notice=notice)
