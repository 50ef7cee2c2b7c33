"""GoCalendar's create and edit forms: a new or edited event, a new task."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from html import escape

from halo_cli.sites.gocalendar import store
from halo_cli.sites.gocalendar.store import clock
from halo_cli.sites.gocalendar.views.layout import q
from halo_cli.sites.kit import Form


def _errors(errors: list[str]) -> str:
    if not errors:
        return ""
    items = "".join(f"<li>{escape(e)}</li>" for e in errors)
    return f'<div class="alert" role="alert"><ul>{items}</ul></div>'


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


def _form_start(base: str, action: str, title: str) -> str:
    """The opening of the event and task forms: the Title, then the row of date fields."""
    return (f'<form class="edit" method="post" action="{base}{action}">'
            + _input("title", "Title", title, "Add title") + '<div class="row">')


def _form_end(base: str, description: str, day: str) -> str:
    """The close of the event and task forms: Description, then Save and Cancel (back to
    the week of `day`)."""
    return (f'<div><label for="description">Description</label><textarea id="description" '
            f'name="description" rows="3" placeholder="Add description">'
            f'{escape(description)}</textarea></div>'
            '<div class="actions"><button class="primary" type="submit">Save</button>'
            f'<a href="{base}/week?date={escape(day or q(clock.TODAY))}">Cancel</a>'
            '</div></form>')


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


def default_event_values(day: date) -> dict[str, str]:
    return {"startDate": q(day), "startTime": "9:00 AM", "calendarId": "personal",
            "recurrence": "none"}


def event_form(base: str, cal: dict, values: Mapping[str, str] | Form, *, action: str,
               heading: str, errors: list[str] | None = None, tabs: bool = True) -> str:
    v = {k: values.get(k, "") for k in ("title", "startDate", "startTime", "endTime",
                                        "endDate", "allDay", "recurrence", "location",
                                        "calendarId", "guests", "hasMeeting", "description")}
    top = _tabs(base, v["startDate"], "event") if tabs else ""
    cals = [(c["id"], c["name"]) for c in cal["calendars"]]
    return (f'<h2>{escape(heading)}</h2>{top}{_errors(errors or [])}'
            + _form_start(base, action, v["title"])
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
            + _form_end(base, v["description"], v["startDate"]))


def task_form(base: str, values: Mapping[str, str] | Form,
              errors: list[str] | None = None) -> str:
    v = {k: values.get(k, "") for k in ("title", "date", "time", "description")}
    return (f'<h2>New task</h2>{_tabs(base, v["date"], "task")}{_errors(errors or [])}'
            + _form_start(base, "/tasks/create", v["title"])
            + _input("date", "Date", v["date"], "e.g. 2024-07-22")
            + _input("time", "Time", v["time"], "e.g. 9:00 AM (blank: all day)")
            + "</div>"
            + _form_end(base, v["description"], v["date"]))
