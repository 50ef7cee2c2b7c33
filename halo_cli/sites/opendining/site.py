"""OpenDining: an offline replica of REAL's OpenTable-like site, judged by the v2 scripts.

State shape (plain lists, diffed the way npm deep-object-diff does):
- `booking.{date, time, guests}`: the search widget (ISO date at local midnight, "7:00 PM",
  "2 people"); set to the booked values when a reservation completes
- `booking.bookingDetails`: reservations, appended -> `added.booking.bookingDetails."0"`,
  each `{restaurant: {id, name, food_type, rating, ...}, date, time, guests,
  optionals: {occasion, specialRequest}, firstName, lastName, tel, email}`
- `booking.bookingCompleted` (false -> true), `booking.loading` (always false) and
  `booking.index`, absent from the seed and set to the reservation's number (1, 2, ...)
- `notification.notifications`: "Notify me" alerts `{restaurantName, restaurantId, date,
  time, guests}`
- `config.open_dining.{run_id, latency}`, written by `/config` after the snapshot
"Today" is Fri 2025-07-18 (see `store.TODAY`); the wall clock is never read.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from halo_cli.sites.base import Session, record_config, session_of
from halo_cli.sites.kit import BadRequest, KitSite, html_page, read_form, redirect, root_path, route
from halo_cli.sites.opendining import store as C
from halo_cli.sites.opendining import views

TASKS = [f"opendining-{n}" for n in (1, 2, 4, 5, 6, 7, 9, 12, 17, 20, 24)]

EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def _restaurant(rid: str | None) -> dict[str, Any]:
    r = C.restaurant(rid or "")
    if r is None:
        raise BadRequest(f"unknown restaurant: {rid!r}", 404)
    return r


def _when(params: Mapping[str, str], widget: dict[str, Any] | None = None
          ) -> tuple[date, int, int]:
    """(date, time, party) from `params`; a missing one falls back to the search widget
    (required when `widget` is None); a malformed one is a 400."""
    def pick(key: str, parse, current):  # type: ignore[no-untyped-def]
        raw = params.get(key)
        if raw is None:
            if widget is None:
                raise BadRequest(f"missing field: {key}")
            return parse(current)
        value = parse(raw)
        if value is None:
            raise BadRequest(f"invalid {key}: {raw!r}")
        return value

    w = widget or {}
    d = pick("date", C.parse_date, w.get("date"))
    t = pick("time", C.parse_time, w.get("time"))
    n = pick("party", C.parse_party, str(w.get("guests", "2")).split(" ")[0])
    return d or C.TODAY, C.DEFAULT_TIME if t is None else t, n or 2


class OpenDining(KitSite):
    """The OpenDining replica: search tables, book one, or ask to be notified."""

    id = "opendining"
    title = "OpenDining"
    diff_mode = "deep-object-diff"
    track_location = True  # no opendining script reads paths

    # -- Site API -------------------------------------------------------------------------
    tasks = TASKS

    def seed_state(self, task: str) -> dict[str, Any]:
        return C.seed_state()

    def configure(self, session: Session, params: Mapping[str, str]) -> None:
        record_config(session, "open_dining", params)

    # -- helpers --------------------------------------------------------------------------
    @staticmethod
    def _page(request: Request, title: str, body: str, status: int = 200) -> HTMLResponse:
        return html_page(views.page(root_path(request), title, body), status)

    @staticmethod
    def _widget(session: Session) -> dict[str, Any]:
        with session.lock:
            return dict(session.state["booking"])

    @staticmethod
    def _set_widget(session: Session, d: date, t: int, party: int) -> None:
        with session.lock:
            C.set_widget(session.state, d, t, party)

    @staticmethod
    def _copy(request: Request, *keys: str) -> Any:
        """A deep copy of the session's state at `keys` (e.g. "booking", "bookingDetails")."""
        session = session_of(request)
        with session.lock:
            value: Any = session.state
            for key in keys:
                value = value[key]
            return copy.deepcopy(value)

    # -- pages ----------------------------------------------------------------------------
    @route("/")
    async def home(self, request: Request) -> Response:
        d, t, n = _when({}, self._widget(session_of(request)))
        return self._page(request, "Restaurants and reservations",
                          views.home(root_path(request), d, t, n))

    @route("/search")
    async def search(self, request: Request) -> Response:
        session = session_of(request)
        d, t, n = _when(request.query_params, self._widget(session))
        query = request.query_params.get("q", "")[:200]
        self._set_widget(session, d, t, n)
        with session.lock:
            session.state["search"]["query"] = query.strip()
        body = views.results(root_path(request), C.search(query), d, t, n, query)
        return self._page(request, f"Restaurants: {query}" if query else "Restaurants", body)

    @route("/restaurant/{rid}")
    async def restaurant(self, request: Request) -> Response:
        r = _restaurant(request.path_params["rid"])
        session = session_of(request)
        d, t, n = _when(request.query_params, self._widget(session))
        self._set_widget(session, d, t, n)
        return self._page(request, r["name"], views.restaurant(root_path(request), r, d, t, n))

    def _bookable(self, params: Mapping[str, str]) -> tuple[dict[str, Any], date, int, int]:
        r = _restaurant(params.get("rid"))
        d, t, n = _when(params)
        if t not in C.open_slots(r, n):
            raise BadRequest(f"{r['name']} has no table at {C.label_time(t)} for "
                             f"{C.guests(n)}", 409)
        return r, d, t, n

    @route("/book")
    async def book_form(self, request: Request) -> Response:
        r, d, t, n = self._bookable(request.query_params)
        user = self._copy(request, "user")
        return self._page(request, "Complete your reservation",
                          views.booking_form(root_path(request), r, d, t, n, user))

    @route("/book", methods=["POST"])
    async def book(self, request: Request) -> Response:
        form = (await read_form(request)).dict()
        r, d, t, n = self._bookable(form)
        values = {k: form.get(k, "").strip()[:200] for k in (*C.CONTACT_FIELDS, "occasion")}
        values["specialRequest"] = form.get("specialRequest", "").strip()[:500]
        error = self._invalid(values)
        if error:
            body = views.booking_form(root_path(request), r, d, t, n, values, error)
            return self._page(request, "Complete your reservation", body, status=422)
        session = session_of(request)
        with session.lock:
            number = C.book(session.state, r, d, t, n, values)
        return redirect(request, f"/reservations/{number}")

    @staticmethod
    def _invalid(values: dict[str, str]) -> str:
        if not values["firstName"] or not values["lastName"]:
            return "Please enter your first and last name."
        if len(re.sub(r"\D", "", values["tel"])) < 10:
            return "Please enter a valid phone number (10 digits or more)."
        if not EMAIL.fullmatch(values["email"]):
            return "Please enter a valid email address."
        if values["occasion"] and values["occasion"] not in C.OCCASIONS:
            return "Please choose an occasion from the list."
        return ""

    @route("/reservations/{n}")
    async def reservation(self, request: Request) -> Response:
        raw = request.path_params["n"]
        details = self._copy(request, "booking", "bookingDetails")
        if not raw.isdigit() or not 1 <= int(raw) <= len(details):
            raise BadRequest(f"no reservation number {raw!r}", 404)
        number = int(raw)
        return self._page(request, "Reservation confirmed",
                          views.confirmation(root_path(request), number, details[number - 1]))

    @route("/reservations")
    async def reservations(self, request: Request) -> Response:
        details = self._copy(request, "booking", "bookingDetails")
        return self._page(request, "My reservations", views.reservations(details))

    @route("/notify", methods=["POST"])
    async def notify(self, request: Request) -> Response:
        form = (await read_form(request)).dict()
        r = _restaurant(form.get("rid"))
        d, t, n = _when(form)
        if t in C.open_slots(r, n) or not C.is_open_at(r, t) or n > r["maxParty"]:
            raise BadRequest(f"no alert needed: {r['name']} is not fully booked at "
                             f"{C.label_time(t)}", 409)
        session = session_of(request)
        with session.lock:
            C.add_alert(session.state, r, d, t, n)
        # the confirmation shows in the page's body (`added=1`), not as a flash notice
        return redirect(request, "/notifications?added=1")

    @route("/notifications")
    async def notifications(self, request: Request) -> Response:
        notes = self._copy(request, "notification", "notifications")
        added = request.query_params.get("added") == "1"
        return self._page(request, "Notifications", views.notifications(notes, added))
