"""What MarriSuite's task templates share: the cities and stays they draw from the replica's
data, how a goal says a stay, reading the last search and the reservations off `/finish`,
searching and booking through the site's handlers, and the browser steps that do the same.

Which end states stay clear of REAL's one marrisuite task (eval_marrisuite_8: "goleta"
anywhere plus a hotel or listing word passes, a booking confirmation fails): a search
template searches only `SEARCH_CITIES`, the cities whose results name nothing in Goleta; a
booking writes "Reservation confirmed", which that script always fails.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from halo_cli.sites import reference as R
from halo_cli.sites.marrisuite import store as H
from halo_cli.sites.reference import Step
from halo_cli.sites.templates import SiteClient, Verdict

Params = dict[str, Any]
#: every marrisuite task starts from the same seed store (no search yet, no reservations)
BASE_TASK = "marrisuite-8"
#: the search fields a goal can ask for, as the store keeps them
SEARCH_KEYS = ("destination", "checkIn", "checkOut", "rooms", "adults", "sortBy", "availableOnly")
#: what a traveller calls a sort order
SORT_WORDS = {"price": ("cheapest first", "sorted by price, low to high", "by lowest price"),
              "rating": ("best rated first", "sorted by guest rating", "top rated first")}

# -- the replica's data ----------------------------------------------------------------------


def town(city: dict[str, Any]) -> str:
    """What a traveller types for a destination: "San Diego" of "San Diego, California, USA"."""
    return city["name"].split(",")[0]


def city_named(name: str) -> dict[str, Any]:
    """The destination whose town (or full name) is `name`."""
    found = H.find_destination(name)
    if found is None:
        raise KeyError(f"marrisuite has no destination {name!r}")
    return found


def stay_dates(params: Params) -> tuple[date, date]:
    return date.fromisoformat(params["check_in"]), date.fromisoformat(params["check_out"])


def near(city: dict[str, Any], check_in: date, check_out: date) -> list[dict[str, Any]]:
    """The search's results for `city` (by distance), each with `available` for the stay."""
    return H.search(city, check_in, check_out, "distance", False)


@lru_cache(maxsize=1)
def search_cities() -> tuple[str, ...]:
    """Towns a search template may search: none of their results is in Goleta (a Goleta
    hotel listed passes eval_marrisuite_8)."""
    day = H.TODAY + timedelta(days=1)
    return tuple(town(c) for c in H.data()["cities"]
                 if not any("goleta" in f"{r['name']} {r['address']}".lower()
                            for r in near(c, day, day + timedelta(days=1))))


def hotel_of(hid: str) -> dict[str, Any]:
    h = H.hotel(hid)
    if h is None:
        raise KeyError(f"marrisuite has no hotel {hid!r}")
    return h


def room_of(code: str) -> dict[str, Any]:
    r = H.room(code)
    if r is None:
        raise KeyError(f"marrisuite has no room {code!r}")
    return r


def free(h: dict[str, Any], check_in: date, check_out: date) -> bool:
    """Whether hotel `h` has rooms every night of the stay."""
    return not set(H.nights(check_in, check_out)) & set(h["soldOutNights"])


def pick_stay(rng: random.Random, late_july: bool = False) -> tuple[date, date]:
    """A stay of 1 to 5 nights starting 2 to 100 days ahead (a weekend 1 in 4; with
    `late_july`, 1 in 3 starts around Jul 26, when some hotels are sold out)."""
    if late_july and rng.random() < 1 / 3:
        check_in = date(2024, 7, rng.choice((24, 25, 26, 27)))
        return check_in, check_in + timedelta(days=rng.randint(1, 3))
    check_in = H.TODAY + timedelta(days=rng.randint(2, 100))
    if rng.random() < 1 / 4:
        check_in += timedelta(days=(4 - check_in.weekday()) % 7)  # that week's Friday
        return check_in, check_in + timedelta(days=2)
    return check_in, check_in + timedelta(days=rng.choice((1, 2, 2, 3, 3, 4, 5)))


def moved_stay(params: Params, rng: random.Random | None = None) -> list[Params]:
    """The same params with the stay a day off: check-out a day later, check-in a day early."""
    check_in, check_out = stay_dates(params)
    out = [{**params, "check_out": (check_out + timedelta(days=1)).isoformat()}]
    if check_in - timedelta(days=1) > H.TODAY:
        out.append({**params, "check_in": (check_in - timedelta(days=1)).isoformat()})
    else:
        out.append({**params, "check_in": (check_in + timedelta(days=1)).isoformat(),
                    "check_out": (check_out + timedelta(days=1)).isoformat()})
    return out


# -- how a goal says it ----------------------------------------------------------------------


def _ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


