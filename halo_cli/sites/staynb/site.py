"""StayNB: an offline replica of REAL's Airbnb-like site, judged by the v2 staynb scripts.

State shape (diffed deep-object-diff style, as REAL's React store is):
- `search`: only `recentSearches: []` in the seed, so every applied key lands in `added`:
  `appliedDestination`, `appliedDates.{startDate,endDate}` (or null for any dates),
  `appliedGuestCounts.{Adults,Children,Infants,Pets}`, `appliedFilters.{amenities, bedrooms,
  beds, bathrooms, minPrice, maxPrice}` (once the Filters form is applied), and
  `recentSearches` (appended to, never reordered)
- `booking.{isBooking, currentBooking, errors, bookingDetails: []}` (see `trips.py`)
- `wishlist.wishlists.<id>.{id, name, stays: [snapshot]}`, none in the seed
- `share.shared: []`, `config.staynb.{run_id, latency}` (no `removePopup`)
"""

from __future__ import annotations

import re
import threading
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qs

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from halo_cli.sites.base import Session, Site, record_config, session_of
from halo_cli.sites.http import root_path as _base
from halo_cli.sites.staynb import pages, trips, views
from halo_cli.sites.staynb.search import (
    FormError,
    apply_search,
    by_id,
    parse_dates,
    parse_filters,
    parse_guests,
    query_of,
    results,
    stays,
)

TASKS = [
    "staynb-1", "staynb-4", "staynb-5", "staynb-6", "staynb-9", "staynb-12", "staynb-13",
    "staynb-14", "staynb-15", "staynb-17", "staynb-19",
]
USER = {"name": "Alex Rivera", "email": "alex.rivera@example.com",
        "location": "Los Angeles, California"}
POPULAR = ("126", "112", "121", "140", "151", "117")


class Form:
    """An urlencoded POST body."""

    def __init__(self, body: bytes) -> None:
        self._data = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)

    def get(self, key: str, default: str = "") -> str:
        return self._data.get(key, [default])[0][:200]

    def getlist(self, key: str) -> list[str]:
        return [v[:200] for v in self._data.get(key, [])]


async def _form(request: Request) -> Form:
    return Form(await request.body())


