"""What OpenDining's task templates share: which bookings a reference may make (none that
one of REAL's v2 opendining scripts would accept: `clashes`), drawing from the replica's
restaurants, reading reservations and alerts off `/finish`, booking through the site's
handlers, and the browser steps that search and book.
"""

from __future__ import annotations

import random
import re
from datetime import date, timedelta
from typing import Any

from halo_cli.sites import reference as R
from halo_cli.sites.opendining import store as C
from halo_cli.sites.reference import Step
from halo_cli.sites.templates import SiteClient, Template, Verdict

TODAY = C.TODAY
COMPLETE = "Complete reservation"
#: party sizes, weighted toward what people book
PARTIES = (1, 2, 2, 2, 3, 3, 4, 4, 4, 5, 6, 6, 7, 8, 10)

# -- the replica's data ----------------------------------------------------------------------


def rest(rid: str) -> dict[str, Any]:
    """The restaurant with id `rid`."""
    r = C.restaurant(rid)
    if r is None:
        raise KeyError(f"opendining has no restaurant {rid!r}")
    return r


def clashes(r: dict[str, Any], d: date, t: int, party: int, occasion: str = "") -> bool:
    """Whether booking `r` this way would pass one of REAL's v2 opendining scripts."""
    italian = r["food_type"] == "Italian"
    return (r["neighborhood"] == "Embarcadero"                       # 7 (and 12)
            or (21 * 60 <= t < 22 * 60 and r["rating"] >= 3.5)       # 4: the 9 PM hour
            or (t < 10 * 60 and r["rating"] >= 3)                     # 9: breakfast 7-10 AM
            or t == 17 * 60                                            # 20: any booking at 5 PM
            or (t == 13 * 60 + 30 and d == TODAY)                     # 6
            or (italian and t in (12 * 60 + 30, 15 * 60, 15 * 60 + 30))  # 24, 1
            or (occasion == "Birthday" and party == 2)                # 2, 5
            or (occasion == "Business meal" and party == 6 and 20 * 60 <= t <= 22 * 60))  # 17


def cross_clash(r1: dict[str, Any], t1: int, r2: dict[str, Any], t2: int) -> bool:
    """Whether two reservations together pass task 24 (a 12:30 PM one and an Italian one)."""
    lunch = 12 * 60 + 30
    return (t1 == lunch or t2 == lunch) and "Italian" in (r1["food_type"], r2["food_type"])


def eligible() -> list[dict[str, Any]]:
    """Restaurants a reference may book (no Embarcadero place: any booking there is task 7)."""
    return [r for r in C.restaurants() if r["neighborhood"] != "Embarcadero"]


def slots_for(r: dict[str, Any], d: date, party: int, occasion: str = "") -> list[int]:
    """Times a reference may book at `r`: open for `party` and clashing with no v2 task."""
    return [t for t in C.open_slots(r, party) if not clashes(r, d, t, party, occasion)]


def pick_date(rng: random.Random) -> date:
    """Today (3 in 10), within the week (1 in 4), else up to 90 days ahead."""
    roll = rng.random()
    if roll < 0.3:
        return TODAY
    if roll < 0.55:
        return TODAY + timedelta(days=rng.randint(1, 7))
    return TODAY + timedelta(days=rng.randint(8, C.DAYS_AHEAD))


def pick_party(rng: random.Random, most: int) -> int:
    """A party size up to `most`, weighted toward 2 to 4."""
    return rng.choice([n for n in PARTIES if n <= most])


def minutes(hhmm: str) -> int:
    """`19:30` (or `7:30 PM`) as minutes after midnight."""
    t = C.parse_time(hhmm)
    if t is None:
        raise ValueError(f"not a time: {hhmm!r}")
    return t


def other_date(d: date) -> date:
    """A date next to `d` inside the bookable range."""
    return d + timedelta(days=1) if d < C.last_date() else d - timedelta(days=1)


# -- reading `/finish` -----------------------------------------------------------------------


def _added(finish: dict[str, Any], *keys: str) -> Any:
    node: Any = finish.get("initialfinaldiff", {}).get("added", {})
    for key in keys:
        node = node.get(key, {}) if isinstance(node, dict) else {}
    return node


