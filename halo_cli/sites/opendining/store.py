"""OpenDining's store: the restaurants (`data/restaurants.json`, read-only, shared by all
sessions), their time slots, the fixed calendar ("today" is Fri 2025-07-18 in San Francisco,
PDT, never the wall clock), the seed and the rules that change a session's state."""

from __future__ import annotations

import copy
import json
import re
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data" / "restaurants.json"

TODAY = date(2025, 7, 18)
#: bookable dates: today and the next 90 days (all within PDT, which ends Nov 2)
DAYS_AHEAD = 90
#: times offered by the search widget: 7:00 AM to 11:00 PM, every half hour
TIMES = list(range(7 * 60, 23 * 60 + 1, 30))
DEFAULT_TIME = 19 * 60
MAX_PARTY = 12
#: fields of a restaurant copied into a reservation (what REAL's store keeps)
DETAIL_FIELDS = ("id", "name", "food_type", "rating", "description", "imageUrl",
                 "neighborhood", "price", "address")
OCCASIONS = ("Birthday", "Anniversary", "Date night", "Business meal", "Celebration")

USER = {"firstName": "Jordan", "lastName": "Lee", "tel": "(415) 555-0134",
        "email": "jordan.lee@example.com"}
CONTACT_FIELDS = ("firstName", "lastName", "tel", "email")

STOPWORDS = frozenset("a an and at for in me my of on or the to with restaurant restaurants "
                      "food place places near sf san francisco".split())


def _minutes(hhmm: str) -> int:
    h, m = hhmm.split(":")
    return int(h) * 60 + int(m)


@lru_cache(maxsize=1)
def restaurants() -> tuple[dict[str, Any], ...]:
    """Every restaurant, in the data file's order."""
    return tuple(json.loads(DATA.read_text(encoding="utf-8")))


def restaurant(rid: str) -> dict[str, Any] | None:
    return next((r for r in restaurants() if r["id"] == rid), None)


# -- dates, times, party sizes ---------------------------------------------------------------
def last_date() -> date:
    return TODAY + timedelta(days=DAYS_AHEAD)


def parse_date(value: str | None) -> date | None:
    """An ISO date (`2025-09-29`, or the store's `2025-09-29T07:00:00.000Z`) in range."""
    if not value or not re.fullmatch(r"\d{4}-\d{2}-\d{2}(T[0-9:.]+Z)?", value):
        return None
    try:
        d = date.fromisoformat(value[:10])
    except ValueError:
        return None
    return d if TODAY <= d <= last_date() else None


def iso_date(d: date) -> str:
    """The store's date: local midnight in San Francisco (PDT, UTC-7) as UTC."""
    return f"{d.isoformat()}T07:00:00.000Z"


def long_date(d: date) -> str:
    return f"{d:%a}, {d:%b} {d.day}, {d.year}"


def parse_time(value: str | None) -> int | None:
    """`19:00` or `7:00 PM` to minutes after midnight (on the hour or half hour only)."""
    if not value:
        return None
    s = value.strip().upper()
    m = re.fullmatch(r"(\d{1,2}):(\d{2})(?:\s*([AP])M)?", s)
    if not m:
        return None
    h, mi = int(m.group(1)), int(m.group(2))
    if m.group(3):
        if not 1 <= h <= 12:
            return None
        h = h % 12 + (12 if m.group(3) == "P" else 0)
    return h * 60 + mi if h < 24 and mi in (0, 30) else None


def label_time(t: int) -> str:
    """Minutes after midnight as the store writes times: `7:00 PM`, `12:30 PM`."""
    h, m = divmod(t, 60)
    return f"{(h % 12) or 12}:{m:02d} {'AM' if h < 12 else 'PM'}"


def value_time(t: int) -> str:
    return f"{t // 60:02d}:{t % 60:02d}"


def parse_party(value: str | None) -> int | None:
    try:
        n = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return n if 1 <= n <= MAX_PARTY else None


def guests(n: int) -> str:
    return "1 person" if n == 1 else f"{n} people"


# -- availability ----------------------------------------------------------------------------
def open_slots(r: dict[str, Any], party: int) -> list[int]:
    """Bookable times (every half hour from opening to last seating), the same every day."""
    if party > r["maxParty"]:
        return []
    full = {_minutes(t) for t in r["fullyBooked"]}
    return [t for t in range(_minutes(r["opens"]), _minutes(r["closes"]) + 1, 30) if t not in full]


