"""How GoCalendar's training goals say days, times and lengths, the way a person types them
("tomorrow", "this Friday", "July 24th", "3:30pm", "for 90 minutes").

"Today" is the site's fixed Mon 2024-07-15 (`store.clock`). A weekday alone ("on
Thursday", "this Friday") only names a day of the current week (Tue Jul 16 .. Sat Jul 20),
as REAL's gocalendar goals do; any other day carries its date, so no phrase is ambiguous.
Dates are ISO strings (`2024-07-24`) and times `HH:MM` (24 h) in task params.
"""

from __future__ import annotations

import random
from datetime import date, time, timedelta

from halo_cli.sites.gocalendar.store import clock

#: the days a training goal may put a new event on: today through the end of August
FIRST_DAY = clock.TODAY
LAST_DAY = date(2024, 8, 31)


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def day_phrases(day: date) -> list[str]:
    """Ways to say `day` in a goal ("on" included where English wants it)."""
    weekday, month = clock.WEEKDAYS[day.weekday()], clock.MONTHS[day.month - 1]
    out = [f"on {weekday}, {month} {day.day}", f"on {month} {ordinal(day.day)}",
           f"on {day.month}/{day.day}", f"on {month[:3]} {day.day}"]
    if day == clock.TODAY:
        out += ["today", "later today"]
    elif day == clock.TODAY + timedelta(days=1):
        out += ["tomorrow", "tomorrow (Tuesday)"]
    elif clock.week_start(day) == clock.week_start(clock.TODAY):
        out += [f"on {weekday}", f"this {weekday}"]
    elif day.weekday() == clock.TODAY.weekday() and (day - clock.TODAY).days == 7:
        out += ["next Monday"]
    else:
        out += [f"{weekday} the {ordinal(day.day)}"]
    return out


def event_day_phrase(day: date) -> str:
    """How a goal names the day of an event already on the calendar: its weekday when it
    is in the current week, else its weekday and date."""
    weekday, month = clock.WEEKDAYS[day.weekday()], clock.MONTHS[day.month - 1]
    if day == clock.TODAY:
        return "today"
    if clock.week_start(day) == clock.week_start(clock.TODAY):
        return f"on {weekday}"
    return f"on {weekday}, {month} {day.day}"


def random_day(rng: random.Random, first: date = FIRST_DAY, last: date = LAST_DAY) -> date:
    return first + timedelta(days=rng.randint(0, (last - first).days))


def hhmm(t: time) -> str:
    return f"{t.hour:02d}:{t.minute:02d}"


def to_time(text: str) -> time:
    return time.fromisoformat(text)


def time_phrase(rng: random.Random, text: str, style: int | None = None) -> str:
    """`15:30` as a person types it: "3:30pm", "3:30 PM", "3:30 p.m." ("3pm" on the hour);
    `style` 0, 1 or 2 picks one of those (drawn when None)."""
    t = to_time(text)
    hour, half = t.hour % 12 or 12, "am" if t.hour < 12 else "pm"
    clock_face = f"{hour}:{t.minute:02d}" if t.minute else str(hour)
    style = rng.randrange(3) if style is None else style
    if style == 0:
        return f"{clock_face}{half}"
    if style == 1:
        return f"{clock_face} {half.upper()}"
    return f"{clock_face} {half[0]}.m."


def form_time(text: str) -> str:
    """`15:30` as the site's form shows it: "3:30 PM"."""
    return clock.fmt_time(to_time(text))


def minutes_between(start: str, end: str) -> int:
    a, b = to_time(start), to_time(end)
    return (b.hour * 60 + b.minute) - (a.hour * 60 + a.minute)


def add_minutes(start: str, minutes: int) -> str:
    t = to_time(start)
    total = t.hour * 60 + t.minute + minutes
    return f"{total // 60:02d}:{total % 60:02d}"


def length_phrase(minutes: int) -> str:
    """90 -> "for an hour and a half"; 60 -> "for an hour"; 45 -> "for 45 minutes"."""
    return {30: "for half an hour", 60: "for an hour", 90: "for an hour and a half",
            120: "for two hours", 180: "for three hours"}.get(minutes, f"for {minutes} minutes")


def span_phrase(rng: random.Random, start: str, end: str | None) -> str:
    """The time of an event: "at 3pm", "from 3pm to 4:30pm", "at 3pm for 90 minutes"."""
    look = rng.randrange(3)
    if end is None:
        return f"at {time_phrase(rng, start, look)}"
    shape = rng.randrange(3)
    if shape == 0:
        return f"from {time_phrase(rng, start, look)} to {time_phrase(rng, end, look)}"
    if shape == 1:
        return f"at {time_phrase(rng, start, look)} {length_phrase(minutes_between(start, end))}"
    return f"{time_phrase(rng, start, look)}-{time_phrase(rng, end, look)}"


def utc_start(day: str, at: str) -> str:
    """The stored UTC string of local `day` `at` (what REAL's scripts compare)."""
    return clock.local_iso(date.fromisoformat(day), to_time(at))


def same_instant(a: object, b: str) -> bool:
    """Whether the stored `a` is the instant `b` (milliseconds and zone suffix ignored)."""
    return isinstance(a, str) and a[:19] == b[:19]
