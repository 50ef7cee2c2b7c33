"""UDriver's task templates (`halo_cli.sites.templates` says what a template is): book a
ride, a ride type, a ride type paid a given way, schedule a ride, check a fare, top up
UDriver Credits, add a card as the default payment, and rides found from past trips.

Each judge reads the store `/finish` shows (`initialfinaldiff.added`, the whole hydrated
store, as REAL's udriver scripts read it): the trips booked in the session (those not in
the seed's history), the wallet's new transactions, the payment methods. A booking judge
wants exactly one new ride, so a wrong ride booked beside the right one fails.
"""

from __future__ import annotations

import random
from typing import Any

from halo_cli.sites import reference as R
from halo_cli.sites.reference import Step
from halo_cli.sites.templates import Draft, SiteClient, Template, Verdict
from halo_cli.sites.udriver import store
from halo_cli.sites.udriver import template_parts as P

SITE = "udriver"


def _judge_trip(params: dict[str, Any], finish: dict[str, Any], *, car: str | None = None,
                payment: str | None = None, when: tuple[str, str] | None = None) -> Verdict:
    """The one new trip is on `params`' route (and `car`, `payment`), booked now, or
    scheduled at `when` (date, time)."""
    trip, why = P.one_new_trip(finish)
    if trip is None:
        return Verdict(False, why)
    want = (params["pickup"], params["dropoff"])
    route = P.route_words(*want)
    if P.route_of(trip) != want:
        return Verdict(False, f"booked {P.describe(trip)}, not {route}")
    got_car = (trip.get("car") or {}).get("type")
    if car is not None and got_car != car:
        return Verdict(False, f"booked a {got_car}, not a {car} ({route})")
    got_pay = (trip.get("paymentMethod") or {}).get("id")
    if payment is not None and got_pay != payment:
        return Verdict(False, f"paid with {(trip.get('paymentMethod') or {}).get('displayName')}"
                              f", not {P.payment_label(payment)} ({route})")
    if when is None:
        if trip.get("status") != "completed":
            return Verdict(False, f"scheduled for {trip.get('date')} {trip.get('time')}, "
                                  f"not booked for now ({route})")
        return Verdict(True, f"booked {P.describe(trip)}")
    if trip.get("status") != "scheduled":
        return Verdict(False, f"booked for now, not scheduled for {when[0]} {when[1]} ({route})")
    if (trip.get("date"), trip.get("time")) != when:
        return Verdict(False, f"scheduled for {trip.get('date')} {trip.get('time')}, not "
                              f"{when[0]} {when[1]} ({route})")
    return Verdict(True, f"scheduled {P.describe(trip)}")


class _RouteTemplate(Template):
    """A template over a route: near misses that swap the ends or change the dropoff."""

    site = SITE

    @staticmethod
    def _route_misses(params: dict[str, Any]) -> list[dict[str, Any]]:
        route = (params["pickup"], params["dropoff"])
        misses = [{**params, "dropoff": P.other_place(route, params["pickup"] + params["dropoff"])}]
        if (params["dropoff"], params["pickup"]) not in P.V2_ROUTES:
            misses.append({**params, "pickup": params["dropoff"], "dropoff": params["pickup"]})
        return misses


class BookRide(_RouteTemplate):
    """Book a ride now from one place to another (any ride type, any payment)."""

    name = "book_ride"
    base_task = "udriver-3"
    PHRASES = (
        "Book me a ride from {a} to {b}.",
        "Need a ride to {b} from {a}, right now.",
        "get me a ride {a} to {b}",
        "I'm at {a}. Book a ride to {b} for me please.",
        "Can you book a ride from {a} over to {b}? Leaving now.",
    )

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft | None:
        pickup, dropoff = P.draw_route(rng)
        goal = rng.choice(self.PHRASES).format(a=P.spoken(pickup), b=P.spoken(dropoff))
        return Draft({"pickup": pickup, "dropoff": dropoff}, goal, "/", difficulty=1)

    def judge(self, params: dict[str, Any], finish: dict[str, Any]) -> Verdict:
        return _judge_trip(params, finish)

    def reach(self, params: dict[str, Any], client: SiteClient) -> None:
        when = tuple(params["when"]) if params.get("when") else None  # a near miss only
        P.book(client, params["pickup"], params["dropoff"], "UdriverX", "wallet", when)

    def near_misses(self, params: dict[str, Any], state: dict[str, Any]
                    ) -> list[dict[str, Any]]:
        return [*self._route_misses(params), {**params, "when": ["7/19/2024", "9:00 AM"]}]

    def solution(self, params: dict[str, Any]) -> list[Step]:
        return [*P.route_steps(params["pickup"], params["dropoff"]),
                *P.book_steps("UdriverX", "wallet"), R.send()]


