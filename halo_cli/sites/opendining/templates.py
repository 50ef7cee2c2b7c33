"""OpenDining's training-task templates: book a table (at a named restaurant, by cuisine in
a time window, by rating, the best rated of a kind, for an occasion, with a special request,
under someone else's name, two tables at once) and ask to be notified when a full time opens.

Parameters come from the replica's restaurants (`data/restaurants.json`: names, cuisines,
areas, ratings, hours, fully booked times, party limits) and its fixed calendar (today is
Fri 2025-07-18, 90 days bookable). A reference end state never passes one of REAL's v2
opendining scripts (`_clashes`), so a generated task's answer is not a test task's.
"""

from __future__ import annotations

import random
import re
from datetime import date, timedelta
from typing import Any, ClassVar

from halo_cli.sites import reference as R
from halo_cli.sites.opendining import store as C
from halo_cli.sites.reference import Step
from halo_cli.sites.templates import Draft, SiteClient, Template, Verdict

TODAY = C.TODAY
COMPLETE = "Complete reservation"
#: party sizes, weighted toward what people book
PARTIES = (1, 2, 2, 2, 3, 3, 4, 4, 4, 5, 6, 6, 7, 8, 10)

# -- the replica's data ----------------------------------------------------------------------


def _rest(rid: str) -> dict[str, Any]:
    r = C.restaurant(rid)
    if r is None:
        raise KeyError(f"opendining has no restaurant {rid!r}")
    return r


def _clashes(r: dict[str, Any], d: date, t: int, party: int, occasion: str = "") -> bool:
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


def _cross_clash(r1: dict[str, Any], t1: int, r2: dict[str, Any], t2: int) -> bool:
    """Whether two reservations together pass task 24 (a 12:30 PM one and an Italian one)."""
    lunch = 12 * 60 + 30
    return (t1 == lunch or t2 == lunch) and "Italian" in (r1["food_type"], r2["food_type"])


def _eligible() -> list[dict[str, Any]]:
    """Restaurants a reference may book (no Embarcadero place: any booking there is task 7)."""
    return [r for r in C.restaurants() if r["neighborhood"] != "Embarcadero"]


def _slots(r: dict[str, Any], d: date, party: int, occasion: str = "") -> list[int]:
    """Times a reference may book at `r`: open for `party` and clashing with no v2 task."""
    return [t for t in C.open_slots(r, party) if not _clashes(r, d, t, party, occasion)]


def _pick_date(rng: random.Random) -> date:
    roll = rng.random()
    if roll < 0.3:
        return TODAY
    if roll < 0.55:
        return TODAY + timedelta(days=rng.randint(1, 7))
    return TODAY + timedelta(days=rng.randint(8, C.DAYS_AHEAD))


def _pick_party(rng: random.Random, most: int) -> int:
    return rng.choice([n for n in PARTIES if n <= most])


def _minutes(hhmm: str) -> int:
    t = C.parse_time(hhmm)
    if t is None:
        raise ValueError(f"not a time: {hhmm!r}")
    return t


def _other_date(d: date) -> date:
    """A date next to `d` inside the bookable range."""
    return d + timedelta(days=1) if d < C.last_date() else d - timedelta(days=1)


# -- phrasing --------------------------------------------------------------------------------


def _nth(n: int) -> str:
    suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def say_day(rng: random.Random, d: date, t: int) -> str:
    """`d` the way people say it, relative to today (Fri Jul 18) when it is close."""
    ahead = (d - TODAY).days
    if ahead == 0:
        return rng.choice(["tonight" if t >= 17 * 60 else "today", "today",
                           f"today, {d:%B} {_nth(d.day)}"])
    if ahead == 1:
        return rng.choice(["tomorrow", "tomorrow (Saturday)", f"tomorrow, {d:%b} {d.day}"])
    if ahead == 2:
        return rng.choice(["this Sunday", f"Sunday the {_nth(d.day)}", "on Sunday"])
    if ahead <= 6:
        return rng.choice([f"this coming {d:%A}", f"on {d:%A}, {d:%B} {_nth(d.day)}",
                           f"{d:%A} the {_nth(d.day)}"])
    if ahead == 7:
        return rng.choice(["a week from today", f"next Friday, {d:%B} {_nth(d.day)}"])
    return rng.choice([f"on {d:%B} {_nth(d.day)}", f"{d:%b} {d.day}",
                       f"on {d:%A}, {d:%B} {d.day}", f"on {d.month}/{d.day}"])


def say_time(rng: random.Random, t: int) -> str:
    h, m = divmod(t, 60)
    h12, half = (h % 12) or 12, "am" if h < 12 else "pm"
    forms = [f"{h12}:{m:02d}{half}", f"{h12}:{m:02d} {half.upper()}"]
    if m == 0:
        forms += [f"{h12}{half}", f"{h12} {half}"]
    return rng.choice(forms)


