"""Reference solutions (must score 1) and negative controls (must score 0) for Zilloft.

Targets are named by role and accessible name only; every call builds fresh objects.
Tour days are fixed: "today" is Thu July 18, 2024, so tomorrow is Friday, July 19.
"""

from __future__ import annotations

from halo_cli.sites import reference as R
from halo_cli.sites.reference import Solution, Step


def _search(place: str) -> list[Step]:
    return [R.fill("textbox", "Search location", place), R.click("button", "Search", exact=True)]


def _filters(max_price: str = "", beds: str = "", sqft: str = "") -> list[Step]:
    return [*R.fill_form(("fill", "textbox", "Max price", max_price),
                         ("select", "combobox", "Bedrooms", beds),
                         ("select", "combobox", "Min square feet", sqft)),
            R.click("button", "Apply filters")]


def _tour(home: str, day: str, time: str) -> list[Step]:
    """Open `home` from the results and request a tour on `day` at `time`."""
    return [R.click("link", home), R.click("link", "Request a tour"), R.click("radio", day),
            R.select("combobox", "Select a time", time),
            R.click("button", "Submit a tour request")]


def _contact(home: str, day: str = "", time: str = "") -> list[Step]:
    """Open `home` from the results and contact its agent, with a preferred tour time."""
    return [R.click("link", home), R.click("link", "Contact agent", exact=True),
            *R.fill_form(("select", "combobox", "Preferred date", day),
                         ("select", "combobox", "Preferred time", time)),
            R.click("button", "Contact agent", exact=True)]


def _find_agent(place: str, agent: str) -> list[Step]:
    return [R.click("link", "Find an agent"), R.fill("textbox", "Agent location", place),
            R.click("button", "Find agents"), R.click("link", agent, exact=True),
            R.click("link", f"Contact {agent}")]


FRI, SAT = "Friday, July 19", "Saturday, July 20"
LB_HOUSE = "5523 E Los Arcos St, Long Beach"  # 3 bd / 2 ba house
LA_CHEAP = "1739 E 110th St, Los Angeles"  # $349,000, 2 bd / 1 ba
SAC_HOUSE = "5730 Crestwood Way, Sacramento"  # $589,000, 4 bd / 2 ba
BOSTON_HOUSE = "58 Westminster St, Boston"  # $689,000
WRIGHT = "1 Wright St, San Francisco"  # $899,000, 3 bd
SD_HOUSE = "6821 Hyde Park Dr, San Diego"  # $949,000


def solutions() -> list[Solution]:
    return [
        Solution("zilloft-2", [*_search("Long Beach, CA"), *_filters(beds="3+"),
                               *_tour(LB_HOUSE, FRI, "10:00 AM"), R.send()]),
        Solution("zilloft-3", [*_search("Los Angeles, CA"),
                               *_filters(max_price="350000", beds="2+"),
                               *_tour(LA_CHEAP, FRI, "11:00 AM"), R.send()]),
        Solution("zilloft-5", [*_find_agent("San Jose, CA", "Priya Raman"),
                               R.click("button", "Contact agent", exact=True), R.send()]),
        Solution("zilloft-6", [*_search("Sacramento, CA"), *_filters(beds="4+"),
                               *_contact(SAC_HOUSE, FRI, "1:00 PM"), R.send()]),
        Solution("zilloft-9", [*_search("Sacramento, CA"), *_filters(sqft="1,000"),
                               *_tour(SAC_HOUSE, FRI, "3:00 PM"), R.send()]),
        Solution("zilloft-10", [*_search("Los Angeles, CA"),
                                *_filters(max_price="500000", beds="2+"),
                                *_tour(LA_CHEAP, SAT, "10:00 AM"), R.send()]),
        Solution("zilloft-14", [*_search("Boston, MA"), *_filters(max_price="1000000"),
                                *_contact(BOSTON_HOUSE, FRI, "9:00 AM"), R.send()]),
        Solution("zilloft-15", [*_search("San Francisco Bay Area"),
                                *_filters(max_price="1000000", beds="3+"),
                                *_tour(WRIGHT, SAT, "2:00 PM"), R.send()]),
        Solution("zilloft-22", [*_search("Southern California"),
                                *_filters(max_price="1000000"),
                                *_tour(SD_HOUSE, FRI, "4:00 PM"), R.send()]),
        Solution("zilloft-23", [*_search("California"), *_filters(max_price="900000", beds="3+"),
                                R.send("Here are houses in California under $900k with 3+ "
                                       "bedrooms.")]),
    ]