def _entries(node: Any) -> list[dict[str, Any]]:
    """An added collection's entries in order (index-keyed dict or list)."""
    if isinstance(node, list):
        return [e for e in node if isinstance(e, dict)]
    if isinstance(node, dict):
        keys = sorted(node, key=lambda k: (len(str(k)), str(k)))  # "0", "1", ..., "10"
        return [node[k] for k in keys if isinstance(node[k], dict)]
    return []


def bookings(finish: dict[str, Any]) -> list[dict[str, Any]]:
    """The reservations made during the episode."""
    return _entries(_added(finish, "booking", "bookingDetails"))


def alerts(finish: dict[str, Any]) -> list[dict[str, Any]]:
    """The "Notify me" alerts set during the episode."""
    return _entries(_added(finish, "notification", "notifications"))


def party_of(text: Any) -> int | None:
    """The party size in `"4 people"` (its first number)."""
    found = re.search(r"\d+", str(text or ""))
    return int(found.group()) if found else None


def squash(text: Any) -> str:
    """Lower case letters and digits only (`High-chair` -> `highchair`)."""
    return re.sub(r"[^a-z0-9]", "", str(text or "").lower())


def digits(text: Any) -> str:
    """A phone number's last 10 digits (`(415) 555-0134` -> `4155550134`)."""
    return re.sub(r"\D", "", str(text or ""))[-10:]


def describe(det: dict[str, Any]) -> str:
    """A reservation in a few words, for a verdict's reason."""
    r = det.get("restaurant") or {}
    return (f"{r.get('name', '?')}, {str(det.get('date', '?'))[:10]} at {det.get('time', '?')}, "
            f"{det.get('guests', '?')}")


#: one requirement on a reservation: (what it is, whether the reservation meets it)
Check = tuple[str, bool]


def when_checks(params: dict[str, Any], det: dict[str, Any], *, time: bool = True
                 ) -> list[Check]:
    """Date, time (exact) and party size as `params` ask."""
    got_t = C.parse_time(str(det.get("time", "")))
    checks = [(f"date {params['date']}", C.parse_date(str(det.get("date", "")))
               == date.fromisoformat(params["date"])),
              (f"party of {params['party']}", party_of(det.get("guests")) == params["party"])]
    if time:
        checks.append((f"time {C.label_time(minutes(params['time']))}",
                       got_t == minutes(params["time"])))
    return checks


def at_restaurant(params: dict[str, Any], det: dict[str, Any]) -> Check:
    """The reservation is at `params`' restaurant (by id)."""
    got = (det.get("restaurant") or {}).get("id")
    return (f"restaurant {params['restaurant']}", got == params["rid"])


def judge_one(params: dict[str, Any], finish: dict[str, Any], checks: Any) -> Verdict:
    """One reservation, meeting every check `checks(params, det)` lists."""
    made = bookings(finish)
    if not made:
        return Verdict(False, "no reservation was made")
    if len(made) > 1:
        return Verdict(False, f"{len(made)} reservations were made; the task asks for one")
    det = made[0]
    missed = [what for what, ok in checks(params, det) if not ok]
    if missed:
        return Verdict(False, f"the reservation ({describe(det)}) misses: {'; '.join(missed)}")
    return Verdict(True, f"booked {describe(det)}")


# -- acting ----------------------------------------------------------------------------------


def slot_form(params: dict[str, Any]) -> dict[str, str]:
    """The slot's fields as the pages send them (restaurant id, ISO date, HH:MM, party)."""
    return {"rid": params["rid"], "date": params["date"], "time": params["time"],
            "party": str(params["party"])}


def book_through(client: SiteClient, params: dict[str, Any]) -> None:
    """Search, open the slot's booking form and complete it, as the pages do (contact
    details prefilled from the account unless `params` name others)."""
    client.get("/search", params={"q": params["restaurant"], "date": params["date"],
                                  "time": params["time"], "party": str(params["party"])})
    form = slot_form(params)
    shown = client.get("/book", params=form)
    if shown.status_code != 200:
        raise RuntimeError(f"no booking form for {form}: {shown.status_code}")
    data = {**form, "firstName": params.get("first_name", C.USER["firstName"]),
            "lastName": params.get("last_name", C.USER["lastName"]),
            "tel": params.get("tel", C.USER["tel"]), "email": params.get("email", C.USER["email"]),
            "occasion": params.get("occasion", ""), "specialRequest": params.get("request", "")}
    done = client.post("/book", data=data)
    if done.status_code != 200 or "Reservation confirmed" not in done.text:
        raise RuntimeError(f"booking {form} failed: {done.status_code}")