class BookRideType(_RouteTemplate):
    """Book a ride of one type, named or described (cheapest, extra legroom, seats 6)."""

    name = "book_ride_type"
    base_task = "udriver-15"
    NAMED = (
        "Book a {car} from {a} to {b}.",
        "I want a {car} ride from {a} to {b}, please book it.",
        "{a} to {b}, {car} please. Book it now.",
    )
    HINTED = (
        "Book me {hint} from {a} to {b}.",
        "Going from {a} to {b}. Get me {hint}.",
        "Need a ride to {b} from {a}, {hint} please.",
    )

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft | None:
        pickup, dropoff = P.draw_route(rng)
        car = rng.choice(P.CARS)
        words = {"a": P.spoken(pickup), "b": P.spoken(dropoff), "car": car}
        if rng.random() < 0.5:
            goal = rng.choice(self.NAMED).format(**words)
        else:
            goal = rng.choice(self.HINTED).format(hint=rng.choice(P.CAR_HINTS[car]), **words)
        return Draft({"pickup": pickup, "dropoff": dropoff, "car": car}, goal, "/",
                     difficulty=2)

    def judge(self, params: dict[str, Any], finish: dict[str, Any]) -> Verdict:
        return _judge_trip(params, finish, car=params["car"])

    def reach(self, params: dict[str, Any], client: SiteClient) -> None:
        pay = P.payment_for(store.seed_state(), params["pickup"], params["dropoff"],
                            params["car"])
        P.book(client, params["pickup"], params["dropoff"], params["car"], pay)

    def near_misses(self, params: dict[str, Any], state: dict[str, Any]
                    ) -> list[dict[str, Any]]:
        others = [c for c in P.CARS if c != params["car"]]
        return [{**params, "car": c} for c in others] + self._route_misses(params)[1:]

    def solution(self, params: dict[str, Any]) -> list[Step]:
        pay = P.payment_for(store.seed_state(), params["pickup"], params["dropoff"],
                            params["car"])
        return [*P.route_steps(params["pickup"], params["dropoff"]),
                *P.book_steps(params["car"], pay), R.send()]


class BookRidePaidWith(_RouteTemplate):
    """Book a ride type now, paid a given way (credits, the card on file, or cash)."""

    name = "book_ride_paid_with"
    base_task = "udriver-9"
    PHRASES = (
        "Book a {car} from {a} to {b} for right now and pay with {pay}.",
        "I need a {car} now from {a} to {b}. Use {pay} for this one.",
        "{a} to {b} please, a {car}, pickup now, paying with {pay}.",
        "Get me a {car} to {b} from {a} asap; charge it to {pay}.",
    )

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft | None:
        pickup, dropoff = P.draw_route(rng)
        car = rng.choice(P.CARS)
        payment = rng.choice(("wallet", "1", "cash"))
        if payment == "wallet" and P.payment_for(state, pickup, dropoff, car) != "wallet":
            return None  # the credits do not cover it: the site refuses the booking
        goal = rng.choice(self.PHRASES).format(
            a=P.spoken(pickup), b=P.spoken(dropoff), car=car,
            pay=rng.choice(P.PAYMENT_WORDS[payment]))
        return Draft({"pickup": pickup, "dropoff": dropoff, "car": car, "payment": payment},
                     goal, "/", difficulty=3)

    def judge(self, params: dict[str, Any], finish: dict[str, Any]) -> Verdict:
        return _judge_trip(params, finish, car=params["car"], payment=params["payment"])

    def reach(self, params: dict[str, Any], client: SiteClient) -> None:
        when = tuple(params["when"]) if params.get("when") else None  # a near miss only
        P.book(client, params["pickup"], params["dropoff"], params["car"], params["payment"],
               when)

    def near_misses(self, params: dict[str, Any], state: dict[str, Any]
                    ) -> list[dict[str, Any]]:
        pays = [p for p in ("cash", "1") if p != params["payment"]]
        cars = [c for c in P.CARS if c != params["car"] and (
            params["payment"] != "wallet"
            or P.payment_for(state, params["pickup"], params["dropoff"], c) == "wallet")]
        misses = [{**params, "payment": pays[0]}, {**params, "when": ["7/19/2024", "8:00 AM"]}]
        if cars:
            salt = params["pickup"] + params["dropoff"]
            misses.append({**params, "car": cars[salt % len(cars)]})
        return misses

    def solution(self, params: dict[str, Any]) -> list[Step]:
        return [*P.route_steps(params["pickup"], params["dropoff"]),
                *P.book_steps(params["car"], params["payment"]), R.send()]


