"""StayNB's catalogue of stays, destination suggestions and the search/filter state logic.

The store keeps what the real React site keeps (and what REAL's scripts read):
`search.appliedDestination`, `search.appliedDates.{startDate,endDate}` (ISO strings),
`search.appliedGuestCounts.{Adults,Children,Infants,Pets}` (ints), `search.appliedFilters`
(written only when the Filters form is applied) and `search.recentSearches` (appended).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent.parent / "data" / "stays.json"

#: "today" for every session (REAL's v2 data points to Thu 2024-07-18, Los Angeles)
TODAY = date(2024, 7, 18)
LAST_DAY = date(2025, 12, 31)

#: the "Where" suggestions, in the order the site lists them
SUGGESTIONS = [
    "Nearby", "Austria", "Paris, France", "Provence, France", "Rome, Italy",
    "San Francisco, California", "San Jose, California", "San Jose, Costa Rica",
    "Miami, Florida", "Vancouver, Canada", "Cape Town, South Africa", "Delhi, India",
]
SUGGESTION_NOTES = {"Nearby": "Find what's around you"}

AMENITIES = ["Wifi", "Kitchen", "Washer", "Air conditioning", "Heating", "TV",
             "Free parking", "Pool", "Hot tub"]
ROOM_KEYS = ("bedrooms", "beds", "bathrooms")
GUEST_KEYS = ("Adults", "Children", "Infants", "Pets")
GUEST_LIMITS = {"Adults": 16, "Children": 15, "Infants": 5, "Pets": 5}
ROOM_MAX = 8
PRICE_MAX = 10000
#: the stays the home page shows as guest favourites, in order
POPULAR = ("126", "112", "121", "140", "151", "117")


class FormError(ValueError):
    """A search, filter or booking form a person filled in wrongly (shown on the page)."""


@lru_cache(maxsize=1)
def stays() -> tuple[dict[str, Any], ...]:
    return tuple(json.loads(DATA.read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def by_id() -> dict[str, dict[str, Any]]:
    return {s["id"]: s for s in stays()}


def popular() -> list[dict[str, Any]]:
    """The home page's guest favourites."""
    return [by_id()[i] for i in POPULAR]


