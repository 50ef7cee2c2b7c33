"""UDriver: an offline replica of REAL's Uber-like site, judged by the v2 udriver scripts.

State shape (what the scripts read, all under `initialfinaldiff.added`, see below):
- `ride.{trips[], trip, pickupLocation, dropoffLocation, pickupDate "7/18/2024",
  pickupTime "Now"|"3:30 PM", selectedCar, calculatedPrice{priceWithoutDiscount,
  finalPrice}, selectedPaymentMethod, bookedTrip, bookedTrips[]}`; a "now" booking appends
  a `status: "completed"` trip, a scheduled one goes to `bookedTrips` (`"scheduled"`)
- `user.wallet.{balance, transactions[], paymentMethods[]}`; wallet-paid rides add a debit
  "Trip to <destination>", top-ups a credit "Wallet Top-up"
- `config.udriver.{run_id, task_id, latency, cars}`, written by `/config`

Skeleton initial: REAL's store is hydrated from mock data after its initial snapshot, so
the scripts find `ride` and `user` whole under `added`. `initial_snapshot` therefore
returns empty `ride` and `user` while the session's state is fully hydrated.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from halo_cli.sites.base import Session, Site, record_config, session_of
from halo_cli.sites.http import BadRequest
from halo_cli.sites.http import read_form as _form
from halo_cli.sites.http import root_path as _base
from halo_cli.sites.udriver import rides, views

TASKS = [f"udriver-{n}" for n in (2, 3, 4, 6, 7, 9, 11, 13, 14, 15, 16, 17, 19, 20)]

Handler = Callable[[Request], Awaitable[Response]]


def _need(form: Mapping[str, str], key: str) -> str:
    value = form.get(key, "").strip()
    if not value:
        raise BadRequest(f"missing form field: {key}")
    return value


def _int(value: str, what: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise BadRequest(f"{what} must be a number: {value[:40]!r}") from None


def _guard(fn: Handler) -> Handler:
    async def wrapped(request: Request) -> Response:
        try:
            return await fn(request)
        except BadRequest as exc:
            return PlainTextResponse(f"{exc}\n", status_code=exc.status)
        except LookupError as exc:
            return PlainTextResponse(f"{exc.args[0] if exc.args else exc}\n", status_code=404)
    return wrapped


class UDriver(Site):
    id = "udriver"
    title = "UDriver"
    diff_mode = "deep-object-diff"
    track_location = True  # no udriver script reads router strings

    def __init__(self) -> None:
        self._notices: dict[str, str] = {}
        self._lock = threading.Lock()
        rides.locations()

    # -- Site API -------------------------------------------------------------------------
    def supported_tasks(self) -> list[str]:
        return list(TASKS)

    def seed_state(self, task: str) -> dict[str, Any]:
        return {"router": {"location": {"pathname": "/"}}, **rides.seed_state()}

    def initial_snapshot(self, task: str, state: dict[str, Any]) -> dict[str, Any]:
        return {"router": copy.deepcopy(state["router"]), "ride": {}, "user": {}}

    def configure(self, session: Session, params: Mapping[str, str]) -> None:
        record_config(session, "udriver", params, task_id=params.get("task_id", ""),
                      cars=copy.deepcopy(rides.seed()["cars"]))

    def routes(self) -> list[BaseRoute]:
        get, post = ["GET"], ["POST"]
        table = [
            ("/", self.home, get), ("/ride/location", self.set_location, post),
            ("/ride/prices", self.prices, post), ("/ride/options", self.ride_options, get),
            ("/ride/select", self.select, post), ("/ride/request", self.request_ride, post),
            ("/trips", self.trips, get), ("/trips/{tid}", self.trip, get),
            ("/wallet", self.wallet, get), ("/wallet/topup", self.topup, post),
            ("/payment", self.payment, get), ("/payment/default", self.default, post),
            ("/payment/card", self.card, post),
        ]
        return [Route(path, _guard(fn), methods=m) for path, fn, m in table]

    # -- helpers --------------------------------------------------------------------------
    def _notice(self, session: Session, text: str | None = None) -> str:
        with self._lock:
            if text is not None:
                self._notices[session.id] = text
                return text
            return self._notices.pop(session.id, "")

    @staticmethod
    def _go(request: Request, path: str) -> RedirectResponse:
        return RedirectResponse(_base(request) + path, status_code=303)

    # -- ride -----------------------------------------------------------------------------
    def _home(self, request: Request, q: dict[str, str], error: str = "",
              status: int = 200) -> HTMLResponse:
        session = session_of(request)
        with session.lock:
            ride = session.state["ride"]
            hits = {}
            for role, key in (("pickup", "pickupLocation"), ("dropoff", "dropoffLocation")):
                chosen = (ride.get(key) or {}).get("name", "")
                if q[role].strip() and q[role].strip().lower() != chosen.lower():
                    hits[role] = rides.search(q[role])
            text = views.home(_base(request), session.state, q, hits, error=error)
        return HTMLResponse(text, status_code=status)

    async def home(self, request: Request) -> Response:
        qp = request.query_params
        q = {r: qp.get(r, "")[:120] for r in ("pickup", "dropoff")}
        return self._home(request, q)

    async def set_location(self, request: Request) -> Response:
        form = await _form(request)
        role = _need(form, "role")
        if role not in ("pickup", "dropoff"):
            raise BadRequest(f"role must be pickup or dropoff, not {role[:20]!r}")
        loc_id = _int(_need(form, "location_id"), "location_id")
        session = session_of(request)
        with session.lock:
            rides.set_place(session.state, role, loc_id)
        # rendered in place, not redirected: one round trip per click (browsergym gives an
        # action 500 ms), and choosing a place again is harmless
        other = "dropoff" if role == "pickup" else "pickup"
        return self._home(request, {role: "", other: form.get(f"keep_{other}", "")[:120]})

    async def prices(self, request: Request) -> Response:
        form = await _form(request)
        session = session_of(request)
        try:
            with session.lock:
                rides.see_prices(session.state, form.get("pickup_date", ""),
                                 _need(form, "pickup_time"))
        except rides.RideError as exc:
            return self._home(request, {"pickup": "", "dropoff": ""}, str(exc), 422)
        return self._go(request, "/ride/options")

    def _options(self, request: Request, error: str = "", status: int = 200) -> Response:
        session = session_of(request)
        with session.lock:
            if not session.state["ride"].get("calculatedPrice"):
                return self._go(request, "/")
            text = views.options_page(_base(request), session.state,
                                      rides.options(session.state), error)
        return HTMLResponse(text, status_code=status)

    async def ride_options(self, request: Request) -> Response:
        return self._options(request)

    async def select(self, request: Request) -> Response:
        form = await _form(request)
        car = _need(form, "car")
        session = session_of(request)
        with session.lock:
            if not session.state["ride"].get("calculatedPrice"):
                raise BadRequest("see prices for a route before choosing a ride", 409)
            rides.select_car(session.state, car)
        return self._options(request)  # in place, like set_location

    async def request_ride(self, request: Request) -> Response:
        form = await _form(request)
        pm_id = _need(form, "payment")
        session = session_of(request)
        try:
            with session.lock:
                if rides.payment_method(session.state, pm_id) is None:
                    raise BadRequest(f"unknown payment method: {pm_id[:20]!r}")
                trip = rides.request_ride(session.state, pm_id)
        except rides.RideError as exc:
            return self._options(request, str(exc), 422)
        note = ("Your ride is booked." if trip["status"] == "completed"
                else "Your ride is scheduled.")
        self._notice(session, note)
        return self._go(request, f"/trips/{trip['id']}")

    # -- trips ----------------------------------------------------------------------------
    async def trips(self, request: Request) -> Response:
        session = session_of(request)
        with session.lock:
            text = views.trips_page(_base(request), session.state)
        return HTMLResponse(text)

    async def trip(self, request: Request) -> Response:
        tid = _int(request.path_params["tid"], "trip id")
        session = session_of(request)
        with session.lock:
            ride = session.state["ride"]
            found = next((t for t in [*ride["trips"], *ride["bookedTrips"]] if t["id"] == tid),
                         None)
            if found is None:
                raise BadRequest(f"no such trip: {tid}", 404)
            text = views.receipt_page(_base(request), found, self._notice(session))
        return HTMLResponse(text)

    # -- wallet and payment ---------------------------------------------------------------
    async def wallet(self, request: Request) -> Response:
        session = session_of(request)
        with session.lock:
            text = views.wallet_page(_base(request), session.state, self._notice(session))
        return HTMLResponse(text)

    async def topup(self, request: Request) -> Response:
        form = await _form(request)
        raw = form.get("custom", "").strip().lstrip("$") or _need(form, "amount")
        pm_id = _need(form, "payment")
        session = session_of(request)
        try:
            amount = float(raw)
            if amount != amount:  # NaN
                raise ValueError(raw)
        except ValueError:
            amount = -1.0
        try:
            with session.lock:
                rides.top_up(session.state, amount, pm_id)
        except rides.RideError as exc:
            with session.lock:
                text = views.wallet_page(_base(request), session.state, error=str(exc))
            return HTMLResponse(text, status_code=422)
        self._notice(session, f"Added {views.money(round(amount, 2))} to your UDriver Credits.")
        return self._go(request, "/wallet")

    async def payment(self, request: Request) -> Response:
        session = session_of(request)
        with session.lock:
            text = views.payment_page(_base(request), session.state, self._notice(session))
        return HTMLResponse(text)

    async def default(self, request: Request) -> Response:
        form = await _form(request)
        session = session_of(request)
        with session.lock:
            method = rides.set_default(session.state, _need(form, "method"))
        self._notice(session, f"{method['displayName']} is now your default payment method.")
        return self._go(request, "/payment")

    async def card(self, request: Request) -> Response:
        form = await _form(request)
        session = session_of(request)
        try:
            with session.lock:
                card = rides.add_card(session.state, form.get("number", ""),
                                      form.get("expiry", ""))
        except rides.RideError as exc:
            with session.lock:
                text = views.payment_page(_base(request), session.state, error=str(exc))
            return HTMLResponse(text, status_code=422)
        self._notice(session, f"Added {card['displayName']}.")
        return self._go(request, "/payment")
