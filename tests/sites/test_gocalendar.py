"""GoCalendar replica without a browser: pages, state shape, and REAL's own eval scripts."""

from __future__ import annotations

import html
import re
from datetime import date, datetime, time, timedelta, timezone

import pytest
from starlette.testclient import TestClient

from halo_cli.sites.gocalendar import store
from halo_cli.sites.gocalendar.site import TASKS, GoCalendar
from halo_cli.sites.gocalendar.solutions import negatives, solutions
from halo_cli.sites.gocalendar.store import clock
from halo_cli.sites.gocalendar.views import forms
from halo_cli.sites.server import build_app
from tests.support.sites import Replica, check_solutions, script_of, v2_tasks

SITE = Replica("gocalendar", task="gocalendar-4", python_flags=("-S",))
session, finish, run_script = SITE.session, SITE.finish, SITE.run_script
P = "/gocalendar"


@pytest.fixture(scope="module")
def app():
    return build_app([GoCalendar()])


def seeded(title: str, weekday: str | None = None) -> str:
    """The id of the one seed event titled `title` (on `weekday`, local time)."""
    events = store.seed_state()["calendar"]["events"].values()
    hits = [e["id"] for e in events if e["title"] == title and (
        weekday is None or clock.WEEKDAYS[clock.local_start(e).weekday()] == weekday)]
    assert len(hits) == 1, (title, hits)
    return hits[0]


def labels(page: str) -> list[str]:
    return [html.unescape(x) for x in re.findall(r'aria-label="([^"]*)"', page)]


def create(c: TestClient, expect: int = 200, **fields: str):
    data = {"calendarId": "personal", "recurrence": "none", **fields}
    r = c.post(f"{P}/create", data=data)
    assert r.status_code == expect, r.text[-400:]
    return r


def delete(c: TestClient, eid: str):
    r = c.post(f"{P}/event/{eid}/delete")
    assert r.status_code == 200 and "Event deleted" in r.text
    return r


# -- site basics --------------------------------------------------------------------------
def test_supported_tasks_are_the_v2_gocalendar_tasks():
    assert sorted(GoCalendar().supported_tasks()) == v2_tasks("gocalendar") == sorted(TASKS)


def test_registry_finds_the_site():
    from halo_cli.sites.registry import get_site

    site = get_site("gocalendar")
    assert site.id == "gocalendar" and site.diff_mode == "deep-object-diff"


def test_clock_matches_the_tz_database_and_reads_what_people_type():
    zoneinfo = pytest.importorskip("zoneinfo")
    try:
        la = zoneinfo.ZoneInfo(clock.TZ_NAME)
    except zoneinfo.ZoneInfoNotFoundError:
        pytest.skip("no time-zone database")
    t = datetime(2024, 1, 1, 12)
    while t.year < 2026:
        assert clock.local_to_utc(t) == t.replace(tzinfo=la).astimezone(timezone.utc)
        u = t.replace(tzinfo=timezone.utc)
        assert clock.utc_to_local(u) == u.astimezone(la).replace(tzinfo=None)
        t += timedelta(hours=7, minutes=15)
    sept20 = date(2024, 9, 20)
    for text in ("2024-09-20", "9/20/2024", "09/20", "Sep 20, 2024", "September 20th",
                 "Friday, September 20, 2024", "Sept. 20 2024"):
        assert clock.parse_date(text) == sept20, text
    for text in ("2024-02-30", "13/1/2024", "someday", "", "9999-01-01"):
        assert clock.parse_date(text) is None, text
    for text, want in (("7:45 PM", time(19, 45)), ("7:45pm", time(19, 45)), ("19:45", time(19, 45)),
                       ("11 am", time(11)), ("12:00 PM", time(12)), ("12 am", time(0)),
                       ("noon", time(12))):
        assert clock.parse_time(text) == want, text
    for text in ("25:00", "13 pm", "7:75", "11", "soon"):
        assert clock.parse_time(text) is None, text


