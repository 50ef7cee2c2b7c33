"""MarriSuite's store: the hotels and destinations (`data/hotels.json`, read once), the hotel
search, the seed and the booking rule. "Today" is Thu 2024-07-18, never the wall clock."""

from __future__ import annotations

import copy
import hashlib
import json
import math
import re
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data" / "hotels.json"
TODAY = date(2024, 7, 18)
BOOKING_DAYS = 120  # how far ahead the date pickers go
MAX_NIGHTS = 30
RADIUS_MILES = 25.0
MAX_ROOMS = 4
MAX_ADULTS = 4
SORTS = {"distance": "Distance", "price": "Price: low to high", "rating": "Guest rating"}


class SearchError(ValueError):
    """A search the site refuses, with the message a guest sees."""


@lru_cache(maxsize=1)
def data() -> dict[str, Any]:
    return json.loads(DATA.read_text(encoding="utf-8"))


def hotel(hid: str) -> dict[str, Any] | None:
    found = next((h for h in data()["hotels"] if h["id"] == hid), None)
    return copy.deepcopy(found) if found else None


def room(code: str | None) -> dict[str, Any] | None:
    return next((r for r in data()["rooms"] if r["code"] == code), None)


def dates() -> list[date]:
    return [TODAY + timedelta(days=i) for i in range(BOOKING_DAYS + 1)]


def label(d: date) -> str:
    return d.strftime("%a, %b ") + f"{d.day}, {d.year}"


def parse_day(text: str) -> date:
    """An ISO date the pickers offer (ValueError otherwise)."""
    d = date.fromisoformat(text)
    if d not in dates():
        raise ValueError(f"date out of range: {text}")
    return d


def rooms_guests(rooms: int, adults: int) -> str:
    """Marriott's summary line, e.g. "1 Room, 2 Adults"."""
    return (f"{rooms} Room{'s' if rooms > 1 else ''}, "
            f"{adults} Adult{'s' if adults > 1 else ''}")


def find_destination(query: str) -> dict[str, Any] | None:
    """The destination a typed place name means: the city named in it, or one it starts."""
    q = re.sub(r"[^a-z ]+", " ", query.lower()).split()
    text = " ".join(q)
    if not text:
        return None
    for city in data()["cities"]:
        town = city["name"].split(",")[0].lower()
        if re.search(rf"\b{re.escape(town)}\b", text) or (len(text) >= 3
                                                          and town.startswith(text)):
            return copy.deepcopy(city)
    return None


def suggestions(query: str) -> list[str]:
    q = query.strip().lower()
    return [c["name"] for c in data()["cities"] if q and q[:3] in c["name"].lower()]


def miles(a: dict, b: dict) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (a["lat"], a["lon"], b["lat"], b["lon"]))
    h = (math.sin((la2 - la1) / 2) ** 2
         + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2)
    return 3958.8 * 2 * math.asin(math.sqrt(h))


def nights(check_in: date, check_out: date) -> list[str]:
    return [(check_in + timedelta(days=i)).isoformat()
            for i in range((check_out - check_in).days)]


def search(city: dict, check_in: date, check_out: date, sort: str,
           available_only: bool) -> list[dict[str, Any]]:
    """Hotels within 25 miles of `city`, each with distance, nightly rate and availability."""
    stay = set(nights(check_in, check_out))
    out = []
    for h in data()["hotels"]:
        dist = miles(city, h)
        if dist > RADIUS_MILES:
            continue
        free = not stay & set(h["soldOutNights"])
        if available_only and not free:
            continue
        out.append({"id": h["id"], "name": h["name"], "address": h["address"],
                    "distanceMiles": round(dist, 1), "rating": h["rating"],
                    "pricePerNight": h["fromPrice"], "available": free})
    keys = {"distance": lambda r: r["distanceMiles"], "price": lambda r: r["pricePerNight"],
            "rating": lambda r: -r["rating"]}
    return sorted(out, key=keys.get(sort, keys["distance"]))


def check_stay(check_in: date, check_out: date) -> None:
    if check_out <= check_in:
        raise SearchError("Check-out must be after check-in.")
    if (check_out - check_in).days > MAX_NIGHTS:
        raise SearchError(f"Stays are limited to {MAX_NIGHTS} nights.")


def seed_state() -> dict[str, Any]:
    tomorrow = TODAY + timedelta(days=1)
    return {
        "search": {"destination": "", "checkIn": TODAY.isoformat(),
                   "checkOut": tomorrow.isoformat(), "rooms": 1, "adults": 1,
                   "roomsGuests": rooms_guests(1, 1), "sortBy": "distance",
                   "availableOnly": False, "results": [], "resultCount": 0},
        "booking": {"reservations": []},
        "user": copy.deepcopy(data()["user"]),
    }


def book(state: dict[str, Any], key: str, h: dict[str, Any], room: dict[str, Any],
         stay: dict[str, str], guest: str, email: str, total: int) -> int:
    """Append a confirmed reservation to `booking.reservations`; its index. The confirmation
    number is derived from `key` (the session's id) and the reservation count."""
    rs = state["booking"]["reservations"]
    digest = hashlib.sha256(f"{key}:{len(rs)}".encode()).hexdigest()
    rs.append({"status": "Reservation confirmed",
               "confirmationNumber": str(70000000 + int(digest[:8], 16) % 29999999),
               "hotelId": h["id"], "hotelName": h["name"], "roomName": room["name"],
               **stay, "guest": guest, "email": email, "total": total})
    return len(rs) - 1