#: how people write a date: "Aug 3", "August 3rd", "8/3", "Sat Aug 3"
DAY_STYLES = (lambda d: f"{d:%b} {d.day}", lambda d: f"{d:%B} {_ordinal(d.day)}",
              lambda d: f"{d.month}/{d.day}", lambda d: f"{d:%a} {d:%b} {d.day}")


def say_stay(rng: random.Random, check_in: date, check_out: date) -> str:
    """A stay as people write it ("from Aug 3 to Aug 6", "3 nights starting 8/3", ...)."""
    n = (check_out - check_in).days
    nights = f"{n} night{'s' if n > 1 else ''}"
    style = rng.choice(DAY_STYLES)
    a, b = style(check_in), style(check_out)
    options = [f"from {a} to {b}", f"{a} - {b}", f"checking in {a} and out {b}",
               f"for {nights} starting {a}", f"{a} through {b}"]
    if check_in.weekday() == 4 and n == 2:
        options.append(f"the weekend of {check_in:%B} {check_in.day}")
    return rng.choice(options)


def say_party(rng: random.Random, rooms: int, adults: int) -> str:
    """Rooms and adults per room: "2 rooms, 3 adults in each", "1 room for 2 adults"."""
    r = f"{rooms} room{'s' if rooms > 1 else ''}"
    a = f"{adults} adult{'s' if adults > 1 else ''}"
    if rooms == 1:
        return rng.choice((f"{r} for {a}", f"one room, {a}", f"{a} in one room"))
    return rng.choice((f"{r}, {a} in each", f"{r} with {a} per room",
                       f"{rooms * adults} of us, {adults} per room, so {r}"))


def say_city(rng: random.Random, name: str) -> str:
    """A town, sometimes with its state: "San Diego", "San Diego, CA"."""
    state = "WA" if name == "Seattle" else "CA"
    return rng.choice((name, name, f"{name}, {state}"))


# -- what /finish says -----------------------------------------------------------------------


def _diff(finish: dict[str, Any], part: str) -> dict[str, Any]:
    return ((finish.get("initialfinaldiff") or {}).get(part)) or {}


def last_search(finish: dict[str, Any]) -> dict[str, Any]:
    """The search fields at the end: the seed's, overlaid with what the diff changed."""
    out = {k: H.seed_state()["search"][k] for k in SEARCH_KEYS}
    for part in ("added", "updated"):
        changed = _diff(finish, part).get("search")
        if isinstance(changed, dict):
            out.update({k: v for k, v in changed.items() if k in SEARCH_KEYS})
    return out


def reservations(finish: dict[str, Any]) -> list[dict[str, Any]]:
    """The reservations made during the task, in order (the seed has none)."""
    made = (_diff(finish, "added").get("booking") or {}).get("reservations") or {}
    if isinstance(made, list):
        return [r for r in made if isinstance(r, dict)]
    if not isinstance(made, dict):
        return []
    return [r for _, r in sorted(made.items(), key=lambda kv: str(kv[0]).zfill(9))
            if isinstance(r, dict)]


def squash(text: Any) -> str:
    """Case and spacing ignored."""
    return " ".join(str(text).lower().split())


def judge_search(params: Params, finish: dict[str, Any], asked: tuple[str, ...] = ()
                 ) -> Verdict:
    """Success when the last search is for the city and stay (and the `asked` fields among
    rooms, adults, sortBy, availableOnly) and nothing was booked."""
    got = last_search(finish)
    if not squash(got["destination"]):
        return Verdict(False, "no hotel search was made")
    want = {"destination": city_named(params["town"])["name"], "checkIn": params["check_in"],
            "checkOut": params["check_out"]}
    want.update({k: params[k] for k in asked})
    wrong = [f"{k} {got.get(k)!r}, wanted {v!r}" for k, v in want.items()
             if squash(got.get(k)) != squash(v)]
    if wrong:
        return Verdict(False, "the last search has " + "; ".join(wrong))
    if reservations(finish):
        return Verdict(False, "a room was booked; the goal only asks to look")
    return Verdict(True, f"searched {want['destination']} {want['checkIn']} to "
                         f"{want['checkOut']}" + "".join(f", {k} {params[k]}" for k in asked))


