"""UDriver's store: places, the place search, prices, bookings, the wallet (and `data/`).

Prices follow REAL's formula, which udriver-20 recomputes from `config.udriver.cars`:
`finalPrice = (pickup.basePrice + destination.basePrice) * multiplier * (1 - discount)`,
no fees. "Now" is fixed at Thu 7/18/2024, 2:05 PM (PDT); the wall clock is never read.
"""

from __future__ import annotations

import copy
import json
import re
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data"
TODAY = date(2024, 7, 18)
NOW_MINUTES = 14 * 60 + 5  # 2:05 PM
MIN_LEAD_MINUTES = 15  # a scheduled pickup is at least this far ahead
SCHEDULE_DAYS = 30
TOPUP_AMOUNTS = (25, 50, 100)
TOPUP_MIN, TOPUP_MAX = 5.0, 500.0


class RideError(ValueError):
    """A request the site refuses, with the message a user sees."""


@lru_cache(maxsize=1)
def seed() -> dict[str, Any]:
    return json.loads((DATA / "seed.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def locations() -> tuple[dict[str, Any], ...]:
    return tuple(json.loads((DATA / "locations.json").read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def _by_id() -> dict[int, dict[str, Any]]:
    return {loc["id"]: loc for loc in locations()}


def location(loc_id: int) -> dict[str, Any] | None:
    """A fresh copy of the place with `loc_id`, or None."""
    loc = _by_id().get(loc_id)
    return copy.deepcopy(loc) if loc else None


# -- dates and times -----------------------------------------------------------------------
def mdy(d: date) -> str:
    return f"{d.month}/{d.day}/{d.year}"


def clock(minutes: int) -> str:
    h, m = divmod(minutes, 60)
    return f"{(h % 12) or 12}:{m:02d} {'AM' if h < 12 else 'PM'}"


def schedule_dates() -> list[tuple[str, str]]:
    """(value "M/D/YYYY", label "Thu, Jul 18") for the days a ride can be scheduled."""
    days = [TODAY + timedelta(days=i) for i in range(SCHEDULE_DAYS)]
    return [(mdy(d), d.strftime("%a, %b ") + str(d.day)) for d in days]


def schedule_times() -> list[str]:
    return [clock(m) for m in range(0, 24 * 60, 15)]


def _minutes(text: str) -> int:
    return schedule_times().index(text) * 15


def check_when(pickup_date: str, pickup_time: str) -> tuple[str, str]:
    """Validated (pickupDate, pickupTime): "Now" means today, right away."""
    if pickup_time == "Now":
        return mdy(TODAY), "Now"
    if pickup_time not in schedule_times():
        raise RideError("Choose a pickup time from the list.")
    if pickup_date not in dict(schedule_dates()):
        raise RideError("Choose a pickup date within the next 30 days.")
    if pickup_date == mdy(TODAY) and _minutes(pickup_time) < NOW_MINUTES + MIN_LEAD_MINUTES:
        raise RideError("A scheduled pickup must be at least 15 minutes from now.")
    return pickup_date, pickup_time


# -- place search --------------------------------------------------------------------------
_ABBREV = {"street": "st", "avenue": "ave", "boulevard": "blvd", "drive": "dr",
           "seven": "7", "eleven": "11", "711": "7 11"}
_STOP = {"and", "the", "at", "to", "a", "of", "in", "on", "ca", "usa", "any"}


def _tokens(text: str) -> list[str]:
    words = re.findall(r"[a-z0-9]+", text.lower().replace("7/11", "7 11"))
    out: list[str] = []
    for w in words:
        out += _ABBREV.get(w, w).split()
    return out


def _hit(q: str, hay: list[str]) -> bool:
    stems = {q, q[:-1] if q.endswith("s") and len(q) > 3 else q}
    return any(h.startswith(s) or (len(h) >= 4 and s.startswith(h)) for s in stems for h in hay)


def search(query: str, limit: int = 6) -> list[dict[str, Any]]:
    """Places matching `query` like a typeahead: every word, else the closest ones."""
    want = [t for t in _tokens(query) if t not in _STOP]
    if not want:
        return []
    scored = []
    for loc in locations():
        hay = _tokens(f"{loc['name']} {loc['address']}")
        hits = sum(_hit(q, hay) for q in want)
        if hits:
            exact = loc["name"].lower() == query.strip().lower()
            scored.append((-int(exact), -hits, loc["name"], loc["id"], loc))
    scored.sort(key=lambda s: s[:4])
    full = [s for s in scored if -s[1] == len(want)]
    return [copy.deepcopy(s[4]) for s in (full or scored)[:limit]]


# -- prices --------------------------------------------------------------------------------
def price(pickup: dict, dropoff: dict, cfg: dict[str, Any]) -> dict[str, float]:
    base = float(pickup["basePrice"]) + float(dropoff["basePrice"])
    pre = base * float(cfg.get("multiplier", 1))
    return {"priceWithoutDiscount": round(pre, 2),
            "finalPrice": round(pre * (1 - float(cfg.get("discount", 0))), 2)}


def cars(state: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The car types on offer: `config.udriver.cars` as recorded by /config."""
    return state.get("config", {}).get("udriver", {}).get("cars") or seed()["cars"]


def options(state: dict[str, Any]) -> list[dict[str, Any]]:
    """Each car type with its seats, ETA and price for the chosen route."""
    ride = state["ride"]
    if not (ride.get("pickupLocation") and ride.get("dropoffLocation")):
        return []
    info = seed()["carInfo"]
    out = []
    for ctype, cfg in cars(state).items():
        extra = info.get(ctype, {"seats": 4, "description": "", "eta": 6})
        out.append({"type": ctype, **extra, "discount": float(cfg.get("discount", 0)),
                    **price(ride["pickupLocation"], ride["dropoffLocation"], cfg)})
    return out


# -- the seed store ------------------------------------------------------------------------
def _pm_ref(method: dict[str, Any]) -> dict[str, Any]:
    return {k: method[k] for k in ("id", "type", "displayName")}


def _trip(tid: int, pickup: dict, dest: dict, ctype: str, cfg: dict, info: dict,
          method: dict, when: tuple[str, str], driver: dict, status: str) -> dict[str, Any]:
    return {"id": tid, "status": status, "pickup": pickup, "destination": dest,
            "car": {"type": ctype, **price(pickup, dest, cfg), "seats": info["seats"]},
            "paymentMethod": _pm_ref(method), "date": when[0], "time": when[1],
            "driver": copy.deepcopy(driver)}


def _date_key(mdy_text: str) -> tuple[int, int, int]:
    m, d, y = (int(x) for x in mdy_text.split("/"))
    return y, m, d


def seed_state() -> dict[str, Any]:
    """A fully hydrated store: the user, wallet and past trips (see `skeleton`)."""
    s = copy.deepcopy(seed())
    methods = {m["id"]: m for m in s["paymentMethods"]}
    trips, debits = [], []
    for i, h in enumerate(s["history"], start=1):
        pickup, dest = location(h["pickup"]), location(h["destination"])
        trip = _trip(i, pickup, dest, h["car"], s["cars"][h["car"]], s["carInfo"][h["car"]],
                     methods[h["payment"]], (h["date"], h["time"]),
                     s["drivers"][i % len(s["drivers"])], "completed")
        trips.append(trip)
        if h["payment"] == "wallet":
            debits.append({"type": "debit", "amount": -trip["car"]["finalPrice"],
                           "description": f"Trip to {dest['name']}", "date": h["date"],
                           "paymentMethodId": "wallet"})
    credits = [{"type": "credit", **c} for c in s["credits"]]
    order = sorted(credits + debits, key=lambda t: _date_key(t["date"]))
    txs = [{"id": f"tx-{1001 + i}", **t} for i, t in enumerate(order)]
    wallet_pm = methods["wallet"]
    return {
        "user": {**s["user"], "wallet": {"balance": s["openingBalance"], "currency": "USD",
                                         "transactions": txs,
                                         "paymentMethods": s["paymentMethods"]}},
        "ride": {"trips": trips, "trip": None, "pickupLocation": None, "dropoffLocation": None,
                 "pickupDate": mdy(TODAY), "pickupTime": "Now", "selectedCar": "UdriverX",
                 "calculatedPrice": None, "selectedPaymentMethod": copy.deepcopy(wallet_pm),
                 "bookedTrip": None, "bookedTrips": []},
    }


# -- actions -------------------------------------------------------------------------------
def set_place(state: dict[str, Any], role: str, loc: dict[str, Any]) -> None:
    """Choose `loc` (from `location`) as the pickup or dropoff; prices are asked again."""
    key = "pickupLocation" if role == "pickup" else "dropoffLocation"
    state["ride"][key] = loc
    state["ride"]["calculatedPrice"] = None


def see_prices(state: dict[str, Any], pickup_date: str, pickup_time: str) -> None:
    ride = state["ride"]
    if not (ride.get("pickupLocation") and ride.get("dropoffLocation")):
        raise RideError("Choose a pickup and a dropoff location first.")
    if ride["pickupLocation"]["id"] == ride["dropoffLocation"]["id"]:
        raise RideError("Pickup and dropoff must be different places.")
    ride["pickupDate"], ride["pickupTime"] = check_when(pickup_date, pickup_time)
    if ride.get("selectedCar") not in cars(state):
        ride["selectedCar"] = next(iter(cars(state)))
    select_car(state, ride["selectedCar"])


def select_car(state: dict[str, Any], ctype: str) -> None:
    """Choose the car type `ctype` (one of `cars(state)`) for the chosen route."""
    opts = {o["type"]: o for o in options(state)}
    state["ride"]["selectedCar"] = ctype
    state["ride"]["calculatedPrice"] = {k: opts[ctype][k]
                                        for k in ("priceWithoutDiscount", "finalPrice")}


def payment_method(state: dict[str, Any], pm_id: str) -> dict[str, Any] | None:
    return next((m for m in state["user"]["wallet"]["paymentMethods"] if m["id"] == pm_id), None)


def find_trip(state: dict[str, Any], tid: int) -> dict[str, Any] | None:
    """The past or booked trip with id `tid`, or None."""
    ride = state["ride"]
    return next((t for t in [*ride["trips"], *ride["bookedTrips"]] if t["id"] == tid), None)


def _next_trip_id(ride: dict[str, Any]) -> int:
    return 1 + max((t["id"] for t in [*ride["trips"], *ride["bookedTrips"]]), default=0)


def _tx(wallet: dict[str, Any], **fields: Any) -> None:
    wallet["transactions"].append({"id": f"tx-{1001 + len(wallet['transactions'])}", **fields})


def request_ride(state: dict[str, Any], method: dict[str, Any]) -> dict[str, Any]:
    """Book the selected ride, paid with `method`: now (a completed trip, charged) or
    scheduled."""
    ride, wallet = state["ride"], state["user"]["wallet"]
    if not ride.get("calculatedPrice"):
        raise RideError("See prices for a pickup and dropoff first.")
    opt = next(o for o in options(state) if o["type"] == ride["selectedCar"])
    now = ride["pickupTime"] == "Now"
    if now and method["type"] == "wallet" and wallet["balance"] + 1e-9 < opt["finalPrice"]:
        raise RideError(f"Not enough UDriver Credits: this {opt['type']} ride costs "
                        f"${opt['finalPrice']:.2f} and your balance is ${wallet['balance']:.2f}. "
                        "Choose another ride or payment method, or add funds.")
    tid = _next_trip_id(ride)
    drivers = seed()["drivers"]
    when = (mdy(TODAY), clock(NOW_MINUTES)) if now else (ride["pickupDate"], ride["pickupTime"])
    trip = _trip(tid, copy.deepcopy(ride["pickupLocation"]),
                 copy.deepcopy(ride["dropoffLocation"]), opt["type"],
                 cars(state)[opt["type"]], opt, method, when, drivers[tid % len(drivers)],
                 "completed" if now else "scheduled")
    ride["selectedPaymentMethod"] = copy.deepcopy(method)
    if not now:
        ride["bookedTrip"] = trip
        ride["bookedTrips"].append(copy.deepcopy(trip))
        return trip
    ride["trips"].append(trip)
    ride["trip"] = copy.deepcopy(trip)
    if method["type"] == "wallet":
        fare = trip["car"]["finalPrice"]
        wallet["balance"] = round(wallet["balance"] - fare, 2)
        _tx(wallet, type="debit", amount=-fare, description=f"Trip to {trip['destination']['name']}",
            date=mdy(TODAY), paymentMethodId="wallet")
    return trip


def top_up(state: dict[str, Any], amount: float, method: dict[str, Any] | None) -> None:
    """Add `amount` to the wallet, paid with the card `method`."""
    wallet = state["user"]["wallet"]
    if method is None or method["type"] != "credit":
        raise RideError("Add funds with a card on your account.")
    if not TOPUP_MIN <= amount <= TOPUP_MAX:
        raise RideError(f"Enter an amount from ${TOPUP_MIN:.0f} to ${TOPUP_MAX:.0f}.")
    amount = round(amount, 2)
    wallet["balance"] = round(wallet["balance"] + amount, 2)
    _tx(wallet, type="credit", amount=amount, description="Wallet Top-up", date=mdy(TODAY),
        paymentMethodId=method["id"])


def set_default(state: dict[str, Any], method: dict[str, Any]) -> None:
    """Make `method` the default payment method (and the one a ride is paid with)."""
    for m in state["user"]["wallet"]["paymentMethods"]:
        m["isDefault"] = m["id"] == method["id"]
    state["ride"]["selectedPaymentMethod"] = copy.deepcopy(method)


def add_card(state: dict[str, Any], number: str, expiry: str) -> dict[str, Any]:
    digits = re.sub(r"[\s-]", "", number)
    if not re.fullmatch(r"\d{13,19}", digits):
        raise RideError("Enter a card number of 13 to 19 digits.")
    m = re.fullmatch(r"\s*(0[1-9]|1[0-2])\s*/\s*(\d{2})\s*", expiry)
    if not m or int(m.group(2)) < 24:
        raise RideError("Enter a valid expiry date as MM/YY.")
    brand = {"4": "Visa", "5": "Mastercard", "3": "Amex"}.get(digits[0], "Card")
    methods = state["user"]["wallet"]["paymentMethods"]
    new_id = str(1 + max((int(x["id"]) for x in methods if x["id"].isdigit()), default=0))
    card = {"id": new_id, "type": "credit", "brand": brand, "last4": digits[-4:],
            "expiry": f"{m.group(1)}/{m.group(2)}",
            "displayName": f"{brand} •••• {digits[-4:]}", "isDefault": False}
    methods.append(card)
    return card
