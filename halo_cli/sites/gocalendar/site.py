"""GoCalendar: an offline replica of REAL's Google-Calendar-like site, judged by the v2
gocalendar scripts.

"Today" is Mon 2024-07-15 in America/Los_Angeles; events are stored in UTC (see
`store/clock.py` and `store/__init__.py` for the shapes). `/finish` adds
`differences.events.{added, deleted, updated}`, each `{eventId: whole event}`, which most
scripts read; tasks land in `initialfinaldiff.added.calendar.myTasks.<id>` and deleted
events in `initialfinaldiff.added.calendar.deletedEvents` (the Bin).
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Awaitable, Callable
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from halo_cli.sites.base import Session, session_of
from halo_cli.sites.diff import keyed_changes
from halo_cli.sites.gocalendar import store, views
from halo_cli.sites.gocalendar.store import clock
from halo_cli.sites.kit import Form, KitSite, notify, read_form, redirect, root_path, route, take_notice

TASKS = [f"gocalendar-{n}" for n in (4, 6, 8, 10, 11, 12, 13, 16, 18, 23)]
MAX_SPAN = timedelta(days=366)
BAD_DATE = "That is not a date; try 2024-09-20 or Sep 20, 2024."
NO_EVENT = "This event does not exist."
NO_TASK = "This task does not exist."
#: in a notice, separates its text from the id of the deleted event its Undo restores
UNDO = "\x1f"

DayHandler = Callable[[Any, Request, date], Awaitable[Response]]


def _notify(session: Session, text: str, undo: str = "") -> None:
    """A notice for the next page; `undo`: the deleted event its Undo button restores."""
    notify(session, f"{text}{UNDO}{undo}" if undo else text)


def _take_notice(session: Session) -> tuple[str, str]:
    """The pending notice's (text, undo id), or empty strings."""
    text, _, undo = (take_notice(session) or "").partition(UNDO)
    return text, undo


def _on_date(handler: DayHandler) -> Callable[[Any, Request], Awaitable[Response]]:
    """`handler(self, request, day)` for the `?date=` asked for (today when none); a 400
    page when it is not a date."""

    @functools.wraps(handler)
    async def endpoint(self: GoCalendar, request: Request) -> Response:
        raw = request.query_params.get("date", "")
        day = clock.TODAY if not raw.strip() else clock.parse_date(raw)
        if day is None:
            return self._error(request, 400, BAD_DATE)
        return await handler(self, request, day)

    return endpoint


