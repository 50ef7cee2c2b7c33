"""Reference solutions (must score 1) and negative controls (must score 0) for GoCalendar.

Targets are named by role and accessible name only; every call builds fresh objects.
gocalendar-11 is served but has no reference: its eval script is an empty file, so no run
can pass it (tests/sites/test_gocalendar.py shows its goal state is reachable).
"""

from __future__ import annotations

from halo_cli.sites import reference as R
from halo_cli.sites.reference import Solution, Step


def _new_event(title: str, start_date: str | None = None, *, start: str | None = None,
               end: str | None = None, end_date: str | None = None, all_day: bool = False,
               repeat: str | None = None, location: str | None = None,
               from_day: str | None = None) -> list[Step]:
    """Open the create form (from the sidebar, or a day's "+" in the week view), fill it,
    save."""
    opening = (R.click("link", f"Create event on {from_day}") if from_day
               else R.click("link", "Create", exact=True))
    fields = R.fill_form(("fill", "textbox", "Title", title),
                         ("fill", "textbox", "Start date", start_date),
                         ("check", "checkbox", "All day", all_day),
                         ("fill", "textbox", "Start time", start),
                         ("fill", "textbox", "End time", end),
                         ("fill", "textbox", "End date", end_date),
                         ("select", "combobox", "Repeat", repeat),
                         ("fill", "textbox", "Location", location))
    return [opening, *fields, R.click("button", "Save", exact=True)]


def _new_task(title: str, day: str, at: str) -> list[Step]:
    return [R.click("link", "Create", exact=True), R.click("link", "Task", exact=True),
            R.fill("textbox", "Title", title), R.fill("textbox", "Date", day),
            R.fill("textbox", "Time", at), R.click("button", "Save", exact=True)]


def _delete(chip: str) -> list[Step]:
    """Open an event from the week view and delete it."""
    return [R.click("link", chip), R.click("button", "Delete event")]


WEEKDAYS = "Every weekday (Monday to Friday)"


def solutions() -> list[Solution]:
    return [
        Solution("gocalendar-4", [*_new_event("Work out at the gym", "2024-09-20",
                                              start="7:45 PM", end="8:45 PM", repeat=WEEKDAYS,
                                              location="Gym"), R.send()]),
        Solution("gocalendar-6", [*_new_event("Pick up my sister", start="11:00 AM",
                                              end="12:00 PM",
                                              from_day="Wednesday, July 17"), R.send()]),
        Solution("gocalendar-8", [*_new_task("Send an email to Ashley", "2024-07-22",
                                             "9:00 AM"), R.send()]),
        Solution("gocalendar-10", [*_delete("Dinner with friends"), R.send()]),
        Solution("gocalendar-12", [*_new_event("Buy gym clothes", "2024-07-22", start="9:00 AM",
                                               end="10:00 AM"), R.send()]),
        Solution("gocalendar-13", [*_new_event("Math camp", "2024-07-21", all_day=True,
                                               end_date="2024-07-27", location="Sunnyvale"),
                                   R.send()]),
        Solution("gocalendar-16", [*_delete("Reading Time"), R.send()]),
        Solution("gocalendar-18", [*_delete("Morning Coffee with sister"), R.send()]),
        Solution("gocalendar-23", [*_delete("Project Sync, Wednesday"), R.send()]),
    ]


def negatives() -> list[Solution]:
    """Plausible wrong runs (the spec's near misses) the real scripts must score 0."""
    neg = "negative"
    return [
        Solution("gocalendar-23", [*_delete("Project Sync, Friday"), R.send()],
                 kind=neg, label="friday-project-sync"),
        Solution("gocalendar-13", [*_new_event("Math camp", "2024-07-21", all_day=True,
                                               end_date="2024-07-28", location="Sunnyvale"),
                                   R.send()],
                 kind=neg, label="exclusive-end-date"),
        Solution("gocalendar-4", [*_new_event("Gym workout", "2024-09-20", start="7:45 PM",
                                              end="8:45 PM", repeat=WEEKDAYS), R.send()],
                 kind=neg, label="gym-in-title-only"),
        Solution("gocalendar-10", [*_delete("Team Dinner"), R.send()],
                 kind=neg, label="team-dinner"),
        Solution("gocalendar-6", [*_new_event("Pick up my sister", start="11:00 AM",
                                              from_day="Thursday, July 18"), R.send()],
                 kind=neg, label="thursday"),
        Solution("gocalendar-8", [*_new_task("Send an email to Ashley", "2024-07-22",
                                             "2:00 PM"), R.send()],
                 kind=neg, label="monday-afternoon"),
    ]
