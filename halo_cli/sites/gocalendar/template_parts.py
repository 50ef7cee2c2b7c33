"""The parts GoCalendar's training templates share: what `/finish` says changed, the checks
their judges make, the forms their reference end states post, and the browser steps of
their solutions.

An event plan (`params` of a create template) names the event the goal asks for: `title`
and the `keywords` a title must hold, `date` and `start`/`end` (local `HH:MM`, `end` None
when the goal gives no length), or `all_day` with `last` (the inclusive last date), and
optionally `location` with `location_words`, `guests`, `meet` (a GoMeet link), `calendar`
(an id) and `recurrence` (a `store.REPEATS` key). The judge checks the constraints a goal
states and nothing else (the event's colour, description, a visit to another week).
"""

from __future__ import annotations

import copy
import re
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from halo_cli.sites import reference as R
from halo_cli.sites.gocalendar import goal_words as W
from halo_cli.sites.gocalendar import store
from halo_cli.sites.gocalendar.store import clock
from halo_cli.sites.gocalendar.views.forms import event_values
from halo_cli.sites.gocalendar.views.layout import chip_name
from halo_cli.sites.reference import Step
from halo_cli.sites.templates import SiteClient, Verdict

Params = dict[str, Any]
Event = dict[str, Any]


# -- the seed calendar --------------------------------------------------------------------
@lru_cache(maxsize=1)
def _seed_events() -> dict[str, Event]:
    return store.seed_state()["calendar"]["events"]


def seed_event(eid: str) -> Event:
    """A copy of the seed event `eid` (every gocalendar task starts from the same seed)."""
    return copy.deepcopy(_seed_events()[eid])


def like_v2_target(ev: Event) -> bool:
    """Whether deleting or changing `ev` would touch what REAL's gocalendar tasks target:
    the dinner with friends (gocalendar-10), Reading Time (-16), the coffee with sister
    (-18), Wednesday's Project Sync (-23, by its UTC weekday)."""
    title = ev["title"].lower()
    text = f"{title} {ev['description'].lower()}"
    wednesday_sync = title.strip() == "project sync" and clock.parse_iso(ev["start"]).weekday() == 2
    return ("dinner" in title and "friend" in title) or "reading" in title \
        or ("coffee" in text and "sister" in text) or wednesday_sync


def seed_choices(state: dict, *, timed: bool = False) -> list[Event]:
    """The seed events a goal may name (none REAL's tasks target), in id order; `timed`:
    only events at a time of day that do not repeat."""
    events = state["calendar"]["events"].values()
    out = [e for e in events if not like_v2_target(e)]
    if timed:
        out = [e for e in out if not e["allDay"] and e["recurrence"] == "none"]
    return sorted(out, key=lambda e: e["id"])


def local_day(ev: Event) -> date:
    return clock.local_start(ev).date()


def local_hhmm(ev: Event) -> tuple[str, str]:
    return W.hhmm(clock.local_start(ev).time()), W.hhmm(clock.local_end(ev).time())


def describe(ev: Event) -> str:
    """`"Team Dinner" (Friday, July 19, 6:30 PM to 8:30 PM)` for a judge's reason."""
    try:
        when = clock.when_text(ev)
    except (KeyError, TypeError, ValueError):
        when = f"start {ev.get('start')!r}"
    return f"{ev.get('title')!r} ({when})"


# -- what /finish says changed ---------------------------------------------------------------
def _events_diff(finish: dict, kind: str) -> dict[str, Event]:
    found = ((finish.get("differences") or {}).get("events") or {}).get(kind) or {}
    return {k: v for k, v in found.items() if isinstance(v, dict)} if isinstance(found, dict) \
        else {}


def added_events(finish: dict) -> dict[str, Event]:
    return _events_diff(finish, "added")


def deleted_events(finish: dict) -> dict[str, Event]:
    return _events_diff(finish, "deleted")


def updated_events(finish: dict) -> dict[str, Event]:
    return _events_diff(finish, "updated")


