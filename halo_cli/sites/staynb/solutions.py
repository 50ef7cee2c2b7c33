"""Reference solutions (must score 1) and negative controls (must score 0) for StayNB.

Targets are named by role and accessible name only; every call builds fresh objects.
"""

from __future__ import annotations

from halo_cli.sites import reference as R
from halo_cli.sites.reference import Solution, Step


def _search(where: str, checkin: str = "", checkout: str = "", adults: int = 0,
            children: int = 0) -> list[Step]:
    """Fill the search bar (Where, Check in / Check out, Who) and press Search."""
    steps = R.fill_form(("fill", "combobox", "Where", where),
                        ("fill", "Date", "Check in", checkin),
                        ("fill", "Date", "Check out", checkout),
                        ("fill", "spinbutton", "Adults", adults),
                        ("fill", "spinbutton", "Children", children))
    return [*steps, R.click("button", "Search", exact=True)]


def _filters(*amenities: str, bedrooms: int = 0, beds: int = 0) -> list[Step]:
    """Open Filters, tick `amenities`, set the room minimums and show the places."""
    steps = [R.click("link", "Filters"), *(R.check("checkbox", a) for a in amenities)]
    steps += R.fill_form(("select", "combobox", "Bedrooms", bedrooms),
                         ("select", "combobox", "Beds", beds))
    return [*steps, R.click("button", "Show places", exact=True)]


def _wishlist(stay: str, name: str) -> list[Step]:
    return [R.click("link", stay, exact=True), R.click("link", "Save to wishlist"),
            R.fill("textbox", "Name", name), R.click("button", "Create", exact=True)]


def _reserve_and_pay(stay: str) -> list[Step]:
    return [R.click("link", stay, exact=True), R.click("button", "Reserve", exact=True),
            R.fill("textbox", "Card number", "4242 4242 4242 4242"),
            R.fill("textbox", "Expiration", "08/27"), R.fill("textbox", "CVV", "123"),
            R.fill("textbox", "ZIP code", "90012"),
            R.click("button", "Confirm and pay", exact=True)]


CAPE_TOWN = ["Cape Town", "2024-10-01", "2024-10-06", 4]
PARIS = ["Paris, France", "2024-10-15", "2024-10-19", 3]
PARIS_FILTERS = ("Wifi", "Free parking", "Air conditioning")


def solutions() -> list[Solution]:
    return [
        Solution("staynb-1", [*_search("Austria", "2024-08-01", "2024-08-05", 2, 1),
                              *_filters(bedrooms=2), R.send()]),
        Solution("staynb-4", [*_search("San Francisco", "2024-09-27", "2024-09-29", 2),
                              *_filters("Wifi"), R.send()]),
        Solution("staynb-5", [*_search(*PARIS), *_filters(*PARIS_FILTERS), R.send()]),
        Solution("staynb-6", [*_search(*CAPE_TOWN), *_filters("Wifi", bedrooms=2, beds=2),
                              *_wishlist("Camps Bay Villa", "Cape Town"), R.send()]),
        Solution("staynb-9", [*_search("Nearby", "2024-07-18"),
                              *_filters("Pool", "Wifi", "Free parking", "Air conditioning"),
                              R.send()]),
        Solution("staynb-12", [*_search("Delhi, India", "2024-09-07", "2024-09-09", 2),
                               R.send()]),
        Solution("staynb-13", [*_search("Miami", "2024-07-18", "2024-07-18", 1), R.send()]),
        Solution("staynb-14", [*_search("Rome, Italy", "2025-01-03", "2025-01-05", 4),
                               *_filters("Wifi", bedrooms=2), R.send()]),
        Solution("staynb-15", [*_search("San Jose, Costa Rica"), R.send()]),
        Solution("staynb-17", [*_search("Provence, France", "2024-08-01", "2024-08-04", 2, 1),
                               *_filters("Wifi"), R.send()]),
        Solution("staynb-19", [*_search("Vancouver, Canada", "2024-11-15", "2024-11-18", 5),
                               R.click("link", "Kitsilano Beach House", exact=True),
                               R.click("link", "Share", exact=True),
                               R.click("link", "Messages", exact=True),
                               R.click("radio", "Trip planning group chat"),
                               R.click("button", "Send", exact=True), R.send()]),
    ]


def negatives() -> list[Solution]:
    """Plausible wrong runs the real scripts must score 0."""
    neg = "negative"
    return [
        Solution("staynb-4", [*_search("San Francisco", "2024-09-27", "2024-09-29", 2),
                              R.send()], kind=neg, label="no-wifi-filter"),
        Solution("staynb-5", [*_search(*PARIS), *_filters(*PARIS_FILTERS),
                              *_reserve_and_pay("Parisian Charm"), R.send()],
                 kind=neg, label="booked-instead"),
        Solution("staynb-6", [*_search(*CAPE_TOWN), *_filters("Wifi", bedrooms=2),
                              *_wishlist("Table Mountain Loft", "Cape Town"), R.send()],
                 kind=neg, label="one-bed-loft"),
        Solution("staynb-13", [*_search("Miami", "2024-07-18", "2024-07-19", 1), R.send()],
                 kind=neg, label="checkout-next-day"),
        Solution("staynb-15", [*_search("San Jose, California"), R.send()],
                 kind=neg, label="san-jose-california"),
        Solution("staynb-17", [*_search("Provence, France", "2024-08-01", "2024-08-04", 3),
                               *_filters("Wifi"), R.send()], kind=neg, label="three-adults"),
    ]
