"""What UDriver's task templates share: places and how goals name them, the `/finish` state
read back, the site's own request flows (book, schedule, top up, add a card) and the
browser steps that do the same from the start page.

Every template starts from the one seed store (`store.seed_state`: 6 past trips, UDriver
Credits $25.50 as the default payment, a Visa •••• 4242, cash). Routes of REAL's v2 tasks
are never drawn, so a generated task cannot be one of the test set's.
"""

from __future__ import annotations

import html
import random
import re
from datetime import date
from functools import lru_cache
from typing import Any

from halo_cli.sites import reference as R
from halo_cli.sites.reference import Step
from halo_cli.sites.templates import SiteClient
from halo_cli.sites.udriver import store

#: (pickup id, dropoff id) of REAL's v2 udriver tasks (their scripts accept these routes);
#: 7-Eleven (107, 108) and Chase Bank (110, 111) stand for "any" of them there
V2_ROUTES = frozenset({(101, 102), (103, 104), (105, 106), (129, 107), (129, 108),
                       (699, 102), (201, 723), (109, 110), (109, 111), (739, 52),
                       (699, 717), (733, 113), (370, 733), (112, 717)})
#: how goals name a payment method (by the method's id), and the site's option label
PAYMENT_WORDS = {"wallet": ("my UDriver credits", "credits", "my UDriver Credits balance"),
                 "1": ("my Visa card", "the card ending in 4242", "my card on file"),
                 "cash": ("cash", "cash", "cash")}
#: how goals name a car type other than by its name (what tells it apart on the page)
CAR_HINTS = {"UdriverX": ("the cheapest ride", "the cheapest option"),
             "Comfort": ("a car with extra legroom", "one of the newer cars with more legroom"),
             "UdriverXL": ("a car that seats 6 of us", "something big enough for 5 people")}
CARS = ("UdriverX", "Comfort", "UdriverXL")


class ReachError(RuntimeError):
    """A reference flow the site refused (the template's parameters are unusable)."""


# -- places ---------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def place_ids() -> tuple[int, ...]:
    return tuple(loc["id"] for loc in store.locations())


def place(loc_id: int) -> dict[str, Any]:
    loc = store.location(loc_id)
    if loc is None:
        raise KeyError(f"udriver has no place {loc_id}")
    return loc


def spoken(loc_id: int) -> str:
    """How a goal names a place: its name, with the street when another place shares it
    ("the 7-Eleven at 1398 Judah St")."""
    loc = place(loc_id)
    twins = sum(other["name"] == loc["name"] for other in store.locations())
    if twins > 1:
        return f"the {loc['name']} at {loc['addressComponents']['street']}"
    return loc["name"]


def draw_route(rng: random.Random, pickup: int | None = None) -> tuple[int, int]:
    """Two different places (from `pickup` when given) that are not a v2 task's route."""
    ids = place_ids()
    while True:
        a = pickup if pickup is not None else rng.choice(ids)
        b = rng.choice(ids)
        if a != b and (a, b) not in V2_ROUTES:
            return a, b


def other_place(route: tuple[int, int], salt: int) -> int:
    """A place other than both ends of `route` (picked deterministically by `salt`)."""
    ids = [i for i in place_ids() if i not in route and (route[0], i) not in V2_ROUTES]
    return ids[salt % len(ids)]


def fare(pickup: int, dropoff: int, car: str) -> float:
    """What the site charges for `car` on the route (REAL's formula, the seed's cars)."""
    return store.price(place(pickup), place(dropoff), store.seed()["cars"][car])["finalPrice"]


def payment_for(state: dict[str, Any], pickup: int, dropoff: int, car: str) -> str:
    """The default payment (UDriver Credits) when its balance covers the fare, else the card."""
    balance = state["user"]["wallet"]["balance"]
    return "wallet" if fare(pickup, dropoff, car) <= balance + 1e-9 else "1"


# -- days and times -------------------------------------------------------------------------
def day_words(mdy: str) -> str:
    """"7/22/2024" -> "Monday, July 22"."""
    m, d, y = (int(x) for x in mdy.split("/"))
    day = date(y, m, d)
    return f"{day:%A}, {day:%B} {day.day}"


def day_label(mdy: str) -> str:
    """The Pickup date option's label: "7/22/2024" -> "Mon, Jul 22"."""
    return dict(store.schedule_dates())[mdy]


