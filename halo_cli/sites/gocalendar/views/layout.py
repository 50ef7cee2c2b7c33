"""GoCalendar's page frame (the header with the view tabs and search, the sidebar, the
notice) and the accessible names of event and task chips.

Every event chip is a link whose accessible name says what, when and which day, e.g.
"Project Sync, Wednesday, July 17, 10:00 AM to 11:00 AM".
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from html import escape

from halo_cli.sites.gocalendar import store
from halo_cli.sites.gocalendar.store import clock
from halo_cli.sites.kit import shell

CSS = """
*{box-sizing:border-box}body{margin:0;font-family:Roboto,Arial,sans-serif;font-size:14px;
color:#3c4043;background:#fff}a{color:#1a73e8;text-decoration:none}
header.top{display:flex;align-items:center;gap:14px;padding:8px 16px;
border-bottom:1px solid #dadce0}.logo{font-size:22px;color:#5f6368;font-weight:500}
header.top h1{font-size:22px;font-weight:400;margin:0 12px;color:#3c4043}
.navbtn{border:1px solid #dadce0;border-radius:4px;padding:6px 12px;color:#3c4043}
.views{margin-left:auto;display:flex;gap:4px}.views a{padding:6px 10px;border-radius:4px}
.views a[aria-current]{background:#e8f0fe}form.search input{padding:6px;width:180px}
body{display:grid;grid-template-columns:auto minmax(0,1fr);
align-items:start}header.top{grid-column:1/-1}aside{width:230px;padding:12px 16px;flex:none}
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
    """A whole page: the header (view navigation, heading, search), the sidebar, then the
    notice (with an Undo button when `undo` names a deleted event) and `body`."""
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
        note = f"<span>{escape(notice)}</span>{btn}"
    user = cal["user"]
    header = f"""<header class="top"><a class="logo" href="{base}/">GoCalendar</a>{nav}
<h1>{escape(heading)}</h1><nav class="views" aria-label="Calendar view">{tabs}</nav>
<form class="search" role="search" method="get" action="{base}/search">
<input type="text" name="q" value="{escape(query)}" aria-label="Search events"
placeholder="Search events"> <button type="submit">Search</button></form>
<span class="muted" title="{escape(user['email'])}">{escape(user['name'])}</span></header>
<aside aria-label="Sidebar">
<a class="create" href="{base}/create?date={q(anchor)}">Create</a>
<form method="get" action="{base}/{view or 'week'}"><label for="goto">Go to date</label>
<input id="goto" type="text" name="date" size="12" placeholder="e.g. 2024-09-20">
<button type="submit">Go</button></form>
<h2>My calendars</h2><ul>{cals}</ul>
<h2>More</h2><ul><li><a href="{base}/tasks">Tasks</a></li><li><a href="{base}/bin">Bin</a>
</li></ul><p class="muted">Time zone: Pacific Time ({clock.TZ_NAME})</p></aside>
"""
    return shell(title=title, site="GoCalendar", css=CSS, header=header, body=body,
                 notice=note)