def say_party(rng: random.Random, n: int) -> str:
    if n == 1:
        return rng.choice(["just for me", "for one", "for 1 person"])
    if n == 2:
        return rng.choice(["for two", "for 2", "for me and a friend", "for my wife and me",
                           "for 2 people"])
    return rng.choice([f"for {n}", f"for {n} people", f"for a party of {n}",
                       f"for a group of {n}"])


def say_window(lo: int, hi: int) -> tuple[str, ...]:
    """Phrasings of a time window: "between 6 and 8pm", "from 11am to 1pm", ..."""
    def bare(t: int) -> str:
        h, m = divmod(t, 60)
        return f"{(h % 12) or 12}" + (f":{m:02d}" if m else "")

    def full(t: int) -> str:
        return bare(t) + ("am" if t < 12 * 60 else "pm")

    same = (lo < 12 * 60) == (hi < 12 * 60)
    short = f"{bare(lo)} and {full(hi)}" if same else f"{full(lo)} and {full(hi)}"
    return (f"between {short}", f"sometime {full(lo)}-{full(hi)}",
            f"any time from {C.label_time(lo)} to {C.label_time(hi)}")


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
        keys = sorted(node, key=lambda k: (not str(k).isdigit(), int(k) if str(k).isdigit()
                                           else 0, str(k)))
        return [node[k] for k in keys if isinstance(node[k], dict)]
    return []


def bookings(finish: dict[str, Any]) -> list[dict[str, Any]]:
    """The reservations made during the episode."""
    return _entries(_added(finish, "booking", "bookingDetails"))


def alerts(finish: dict[str, Any]) -> list[dict[str, Any]]:
    """The "Notify me" alerts set during the episode."""
    return _entries(_added(finish, "notification", "notifications"))


def _party_of(text: Any) -> int | None:
    found = re.search(r"\d+", str(text or ""))
    return int(found.group()) if found else None


def _squash(text: Any) -> str:
    """Lower case letters and digits only (`High-chair` -> `highchair`)."""
    return re.sub(r"[^a-z0-9]", "", str(text or "").lower())


def _digits(text: Any) -> str:
    return re.sub(r"\D", "", str(text or ""))[-10:]


def _say(det: dict[str, Any]) -> str:
    r = det.get("restaurant") or {}
    return (f"{r.get('name', '?')}, {str(det.get('date', '?'))[:10]} at {det.get('time', '?')}, "
            f"{det.get('guests', '?')}")


#: one requirement on a reservation: (what it is, whether the reservation meets it)
Check = tuple[str, bool]


def _when_checks(params: dict[str, Any], det: dict[str, Any], *, time: bool = True
                 ) -> list[Check]:
    """Date, time (exact) and party size as `params` ask."""
    got_t = C.parse_time(str(det.get("time", "")))
    checks = [(f"date {params['date']}", C.parse_date(str(det.get("date", "")))
               == date.fromisoformat(params["date"])),
              (f"party of {params['party']}", _party_of(det.get("guests")) == params["party"])]
    if time:
        checks.append((C.label_time(_minutes(params["time"])), got_t == _minutes(params["time"])))
    return checks


def _at(params: dict[str, Any], det: dict[str, Any]) -> Check:
    got = (det.get("restaurant") or {}).get("id")
    return (params["restaurant"], got == params["rid"])


def _judge_one(params: dict[str, Any], finish: dict[str, Any], checks: Any) -> Verdict:
    """One reservation, meeting every check `checks(params, det)` lists."""
    made = bookings(finish)
    if not made:
        return Verdict(False, "no reservation was made")
    if len(made) > 1:
        return Verdict(False, f"{len(made)} reservations were made; the task asks for one")
    det = made[0]
    missed = [what for what, ok in checks(params, det) if not ok]
    if missed:
        return Verdict(False, f"the reservation ({_say(det)}) misses: {'; '.join(missed)}")
    return Verdict(True, f"booked {_say(det)}")


# -- acting ----------------------------------------------------------------------------------


def _form(params: dict[str, Any], when: dict[str, Any] | None = None) -> dict[str, str]:
    w = when or params
    return {"rid": w["rid"], "date": w["date"], "time": w["time"], "party": str(w["party"])}


def book_through(client: SiteClient, params: dict[str, Any]) -> None:
    """Search, open the slot's booking form and complete it, as the pages do (contact
    details prefilled from the account unless `params` name others)."""
    client.get("/search", params={"q": params["restaurant"], "date": params["date"],
                                  "time": params["time"], "party": str(params["party"])})
    form = _form(params)
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
                         ("select", "combobox", "Time", C.label_time(_minutes(params["time"]))),
                         ("select", "combobox", "Party size", C.guests(params["party"])),
                         ("fill", "searchbox", "Location, Restaurant, or Cuisine", query)),
            R.click("button", "Let's go", exact=True)]