def negatives() -> list[Solution]:
    """Plausible wrong runs the real scripts must score 0 (SPEC §9 near misses)."""
    neg = "negative"
    return [
        Solution("zilloft-2", [*_search("Long Beach, CA"),
                               *_tour("1000 E Ocean Blvd Unit 412", FRI, "10:00 AM"), R.send()],
                 kind=neg, label="condo-unit"),
        Solution("zilloft-2", [*_search("Lakewood, CA"),
                               *_tour("5418 Hazelbrook Ave, Lakewood", FRI, "10:00 AM"),
                               R.send()], kind=neg, label="lakewood-house"),
        Solution("zilloft-3", [*_search("Los Angeles, CA"),
                               *_filters(max_price="350000", beds="2+"),
                               *_contact(LA_CHEAP, FRI, "11:00 AM"), R.send()],
                 kind=neg, label="contact-not-tour"),
        Solution("zilloft-5", [*_find_agent("San Jose, CA", "Priya Raman"), R.send()],
                 kind=neg, label="form-not-sent"),
        Solution("zilloft-6", [*_search("Sacramento, CA"),
                               *_contact(SAC_HOUSE, FRI, "10:00 AM"), R.send()],
                 kind=neg, label="morning-time"),
        Solution("zilloft-6", [*_search("Sacramento, CA"),
                               *_tour(SAC_HOUSE, FRI, "1:00 PM"), R.send()],
                 kind=neg, label="tour-not-contact"),
        Solution("zilloft-9", [*_search("Sacramento, CA"), *_filters(sqft="1,000"), R.send()],
                 kind=neg, label="search-only"),
        Solution("zilloft-10", [*_search("Long Beach, CA"),
                                *_tour("6231 E Vista St, Long Beach", FRI, "10:00 AM"),
                                R.send()], kind=neg, label="over-500k"),
        Solution("zilloft-10", [*_search("Los Angeles, CA"),
                                *_tour("3637 Motor Ave Unit 214", FRI, "10:00 AM"), R.send()],
                 kind=neg, label="one-bedroom"),
        Solution("zilloft-14", [*_search("Boston, MA"),
                                *_contact(BOSTON_HOUSE, SAT, "9:00 AM"), R.send()],
                 kind=neg, label="day-after-tomorrow"),
        Solution("zilloft-14", [*_search("Cambridge, MA"),
                                *_contact("88 Pleasant St Unit 2", FRI, "9:00 AM"), R.send()],
                 kind=neg, label="cambridge-home"),
        Solution("zilloft-15", [*_search("San Francisco Bay Area"),
                                *_tour(WRIGHT, FRI, "2:00 PM"), R.send()],
                 kind=neg, label="weekday"),
        Solution("zilloft-15", [*_search("San Francisco Bay Area"),
                                *_tour(WRIGHT, SAT, "11:00 AM"), R.send()],
                 kind=neg, label="before-noon"),
        Solution("zilloft-15", [*_search("San Francisco, CA"),
                                *_tour("2154 Castro St, San Francisco", SAT, "2:00 PM"),
                                R.send()], kind=neg, label="over-1m"),
        Solution("zilloft-22", [*_search("Southern California"), *_filters(max_price="1000000"),
                                R.send()], kind=neg, label="search-only"),
        Solution("zilloft-23", [*_search("California"), *_filters(max_price="900000", beds="2+"),
                                R.send()], kind=neg, label="two-bedrooms"),
        Solution("zilloft-23", [*_search("California"),
                                *_filters(max_price="1000000", beds="3+"), R.send()],
                 kind=neg, label="max-1m"),
    ]