class StayNB(Site):
    id = "staynb"
    title = "StayNB"
    track_location = True
    diff_mode = "deep-object-diff"

    def __init__(self) -> None:
        self._notices: dict[str, str] = {}
        self._lock = threading.Lock()
        stays()

    # -- Site API -------------------------------------------------------------------
    def supported_tasks(self) -> list[str]:
        return list(TASKS)

    def seed_state(self, task: str) -> dict[str, Any]:
        return {
            "search": {"recentSearches": []},
            "booking": {"isBooking": False, "currentBooking": None, "errors": {},
                        "bookingDetails": []},
            "wishlist": {"wishlists": {}},
            "share": {"shared": []},
            "user": dict(USER),
        }

    def configure(self, session: Session, params: Mapping[str, str]) -> None:
        record_config(session, "staynb", params)

    def routes(self) -> list[BaseRoute]:
        return [
            Route("/", self.home),
            Route("/search", self.search, methods=["POST"]),
            Route("/s", self.results),
            Route("/s/filters", self.filters, methods=["GET", "POST"]),
            Route("/rooms/{sid}", self.listing),
            Route("/rooms/{sid}/reserve", self.reserve, methods=["POST"]),
            Route("/rooms/{sid}/save", self.save, methods=["GET", "POST"]),
            Route("/rooms/{sid}/share", self.share, methods=["GET", "POST"]),
            Route("/rooms/{sid}/share/messages", self.share_messages),
            Route("/book", self.book, methods=["GET", "POST"]),
            Route("/trips", self.trips),
            Route("/wishlists", self.wishlists),
            Route("/wishlists/{wid}", self.wishlist),
        ]

    # -- helpers --------------------------------------------------------------------
    def _notice(self, session: Session, text: str | None = None) -> str | None:
        with self._lock:
            if text is not None:
                self._notices[session.id] = text
                return text
            return self._notices.pop(session.id, None)

    def _page(self, request: Request, title: str, body: str, *, status: int = 200,
              pill: bool = True) -> HTMLResponse:
        session = session_of(request)
        with session.lock:
            q = query_of(session.state["search"])
        html = views.page(_base(request), title, body, notice=self._notice(session),
                          pill=views.pill_text(q) if pill else None)
        return HTMLResponse(html, status_code=status)

    def _redirect(self, request: Request, path: str) -> RedirectResponse:
        return RedirectResponse(_base(request) + path, status_code=303)

    @staticmethod
    def _stay(request: Request) -> dict[str, Any] | None:
        return by_id().get(request.path_params["sid"])

    def _missing(self, request: Request, what: str = "place") -> HTMLResponse:
        body = (f"<h1>We can't find that {what}</h1><p><a href=\"{_base(request)}/\">"
                "Back to search</a></p>")
        return self._page(request, "Not found", body, status=404)

    # -- search ---------------------------------------------------------------------
    async def home(self, request: Request) -> Response:
        session = session_of(request)
        with session.lock:
            values = views.form_values(query_of(session.state["search"]))
        if "where" in request.query_params:
            values["where"] = request.query_params["where"][:100]
        popular = [by_id()[i] for i in POPULAR]
        return self._page(request, "Vacation rentals, cabins, beach houses",
                          views.home(_base(request), values, None, popular), pill=False)

    async def search(self, request: Request) -> Response:
        form = await _form(request)
        values = {k: form.get(k) for k in ("where", "checkin", "checkout", "adults",
                                           "children", "infants", "pets")}
        try:
            if not values["where"].strip():
                raise FormError("Where: enter a destination, or choose Nearby.")
            start, end = parse_dates(values["checkin"], values["checkout"])
            counts = parse_guests(form)
        except FormError as err:
            body = views.home(_base(request), values, str(err), [])
            return self._page(request, "Search", body, status=422, pill=False)
        session = session_of(request)
        with session.lock:
            apply_search(session.state["search"], values["where"][:100], start, end, counts)
        return self._redirect(request, "/s")

    async def results(self, request: Request) -> Response:
        session = session_of(request)
        with session.lock:
            q = query_of(session.state["search"])
            saved = {s["id"] for w in session.state["wishlist"]["wishlists"].values()
                     for s in w["stays"]}
        body = views.results(_base(request), q, results(q), saved)
        title = f"Stays in {q.destination}" if q.destination else "Stays"
        return self._page(request, title, body, pill=False)

    async def filters(self, request: Request) -> Response:
        session = session_of(request)
        if request.method == "GET":
            with session.lock:
                current = dict(session.state["search"].get("appliedFilters") or {})
            if request.query_params.get("clear"):
                current = {}
            return self._page(request, "Filters", views.filters(_base(request), current))
        form = await _form(request)
        try:
            applied = parse_filters(form)
        except FormError as err:
            return self._page(request, "Filters", views.filters(_base(request), {}, str(err)),
                              status=422)
        with session.lock:
            session.state["search"]["appliedFilters"] = applied
        return self._redirect(request, "/s")

    # -- listing, reserve, book -----------------------------------------------------
    async def listing(self, request: Request) -> Response:
        s = self._stay(request)
        if s is None:
            return self._missing(request)
        session = session_of(request)
        with session.lock:
            q = query_of(session.state["search"])
            names = [w["name"] for w in trips.saved_in(session.state["wishlist"]["wishlists"],
                                                       s["id"])]
        values = {"checkin": q.start.isoformat() if q.start else "",
                  "checkout": q.end.isoformat() if q.end and q.end != q.start else "",
                  "guests": str(min(s["maxGuests"], max(1, q.people)))}
        return self._page(request, s["title"], pages.listing(_base(request), s, values, names))

    async def reserve(self, request: Request) -> Response:
        s = self._stay(request)
        if s is None:
            return self._missing(request)
        form = await _form(request)
        values = {k: form.get(k) for k in ("checkin", "checkout", "guests")}
        try:
            start, end = parse_dates(values["checkin"], values["checkout"])
            if start is None or end is None or end <= start:
                raise FormError("Add check-in and checkout dates (at least one night) to "
                                "reserve.")
            raw = values["guests"].strip()
            guests = int(raw) if re.fullmatch(r"[0-9]{1,3}", raw) else -1
            if not 1 <= guests <= s["maxGuests"]:
                raise FormError(f"Guests: this place hosts 1 to {s['maxGuests']} guests.")
        except FormError as err:
            session = session_of(request)
            with session.lock:
                names = [w["name"] for w in
                         trips.saved_in(session.state["wishlist"]["wishlists"], s["id"])]
            body = pages.listing(_base(request), s, values, names, str(err))
            return self._page(request, s["title"], body, status=422)
        session = session_of(request)
        with session.lock:
            trips.start_booking(session.state["booking"], s, start, end, guests)
        return self._redirect(request, "/book")

    async def book(self, request: Request) -> Response:
        session = session_of(request)
        with session.lock:
            booking = session.state["booking"]
            current = booking.get("currentBooking")
            errors = dict(booking.get("errors") or {})
        if not current or not booking.get("isBooking"):
            if request.method == "POST":
                return self._page(request, "Confirm and pay",
                                  "<h1>No reservation in progress</h1>", status=409)
            return self._redirect(request, "/trips")
        if request.method == "GET":
            body = pages.book(_base(request), current, {}, {})
            return self._page(request, "Confirm and pay", body)
        form = await _form(request)
        values = {k: form.get(k) for k in ("card_number", "expiration", "cvv", "zipcode")}
        try:
            with session.lock:
                record = trips.confirm_booking(session.state["booking"], form)
        except FormError as err:
            with session.lock:
                errors = dict(session.state["booking"]["errors"])
            body = pages.book(_base(request), current, errors, values, str(err))
            return self._page(request, "Confirm and pay", body, status=422)
        self._notice(session, f"Reservation confirmed: {record['stay']['title']} "
                              f"({record['confirmationCode']}).")
        return self._redirect(request, "/trips")

    async def trips(self, request: Request) -> Response:
        session = session_of(request)
        with session.lock:
            booked = [dict(b) for b in session.state["booking"]["bookingDetails"]]
        return self._page(request, "Trips", pages.trips(_base(request), booked))

    # -- wishlists and sharing ------------------------------------------------------
    async def save(self, request: Request) -> Response:
        s = self._stay(request)
        if s is None:
            return self._missing(request)
        session = session_of(request)
        if request.method == "GET":
            with session.lock:
                lists = [dict(w) for w in session.state["wishlist"]["wishlists"].values()]
            return self._page(request, "Save", pages.save(_base(request), s, lists))
        form = await _form(request)
        wid, name = form.get("wishlist"), form.get("name")
        with session.lock:
            lists = session.state["wishlist"]["wishlists"]
            try:
                if wid:
                    if wid not in lists:
                        return self._missing(request, "wishlist")
                    now = trips.toggle_saved(lists[wid], s)
                    message = f"{'Saved to' if now else 'Removed from'} {lists[wid]['name']}."
                else:
                    made = trips.create_wishlist(lists, name, s)
                    message = f"Saved to {made['name']}."
            except FormError as err:
                body = pages.save(_base(request), s, [dict(w) for w in lists.values()],
                                  str(err), name)
                return self._page(request, "Save", body, status=422)
        self._notice(session, message)
        return self._redirect(request, f"/rooms/{s['id']}")

    async def share(self, request: Request) -> Response:
        s = self._stay(request)
        if s is None:
            return self._missing(request)
        if request.method == "GET":
            return self._page(request, "Share", pages.share(_base(request), s))
        form = await _form(request)
        channel, to = form.get("channel"), form.get("to")
        if channel not in trips.SHARE_CHANNELS:
            return self._page(request, "Share", "<h1>Choose how to share</h1>", status=400)
        if channel == "Messages" and to not in trips.CONVERSATIONS:
            body = pages.share_messages(_base(request), s, "Choose who to send it to.")
            return self._page(request, "Share", body, status=422)
        session = session_of(request)
        with session.lock:
            message = trips.record_share(session.state["share"], s, channel,
                                         to if channel == "Messages" else "")
        self._notice(session, message)
        return self._redirect(request, f"/rooms/{s['id']}")

    async def share_messages(self, request: Request) -> Response:
        s = self._stay(request)
        if s is None:
            return self._missing(request)
        return self._page(request, "Share", pages.share_messages(_base(request), s))

    async def wishlists(self, request: Request) -> Response:
        session = session_of(request)
        with session.lock:
            lists = [dict(w) for w in session.state["wishlist"]["wishlists"].values()]
        return self._page(request, "Wishlists", pages.wishlists(_base(request), lists))

    async def wishlist(self, request: Request) -> Response:
        session = session_of(request)
        with session.lock:
            w = session.state["wishlist"]["wishlists"].get(request.path_params["wid"])
            w = None if w is None else {**w, "stays": list(w["stays"])}
        if w is None:
            return self._missing(request, "wishlist")
        return self._page(request, w["name"], pages.wishlist(_base(request), w))