class ScheduleRide(_RouteTemplate):
    """Schedule a ride for a given day and time."""

    name = "schedule_ride"
    base_task = "udriver-17"
    PHRASES = (
        "Schedule a ride from {a} to {b} on {day} at {time}.",
        "I need to be picked up at {a} on {day} at {time}, going to {b}. Schedule it.",
        "set up a ride {a} -> {b} for {day}, {time}",
        "Can you book me a ride for later: {day} at {time}, from {a} to {b}?",
        "Plan a pickup at {a} for {time} on {day}; I'm heading to {b}.",
    )

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft | None:
        pickup, dropoff = P.draw_route(rng)
        day, clock = P.draw_when(rng)
        goal = rng.choice(self.PHRASES).format(a=P.spoken(pickup), b=P.spoken(dropoff),
                                               day=P.day_words(day), time=clock)
        return Draft({"pickup": pickup, "dropoff": dropoff, "date": day, "time": clock}, goal,
                     "/", difficulty=2)

    def judge(self, params: dict[str, Any], finish: dict[str, Any]) -> Verdict:
        return _judge_trip(params, finish, when=(params["date"], params["time"]))

    def reach(self, params: dict[str, Any], client: SiteClient) -> None:
        when = None if params.get("now") else (params["date"], params["time"])
        P.book(client, params["pickup"], params["dropoff"], "UdriverX", "wallet", when)

    def near_misses(self, params: dict[str, Any], state: dict[str, Any]
                    ) -> list[dict[str, Any]]:
        return [{**params, "time": P.shift_time(params["time"], 4)},
                {**params, "date": P.shift_day(params["date"], 1)},
                {**params, "now": True}]

    def solution(self, params: dict[str, Any]) -> list[Step]:
        return [*P.route_steps(params["pickup"], params["dropoff"],
                               (params["date"], params["time"])),
                *P.book_steps("UdriverX", "wallet", scheduled=True), R.send()]