def draw_when(rng: random.Random) -> tuple[str, str]:
    """A schedulable (date, time): tomorrow onwards within the site's 30 days, 6 AM-11:45 PM."""
    days = [v for v, _ in store.schedule_dates()][1:]
    times = store.schedule_times()[6 * 4:]
    return rng.choice(days), rng.choice(times)


def shift_day(mdy: str, days: int) -> str:
    """The schedulable date `days` from `mdy` (wrapping inside the site's window)."""
    values = [v for v, _ in store.schedule_dates()][1:]
    return values[(values.index(mdy) + days) % len(values)]


def shift_time(clock: str, quarters: int) -> str:
    """The schedulable time `quarters` x 15 min from `clock` (wrapping inside 6 AM-11:45 PM)."""
    times = store.schedule_times()[6 * 4:]
    return times[(times.index(clock) + quarters) % len(times)]


# -- the /finish state ---------------------------------------------------------------------
def _merge(base: Any, over: Any) -> Any:
    if isinstance(base, dict) and isinstance(over, dict):
        out = dict(base)
        for key, value in over.items():
            out[key] = _merge(base.get(key), value) if key in base else value
        return out
    return over


def final_store(finish: dict[str, Any]) -> dict[str, Any]:
    """The store as `/finish` shows it: `initialfinaldiff.added` (the whole hydrated store,
    the initial being a skeleton) with `updated` laid over it."""
    diff = finish.get("initialfinaldiff") or {}
    return _merge(diff.get("added") or {}, diff.get("updated") or {})


def items(value: Any) -> list[Any]:
    """A list as the diff may show it: a list, or an object keyed by index."""
    if isinstance(value, dict):
        return [value[k] for k in sorted(value, key=lambda k: int(k) if k.isdigit() else 0)]
    return list(value or [])


@lru_cache(maxsize=1)
def seed_trip_ids() -> frozenset[int]:
    ride = store.seed_state()["ride"]
    return frozenset(t["id"] for t in [*ride["trips"], *ride["bookedTrips"]])


@lru_cache(maxsize=1)
def seed_tx_ids() -> frozenset[str]:
    return frozenset(t["id"] for t in store.seed_state()["user"]["wallet"]["transactions"])


def new_trips(finish: dict[str, Any]) -> list[dict[str, Any]]:
    """Trips booked or scheduled in this session (not in the seed's history)."""
    ride = final_store(finish).get("ride") or {}
    seen: dict[int, dict[str, Any]] = {}
    for trip in [*items(ride.get("trips")), *items(ride.get("bookedTrips"))]:
        if isinstance(trip, dict) and trip.get("id") not in seed_trip_ids():
            seen.setdefault(trip.get("id"), trip)
    return list(seen.values())


def wallet_of(finish: dict[str, Any]) -> dict[str, Any]:
    return (final_store(finish).get("user") or {}).get("wallet") or {}


def new_transactions(finish: dict[str, Any]) -> list[dict[str, Any]]:
    return [t for t in items(wallet_of(finish).get("transactions"))
            if isinstance(t, dict) and t.get("id") not in seed_tx_ids()]


def _id(loc: Any) -> Any:
    return loc.get("id") if isinstance(loc, dict) else None


def route_of(trip: dict[str, Any]) -> tuple[Any, Any]:
    return _id(trip.get("pickup")), _id(trip.get("destination"))


def describe(trip: dict[str, Any]) -> str:
    """One trip in a judge's words: "Club X -> Oracle Park, Comfort, paid cash, now"."""
    p, d = trip.get("pickup") or {}, trip.get("destination") or {}
    when = ("now" if trip.get("status") == "completed"
            else f"scheduled {trip.get('date')} {trip.get('time')}")
    return (f"{p.get('name')} -> {d.get('name')}, {(trip.get('car') or {}).get('type')}, "
            f"paid {(trip.get('paymentMethod') or {}).get('displayName')}, {when}")


def one_new_trip(finish: dict[str, Any]) -> tuple[dict[str, Any] | None, str]:
    """The single trip this session booked, or None and why not."""
    trips = new_trips(finish)
    if not trips:
        return None, "no ride was booked"
    if len(trips) > 1:
        return None, f"{len(trips)} rides were booked: " + "; ".join(map(describe, trips))
    return trips[0], ""


def route_words(pickup: int, dropoff: int) -> str:
    return f"{spoken(pickup)} -> {spoken(dropoff)}"


