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
from collections.abc import Mapping
from datetime import date
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from halo_cli.sites import kit
from halo_cli.sites.base import session_of
from halo_cli.sites.kit import BadRequest, KitSite, route
from halo_cli.sites.marrisuite import store as H
from halo_cli.sites.marrisuite import views

TASKS = ["marrisuite-8"]


def _stay(params: Mapping[str, str], current: dict[str, Any]) -> tuple[date, date, int, int]:
    """Check-in, check-out, rooms and adults from a query (the current search's by default)."""
    try:
        check_in = H.parse_day(params.get("checkIn") or current["checkIn"])
        check_out = H.parse_day(params.get("checkOut") or current["checkOut"])
    except ValueError as exc:
        raise BadRequest(f"invalid stay: {str(exc)[:80]}") from None
    rooms = kit.int_field(params.get("rooms") or str(current["rooms"]), "rooms", 1, H.MAX_ROOMS)
    adults = kit.int_field(params.get("adults") or str(current["adults"]), "adults", 1, H.MAX_ADULTS)
    return check_in, check_out, rooms, adults


def _stay_fields(check_in: date, check_out: date, rooms: int, adults: int) -> dict[str, str]:
    return {"checkIn": check_in.isoformat(), "checkOut": check_out.isoformat(),
            "rooms": str(rooms), "adults": str(adults)}


class MarriSuite(KitSite):
    """The MarriSuite replica: search hotels near a destination, review and book a room."""

    id = "marrisuite"
    title = "MarriSuite"
    diff_mode = "deep-object-diff"
    track_location = False  # eval_marrisuite_8 would read "/hotels/..." as a hotel word

    tasks = TASKS

    def seed_state(self, task: str) -> dict[str, Any]:
        return H.seed_state()

    @route("/")
    async def home(self, request: Request) -> Response:
        s = session_of(request)
        with s.lock:
            text = views.home(kit.root_path(request), s.state["search"])
        return kit.html_page(text)

    @route("/search")
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
                return kit.html_page(views.home(kit.root_path(request), draft, str(exc), typed), 422)
            sort = qp.get("sort", "distance")
            sort = sort if sort in H.SORTS else "distance"
            available = qp.get("available") == "1"
            city = H.find_destination(typed)
            found = H.search(city, check_in, check_out, sort, available) if city else []
            current.update(draft, destination=city["name"] if city else typed,
                           roomsGuests=H.rooms_guests(rooms, adults), sortBy=sort,
                           availableOnly=available, results=found, resultCount=len(found))
            text = views.results(kit.root_path(request), current, typed, city is not None)
        return kit.html_page(text)

    @route("/hotels/{hid}")
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
        stay = _stay_fields(check_in, check_out, rooms, adults)
        return kit.html_page(views.hotel_page(kit.root_path(request), h, stay, free))

    @staticmethod
    def _offer(params: Mapping[str, str], current: dict[str, Any]
               ) -> tuple[dict[str, Any], dict[str, Any], dict[str, str], int]:
        """The hotel, room, stay and total a review or booking names, or a 4xx."""
        h, room = H.hotel(params.get("hotel", "")), H.room(params.get("room"))
        if h is None or room is None:
            raise BadRequest("unknown hotel or room", 404)
        check_in, check_out, rooms, adults = _stay(params, current)
        stay_nights = H.nights(check_in, check_out)
        if not stay_nights or len(stay_nights) > H.MAX_NIGHTS:
            raise BadRequest("check-out must be 1 to 30 nights after check-in")
        if set(stay_nights) & set(h["soldOutNights"]):
            raise BadRequest("this hotel is sold out for those dates", 409)
        total = (h["fromPrice"] + room["extra"]) * len(stay_nights) * rooms
        return h, room, _stay_fields(check_in, check_out, rooms, adults), total

    @route("/reserve")
    async def review(self, request: Request) -> Response:
        session = session_of(request)
        with session.lock:
            h, room, stay, total = self._offer(request.query_params, session.state["search"])
            user = copy.deepcopy(session.state["user"])
        return kit.html_page(views.reserve_page(kit.root_path(request), h, room, stay, user, total))

    @route("/reserve", methods=["POST"])
    async def reserve(self, request: Request) -> Response:
        form = (await kit.read_form(request)).dict()
        session = session_of(request)
        with session.lock:
            h, room, stay, total = self._offer(form, session.state["search"])
            guest, email = form.get("guest", "").strip(), form.get("email", "").strip()
            if not guest or "@" not in email:
                text = views.reserve_page(kit.root_path(request), h, room, stay, session.state["user"],
                                          total, "Enter the guest's name and a valid email.")
                return kit.html_page(text, 422)
            n = H.book(session.state, session.id, h, room, stay, guest, email, total)
        return kit.redirect(request, f"/confirmation/{n}")

    @route("/confirmation/{n}")
    async def confirmed(self, request: Request) -> Response:
        session = session_of(request)
        with session.lock:
            rs = session.state["booking"]["reservations"]
            raw = request.path_params["n"]
            if not raw.isdigit() or int(raw) >= len(rs):
                raise BadRequest(f"no such reservation: {raw[:20]}", 404)
            text = views.confirmation(kit.root_path(request), rs[int(raw)])
        return kit.html_page(text)

    @route("/reservations")
    async def trips(self, request: Request) -> Response:
        session = session_of(request)
        with session.lock:
            text = views.reservations(kit.root_path(request),
                                      copy.deepcopy(session.state["booking"]["reservations"]))
        return kit.html_page(text)
