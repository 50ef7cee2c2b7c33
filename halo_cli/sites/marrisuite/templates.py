"""MarriSuite's training-task templates (not REAL's task): search a town's hotels for a stay,
for a party (rooms and adults per room), sorted, or only the available ones; book a room
type at a named hotel, for someone else, for a group, or at the cheapest or best-rated
hotel near a town.

Every marrisuite task starts from the same seed store (no search, no reservations), so
parameters come from the replica's data (`data/hotels.json`: hotels, towns, room types,
sold-out nights) and its calendar (today is Thu 2024-07-18, 120 days bookable). Judges read
the last search (`initialfinaldiff.updated.search`, over the seed's) and the reservations
(`initialfinaldiff.added.booking.reservations`), as REAL's marrisuite script reads the same
state; see `template_kit` for why no reference end state passes that script.
"""

from __future__ import annotations

import random
from typing import Any

from halo_cli.sites import reference as R
from halo_cli.sites.marrisuite import store as H
from halo_cli.sites.marrisuite.template_kit import (
    BASE_TASK,
    SORT_WORDS,
    Params,
    booked_message,
    booking_steps,
    city_named,
    free,
    hotel_of,
    judge_booking,
    judge_search,
    moved_stay,
    near,
    pick_stay,
    reach_booking,
    reach_search,
    room_of,
    say_city,
    say_party,
    say_stay,
    search_cities,
    search_steps,
    stay_dates,
    town,
)
from halo_cli.sites.reference import Step
from halo_cli.sites.templates import Draft, SiteClient, Template, Verdict

#: people a room can be booked for (the replica's one user aside)
GUESTS = ("Maya Patel", "Chris Okafor", "Elena Rossi", "Sam Whitfield", "Priya Raman",
          "Tom Becker", "Lucia Moreno", "Daniel Kim", "Grace Liu", "Omar Haddad",
          "Hannah Schultz", "Marcus Reed")
MAIL_DOMAINS = ("example.com", "mail.com", "inbox.org")


def _other_town(name: str, towns: tuple[str, ...]) -> str:
    """A town other than `name` (the next one in `towns`)."""
    return towns[(towns.index(name) + 1) % len(towns)]


class _MarriSuiteTemplate(Template):
    site = "marrisuite"
    base_task = BASE_TASK


# -- searches --------------------------------------------------------------------------------


class _SearchTemplate(_MarriSuiteTemplate):
    """A search whose last state the judge reads; `ASKED` names the extra fields judged."""

    ASKED: tuple[str, ...] = ()

    def judge(self, params: Params, finish: dict) -> Verdict:
        return judge_search(params, finish, self.ASKED)

    def reach(self, params: Params, client: SiteClient) -> None:
        reach_search(params, client)

    def near_misses(self, params: Params, state: dict[str, Any]) -> list[Params]:
        towns = search_cities()
        return [{**params, "town": _other_town(params["town"], towns)}, *moved_stay(params)]

    def solution(self, params: Params) -> list[Step]:
        return [*search_steps(params), R.send(f"Here are the hotels near {params['town']} "
                                              f"for {params['check_in']} to "
                                              f"{params['check_out']}.")]


class SearchStay(_SearchTemplate):
    """Hotels near a town for a stay."""

    name = "search_stay"
    PHRASES = ("Show me hotels in {city} {stay}.",
               "I'm going to {city} {stay}. What hotels are there?",
               "find hotels near {city} {stay}",
               "MarriSuite: hotels in {city}, {stay}",
               "Can you look up places to stay in {city} {stay}?")

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft:
        name = rng.choice(search_cities())
        check_in, check_out = pick_stay(rng)
        params = {"town": name, "check_in": check_in.isoformat(),
                  "check_out": check_out.isoformat()}
        goal = rng.choice(self.PHRASES).format(city=say_city(rng, name),
                                               stay=say_stay(rng, check_in, check_out))
        return Draft(params, goal, difficulty=1)


