"""OpenDining's training-task templates: book a table (at a named restaurant, by cuisine in
a time window, by rating, the best rated of a kind, for an occasion, with a special request,
under someone else's name, two tables at once) and ask to be notified when a full time opens.

Parameters come from the replica's restaurants (`data/restaurants.json`: names, cuisines,
areas, ratings, hours, fully booked times, party limits) and its fixed calendar (today is
Fri 2025-07-18, 90 days bookable). A reference end state never passes one of REAL's v2
opendining scripts (`template_kit.clashes`), so a generated task's answer is not a test task's.
"""

from __future__ import annotations

import random
from datetime import date
from typing import Any

from halo_cli.sites import reference as R
from halo_cli.sites.opendining import store as C
from halo_cli.sites.opendining.phrasing import a_or_an, say_day, say_party, say_time, say_window
from halo_cli.sites.opendining.template_kit import (
    BookingTemplate,
    Check,
    alerts,
    at_restaurant,
    book_steps,
    book_through,
    booking_params,
    bookings,
    cross_clash,
    describe,
    difficulty,
    digits,
    eligible,
    minutes,
    moved,
    other_date,
    other_place,
    other_time,
    party_of,
    pick_date,
    pick_party,
    rest,
    search_steps,
    slot_form,
    slots_for,
    squash,
    when_checks,
)
from halo_cli.sites.reference import Step
from halo_cli.sites.templates import Draft, SiteClient, Template, Verdict


class BookRestaurant(BookingTemplate):
    """A table at a named restaurant for a party, date and time."""

    name = "book_restaurant"
    base_task = "opendining-12"
    PHRASES = ("Book a table {party} at {name} {day} at {time}.",
               "Reserve {name} {party}, {day} at {time}.",
               "Can you get me a reservation at {name} {day}? {time}, {party}.",
               "OpenDining: {name}, {time} {day}, {party}.",
               "I'd like to book a table {party} at {name} {day}, {time}.")

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft | None:
        drawn = self.draw(rng, eligible())
        if drawn is None:
            return None
        r, d, t, n = drawn
        params = booking_params(r, d, t, n)
        goal = rng.choice(self.PHRASES).format(name=r["name"], party=say_party(rng, n),
                                               day=say_day(rng, d, t), time=say_time(rng, t))
        return Draft(params, goal, difficulty=difficulty(params))

    def near_misses(self, params: dict[str, Any], state: dict[str, Any]) -> list[dict[str, Any]]:
        out = [other_time(params), moved(params, date=other_date(
            date.fromisoformat(params["date"])).isoformat())]
        r = rest(params["rid"])
        if params["party"] + 1 <= r["maxParty"] and minutes(params["time"]) in C.open_slots(
                r, params["party"] + 1):
            out.append(moved(params, party=params["party"] + 1))
        return out


class BookCuisineInWindow(BookingTemplate):
    """Any restaurant of a cuisine, at any time inside a window ("between 6 and 8pm")."""

    name = "book_cuisine_in_window"
    base_task = "opendining-2"
    PHRASES = ("Reserve me a {cuisine} restaurant {party} {day}, {window}.",
               "Book {a_cuisine} place {day} {window}, {party}.",
               "OpenDining: {cuisine} food {day}, {window}, {party}. Any restaurant is fine.",
               "I'd like {a_cuisine} dinner spot {day} {window} {party}. Book whatever's open.")

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft | None:
        cuisine = rng.choice(sorted({r["food_type"] for r in eligible()}))
        kind = [r for r in eligible() if r["food_type"] == cuisine]
        drawn = self.draw(rng, kind)
        if drawn is None:
            return None
        r, d, t, n = drawn
        lo = rng.choice([t - t % 60 - 60, t - t % 60])
        hi = min(lo + rng.choice([60, 120]), 23 * 60)
        if not lo <= t <= hi or hi == lo:
            lo, hi = t - 60, t
        params = booking_params(r, d, t, n, cuisine=cuisine,
                          window=[C.value_time(lo), C.value_time(hi)])
        word = cuisine.lower() if cuisine == "Breakfast & Brunch" else cuisine
        a_word = "an" if word[0].lower() in "aeiou" else "a"
        goal = rng.choice(self.PHRASES).format(
            cuisine=word, a_cuisine=f"{a_word} {word}", party=say_party(rng, n),
            day=say_day(rng, d, t), window=rng.choice(say_window(lo, hi)))
        if "dinner spot" in goal and lo < 16 * 60:
            goal = goal.replace("dinner spot", "spot")
        return Draft(params, goal, difficulty=difficulty(params, extra=1))

    def checks(self, params: dict[str, Any], det: dict[str, Any]) -> list[Check]:
        lo, hi = (minutes(w) for w in params["window"])
        got = C.parse_time(str(det.get("time", "")))
        food = (det.get("restaurant") or {}).get("food_type", "")
        return [(f"{params['cuisine']} food", squash(food) == squash(params["cuisine"])),
                (f"a time from {C.label_time(lo)} to {C.label_time(hi)}",
                 got is not None and lo <= got <= hi),
                *when_checks(params, det, time=False)]

    def query(self, params: dict[str, Any]) -> str:
        return params["cuisine"]

    def near_misses(self, params: dict[str, Any], state: dict[str, Any]) -> list[dict[str, Any]]:
        lo, hi = (minutes(w) for w in params["window"])
        out = [other_time(params, avoid=(lo, hi)), moved(params, party=params["party"] - 1)
               if params["party"] > 1 else moved(params, party=params["party"] + 1)]
        wrong = other_place(params, lambda r: r["food_type"] == params["cuisine"])
        return out + ([wrong] if wrong else [])


