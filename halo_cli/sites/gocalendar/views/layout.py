"""GoCalendar's page shell and its day, week and month grids (server-rendered, no scripts).

Every event chip is a link whose accessible name says what, when and which day, e.g.
"Project Sync, Wednesday, July 17, 10:00 AM to 11:00 AM".
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from html import escape

from halo_cli.sites.gocalendar import clock, store

HOUR_PX = 44
#: the hour the day and week grids start at, unless an event starts earlier
DAY_STARTS = 7
CSS = """
*{box-sizing:border-box}body{margin:0;font-family:Roboto,Arial,sans-serif;font-size:14px;
color:#3c4043;background:#fff}a{color:#1a73e8;text-decoration:none}
header.top{display:flex;align-items:center;gap:14px;padding:8px 16px;
border-bottom:1px solid #dadce0}.logo{font-size:22px;color:#5f6368;font-weight:500}
header.top h1{font-size:22px;font-weight:400;margin:0 12px;color:#3c4043}
.navbtn{border:1px solid #dadce0;border-radius:4px;padding:6px 12px;color:#3c4043}
.views{margin-left:auto;display:flex;gap:4px}.views a{padding:6px 10px;border-radius:4px}
.views a[aria-current]{background:#e8f0fe}form.search input{padding:6px;width:180px}
.layout{display:flex}aside{width:230px;padding:12px 16px;flex:none}
a.create{display:inline-block;box-shadow:0 1px 3px #999;border-radius:24px;
padding:12px 24px;font-size:15px;color:#3c4043;margin-bottom:16px}
aside h2{font-size:14px;margin:16px 0 6px}aside ul{list-style:none;padding:0;margin:0}
aside li{margin:4px 0}.dot{display:inline-block;width:10px;height:10px;border-radius:2px;
margin-right:6px}main{flex:1;padding:8px 16px;min-width:0}
.notice{background:#323232;color:#fff;padding:10px 14px;border-radius:4px;margin:6px 0;
display:flex;gap:12px;align-items:center}.notice button{background:none;border:0;
color:#8ab4f8;cursor:pointer;font-weight:bold}.alert{background:#fce8e6;color:#a50e0e;
padding:10px;border-radius:4px;margin:8px 0}
.heads{display:flex;margin-left:52px}.head{flex:1;border-left:1px solid #dadce0;padding:4px;
min-width:0}.head .dn{font-size:11px;text-transform:uppercase;color:#70757a}
.head .dd{font-size:22px;color:#3c4043;display:inline-block;min-width:36px;height:36px;
line-height:36px;text-align:center}.head.today .dd{color:#fff;background:#1a73e8;
border-radius:50%}.plus{float:right;font-size:18px;padding:0 4px}
.allday a,.chipm{display:block;border-radius:4px;color:#fff;padding:1px 6px;margin:2px 0;
font-size:12px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.allday a.task,.chipm.task{background:#fff;color:#1a73e8;border:1px solid #1a73e8}
.scroll{border-top:1px solid #dadce0}
.grid{display:flex;position:relative}.hours{width:52px;flex:none}
.hours div{height:44px;font-size:10px;color:#70757a;text-align:right;padding-right:6px}
.col{flex:1;position:relative;border-left:1px solid #dadce0;min-width:0}
.line{position:absolute;left:52px;right:0;border-top:1px solid #e8eaed}
.col a{position:absolute;left:2px;right:4px;border-radius:4px;color:#fff;padding:2px 6px;
font-size:12px;overflow:hidden;border:1px solid #fff}.col a small{display:block;opacity:.9}
table.month{width:100%;border-collapse:collapse;table-layout:fixed}
table.month th{font-size:11px;color:#70757a;font-weight:500;padding:4px}
table.month td{border:1px solid #dadce0;height:110px;vertical-align:top;padding:2px}
table.month td.out{background:#f8f9fa}.mday{font-size:12px;display:block;text-align:center}
.chipm{color:#3c4043;background:none}.chipm .dot{margin-right:4px}
article.detail{max-width:640px}article.detail h2{font-size:24px;font-weight:400}
dl.meta dt{font-weight:bold;margin-top:10px}dl.meta dd{margin:2px 0 0 0}
.actions{display:flex;gap:12px;margin-top:18px;align-items:center}
.actions button,.actions a,button.primary{border:1px solid #dadce0;background:#fff;
border-radius:4px;padding:8px 16px;cursor:pointer;color:#1a73e8;font-size:14px}
button.primary{background:#1a73e8;color:#fff;border-color:#1a73e8}
form.edit{max-width:560px}form.edit label{display:block;margin:10px 0 3px;font-weight:500}
form.edit input[type=text],form.edit textarea,form.edit select{width:100%;padding:7px;
font-size:14px;border:1px solid #dadce0;border-radius:4px}
form.edit .check label{display:inline;font-weight:400}.row{display:flex;gap:10px}
.row>div{flex:1}.tabs{display:flex;gap:6px;margin:8px 0}.tabs a{padding:6px 14px;
border-radius:16px;border:1px solid #dadce0}.tabs a[aria-current]{background:#e8f0fe}
ul.list{list-style:none;padding:0}ul.list li{padding:8px 0;border-bottom:1px solid #eee;
display:flex;gap:12px;align-items:center}ul.list form{display:inline}.muted{color:#70757a}
"""


def q(d: date) -> str:
    return d.isoformat()


def chip_name(ev: dict, start: datetime, end: datetime, day: date | None = None) -> str:
    """The accessible name of an event chip."""
    day = day or start.date()
    if ev.get("allDay"):
        return f"{ev['title']}, {clock.fmt_day(day)}, all day"
    return (f"{ev['title']}, {clock.fmt_day(start)}, {clock.fmt_time(start)} to "
            f"{clock.fmt_time(end)}")


def task_name(task: dict) -> str:
    day = clock.fmt_day(store.task_day(task))
    when = "" if task.get("allDay") else \
        f", {clock.fmt_time(clock.utc_to_local(clock.parse_iso(task['start'])))}"
    done = " (completed)" if task.get("completed") else ""
    return f"Task: {task['title']}, {day}{when}{done}"


def page(base: str, *, title: str, heading: str, body: str, cal: dict, view: str = "",
         anchor: date | None = None, notice: str = "", undo: str = "",
         query: str = "") -> str:
    anchor = anchor or clock.TODAY
    nav = ""
    if view:
        step = {"day": timedelta(days=1), "week": timedelta(days=7)}.get(view)
        if step:
            prev_d, next_d = anchor - step, anchor + step
        else:
            first = anchor.replace(day=1)
            prev_d = (first - timedelta(days=1)).replace(day=1)
            next_d = (first + timedelta(days=32)).replace(day=1)
        nav = (f'<a class="navbtn" href="{base}/{view}?date={q(clock.TODAY)}">Today</a>'
               f'<a class="navbtn" href="{base}/{view}?date={q(prev_d)}">Previous {view}</a>'
               f'<a class="navbtn" href="{base}/{view}?date={q(next_d)}">Next {view}</a>')
    tabs = "".join(
        f'<a href="{base}/{v}?date={q(anchor)}"{" aria-current=page" if v == view else ""}>'
        f'{v.title()}</a>' for v in ("day", "week", "month"))
    cals = "".join(f'<li><span class="dot" style="background:{c["color"]}"></span>'
                   f'{escape(c["name"])}</li>' for c in cal["calendars"])
    note = ""
    if notice:
        btn = (f'<form method="post" action="{base}/bin/restore"><input type="hidden" '
               f'name="id" value="{escape(undo)}"><button type="submit">Undo</button></form>'
               if undo else "")
        note = f'<div class="notice" role="status"><span>{escape(notice)}</span>{btn}</div>'
    user = cal["user"]
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{escape(title)} - GoCalendar</title><style>{CSS}</style></head><body>
<header class="top"><a class="logo" href="{base}/">GoCalendar</a>{nav}
<h1>{escape(heading)}</h1><nav class="views" aria-label="Calendar view">{tabs}</nav>
<form class="search" role="search" method="get" action="{base}/search">
<input type="text" name="q" value="{escape(query)}" aria-label="Search events"
placeholder="Search events"> <button type="submit">Search</button></form>
<span class="muted" title="{escape(user['email'])}">{escape(user['name'])}</span></header>
<div class="layout"><aside aria-label="Sidebar">
<a class="create" href="{base}/create?date={q(anchor)}">Create</a>
<form method="get" action="{base}/{view or 'week'}"><label for="goto">Go to date</label>
<input id="goto" type="text" name="date" size="12" placeholder="e.g. 2024-09-20">
<button type="submit">Go</button></form>
<h2>My calendars</h2><ul>{cals}</ul>
<h2>More</h2><ul><li><a href="{base}/tasks">Tasks</a></li><li><a href="{base}/bin">Bin</a>
</li></ul><p class="muted">Time zone: Pacific Time ({clock.TZ_NAME})</p></aside>
<main>{note}{body}</main></div></body></html>"""


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
