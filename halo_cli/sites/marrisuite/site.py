"""MarriSuite: an offline replica of REAL's Marriott-like site, judged by eval_marrisuite_8.

The one v2 script reads every key and string of the `/finish` JSON: "goleta" next to a
hotel or listing word passes, unless a booking confirmation ("reservation confirmed",
"confirmation number", ...) or a multi-room phrase ("2 rooms", ...) appears. So:
- a search writes `search.{destination, checkIn, checkOut, rooms, adults, roomsGuests
  "1 Room, 1 Adult", sortBy, availableOnly, results[{id, name, address, distanceMiles,
  rating, pricePerNight, available}], resultCount}`;
- a booking appends `booking.reservations[{status: "Reservation confirmed",
  confirmationNumber, ...}]`, which the script fails;
- hotel pages write nothing, and `track_location` is off: a visited path such as
  `/hotels/...` must not count as "hotel" words (SITES-SPEC §0.6).
"""

from __future__ import annotations

import copy
import hashlib
from collections.abc import Awaitable, Callable, Mapping
from datetime import date
from typing import Any
from urllib.parse import parse_qs

from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from halo_cli.sites.base import Site, session_of
from halo_cli.sites.http import root_path as _base
from halo_cli.sites.marrisuite import hotels as H
from halo_cli.sites.marrisuite import views

TASKS = ["marrisuite-8"]
Handler = Callable[[Request], Awaitable[Response]]


class BadRequest(Exception):
    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


def _guard(fn: Handler) -> Handler:
    async def wrapped(request: Request) -> Response:
        try:
            return await fn(request)
        except BadRequest as exc:
            return PlainTextResponse(f"{exc}\n", status_code=exc.status)
    return wrapped


def _stay(params: Mapping[str, str], current: dict[str, Any]) -> tuple[date, date, int, int]:
    """Check-in, check-out, rooms and adults from a query (the current search's by default)."""
    try:
        check_in = H.parse_day(params.get("checkIn") or current["checkIn"])
        check_out = H.parse_day(params.get("checkOut") or current["checkOut"])
        rooms = int(params.get("rooms") or current["rooms"])
        adults = int(params.get("adults") or current["adults"])
    except ValueError as exc:
        raise BadRequest(f"invalid stay: {str(exc)[:80]}") from None
    if not (1 <= rooms <= H.MAX_ROOMS and 1 <= adults <= H.MAX_ADULTS):
        raise BadRequest(f"rooms and adults must be 1 to {H.MAX_ROOMS}")
    return check_in, check_out, rooms, adults


