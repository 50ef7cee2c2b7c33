"""GoCalendar: an offline replica of REAL's Google-Calendar-like site, judged by the v2
gocalendar scripts.

"Today" is Mon 2024-07-15 in America/Los_Angeles; events are stored in UTC (see
`clock.py` and `store.py` for the shapes). `/finish` adds `differences.events.{added,
deleted, updated}`, each `{eventId: whole event}`, which most scripts read; tasks land in
`initialfinaldiff.added.calendar.myTasks.<id>` and deleted events in
`initialfinaldiff.added.calendar.deletedEvents` (the Bin).
"""

from __future__ import annotations

import copy
import threading
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from halo_cli.sites.base import Session, Site, session_of
from halo_cli.sites.diff import keyed_changes
from halo_cli.sites.gocalendar import clock, pages, store, views
from halo_cli.sites.http import read_form as _form
from halo_cli.sites.http import root_path as _base

TASKS = [f"gocalendar-{n}" for n in (4, 6, 8, 10, 11, 12, 13, 16, 18, 23)]
MAX_SPAN = timedelta(days=366)


class GoCalendar(Site):
    id = "gocalendar"
    title = "GoCalendar"
    diff_mode = "deep-object-diff"
    track_location = True

    def __init__(self) -> None:
        self._notices: dict[str, tuple[str, str]] = {}
        self._lock = threading.Lock()

    # -- Site API ---------------------------------------------------------------------
    def supported_tasks(self) -> list[str]:
        return list(TASKS)

    def seed_state(self, task: str) -> dict[str, Any]:
        return store.seed_state()

    def differences(self, initial: dict[str, Any], current: dict[str, Any]) -> dict[str, Any]:
        events = keyed_changes(initial["calendar"]["events"], current["calendar"]["events"])
        return {"differences": {"events": copy.deepcopy(events)}}

    def routes(self) -> list[BaseRoute]:
        return [
            Route("/", self.home),
            Route("/day", self.day_view),
            Route("/week", self.week_view),
            Route("/month", self.month_view),
            Route("/search", self.search),
            Route("/create", self.create_form),
            Route("/create", self.create_event, methods=["POST"]),
            Route("/event/{eid}", self.event_page),
            Route("/event/{eid}/edit", self.edit_form),
            Route("/event/{eid}/edit", self.edit_event, methods=["POST"]),
            Route("/event/{eid}/delete", self.delete_event, methods=["POST"]),
            Route("/tasks", self.tasks_page),
            Route("/tasks/create", self.create_task, methods=["POST"]),
            Route("/task/{tid}", self.task_page),
            Route("/task/{tid}/complete", self.complete_task, methods=["POST"]),
            Route("/task/{tid}/delete", self.delete_task, methods=["POST"]),
            Route("/bin", self.bin_page),
            Route("/bin/restore", self.restore_event, methods=["POST"]),
        ]

    # -- helpers ----------------------------------------------------------------------
    def _notice(self, session: Session, text: str | None = None, undo: str = "") -> tuple:
        with self._lock:
            if text is not None:
                self._notices[session.id] = (text, undo)
                return text, undo
            return self._notices.pop(session.id, ("", ""))

    def _page(self, request: Request, *, title: str, body: str, heading: str = "",
              view: str = "", anchor: date | None = None, query: str = "",
              status: int = 200) -> HTMLResponse:
        session = session_of(request)
        notice, undo = self._notice(session)
        with session.lock:
            cal = session.state["calendar"]
            html = views.page(_base(request), title=title, heading=heading or title, body=body,
                              cal=cal, view=view, anchor=anchor, notice=notice, undo=undo,
                              query=query)
        return HTMLResponse(html, status_code=status)

    def _error(self, request: Request, status: int, text: str) -> HTMLResponse:
        return self._page(request, title="GoCalendar", body=pages.message(text), status=status)

    def _redirect(self, request: Request, path: str) -> RedirectResponse:
        return RedirectResponse(_base(request) + path, status_code=303)

    def _date_param(self, request: Request) -> date | None:
        raw = request.query_params.get("date", "")
        return clock.TODAY if not raw.strip() else clock.parse_date(raw)

    @staticmethod
    def _cal(request: Request) -> dict:
        return session_of(request).state["calendar"]

    # -- calendar views ---------------------------------------------------------------
    async def home(self, request: Request) -> Response:
        return self._week(request, clock.TODAY)

    async def week_view(self, request: Request) -> Response:
        day = self._date_param(request)
        if day is None:
            return self._error(request, 400, "That is not a date; try 2024-09-20 or Sep 20, 2024.")
        return self._week(request, day)

    def _week(self, request: Request, day: date) -> Response:
        start = clock.week_start(day)
        days = [start + timedelta(days=i) for i in range(7)]
        with session_of(request).lock:
            body = views.time_grid(_base(request), self._cal(request), days,
                                   views.week_label(start))
        return self._page(request, title=views.week_label(start), body=body,
                          heading=views.month_heading(days), view="week", anchor=day)

    async def day_view(self, request: Request) -> Response:
        day = self._date_param(request)
        if day is None:
            return self._error(request, 400, "That is not a date; try 2024-09-20 or Sep 20, 2024.")
        with session_of(request).lock:
            body = views.time_grid(_base(request), self._cal(request), [day],
                                   clock.fmt_date(day))
        return self._page(request, title=clock.fmt_date(day), body=body,
                          heading=clock.fmt_date(day), view="day", anchor=day)

    async def month_view(self, request: Request) -> Response:
        day = self._date_param(request)
        if day is None:
            return self._error(request, 400, "That is not a date; try 2024-09-20 or Sep 20, 2024.")
        with session_of(request).lock:
            body = views.month_grid(_base(request), self._cal(request), day)
        heading = f"{clock.MONTHS[day.month - 1]} {day.year}"
        return self._page(request, title=heading, body=body, heading=heading, view="month",
                          anchor=day)

    async def search(self, request: Request) -> Response:
        query = request.query_params.get("q", "")[:200]
        with session_of(request).lock:
            hits = copy.deepcopy(store.search(self._cal(request)["events"], query))
        return self._page(request, title="Search", query=query,
                          body=pages.search_results(_base(request), query, hits))

    # -- events -----------------------------------------------------------------------
    def _event(self, request: Request) -> dict | None:
        ev = self._cal(request)["events"].get(request.path_params["eid"])
        return copy.deepcopy(ev) if ev else None

    async def event_page(self, request: Request) -> Response:
        with session_of(request).lock:
            ev = self._event(request)
            if ev is None:
                return self._error(request, 404, "This event does not exist (it may have "
                                                 "been deleted).")
            body = pages.event_detail(_base(request), self._cal(request), ev)
        return self._page(request, title=ev["title"], body=body,
                          anchor=clock.local_start(ev).date())

    async def create_form(self, request: Request) -> Response:
        day = self._date_param(request)
        if day is None:
            return self._error(request, 400, "That is not a date; try 2024-09-20 or Sep 20, 2024.")
        kind = request.query_params.get("type", "event")
        if kind not in ("event", "task"):
            return self._error(request, 400, "Create an event or a task.")
        with session_of(request).lock:
            if kind == "task":
                body = pages.task_form(_base(request), {"date": day.isoformat(),
                                                         "time": "9:00 AM"})
            else:
                body = pages.event_form(_base(request), self._cal(request),
                                        pages.default_event_values(day), action="/create",
                                        heading="New event")
        return self._page(request, title=f"New {kind}", body=body, anchor=day)

    def _fields(self, request: Request, form: dict[str, str]) -> tuple[dict, list[str]]:
        fields, errors = store.event_fields(form, self._cal(request)["calendars"])
        if not errors and clock.parse_iso(fields["end"]) - clock.parse_iso(fields["start"]) \
                > MAX_SPAN:
            errors.append("An event can last at most a year.")
        return fields, errors

    async def create_event(self, request: Request) -> Response:
        form = await _form(request)
        session = session_of(request)
        with session.lock:
            fields, errors = self._fields(request, form)
            if errors:
                body = pages.event_form(_base(request), self._cal(request), form,
                                        action="/create", heading="New event", errors=errors)
                return self._page(request, title="New event", body=body, status=422)
            ev = store.add_event(self._cal(request), fields)
            day = clock.local_start(ev).date()
        self._notice(session, f"Event saved: {ev['title']}")
        return self._redirect(request, f"/week?date={day.isoformat()}")

    async def edit_form(self, request: Request) -> Response:
        with session_of(request).lock:
            ev = self._event(request)
            if ev is None:
                return self._error(request, 404, "This event does not exist.")
            body = pages.event_form(_base(request), self._cal(request), pages.event_values(ev),
                                    action=f"/event/{ev['id']}/edit", heading="Edit event",
                                    tabs=False)
        return self._page(request, title=f"Edit {ev['title']}", body=body)

    async def edit_event(self, request: Request) -> Response:
        form = await _form(request)
        session = session_of(request)
        with session.lock:
            ev = self._event(request)
            if ev is None:
                return self._error(request, 404, "This event does not exist.")
            fields, errors = self._fields(request, form)
            if errors:
                body = pages.event_form(_base(request), self._cal(request), form,
                                        action=f"/event/{ev['id']}/edit", heading="Edit event",
                                        errors=errors, tabs=False)
                return self._page(request, title="Edit event", body=body, status=422)
            store.update_event(self._cal(request), ev["id"], fields)
        self._notice(session, "Event saved")
        return self._redirect(request, f"/event/{ev['id']}")

    async def delete_event(self, request: Request) -> Response:
        session = session_of(request)
        with session.lock:
            cal = self._cal(request)
            ev = cal["events"].pop(request.path_params["eid"], None)
            if ev is None:
                return self._error(request, 404, "This event does not exist.")
            cal["deletedEvents"].append(ev)
            day = clock.local_start(ev).date()
        self._notice(session, f"Event deleted: {ev['title']}", undo=ev["id"])
        return self._redirect(request, f"/week?date={day.isoformat()}")

    async def bin_page(self, request: Request) -> Response:
        with session_of(request).lock:
            body = pages.bin_page(_base(request),
                                  copy.deepcopy(self._cal(request)["deletedEvents"]))
        return self._page(request, title="Bin", body=body)

    async def restore_event(self, request: Request) -> Response:
        eid = (await _form(request)).get("id", "")
        session = session_of(request)
        with session.lock:
            cal = self._cal(request)
            found = [i for i, ev in enumerate(cal["deletedEvents"]) if ev["id"] == eid]
            if not found or eid in cal["events"]:
                return self._error(request, 404, "There is no such event in the Bin.")
            ev = cal["deletedEvents"].pop(found[-1])
            cal["events"][eid] = ev
            day = clock.local_start(ev).date()
        self._notice(session, f"Event restored: {ev['title']}")
        return self._redirect(request, f"/week?date={day.isoformat()}")

    # -- tasks ------------------------------------------------------------------------
    async def tasks_page(self, request: Request) -> Response:
        with session_of(request).lock:
            body = pages.task_list(_base(request), copy.deepcopy(self._cal(request)["myTasks"]))
        return self._page(request, title="Tasks", body=body)

    async def create_task(self, request: Request) -> Response:
        form = await _form(request)
        session = session_of(request)
        fields, errors = store.task_fields(form)
        if errors:
            return self._page(request, title="New task", status=422,
                              body=pages.task_form(_base(request), form, errors))
        with session.lock:
            cal = self._cal(request)
            tid = store.new_id(cal, "task")
            task = {"id": tid, **fields, "completed": False, "createdAt": clock.NOW_ISO,
                    "updatedAt": clock.NOW_ISO}
            cal["myTasks"][tid] = task
            day = store.task_day(task)
        self._notice(session, f"Task created: {task['title']}")
        return self._redirect(request, "/week?" + urlencode({"date": day.isoformat()}))

    def _task(self, request: Request) -> dict | None:
        return self._cal(request)["myTasks"].get(request.path_params["tid"])

    async def task_page(self, request: Request) -> Response:
        with session_of(request).lock:
            task = copy.deepcopy(self._task(request))
        if task is None:
            return self._error(request, 404, "This task does not exist.")
        return self._page(request, title=task["title"], body=pages.task_detail(_base(request),
                                                                                task))

    async def complete_task(self, request: Request) -> Response:
        session = session_of(request)
        with session.lock:
            task = self._task(request)
            if task is None:
                return self._error(request, 404, "This task does not exist.")
            task["completed"] = not task["completed"]
            task["updatedAt"] = clock.NOW_ISO
            tid, done = task["id"], task["completed"]
        self._notice(session, "Task completed" if done else "Task marked as not completed")
        return self._redirect(request, f"/task/{tid}")

    async def delete_task(self, request: Request) -> Response:
        session = session_of(request)
        with session.lock:
            task = self._cal(request)["myTasks"].pop(request.path_params["tid"], None)
        if task is None:
            return self._error(request, 404, "This task does not exist.")
        self._notice(session, f"Task deleted: {task['title']}")
        return self._redirect(request, "/tasks")
