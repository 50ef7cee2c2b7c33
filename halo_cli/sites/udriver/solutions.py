"""Reference solutions (must score 1) and negative controls (must score 0) for UDriver.

Targets are named by role and accessible name only; every call builds fresh objects.
"""

from __future__ import annotations

from halo_cli.sites import reference as R
from halo_cli.sites.reference import Solution, Step


def _route(pickup_query: str, pickup: str, dropoff_query: str, dropoff: str,
           time: str | None = None) -> list[Step]:
    """Search both places, choose the suggestions, then See prices (now or at `time`)."""
    steps = [R.fill("textbox", "Pickup location", pickup_query),
             R.fill("textbox", "Dropoff location", dropoff_query),
             R.click("button", "Search", exact=True),
             R.click("button", f"Pick up at {pickup}"),
             R.click("button", f"Drop off at {dropoff}")]
    if time:
        steps.append(R.select("combobox", "Pickup time", time))
    return [*steps, R.click("button", "See prices", exact=True)]


def _book(car: str | None = None, payment: str | None = None, verb: str = "Request") -> list[Step]:
    steps = [R.click("button", f"Choose {car},")] if car else []
    if payment:
        steps.append(R.select("combobox", "Payment method", payment))
    return [*steps, R.click("button", verb)]


def _top_up(amount: str) -> list[Step]:
    return [R.click("link", "Wallet", exact=True), R.click("radio", amount, exact=True),
            R.click("button", "Add funds", exact=True)]


HOTEL = "1 Hotel San Francisco"
POST = "1030 Post Street Apartments"


def solutions() -> list[Solution]:
    return [
        Solution("udriver-2", [*_top_up("$100"), R.send("Added $100; balance is $125.50.")]),
        Solution("udriver-3", [*_route("1001 Castro Street", "1001 Castro Street", POST, POST),
                               *_book(), R.send()]),
        Solution("udriver-4", [*_route("1000 Chestnut St", "1000 Chestnut Street",
                                       "Rooftop 25", "Rooftop 25"), *_book(), R.send()]),
        Solution("udriver-6", [*_route("Aaha Indian Cuisine", "Aaha Indian Cuisine",
                                       "Casa Loma Hotel", "Casa Loma Hotel"),
                               *_book(payment="UDriver Credits"), R.send()]),
        Solution("udriver-7", [*_route("22 and Irving Street", "22nd & Irving", "7-Eleven",
                                       "7-Eleven"), *_book(), R.send()]),
        Solution("udriver-9", [*_route(HOTEL, HOTEL, POST, POST),
                               *_book("UdriverXL", "Cash"), R.send()]),
        Solution("udriver-11", [*_route("Club X", "Club X", "Fox Plaza Apartments",
                                        "Fox Plaza Apartments"),
                                *_book("UdriverX", "UDriver Credits"), R.send()]),
        Solution("udriver-13", [*_route("Golden Gate apartments", "Golden Gate Apartments",
                                        "Chase Bank", "Chase Bank - Union Square"),
                                *_book("UdriverX"), R.send()]),
        Solution("udriver-14", [R.click("link", "Payment", exact=True),
                                R.click("button", "Set Visa •••• 4242 as default"), R.send()]),
        Solution("udriver-15", [*_route("388 Beale", "388 Beale", "Amber India",
                                        "Amber India Restaurant"),
                                *_book("UdriverXL"), R.send()]),
        Solution("udriver-16", [*_route(HOTEL, HOTEL, "100 Van Ness Ave", "100 Van Ness"),
                                *_book(), R.send()]),
        Solution("udriver-17", [*_route("333 Fremont Apartments", "333 Fremont Apartments",
                                        "201 Turk Street Apartments",
                                        "201 Turk Street Apartments", time="3:30 PM"),
                                R.send("The UdriverX ride costs $12.10.")]),
        Solution("udriver-19", [*_route("AI Electronics Center", "Ai Electronics Center.Com",
                                        "333 Fremont Apartments", "333 Fremont Apartments"),
                                R.send("A UdriverX costs $16.50; your $25.50 credits cover it.")]),
        Solution("udriver-20", [*_route("Club 26 Mix", "Club 26 Mix", "100 Van Ness",
                                        "100 Van Ness"), *_book("UdriverX"), R.send()]),
    ]


def negatives() -> list[Solution]:
    """Plausible wrong runs the real scripts must score 0."""
    neg = "negative"
    return [
        Solution("udriver-2", [*_top_up("$50"), R.send()], kind=neg, label="topped-up-50"),
        Solution("udriver-2", [*_top_up("$100"), *_top_up("$100"), R.send()], kind=neg,
                 label="topped-up-twice"),
        Solution("udriver-9", [*_route(HOTEL, HOTEL, POST, POST, time="3:30 PM"),
                               *_book("UdriverXL", "Cash", verb="Schedule"), R.send()],
                 kind=neg, label="scheduled-not-now"),
        Solution("udriver-13", [*_route("Golden Gate apartments", "Golden Gate Apartments",
                                        "Chase Bank", "Chase Bank - Union Square"),
                                *_book("Comfort"), R.send()], kind=neg, label="comfort-car"),
        Solution("udriver-14", [R.click("link", "Payment", exact=True),
                                R.click("button", "Set Cash as default"), R.send()],
                 kind=neg, label="cash-default"),
        Solution("udriver-15", [*_route("388 Beale", "388 Beale", "Amber India",
                                        "Amber India Restaurant"), *_book(), R.send()],
                 kind=neg, label="not-xl"),
        Solution("udriver-6", [*_route("Aaha Indian Cuisine", "Aaha Indian Cuisine",
                                       "Casa Loma Hotel", "Casa Loma Hotel"),
                               *_book(payment="Visa •••• 4242"), R.send()],
                 kind=neg, label="paid-by-card"),
        Solution("udriver-11", [*_route("Club X", "Club X", "Fox Plaza Apartments",
                                        "Fox Plaza Apartments"),
                                *_book("UdriverXL", "UDriver Credits"), R.send()],
                 kind=neg, label="xl-too-expensive"),
        Solution("udriver-20", [*_route("Club 26 Mix", "Club 26 Mix", "100 Van Ness",
                                        "100 Van Ness"), *_book("Comfort"), R.send()],
                 kind=neg, label="comfort-not-cheapest"),
        Solution("udriver-19", [*_route("333 Fremont Apartments", "333 Fremont Apartments",
                                        "AI Electronics Center", "Ai Electronics Center.Com"),
                                R.send()], kind=neg, label="reversed-route"),
        Solution("udriver-17", [*_route("333 Fremont Apartments", "333 Fremont Apartments",
                                        "201 Turk Street Apartments",
                                        "201 Turk Street Apartments"), R.send()],
                 kind=neg, label="now-not-3-30"),
    ]