def test_seed_holds_the_events_the_scripts_name():
    cal = store.seed_state()["calendar"]
    events = cal["events"]
    assert len(events) >= 20 and cal["deletedEvents"] == []
    wed = {e["title"]: e for e in events.values() if clock.local_start(e).date() == date(2024, 7, 17)}
    assert {"Dinner with friends", "Reading Time", "Project Sync"} <= set(wed)
    sync = wed["Project Sync"]
    assert sync["start"] == "2024-07-17T17:00:00.000Z"  # 10 AM PDT: Wednesday in UTC too
    assert events[seeded("Project Sync", "Friday")]["start"] == "2024-07-19T17:00:00.000Z"
    coffee = events[seeded("Morning Coffee with sister")]
    assert coffee["start"] == "2024-07-18T16:00:00.000Z"  # Jul 18, 9 AM, as in v1
    assert events[seeded("Lake Tahoe Trip")]["end"] == "2024-07-28T00:00:00.000Z"
    assert not any(e["meetingId"].endswith(store.BANNED_MEETING_SUFFIX) for e in events.values())
    for e in events.values():
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:00\.000Z", e["start"]) and e["end"] >= e["start"]
        assert set(e) == set(store.EVENT_KEYS)


def test_meeting_ids_never_take_the_anomalous_suffix():
    codes = {store.meeting_id(f"evt-{n}") for n in range(300)}
    assert len(codes) == 300 and all(re.fullmatch(r"[a-z]{3}-[a-z]{4}-[a-z]{3}", c) for c in codes)


# -- pages --------------------------------------------------------------------------------
def test_week_view_shows_this_week_with_named_chips(app):
    c = session(app)
    page = c.get(f"{P}/").text
    names = labels(page)
    assert "<h1>July 2024</h1>" in page
    assert "Project Sync, Wednesday, July 17, 10:00 AM to 11:00 AM" in names
    assert "Project Sync, Friday, July 19, 10:00 AM to 11:00 AM" in names
    assert "Dinner with friends, Wednesday, July 17, 7:00 PM to 9:00 PM" in names
    assert "Create event on Wednesday, July 17" in names
    assert "Task: Submit expense report, Tuesday, July 16, 5:00 PM" in names
    standups = [n for n in names if n.startswith("Team Standup Meeting")]
    assert len(standups) == 5  # every weekday, not Sunday or Saturday
    for text in (">Create</a>", ">Previous week</a>", ">Next week</a>", ">Today</a>",
                 '<label for="goto">Go to date</label>', 'aria-label="Search events"'):
        assert text in page
    assert "Mom's Birthday" not in page


def test_other_views_and_navigation(app):
    c = session(app)
    month = c.get(f"{P}/month", params={"date": "2024-07-15"}).text
    assert "<h1>July 2024</h1>" in month
    assert "Lake Tahoe Trip, Saturday, July 27, all day" in labels(month)
    aug = c.get(f"{P}/month", params={"date": "Aug 3, 2024"}).text
    assert "Mom&#x27;s Birthday, Saturday, August 3, all day" in aug
    day = c.get(f"{P}/day", params={"date": "2024-07-17"}).text
    assert "<h1>Wednesday, July 17, 2024</h1>" in day and "Reading Time, Wednesday" in day
    assert "Project Sync, Friday" not in day
    sept = c.get(f"{P}/week", params={"date": "9/20/2024"}).text
    assert "<h1>September 2024</h1>" in sept and "Week of Sunday, September 15, 2024" in sept
    hits = c.get(f"{P}/search", params={"q": "sync"}).text
    assert "2 events" in hits and hits.count(">Project Sync</a>") == 2


