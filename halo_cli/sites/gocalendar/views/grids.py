"""GoCalendar's day, week and month grids (server-rendered, no scripts)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from html import escape

from halo_cli.sites.gocalendar import store
from halo_cli.sites.gocalendar.store import clock
from halo_cli.sites.gocalendar.views.layout import chip_name, q, task_name

HOUR_PX = 44
#: the hour the day and week grids start at, unless an event starts earlier
DAY_STARTS = 7


def _head(base: str, day: date, items: list[str]) -> str:
    today = " today" if day == clock.TODAY else ""
    return (f'<div class="head{today}"><a class="plus" href="{base}/create?date={q(day)}" '
            f'aria-label="Create event on {clock.fmt_day(day)}">+</a>'
            f'<a href="{base}/day?date={q(day)}" aria-label="{clock.fmt_day(day)}">'
            f'<div class="dn">{clock.WEEKDAYS[day.weekday()][:3]}</div>'
            f'<div class="dd">{day.day}</div></a><div class="allday">{"".join(items)}</div></div>')


def _all_day_items(base: str, occ: list, tasks: list[dict], day: date) -> list[str]:
    out = []
    for ev, s, e in store.on_day(occ, day):
        if ev.get("allDay"):
            out.append(f'<a href="{base}/event/{ev["id"]}" style="background:{ev["color"]}" '
                       f'aria-label="{escape(chip_name(ev, s, e, day))}">'
                       f'{escape(ev["title"])}</a>')
    for t in tasks:
        if store.task_day(t) == day:
            out.append(f'<a class="task" href="{base}/task/{t["id"]}" '
                       f'aria-label="{escape(task_name(t))}">{escape(t["title"])}</a>')
    return out


def _lanes(timed: list[tuple]) -> list[tuple]:
    """(event, start, end, lane, lanes in its overlap group), side by side as Google does."""
    out: list[tuple] = []
    group: list[tuple] = []
    busy: list[datetime] = []
    group_end = datetime.min

    def close() -> None:
        out.extend((*g, len(busy)) for g in group)

    for ev, s, e in timed:
        if group and s >= group_end:
            close()
            group, busy = [], []
        lane = next((i for i, until in enumerate(busy) if until <= s), len(busy))
        busy[lane:lane + 1] = [e]
        group.append((ev, s, e, lane))
        group_end = max(group_end, e) if group[:-1] else e
    close()
    return out


def _column(base: str, occ: list, day: date, first_hour: int) -> str:
    timed = [o for o in store.on_day(occ, day) if not o[0].get("allDay")]
    lo = datetime.combine(day, datetime.min.time()) + timedelta(hours=first_hour)
    chips = []
    for ev, s, e, lane, lanes in _lanes(timed):
        width = 100 / lanes
        top = max(0.0, (s - lo).total_seconds() / 3600) * HOUR_PX
        bottom = min(24.0 - first_hour, (e - lo).total_seconds() / 3600) * HOUR_PX
        style = (f"top:{top:.0f}px;height:{max(18, bottom - top - 2):.0f}px;"
                 f"left:{lane * width:.1f}%;width:{width - 1:.1f}%;background:{ev['color']}")
        chips.append(f'<a href="{base}/event/{ev["id"]}" style="{style}" '
                     f'aria-label="{escape(chip_name(ev, s, e))}">{escape(ev["title"])}'
                     f'<small>{clock.fmt_time(s)} – {clock.fmt_time(e)}</small></a>')
    return f'<div class="col">{"".join(chips)}</div>'


def time_grid(base: str, cal: dict, days: list[date], label: str) -> str:
    """The day or week view: headers with all-day items, then the hour grid (from 7 AM, or
    the earliest event's hour)."""
    occ = store.occurrences(cal["events"], days[0], days[-1])
    tasks = store.tasks_between(cal["myTasks"], days[0], days[-1])
    heads = "".join(_head(base, d, _all_day_items(base, occ, tasks, d)) for d in days)
    starts = [s.hour if s.date() == d else 0 for d in days for ev, s, e in store.on_day(occ, d)
              if not ev.get("allDay")]
    first = min([DAY_STARTS, *starts])
    hours = "".join(f"<div>{clock.fmt_time(datetime(2024, 1, 1, h)).replace(':00', '')}</div>"
                    for h in range(first, 24))
    lines = "".join(f'<div class="line" style="top:{(h - first) * HOUR_PX}px"></div>'
                    for h in range(first + 1, 24))
    cols = "".join(_column(base, occ, d, first) for d in days)
    return (f'<section aria-label="{escape(label)}"><div class="heads">{heads}</div>'
            f'<div class="scroll"><div class="grid" style="height:{(24 - first) * HOUR_PX}px">'
            f'<div class="hours" aria-hidden="true">{hours}</div>'
            f'<div aria-hidden="true">{lines}</div>{cols}</div></div></section>')


def week_label(start: date) -> str:
    end = start + timedelta(days=6)
    return f"Week of {clock.fmt_date(start)} to {clock.fmt_date(end)}"


def month_heading(days: list[date]) -> str:
    a, b = days[0], days[-1]
    if (a.year, a.month) == (b.year, b.month):
        return f"{clock.MONTHS[a.month - 1]} {a.year}"
    if a.year == b.year:
        return f"{clock.MONTHS[a.month - 1][:3]} – {clock.MONTHS[b.month - 1][:3]} {a.year}"
    return f"{clock.MONTHS[a.month - 1][:3]} {a.year} – {clock.MONTHS[b.month - 1][:3]} {b.year}"


def month_grid(base: str, cal: dict, anchor: date) -> str:
    first = anchor.replace(day=1)
    start = clock.week_start(first)
    days = [start + timedelta(days=i) for i in range(42)]
    occ = store.occurrences(cal["events"], days[0], days[-1])
    tasks = store.tasks_between(cal["myTasks"], days[0], days[-1])
    heads = "".join(f'<th scope="col">{d[:3]}</th>' for d in clock.WEEKDAYS[6:] +
                    clock.WEEKDAYS[:6])
    rows = []
    for w in range(6):
        cells = []
        for d in days[w * 7:(w + 1) * 7]:
            items = [(ev, s, e) for ev, s, e in store.on_day(occ, d)]
            chips = [f'<a class="chipm" href="{base}/event/{ev["id"]}" '
                     f'aria-label="{escape(chip_name(ev, s, e, d))}"><span class="dot" '
                     f'style="background:{ev["color"]}"></span>'
                     f'{"" if ev.get("allDay") else clock.fmt_time(s) + " "}'
                     f'{escape(ev["title"])}</a>' for ev, s, e in items[:3]]
            chips += [f'<a class="chipm task" href="{base}/task/{t["id"]}" aria-label="'
                      f'{escape(task_name(t))}">{escape(t["title"])}</a>'
                      for t in tasks if store.task_day(t) == d][:1]
            more = len(items) - 3
            if more > 0:
                chips.append(f'<a class="chipm" href="{base}/day?date={q(d)}">{more} more</a>')
            out = "" if d.month == anchor.month else ' class="out"'
            cells.append(f'<td{out}><a class="mday" href="{base}/day?date={q(d)}" '
                         f'aria-label="{clock.fmt_day(d)}">{d.day}</a>{"".join(chips)}</td>')
        rows.append(f"<tr>{''.join(cells)}</tr>")
    label = f"{clock.MONTHS[anchor.month - 1]} {anchor.year}"
    return (f'<table class="month" aria-label="{label}"><thead><tr>{heads}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>')