def new_tasks(finish: dict) -> list[dict]:
    """The tasks created during the episode (`initialfinaldiff.added.calendar.myTasks`)."""
    added = ((finish.get("initialfinaldiff") or {}).get("added") or {})
    tasks = ((added.get("calendar") or {}).get("myTasks")) or {}
    if not isinstance(tasks, dict):
        return []
    return [t for t in tasks.values() if isinstance(t, dict) and "title" in t and "start" in t]


def norm(text: Any) -> str:
    """Lower case, runs of spaces and punctuation as one space."""
    return re.sub(r"[^a-z0-9]+", " ", str(text or "").lower()).strip()


def has_words(text: Any, words: list[str]) -> bool:
    """Whether `text` holds every one of `words` (each a lower-case word or phrase)."""
    have = norm(text)
    return all(norm(w) in have for w in words)


# -- judging a new event against its plan ---------------------------------------------------
def _event_problems(plan: Params, ev: Event) -> list[str]:
    """What in `ev` differs from what the goal asked (empty: it is the event asked for)."""
    out = []
    if plan.get("all_day"):
        if ev.get("allDay") is not True:
            out.append("it is not an all-day event")
        got = (str(ev.get("start", ""))[:10], str(ev.get("end", ""))[:10])
        if got != (plan["date"], plan["last"]):
            out.append(f"it runs {got[0]} to {got[1]}, not {plan['date']} to {plan['last']}")
    else:
        if ev.get("allDay"):
            out.append("it is an all-day event")
        elif not W.same_instant(ev.get("start"), W.utc_start(plan["date"], plan["start"])):
            out.append(f"it starts {describe(ev)}, not {plan['date']} "
                       f"{W.form_time(plan['start'])}")
        elif plan.get("end") and not W.same_instant(ev.get("end"),
                                                    W.utc_start(plan["date"], plan["end"])):
            out.append(f"it ends at the wrong time: {describe(ev)}, not "
                       f"{W.form_time(plan['end'])}")
    if plan.get("location_words") and not has_words(ev.get("location"),
                                                    plan["location_words"]):
        out.append(f"its location is {ev.get('location')!r}, not {plan['location']!r}")
    if "guests" in plan:
        got_guests = sorted({str(g).strip().lower() for g in ev.get("guests") or []})
        if got_guests != sorted(g.lower() for g in plan["guests"]):
            out.append(f"its guests are {got_guests}, not {sorted(plan['guests'])}")
    if plan.get("meet") and not ev.get("hasMeeting"):
        out.append("it has no GoMeet video call")
    if plan.get("calendar") and ev.get("calendarId") != plan["calendar"]:
        out.append(f"it is on the {ev.get('calendarId')!r} calendar, not {plan['calendar']!r}")
    want_repeat = plan.get("recurrence", "none")
    if (ev.get("recurrence") or "none") != want_repeat:
        out.append(f"it repeats {ev.get('recurrence')!r}, not {want_repeat!r}")
    return out


def judge_new_event(plan: Params, finish: dict) -> Verdict:
    """Success when an event added during the episode has the plan's title words and
    meets every constraint the plan states."""
    added = added_events(finish)
    named = [ev for ev in added.values() if has_words(ev.get("title"), plan["keywords"])]
    if not named:
        titles = sorted(str(ev.get("title")) for ev in added.values())
        return Verdict(False, f"no new event titled like {plan['title']!r} "
                              f"(new events: {titles or 'none'})")
    problems = []
    for ev in named:
        wrong = _event_problems(plan, ev)
        if not wrong:
            return Verdict(True, f"created {describe(ev)}")
        problems.append(f"{describe(ev)}: {'; '.join(wrong)}")
    return Verdict(False, "the new event is not what was asked: " + " | ".join(problems))


