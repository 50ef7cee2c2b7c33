"""GoCalendar's non-grid pages: event details, the create/edit forms, tasks, Bin, search."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from html import escape

from halo_cli.sites.gocalendar import clock, store
from halo_cli.sites.gocalendar.views import q, task_name


def _errors(errors: list[str]) -> str:
    if not errors:
        return ""
    items = "".join(f"<li>{escape(e)}</li>" for e in errors)
    return f'<div class="alert" role="alert"><ul>{items}</ul></div>'


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


def event_values(ev: dict) -> dict[str, str]:
    """An event as the strings its edit form shows."""
    start, end = clock.local_start(ev), clock.local_end(ev)
    if ev["allDay"]:
        last = end.date() - timedelta(days=1)
        times = {"startTime": "", "endTime": "",
                 "endDate": "" if last == start.date() else q(last)}
    else:
        times = {"startTime": clock.fmt_time(start), "endTime": clock.fmt_time(end),
                 "endDate": "" if end.date() == start.date() else q(end.date())}
    return {"title": ev["title"], "startDate": q(start.date()), **times,
            "allDay": "on" if ev["allDay"] else "", "recurrence": ev["recurrence"],
            "location": ev["location"], "calendarId": ev["calendarId"],
            "guests": ", ".join(ev["guests"]), "hasMeeting": "on" if ev["hasMeeting"] else "",
            "description": ev["description"]}


def _input(name: str, label: str, value: str, placeholder: str = "") -> str:
    ph = f' placeholder="{escape(placeholder)}"' if placeholder else ""
    return (f'<div><label for="{name}">{label}</label><input type="text" id="{name}" '
            f'name="{name}" value="{escape(value)}"{ph}></div>')


def _check(name: str, label: str, on: bool) -> str:
    checked = " checked" if on else ""
    return (f'<div class="check"><input type="checkbox" id="{name}" name="{name}"{checked}> '
            f'<label for="{name}">{label}</label></div>')


def _select(name: str, label: str, options: list[tuple[str, str]], value: str) -> str:
    opts = "".join(f'<option value="{escape(k)}"{" selected" if k == value else ""}>'
                   f'{escape(v)}</option>' for k, v in options)
    return (f'<div><label for="{name}">{label}</label><select id="{name}" name="{name}">'
            f'{opts}</select></div>')


def _tabs(base: str, day: str, current: str) -> str:
    links = [("event", "Event", f"{base}/create?date={escape(day)}"),
             ("task", "Task", f"{base}/create?type=task&amp;date={escape(day)}")]
    return '<nav class="tabs" aria-label="Create">' + "".join(
        f'<a href="{href}"{" aria-current=page" if k == current else ""}>{name}</a>'
        for k, name, href in links) + "</nav>"


def event_form(base: str, cal: dict, values: Mapping[str, str], *, action: str,
               heading: str, errors: list[str] | None = None, tabs: bool = True) -> str:
    v = {k: values.get(k, "") for k in ("title", "startDate", "startTime", "endTime",
                                        "endDate", "allDay", "recurrence", "location",
                                        "calendarId", "guests", "hasMeeting", "description")}
    top = _tabs(base, v["startDate"], "event") if tabs else ""
    cals = [(c["id"], c["name"]) for c in cal["calendars"]]
    return (f'<h2>{escape(heading)}</h2>{top}{_errors(errors or [])}'
            f'<form class="edit" method="post" action="{base}{action}">'
            + _input("title", "Title", v["title"], "Add title")
            + '<div class="row">'
            + _input("startDate", "Start date", v["startDate"], "e.g. 2024-07-17")
            + _input("startTime", "Start time", v["startTime"], "e.g. 9:00 AM")
            + _input("endTime", "End time", v["endTime"], "e.g. 10:00 AM (default: 1 hour)")
            + "</div>"
            + _input("endDate", "End date", v["endDate"], "Leave blank for the same day")
            + _check("allDay", "All day", v["allDay"] == "on")
            + _select("recurrence", "Repeat", list(store.REPEATS.items()),
                      v["recurrence"] or "none")
            + _input("location", "Location", v["location"], "Add location")
            + _select("calendarId", "Calendar", cals, v["calendarId"] or "personal")
            + _input("guests", "Guests", v["guests"], "Email addresses, separated by commas")
            + _check("hasMeeting", "Add GoMeet video conferencing", v["hasMeeting"] == "on")
            + f'<div><label for="description">Description</label><textarea id="description" '
              f'name="description" rows="3" placeholder="Add description">'
              f'{escape(v["description"])}</textarea></div>'
            + '<div class="actions"><button class="primary" type="submit">Save</button>'
              f'<a href="{base}/week?date={escape(v["startDate"] or q(clock.TODAY))}">Cancel</a>'
              '</div></form>')


def task_form(base: str, values: Mapping[str, str], errors: list[str] | None = None) -> str:
    v = {k: values.get(k, "") for k in ("title", "date", "time", "description")}
    return (f'<h2>New task</h2>{_tabs(base, v["date"], "task")}{_errors(errors or [])}'
            f'<form class="edit" method="post" action="{base}/tasks/create">'
            + _input("title", "Title", v["title"], "Add title")
            + '<div class="row">'
            + _input("date", "Date", v["date"], "e.g. 2024-07-22")
            + _input("time", "Time", v["time"], "e.g. 9:00 AM (blank: all day)")
            + "</div>"
            + f'<div><label for="description">Description</label><textarea id="description" '
              f'name="description" rows="3" placeholder="Add description">'
              f'{escape(v["description"])}</textarea></div>'
            + '<div class="actions"><button class="primary" type="submit">Save</button>'
              f'<a href="{base}/week?date={escape(v["date"] or q(clock.TODAY))}">Cancel</a>'
              '</div></form>')


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


def default_event_values(day: date) -> dict[str, str]:
    return {"startDate": q(day), "startTime": "9:00 AM", "calendarId": "personal",
            "recurrence": "none"}
