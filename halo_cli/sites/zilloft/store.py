"""Zilloft's store: the seed, the tour-request and contact-agent entries, `differences`.

Shapes follow REAL's React store as the v2 zilloft scripts read it (SPEC §9): lists that
deep-object-diff turns into `added.tourRequests.requestTourList.{"<i>": entry}`, flat
numeric search filters, dates as `YYYY-MM-DD` (no "T") and a `createdAt` ISO time whose
day is the site's fixed "today".
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from halo_cli.sites.diff import keyed_changes
from halo_cli.sites.zilloft.listings import NOW_ISO, full_address

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