class SearchForParty(_SearchTemplate):
    """Hotels near a town for a stay, for a number of rooms and adults per room."""

    name = "search_for_party"
    ASKED = ("rooms", "adults")
    PHRASES = ("Search hotels in {city} {stay}, {party}.",
               "We need {party} in {city} {stay}. Show me what hotels there are.",
               "{city} trip {stay} - {party}. find us hotels",
               "MarriSuite: look for {party} near {city}, {stay}")

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft:
        name = rng.choice(search_cities())
        check_in, check_out = pick_stay(rng)
        rooms, adults = rng.choice([(r, a) for r in range(1, H.MAX_ROOMS + 1)
                                    for a in range(1, H.MAX_ADULTS + 1) if (r, a) != (1, 1)])
        params = {"town": name, "check_in": check_in.isoformat(),
                  "check_out": check_out.isoformat(), "rooms": rooms, "adults": adults}
        goal = rng.choice(self.PHRASES).format(city=say_city(rng, name),
                                               stay=say_stay(rng, check_in, check_out),
                                               party=say_party(rng, rooms, adults))
        return Draft(params, goal, difficulty=2 if rooms == 1 else 3)

    def near_misses(self, params: Params, state: dict[str, Any]) -> list[Params]:
        rooms, adults = params["rooms"], params["adults"]
        swapped = {**params, "rooms": adults, "adults": rooms} if rooms != adults else None
        fewer = {**params, "rooms": rooms - 1} if rooms > 1 else {**params, "adults": adults - 1}
        misses = [fewer, swapped, {**params, "rooms": 1, "adults": 1}]
        return [p for i, p in enumerate(misses) if p and p not in misses[:i]]


class SearchSorted(_SearchTemplate):
    """Hotels near a town for a stay, sorted by price or by guest rating."""

    name = "search_sorted"
    ASKED = ("sortBy",)
    PHRASES = ("Show me hotels in {city} {stay}, {order}.",
               "List the hotels near {city} {stay} {order}",
               "I'm visiting {city} {stay}. Can you pull up hotels {order}?",
               "MarriSuite: {city}, {stay}. Sort the hotels {sort_by}.")
    SORT_BY = {"price": "by price, lowest first", "rating": "by guest rating"}

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft:
        check_in, check_out = pick_stay(rng)
        towns = [t for t in search_cities() if len(near(city_named(t), check_in, check_out)) > 1]
        name, sort = rng.choice(towns), rng.choice(sorted(SORT_WORDS))
        params = {"town": name, "check_in": check_in.isoformat(),
                  "check_out": check_out.isoformat(), "sortBy": sort}
        goal = rng.choice(self.PHRASES).format(
            city=say_city(rng, name), stay=say_stay(rng, check_in, check_out),
            order=rng.choice(SORT_WORDS[sort]), sort_by=self.SORT_BY[sort])
        return Draft(params, goal, difficulty=2)

    def near_misses(self, params: Params, state: dict[str, Any]) -> list[Params]:
        other = "rating" if params["sortBy"] == "price" else "price"
        return [{**params, "sortBy": "distance"}, {**params, "sortBy": other},
                moved_stay(params)[0]]


class SearchAvailableOnly(_SearchTemplate):
    """Hotels near a town for a stay, only those not sold out."""

    name = "search_available_only"
    ASKED = ("availableOnly",)
    PHRASES = ("Show me only hotels with rooms left in {city} {stay}.",
               "{city}, {stay}: which hotels aren't sold out? Hide the sold out ones.",
               "find hotels in {city} {stay}, filter to available hotels only",
               "I need somewhere to stay in {city} {stay}; don't show me anything sold out.")

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft:
        name = rng.choice(search_cities())
        check_in, check_out = pick_stay(rng, late_july=True)
        params = {"town": name, "check_in": check_in.isoformat(),
                  "check_out": check_out.isoformat(), "availableOnly": True}
        goal = rng.choice(self.PHRASES).format(city=say_city(rng, name),
                                               stay=say_stay(rng, check_in, check_out))
        return Draft(params, goal, difficulty=2)

    def near_misses(self, params: Params, state: dict[str, Any]) -> list[Params]:
        return [{**params, "availableOnly": False}, moved_stay(params)[0]]


# -- bookings --------------------------------------------------------------------------------


def _bookable(rng: random.Random, hotels: list[dict[str, Any]], tries: int = 20
              ) -> tuple[dict[str, Any], Any, Any] | None:
    """A hotel of `hotels` and a stay it has rooms for, drawn with `rng`."""
    for _ in range(tries):
        h = rng.choice(hotels)
        check_in, check_out = pick_stay(rng, late_july=True)
        if free(h, check_in, check_out):
            return h, check_in, check_out
    return None


def _booking(h: dict[str, Any], check_in: Any, check_out: Any, room: str, rooms: int = 1,
             **extra: Any) -> Params:
    return {"hotel": h["id"], "hotel_name": h["name"], "room": room,
            "room_name": room_of(room)["name"], "check_in": check_in.isoformat(),
            "check_out": check_out.isoformat(), "rooms": rooms, **extra}


