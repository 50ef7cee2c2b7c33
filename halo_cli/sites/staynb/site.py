"""StayNB: an offline replica of REAL's Airbnb-like site, judged by the v2 staynb scripts.

The store (diffed deep-object-diff style, as REAL's React store is) is described in
`store/__init__.py`: the applied search and filters, bookings, wishlists and shares.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from halo_cli.sites.base import Session, record_config, session_of
from halo_cli.sites.kit import Form, KitSite, read_form, redirect, root_path, route, take_notice
from halo_cli.sites.staynb import store, views
from halo_cli.sites.staynb.store.search import FormError, by_id, query_of

TASKS = [
    "staynb-1", "staynb-4", "staynb-5", "staynb-6", "staynb-9", "staynb-12", "staynb-13",
    "staynb-14", "staynb-15", "staynb-17", "staynb-19",
]
#: the longest text kept from one form field
MAX_FIELD = 200

StayHandler = Callable[[Any, Request, dict[str, Any]], Awaitable[Response]]


def _values(form: Form, *keys: str) -> dict[str, str]:
    """The form's `keys` as text (missing ones empty), each cut to `MAX_FIELD`."""
    return {k: (form.get(k) or "")[:MAX_FIELD] for k in keys}


def _on_stay(handler: StayHandler) -> Callable[[Any, Request], Awaitable[Response]]:
    """`handler(self, request, stay)` for the stay the path names; a 404 page if none."""

    @functools.wraps(handler)
    async def endpoint(self: StayNB, request: Request) -> Response:
        stay = by_id().get(request.path_params["sid"])
        if stay is None:
            return self._missing(request)
        return await handler(self, request, stay)

    return endpoint