# -- the site's own flows (reach) -----------------------------------------------------------
def _ok(resp: Any, what: str) -> Any:
    if resp.status_code != 200:
        alert = re.search(r'role="alert">(.*?)</div>', resp.text, re.S)
        said = html.unescape(alert.group(1)) if alert else resp.text[:200]
        raise ReachError(f"{what}: HTTP {resp.status_code}: {said}")
    return resp


def see_prices(client: SiteClient, pickup: int, dropoff: int, when: tuple[str, str] | None
               = None) -> None:
    """Choose both places and see prices, now or at `when` (date, time)."""
    for role, loc in (("pickup", pickup), ("dropoff", dropoff)):
        _ok(client.post("/ride/location", {"role": role, "location_id": str(loc)}), role)
    day, clock = when or (store.mdy(store.TODAY), "Now")
    resp = _ok(client.post("/ride/prices", {"pickup_date": day, "pickup_time": clock}),
               "see prices")
    if "/ride/options" not in str(resp.url):
        raise ReachError(f"see prices did not open the ride options: {resp.url}")


def book(client: SiteClient, pickup: int, dropoff: int, car: str, payment: str,
         when: tuple[str, str] | None = None) -> None:
    """Book (now, or scheduled at `when`) `car` on the route, paid with method `payment`."""
    see_prices(client, pickup, dropoff, when)
    _ok(client.post("/ride/select", {"car": car}), "choose the car")
    resp = _ok(client.post("/ride/request", {"payment": payment}), "request the ride")
    if "/trips/" not in str(resp.url):
        raise ReachError(f"the ride was not booked: {resp.url}")


def top_up(client: SiteClient, amount: float) -> None:
    """Add `amount` to UDriver Credits with the card on file (the "Other amount" field)."""
    _ok(client.post("/wallet/topup", {"amount": "25", "custom": money_text(amount),
                                      "payment": "1"}), "add funds")


def add_card(client: SiteClient, number: str, expiry: str) -> None:
    _ok(client.post("/payment/card", {"number": number, "expiry": expiry}), "add the card")


def next_method_id() -> str:
    """The id the site gives the next card added to the seed store's payment methods."""
    ids = [int(m["id"]) for m in store.seed()["paymentMethods"] if m["id"].isdigit()]
    return str(1 + max(ids, default=0))


def set_default(client: SiteClient, method_id: str) -> None:
    _ok(client.post("/payment/default", {"method": method_id}), "set the default")


def money_text(amount: float) -> str:
    """12 -> "12", 12.5 -> "12.50" (what a rider types)."""
    return f"{amount:.0f}" if float(amount).is_integer() else f"{amount:.2f}"


# -- browser steps (solutions) --------------------------------------------------------------
def _suggestion(verb: str, loc_id: int) -> Step:
    loc = place(loc_id)
    return R.click("button", f"{verb} {loc['name']} ({loc['address']})", exact=True)


def _query(loc_id: int) -> str:
    loc = place(loc_id)
    if spoken(loc_id) != loc["name"]:  # a shared name: add the street to the search
        return f"{loc['name']} {loc['addressComponents']['street']}"
    return loc["name"]


def route_steps(pickup: int, dropoff: int, when: tuple[str, str] | None = None) -> list[Step]:
    """Search both places, choose the suggestions, the date and time, then See prices."""
    steps = [R.fill("textbox", "Pickup location", _query(pickup)),
             R.fill("textbox", "Dropoff location", _query(dropoff)),
             R.click("button", "Search", exact=True),
             _suggestion("Pick up at", pickup), _suggestion("Drop off at", dropoff)]
    if when:
        steps += [R.select("combobox", "Pickup date", day_label(when[0])),
                  R.select("combobox", "Pickup time", when[1])]
    return [*steps, R.click("button", "See prices", exact=True)]


def payment_label(method_id: str) -> str:
    """The Payment method option of `method_id` in the seed store."""
    methods = store.seed()["paymentMethods"]
    return next(m["displayName"] for m in methods if m["id"] == method_id)


def book_steps(car: str, payment: str, scheduled: bool = False) -> list[Step]:
    """On the ride options: choose `car`, the payment (unless the default), and book."""
    steps = [] if car == "UdriverX" else [R.click("button", f"Choose {car},")]
    if payment != "wallet":
        steps.append(R.select("combobox", "Payment method", payment_label(payment)))
    return [*steps, R.click("button", "Schedule" if scheduled else "Request")]