def _room_words(rng: random.Random, code: str) -> str:
    return rng.choice({"K": ("a king room", "a room with 1 king bed", "a king bed room"),
                       "QQ": ("a room with 2 queen beds", "a double queen room",
                              "a 2 queen beds room"),
                       "S": ("a studio suite", "the studio suite", "a suite with a sofa bed")
                       }[code])


def _other_room(code: str) -> str:
    codes = [r["code"] for r in H.data()["rooms"]]
    return codes[(codes.index(code) + 1) % len(codes)]


def _moved(params: Params) -> Params:
    """The booking a day off (see `moved_stay`), one the hotel has rooms for if it can."""
    moves = moved_stay(params)
    h = hotel_of(params["hotel"])
    return next((m for m in moves if free(h, *stay_dates(m))), moves[0])


def _other_hotel(params: Params) -> str:
    """The hotel nearest the booked one that has rooms for the stay."""
    h = hotel_of(params["hotel"])
    check_in, check_out = stay_dates(params)
    others = [o for o in H.data()["hotels"] if o["id"] != h["id"] and free(o, check_in, check_out)]
    return min(others, key=lambda o: (H.miles(h, o), o["id"]))["id"]


class _BookingTemplate(_MarriSuiteTemplate):
    GUEST = False

    def judge(self, params: Params, finish: dict) -> Verdict:
        return judge_booking(params, finish, [params["hotel"]], guest=self.GUEST)

    def reach(self, params: Params, client: SiteClient) -> None:
        reach_booking(params, client)

    def near_misses(self, params: Params, state: dict[str, Any]) -> list[Params]:
        return [{**params, "room": _other_room(params["room"])},
                {**params, "hotel": _other_hotel(params)}, _moved(params)]

    def solution(self, params: Params) -> list[Step]:
        return [*booking_steps(params), R.send(booked_message(params))]


class BookRoom(_BookingTemplate):
    """A room type at a named hotel for a stay."""

    name = "book_room"
    PHRASES = ("Book {room} at the {hotel} {stay}.",
               "Reserve me {room} at {hotel}, {stay}",
               "I'll be at the {hotel} {stay}. Book {room} for me.",
               "MarriSuite: {hotel}, {room}, {stay}. Book it.")

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft | None:
        drawn = _bookable(rng, H.data()["hotels"])
        if drawn is None:
            return None
        h, check_in, check_out = drawn
        room = rng.choice([r["code"] for r in H.data()["rooms"]])
        params = _booking(h, check_in, check_out, room)
        goal = rng.choice(self.PHRASES).format(room=_room_words(rng, room), hotel=h["name"],
                                               stay=say_stay(rng, check_in, check_out))
        return Draft(params, goal, difficulty=2)


class BookForGuest(_BookingTemplate):
    """A room at a named hotel, booked under someone else's name and email."""

    name = "book_for_guest"
    GUEST = True
    PHRASES = ("Book {room} at the {hotel} {stay} for my colleague {guest} ({email}).",
               "My friend {guest} needs {room} at {hotel} {stay}. Put the reservation in "
               "their name, email {email}.",
               "Reserve the {hotel} {stay}, {room}, guest name {guest}, email {email}",
               "MarriSuite: book {hotel} {stay} for {guest} <{email}>, {room}.")

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft | None:
        drawn = _bookable(rng, H.data()["hotels"])
        if drawn is None:
            return None
        h, check_in, check_out = drawn
        room = rng.choice([r["code"] for r in H.data()["rooms"]])
        guest = rng.choice(GUESTS)
        first, last = guest.lower().split()
        email = rng.choice((f"{first}.{last}", f"{first}{last[0]}", f"{first[0]}{last}")) \
            + "@" + rng.choice(MAIL_DOMAINS)
        params = _booking(h, check_in, check_out, room, guest=guest, email=email)
        goal = rng.choice(self.PHRASES).format(room=_room_words(rng, room), hotel=h["name"],
                                               stay=say_stay(rng, check_in, check_out),
                                               guest=guest, email=email)
        return Draft(params, goal, difficulty=3)

    def near_misses(self, params: Params, state: dict[str, Any]) -> list[Params]:
        user = H.data()["user"]
        local, domain = params["email"].split("@")
        other = MAIL_DOMAINS[(MAIL_DOMAINS.index(domain) + 1) % len(MAIL_DOMAINS)]
        return [{**params, "guest": user["name"], "email": user["email"]},
                {**params, "email": f"{local}@{other}"}, _moved(params)]