def test_event_page_and_forms_have_labelled_controls(app):
    c = session(app)
    sync = seeded("Project Sync", "Wednesday")
    page = c.get(f"{P}/event/{sync}").text
    assert "Wednesday, July 17, 2024, 10:00 AM to 11:00 AM" in page
    assert ">Delete event</button>" in page and ">Edit event</a>" in page
    form = c.get(f"{P}/create", params={"date": "2024-07-17"}).text
    for name in ("title", "startDate", "startTime", "endTime", "endDate", "allDay",
                 "recurrence", "location", "calendarId", "guests", "hasMeeting", "description"):
        assert f'<label for="{name}">' in form, name
    assert 'value="2024-07-17"' in form and ">Every weekday (Monday to Friday)</option>" in form
    assert ">Save</button>" in form and ">Task</a>" in form
    task = c.get(f"{P}/create", params={"type": "task"}).text
    assert '<label for="date">Date</label>' in task and '<label for="time">Time</label>' in task
    edit = c.get(f"{P}/event/{sync}/edit").text
    assert 'value="10:00 AM"' in edit and 'value="11:00 AM"' in edit


# -- state changes ------------------------------------------------------------------------
def test_create_stores_utc_and_recurring_events_show_on_weekdays(app):
    c = session(app)
    r = create(c, title="Work out", startDate="Sep 20, 2024", startTime="7:45 PM",
               endTime="8:45 PM", recurrence="weekdays", location="Gym")
    assert r.url.path == f"{P}/week" and "Event saved: Work out" in r.text
    (ev,) = finish(c)["differences"]["events"]["added"].values()
    assert (ev["start"], ev["end"], ev["recurrence"]) == (
        "2024-09-21T02:45:00.000Z", "2024-09-21T03:45:00.000Z", "weekdays")
    week = labels(c.get(f"{P}/week", params={"date": "2024-09-23"}).text)
    assert len([n for n in week if n.startswith("Work out,")]) == 5
    nov = labels(c.get(f"{P}/day", params={"date": "2024-11-04"}).text)  # after DST ends
    assert "Work out, Monday, November 4, 7:45 PM to 8:45 PM" in nov


def test_all_day_end_is_inclusive(app):
    c = session(app)
    create(c, title="Math camp", startDate="2024-07-21", allDay="on", endDate="2024-07-27",
           location="Sunnyvale")
    (ev,) = finish(c)["differences"]["events"]["added"].values()
    assert (ev["start"], ev["end"], ev["allDay"]) == (
        "2024-07-21T00:00:00.000Z", "2024-07-27T00:00:00.000Z", True)
    week = labels(c.get(f"{P}/week", params={"date": "2024-07-21"}).text)
    assert len([n for n in week if n.startswith("Math camp,")]) == 7


def test_invalid_forms_are_shown_again_with_errors(app):
    c = session(app)
    r = create(c, 422, title="Bad", startDate="the 32nd", startTime="9:00 AM")
    assert 'role="alert"' in r.text and 'value="Bad"' in r.text
    r = create(c, 422, title="Backwards", startDate="2024-07-17", startTime="11:00 AM",
               endTime="10:00 AM")
    assert "must be after the start time" in r.text
    r = create(c, 422, title="x", startDate="2024-07-17", startTime="9", guests="not-an-email")
    assert "Enter a start time" in r.text and "Guests must be" in r.text
    assert finish(c)["differences"]["events"]["added"] == {}


def test_delete_goes_to_the_bin_and_undo_restores(app):
    c = session(app)
    sync = seeded("Project Sync", "Wednesday")
    r = delete(c, sync)
    assert ">Undo</button>" in r.text and "Project Sync, Wednesday" not in r.text
    out = finish(c)
    assert out["differences"]["events"]["deleted"][sync]["title"] == "Project Sync"
    assert out["initialfinaldiff"]["added"]["calendar"]["deletedEvents"]["0"]["id"] == sync
    assert "Project Sync" in c.get(f"{P}/bin").text
    assert c.get(f"{P}/event/{sync}").status_code == 404
    r = c.post(f"{P}/bin/restore", data={"id": sync})
    assert r.status_code == 200 and "Project Sync, Wednesday" in r.text
    assert finish(c)["differences"]["events"] == {"added": {}, "deleted": {}, "updated": {}}
    assert c.post(f"{P}/bin/restore", data={"id": sync}).status_code == 404