def search_steps(query: str, params: dict[str, Any]) -> list[Step]:
    """Fill the home page's search bar for `params`' date, time and party (all of them: the
    widget keeps the last booking's) and submit it."""
    return [*R.fill_form(("fill", "Date", "Date", params["date"]),
                         ("select", "combobox", "Time", C.label_time(minutes(params["time"]))),
                         ("select", "combobox", "Party size", C.guests(params["party"])),
                         ("fill", "searchbox", "Location, Restaurant, or Cuisine", query)),
            R.click("button", "Let's go", exact=True)]


def book_steps(params: dict[str, Any]) -> list[Step]:
    """From the search results: the slot link, then the booking form as `params` ask."""
    slot = f"{C.label_time(minutes(params['time']))} at {params['restaurant']}"
    return [R.click("link", slot, exact=True),
            *R.fill_form(("fill", "textbox", "First name", params.get("first_name")),
                         ("fill", "textbox", "Last name", params.get("last_name")),
                         ("fill", "textbox", "Phone number", params.get("tel")),
                         ("fill", "textbox", "Email", params.get("email")),
                         ("select", "combobox", "Occasion", params.get("occasion")),
                         ("fill", "textbox", "Special request", params.get("request"))),
            R.click("button", COMPLETE, exact=True)]


def booking_params(r: dict[str, Any], d: date, t: int, party: int, **extra: Any) -> dict[str, Any]:
    """A reservation's parameters (JSON-able): restaurant id and name, ISO date, HH:MM, party."""
    return {"rid": r["id"], "restaurant": r["name"], "date": d.isoformat(),
            "time": C.value_time(t), "party": party, **extra}


def moved(params: dict[str, Any], **change: Any) -> dict[str, Any]:
    """`params` with `change` applied (a near miss)."""
    return {**params, **change}


def other_time(params: dict[str, Any], avoid: tuple[int, int] | None = None) -> dict[str, Any]:
    """`params` at the nearest other open time at the same restaurant (outside `avoid`)."""
    r, t = rest(params["rid"]), minutes(params["time"])
    lo, hi = avoid or (t, t)
    slots = [s for s in C.open_slots(r, params["party"]) if not lo <= s <= hi]
    best = min(slots, key=lambda s: (abs(s - t), s))
    return moved(params, time=C.value_time(best))


def other_place(params: dict[str, Any], keep: Any) -> dict[str, Any] | None:
    """`params` at another restaurant open at the same time, for which `keep(r)` is false."""
    t = minutes(params["time"])
    for r in C.restaurants():
        if r["id"] != params["rid"] and not keep(r) and t in C.open_slots(r, params["party"]):
            return moved(params, rid=r["id"], restaurant=r["name"])
    return None


class BookingTemplate(Template):
    """A template whose task is one reservation: judged, reached and solved alike."""

    site = "opendining"

    def checks(self, params: dict[str, Any], det: dict[str, Any]) -> list[Check]:
        """What the reservation must be: the restaurant, date, time and party by default."""
        return [at_restaurant(params, det), *when_checks(params, det)]

    def query(self, params: dict[str, Any]) -> str:
        """What the reference solution types in the search bar."""
        return params["restaurant"]

    def judge(self, params: dict[str, Any], finish: dict[str, Any]) -> Verdict:
        return judge_one(params, finish, self.checks)

    def reach(self, params: dict[str, Any], client: SiteClient) -> None:
        book_through(client, params)

    def solution(self, params: dict[str, Any]) -> list[Step]:
        return [*search_steps(self.query(params), params), *book_steps(params), R.send()]

    @staticmethod
    def draw(rng: random.Random, pool: list[dict[str, Any]], occasion: str = "",
              most: int = C.MAX_PARTY) -> tuple[dict[str, Any], date, int, int] | None:
        """A restaurant from `pool`, a date, a party and a time a reference may book."""
        for _ in range(20):
            r = rng.choice(pool)
            d, n = pick_date(rng), pick_party(rng, min(r["maxParty"], most))
            slots = slots_for(r, d, n, occasion)
            if slots:
                return r, d, rng.choice(slots), n
        return None


def difficulty(params: dict[str, Any], extra: int = 0) -> int:
    """1 for today, 2 for another day (the date picker), plus `extra` constraints; at most 3."""
    return min(3, 1 + (params["date"] != TODAY.isoformat()) + extra)


