"""Reference solutions (must score 1) and negative controls (must score 0) for OpenDining.

Steps name their targets by role and accessible name only (see `views.py`); every call
builds fresh objects.
"""

from __future__ import annotations

from halo_cli.sites import reference as R
from halo_cli.sites.reference import Solution, Step

COMPLETE = "Complete reservation"


def _search(query: str = "", time: str | None = None, party: str | None = None,
            day: str | None = None) -> list[Step]:
    """Fill the home page's search bar and submit it."""
    return [*R.fill_form(("fill", "Date", "Date", day), ("select", "combobox", "Time", time),
                         ("select", "combobox", "Party size", party),
                         ("fill", "searchbox", "Location, Restaurant, or Cuisine", query)),
            R.click("button", "Let's go", exact=True)]


def _book(slot: str, occasion: str | None = None) -> list[Step]:
    """Pick a time-slot link, then complete the reservation with the prefilled details."""
    return [R.click("link", slot, exact=True),
            *R.fill_form(("select", "combobox", "Occasion", occasion)),
            R.click("button", COMPLETE, exact=True)]


def _at_restaurant(name: str, time: str | None = None) -> list[Step]:
    """Open a restaurant from the home page and, if asked, look for another time there."""
    steps = [R.click("link", name)]
    if time:
        steps += [R.select("combobox", "Time", time), R.click("button", "Find a time", exact=True)]
    return steps


def solutions() -> list[Solution]:
    return [
        Solution("opendining-1", [*_search("Italian", "3:00 PM"),
                                  *_book("3:00 PM at Vintage Bites"), R.send()]),
        Solution("opendining-2", [*_search("American", "7:00 PM", "2 people"),
                                  *_book("7:00 PM at Spacious Eats", "Birthday"), R.send()]),
        Solution("opendining-4", [*_at_restaurant("Sushi Zen", "9:00 PM"), *_book("9:00 PM"),
                                  R.send()]),
        Solution("opendining-5", [*_at_restaurant("Expensive Taste"),
                                  *_book("7:00 PM", "Birthday"), R.send()]),
        Solution("opendining-6", [*_search(time="1:30 PM"), *_book("1:30 PM at Vintage Bites"),
                                  R.send()]),
        Solution("opendining-7", [*_at_restaurant("River View Caf"), *_book("7:00 PM"),
                                  R.send()]),
        Solution("opendining-9", [*_search("breakfast", "8:00 AM"),
                                  *_book("8:00 AM at Sunrise Griddle"), R.send()]),
        Solution("opendining-12", [*_search("River View Cafe", "3:00 PM", "5 people",
                                            "2025-09-29"),
                                   *_book("3:00 PM at River View Café"), R.send()]),
        Solution("opendining-17", [*_search("Haight-Ashbury", "8:00 PM", "6 people",
                                            "2025-09-22"),
                                   *_book("8:00 PM at The Painted Lady Supper Club",
                                          "Business meal"), R.send()]),
        Solution("opendining-20", [*_search("Evening Delight", "5:00 PM"),
                                   R.click("link", "Evening Delight", exact=True),
                                   R.click("button", "Notify me", exact=True),
                                   R.send("5:00 PM is fully booked; you'll be notified.")]),
        Solution("opendining-24", [*_search("Italian", "12:30 PM"),
                                   *_book("12:30 PM at Yellowy Bistro"), R.send()]),
    ]


def negatives() -> list[Solution]:
    """Plausible wrong runs (the spec's near misses) the real scripts must score 0."""
    neg = "negative"
    return [
        Solution("opendining-1", [*_search("French", "3:00 PM"),
                                  *_book("3:00 PM at Fancy Lights Bistro"), R.send()],
                 kind=neg, label="french-at-3pm"),
        Solution("opendining-2", [*_search("American", "7:00 PM"),
                                  *_book("7:00 PM at Spacious Eats"), R.send()],
                 kind=neg, label="no-birthday-occasion"),
        Solution("opendining-4", [*_search("Bar Central", "9:00 PM"),
                                  *_book("9:00 PM at Bar Central"), R.send()],
                 kind=neg, label="low-rated-at-9pm"),
        Solution("opendining-5", [*_search("American"),
                                  *_book("7:00 PM at Spacious Eats", "Birthday"), R.send()],
                 kind=neg, label="rated-3.9"),
        Solution("opendining-6", [*_search(time="2:00 PM"), *_book("2:00 PM at Vintage Bites"),
                                  R.send()],
                 kind=neg, label="2pm-instead"),
        Solution("opendining-7", [*_at_restaurant("Vintage Bites"), *_book("7:00 PM"),
                                  R.send()],
                 kind=neg, label="north-beach"),
        Solution("opendining-9", [*_search("breakfast", "8:00 AM"),
                                  *_book("8:00 AM at Morning Glory Diner"), R.send()],
                 kind=neg, label="diner-rated-2.8"),
        Solution("opendining-12", [*_search("River View Cafe", "3:00 PM", "4 people",
                                            "2025-09-29"),
                                   *_book("3:00 PM at River View Café"), R.send()],
                 kind=neg, label="4-people"),
        Solution("opendining-17", [*_search("Haight-Ashbury", "7:30 PM", "6 people",
                                            "2025-09-22"),
                                   *_book("7:30 PM at The Painted Lady Supper Club",
                                          "Business meal"), R.send()],
                 kind=neg, label="7-30pm"),
        Solution("opendining-20", [*_search("Evening Delight", "5:30 PM"),
                                   *_book("5:30 PM at Evening Delight"), R.send()],
                 kind=neg, label="booked-5-30pm"),
        Solution("opendining-24", [*_search("Italian", "12:30 PM"),
                                   R.click("link", "12:30 PM at Yellowy Bistro", exact=True),
                                   R.send()],
                 kind=neg, label="not-completed"),
    ]
