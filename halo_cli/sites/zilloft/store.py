"""Zilloft's store: the read-only listings (homes and agents from `data/`, location search,
filters, tour slots) and the per-session state (the seed, tour requests, contact-agent
entries, `differences`).

Shapes follow REAL's React store as the v2 zilloft scripts read it (SPEC §9): lists that
deep-object-diff turns into `added.tourRequests.requestTourList.{"<i>": entry}`, flat
numeric search filters, dates as `YYYY-MM-DD` (no "T") and a `createdAt` ISO time whose
day is the site's fixed "today". "Today" is Thu 2024-07-18 (America/Los_Angeles, SPEC
§0.5): tour dates start tomorrow, 2024-07-19, and never come from the wall clock.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from halo_cli.sites.diff import keyed_changes

DATA = Path(__file__).parent / "data"

TODAY = date(2024, 7, 18)
#: the site's "now" as stored in `createdAt` (10:00 am PDT)
NOW_ISO = "2024-07-18T17:00:00.000Z"
TOUR_DAYS = 7

STATE_NAMES = {"CA": "california", "MA": "massachusetts", "OR": "oregon"}
#: metro regions a person types into the search box, by city
REGIONS = {
    "bay area": ["San Jose", "San Francisco", "Oakland", "Fremont", "Hayward", "Berkeley",
                 "Palo Alto"],
    "southern california": ["Long Beach", "Huntington Beach", "Lakewood", "Los Angeles",
                            "Lancaster", "Palmdale", "San Diego", "Escondido", "Irvine",
                            "Riverside", "Anaheim"],
    "los angeles area": ["Los Angeles", "Long Beach", "Lakewood", "Lancaster", "Palmdale"],
    "orange county": ["Huntington Beach", "Irvine", "Anaheim"],
    "greater boston": ["Boston", "Cambridge"],
}
ALIASES = {
    "bay area": ["sf bay area", "san francisco bay area", "the bay area", "silicon valley",
                 "south bay", "east bay"],
    "southern california": ["socal", "so cal", "southern ca", "south california"],
    "los angeles area": ["la area", "greater los angeles", "los angeles county", "la county",
                         "los angeles metro"],
    "orange county": ["oc"],
    "greater boston": ["boston area"],
}

HOME_TYPES = {"house": "Houses", "townhouse": "Townhomes", "condo": "Condos/Co-ops",
              "apartment": "Apartments", "manufactured": "Manufactured"}
BED_CHOICES = (1, 2, 3, 4, 5)
BATH_CHOICES = (1, 2, 3, 4)
SQFT_CHOICES = (500, 750, 1000, 1250, 1500, 2000, 3000)


@dataclass(frozen=True)
class Listings:
    homes: tuple[dict, ...]
    by_id: dict[str, dict]
    agents: tuple[dict, ...]
    agent_by_id: dict[str, dict]
    keys: dict[str, frozenset[str]]  # home id -> location phrases that select it


def _norm(text: str) -> str:
    text = re.sub(r"[.\s]+", " ", text.lower().replace("#", " ")).strip(" ,")
    return re.sub(r",?\s*(usa|united states)$", "", text).strip(" ,")


def _location_keys(city: str, st: str, zipcode: str) -> frozenset[str]:
    c, s, name = city.lower(), st.lower(), STATE_NAMES.get(st, st.lower())
    keys = {c, s, name, zipcode, f"{s} {zipcode}", f"{name} {zipcode}"}
    for region, cities in REGIONS.items():
        if city in cities:
            keys |= {region, *ALIASES.get(region, [])}
    return frozenset(keys)


@lru_cache(maxsize=1)
def listings() -> Listings:
    homes = tuple(json.loads((DATA / "homes.json").read_text())["homes"])
    agents = tuple(json.loads((DATA / "agents.json").read_text())["agents"])
    keys = {h["id"]: _location_keys(h["address"]["city"], h["address"]["state"],
                                    h["address"]["zipcode"]) for h in homes}
    return Listings(homes, {h["id"]: h for h in homes}, agents, {a["id"]: a for a in agents},
                    keys)


def full_address(home: dict) -> str:
    a = home["address"]
    return f"{a['streetAddress']}, {a['city']}, {a['state']} {a['zipcode']}"


def location_matches(query: str, keys: frozenset[str], street: str = "") -> bool:
    """Whether a typed location ("Boston, MA", "SoCal", "94110", a street) selects a place."""
    q = _norm(query)
    if not q or q in keys:
        return True
    parts = [p.strip() for p in q.split(",") if p.strip()]
    street = _norm(street)
    return all(p in keys or (len(p) >= 3 and p in street)
               or (p.endswith(" area") and p[:-5] in keys) for p in parts)


def search_homes(term: str, f: dict[str, Any]) -> list[dict]:
    """Homes in `term`'s location passing the stored filters `f`."""
    data = listings()
    out = []
    for h in data.homes:
        if not location_matches(term, data.keys[h["id"]], h["address"]["streetAddress"]):
            continue
        if f.get("minPrice") is not None and h["price"] < f["minPrice"]:
            continue
        if f.get("maxPrice") is not None and h["price"] > f["maxPrice"]:
            continue
        if f.get("minBeds") is not None and h["bedrooms"] < f["minBeds"]:
            continue
        if f.get("minBaths") is not None and h["bathrooms"] < f["minBaths"]:
            continue
        if f.get("minSqft") is not None and h["livingArea"] < f["minSqft"]:
            continue
        if f.get("homeTypes") and h["homeType"] not in f["homeTypes"]:
            continue
        out.append(h)
    return out