def is_open_at(r: dict[str, Any], t: int) -> bool:
    return _minutes(r["opens"]) <= t <= _minutes(r["closes"])


def near_slots(r: dict[str, Any], party: int, t: int, count: int = 5) -> list[int]:
    """The `count` open slots nearest to `t`, in time order (OpenTable's row of buttons)."""
    slots = open_slots(r, party)
    return sorted(sorted(slots, key=lambda s: (abs(s - t), s))[:count])


def hours_text(r: dict[str, Any]) -> str:
    return (f"{label_time(_minutes(r['opens']))} to {label_time(_minutes(r['closes']))} "
            f"(last seating)")


# -- sections and search ---------------------------------------------------------------------
def top_rated(n: int = 6) -> list[dict[str, Any]]:
    return sorted(restaurants(), key=lambda r: (-r["rating"], -r["reviews"]))[:n]


def lunch_now(n: int = 8) -> list[dict[str, Any]]:
    """Open over lunch (noon to 2 PM), best rated first."""
    open_ = [r for r in restaurants() if _minutes(r["opens"]) <= 12 * 60
             and _minutes(r["closes"]) >= 14 * 60]
    return sorted(open_, key=lambda r: (-r["rating"], -r["reviews"]))[:n]


def in_neighborhood(name: str) -> list[dict[str, Any]]:
    return [r for r in restaurants() if r["neighborhood"] == name]


def _words(text: str) -> list[str]:
    folded = text.lower().replace("\u00e9", "e")
    return [w for w in re.findall(r"[a-z0-9]+", folded)]


def search(query: str) -> list[dict[str, Any]]:
    """Restaurants whose name, cuisine, neighborhood or description hold every query word
    (a trailing plural "s" is forgiven); an empty query lists them all."""
    want = [w for w in _words(query) if w not in STOPWORDS]
    if not want:
        return list(restaurants())
    hits = []
    for r in restaurants():
        have = set(_words(" ".join((r["name"], r["food_type"], r["neighborhood"],
                                    r["description"]))))
        have |= {w.rstrip("s") for w in have}
        if all(w in have or w.rstrip("s") in have for w in want):
            hits.append(r)
    return hits


def detail_restaurant(r: dict[str, Any]) -> dict[str, Any]:
    return {k: r[k] for k in DETAIL_FIELDS}


# -- the session's state ---------------------------------------------------------------------
def seed_state() -> dict[str, Any]:
    return {
        "booking": {"date": iso_date(TODAY), "time": label_time(DEFAULT_TIME),
                    "guests": guests(2), "bookingDetails": [],
                    "bookingCompleted": False, "loading": False},
        "notification": {"notifications": []},
        "search": {"query": ""},
        "user": copy.deepcopy(USER),
    }


def set_widget(state: dict[str, Any], d: date, t: int, party: int) -> None:
    """The search widget's date, time and party size."""
    state["booking"].update(date=iso_date(d), time=label_time(t), guests=guests(party))


def book(state: dict[str, Any], r: dict[str, Any], d: date, t: int, party: int,
         values: dict[str, str]) -> int:
    """Append a reservation (contact fields, occasion and special request from `values`),
    mark the booking completed; the reservation's number (1, 2, ...)."""
    b = state["booking"]
    b["bookingDetails"].append({
        "restaurant": detail_restaurant(r),
        "date": iso_date(d), "time": label_time(t), "guests": guests(party),
        "optionals": {"occasion": values["occasion"],
                      "specialRequest": values["specialRequest"]},
        **{k: values[k] for k in CONTACT_FIELDS},
    })
    number = len(b["bookingDetails"])
    set_widget(state, d, t, party)
    b.update(bookingCompleted=True, loading=False, index=number)
    return number


def add_alert(state: dict[str, Any], r: dict[str, Any], d: date, t: int, party: int) -> None:
    """A "Notify me" alert for a fully booked time."""
    state["notification"]["notifications"].append({
        "restaurantName": r["name"], "restaurantId": r["id"], "date": iso_date(d),
        "time": label_time(t), "guests": guests(party)})
