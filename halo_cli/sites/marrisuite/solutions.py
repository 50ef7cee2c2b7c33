"""Reference solution (must score 1) and negative controls (must score 0) for MarriSuite.

Targets are named by role and accessible name only; every call builds fresh objects.
"""

from __future__ import annotations

from halo_cli.sites import reference as R
from halo_cli.sites.reference import Solution, Step


def _search(destination: str, rooms: str = "1") -> list[Step]:
    """Next weekend from Thu 2024-07-18: Fri Jul 26 to Sun Jul 28."""
    steps = [R.fill("textbox", "Destination", destination),
             R.select("combobox", "Check-in", "2024-07-26"),
             R.select("combobox", "Check-out", "2024-07-28")]
    if rooms != "1":
        steps.append(R.select("combobox", "Rooms", rooms))
    return [*steps, R.click("button", "Find Hotels", exact=True)]


def solutions() -> list[Solution]:
    return [Solution("marrisuite-8", [*_search("Goleta"), R.check("checkbox", "Available"),
                                      R.click("button", "Apply", exact=True),
                                      R.send("Here are the hotels available in Goleta for "
                                             "Jul 26-28.")])]


def negatives() -> list[Solution]:
    """Plausible wrong runs the real script must score 0."""
    neg = "negative"
    return [
        Solution("marrisuite-8", [*_search("San Diego"), R.send()], kind=neg,
                 label="other-city"),
        Solution("marrisuite-8", [*_search("Goleta"),
                                  R.click("link", "Courtyard Santa Barbara Goleta"),
                                  R.click("link", "Select Guest room, 1 King bed"),
                                  R.click("button", "Book Now", exact=True), R.send()],
                 kind=neg, label="booked-a-room"),
        Solution("marrisuite-8", [*_search("Goleta", rooms="2"), R.send()], kind=neg,
                 label="two-rooms"),
    ]