def agents_in(location: str) -> list[dict]:
    data = listings()
    out = []
    for a in data.agents:
        keys: frozenset[str] = frozenset()
        for city in [a["city"], *a["serviceAreas"]]:
            keys |= _location_keys(city, a["state"], "")
        if location_matches(location, keys, a["name"]):
            out.append(a)
    return out


def parse_price(text: str) -> int | None:
    """"350000", "$350,000", "350k", "1.1M" -> an int; "" -> None; junk -> ValueError."""
    s = text.strip().lower().replace(",", "").replace("$", "").replace(" ", "")
    if not s:
        return None
    m = re.fullmatch(r"(\d+(?:\.\d+)?)(k|m)?", s)
    if not m:
        raise ValueError(f"not a price: {text!r}")
    value = float(m.group(1)) * {"k": 1_000, "m": 1_000_000, None: 1}[m.group(2)]
    if value > 100_000_000:
        raise ValueError(f"price out of range: {text!r}")
    return int(round(value))


def parse_choice(text: str, choices: tuple[int, ...]) -> int | None:
    """A select's value: "" -> None; one of `choices` -> int; anything else -> ValueError."""
    s = text.strip()
    if not s:
        return None
    if not s.isdigit() or int(s) not in choices:
        raise ValueError(f"not one of {choices}: {text!r}")
    return int(s)


def tour_dates() -> list[date]:
    """Tour days offered: tomorrow and the six days after it."""
    return [TODAY + timedelta(days=i) for i in range(1, TOUR_DAYS + 1)]


def time_slots() -> list[str]:
    """"9:00 AM" ... "6:00 PM" every half hour (REAL stores the label itself)."""
    out = []
    for minutes in range(9 * 60, 18 * 60 + 1, 30):
        h, m = divmod(minutes, 60)
        out.append(f"{(h - 1) % 12 + 1}:{m:02d} {'AM' if h < 12 else 'PM'}")
    return out


# -- the session's state ----------------------------------------------------------------
USER = {"name": "Jordan Rivera", "email": "jordan.rivera@example.com",
        "phone": "(408) 555-0147"}

EMPTY_FILTERS: dict[str, Any] = {"minPrice": None, "maxPrice": None, "minBeds": None,
                                 "minBaths": None, "minSqft": None, "homeTypes": []}


def seed_state() -> dict[str, Any]:
    return {
        "search": {"usersSearchTerm": "", "filters": dict(EMPTY_FILTERS, homeTypes=[])},
        "tourRequests": {"requestTourList": [], "contactAgentList": []},
    }


def _created_at(n: int) -> str:
    """The fixed "now", a minute later per entry already made (same day)."""
    now = datetime.strptime(NOW_ISO, "%Y-%m-%dT%H:%M:%S.000Z") + timedelta(minutes=n)
    return now.strftime("%Y-%m-%dT%H:%M:%S.000Z")


def home_snapshot(home: dict) -> dict[str, Any]:
    """What an entry keeps of the home (price and beds beside the address text)."""
    return {"id": home["id"], "address": dict(home["address"]),
            "fullAddress": full_address(home), "price": home["price"],
            "bedrooms": home["bedrooms"], "bathrooms": home["bathrooms"],
            "livingArea": home["livingArea"], "homeType": home["homeType"]}


def _count(state: dict[str, Any]) -> int:
    t = state["tourRequests"]
    return len(t["requestTourList"]) + len(t["contactAgentList"])


def add_tour(state: dict[str, Any], home: dict, day: str, time: str,
             form: dict[str, str]) -> dict[str, Any]:
    lst = state["tourRequests"]["requestTourList"]
    entry = {
        "id": f"tour-{len(lst) + 1}",
        "createdAt": _created_at(_count(state)),
        "homeId": home["id"],
        "agentId": home["agentId"],
        "home": home_snapshot(home),
        "requestTourData": {"options": [{"date": day, "time": time}],
                            "formValues": dict(form)},
    }
    lst.append(entry)
    return entry


def add_contact(state: dict[str, Any], agent: dict, home: dict | None, day: str, time: str,
                form: dict[str, str]) -> dict[str, Any]:
    lst = state["tourRequests"]["contactAgentList"]
    entry: dict[str, Any] = {
        "id": f"contact-{len(lst) + 1}",
        "createdAt": _created_at(_count(state)),
        "agentId": agent["id"],
        "agentName": agent["name"],
        "contactAgentData": {"formValues": dict(form),
                             "selectedDate": {"date": day, "time": time}},
    }
    if home is not None:
        entry["homeId"] = home["id"]
        entry["home"] = home_snapshot(home)
    lst.append(entry)
    return entry


def _indexed(items: list) -> dict[str, Any]:
    return {str(i): item for i, item in enumerate(items)}


def differences(initial: dict[str, Any], current: dict[str, Any]) -> dict[str, Any]:
    """`differences.{contactAgents,requestTours}.{added,deleted,updated}` keyed by index."""
    def block(key: str) -> dict[str, dict]:
        return keyed_changes(_indexed(initial["tourRequests"][key]),
                             _indexed(current["tourRequests"][key]))

    return {"differences": {"contactAgents": block("contactAgentList"),
                            "requestTours": block("requestTourList")}}
