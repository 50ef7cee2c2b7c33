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
from collections.abc import Callable, Mapping
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from halo_cli.sites import kit
from halo_cli.sites.base import Session, record_config, session_of
from halo_cli.sites.kit import BadRequest, Form, KitSite, route
from halo_cli.sites.udriver import store, views

TASKS = [f"udriver-{n}" for n in (2, 3, 4, 6, 7, 9, 11, 13, 14, 15, 16, 17, 19, 20)]
#: the largest place or trip id a request may name
MAX_ID = 10**9


def _need(form: Form, key: str) -> str:
    """A form field that must be filled in."""
    value = (form.get(key) or "").strip()
    if not value:
        raise BadRequest(f"missing form field: {key}")
    return value


def _amount(text: str) -> float:
    """A top-up amount in dollars; -1 (refused by the store) when it is not a number."""
    try:
        amount = float(text)
    except ValueError:
        return -1.0
    return -1.0 if amount != amount else amount  # NaN


class UDriver(KitSite):
    """The UDriver replica: book rides, see trips, top up the wallet, manage payment."""

    id = "udriver"
    title = "UDriver"
    diff_mode = "deep-object-diff"
    track_location = True  # no udriver script reads router strings

    def __init__(self) -> None:
        store.locations()

    # -- Site API -------------------------------------------------------------------------
    tasks = TASKS

    def seed_state(self, task: str) -> dict[str, Any]:
        return {"router": {"location": {"pathname": "/"}}, **store.seed_state()}

    def initial_snapshot(self, task: str, state: dict[str, Any]) -> dict[str, Any]:
        return {"router": copy.deepcopy(state["router"]), "ride": {}, "user": {}}

    def configure(self, session: Session, params: Mapping[str, str]) -> None:
        record_config(session, "udriver", params, task_id=params.get("task_id", ""),
                      cars=copy.deepcopy(store.seed()["cars"]))

    # -- helpers --------------------------------------------------------------------------
    @staticmethod
    def _render(request: Request, page: Callable[..., str], *, status: int = 200,
                **kw: Any) -> HTMLResponse:
        """`page(base, state, **kw)`, rendered under the session's lock."""
        session = session_of(request)
        with session.lock:
            text = page(kit.root_path(request), session.state, **kw)
        return kit.html_page(text, status)

    @staticmethod
    def _method(state: dict[str, Any], pm_id: str, status: int) -> dict[str, Any]:
        """The account's payment method `pm_id`, or a `status` answer."""
        method = store.payment_method(state, pm_id)
        if method is None:
            raise BadRequest(f"unknown payment method: {pm_id[:20]!r}", status)
        return method

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
                    hits[role] = store.search(q[role])
            text = views.home(kit.root_path(request), session.state, q, hits, error=error)
        return kit.html_page(text, status)

    @route("/")
    async def home(self, request: Request) -> Response:
        qp = request.query_params
        q = {r: qp.get(r, "")[:120] for r in ("pickup", "dropoff")}
        return self._home(request, q)

    @route("/ride/location", methods=["POST"])
    async def set_location(self, request: Request) -> Response:
        form = await kit.read_form(request)
        role = _need(form, "role")
        if role not in ("pickup", "dropoff"):
            raise BadRequest(f"role must be pickup or dropoff, not {role[:20]!r}")
        loc_id = kit.int_field(_need(form, "location_id"), "location_id", 0, MAX_ID)
        loc = store.location(loc_id)
        if loc is None:
            raise BadRequest(f"unknown place: {loc_id}", 404)
        session = session_of(request)
        with session.lock:
            store.set_place(session.state, role, loc)
        # rendered in place, not redirected: one round trip per click (browsergym gives an
        # action 500 ms), and choosing a place again is harmless
        other = "dropoff" if role == "pickup" else "pickup"
        return self._home(request, {role: "", other: (form.get(f"keep_{other}") or "")[:120]})

    @route("/ride/prices", methods=["POST"])
    async def prices(self, request: Request) -> Response:
        form = await kit.read_form(request)
        session = session_of(request)
        try:
            with session.lock:
                store.see_prices(session.state, form.get("pickup_date") or "",
                                 _need(form, "pickup_time"))
        except store.RideError as exc:
            return self._home(request, {"pickup": "", "dropoff": ""}, str(exc), 422)
        return kit.redirect(request, "/ride/options")

    def _options(self, request: Request, error: str = "", status: int = 200) -> Response:
        session = session_of(request)
        with session.lock:
            if not session.state["ride"].get("calculatedPrice"):
                return kit.redirect(request, "/")
            text = views.options_page(kit.root_path(request), session.state,
                                      store.options(session.state), error)
        return kit.html_page(text, status)

    @route("/ride/options")
    async def ride_options(self, request: Request) -> Response:
        return self._options(request)

    @route("/ride/select", methods=["POST"])
    async def select(self, request: Request) -> Response:
        car = _need(await kit.read_form(request), "car")
        session = session_of(request)
        with session.lock:
            if not session.state["ride"].get("calculatedPrice"):
                raise BadRequest("see prices for a route before choosing a ride", 409)
            if car not in store.cars(session.state):
                raise BadRequest(f"unknown ride type: {car[:40]}", 404)
            store.select_car(session.state, car)
        return self._options(request)  # in place, like set_location

    @route("/ride/request", methods=["POST"])
    async def request_ride(self, request: Request) -> Response:
        pm_id = _need(await kit.read_form(request), "payment")
        session = session_of(request)
        try:
            with session.lock:
                method = self._method(session.state, pm_id, 400)
                trip = store.request_ride(session.state, method)
        except store.RideError as exc:
            return self._options(request, str(exc), 422)
        note = ("Your ride is booked." if trip["status"] == "completed"
                else "Your ride is scheduled.")
        return kit.redirect(request, f"/trips/{trip['id']}", note)

    # -- trips ----------------------------------------------------------------------------
    @route("/trips")
    async def trips(self, request: Request) -> Response:
        return self._render(request, views.trips_page)

    @route("/trips/{tid}")
    async def trip(self, request: Request) -> Response:
        tid = kit.int_field(request.path_params["tid"], "trip id", 0, MAX_ID)
        session = session_of(request)
        with session.lock:
            found = store.find_trip(session.state, tid)
            if found is None:
                raise BadRequest(f"no such trip: {tid}", 404)
            text = views.receipt_page(kit.root_path(request), found, kit.take_notice(session) or "")
        return kit.html_page(text)

    # -- wallet and payment ---------------------------------------------------------------
    @route("/wallet")
    async def wallet(self, request: Request) -> Response:
        notice = kit.take_notice(session_of(request)) or ""
        return self._render(request, views.wallet_page, notice=notice)

    @route("/wallet/topup", methods=["POST"])
    async def topup(self, request: Request) -> Response:
        form = await kit.read_form(request)
        raw = (form.get("custom") or "").strip().lstrip("$") or _need(form, "amount")
        pm_id = _need(form, "payment")
        amount = _amount(raw)
        session = session_of(request)
        try:
            with session.lock:
                store.top_up(session.state, amount, store.payment_method(session.state, pm_id))
        except store.RideError as exc:
            return self._render(request, views.wallet_page, error=str(exc), status=422)
        return kit.redirect(request, "/wallet",
                        f"Added {views.money(round(amount, 2))} to your UDriver Credits.")

    @route("/payment")
    async def payment(self, request: Request) -> Response:
        notice = kit.take_notice(session_of(request)) or ""
        return self._render(request, views.payment_page, notice=notice)

    @route("/payment/default", methods=["POST"])
    async def default(self, request: Request) -> Response:
        pm_id = _need(await kit.read_form(request), "method")
        session = session_of(request)
        with session.lock:
            method = self._method(session.state, pm_id, 404)
            store.set_default(session.state, method)
        return kit.redirect(request, "/payment",
                        f"{method['displayName']} is now your default payment method.")

    @route("/payment/card", methods=["POST"])
    async def card(self, request: Request) -> Response:
        form = await kit.read_form(request)
        session = session_of(request)
        try:
            with session.lock:
                card = store.add_card(session.state, form.get("number") or "",
                                      form.get("expiry") or "")
        except store.RideError as exc:
            return self._render(request, views.payment_page, error=str(exc), status=422)
        return kit.redirect(request, "/payment", f"Added {card['displayName']}.")