class BookForGroup(_BookingTemplate):
    """Several rooms of a type at a named hotel, with a number of adults per room."""

    name = "book_for_group"
    PHRASES = ("Book {rooms} rooms at the {hotel} {stay}, {adults} adults per room, all "
               "{plural}.",
               "We're a group of {people}: book {rooms} {plural} at {hotel} {stay} with "
               "{adults} adults in each.",
               "Reserve {rooms} {plural} at the {hotel} {stay}; {adults} adults per room",
               "MarriSuite: {hotel}, {stay}. {rooms} {plural}, {adults} adults each.")
    PLURAL = {"K": "king rooms", "QQ": "double queen rooms", "S": "studio suites"}

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft | None:
        drawn = _bookable(rng, H.data()["hotels"])
        if drawn is None:
            return None
        h, check_in, check_out = drawn
        room = rng.choice([r["code"] for r in H.data()["rooms"]])
        rooms, adults = rng.randint(2, H.MAX_ROOMS), rng.randint(2, H.MAX_ADULTS)
        params = _booking(h, check_in, check_out, room, rooms=rooms, adults=adults)
        goal = rng.choice(self.PHRASES).format(
            hotel=h["name"], stay=say_stay(rng, check_in, check_out), rooms=rooms,
            adults=adults, people=rooms * adults, plural=self.PLURAL[room])
        return Draft(params, goal, difficulty=3)

    def near_misses(self, params: Params, state: dict[str, Any]) -> list[Params]:
        return [{**params, "rooms": params["rooms"] - 1}, {**params, "adults": 1},
                {**params, "room": _other_room(params["room"])}]


class BookBestNear(_BookingTemplate):
    """A room at the cheapest, or the best-rated, hotel near a town that has rooms for the
    stay (the cheapest room type at the cheapest hotel)."""

    name = "book_best_near"
    CHEAPEST = ("Book the cheapest hotel near {city} {stay}, cheapest room they have.",
                "I'm on a budget. Find the lowest priced hotel in {city} with rooms {stay} and "
                "book their cheapest room.",
                "MarriSuite: cheapest available hotel near {city}, {stay}. Book a king room.")
    BEST = ("Book {room} at the best rated hotel near {city} {stay}.",
            "Which hotel near {city} has the highest guest rating and isn't sold out {stay}? "
            "Book {room} there.",
            "MarriSuite: top rated hotel in {city} that isn't sold out {stay}, {room}.")

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft | None:
        towns = [town(c) for c in H.data()["cities"]]
        for _ in range(20):
            name, by = rng.choice(towns), rng.choice(("price", "rating"))
            check_in, check_out = pick_stay(rng, late_july=True)
            found = [r for r in near(city_named(name), check_in, check_out) if r["available"]]
            key = (lambda r: r["pricePerNight"]) if by == "price" else (lambda r: -r["rating"])
            ranked = sorted(found, key=key)
            if len(ranked) < 2 or key(ranked[0]) == key(ranked[1]):
                continue
            h = hotel_of(ranked[0]["id"])
            room = "K" if by == "price" else rng.choice([r["code"] for r in H.data()["rooms"]])
            params = _booking(h, check_in, check_out, room, town=name, by=by,
                              runner_up=ranked[1]["id"])
            phrases = self.CHEAPEST if by == "price" else self.BEST
            goal = rng.choice(phrases).format(city=say_city(rng, name),
                                              stay=say_stay(rng, check_in, check_out),
                                              room=_room_words(rng, room))
            return Draft(params, goal, difficulty=3)
        return None

    def near_misses(self, params: Params, state: dict[str, Any]) -> list[Params]:
        return [{**params, "hotel": params["runner_up"]},
                {**params, "room": _other_room(params["room"])}, _moved(params)]

    def solution(self, params: Params) -> list[Step]:
        h = hotel_of(params["hotel"])
        steps = search_steps({**params, "town": params["town"],
                              "sortBy": params["by"], "availableOnly": True})
        room = room_of(params["room"])
        return [*steps, R.click("link", h["name"], exact=True),
                R.click("link", f"Select {room['name']},"),
                R.click("button", "Book Now", exact=True), R.send(booked_message(params))]


TEMPLATES: list[Template] = [SearchStay(), SearchForParty(), SearchSorted(),
                             SearchAvailableOnly(), BookRoom(), BookForGuest(), BookForGroup(),
                             BookBestNear()]