class CheckFare(_RouteTemplate):
    """See what a route costs (now, or at a given day and time) without booking it; the
    judge reads the prices shown (`ride`); the answer goes in the final message."""

    name = "check_fare"
    base_task = "udriver-17"
    NOW = (
        "How much is a ride from {a} to {b} right now? Don't book it.",
        "check prices from {a} to {b}, just looking, no booking",
        "What would an UdriverX from {a} to {b} cost me? Only show me the price.",
    )
    LATER = (
        "How much would a ride from {a} to {b} on {day} at {time} cost? Don't book.",
        "Price check: {a} to {b}, pickup {day} at {time}. Just tell me the fare.",
        "I might go from {a} to {b} on {day} around {time}. What's the price? No booking yet.",
    )

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft | None:
        pickup, dropoff = P.draw_route(rng)
        words = {"a": P.spoken(pickup), "b": P.spoken(dropoff)}
        params: dict[str, Any] = {"pickup": pickup, "dropoff": dropoff,
                                  "fare": P.fare(pickup, dropoff, "UdriverX")}
        if rng.random() < 0.5:
            return Draft(params, rng.choice(self.NOW).format(**words), "/", difficulty=1)
        day, clock = P.draw_when(rng)
        params.update(date=day, time=clock)
        goal = rng.choice(self.LATER).format(day=P.day_words(day), time=clock, **words)
        return Draft(params, goal, "/", difficulty=2)

    def judge(self, params: dict[str, Any], finish: dict[str, Any]) -> Verdict:
        trips = P.new_trips(finish)
        if trips:
            return Verdict(False, "a ride was booked: " + "; ".join(map(P.describe, trips)))
        ride = P.final_store(finish).get("ride") or {}
        shown = ((ride.get("pickupLocation") or {}).get("id"),
                 (ride.get("dropoffLocation") or {}).get("id"))
        route = P.route_words(params["pickup"], params["dropoff"])
        if shown != (params["pickup"], params["dropoff"]):
            return Verdict(False, f"prices were not seen for {route}")
        price = (ride.get("calculatedPrice") or {}).get("finalPrice")
        if not isinstance(price, (int, float)) or price <= 0:
            return Verdict(False, f"no price was shown for {route}")
        if params.get("date"):
            when = (ride.get("pickupDate"), ride.get("pickupTime"))
            if when != (params["date"], params["time"]):
                return Verdict(False, f"prices seen for {when[0]} {when[1]}, not "
                                      f"{params['date']} {params['time']} ({route})")
        return Verdict(True, f"prices shown for {route} (UdriverX ${params['fare']:.2f})")

    def reach(self, params: dict[str, Any], client: SiteClient) -> None:
        when = (params["date"], params["time"]) if params.get("date") else None
        if params.get("book"):  # a near miss only
            P.book(client, params["pickup"], params["dropoff"], "UdriverX", "wallet", when)
        else:
            P.see_prices(client, params["pickup"], params["dropoff"], when)

    def near_misses(self, params: dict[str, Any], state: dict[str, Any]
                    ) -> list[dict[str, Any]]:
        misses = [*self._route_misses(params), {**params, "book": True}]
        if params.get("date"):
            misses.append({**params, "time": P.shift_time(params["time"], -2)})
        return misses

    def solution(self, params: dict[str, Any]) -> list[Step]:
        when = (params["date"], params["time"]) if params.get("date") else None
        return [*P.route_steps(params["pickup"], params["dropoff"], when),
                R.send(f"An UdriverX from {P.spoken(params['pickup'])} to "
                       f"{P.spoken(params['dropoff'])} costs ${params['fare']:.2f}.")]


class TopUpCredits(Template):
    """Add an amount to UDriver Credits with the card on file (or reach a given balance)."""

    site = SITE
    name = "top_up_credits"
    base_task = "udriver-2"
    AMOUNT = (
        "Add ${amount} to my UDriver credits with my card.",
        "top up my udriver balance by ${amount} using the Visa",
        "Put ${amount} of credits on my UDriver account, pay with the card on file.",
        "Load ${amount} into my UDriver wallet please.",
    )
    TARGET = (
        "Top up my UDriver credits so the balance is exactly ${target}. Use my card.",
        "I want my credits balance at ${target}. Add whatever it takes with my Visa.",
        "Bring my UDriver Credits up to ${target} using the card on my account.",
    )
    #: custom amounts a rider types (the page's presets are $25, $50 and $100; $100 is a
    #: v2 task's, so it is never drawn)
    AMOUNTS = (*range(5, 100, 5), *range(110, 310, 10), 12.5, 17.5, 22.5, 37.5, 42.5, 62.5,
               74.5, 99.5)

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft | None:
        amount = float(rng.choice(self.AMOUNTS))
        balance = float(state["user"]["wallet"]["balance"])
        target = round(balance + amount, 2)
        params = {"amount": amount, "balance": target}
        if rng.random() < 0.6:
            goal = rng.choice(self.AMOUNT).format(amount=P.money_text(amount))
            return Draft(params, goal, "/", difficulty=1)
        goal = rng.choice(self.TARGET).format(target=f"{target:.2f}")
        return Draft(params, goal, "/", difficulty=2)

    def judge(self, params: dict[str, Any], finish: dict[str, Any]) -> Verdict:
        txs = P.new_transactions(finish)
        ups = [t for t in txs if t.get("type") == "credit"]
        if not ups:
            return Verdict(False, "no funds were added")
        if len(txs) > 1:
            return Verdict(False, f"{len(txs)} wallet transactions, not one top-up: "
                           + ", ".join(f"{t.get('description')} {t.get('amount')}" for t in txs))
        up = ups[0]
        amount = up.get("amount")
        if not isinstance(amount, (int, float)) or abs(amount - params["amount"]) > 0.005:
            return Verdict(False, f"added ${amount}, not ${params['amount']:.2f}")
        if up.get("paymentMethodId") != "1":
            return Verdict(False, f"paid with {up.get('paymentMethodId')!r}, not the card")
        balance = P.wallet_of(finish).get("balance")
        if not isinstance(balance, (int, float)) or abs(balance - params["balance"]) > 0.005:
            return Verdict(False, f"balance is ${balance}, not ${params['balance']:.2f}")
        return Verdict(True, f"added ${amount:.2f} with the card; balance ${balance:.2f}")

    def reach(self, params: dict[str, Any], client: SiteClient) -> None:
        for _ in range(int(params.get("times", 1))):  # `times` 2: a near miss only
            P.top_up(client, params["amount"])

    def near_misses(self, params: dict[str, Any], state: dict[str, Any]
                    ) -> list[dict[str, Any]]:
        amount = params["amount"]
        other = 25.0 if amount != 25.0 else 50.0  # the preset that is checked, or the next
        return [{**params, "amount": other}, {**params, "amount": amount + 5},
                {**params, "times": 2}]

    def solution(self, params: dict[str, Any]) -> list[Step]:
        return [R.click("link", "Wallet", exact=True),
                R.fill("textbox", "Other amount", P.money_text(params["amount"])),
                R.click("button", "Add funds", exact=True),
                R.send(f"Added ${params['amount']:.2f}; the balance is "
                       f"${params['balance']:.2f}.")]


