"""GoCalendar's fixed clock and time zone: "today" is Mon 2024-07-15 in America/Los_Angeles.

Events are stored in UTC as `YYYY-MM-DDTHH:MM:SS.000Z` (what REAL's scripts read); the UI
shows and takes local (Pacific) times. The US daylight-saving rule is written out here, so
no time-zone database is needed. All-day events keep their first and last (inclusive)
local dates at midnight `Z`, e.g. `2024-07-21T00:00:00.000Z` .. `2024-07-27T00:00:00.000Z`.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone

TODAY = date(2024, 7, 15)
#: the fixed "now" stamped on created and edited records: 2:00 PM PDT on TODAY. Not a
#: morning: gocalendar-8's script falls back to `updatedAt` for a dict without `start` (an
#: edit's diff leaves), and a Monday-morning stamp would pass any renamed event.
NOW_ISO = "2024-07-15T21:00:00.000Z"
TZ_NAME = "America/Los_Angeles"

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _nth_sunday(year: int, month: int, n: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(6 - first.weekday()) % 7 + 7 * (n - 1))


def utc_offset_hours(local: datetime) -> int:
    """-7 in daylight time (2nd Sunday of March 2 AM to 1st Sunday of November 2 AM), else -8.
    The skipped hour (2-3 AM in March) counts as standard time, as `zoneinfo` does."""
    start = datetime.combine(_nth_sunday(local.year, 3, 2), time(3))
    end = datetime.combine(_nth_sunday(local.year, 11, 1), time(2))
    return -7 if start <= local.replace(tzinfo=None) < end else -8


def local_to_utc(local: datetime) -> datetime:
    return (local - timedelta(hours=utc_offset_hours(local))).replace(tzinfo=timezone.utc)


def utc_to_local(utc: datetime) -> datetime:
    """Naive local time; daylight time runs 10:00Z on the 2nd March Sunday to 09:00Z on
    the 1st November Sunday."""
    naive = utc.replace(tzinfo=None)
    start = datetime.combine(_nth_sunday(naive.year, 3, 2), time(10))
    end = datetime.combine(_nth_sunday(naive.year, 11, 1), time(9))
    return naive + timedelta(hours=-7 if start <= naive < end else -8)


def iso(utc: datetime) -> str:
    return utc.strftime("%Y-%m-%dT%H:%M:%S.000Z")


def parse_iso(text: str) -> datetime:
    return datetime.strptime(text[:19], "%Y-%m-%dT%H:%M:%S").replace(tzinfo=timezone.utc)


def local_iso(day: date, at: time) -> str:
    """The stored UTC string for a local date and time."""
    return iso(local_to_utc(datetime.combine(day, at)))


def all_day_iso(day: date) -> str:
    return f"{day.isoformat()}T00:00:00.000Z"


def local_start(event: dict) -> datetime:
    """An event's start as a naive local datetime (all-day events: local midnight)."""
    if event.get("allDay"):
        return datetime.combine(date.fromisoformat(event["start"][:10]), time())
    return utc_to_local(parse_iso(event["start"]))


def local_end(event: dict) -> datetime:
    """An event's end as a naive local datetime (all-day events: midnight after the last day)."""
    if event.get("allDay"):
        return datetime.combine(date.fromisoformat(event["end"][:10]) + timedelta(days=1), time())
    return utc_to_local(parse_iso(event["end"]))


# -- what people type ------------------------------------------------------------------
_MONTH_RE = "|".join(m[:3].lower() for m in MONTHS)


def parse_date(text: str | None) -> date | None:
    """`2024-09-20`, `9/20/2024`, `9/20`, `Sep 20, 2024`, `September 20th` (year 2024 if absent)."""
    found = _parse_date((text or "").strip().lower().replace(",", " "))
    return found if found and 1970 <= found.year <= 2100 else None


def _parse_date(s: str) -> date | None:
    if not s:
        return None
    try:
        if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", s):
            return date(int(m[1]), int(m[2]), int(m[3]))
        if m := re.fullmatch(r"(\d{1,2})/(\d{1,2})(?:/(\d{2}|\d{4}))?", s):
            year = int(m[3]) if m[3] else TODAY.year
            return date(year + 2000 if year < 100 else year, int(m[1]), int(m[2]))
        s = re.sub(r"^(mon|tue|wed|thu|fri|sat|sun)[a-z]*\s+", "", s)
        m = re.fullmatch(rf"({_MONTH_RE})[a-z]*\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:\s+(\d{{4}}))?", s)
        if m:
            month = [x[:3].lower() for x in MONTHS].index(m[1]) + 1
            return date(int(m[3] or TODAY.year), month, int(m[2]))
    except ValueError:
        return None
    return None


def parse_time(text: str | None) -> time | None:
    """`7:45 PM`, `7:45pm`, `7pm`, `19:45`, `11 am`, `noon`, `midnight`."""
    s = (text or "").strip().lower().replace(".", "")
    if s in ("noon", "12 noon"):
        return time(12)
    if s == "midnight":
        return time(0)
    m = re.fullmatch(r"(\d{1,2})(?::(\d{2}))?\s*(am|pm|a|p)?", s)
    if not m:
        return None
    hour, minute, half = int(m[1]), int(m[2] or 0), m[3]
    if minute > 59:
        return None
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half.startswith("p") else 0)
    elif m[2] is None or hour > 23:
        return None
    return time(hour, minute)


# -- what people read ------------------------------------------------------------------
def fmt_time(t: time | datetime) -> str:
    hour = t.hour % 12 or 12
    return f"{hour}:{t.minute:02d} {'AM' if t.hour < 12 else 'PM'}"


def fmt_day(d: date | datetime) -> str:
    """`Wednesday, July 17`."""
    return f"{WEEKDAYS[d.weekday()]}, {MONTHS[d.month - 1]} {d.day}"


def fmt_date(d: date | datetime) -> str:
    """`Wednesday, July 17, 2024`."""
    return f"{fmt_day(d)}, {d.year}"


def fmt_short(d: date) -> str:
    return f"{MONTHS[d.month - 1][:3]} {d.day}, {d.year}"


def week_start(d: date) -> date:
    """The Sunday starting `d`'s week (weeks run Sunday to Saturday)."""
    return d - timedelta(days=(d.weekday() + 1) % 7)


def when_text(event: dict) -> str:
    """`Wednesday, July 17, 2024, 10:00 AM to 11:00 AM` or `... (all day)`."""
    start, end = local_start(event), local_end(event)
    if event.get("allDay"):
        last = end.date() - timedelta(days=1)
        if last == start.date():
            return f"{fmt_date(start)} (all day)"
        return f"{fmt_date(start)} to {fmt_date(last)} (all day)"
    if end.date() == start.date():
        return f"{fmt_date(start)}, {fmt_time(start)} to {fmt_time(end)}"
    return f"{fmt_date(start)}, {fmt_time(start)} to {fmt_date(end)}, {fmt_time(end)}"