class GoCalendar(KitSite):
    """The GoCalendar replica: day, week and month views, events, tasks, the Bin."""

    id = "gocalendar"
    title = "GoCalendar"
    diff_mode = "deep-object-diff"
    track_location = True

    # -- Site API ---------------------------------------------------------------------
    tasks = TASKS

    def seed_state(self, task: str) -> dict[str, Any]:
        return store.seed_state()

    def differences(self, initial: dict[str, Any], current: dict[str, Any]) -> dict[str, Any]:
        events = keyed_changes(initial["calendar"]["events"], current["calendar"]["events"])
        return {"differences": {"events": copy.deepcopy(events)}}

    # -- helpers ----------------------------------------------------------------------
    def _page(self, request: Request, *, title: str, body: str, heading: str = "",
              view: str = "", anchor: date | None = None, query: str = "",
              status: int = 200) -> HTMLResponse:
        session = session_of(request)
        notice, undo = _take_notice(session)
        with session.lock:
            html = views.layout.page(root_path(request), title=title, heading=heading or title,
                                     body=body, cal=session.state["calendar"], view=view,
                                     anchor=anchor, notice=notice, undo=undo, query=query)
        return HTMLResponse(html, status_code=status)

    def _error(self, request: Request, status: int, text: str) -> HTMLResponse:
        return self._page(request, title="GoCalendar", body=views.items.message(text),
                          status=status)

    @staticmethod
    def _cal(request: Request) -> dict:
        return session_of(request).state["calendar"]

    def _copy(self, request: Request, key: str) -> Any:
        """A copy of the calendar's `key` (`myTasks`, `deletedEvents`), read under the lock."""
        with session_of(request).lock:
            return copy.deepcopy(self._cal(request)[key])

    @staticmethod
    def _to_week(request: Request, day: date, notice: str | None = None) -> Response:
        """Back to the week view of `day` (with a notice)."""
        return redirect(request, "/week?" + urlencode({"date": day.isoformat()}), notice)

    # -- calendar views ---------------------------------------------------------------
    @route("/")
    async def home(self, request: Request) -> Response:
        return self._week(request, clock.TODAY)

    @route("/week")
    @_on_date
    async def week_view(self, request: Request, day: date) -> Response:
        return self._week(request, day)

    def _week(self, request: Request, day: date) -> Response:
        start = clock.week_start(day)
        days = [start + timedelta(days=i) for i in range(7)]
        with session_of(request).lock:
            body = views.grids.time_grid(root_path(request), self._cal(request), days,
                                         views.grids.week_label(start))
        return self._page(request, title=views.grids.week_label(start), body=body,
                          heading=views.grids.month_heading(days), view="week", anchor=day)

    @route("/day")
    @_on_date
    async def day_view(self, request: Request, day: date) -> Response:
        with session_of(request).lock:
            body = views.grids.time_grid(root_path(request), self._cal(request), [day],
                                         clock.fmt_date(day))
        return self._page(request, title=clock.fmt_date(day), body=body,
                          heading=clock.fmt_date(day), view="day", anchor=day)

    @route("/month")
    @_on_date
    async def month_view(self, request: Request, day: date) -> Response:
        with session_of(request).lock:
            body = views.grids.month_grid(root_path(request), self._cal(request), day)
        heading = f"{clock.MONTHS[day.month - 1]} {day.year}"
        return self._page(request, title=heading, body=body, heading=heading, view="month",
                          anchor=day)

    @route("/search")
    async def search(self, request: Request) -> Response:
        query = request.query_params.get("q", "")[:200]
        with session_of(request).lock:
            hits = copy.deepcopy(store.search(self._cal(request)["events"], query))
        return self._page(request, title="Search", query=query,
                          body=views.items.search_results(root_path(request), query, hits))

    # -- events -----------------------------------------------------------------------
    def _event(self, request: Request) -> dict | None:
        ev = self._cal(request)["events"].get(request.path_params["eid"])
        return copy.deepcopy(ev) if ev else None

    @route("/event/{eid}")
    async def event_page(self, request: Request) -> Response:
        with session_of(request).lock:
            ev = self._event(request)
            if ev is None:
                return self._error(request, 404, "This event does not exist (it may have "
                                                 "been deleted).")
            body = views.items.event_detail(root_path(request), self._cal(request), ev)
        return self._page(request, title=ev["title"], body=body,
                          anchor=clock.local_start(ev).date())

    @route("/create")
    @_on_date
    async def create_form(self, request: Request, day: date) -> Response:
        kind = request.query_params.get("type", "event")
        if kind not in ("event", "task"):
            return self._error(request, 400, "Create an event or a task.")
        with session_of(request).lock:
            if kind == "task":
                body = views.forms.task_form(root_path(request),
                                             {"date": day.isoformat(), "time": "9:00 AM"})
            else:
                body = views.forms.event_form(root_path(request), self._cal(request),
                                              views.forms.default_event_values(day),
                                              action="/create", heading="New event")
        return self._page(request, title=f"New {kind}", body=body, anchor=day)

    def _fields(self, request: Request, form: Form) -> tuple[dict, list[str]]:
        fields, errors = store.event_fields(form, self._cal(request)["calendars"])
        if not errors and clock.parse_iso(fields["end"]) - clock.parse_iso(fields["start"]) \
                > MAX_SPAN:
            errors.append("An event can last at most a year.")
        return fields, errors

    @route("/create", methods=["POST"])
    async def create_event(self, request: Request) -> Response:
        form = await read_form(request)
        with session_of(request).lock:
            fields, errors = self._fields(request, form)
            if errors:
                body = views.forms.event_form(root_path(request), self._cal(request), form,
                                              action="/create", heading="New event",
                                              errors=errors)
                return self._page(request, title="New event", body=body, status=422)
            ev = store.add_event(self._cal(request), fields)
            day = clock.local_start(ev).date()
        return self._to_week(request, day, f"Event saved: {ev['title']}")

    @route("/event/{eid}/edit")
    async def edit_form(self, request: Request) -> Response:
        with session_of(request).lock:
            ev = self._event(request)
            if ev is None:
                return self._error(request, 404, NO_EVENT)
            body = views.forms.event_form(root_path(request), self._cal(request),
                                          views.forms.event_values(ev),
                                          action=f"/event/{ev['id']}/edit",
                                          heading="Edit event", tabs=False)
        return self._page(request, title=f"Edit {ev['title']}", body=body)

    @route("/event/{eid}/edit", methods=["POST"])
    async def edit_event(self, request: Request) -> Response:
        form = await read_form(request)
        with session_of(request).lock:
            ev = self._event(request)
            if ev is None:
                return self._error(request, 404, NO_EVENT)
            fields, errors = self._fields(request, form)
            if errors:
                body = views.forms.event_form(root_path(request), self._cal(request), form,
                                              action=f"/event/{ev['id']}/edit",
                                              heading="Edit event", errors=errors, tabs=False)
                return self._page(request, title="Edit event", body=body, status=422)
            store.update_event(self._cal(request), ev["id"], fields)
        return redirect(request, f"/event/{ev['id']}", "Event saved")

    @route("/event/{eid}/delete", methods=["POST"])
    async def delete_event(self, request: Request) -> Response:
        session = session_of(request)
        with session.lock:
            cal = self._cal(request)
            ev = cal["events"].pop(request.path_params["eid"], None)
            if ev is None:
                return self._error(request, 404, NO_EVENT)
            cal["deletedEvents"].append(ev)
            day = clock.local_start(ev).date()
        _notify(session, f"Event deleted: {ev['title']}", undo=ev["id"])
        return self._to_week(request, day)

    @route("/bin")
    async def bin_page(self, request: Request) -> Response:
        body = views.items.bin_page(root_path(request), self._copy(request, "deletedEvents"))
        return self._page(request, title="Bin", body=body)

    @route("/bin/restore", methods=["POST"])
    async def restore_event(self, request: Request) -> Response:
        eid = (await read_form(request)).get("id", "")
        with session_of(request).lock:
            cal = self._cal(request)
            found = [i for i, ev in enumerate(cal["deletedEvents"]) if ev["id"] == eid]
            if not found or eid in cal["events"]:
                return self._error(request, 404, "There is no such event in the Bin.")
            ev = cal["deletedEvents"].pop(found[-1])
            cal["events"][eid] = ev
            day = clock.local_start(ev).date()
        return self._to_week(request, day, f"Event restored: {ev['title']}")

    # -- tasks ------------------------------------------------------------------------
    @route("/tasks")
    async def tasks_page(self, request: Request) -> Response:
        body = views.items.task_list(root_path(request), self._copy(request, "myTasks"))
        return self._page(request, title="Tasks", body=body)

    @route("/tasks/create", methods=["POST"])
    async def create_task(self, request: Request) -> Response:
        form = await read_form(request)
        fields, errors = store.task_fields(form)
        if errors:
            return self._page(request, title="New task", status=422,
                              body=views.forms.task_form(root_path(request), form, errors))
        with session_of(request).lock:
            cal = self._cal(request)
            tid = store.new_id(cal, "task")
            task = {"id": tid, **fields, "completed": False, "createdAt": clock.NOW_ISO,
                    "updatedAt": clock.NOW_ISO}
            cal["myTasks"][tid] = task
            day = store.task_day(task)
        return self._to_week(request, day, f"Task created: {task['title']}")

    def _task(self, request: Request) -> dict | None:
        return self._cal(request)["myTasks"].get(request.path_params["tid"])

    @route("/task/{tid}")
    async def task_page(self, request: Request) -> Response:
        with session_of(request).lock:
            task = copy.deepcopy(self._task(request))
        if task is None:
            return self._error(request, 404, NO_TASK)
        return self._page(request, title=task["title"],
                          body=views.items.task_detail(root_path(request), task))

    @route("/task/{tid}/complete", methods=["POST"])
    async def complete_task(self, request: Request) -> Response:
        with session_of(request).lock:
            task = self._task(request)
            if task is None:
                return self._error(request, 404, NO_TASK)
            task["completed"] = not task["completed"]
            task["updatedAt"] = clock.NOW_ISO
            tid, done = task["id"], task["completed"]
        return redirect(request, f"/task/{tid}",
                        "Task completed" if done else "Task marked as not completed")

    @route("/task/{tid}/delete", methods=["POST"])
    async def delete_task(self, request: Request) -> Response:
        with session_of(request).lock:
            task = self._cal(request)["myTasks"].pop(request.path_params["tid"], None)
        if task is None:
            return self._error(request, 404, NO_TASK)
        return redirect(request, "/tasks", f"Task deleted: {task['title']}")
