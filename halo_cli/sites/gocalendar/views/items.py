"""GoCalendar's pages of one event or task, the task list, the Bin and search results."""

from __future__ import annotations

from html import escape

from halo_cli.sites.gocalendar import store
from halo_cli.sites.gocalendar.store import clock
from halo_cli.sites.gocalendar.views.layout import q, task_name


def _calendar_name(cal: dict, cal_id: str) -> str:
    return next((c["name"] for c in cal["calendars"] if c["id"] == cal_id), cal_id)


def event_detail(base: str, cal: dict, ev: dict) -> str:
    rows = []
    if ev["recurrence"] != "none":
        rows.append(("Repeats", store.REPEATS[ev["recurrence"]]))
    if ev["location"]:
        rows.append(("Location", ev["location"]))
    if ev["hasMeeting"]:
        rows.append(("Video call", f"Join with GoMeet: meet.gocalendar.com/{ev['meetingId']}"))
    if ev["guests"]:
        rows.append(("Guests", ", ".join(ev["guests"])))
    if ev["description"]:
        rows.append(("Description", ev["description"]))
    rows.append(("Calendar", _calendar_name(cal, ev["calendarId"])))
    meta = "".join(f"<dt>{k}</dt><dd>{escape(v)}</dd>" for k, v in rows)
    day = clock.local_start(ev).date()
    series = " (all events in the series)" if ev["recurrence"] != "none" else ""
    return (f'<article class="detail" aria-labelledby="evt-title">'
            f'<h2 id="evt-title">{escape(ev["title"])}</h2>'
            f'<p>{escape(clock.when_text(ev))}</p><dl class="meta">{meta}</dl>'
            f'<div class="actions"><a href="{base}/event/{ev["id"]}/edit">Edit event</a>'
            f'<form method="post" action="{base}/event/{ev["id"]}/delete">'
            f'<button type="submit">Delete event{series}</button></form>'
            f'<a href="{base}/week?date={q(day)}">Back to calendar</a></div></article>')


def _task_when(t: dict) -> str:
    day = store.task_day(t)
    if t["allDay"]:
        return clock.fmt_date(day)
    return f"{clock.fmt_date(day)}, " \
           f"{clock.fmt_time(clock.utc_to_local(clock.parse_iso(t['start'])))}"


def task_detail(base: str, t: dict) -> str:
    status = "Completed" if t["completed"] else "Not completed"
    toggle = "Mark as not completed" if t["completed"] else "Mark as completed"
    desc = f"<dt>Description</dt><dd>{escape(t['description'])}</dd>" if t["description"] else ""
    return (f'<article class="detail" aria-labelledby="task-title">'
            f'<h2 id="task-title">{escape(t["title"])}</h2>'
            f'<p>Task · {escape(_task_when(t))}</p><dl class="meta"><dt>Status</dt>'
            f'<dd>{status}</dd>{desc}</dl><div class="actions">'
            f'<form method="post" action="{base}/task/{t["id"]}/complete">'
            f'<button type="submit">{toggle}</button></form>'
            f'<form method="post" action="{base}/task/{t["id"]}/delete">'
            f'<button type="submit">Delete task</button></form>'
            f'<a href="{base}/tasks">All tasks</a></div></article>')


def task_list(base: str, tasks: dict) -> str:
    items = sorted(tasks.values(), key=lambda t: (t["completed"], t["start"], t["title"]))
    rows = "".join(
        f'<li><a href="{base}/task/{t["id"]}" aria-label="{escape(task_name(t))}">'
        f'{escape(t["title"])}</a><span class="muted">{escape(_task_when(t))}'
        f'{" · completed" if t["completed"] else ""}</span></li>' for t in items)
    body = f'<ul class="list">{rows}</ul>' if rows else "<p>No tasks.</p>"
    return (f'<h2>Tasks</h2><p><a href="{base}/create?type=task&amp;date={q(clock.TODAY)}">'
            f'Add a task</a></p>{body}')


def bin_page(base: str, deleted: list[dict]) -> str:
    rows = "".join(
        f'<li><span>{escape(ev["title"])}</span><span class="muted">'
        f'{escape(clock.when_text(ev))}</span><form method="post" action="{base}/bin/restore">'
        f'<input type="hidden" name="id" value="{escape(ev["id"])}"><button type="submit" '
        f'aria-label="Restore {escape(ev["title"])}">Restore</button></form></li>'
        for ev in reversed(deleted))
    body = f'<ul class="list">{rows}</ul>' if rows else "<p>Nothing in the Bin.</p>"
    return ("<h2>Bin</h2><p class=\"muted\">Events you delete are kept here; restore one to "
            f"put it back on your calendar.</p>{body}")


def search_results(base: str, query: str, hits: list[dict]) -> str:
    if not query.strip():
        return "<h2>Search</h2><p>Type words from an event's title, location or notes.</p>"
    rows = "".join(f'<li><a href="{base}/event/{ev["id"]}">{escape(ev["title"])}</a>'
                   f'<span class="muted">{escape(clock.when_text(ev))}</span></li>'
                   for ev in hits)
    found = f'<ul class="list">{rows}</ul>' if rows else "<p>No events match.</p>"
    n = len(hits)
    return (f'<h2>Search results for “{escape(query)}”</h2>'
            f'<p class="muted">{n} event{"s" if n != 1 else ""}</p>{found}')


def message(text: str) -> str:
    return f'<div class="alert" role="alert">{escape(text)}</div>'