def book_steps(params: dict[str, Any]) -> list[Step]:
    """From the search results: the slot link, then the booking form as `params` ask."""
    slot = f"{C.label_time(_minutes(params['time']))} at {params['restaurant']}"
    return [R.click("link", slot, exact=True),
            *R.fill_form(("fill", "textbox", "First name", params.get("first_name")),
                         ("fill", "textbox", "Last name", params.get("last_name")),
                         ("fill", "textbox", "Phone number", params.get("tel")),
                         ("fill", "textbox", "Email", params.get("email")),
                         ("select", "combobox", "Occasion", params.get("occasion")),
                         ("fill", "textbox", "Special request", params.get("request"))),
            R.click("button", COMPLETE, exact=True)]


def _booking(r: dict[str, Any], d: date, t: int, party: int, **extra: Any) -> dict[str, Any]:
    return {"rid": r["id"], "restaurant": r["name"], "date": d.isoformat(),
            "time": C.value_time(t), "party": party, **extra}


def _moved(params: dict[str, Any], **change: Any) -> dict[str, Any]:
    return {**params, **change}


def _other_time(params: dict[str, Any], avoid: tuple[int, int] | None = None) -> dict[str, Any]:
    """`params` at the nearest other open time at the same restaurant (outside `avoid`)."""
    r, t = _rest(params["rid"]), _minutes(params["time"])
    lo, hi = avoid or (t, t)
    slots = [s for s in C.open_slots(r, params["party"]) if not lo <= s <= hi]
    best = min(slots, key=lambda s: (abs(s - t), s))
    return _moved(params, time=C.value_time(best))


def _other_place(params: dict[str, Any], keep: Any) -> dict[str, Any] | None:
    """`params` at another restaurant open at the same time, for which `keep(r)` is false."""
    t = _minutes(params["time"])
    for r in C.restaurants():
        if r["id"] != params["rid"] and not keep(r) and t in C.open_slots(r, params["party"]):
            return _moved(params, rid=r["id"], restaurant=r["name"])
    return None


class _Booking(Template):
    """A template whose task is one reservation: judged, reached and solved alike."""

    site = "opendining"

    def checks(self, params: dict[str, Any], det: dict[str, Any]) -> list[Check]:
        """What the reservation must be: the restaurant, date, time and party by default."""
        return [_at(params, det), *_when_checks(params, det)]

    def query(self, params: dict[str, Any]) -> str:
        """What the reference solution types in the search bar."""
        return params["restaurant"]

    def judge(self, params: dict[str, Any], finish: dict[str, Any]) -> Verdict:
        return _judge_one(params, finish, self.checks)

    def reach(self, params: dict[str, Any], client: SiteClient) -> None:
        book_through(client, params)

    def solution(self, params: dict[str, Any]) -> list[Step]:
        return [*search_steps(self.query(params), params), *book_steps(params), R.send()]

    @staticmethod
    def _draw(rng: random.Random, pool: list[dict[str, Any]], occasion: str = "",
              most: int = C.MAX_PARTY) -> tuple[dict[str, Any], date, int, int] | None:
        """A restaurant from `pool`, a date, a party and a time a reference may book."""
        for _ in range(20):
            r = rng.choice(pool)
            d, n = _pick_date(rng), _pick_party(rng, min(r["maxParty"], most))
            slots = _slots(r, d, n, occasion)
            if slots:
                return r, d, rng.choice(slots), n
        return None


def _difficulty(params: dict[str, Any], extra: int = 0) -> int:
    return min(3, 1 + (params["date"] != TODAY.isoformat()) + (params["party"] != 2) + extra)


# -- the templates ---------------------------------------------------------------------------


class BookRestaurant(_Booking):
    """A table at a named restaurant for a party, date and time."""

    name = "book_restaurant"
    base_task = "opendining-12"
    PHRASES = ("Book a table {party} at {name} {day} at {time}.",
               "Reserve {name} {party}, {day} at {time}.",
               "Can you get me a reservation at {name} {day}? {time}, {party}.",
               "OpenDining: {name}, {time} {day}, {party}.",
               "I want to make a reservation {party} at {name} {day} at {time}.")

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft | None:
        drawn = self._draw(rng, _eligible())
        if drawn is None:
            return None
        r, d, t, n = drawn
        params = _booking(r, d, t, n)
        goal = rng.choice(self.PHRASES).format(name=r["name"], party=say_party(rng, n),
                                               day=say_day(rng, d, t), time=say_time(rng, t))
        return Draft(params, goal, difficulty=_difficulty(params))

    def near_misses(self, params: dict[str, Any], state: dict[str, Any]) -> list[dict[str, Any]]:
        out = [_other_time(params), _moved(params, date=_other_date(
            date.fromisoformat(params["date"])).isoformat())]
        r = _rest(params["rid"])
        if params["party"] + 1 <= r["maxParty"] and _minutes(params["time"]) in C.open_slots(
                r, params["party"] + 1):
            out.append(_moved(params, party=params["party"] + 1))
        return out