class StayNB(KitSite):
    """The StayNB replica: search and filter stays, reserve and pay, wishlists, sharing."""

    id = "staynb"
    title = "StayNB"
    track_location = True
    diff_mode = "deep-object-diff"

    def __init__(self) -> None:
        store.search.stays()

    # -- Site API -------------------------------------------------------------------
    tasks = TASKS

    def seed_state(self, task: str) -> dict[str, Any]:
        return store.seed_state()

    def configure(self, session: Session, params: Mapping[str, str]) -> None:
        record_config(session, "staynb", params)

    # -- helpers --------------------------------------------------------------------
    def _page(self, request: Request, title: str, body: str, *, status: int = 200,
              pill: bool = True) -> HTMLResponse:
        session = session_of(request)
        with session.lock:
            q = query_of(session.state["search"])
        html = views.layout.page(root_path(request), title, body, notice=take_notice(session),
                                 pill=views.layout.pill_text(q) if pill else None)
        return HTMLResponse(html, status_code=status)

    def _missing(self, request: Request, what: str = "place") -> HTMLResponse:
        body = (f"<h1>We can't find that {what}</h1><p><a href=\"{root_path(request)}/\">"
                "Back to search</a></p>")
        return self._page(request, "Not found", body, status=404)

    @staticmethod
    def _wishlists(request: Request) -> list[dict[str, Any]]:
        """Copies of the session's wishlists."""
        session = session_of(request)
        with session.lock:
            return [dict(w) for w in session.state["wishlist"]["wishlists"].values()]

    @staticmethod
    def _saved_names(request: Request, stay: dict[str, Any]) -> list[str]:
        """The names of the wishlists `stay` is saved in."""
        session = session_of(request)
        with session.lock:
            lists = session.state["wishlist"]["wishlists"]
            return [w["name"] for w in store.trips.saved_in(lists, stay["id"])]

    # -- search ---------------------------------------------------------------------
    @route("/")
    async def home(self, request: Request) -> Response:
        session = session_of(request)
        with session.lock:
            values = views.search.form_values(query_of(session.state["search"]))
        if "where" in request.query_params:
            values["where"] = request.query_params["where"][:100]
        body = views.search.home(root_path(request), values, None, store.search.popular())
        return self._page(request, "Vacation rentals, cabins, beach houses", body, pill=False)

    @route("/search", methods=["POST"])
    async def search(self, request: Request) -> Response:
        form = await read_form(request)
        values = _values(form, "where", "checkin", "checkout", "adults", "children", "infants",
                         "pets")
        try:
            if not values["where"].strip():
                raise FormError("Where: enter a destination, or choose Nearby.")
            start, end = store.search.parse_dates(values["checkin"], values["checkout"])
            counts = store.search.parse_guests(form)
        except FormError as err:
            body = views.search.home(root_path(request), values, str(err), [])
            return self._page(request, "Search", body, status=422, pill=False)
        session = session_of(request)
        with session.lock:
            store.search.apply_search(session.state["search"], values["where"][:100], start,
                                      end, counts)
        return redirect(request, "/s")

    @route("/s")
    async def results(self, request: Request) -> Response:
        session = session_of(request)
        with session.lock:
            q = query_of(session.state["search"])
            saved = {s["id"] for w in session.state["wishlist"]["wishlists"].values()
                     for s in w["stays"]}
        body = views.search.results(root_path(request), q, store.search.results(q), saved)
        title = f"Stays in {q.destination}" if q.destination else "Stays"
        return self._page(request, title, body, pill=False)

    @route("/s/filters", methods=["GET", "POST"])
    async def filters(self, request: Request) -> Response:
        session = session_of(request)
        if request.method == "GET":
            with session.lock:
                current = dict(session.state["search"].get("appliedFilters") or {})
            if request.query_params.get("clear"):
                current = {}
            return self._page(request, "Filters", views.search.filters(root_path(request),
                                                                       current))
        try:
            applied = store.search.parse_filters(await read_form(request))
        except FormError as err:
            body = views.search.filters(root_path(request), {}, str(err))
            return self._page(request, "Filters", body, status=422)
        with session.lock:
            session.state["search"]["appliedFilters"] = applied
        return redirect(request, "/s")

    # -- listing, reserve, book -----------------------------------------------------
    @route("/rooms/{sid}")
    @_on_stay
    async def listing(self, request: Request, s: dict[str, Any]) -> Response:
        session = session_of(request)
        with session.lock:
            q = query_of(session.state["search"])
        values = {"checkin": q.start.isoformat() if q.start else "",
                  "checkout": q.end.isoformat() if q.end and q.end != q.start else "",
                  "guests": str(min(s["maxGuests"], max(1, q.people)))}
        body = views.stay.listing(root_path(request), s, values, self._saved_names(request, s))
        return self._page(request, s["title"], body)

    @route("/rooms/{sid}/reserve", methods=["POST"])
    @_on_stay
    async def reserve(self, request: Request, s: dict[str, Any]) -> Response:
        values = _values(await read_form(request), "checkin", "checkout", "guests")
        try:
            start, end = store.search.parse_dates(values["checkin"], values["checkout"])
            if start is None or end is None or end <= start:
                raise FormError("Add check-in and checkout dates (at least one night) to "
                                "reserve.")
            raw = values["guests"].strip()
            guests = int(raw) if re.fullmatch(r"[0-9]{1,3}", raw) else -1
            if not 1 <= guests <= s["maxGuests"]:
                raise FormError(f"Guests: this place hosts 1 to {s['maxGuests']} guests.")
        except FormError as err:
            body = views.stay.listing(root_path(request), s, values,
                                      self._saved_names(request, s), str(err))
            return self._page(request, s["title"], body, status=422)
        session = session_of(request)
        with session.lock:
            store.trips.start_booking(session.state["booking"], s, start, end, guests)
        return redirect(request, "/book")

    @route("/book", methods=["GET", "POST"])
    async def book(self, request: Request) -> Response:
        session = session_of(request)
        with session.lock:
            booking = session.state["booking"]
            current = booking.get("currentBooking")
        if not current or not booking.get("isBooking"):
            if request.method == "POST":
                return self._page(request, "Confirm and pay",
                                  "<h1>No reservation in progress</h1>", status=409)
            return redirect(request, "/trips")
        if request.method == "GET":
            body = views.trips.book(root_path(request), current, {}, {})
            return self._page(request, "Confirm and pay", body)
        form = await read_form(request)
        values = _values(form, "card_number", "expiration", "cvv", "zipcode")
        try:
            with session.lock:
                record = store.trips.confirm_booking(session.state["booking"], form)
        except FormError as err:
            with session.lock:
                errors = dict(session.state["booking"]["errors"])
            body = views.trips.book(root_path(request), current, errors, values, str(err))
            return self._page(request, "Confirm and pay", body, status=422)
        return redirect(request, "/trips", f"Reservation confirmed: {record['stay']['title']} "
                                           f"({record['confirmationCode']}).")

    @route("/trips")
    async def trips(self, request: Request) -> Response:
        session = session_of(request)
        with session.lock:
            booked = [dict(b) for b in session.state["booking"]["bookingDetails"]]
        return self._page(request, "Trips", views.trips.trips(root_path(request), booked))

    # -- wishlists and sharing ------------------------------------------------------
    @route("/rooms/{sid}/save", methods=["GET", "POST"])
    @_on_stay
    async def save(self, request: Request, s: dict[str, Any]) -> Response:
        if request.method == "GET":
            body = views.stay.save(root_path(request), s, self._wishlists(request))
            return self._page(request, "Save", body)
        form = _values(await read_form(request), "wishlist", "name")
        wid, name = form["wishlist"], form["name"]
        session = session_of(request)
        with session.lock:
            lists = session.state["wishlist"]["wishlists"]
            try:
                if wid:
                    if wid not in lists:
                        return self._missing(request, "wishlist")
                    now = store.trips.toggle_saved(lists[wid], s)
                    message = f"{'Saved to' if now else 'Removed from'} {lists[wid]['name']}."
                else:
                    made = store.trips.create_wishlist(lists, name, s)
                    message = f"Saved to {made['name']}."
            except FormError as err:
                body = views.stay.save(root_path(request), s, self._wishlists(request),
                                       str(err), name)
                return self._page(request, "Save", body, status=422)
        return redirect(request, f"/rooms/{s['id']}", message)

    @route("/rooms/{sid}/share", methods=["GET", "POST"])
    @_on_stay
    async def share(self, request: Request, s: dict[str, Any]) -> Response:
        if request.method == "GET":
            return self._page(request, "Share", views.stay.share(root_path(request), s))
        form = _values(await read_form(request), "channel", "to")
        channel, to = form["channel"], form["to"]
        if channel not in store.trips.SHARE_CHANNELS:
            return self._page(request, "Share", "<h1>Choose how to share</h1>", status=400)
        if channel == "Messages" and to not in store.trips.CONVERSATIONS:
            body = views.stay.share_messages(root_path(request), s, "Choose who to send it to.")
            return self._page(request, "Share", body, status=422)
        session = session_of(request)
        with session.lock:
            message = store.trips.record_share(session.state["share"], s, channel,
                                               to if channel == "Messages" else "")
        return redirect(request, f"/rooms/{s['id']}", message)

    @route("/rooms/{sid}/share/messages")
    @_on_stay
    async def share_messages(self, request: Request, s: dict[str, Any]) -> Response:
        return self._page(request, "Share", views.stay.share_messages(root_path(request), s))

    @route("/wishlists")
    async def wishlists(self, request: Request) -> Response:
        body = views.trips.wishlists(root_path(request), self._wishlists(request))
        return self._page(request, "Wishlists", body)

    @route("/wishlists/{wid}")
    async def wishlist(self, request: Request) -> Response:
        session = session_of(request)
        with session.lock:
            w = session.state["wishlist"]["wishlists"].get(request.path_params["wid"])
            w = None if w is None else {**w, "stays": list(w["stays"])}
        if w is None:
            return self._missing(request, "wishlist")
        return self._page(request, w["name"], views.trips.wishlist(root_path(request), w))