def judge_booking(params: Params, finish: dict[str, Any], hotels: list[str],
                  guest: bool = False) -> Verdict:
    """Success when exactly one reservation was made, at one of `hotels`, for the stay, the
    room type and the rooms and adults asked (and the guest's name and email with `guest`)."""
    made = reservations(finish)
    if not made:
        return Verdict(False, "no reservation was made")
    if len(made) > 1:
        return Verdict(False, f"{len(made)} reservations were made; the goal asks for one")
    r = made[0]
    names = [hotel_of(h)["name"] for h in hotels]
    checks = [("hotel", r.get("hotelId") in hotels, " or ".join(names)),
              ("room", squash(r.get("roomName")) == squash(room_of(params["room"])["name"]),
               room_of(params["room"])["name"]),
              ("check-in", r.get("checkIn") == params["check_in"], params["check_in"]),
              ("check-out", r.get("checkOut") == params["check_out"], params["check_out"]),
              ("rooms", str(r.get("rooms")) == str(params["rooms"]), params["rooms"])]
    if "adults" in params:
        checks.append(("adults", str(r.get("adults")) == str(params["adults"]),
                       params["adults"]))
    if guest:
        checks += [("guest", squash(r.get("guest")) == squash(params["guest"]), params["guest"]),
                   ("email", squash(r.get("email")) == squash(params["email"]), params["email"])]
    wrong = [f"{what} wanted {want}" for what, ok, want in checks if not ok]
    said = (f"{r.get('hotelName')}, {r.get('roomName')}, {r.get('checkIn')} to "
            f"{r.get('checkOut')}, {r.get('rooms')} room(s) x {r.get('adults')} adult(s)"
            + (f", for {r.get('guest')} <{r.get('email')}>" if guest else ""))
    if wrong:
        return Verdict(False, f"booked {said}; " + "; ".join(wrong))
    return Verdict(True, f"booked {said}")


# -- the site's handlers, in-process ---------------------------------------------------------


def stay_form(params: Params) -> dict[str, str]:
    return {"checkIn": params["check_in"], "checkOut": params["check_out"],
            "rooms": str(params.get("rooms", 1)), "adults": str(params.get("adults", 1))}


def reach_search(params: Params, client: SiteClient) -> None:
    """The home page's search form; then the results' filter form when a sort or the
    available-only filter is asked."""
    client.get("/")
    client.get("/search", params={"destination": params["town"], **stay_form(params)})
    if params.get("sortBy", "distance") != "distance" or params.get("availableOnly"):
        query = {"destination": city_named(params["town"])["name"], **stay_form(params),
                 "sort": params.get("sortBy", "distance")}
        if params.get("availableOnly"):
            query["available"] = "1"
        client.get("/search", params=query)


def reach_booking(params: Params, client: SiteClient) -> None:
    """Search the hotel's town, open the hotel, select the room, book it for the guest."""
    h = hotel_of(params["hotel"])
    reach_search({**params, "town": h["city"]}, client)
    stay = stay_form(params)
    client.get(f"/hotels/{h['id']}", params=stay)
    offer = {"hotel": h["id"], "room": params["room"], **stay}
    client.get("/reserve", params=offer)
    user = H.data()["user"]
    client.post("/reserve", data={**offer, "guest": params.get("guest", user["name"]),
                                  "email": params.get("email", user["email"])})


# -- the browser -----------------------------------------------------------------------------


def search_steps(params: Params) -> list[Step]:
    """From the home page: the search form, then the filters asked for."""
    steps = [R.fill("textbox", "Destination", params["town"]),
             R.select("combobox", "Check-in", params["check_in"]),
             R.select("combobox", "Check-out", params["check_out"])]
    if int(params.get("rooms", 1)) != 1:
        steps.append(R.select("combobox", "Rooms", str(params["rooms"])))
    if int(params.get("adults", 1)) != 1:
        steps.append(R.select("combobox", "Adults per room", str(params["adults"])))
    steps.append(R.click("button", "Find Hotels", exact=True))
    sort, available = params.get("sortBy", "distance"), params.get("availableOnly")
    if sort != "distance":
        steps.append(R.select("combobox", "Sort by", H.SORTS[sort]))
    if available:
        steps.append(R.check("checkbox", "Available hotels only"))
    if sort != "distance" or available:
        steps.append(R.click("button", "Apply", exact=True))
    return steps


def booking_steps(params: Params) -> list[Step]:
    """From the home page: search the hotel's town, open it, select the room, book."""
    h, room = hotel_of(params["hotel"]), room_of(params["room"])
    steps = [*search_steps({**params, "town": h["city"]}),
             R.click("link", h["name"], exact=True),
             R.click("link", f"Select {room['name']},")]
    if "guest" in params:
        steps += [R.fill("textbox", "Guest name", params["guest"]),
                  R.fill("textbox", "Email", params["email"])]
    return [*steps, R.click("button", "Book Now", exact=True)]


def booked_message(params: Params) -> str:
    h, room = hotel_of(params["hotel"]), room_of(params["room"])
    return (f"Booked the {h['name']}, {room['name']}, {params['check_in']} to "
            f"{params['check_out']}.")