class BookCuisineInWindow(_Booking):
    """Any restaurant of a cuisine, at any time inside a window ("between 6 and 8pm")."""

    name = "book_cuisine_in_window"
    base_task = "opendining-2"
    PHRASES = ("Reserve me a {cuisine} restaurant {party} {day}, {window}.",
               "Book {a_cuisine} place {day} {window}, {party}.",
               "OpenDining: {cuisine} food {day}, {window}, {party}. Any restaurant is fine.",
               "I'd like {a_cuisine} dinner spot {day} {window} {party}. Book whatever's open.")

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft | None:
        cuisine = rng.choice(sorted({r["food_type"] for r in _eligible()}))
        kind = [r for r in _eligible() if r["food_type"] == cuisine]
        drawn = self._draw(rng, kind)
        if drawn is None:
            return None
        r, d, t, n = drawn
        lo = rng.choice([h * 60 for h in range(t // 60 - 1, t // 60 + 1) if 7 <= h <= 21])
        hi = min(lo + rng.choice([60, 120]), 22 * 60 + 30)
        if not lo <= t <= hi:
            lo, hi = t - t % 60, t - t % 60 + 60
        params = _booking(r, d, t, n, cuisine=cuisine,
                          window=[C.value_time(lo), C.value_time(hi)])
        word = cuisine.lower() if cuisine == "Breakfast & Brunch" else cuisine
        a_word = "an" if word[0].lower() in "aeiou" else "a"
        goal = rng.choice(self.PHRASES).format(
            cuisine=word, a_cuisine=f"{a_word} {word}", party=say_party(rng, n),
            day=say_day(rng, d, t), window=rng.choice(say_window(lo, hi)))
        if "dinner spot" in goal and lo < 16 * 60:
            goal = goal.replace("dinner spot", "spot")
        return Draft(params, goal, difficulty=_difficulty(params, extra=1))

    def checks(self, params: dict[str, Any], det: dict[str, Any]) -> list[Check]:
        lo, hi = (_minutes(w) for w in params["window"])
        got = C.parse_time(str(det.get("time", "")))
        food = (det.get("restaurant") or {}).get("food_type", "")
        return [(f"{params['cuisine']} food", _squash(food) == _squash(params["cuisine"])),
                (f"a time from {C.label_time(lo)} to {C.label_time(hi)}",
                 got is not None and lo <= got <= hi),
                *_when_checks(params, det, time=False)]

    def query(self, params: dict[str, Any]) -> str:
        return params["cuisine"]

    def near_misses(self, params: dict[str, Any], state: dict[str, Any]) -> list[dict[str, Any]]:
        lo, hi = (_minutes(w) for w in params["window"])
        out = [_other_time(params, avoid=(lo, hi)), _moved(params, party=params["party"] - 1)
               if params["party"] > 1 else _moved(params, party=params["party"] + 1)]
        wrong = _other_place(params, lambda r: r["food_type"] == params["cuisine"])
        return out + ([wrong] if wrong else [])


#: groups a rating template names: (kind, value) -> the phrase
def _groups() -> list[tuple[str, str]]:
    kinds = sorted({("cuisine", r["food_type"]) for r in C.restaurants()})
    areas = sorted({("area", r["neighborhood"]) for r in C.restaurants()})
    return [*kinds, *areas, ("any", "")]


def _in_group(r: dict[str, Any], kind: str, value: str) -> bool:
    if kind == "cuisine":
        return _squash(r.get("food_type")) == _squash(value)
    if kind == "area":
        return _squash(r.get("neighborhood")) == _squash(value)
    return True


def _say_group(rng: random.Random, kind: str, value: str) -> str:
    if kind == "cuisine":
        word = "breakfast" if value == "Breakfast & Brunch" else value
        return rng.choice([f"{word} restaurant", f"{word} place", f"{word} spot"])
    if kind == "area":
        return rng.choice([f"restaurant in {value}", f"place in {value}", f"spot in {value}"])
    return rng.choice(["restaurant", "place", "spot"])


def _a(phrase: str) -> str:
    return f"{'an' if phrase[0].lower() in 'aeiou' else 'a'} {phrase}"


class BookByRating(_Booking):
    """A restaurant of a cuisine or area (or any) rated at least N stars, at a given time."""

    name = "book_by_rating"
    base_task = "opendining-5"
    THRESHOLDS = (3.0, 3.5, 4.0, 4.5)
    PHRASES = ("Book me {a_stars} {group} {day} at {time} {party}.",
               "Find {a_group} rated {stars_words} and reserve it {party} {day}, {time}.",
               "OpenDining: {a_group} with at least {rating} stars, {day} at {time}, {party}.",
               "I need a table {party} {day} at {time} at {a_group}, {stars} or better.")

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft | None:
        kind, value, th = rng.choice(self.choices())
        drawn = self._draw(rng, [r for r in _eligible()
                                 if _in_group(r, kind, value) and r["rating"] >= th])
        if drawn is None:
            return None
        r, d, t, n = drawn
        params = _booking(r, d, t, n, group=[kind, value], min_rating=th)
        stars = f"{th:g}+ star"
        text = _say_group(rng, kind, value)
        goal = rng.choice(self.PHRASES).format(
            a_stars=_a(stars), stars=f"{th:g} stars", group=text, a_group=_a(text),
            stars_words=f"{th:g} stars or higher", rating=f"{th:g}", day=say_day(rng, d, t),
            time=say_time(rng, t), party=say_party(rng, n))
        return Draft(params, goal, difficulty=_difficulty(params, extra=kind != "any"))

    @classmethod
    def choices(cls) -> list[tuple[str, str, float]]:
        """(kind, value, threshold) where a restaurant of the group meets the threshold and
        another misses it."""
        out = []
        for kind, value in _groups():
            group = [r for r in C.restaurants() if _in_group(r, kind, value)]
            for th in cls.THRESHOLDS:
                if (any(r["rating"] >= th for r in group if r in _eligible())
                        and any(r["rating"] < th for r in group)):
                    out.append((kind, value, th))
        return out

    def checks(self, params: dict[str, Any], det: dict[str, Any]) -> list[Check]:
        kind, value = params["group"]
        r = det.get("restaurant") or {}
        try:
            rating = float(r.get("rating"))
        except (TypeError, ValueError):
            rating = 0.0
        out: list[Check] = [(f"rated {params['min_rating']:g}+", rating >= params["min_rating"])]
        if kind != "any":
            out.append((f"{kind} {value}", _in_group(r, kind, value)))
        return out + _when_checks(params, det)

    def query(self, params: dict[str, Any]) -> str:
        return params["group"][1]

    def near_misses(self, params: dict[str, Any], state: dict[str, Any]) -> list[dict[str, Any]]:
        kind, value = params["group"]
        low = _other_place(params, lambda r: not _in_group(r, kind, value)
                           or r["rating"] >= params["min_rating"])
        other_kind = _other_place(params, lambda r: _in_group(r, kind, value)
                                  or r["rating"] < params["min_rating"]) if kind != "any" else None
        return [m for m in (low, other_kind) if m] + [_other_time(params)]


class BookBestRated(_Booking):
    """The best-rated restaurant of a cuisine or an area (or of the whole site)."""

    name = "book_best_rated"
    base_task = "opendining-4"
    PHRASES = ("Book the highest rated {group} {day} at {time}, {party}.",
               "What's the best-rated {group} on OpenDining? Reserve it {party} {day} at {time}.",
               "Get me a table at the top rated {group} {day}, {time}, {party}.",
               "OpenDining: best reviewed {group}, {party}, {day} {time}.")

    @staticmethod
    def best(kind: str, value: str) -> dict[str, Any] | None:
        """The group's best-rated restaurant, when it is the only one rated that high."""
        ranked = sorted((r for r in C.restaurants() if _in_group(r, kind, value)),
                        key=lambda r: -r["rating"])
        if len(ranked) < 2 or ranked[0]["rating"] == ranked[1]["rating"]:
            return None
        return ranked[0]

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft | None:
        groups = [(k, v) for k, v in _groups()
                  if (b := self.best(k, v)) and b["neighborhood"] != "Embarcadero"]
        kind, value = rng.choice(groups)
        drawn = self._draw(rng, [self.best(kind, value) or {}])
        if drawn is None:
            return None
        r, d, t, n = drawn
        params = _booking(r, d, t, n, group=[kind, value])
        text = {"cuisine": ("breakfast" if value == "Breakfast & Brunch" else value)
                + rng.choice([" restaurant", " place"]),
                "area": f"restaurant in {value}", "any": "restaurant"}[kind]
        goal = rng.choice(self.PHRASES).format(group=text, day=say_day(rng, d, t),
                                               time=say_time(rng, t), party=say_party(rng, n))
        return Draft(params, goal, difficulty=_difficulty(params, extra=1))

    def query(self, params: dict[str, Any]) -> str:
        return params["group"][1]

    def near_misses(self, params: dict[str, Any], state: dict[str, Any]) -> list[dict[str, Any]]:
        kind, value = params["group"]
        second = _other_place(params, lambda r: not _in_group(r, kind, value))
        return [m for m in (second, _other_time(params)) if m]


OCCASION_PHRASES = {
    "Birthday": ("it's my birthday", "it's for my friend's birthday",
                 "we're celebrating a birthday"),
    "Anniversary": ("it's our anniversary", "it's for our anniversary",
                    "we're celebrating our anniversary"),
    "Date night": ("it's date night", "it's a date night", "it's for a date"),
    "Business meal": ("it's a business meal", "it's a work meal with clients",
                      "it's a business meal with a client"),
    "Celebration": ("we're celebrating", "it's a celebration", "we have something to celebrate"),
}


class BookForOccasion(_Booking):
    """A named restaurant with the occasion set (birthday, anniversary, business meal ...)."""

    name = "book_for_occasion"
    base_task = "opendining-17"
    PHRASES = ("Book {name} {party} {day} at {time}, {why}.",
               "Reserve a table at {name} {day} at {time} {party}. {Why}, so mark the occasion.",
               "OpenDining: {name}, {day} {time}, {party}; occasion: {occasion}.",
               "{Why}! Get us a table at {name} {day} at {time}, {party}.")

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft | None:
        occasion = rng.choice(C.OCCASIONS)
        drawn = self._draw(rng, _eligible(), occasion)
        if drawn is None:
            return None
        r, d, t, n = drawn
        params = _booking(r, d, t, n, occasion=occasion)
        why = rng.choice(OCCASION_PHRASES[occasion])
        goal = rng.choice(self.PHRASES).format(
            name=r["name"], party=say_party(rng, n), day=say_day(rng, d, t),
            time=say_time(rng, t), why=why, Why=why[0].upper() + why[1:],
            occasion=occasion.lower())
        return Draft(params, goal, difficulty=_difficulty(params, extra=1))

    def checks(self, params: dict[str, Any], det: dict[str, Any]) -> list[Check]:
        got = (det.get("optionals") or {}).get("occasion", "")
        return [*super().checks(params, det),
                (f"occasion {params['occasion']}", _squash(got) == _squash(params["occasion"]))]

    def near_misses(self, params: dict[str, Any], state: dict[str, Any]) -> list[dict[str, Any]]:
        others = [o for o in C.OCCASIONS if o != params["occasion"]]
        other = others[C.OCCASIONS.index(params["occasion"]) % len(others)]
        return [_moved(params, occasion=""), _moved(params, occasion=other),
                _other_time(params)]


#: special requests: (how the goal says it, the words the written request must hold)
REQUESTS = (
    ("a table by the window", ("window",)),
    ("a high chair for our toddler", ("high chair",)),
    ("wheelchair-accessible seating", ("wheelchair",)),
    ("a quiet table away from the kitchen", ("quiet",)),
    ("outdoor seating", ("outdoor",)),
    ("nut-free dishes, one guest has a nut allergy", ("nut", "allerg")),
    ("gluten-free options", ("gluten",)),
    ("a booth", ("booth",)),
    ("vegetarian options", ("vegetarian",)),
    ("a candle on the dessert", ("candle",)),
    ("a table on the patio", ("patio",)),
    ("a table near the bar", ("bar",)),
)


class BookWithRequest(_Booking):
    """A named restaurant with a special request written on the reservation."""

    name = "book_with_request"
    base_task = "opendining-12"
    PHRASES = ("Book {name} {party} {day} at {time} and add a special request for {req}.",
               "Reserve {name}, {day} at {time}, {party}. In the special request, ask for {req}.",
               "OpenDining: {name} {day} {time} {party}. Special request: {req}.",
               "Get me a table at {name} {party} {day} at {time}; we'd like {req}.")

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft | None:
        drawn = self._draw(rng, _eligible())
        if drawn is None:
            return None
        r, d, t, n = drawn
        said, words = rng.choice(REQUESTS)
        params = _booking(r, d, t, n, request=said[0].upper() + said[1:] + ".",
                          request_words=list(words))
        goal = rng.choice(self.PHRASES).format(name=r["name"], party=say_party(rng, n), day=say_day(rng, d, t),
                             time=say_time(rng, t), req=said)
        return Draft(params, goal, difficulty=_difficulty(params, extra=1))

    def checks(self, params: dict[str, Any], det: dict[str, Any]) -> list[Check]:
        got = _squash((det.get("optionals") or {}).get("specialRequest", ""))
        return [*super().checks(params, det),
                (f"a special request about {' + '.join(params['request_words'])}",
                 all(_squash(w) in got for w in params["request_words"]))]

    def near_misses(self, params: dict[str, Any], state: dict[str, Any]) -> list[dict[str, Any]]:
        other = next((s, w) for s, w in REQUESTS
                     if not all(_squash(x) in _squash(s) for x in params["request_words"]))
        return [_moved(params, request=""),
                _moved(params, request=other[0], request_words=list(other[1])),
                _other_time(params)]


#: people a reservation may be for (first, last)
GUESTS = (("Priya", "Shah"), ("Marcus", "Green"), ("Elena", "Rossi"), ("Sam", "Okafor"),
          ("Hannah", "Kim"), ("Diego", "Alvarez"), ("Aisha", "Rahman"), ("Tom", "Becker"),
          ("Mei", "Chen"), ("Luca", "Moretti"), ("Grace", "Nguyen"), ("Omar", "Haddad"))
RELATIONS = ("my colleague", "my mom", "my brother", "a client", "my friend", "my boss")


class BookUnderName(_Booking):
    """A named restaurant booked under someone else's name and phone (and email)."""

    name = "book_under_name"
    base_task = "opendining-12"
    PHRASES = ("Book {name} {day} at {time} {party}, under {who}'s name: {first} {last}, "
               "{contact}.",
               "Make a reservation at {name} for {who}. Put it under {first} {last} ({contact}), "
               "{party}, {day} at {time}.",
               "OpenDining: {name}, {time} {day}, {party}. Reservation name {first} {last}, "
               "{contact}.",
               "Reserve {name} {party} {day} at {time} for {who}, {first} {last}. Use their "
               "contact details: {contact}.")

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft | None:
        drawn = self._draw(rng, _eligible())
        if drawn is None:
            return None
        r, d, t, n = drawn
        me = state.get("user", C.USER)
        first, last = rng.choice([g for g in GUESTS if g[0] != me.get("firstName")])
        tel = f"(415) 555-{rng.randint(200, 9999):04d}"
        extra: dict[str, Any] = {"first_name": first, "last_name": last, "tel": tel}
        contact = f"phone {tel}"
        if rng.random() < 0.5:
            extra["email"] = f"{first}.{last}@example.com".lower()
            contact += f", email {extra['email']}"
        params = _booking(r, d, t, n, **extra)
        goal = rng.choice(self.PHRASES).format(
            name=r["name"], party=say_party(rng, n), day=say_day(rng, d, t),
            time=say_time(rng, t), who=rng.choice(RELATIONS), first=first, last=last,
            contact=contact)
        return Draft(params, goal, difficulty=_difficulty(params, extra=1))

    def checks(self, params: dict[str, Any], det: dict[str, Any]) -> list[Check]:
        out = [*super().checks(params, det),
               (f"name {params['first_name']} {params['last_name']}",
                (_squash(det.get("firstName")), _squash(det.get("lastName")))
                == (_squash(params["first_name"]), _squash(params["last_name"]))),
               (f"phone {params['tel']}", _digits(det.get("tel")) == _digits(params["tel"]))]
        if "email" in params:
            out.append((f"email {params['email']}",
                        str(det.get("email", "")).strip().lower() == params["email"]))
        return out

    def near_misses(self, params: dict[str, Any], state: dict[str, Any]) -> list[dict[str, Any]]:
        mine = {k: v for k, v in params.items()
                if k not in ("first_name", "last_name", "tel", "email")}
        digits = _digits(params["tel"])
        wrong_tel = f"({digits[:3]}) {digits[3:6]}-{(int(digits[6:]) + 1) % 10000:04d}"
        return [mine, _moved(params, tel=wrong_tel),
                _moved(params, first_name=params["last_name"], last_name=params["first_name"])]


class BookTwoTables(Template):
    """Two reservations at two named restaurants (e.g. lunch and dinner), in one go."""

    site = "opendining"
    name = "book_two_tables"
    base_task = "opendining-24"
    PHRASES = ("Book two reservations {party}: {first}, and {second}.",
               "I need two tables {party}. First {first}; then {second}.",
               "OpenDining: {first} + {second}, {party} both times.")

    @staticmethod
    def _say(rng: random.Random, b: dict[str, Any]) -> str:
        d, t = date.fromisoformat(b["date"]), _minutes(b["time"])
        return rng.choice([f"{b['restaurant']} {say_day(rng, d, t)} at {say_time(rng, t)}",
                           f"{say_day(rng, d, t)} at {say_time(rng, t)} at {b['restaurant']}"])

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft | None:
        first = _Booking._draw(rng, _eligible(), most=6)
        if first is None:
            return None
        r1, d1, t1, n = first
        pool = [r for r in _eligible() if r["id"] != r1["id"] and r["maxParty"] >= n]
        for _ in range(20):
            r2 = rng.choice(pool)
            d2 = d1 if rng.random() < 0.5 else _pick_date(rng)
            slots = [t for t in _slots(r2, d2, n) if (d2 != d1 or abs(t - t1) >= 120)
                     and not _cross_clash(r1, t1, r2, t)]
            if slots:
                break
        else:
            return None
        pair = sorted([_booking(r1, d1, t1, n), _booking(r2, d2, rng.choice(slots), n)],
                      key=lambda b: (b["date"], b["time"]))
        params = {"bookings": pair, "party": n}
        goal = rng.choice(self.PHRASES).format(party=say_party(rng, n),
                                               first=self._say(rng, pair[0]),
                                               second=self._say(rng, pair[1]))
        return Draft(params, goal, difficulty=3)

    def judge(self, params: dict[str, Any], finish: dict[str, Any]) -> Verdict:
        made = bookings(finish)
        if len(made) != 2:
            return Verdict(False, f"{len(made)} reservations were made; the task asks for two")
        for want in params["bookings"]:
            if not any(_at(want, det)[1] and all(ok for _, ok in _when_checks(want, det))
                       for det in made):
                return Verdict(False, f"no reservation at {want['restaurant']} on "
                               f"{want['date']} at {C.label_time(_minutes(want['time']))} "
                               f"for {want['party']} (made: {'; '.join(map(_say, made))})")
        return Verdict(True, f"booked {'; '.join(map(_say, made))}")

    def reach(self, params: dict[str, Any], client: SiteClient) -> None:
        for b in params["bookings"]:
            book_through(client, b)

    def near_misses(self, params: dict[str, Any], state: dict[str, Any]) -> list[dict[str, Any]]:
        first, second = params["bookings"]
        return [{**params, "bookings": [first]},
                {**params, "bookings": [first, _other_time(second)]},
                {**params, "bookings": [first, first]}]

    def solution(self, params: dict[str, Any]) -> list[Step]:
        steps: list[Step] = []
        for i, b in enumerate(params["bookings"]):
            if i:
                steps.append(R.click("link", "Book another table", exact=True))
            steps += [*search_steps(b["restaurant"], b), *book_steps(b)]
        return [*steps, R.send()]


class NotifyWhenFull(Template):
    """A fully booked time at a named restaurant: ask to be notified when a table opens."""

    site = "opendining"
    name = "notify_when_full"
    base_task = "opendining-20"
    PHRASES = ("Book me {name} at exactly {time} {day} {party}. If it's not available, notify "
               "me when it is.",
               "{name}, {day} at {time} sharp, {party}. If that time is full, put me on the "
               "notify list instead; don't book another time.",
               "I want a table at {name} {day} at {time} {party}, and only at {time}. If they're "
               "booked up, set up an alert for that time.",
               "OpenDining: {name} {time} {day} {party}; if full, notify me.")

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft | None:
        full = [(r, C.parse_time(s)) for r in _eligible() for s in r["fullyBooked"]
                if r["name"] != "Evening Delight"]  # task 20 is Evening Delight's 5 PM
        r, t = rng.choice(full)
        if t is None:
            return None
        d, n = _pick_date(rng), _pick_party(rng, r["maxParty"])
        params = _booking(r, d, t, n)
        goal = rng.choice(self.PHRASES).format(name=r["name"], party=say_party(rng, n),
                                               day=say_day(rng, d, t), time=say_time(rng, t))
        return Draft(params, goal, difficulty=_difficulty(params))

    def judge(self, params: dict[str, Any], finish: dict[str, Any]) -> Verdict:
        made = bookings(finish)
        if made:
            return Verdict(False, f"a reservation was made ({'; '.join(map(_say, made))}); "
                           f"{C.label_time(_minutes(params['time']))} is fully booked")
        set_ = alerts(finish)
        want_t = _minutes(params["time"])
        for a in set_:
            if (a.get("restaurantId") == params["rid"]
                    or _squash(a.get("restaurantName")) == _squash(params["restaurant"])) \
                    and C.parse_time(str(a.get("time", ""))) == want_t \
                    and C.parse_date(str(a.get("date", ""))) == date.fromisoformat(params["date"]) \
                    and _party_of(a.get("guests")) == params["party"]:
                return Verdict(True, f"notify alert set: {params['restaurant']}, "
                               f"{params['date']} at {a.get('time')}, {a.get('guests')}")
        got = "; ".join(f"{a.get('restaurantName')}, {str(a.get('date'))[:10]} at "
                        f"{a.get('time')}, {a.get('guests')}" for a in set_) or "none"
        return Verdict(False, f"no alert for {params['restaurant']} on {params['date']} at "
                       f"{C.label_time(want_t)} for {params['party']} (alerts: {got})")

    def reach(self, params: dict[str, Any], client: SiteClient) -> None:
        if params.get("act") == "book":  # a near miss: took another time instead
            book_through(client, params)
            return
        client.get(f"/restaurant/{params['rid']}", params={k: v for k, v in _form(params).items()
                                                           if k != "rid"})
        done = client.post("/notify", data=_form(params))
        if done.status_code != 200:
            raise RuntimeError(f"notify {_form(params)} failed: {done.status_code}")

    def near_misses(self, params: dict[str, Any], state: dict[str, Any]) -> list[dict[str, Any]]:
        r = _rest(params["rid"])
        out = [_moved(params, date=_other_date(date.fromisoformat(params["date"])).isoformat()),
               {**_other_time(params), "act": "book"}]
        others = [s for s in r["fullyBooked"] if _minutes(s) != _minutes(params["time"])]
        if others:
            out.append(_moved(params, time=others[0]))
        if params["party"] < r["maxParty"]:
            out.append(_moved(params, party=params["party"] + 1))
        return out

    def solution(self, params: dict[str, Any]) -> list[Step]:
        t = C.label_time(_minutes(params["time"]))
        return [*search_steps(params["restaurant"], params),
                R.click("link", params["restaurant"], exact=True),
                R.click("button", "Notify me", exact=True),
                R.send(f"{params['restaurant']} is fully booked at {t}; you'll be notified "
                       f"if a table opens up.")]


TEMPLATES: list[Template] = [BookRestaurant(), BookCuisineInWindow(), BookByRating(),
                             BookBestRated(), BookForOccasion(), BookWithRequest(),
                             BookUnderName(), BookTwoTables(), NotifyWhenFull()]
