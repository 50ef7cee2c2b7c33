"""GoCalendar's store: the seed, events and tasks built from forms, recurrences (the fixed
clock and time zone they use are in `clock`).

Store shape: `calendar.events.{id: Event}`, `calendar.myTasks.{id: Task}`,
`calendar.deletedEvents: [Event]` (the Bin, newest last), `calendar.nextId`, plus the static
`calendar.user` and `calendar.calendars`.

Event = {id, title, start, end, allDay, location, description, calendarId, color,
meetingId, hasMeeting, guests: [], recurrence, createdAt, updatedAt}; `start`/`end` are UTC
ISO strings (all-day events: first and last local date, inclusive, at `T00:00:00.000Z`).
Task = {id, title, start, allDay, description, completed, createdAt, updatedAt}.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from halo_cli.sites.gocalendar.store import clock
from halo_cli.sites.kit import Form

DATA = Path(__file__).parent.parent / "data" / "seed.json"

#: recurrence key -> label in the Repeat menu
REPEATS = {
    "none": "Does not repeat",
    "daily": "Daily",
    "weekly": "Weekly",
    "weekdays": "Every weekday (Monday to Friday)",
    "monthly": "Monthly",
    "yearly": "Annually",
}
#: a meeting id REAL's gocalendar-6 script singles out as a mislabeled sample: never made here
BANNED_MEETING_SUFFIX = "gcx-svpg-dny"
MAX_TEXT = 500


@lru_cache(maxsize=1)
def _seed() -> dict[str, Any]:
    return json.loads(DATA.read_text(encoding="utf-8"))


def _color(calendars: list[dict], cal_id: str) -> str:
    return next((c["color"] for c in calendars if c["id"] == cal_id), "#039be5")


def _seed_event(raw: dict, calendars: list[dict]) -> dict[str, Any]:
    day = date.fromisoformat(raw["date"])
    if raw.get("allDay"):
        start = clock.all_day_iso(day)
        end = clock.all_day_iso(date.fromisoformat(raw["endDate"]))
    else:
        start = clock.local_iso(day, time.fromisoformat(raw["startTime"]))
        end = clock.local_iso(day, time.fromisoformat(raw["endTime"]))
    return {
        "id": raw["id"], "title": raw["title"], "start": start, "end": end,
        "allDay": bool(raw.get("allDay")), "location": raw["location"],
        "description": raw["description"], "calendarId": raw["calendarId"],
        "color": _color(calendars, raw["calendarId"]), "meetingId": raw["meetingId"],
        "hasMeeting": bool(raw["meetingId"]), "guests": list(raw["guests"]),
        "recurrence": raw["recurrence"],
        "createdAt": "2024-07-01T16:00:00.000Z", "updatedAt": "2024-07-01T16:00:00.000Z",
    }


def _seed_task(raw: dict) -> dict[str, Any]:
    day = date.fromisoformat(raw["date"])
    timed = bool(raw["time"])
    start = clock.local_iso(day, time.fromisoformat(raw["time"])) if timed \
        else clock.all_day_iso(day)
    return {"id": raw["id"], "title": raw["title"], "start": start, "allDay": not timed,
            "description": raw["description"], "completed": False,
            "createdAt": "2024-07-01T16:00:00.000Z", "updatedAt": "2024-07-01T16:00:00.000Z"}


def seed_state() -> dict[str, Any]:
    """A fresh store; every task starts from the same calendar."""
    seed = copy.deepcopy(_seed())
    cals = seed["calendars"]
    return {"calendar": {
        "user": seed["user"],
        "calendars": cals,
        "events": {e["id"]: _seed_event(e, cals) for e in seed["events"]},
        "myTasks": {t["id"]: _seed_task(t) for t in seed["tasks"]},
        "deletedEvents": [],
        "nextId": 200,
    }}


def new_id(cal: dict, prefix: str) -> str:
    cal["nextId"] += 1
    return f"{prefix}-{cal['nextId']}"


def meeting_id(seed_text: str) -> str:
    """A GoMeet code like `abc-defg-hij`, derived from `seed_text` (never the banned one)."""
    salt = 0
    while True:
        h = hashlib.sha256(f"{seed_text}:{salt}".encode()).digest()
        letters = "".join(chr(97 + b % 26) for b in h[:10])
        code = f"{letters[:3]}-{letters[3:7]}-{letters[7:10]}"
        if not code.endswith(BANNED_MEETING_SUFFIX):
            return code
        salt += 1


# -- forms -------------------------------------------------------------------------------
def _text(form: Form, key: str) -> str:
    return re.sub(r"\s+", " ", form.get(key, "")).strip()[:MAX_TEXT]


def _parsed(form: Form, key: str, parse: Callable[[str], Any], problem: str,
            errors: list[str], *, default: Any = None, required: bool = False) -> Any:
    """`parse` of the field `key`, or `default` when it is blank; `problem` joins `errors`
    when the field does not parse (or is blank and `required`)."""
    text = form.get(key, "").strip()
    value = parse(text) if text else default
    if value is None and (text or required):
        errors.append(problem)
    return value


def event_fields(form: Form, calendars: list[dict]) -> tuple[dict, list[str]]:
    """The event fields a create/edit form asks for, or the errors to show the user."""
    errors: list[str] = []
    all_day = form.get("allDay", "") in ("on", "true", "1", "yes")
    start_day = _parsed(form, "startDate", clock.parse_date,
                        "Enter a start date, e.g. 2024-07-17 or Jul 17, 2024.", errors,
                        required=True)
    end_day = _parsed(form, "endDate", clock.parse_date,
                      "The end date is not a date, e.g. 2024-07-17 or Jul 17, 2024.", errors,
                      default=start_day)
    cal_id = form.get("calendarId", "personal")
    if cal_id not in {c["id"] for c in calendars}:
        errors.append("Choose one of your calendars.")
    repeat = form.get("recurrence", "none") or "none"
    if repeat not in REPEATS:
        errors.append("Choose a Repeat option from the list.")
    guests = [g.strip() for g in re.split(r"[,;\s]+", form.get("guests", "")) if g.strip()]
    if any(not re.fullmatch(r"[^@\s]+@[^@\s]+\.[a-z]{2,}", g, re.I) for g in guests):
        errors.append("Guests must be email addresses, separated by commas.")
    start = end = ""
    if start_day and end_day:  # (an end date left blank is the start date)
        if all_day:
            if end_day < start_day:
                errors.append("The end date is before the start date.")
            start, end = clock.all_day_iso(start_day), clock.all_day_iso(end_day)
        else:
            t0 = clock.parse_time(form.get("startTime"))
            t1_text = form.get("endTime", "").strip()
            t1 = clock.parse_time(t1_text) if t1_text else None
            if t0 is None:
                errors.append("Enter a start time, e.g. 9:00 AM, or tick All day.")
            if t1_text and t1 is None:
                errors.append("The end time is not a time, e.g. 10:00 AM.")
            if t0 is not None and not (t1_text and t1 is None):
                begin = datetime.combine(start_day, t0)
                if t1 is None:
                    finish = begin + timedelta(hours=1)
                else:
                    finish = datetime.combine(end_day, t1)
                if finish <= begin:
                    errors.append("The end time must be after the start time (give an End "
                                  "date for an event that ends on a later day).")
                start = clock.iso(clock.local_to_utc(begin))
                end = clock.iso(clock.local_to_utc(finish))
    fields = {
        "title": _text(form, "title") or "(No title)", "start": start, "end": end,
        "allDay": all_day, "location": _text(form, "location"),
        "description": _text(form, "description"), "calendarId": cal_id,
        "color": _color(calendars, cal_id), "guests": guests, "recurrence": repeat,
        "hasMeeting": form.get("hasMeeting", "") in ("on", "true", "1", "yes"),
    }
    return fields, errors


def task_fields(form: Form) -> tuple[dict, list[str]]:
    """The task fields the task form asks for, or the errors to show the user."""
    errors: list[str] = []
    day = _parsed(form, "date", clock.parse_date,
                  "Enter a date for the task, e.g. 2024-07-22 or Jul 22, 2024.", errors,
                  required=True)
    at = _parsed(form, "time", clock.parse_time,
                 "The time is not a time, e.g. 9:00 AM (or leave it blank).", errors)
    start = ""
    if day and not errors:
        start = clock.local_iso(day, at) if at else clock.all_day_iso(day)
    return {"title": _text(form, "title") or "(No title)", "start": start,
            "allDay": at is None, "description": _text(form, "description")}, errors


def add_event(cal: dict, fields: dict) -> dict:
    eid = new_id(cal, "evt")
    event = {"id": eid, **fields, "meetingId": "", "createdAt": clock.NOW_ISO,
             "updatedAt": clock.NOW_ISO}
    if fields["hasMeeting"]:
        event["meetingId"] = meeting_id(eid)
    cal["events"][eid] = {k: event[k] for k in EVENT_KEYS}
    return cal["events"][eid]


def update_event(cal: dict, eid: str, fields: dict) -> dict:
    event = cal["events"][eid]
    event.update(fields)
    if fields["hasMeeting"] and not event.get("meetingId"):
        event["meetingId"] = meeting_id(eid)
    if not fields["hasMeeting"]:
        event["meetingId"] = ""
    event["updatedAt"] = clock.NOW_ISO
    return event


EVENT_KEYS = ("id", "title", "start", "end", "allDay", "location", "description",
              "calendarId", "color", "meetingId", "hasMeeting", "guests", "recurrence",
              "createdAt", "updatedAt")


# -- reading the calendar -----------------------------------------------------------------
def _repeats_on(event: dict, first: date, day: date) -> bool:
    rule = event.get("recurrence", "none")
    if day < first:
        return False
    if day == first or rule == "daily":
        return True
    if rule == "weekly":
        return day.weekday() == first.weekday()
    if rule == "weekdays":
        return day.weekday() < 5
    if rule == "monthly":
        return day.day == first.day
    if rule == "yearly":
        return (day.month, day.day) == (first.month, first.day)
    return False


def occurrences(events: dict, lo: date, hi: date) -> list[tuple[dict, datetime, datetime]]:
    """(event, local start, local end) for each occurrence touching days lo..hi (inclusive),
    sorted by start; a repeating event shows on each day its rule matches."""
    out = []
    for ev in events.values():
        start, end = clock.local_start(ev), clock.local_end(ev)
        length = end - start
        first = start.date()
        if ev.get("recurrence", "none") == "none":
            if start.date() <= hi and (end - timedelta(microseconds=1)).date() >= lo:
                out.append((ev, start, end))
            continue
        span = max(0, (end - timedelta(microseconds=1)).date().toordinal() - first.toordinal())
        day = max(first, lo - timedelta(days=span))
        while day <= hi:
            if _repeats_on(ev, first, day):
                s = datetime.combine(day, start.time())
                out.append((ev, s, s + length))
            day += timedelta(days=1)
    out.sort(key=lambda o: (not o[0].get("allDay"), o[1], o[0]["title"]))
    return out


def on_day(occ: list[tuple[dict, datetime, datetime]], day: date) -> list[tuple]:
    lo = datetime.combine(day, time())
    hi = lo + timedelta(days=1)
    return [o for o in occ if o[1] < hi and o[2] > lo or o[1] == lo == o[2]]


def tasks_between(tasks: dict, lo: date, hi: date) -> list[dict]:
    out = []
    for t in tasks.values():
        d = task_day(t)
        if lo <= d <= hi:
            out.append(t)
    return sorted(out, key=lambda t: (t["start"], t["title"]))


def task_day(task: dict) -> date:
    if task.get("allDay"):
        return date.fromisoformat(task["start"][:10])
    return clock.utc_to_local(clock.parse_iso(task["start"])).date()


def search(events: dict, query: str) -> list[dict]:
    q = query.strip().lower()
    if not q:
        return []
    hits = [e for e in events.values()
            if q in " ".join((e["title"], e["location"], e["description"])).lower()]
    return sorted(hits, key=lambda e: e["start"])