class MarriSuite(Site):
    id = "marrisuite"
    title = "MarriSuite"
    diff_mode = "deep-object-diff"
    track_location = False  # eval_marrisuite_8 would read "/hotels/..." as a hotel word

    def supported_tasks(self) -> list[str]:
        return list(TASKS)

    def seed_state(self, task: str) -> dict[str, Any]:
        return H.seed_state()

    def routes(self) -> list[BaseRoute]:
        get, post = ["GET"], ["POST"]
        table = [("/", self.home, get), ("/search", self.search, get),
                 ("/hotels/{hid}", self.hotel, get), ("/reserve", self.review, get),
                 ("/reserve", self.reserve, post), ("/confirmation/{n}", self.confirmed, get),
                 ("/reservations", self.trips, get)]
        return [Route(p, _guard(fn), methods=m) for p, fn, m in table]

    async def home(self, request: Request) -> Response:
        s = session_of(request)
        with s.lock:
            text = views.home(_base(request), s.state["search"])
        return HTMLResponse(text)

    async def search(self, request: Request) -> Response:
        qp = request.query_params
        session = session_of(request)
        with session.lock:
            current = session.state["search"]
            check_in, check_out, rooms, adults = _stay(qp, current)
            typed = qp.get("destination", "").strip()[:120]
            draft = {**copy.deepcopy(current), "checkIn": check_in.isoformat(),
                     "checkOut": check_out.isoformat(), "rooms": rooms, "adults": adults}
            try:
                if not typed:
                    raise H.SearchError("Enter a destination.")
                H.check_stay(check_in, check_out)
            except H.SearchError as exc:
                return HTMLResponse(views.home(_base(request), draft, str(exc), typed), 422)
            sort = qp.get("sort", "distance")
            city = H.find_destination(typed)
            found = H.search(city, check_in, check_out, sort if sort in H.SORTS else "distance",
                             qp.get("available") == "1") if city else []
            current.update(draft, destination=city["name"] if city else typed,
                           roomsGuests=H.rooms_guests(rooms, adults),
                           sortBy=sort if sort in H.SORTS else "distance",
                           availableOnly=qp.get("available") == "1",
                           results=found, resultCount=len(found))
            text = views.results(_base(request), current, typed, city is not None)
        return HTMLResponse(text)

    async def hotel(self, request: Request) -> Response:
        h = H.hotel(request.path_params["hid"])
        if h is None:
            raise BadRequest(f"no such hotel: {request.path_params['hid'][:40]}", 404)
        session = session_of(request)
        with session.lock:
            check_in, check_out, rooms, adults = _stay(request.query_params,
                                                       session.state["search"])
        if check_out <= check_in:
            raise BadRequest("check-out must be after check-in")
        free = not set(H.nights(check_in, check_out)) & set(h["soldOutNights"])
        stay = {"checkIn": check_in.isoformat(), "checkOut": check_out.isoformat(),
                "rooms": str(rooms), "adults": str(adults)}
        return HTMLResponse(views.hotel_page(_base(request), h, stay, free))

    def _offer(self, params: Mapping[str, str], current: dict[str, Any]):
        h = H.hotel(params.get("hotel", ""))
        room = next((r for r in H.data()["rooms"] if r["code"] == params.get("room")), None)
        if h is None or room is None:
            raise BadRequest("unknown hotel or room", 404)
        check_in, check_out, rooms, adults = _stay(params, current)
        stay_nights = H.nights(check_in, check_out)
        if not stay_nights or len(stay_nights) > H.MAX_NIGHTS:
            raise BadRequest("check-out must be 1 to 30 nights after check-in")
        if set(stay_nights) & set(h["soldOutNights"]):
            raise BadRequest("this hotel is sold out for those dates", 409)
        total = (h["fromPrice"] + room["extra"]) * len(stay_nights) * rooms
        stay = {"checkIn": check_in.isoformat(), "checkOut": check_out.isoformat(),
                "rooms": str(rooms), "adults": str(adults)}
        return h, room, stay, total

    async def review(self, request: Request) -> Response:
        session = session_of(request)
        with session.lock:
            h, room, stay, total = self._offer(request.query_params, session.state["search"])
            user = copy.deepcopy(session.state["user"])
        return HTMLResponse(views.reserve_page(_base(request), h, room, stay, user, total))

    async def reserve(self, request: Request) -> Response:
        body = (await request.body()).decode("utf-8", "replace")
        form = {k: v[0] for k, v in parse_qs(body, keep_blank_values=True).items()}
        session = session_of(request)
        with session.lock:
            h, room, stay, total = self._offer(form, session.state["search"])
            guest, email = form.get("guest", "").strip(), form.get("email", "").strip()
            if not guest or "@" not in email:
                text = views.reserve_page(_base(request), h, room, stay, session.state["user"],
                                          total, "Enter the guest's name and a valid email.")
                return HTMLResponse(text, 422)
            rs = session.state["booking"]["reservations"]
            digest = hashlib.sha256(f"{session.id}:{len(rs)}".encode()).hexdigest()
            rs.append({"status": "Reservation confirmed",
                       "confirmationNumber": str(70000000 + int(digest[:8], 16) % 29999999),
                       "hotelId": h["id"], "hotelName": h["name"], "roomName": room["name"],
                       **stay, "guest": guest, "email": email, "total": total})
            n = len(rs) - 1
        return RedirectResponse(f"{_base(request)}/confirmation/{n}", status_code=303)

    async def confirmed(self, request: Request) -> Response:
        session = session_of(request)
        with session.lock:
            rs = session.state["booking"]["reservations"]
            raw = request.path_params["n"]
            if not raw.isdigit() or int(raw) >= len(rs):
                raise BadRequest(f"no such reservation: {raw[:20]}", 404)
            text = views.confirmation(_base(request), rs[int(raw)])
        return HTMLResponse(text)

    async def trips(self, request: Request) -> Response:
        session = session_of(request)
        with session.lock:
            text = views.reservations(_base(request),
                                      copy.deepcopy(session.state["booking"]["reservations"]))
        return HTMLResponse(text)