def test_edit_reports_the_whole_new_event_as_updated(app):
    """Moving "Morning Coffee with sister" to Jul 18, 10 AM gives the start and end that
    v1's gocalendar-7 grader expects (its goal text says July 19, the grader July 18)."""
    c = session(app)
    coffee = seeded("Morning Coffee with sister")
    form = {"title": "Morning Coffee with sister", "startDate": "2024-07-18",
            "startTime": "10:00 AM", "endTime": "11:00 AM", "calendarId": "family",
            "recurrence": "none", "location": "Blue Bottle Coffee, Palo Alto"}
    r = c.post(f"{P}/event/{coffee}/edit", data=form)
    assert r.status_code == 200 and "Event saved" in r.text
    out = finish(c)
    ev = out["differences"]["events"]["updated"][coffee]
    assert (ev["start"], ev["end"], ev["title"]) == (
        "2024-07-18T17:00:00.000Z", "2024-07-18T18:00:00.000Z", "Morning Coffee with sister")
    changed = out["initialfinaldiff"]["updated"]["calendar"]["events"][coffee]
    assert changed["start"] == "2024-07-18T17:00:00.000Z" and "title" not in changed


def test_tasks_are_created_completed_and_deleted(app):
    c = session(app, "gocalendar-8")
    r = c.post(f"{P}/tasks/create", data={"title": "Email Ashley", "date": "2024-07-22",
                                          "time": "9:00 AM"})
    assert r.status_code == 200 and "Task: Email Ashley, Monday, July 22, 9:00 AM" in labels(r.text)
    (task,) = finish(c)["initialfinaldiff"]["added"]["calendar"]["myTasks"].values()
    assert task["start"] == "2024-07-22T16:00:00.000Z" and task["allDay"] is False
    assert c.post(f"{P}/task/{task['id']}/complete").status_code == 200
    assert "Email Ashley" in c.get(f"{P}/tasks").text
    assert c.post(f"{P}/task/{task['id']}/delete").status_code == 200
    assert "myTasks" not in finish(c)["initialfinaldiff"]["added"].get("calendar", {})


@pytest.mark.parametrize("method,path,data", [
    ("GET", "/week?date=junk", None), ("GET", "/day?date=2024-13-01", None),
    ("GET", "/month?date=0000-01-01", None), ("GET", "/create?type=meeting", None),
    ("GET", "/create?date=%00", None), ("GET", "/event/nope", None),
    ("GET", "/event/nope/edit", None), ("GET", "/task/999", None),
    ("POST", "/event/nope/delete", {}), ("POST", "/event/nope/edit", {"title": "x"}),
    ("POST", "/create", {}), ("POST", "/create", {"startDate": "2024-07-17", "startTime": "x"}),
    ("POST", "/create", {"startDate": "2024-07-17", "allDay": "on", "endDate": "2099-01-01"}),
    ("POST", "/create", {"startDate": "2024-07-17", "startTime": "9 AM", "calendarId": "zzz"}),
    ("POST", "/create", {"startDate": "2024-07-17", "startTime": "9 AM", "recurrence": "x"}),
    ("POST", "/tasks/create", {"date": "nope"}), ("POST", "/tasks/create", {}),
    ("POST", "/task/999/complete", {}), ("POST", "/task/999/delete", {}),
    ("POST", "/bin/restore", {}), ("POST", "/bin/restore", {"id": "evt-101"}),
    ("POST", "/week", {}), ("GET", "/bin/restore", None), ("GET", "/tasks/create", None),
    ("PUT", "/create", {}), ("GET", "/nowhere", None),
])
def test_malformed_requests_get_4xx(app, method, path, data):
    c = session(app)
    r = c.request(method, P + path, data=data)
    assert 400 <= r.status_code < 500, (r.status_code, r.text[:200])
    assert finish(c)["differences"]["events"] == {"added": {}, "deleted": {}, "updated": {}}