def _luhn_digit(body: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return str((10 - total % 10) % 10)


class AddCardAsDefault(Template):
    """Add a new card (number, expiry) and make it the default payment method."""

    site = SITE
    name = "add_card_as_default"
    base_task = "udriver-14"
    PHRASES = (
        "Add my new card {number}, exp {expiry}, and make it my default payment.",
        "Please save a {brand} card {number} expiring {expiry} to my account and set it "
        "as default.",
        "new card: {number} ({expiry}). add it and use it as my default way to pay",
        "I got a new {brand}, number {number}, expiry {expiry}. Make it the default "
        "payment method on UDriver.",
    )
    BRANDS = (("Visa", "4"), ("Mastercard", "5"))

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft | None:
        brand, first = rng.choice(self.BRANDS)
        body = first + str(rng.randrange(1, 6) if first == "5" else rng.randrange(10))
        body += "".join(str(rng.randrange(10)) for _ in range(13))
        number = body + _luhn_digit(body)
        known = {m.get("last4") for m in state["user"]["wallet"]["paymentMethods"]}
        if number[-4:] in known:
            return None
        expiry = f"{rng.randrange(1, 13):02d}/{rng.randrange(25, 31)}"
        spaced = " ".join(number[i:i + 4] for i in range(0, 16, 4))
        goal = rng.choice(self.PHRASES).format(number=spaced, expiry=expiry, brand=brand)
        return Draft({"number": number, "expiry": expiry, "brand": brand,
                      "last4": number[-4:]}, goal, "/", difficulty=2)

    def judge(self, params: dict[str, Any], finish: dict[str, Any]) -> Verdict:
        methods = [m for m in P.items(P.wallet_of(finish).get("paymentMethods"))
                   if isinstance(m, dict)]
        new = [m for m in methods if m.get("last4") == params["last4"]
               and m.get("type") == "credit"]
        if not new:
            return Verdict(False, f"no card ending in {params['last4']} was added")
        card = new[-1]
        if len(new) > 1:
            return Verdict(False, f"the card ending in {params['last4']} was added "
                                  f"{len(new)} times")
        if card.get("expiry") != params["expiry"]:
            return Verdict(False, f"the card's expiry is {card.get('expiry')}, not "
                                  f"{params['expiry']}")
        defaults = [m.get("displayName") for m in methods if m.get("isDefault")]
        if defaults != [card.get("displayName")]:
            return Verdict(False, f"the default is {', '.join(map(str, defaults)) or 'none'}, "
                                  f"not {card.get('displayName')}")
        chosen = (P.final_store(finish).get("ride") or {}).get("selectedPaymentMethod") or {}
        if chosen.get("id") != card.get("id"):
            return Verdict(False, f"rides are paid with {chosen.get('displayName')}, not the "
                                  "new card")
        return Verdict(True, f"{card.get('displayName')} (exp {card.get('expiry')}) added "
                             "and made the default")

    def reach(self, params: dict[str, Any], client: SiteClient) -> None:
        if params.get("skip_card"):  # near misses only: skip_card, keep_default
            P.set_default(client, "1")
            return
        P.add_card(client, params["number"], params["expiry"])
        if not params.get("keep_default"):
            P.set_default(client, P.next_method_id())

    def near_misses(self, params: dict[str, Any], state: dict[str, Any]
                    ) -> list[dict[str, Any]]:
        month, year = params["expiry"].split("/")
        other = f"{(int(month) % 12) + 1:02d}/{year}"
        return [{**params, "keep_default": True}, {**params, "expiry": other},
                {**params, "skip_card": True}]

    def solution(self, params: dict[str, Any]) -> list[Step]:
        card = f"{params['brand']} •••• {params['last4']}"
        return [R.click("link", "Payment", exact=True),
                R.fill("textbox", "Card number", params["number"]),
                R.fill("textbox", "Expiry (MM/YY)", params["expiry"]),
                R.click("button", "Add card", exact=True),
                R.click("button", f"Set {card} as default", exact=True), R.send()]


class RideFromPastTrip(_RouteTemplate):
    """A ride found from the trip history: the same ride again, the way back, or onward
    from where a past trip ended."""

    name = "ride_from_past_trip"
    base_task = "udriver-4"
    AGAIN = (
        "Book the same ride I took on {day} again, same pickup, dropoff and ride type.",
        "Repeat my {day} trip: same route, same kind of car. Book it now.",
    )
    BACK = (
        "Get me a ride back from where my {day} trip dropped me off to where it picked me up.",
        "I need to go back the other way from my {day} ride. Book it.",
    )
    ONWARD = (
        "I'm where my {day} trip dropped me off. Book me a ride from there to {b}.",
        "From the drop-off of my ride on {day}, get me a ride to {b}.",
        "book a ride to {b} from wherever my {day} trip ended",
    )

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft | None:
        trip = rng.choice(state["ride"]["trips"])
        m, d, _ = trip["date"].split("/")
        day = rng.choice((f"{m}/{d}", P.day_words(trip["date"]).split(", ")[1]))
        start, end = trip["pickup"]["id"], trip["destination"]["id"]
        kind = rng.choice(("again", "back", "onward", "onward"))
        if kind == "again":
            params = {"pickup": start, "dropoff": end, "car": trip["car"]["type"]}
            goal = rng.choice(self.AGAIN).format(day=day)
        elif kind == "back":
            params = {"pickup": end, "dropoff": start}
            goal = rng.choice(self.BACK).format(day=day)
        else:
            _, dropoff = P.draw_route(rng, pickup=end)
            params = {"pickup": end, "dropoff": dropoff}
            goal = rng.choice(self.ONWARD).format(day=day, b=P.spoken(dropoff))
        if (params["pickup"], params["dropoff"]) in P.V2_ROUTES:
            return None
        params["trip_date"] = trip["date"]
        return Draft(params, goal, "/", difficulty=3 if kind == "again" else 2)

    def judge(self, params: dict[str, Any], finish: dict[str, Any]) -> Verdict:
        return _judge_trip(params, finish, car=params.get("car"))

    def _car(self, params: dict[str, Any]) -> str:
        return params.get("car") or "UdriverX"

    def reach(self, params: dict[str, Any], client: SiteClient) -> None:
        car = params.get("book_car") or self._car(params)  # book_car: a near miss only
        pay = P.payment_for(store.seed_state(), params["pickup"], params["dropoff"], car)
        P.book(client, params["pickup"], params["dropoff"], car, pay)

    def near_misses(self, params: dict[str, Any], state: dict[str, Any]
                    ) -> list[dict[str, Any]]:
        misses = self._route_misses(params)
        if params.get("car"):
            misses.append({**params, "book_car": next(c for c in P.CARS
                                                      if c != params["car"])})
        return misses

    def solution(self, params: dict[str, Any]) -> list[Step]:
        car = self._car(params)
        pay = P.payment_for(store.seed_state(), params["pickup"], params["dropoff"], car)
        return [R.click("link", "Trips", exact=True), R.click("link", "Ride", exact=True),
                *P.route_steps(params["pickup"], params["dropoff"]),
                *P.book_steps(car, pay), R.send()]


TEMPLATES: list[Template] = [BookRide(), BookRideType(), BookRidePaidWith(), ScheduleRide(),
                             CheckFare(), TopUpCredits(), AddCardAsDefault(),
                             RideFromPastTrip()]
