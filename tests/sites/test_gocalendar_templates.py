"""GoCalendar's templates, what is GoCalendar's own (the contract every template keeps is
tests/sites/test_templates.py): every near miss changes the calendar; the site's pages show
the reference end state; the judges ignore what the goal does not ask, want the inclusive
last day of an all-day event and read times on Pacific time."""

from __future__ import annotations

import html

import pytest

from halo_cli.sites.gocalendar.goal_words import form_time
from halo_cli.sites.gocalendar.template_parts import event_form
from halo_cli.sites.gocalendar.templates import TEMPLATES
from halo_cli.sites.registry import get_site
from halo_cli.sites.templates import SiteClient, template_of
from tests.support.templates import draft, reached, vetter

SITE = get_site("gocalendar")


@pytest.mark.parametrize("template", TEMPLATES, ids=[t.name for t in TEMPLATES])
def test_every_near_miss_changes_the_calendar(template):
    """A near miss is a wrong end state, not no end state (that is the start's)."""
    start = SiteClient(SITE, template.base_task).finish()
    for seed in range(3):
        d = draft(template, seed)
        for near in template.near_misses(d.params, vetter("gocalendar").seed_state(template)):
            assert reached(template, near) != start, (d.goal, near)


def _page_text(client: SiteClient, path: str, **params: str) -> str:
    return html.unescape(client.get(path, params=params or None).text)


@pytest.mark.parametrize("template", TEMPLATES, ids=[t.name for t in TEMPLATES])
def test_what_the_user_sees_after_the_reference(template):
    """The reference end state shows on the site's own pages: the new event in its week,
    the task in the task list, the deleted event in the Bin, the moved event at its new
    time, the new guest on the event's page."""
    d = draft(template, 3)
    p = d.params
    client = SiteClient(SITE, template.base_task)
    template.reach(p, client)
    if template.name == "add_task":
        assert p["title"] in _page_text(client, "/tasks")
    elif template.name == "delete_event":
        assert p["title"] in _page_text(client, "/bin")
        assert f"/event/{p['eid']}\"" not in client.get("/week", params={
            "date": p["old_date"]}).text
    elif template.name == "invite_to_event":
        assert p["email"] in _page_text(client, f"/event/{p['eid']}")
    else:
        week = _page_text(client, "/week", date=p["date"])
        assert f'aria-label="{p["title"]}, ' in week
        if template.name == "reschedule_event":
            detail = _page_text(client, f"/event/{p['eid']}")
            assert f"{form_time(p['start'])} to {form_time(p['end'])}" in detail


def test_judges_ignore_what_the_goal_does_not_ask():
    """Looking at other weeks, searching, a description and the Work calendar on a new
    event, or deleting and re-creating an event instead of editing it change nothing."""
    create = template_of("gocalendar", "create_event")
    d = draft(create, 1)
    client = SiteClient(SITE, create.base_task)
    client.get("/month", params={"date": "2024-08-01"})
    client.get("/search", params={"q": "lunch"})
    form = {**event_form(d.params), "description": "bring the papers"}
    if not d.params.get("calendar"):
        form["calendarId"] = "work"
    client.post("/create", data=form)
    assert create.judge(d.params, client.finish()).ok

    move = template_of("gocalendar", "reschedule_event")
    d = draft(move, 2)
    client = SiteClient(SITE, move.base_task)
    client.post(f"/event/{d.params['eid']}/delete")
    client.post("/create", data=event_form({**d.params, "recurrence": "none"}))
    assert move.judge(d.params, client.finish()).ok


def test_all_day_judge_wants_the_inclusive_last_day_and_time_zone_is_pacific():
    """An all-day event ending a day late fails; a timed event stored in UTC as if the
    typed time were UTC fails (the site is on Pacific time)."""
    all_day = template_of("gocalendar", "create_all_day_event")
    d = draft(all_day, 0)
    finish = reached(all_day, d.params)
    (ev,) = finish["differences"]["events"]["added"].values()
    assert ev["start"][:10] == d.params["date"] and ev["end"][:10] == d.params["last"]

    create = template_of("gocalendar", "create_event")
    d = draft(create, 4)
    finish = reached(create, d.params)
    (ev,) = finish["differences"]["events"]["added"].values()
    naive = f"{d.params['date']}T{d.params['start']}:00.000Z"
    assert ev["start"] != naive
    ev["start"] = naive
    assert not create.judge(d.params, finish).ok