# -- the real eval scripts on HTTP-driven sessions ---------------------------------------
def _do(c: TestClient, step: tuple) -> None:
    kind, arg = step
    if kind == "create":
        create(c, **arg)
    elif kind == "task":
        assert c.post(f"{P}/tasks/create", data=arg).status_code == 200
    else:
        delete(c, seeded(*arg))


SISTER = {"title": "Pick up my sister", "startDate": "2024-07-17", "startTime": "11:00 AM"}
CAMP = {"title": "Math camp", "startDate": "2024-07-21", "allDay": "on", "endDate": "2024-07-27",
        "location": "Sunnyvale"}
GYM = {"title": "Work out", "startDate": "2024-09-20", "startTime": "7:45 PM",
       "endTime": "8:45 PM", "recurrence": "weekdays", "location": "Gym"}
ASHLEY = {"title": "Send an email to Ashley", "date": "2024-07-22", "time": "9:00 AM"}
SCENARIOS = [
    ("gocalendar-4", [("create", GYM)], "SUCCESS"),
    ("gocalendar-4", [("create", {**GYM, "recurrence": "none", "location": "24 Hour Gym"})],
     "SUCCESS"),
    ("gocalendar-4", [("create", {**GYM, "title": "Gym workout", "location": ""})], "FAILURE"),
    ("gocalendar-4", [("create", {**GYM, "startDate": "2024-09-21"})], "FAILURE"),
    ("gocalendar-4", [("create", {**GYM, "startTime": "7:45 AM", "endTime": "8:45 AM"})],
     "FAILURE"),
    ("gocalendar-6", [("create", SISTER)], "SUCCESS"),
    ("gocalendar-6", [("create", {**SISTER, "title": "pickup sister"})], "SUCCESS"),
    ("gocalendar-6", [("create", {**SISTER, "startDate": "2024-07-18"})], "FAILURE"),
    ("gocalendar-6", [("create", {**SISTER, "startTime": "11:30 AM"})], "FAILURE"),
    ("gocalendar-6", [("create", {**SISTER, "title": "Sister visit"})], "FAILURE"),
    ("gocalendar-8", [("task", ASHLEY)], "SUCCESS"),
    ("gocalendar-8", [("task", {**ASHLEY, "date": "2024-07-15", "time": "11:30 AM"})],
     "SUCCESS"),
    ("gocalendar-8", [("create", {"title": "Email Ashley", "startDate": "2024-07-22",
                                  "startTime": "8:00 AM"})], "SUCCESS"),
    ("gocalendar-8", [("task", {**ASHLEY, "time": "2:00 PM"})], "FAILURE"),
    ("gocalendar-8", [("task", {**ASHLEY, "time": ""})], "FAILURE"),
    ("gocalendar-8", [("task", {**ASHLEY, "date": "2024-07-23"})], "FAILURE"),
    ("gocalendar-10", [("delete", ("Dinner with friends",))], "SUCCESS"),
    ("gocalendar-10", [("delete", ("Team Dinner",))], "FAILURE"),
    ("gocalendar-12", [("create", {"title": "Buy gym clothes", "startDate": "2024-07-22",
                                   "startTime": "9:00 AM"})], "SUCCESS"),
    ("gocalendar-12", [("create", {"title": "Buy gym shoes", "startDate": "2024-07-22",
                                   "startTime": "9:00 AM"})], "FAILURE"),
    ("gocalendar-13", [("create", CAMP)], "SUCCESS"),
    ("gocalendar-13", [("create", {**CAMP, "endDate": "2024-07-28"})], "FAILURE"),
    ("gocalendar-13", [("create", {**CAMP, "allDay": "", "startTime": "9:00 AM",
                                   "endTime": "5:00 PM"})], "FAILURE"),
    ("gocalendar-13", [("create", {**CAMP, "location": "Palo Alto"})], "FAILURE"),
    ("gocalendar-16", [("delete", ("Reading Time",))], "SUCCESS"),
    ("gocalendar-16", [("delete", ("Book Club",))], "FAILURE"),
    ("gocalendar-18", [("delete", ("Morning Coffee with sister",))], "SUCCESS"),
    ("gocalendar-18", [("delete", ("Family Brunch",))], "FAILURE"),
    ("gocalendar-23", [("delete", ("Project Sync", "Wednesday"))], "SUCCESS"),
    ("gocalendar-23", [("delete", ("Project Sync", "Friday"))], "FAILURE"),
    ("gocalendar-23", [("delete", ("Team Workshop",))], "FAILURE"),
]