def _norm(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def canonical_destination(typed: str) -> str:
    """What the Where box holds after typing `typed`: the matching suggestion when exactly
    one fits (the site's autocomplete), else the text as typed."""
    text = " ".join(typed.split())
    want = _norm(text)
    if not want:
        return text
    if want in ("near", "nearby", "near me", "around me", "nearby places"):
        return "Nearby"
    exact = [s for s in SUGGESTIONS if _norm(s) == want]
    if exact:
        return exact[0]
    starts = [s for s in SUGGESTIONS if _norm(s).startswith(want + " ") or _norm(s) == want]
    return starts[0] if len(starts) == 1 else text


def place_text(stay: dict[str, Any]) -> str:
    return f"{stay['city']}, {stay['region']}, {stay['country']}"


def matches_destination(stay: dict[str, Any], dest: str) -> bool:
    if dest == "Nearby":
        return stay["destination"] == "Nearby"
    if dest in SUGGESTIONS:
        return stay["destination"] == dest or (
            "," not in dest and _norm(stay["country"]) == _norm(dest))
    words = _norm(dest).split()
    hay = _norm(f"{place_text(stay)} {stay['destination']}").split()
    return bool(words) and all(w in hay for w in words)


@dataclass(frozen=True)
class Query:
    """The applied search and filters, read from a session's `search` store."""

    destination: str | None
    start: date | None
    end: date | None
    guests: dict[str, int]
    filters: dict[str, Any]

    @property
    def people(self) -> int:
        return self.guests.get("Adults", 0) + self.guests.get("Children", 0)

    @property
    def nights(self) -> int:
        if self.start is None or self.end is None:
            return 1
        return max(1, (self.end - self.start).days)


def iso(d: date) -> str:
    return f"{d.isoformat()}T00:00:00.000Z"


def parse_iso(value: Any) -> date | None:
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def query_of(search: dict[str, Any]) -> Query:
    dates = search.get("appliedDates") or {}
    counts = search.get("appliedGuestCounts") or {}
    return Query(destination=search.get("appliedDestination"),
                 start=parse_iso(dates.get("startDate")), end=parse_iso(dates.get("endDate")),
                 guests={k: int(counts.get(k, 0) or 0) for k in GUEST_KEYS},
                 filters=dict(search.get("appliedFilters") or {}))


def results(q: Query) -> list[dict[str, Any]]:
    """Stays matching the applied search and filters, best rated first."""
    f = q.filters
    wanted = set(f.get("amenities") or [])
    found = []
    for s in stays():
        if q.destination and not matches_destination(s, q.destination):
            continue
        if q.people and s["maxGuests"] < q.people:
            continue
        if not wanted <= set(s["amenities"]):
            continue
        if any(s["rooms"][k] < int(f.get(k) or 0) for k in ROOM_KEYS):
            continue
        if f.get("minPrice") is not None and s["price"] < f["minPrice"]:
            continue
        if f.get("maxPrice") is not None and s["price"] > f["maxPrice"]:
            continue
        found.append(s)
    return sorted(found, key=lambda s: (-s["rating"], s["id"]))


def parse_date_field(value: str, label: str) -> date | None:
    value = value.strip()
    if not value:
        return None
    try:
        d = date.fromisoformat(value)
    except ValueError:
        raise FormError(f"{label}: enter a date as YYYY-MM-DD.") from None
    if d < TODAY:
        raise FormError(f"{label}: that date has passed (today is {TODAY:%B} {TODAY.day}, "
                        f"{TODAY.year}).")
    if d > LAST_DAY:
        raise FormError(f"{label}: stays can be booked until {LAST_DAY:%B %d, %Y}.")
    return d


def parse_dates(checkin: str, checkout: str) -> tuple[date | None, date | None]:
    """Check-in and check-out; a check-in alone means a stay starting and ending that day."""
    start = parse_date_field(checkin, "Check in")
    end = parse_date_field(checkout, "Check out")
    if end is not None and start is None:
        raise FormError("Check in: choose a check-in date first.")
    if start is not None and end is None:
        end = start
    if start and end and end < start:
        raise FormError("Check out: must be on or after check-in.")
    return start, end


def parse_count(value: str, key: str) -> int:
    value = value.strip()
    if not value:
        return 0
    if not re.fullmatch(r"[0-9]{1,3}", value):
        raise FormError(f"{key}: enter a number.")
    n = int(value)
    if not 0 <= n <= GUEST_LIMITS[key]:
        raise FormError(f"{key}: choose between 0 and {GUEST_LIMITS[key]}.")
    return n


def parse_guests(form: Any) -> dict[str, int]:
    counts = {k: parse_count(form.get(k.lower(), ""), k) for k in GUEST_KEYS}
    if counts["Adults"] == 0 and any(counts[k] for k in GUEST_KEYS[1:]):
        raise FormError("Adults: children, infants and pets need at least one adult.")
    return counts


def guests_label(counts: dict[str, int]) -> str:
    people = counts.get("Adults", 0) + counts.get("Children", 0)
    if not people:
        return "Add guests"
    parts = [f"{people} guest{'s' if people != 1 else ''}"]
    for key, word in (("Infants", "infant"), ("Pets", "pet")):
        if counts.get(key):
            parts.append(f"{counts[key]} {word}{'s' if counts[key] != 1 else ''}")
    return ", ".join(parts)


def dates_label(start: date | None, end: date | None) -> str:
    if start is None:
        return "Any week"
    if end is None or end == start:
        return f"{start:%b} {start.day}, {start.year}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start:%b} {start.day} – {end.day}, {start.year}"
    return f"{start:%b} {start.day}, {start.year} – {end:%b} {end.day}, {end.year}"


def apply_search(search: dict[str, Any], where: str, start: date | None, end: date | None,
                 counts: dict[str, int]) -> None:
    """Write the applied search into the store (filters are kept, as on the real site)."""
    dest = canonical_destination(where)
    dates = {"startDate": iso(start), "endDate": iso(end or start)} if start else None
    search["appliedDestination"] = dest
    search["appliedDates"] = dates
    search["appliedGuestCounts"] = dict(counts)
    search.setdefault("recentSearches", []).append(
        {"destination": dest, "dates": dict(dates) if dates else None,
         "guests": guests_label(counts)})


def parse_price(value: str, label: str) -> int | None:
    value = value.strip().lstrip("$").replace(",", "")
    if not value:
        return None
    try:
        n = int(float(value))
    except (ValueError, OverflowError):
        raise FormError(f"{label}: enter an amount in dollars.") from None
    if not 0 <= n <= PRICE_MAX:
        raise FormError(f"{label}: choose between $0 and ${PRICE_MAX:,}.")
    return n


def parse_filters(form: Any) -> dict[str, Any]:
    """The Filters form as `appliedFilters`. Unknown amenity names are a malformed request."""
    chosen = form.getlist("amenity")
    unknown = [a for a in chosen if a not in AMENITIES]
    if unknown:
        raise FormError(f"Amenities: unknown amenity {unknown[0][:40]!r}.")
    rooms = {}
    for key in ROOM_KEYS:
        raw = form.get(key, "").strip() or "0"
        if not re.fullmatch(r"[0-9]{1,2}", raw) or int(raw) > ROOM_MAX:
            raise FormError(f"{key.capitalize()}: choose Any or 1 to {ROOM_MAX}.")
        rooms[key] = int(raw)
    lo = parse_price(form.get("min_price", ""), "Minimum price")
    hi = parse_price(form.get("max_price", ""), "Maximum price")
    if lo is not None and hi is not None and hi < lo:
        raise FormError("Maximum price: must be at least the minimum price.")
    return {"amenities": [a for a in AMENITIES if a in chosen], **rooms,
            "minPrice": lo, "maxPrice": hi}


def snapshot(stay: dict[str, Any]) -> dict[str, Any]:
    """What a wishlist stores about a stay."""
    return {"id": stay["id"], "title": stay["title"], "city": stay["city"],
            "country": stay["country"], "price": stay["price"], "rating": stay["rating"],
            "rooms": dict(stay["rooms"]), "amenities": list(stay["amenities"]),
            "maxGuests": stay["maxGuests"]}