def _groups() -> list[tuple[str, str]]:
    """The groups a goal may name: ("cuisine", food type), ("area", neighborhood), ("any", "")."""
    kinds = sorted({("cuisine", r["food_type"]) for r in C.restaurants()})
    areas = sorted({("area", r["neighborhood"]) for r in C.restaurants()})
    return [*kinds, *areas, ("any", "")]


def _in_group(r: dict[str, Any], kind: str, value: str) -> bool:
    if kind == "cuisine":
        return squash(r.get("food_type")) == squash(value)
    if kind == "area":
        return squash(r.get("neighborhood")) == squash(value)
    return True


def _say_group(rng: random.Random, kind: str, value: str) -> str:
    if kind == "cuisine":
        word = "breakfast" if value == "Breakfast & Brunch" else value
        return rng.choice([f"{word} restaurant", f"{word} place", f"{word} spot"])
    if kind == "area":
        return rng.choice([f"restaurant in {value}", f"place in {value}", f"spot in {value}"])
    return rng.choice(["restaurant", "place", "spot"])



class BookByRating(BookingTemplate):
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
        drawn = self.draw(rng, [r for r in eligible()
                                 if _in_group(r, kind, value) and r["rating"] >= th])
        if drawn is None:
            return None
        r, d, t, n = drawn
        params = booking_params(r, d, t, n, group=[kind, value], min_rating=th)
        stars = f"{th:g}+ star"
        text = _say_group(rng, kind, value)
        goal = rng.choice(self.PHRASES).format(
            a_stars=a_or_an(stars), stars=f"{th:g} stars", group=text, a_group=a_or_an(text),
            stars_words=f"{th:g} stars or higher", rating=f"{th:g}", day=say_day(rng, d, t),
            time=say_time(rng, t), party=say_party(rng, n))
        return Draft(params, goal, difficulty=difficulty(params, extra=kind != "any"))

    @classmethod
    def choices(cls) -> list[tuple[str, str, float]]:
        """(kind, value, threshold) where a restaurant of the group meets the threshold and
        another misses it."""
        out = []
        for kind, value in _groups():
            group = [r for r in C.restaurants() if _in_group(r, kind, value)]
            for th in cls.THRESHOLDS:
                if (any(r["rating"] >= th for r in group if r in eligible())
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
        return out + when_checks(params, det)

    def query(self, params: dict[str, Any]) -> str:
        return params["group"][1]

    def near_misses(self, params: dict[str, Any], state: dict[str, Any]) -> list[dict[str, Any]]:
        kind, value = params["group"]
        low = other_place(params, lambda r: not _in_group(r, kind, value)
                           or r["rating"] >= params["min_rating"])
        other_kind = other_place(params, lambda r: _in_group(r, kind, value)
                                  or r["rating"] < params["min_rating"]) if kind != "any" else None
        return [m for m in (low, other_kind) if m] + [other_time(params)]


class BookBestRated(BookingTemplate):
    """The best-rated restaurant of a cuisine or an area (or of the whole site)."""

    name = "book_best_rated"
    base_task = "opendining-4"
    PHRASES = ("Book the highest rated {group} {day} at {time}, {party}.",
               "What's the best-rated {group} on OpenDining? Reserve it {party} {day} at {time}.",
               "Get me a table at the top rated {group} {day}, {time}, {party}.",
               "OpenDining: top-rated {group}, {party}, {day} at {time}.")

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
        drawn = self.draw(rng, [self.best(kind, value) or {}])
        if drawn is None:
            return None
        r, d, t, n = drawn
        params = booking_params(r, d, t, n, group=[kind, value])
        text = {"cuisine": ("breakfast" if value == "Breakfast & Brunch" else value)
                + rng.choice([" restaurant", " place"]),
                "area": f"restaurant in {value}", "any": "restaurant"}[kind]
        goal = rng.choice(self.PHRASES).format(group=text, day=say_day(rng, d, t),
                                               time=say_time(rng, t), party=say_party(rng, n))
        return Draft(params, goal, difficulty=difficulty(params, extra=1))

    def query(self, params: dict[str, Any]) -> str:
        return params["group"][1]

    def near_misses(self, params: dict[str, Any], state: dict[str, Any]) -> list[dict[str, Any]]:
        kind, value = params["group"]
        second = other_place(params, lambda r: not _in_group(r, kind, value))
        return [m for m in (second, other_time(params)) if m]


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


class BookForOccasion(BookingTemplate):
    """A named restaurant with the occasion set (birthday, anniversary, business meal ...)."""

    name = "book_for_occasion"
    base_task = "opendining-17"
    PHRASES = ("Book {name} {party} {day} at {time}, {why}.",
               "Reserve a table at {name} {day} at {time} {party}. {Why}, so mark the occasion.",
               "OpenDining: {name}, {day} at {time}, {party}; occasion: {occasion}.",
               "{Why}! Get us a table at {name} {day} at {time}, {party}.")

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft | None:
        occasion = rng.choice(C.OCCASIONS)
        drawn = self.draw(rng, eligible(), occasion)
        if drawn is None:
            return None
        r, d, t, n = drawn
        params = booking_params(r, d, t, n, occasion=occasion)
        why = rng.choice(OCCASION_PHRASES[occasion])
        goal = rng.choice(self.PHRASES).format(
            name=r["name"], party=say_party(rng, n), day=say_day(rng, d, t),
            time=say_time(rng, t), why=why, Why=why[0].upper() + why[1:],
            occasion=occasion.lower())
        return Draft(params, goal, difficulty=difficulty(params, extra=1))

    def checks(self, params: dict[str, Any], det: dict[str, Any]) -> list[Check]:
        got = (det.get("optionals") or {}).get("occasion", "")
        return [*super().checks(params, det),
                (f"occasion {params['occasion']}", squash(got) == squash(params["occasion"]))]

    def near_misses(self, params: dict[str, Any], state: dict[str, Any]) -> list[dict[str, Any]]:
        others = [o for o in C.OCCASIONS if o != params["occasion"]]
        other = others[C.OCCASIONS.index(params["occasion"]) % len(others)]
        return [moved(params, occasion=""), moved(params, occasion=other),
                other_time(params)]


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


class BookWithRequest(BookingTemplate):
    """A named restaurant with a special request written on the reservation."""

    name = "book_with_request"
    base_task = "opendining-12"
    PHRASES = ("Book {name} {party} {day} at {time} and add a special request for {req}.",
               "Reserve {name}, {day} at {time}, {party}. In the special request, ask for {req}.",
               "OpenDining: {name} {day} at {time} {party}. Special request: {req}.",
               "Get me a table at {name} {party} {day} at {time}; we'd like {req}.")

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft | None:
        drawn = self.draw(rng, eligible())
        if drawn is None:
            return None
        r, d, t, n = drawn
        said, words = rng.choice(REQUESTS)
        params = booking_params(r, d, t, n, request=said[0].upper() + said[1:] + ".",
                                request_words=list(words))
        goal = rng.choice(self.PHRASES).format(name=r["name"], party=say_party(rng, n),
                                               day=say_day(rng, d, t), time=say_time(rng, t),
                                               req=said)
        return Draft(params, goal, difficulty=difficulty(params, extra=1))

    def checks(self, params: dict[str, Any], det: dict[str, Any]) -> list[Check]:
        got = squash((det.get("optionals") or {}).get("specialRequest", ""))
        return [*super().checks(params, det),
                (f"a special request about {' + '.join(params['request_words'])}",
                 all(squash(w) in got for w in params["request_words"]))]

    def near_misses(self, params: dict[str, Any], state: dict[str, Any]) -> list[dict[str, Any]]:
        other = next((s, w) for s, w in REQUESTS
                     if not all(squash(x) in squash(s) for x in params["request_words"]))
        return [moved(params, request=""),
                moved(params, request=other[0], request_words=list(other[1])),
                other_time(params)]


#: people a reservation may be for (first, last)
GUESTS = (("Priya", "Shah"), ("Marcus", "Green"), ("Elena", "Rossi"), ("Sam", "Okafor"),
          ("Hannah", "Kim"), ("Diego", "Alvarez"), ("Aisha", "Rahman"), ("Tom", "Becker"),
          ("Mei", "Chen"), ("Luca", "Moretti"), ("Grace", "Nguyen"), ("Omar", "Haddad"))
RELATIONS = ("my colleague", "my mom", "my brother", "a client", "my friend", "my boss")


class BookUnderName(BookingTemplate):
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
        drawn = self.draw(rng, eligible())
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
        params = booking_params(r, d, t, n, **extra)
        goal = rng.choice(self.PHRASES).format(
            name=r["name"], party=say_party(rng, n), day=say_day(rng, d, t),
            time=say_time(rng, t), who=rng.choice(RELATIONS), first=first, last=last,
            contact=contact)
        return Draft(params, goal, difficulty=difficulty(params, extra=1 + ("email" in params)))

    def checks(self, params: dict[str, Any], det: dict[str, Any]) -> list[Check]:
        out = [*super().checks(params, det),
               (f"name {params['first_name']} {params['last_name']}",
                (squash(det.get("firstName")), squash(det.get("lastName")))
                == (squash(params["first_name"]), squash(params["last_name"]))),
               (f"phone {params['tel']}", digits(det.get("tel")) == digits(params["tel"]))]
        if "email" in params:
            out.append((f"email {params['email']}",
                        str(det.get("email", "")).strip().lower() == params["email"]))
        return out

    def near_misses(self, params: dict[str, Any], state: dict[str, Any]) -> list[dict[str, Any]]:
        mine = {k: v for k, v in params.items()
                if k not in ("first_name", "last_name", "tel", "email")}
        tel = digits(params["tel"])
        wrong_tel = f"({tel[:3]}) {tel[3:6]}-{(int(tel[6:]) + 1) % 10000:04d}"
        return [mine, moved(params, tel=wrong_tel),
                moved(params, first_name=params["last_name"], last_name=params["first_name"])]


class BookTwoTables(Template):
    """Two reservations at two named restaurants (e.g. lunch and dinner), in one go."""

    site = "opendining"
    name = "book_two_tables"
    base_task = "opendining-24"
    PHRASES = ("Book two reservations {party}: {first}, and {second}.",
               "I need two tables {party}. First {first}; then {second}.",
               "OpenDining: {first} + {second}, {party} both times.")

    @staticmethod
    def say_booking(rng: random.Random, b: dict[str, Any]) -> str:
        d, t = date.fromisoformat(b["date"]), minutes(b["time"])
        return rng.choice([f"{b['restaurant']} {say_day(rng, d, t)} at {say_time(rng, t)}",
                           f"{say_day(rng, d, t)} at {say_time(rng, t)} at {b['restaurant']}"])

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft | None:
        first = BookingTemplate.draw(rng, eligible(), most=6)
        if first is None:
            return None
        r1, d1, t1, n = first
        pool = [r for r in eligible() if r["id"] != r1["id"] and r["maxParty"] >= n]
        for _ in range(20):
            r2 = rng.choice(pool)
            d2 = d1 if rng.random() < 0.5 else pick_date(rng)
            slots = [t for t in slots_for(r2, d2, n) if (d2 != d1 or abs(t - t1) >= 120)
                     and not cross_clash(r1, t1, r2, t)]
            if slots:
                break
        else:
            return None
        pair = sorted([booking_params(r1, d1, t1, n), booking_params(r2, d2, rng.choice(slots), n)],
                      key=lambda b: (b["date"], b["time"]))
        params = {"bookings": pair, "party": n}
        goal = rng.choice(self.PHRASES).format(party=say_party(rng, n),
                                               first=self.say_booking(rng, pair[0]),
                                               second=self.say_booking(rng, pair[1]))
        return Draft(params, goal, difficulty=3)

    def judge(self, params: dict[str, Any], finish: dict[str, Any]) -> Verdict:
        made = bookings(finish)
        if len(made) != 2:
            return Verdict(False, f"{len(made)} reservations were made; the task asks for two")
        for want in params["bookings"]:
            if not any(at_restaurant(want, det)[1] and all(ok for _, ok in when_checks(want, det))
                       for det in made):
                return Verdict(False, f"no reservation at {want['restaurant']} on "
                               f"{want['date']} at {C.label_time(minutes(want['time']))} "
                               f"for {want['party']} (made: {'; '.join(map(describe, made))})")
        return Verdict(True, f"booked {'; '.join(map(describe, made))}")

    def reach(self, params: dict[str, Any], client: SiteClient) -> None:
        for b in params["bookings"]:
            book_through(client, b)

    def near_misses(self, params: dict[str, Any], state: dict[str, Any]) -> list[dict[str, Any]]:
        first, second = params["bookings"]
        return [{**params, "bookings": [first]},
                {**params, "bookings": [first, other_time(second)]},
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
        full = [(r, C.parse_time(s)) for r in eligible() for s in r["fullyBooked"]
                if r["name"] != "Evening Delight"]  # task 20 is Evening Delight's 5 PM
        r, t = rng.choice(full)
        if t is None:
            return None
        d, n = pick_date(rng), pick_party(rng, r["maxParty"])
        params = booking_params(r, d, t, n)
        goal = rng.choice(self.PHRASES).format(name=r["name"], party=say_party(rng, n),
                                               day=say_day(rng, d, t), time=say_time(rng, t))
        return Draft(params, goal, difficulty=difficulty(params, extra=1))

    def judge(self, params: dict[str, Any], finish: dict[str, Any]) -> Verdict:
        made = bookings(finish)
        if made:
            return Verdict(False, f"a reservation was made ({'; '.join(map(describe, made))}); "
                           f"{C.label_time(minutes(params['time']))} is fully booked")
        set_ = alerts(finish)
        want_t = minutes(params["time"])
        for a in set_:
            if (a.get("restaurantId") == params["rid"]
                    or squash(a.get("restaurantName")) == squash(params["restaurant"])) \
                    and C.parse_time(str(a.get("time", ""))) == want_t \
                    and C.parse_date(str(a.get("date", ""))) == date.fromisoformat(params["date"]) \
                    and party_of(a.get("guests")) == params["party"]:
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
        client.get(f"/restaurant/{params['rid']}", params={k: v for k, v in slot_form(params).items()
                                                           if k != "rid"})
        done = client.post("/notify", data=slot_form(params))
        if done.status_code != 200:
            raise RuntimeError(f"notify {slot_form(params)} failed: {done.status_code}")

    def near_misses(self, params: dict[str, Any], state: dict[str, Any]) -> list[dict[str, Any]]:
        r = rest(params["rid"])
        out = [moved(params, date=other_date(date.fromisoformat(params["date"])).isoformat()),
               {**other_time(params), "act": "book"}]
        others = [s for s in r["fullyBooked"] if minutes(s) != minutes(params["time"])]
        if others:
            out.append(moved(params, time=others[0]))
        if params["party"] < r["maxParty"]:
            out.append(moved(params, party=params["party"] + 1))
        return out

    def solution(self, params: dict[str, Any]) -> list[Step]:
        t = C.label_time(minutes(params["time"]))
        return [*search_steps(params["restaurant"], params),
                R.click("link", params["restaurant"], exact=True),
                R.click("button", "Notify me", exact=True),
                R.send(f"{params['restaurant']} is fully booked at {t}; you'll be notified "
                       f"if a table opens up.")]


TEMPLATES: list[Template] = [BookRestaurant(), BookCuisineInWindow(), BookByRating(),
                             BookBestRated(), BookForOccasion(), BookWithRequest(),
                             BookUnderName(), BookTwoTables(), NotifyWhenFull()]