@pytest.mark.parametrize("task,steps,expected", SCENARIOS,
                         ids=[f"{s[0]}-{i}-{s[2]}" for i, s in enumerate(SCENARIOS)])
def test_real_eval_script_judges_http_session(app, tmp_path, task, steps, expected):
    c = session(app, task)
    for step in steps:
        _do(c, step)
    assert run_script(task, finish(c), tmp_path) == expected


def test_renaming_an_event_counts_for_gocalendar_8_only_on_a_monday_morning(app, tmp_path):
    """An edit's diff leaves ({title, updatedAt}) have no `start`; the script then reads
    `updatedAt`, which must not look like a Monday morning."""
    for title, weekday, expected in (("Project Sync", "Wednesday", "FAILURE"),
                                     ("Team Progress Check", None, "SUCCESS")):
        c = session(app, "gocalendar-8")
        eid = seeded(title, weekday)
        values = forms.event_values(store.seed_state()["calendar"]["events"][eid])
        r = c.post(f"{P}/event/{eid}/edit", data={**values, "title": "Email Ashley"})
        assert r.status_code == 200 and "Event saved" in r.text
        leaves = finish(c)["initialfinaldiff"]["updated"]["calendar"]["events"][eid]
        assert set(leaves) == {"title", "updatedAt"}
        assert run_script("gocalendar-8", finish(c), tmp_path) == expected, title


def test_every_servable_task_has_a_successful_http_scenario():
    assert {s[0] for s in SCENARIOS if s[2] == "SUCCESS"} == set(TASKS) - {"gocalendar-11"}


def test_no_action_fails_every_task(app, tmp_path):
    c = session(app)
    c.get(f"{P}/week", params={"date": "2024-07-21"})
    payload = finish(c)
    for task in TASKS:
        assert run_script(task, payload, tmp_path) in ("FAILURE", ""), task


def test_gocalendar_11_goal_is_reachable_but_its_script_is_empty(app, tmp_path):
    """gocalendar-11 ("basketball game tonight at 7pm in San Francisco") is served and its
    goal state can be made over HTTP; REAL's eval script for it is an empty file, so no run
    can pass it, and it has no reference solution."""
    assert script_of("gocalendar-11").read_text() == ""
    c = session(app, "gocalendar-11")
    create(c, title="Basketball game", startDate="2024-07-15", startTime="7:00 PM",
           endTime="9:00 PM", location="Chase Center, San Francisco")
    (ev,) = finish(c)["differences"]["events"]["added"].values()
    assert ev["start"] == "2024-07-16T02:00:00.000Z"  # tonight, 7 PM PDT
    assert "san francisco" in ev["location"].lower() and "basketball" in ev["title"].lower()
    assert "Basketball game, Monday, July 15, 7:00 PM to 9:00 PM" in labels(c.get(f"{P}/").text)
    assert run_script("gocalendar-11", finish(c), tmp_path) != "SUCCESS"


# -- solutions ----------------------------------------------------------------------------
def test_solutions_cover_every_passable_task_with_fresh_objects():
    check_solutions(solutions, negatives, set(TASKS) - {"gocalendar-11"}, negative_tasks=3)