# -- reaching end states through the site's forms -----------------------------------------
def event_form(plan: Params) -> dict[str, str]:
    """The create form a person fills for `plan`, as the browser posts it."""
    form = {"title": plan["title"], "startDate": plan["date"],
            "startTime": "9:00 AM" if plan.get("all_day") else W.form_time(plan["start"]),
            "endTime": "" if plan.get("all_day") or not plan.get("end")
            else W.form_time(plan["end"]),
            "endDate": plan["last"] if plan.get("all_day") and plan["last"] != plan["date"]
            else "",
            "recurrence": plan.get("recurrence", "none"), "location": plan.get("location", ""),
            "calendarId": plan.get("calendar") or "personal",
            "guests": ", ".join(plan.get("guests", [])), "description": ""}
    if plan.get("all_day"):
        form["allDay"] = "on"
    if plan.get("meet"):
        form["hasMeeting"] = "on"
    return form


def post_new_event(client: SiteClient, plan: Params) -> None:
    client.get("/create", params={"date": clock.TODAY.isoformat()})
    client.post("/create", data=event_form(plan))


def edit_form(ev: Event, **changes: str) -> dict[str, str]:
    """The edit form of seed event `ev` as its page fills it, with `changes` typed over;
    unticked boxes are left out, as a browser does."""
    form = {**event_values(ev), **changes}
    return {k: v for k, v in form.items() if not (k in ("allDay", "hasMeeting") and not v)}


def post_edit(client: SiteClient, eid: str, **changes: str) -> None:
    client.get(f"/event/{eid}")
    client.get(f"/event/{eid}/edit")
    client.post(f"/event/{eid}/edit", data=edit_form(seed_event(eid), **changes))


# -- browser steps ---------------------------------------------------------------------------
CALENDAR_NAMES = {"work": "Work", "personal": "Personal", "family": "Family"}


def new_event_steps(plan: Params) -> list[Step]:
    """From the week view: Create, fill the plan's fields, Save."""
    all_day = bool(plan.get("all_day"))
    repeat = plan.get("recurrence", "none")
    fields = R.fill_form(
        ("fill", "textbox", "Title", plan["title"]),
        ("fill", "textbox", "Start date", plan["date"]),
        ("check", "checkbox", "All day", all_day),
        ("fill", "textbox", "Start time", None if all_day else W.form_time(plan["start"])),
        ("fill", "textbox", "End time",
         W.form_time(plan["end"]) if not all_day and plan.get("end") else None),
        ("fill", "textbox", "End date",
         plan["last"] if all_day and plan["last"] != plan["date"] else None),
        ("select", "combobox", "Repeat", store.REPEATS[repeat] if repeat != "none" else None),
        ("fill", "textbox", "Location", plan.get("location")),
        ("select", "combobox", "Calendar", CALENDAR_NAMES.get(plan.get("calendar") or "")),
        ("fill", "textbox", "Guests", ", ".join(plan.get("guests", []))),
        ("check", "checkbox", "Add GoMeet video conferencing", bool(plan.get("meet"))))
    return [R.click("link", "Create", exact=True), *fields, R.click("button", "Save", exact=True)]


def open_event_steps(ev: Event) -> list[Step]:
    """From the week view: go to the event's week (unless it is this one) and open its
    chip (a repeating event: its occurrence today, when it has one)."""
    start, end = clock.local_start(ev), clock.local_end(ev)
    day = start.date()
    if ev["recurrence"] != "none" and store.on_day(
            store.occurrences({ev["id"]: ev}, clock.TODAY, clock.TODAY), clock.TODAY):
        day = clock.TODAY
        start = datetime.combine(day, start.time())
        end = start + (clock.local_end(ev) - clock.local_start(ev))
    steps: list[Step] = []
    if clock.week_start(day) != clock.week_start(clock.TODAY):
        steps += [R.fill("textbox", "Go to date", day.isoformat()),
                  R.click("button", "Go", exact=True)]
    name = chip_name(ev, start, end, day if ev["allDay"] else None)
    return [*steps, R.click("link", name, exact=True)]


def day_after(day: str, days: int = 1) -> str:
    return (date.fromisoformat(day) + timedelta(days=days)).isoformat()
