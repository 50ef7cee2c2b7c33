"""OpenDining replica without a browser: pages, state shape, and REAL's own eval scripts."""

from __future__ import annotations

import html
import importlib.util
import re

import pytest
from starlette.testclient import TestClient

from halo_cli.sites.opendining import store as C
from halo_cli.sites.opendining.site import TASKS, OpenDining
from halo_cli.sites.opendining.solutions import negatives, solutions
from halo_cli.sites.opendining.store import USER
from halo_cli.sites.server import build_app
from tests.support.sites import Replica, check_solutions, script_of, v2_tasks

SITE = Replica("opendining", config={"run_id": "0", "latency": "0"})
session, finish, run_scripts = SITE.session, SITE.finish, SITE.run_scripts
RIVER_VIEW_ID = "cd4f81d3-3c75-4c67-b47b-e7f013f6ae9d"


def rest(name: str) -> dict:
    (r,) = [r for r in C.restaurants() if r["name"] == name]
    return r


@pytest.fixture(scope="module")
def app():
    return build_app([OpenDining()])


def slot_href(page: str, label: str) -> str:
    """The href of the link whose accessible name (aria-label or text) is `label`."""
    for href, attrs, text in re.findall(r'<a href="([^"]*)"([^>]*)>([^<]*)</a>', page):
        name = re.search(r'aria-label="([^"]*)"', attrs)
        if html.unescape(name.group(1) if name else text) == label:
            return html.unescape(href)
    raise AssertionError(f"no link named {label!r}")


def book(c: TestClient, name: str, time: str, *, party: int = 2, day: str = "2025-07-18",
         occasion: str = "", complete: bool = True) -> None:
    """Search as a person would, click the slot link, fill the form, complete it."""
    page = c.get("/opendining/search", params={"q": name, "date": day, "party": party,
                                               "time": C.value_time(C.parse_time(time))}).text
    form = c.get(slot_href(page, f"{time} at {name}"))
    assert form.status_code == 200 and "You're almost done!" in form.text
    assert f'value="{USER["tel"]}"' in form.text  # contact details are prefilled
    if not complete:
        return
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form.text))
    r = c.post("/opendining/book", data={**fields, **USER, "occasion": occasion,
                                         "specialRequest": ""})
    assert r.status_code == 200 and "Reservation confirmed" in r.text, r.text[:300]


def notify(c: TestClient, name: str, time: str) -> None:
    page = c.get(f"/opendining/restaurant/{rest(name)['id']}",
                 params={"time": C.value_time(C.parse_time(time))}).text
    assert "fully booked" in page and ">Notify me</button>" in page
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', page))
    r = c.post("/opendining/notify", data=fields)
    assert r.status_code == 200 and "on the notify list" in r.text


# -- site basics ------------------------------------------------------------------------------
def test_supported_tasks_are_the_v2_opendining_tasks():
    on_disk = v2_tasks("opendining")
    assert sorted(OpenDining().supported_tasks()) == on_disk == sorted(TASKS)
    from halo_cli.sites.registry import get_site

    assert get_site("opendining").diff_mode == "deep-object-diff"


def test_seed_holds_what_the_scripts_name():
    assert rest("River View Café")["id"] == RIVER_VIEW_ID
    assert len({r["id"] for r in C.restaurants()}) == len(C.restaurants()) >= 18
    assert C.label_time(17 * 60) not in map(C.label_time, C.open_slots(rest("Evening Delight"), 2))
    italian = [r for r in C.restaurants() if r["food_type"] == "Italian"]
    assert sum(15 * 60 in C.open_slots(r, 2) and 12 * 60 + 30 in C.open_slots(r, 2)
               for r in italian) >= 2
    assert all(r["rating"] >= 3.5 and 21 * 60 in C.open_slots(r, 2) for r in C.top_rated())
    assert 15 * 60 in C.open_slots(rest("River View Café"), 5)
    haight = C.in_neighborhood("Haight-Ashbury")
    assert haight and all(20 * 60 in C.open_slots(r, 6) for r in haight)


def test_only_embarcadero_places_match_task_7s_waterfront_words():
    spec = importlib.util.spec_from_file_location("eval7", script_of("opendining-7"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    for r in C.restaurants():
        assert mod.is_embarcadero_restaurant(C.detail_restaurant(r)) == (
            r["neighborhood"] == "Embarcadero"), r["name"]


def test_seed_state_shape():
    state = OpenDining().new_session("opendining-1", {"run_id": "0"}).state
    b = state["booking"]
    assert b["bookingDetails"] == [] and "index" not in b
    assert (b["date"], b["time"], b["guests"]) == ("2025-07-18T07:00:00.000Z", "7:00 PM",
                                                   "2 people")
    assert b["bookingCompleted"] is False and b["loading"] is False
    assert state["notification"] == {"notifications": []}
    assert state["config"]["open_dining"] == {"run_id": "0", "latency": 0}


def test_pages_render_with_named_controls(app):
    c = session(app, "opendining-4")
    home = c.get("/opendining/").text
    for text in ("Top rated: people are talking about", "Available for lunch now",
                 "Popular in Embarcadero", '<label for="date">Date</label>',
                 '<label for="party">Party size</label>', ">Let's go</button>"):
        assert text in home, text
    assert "Fri, Jul 18, 2025" in c.get("/opendining/search").text
    page = c.get(f"/opendining/restaurant/{rest('Sushi Zen')['id']}", params={"time": "21:00"})
    assert ">Find a time</button>" in page.text and ">9:00 PM</a>" in page.text
    assert "Omakase" in page.text and "4.8 stars" in page.text


def test_search_matches_cuisine_name_and_area():
    assert {r["name"] for r in C.search("italian restaurant")} == {
        "Vintage Bites", "Yellowy Bistro", "Trattoria Lucca"}
    assert [r["name"] for r in C.search("River View Cafe")] == ["River View Café"]
    assert [r["name"] for r in C.search("Haight-Ashbury")] == ["The Painted Lady Supper Club"]
    assert len(C.search("")) == len(C.restaurants())


def test_search_and_restaurant_pages_set_the_widget(app):
    c = session(app, "opendining-12")
    c.get("/opendining/search", params={"date": "2025-09-29", "time": "15:00", "party": "5"})
    upd = finish(c)["initialfinaldiff"]["updated"]["booking"]
    assert upd == {"date": "2025-09-29T07:00:00.000Z", "time": "3:00 PM", "guests": "5 people"}


# -- flows judged by the real eval scripts -----------------------------------------------------
def _book(name, time, **kw):
    return lambda c: book(c, name, time, **kw)


SCENARIOS = [
    ("opendining-1", _book("Vintage Bites", "3:00 PM"), "SUCCESS"),
    ("opendining-1", _book("Yellowy Bistro", "3:30 PM"), "SUCCESS"),
    ("opendining-1", _book("Fancy Lights Bistro", "3:00 PM"), "FAILURE"),
    ("opendining-1", _book("Vintage Bites", "4:00 PM"), "FAILURE"),
    ("opendining-2", _book("Spacious Eats", "7:30 PM", occasion="Birthday"), "SUCCESS"),
    ("opendining-2", _book("Spacious Eats", "7:30 PM"), "FAILURE"),
    ("opendining-2", _book("Spacious Eats", "7:30 PM", party=3, occasion="Birthday"), "FAILURE"),
    ("opendining-2", _book("Spacious Eats", "8:30 PM", occasion="Birthday"), "FAILURE"),
    ("opendining-4", _book("Sushi Zen", "9:00 PM"), "SUCCESS"),
    ("opendining-4", _book("Bar Central", "9:00 PM"), "FAILURE"),
    ("opendining-4", _book("Sushi Zen", "8:30 PM"), "FAILURE"),
    ("opendining-5", _book("Expensive Taste", "7:00 PM", occasion="Birthday"), "SUCCESS"),
    ("opendining-5", _book("Spacious Eats", "7:00 PM", occasion="Birthday"), "FAILURE"),
    ("opendining-5", _book("Expensive Taste", "7:00 PM", party=3, occasion="Birthday"),
     "FAILURE"),
    ("opendining-6", _book("Vintage Bites", "1:30 PM"), "SUCCESS"),
    ("opendining-6", _book("Vintage Bites", "1:30 PM", day="2025-07-19"), "FAILURE"),
    ("opendining-6", _book("Vintage Bites", "2:00 PM"), "FAILURE"),
    ("opendining-7", _book("Crowded Corner", "6:00 PM"), "SUCCESS"),
    ("opendining-7", _book("River View Café", "7:00 PM"), "SUCCESS"),
    ("opendining-7", _book("Vintage Bites", "7:00 PM"), "FAILURE"),
    ("opendining-9", _book("Sunrise Griddle", "8:00 AM"), "SUCCESS"),
    ("opendining-9", _book("Morning Glory Diner", "8:00 AM"), "FAILURE"),
    ("opendining-9", _book("Sunrise Griddle", "10:00 AM"), "FAILURE"),
    ("opendining-12", _book("River View Café", "3:00 PM", party=5, day="2025-09-29"), "SUCCESS"),
    ("opendining-12", _book("River View Café", "3:00 PM", party=4, day="2025-09-29"), "FAILURE"),
    ("opendining-12", _book("River View Café", "3:30 PM", party=5, day="2025-09-29"), "FAILURE"),
    ("opendining-12", _book("Crowded Corner", "3:00 PM", party=5, day="2025-09-29"), "FAILURE"),
    ("opendining-17", _book("The Painted Lady Supper Club", "10:00 PM", party=6,
                            day="2025-09-22", occasion="Business meal"), "SUCCESS"),
    ("opendining-17", _book("The Painted Lady Supper Club", "7:30 PM", party=6,
                            day="2025-09-22", occasion="Business meal"), "FAILURE"),
    ("opendining-17", _book("The Painted Lady Supper Club", "8:00 PM", party=6,
                            day="2025-09-22", occasion="Celebration"), "FAILURE"),
    ("opendining-20", lambda c: notify(c, "Evening Delight", "5:00 PM"), "SUCCESS"),
    ("opendining-20", _book("Evening Delight", "5:30 PM"), "FAILURE"),
    ("opendining-20", lambda c: notify(c, "The Royal Dine", "7:00 PM"), "FAILURE"),
    ("opendining-24", _book("Yellowy Bistro", "12:30 PM"), "SUCCESS"),
    ("opendining-24", _book("Yellowy Bistro", "12:30 PM", complete=False), "FAILURE"),
    ("opendining-24", _book("Golden Lantern", "12:30 PM"), "FAILURE"),
]


@pytest.fixture(scope="module")
def verdicts(app, tmp_path_factory) -> list[str]:
    """Every scenario played over HTTP, then judged by the real scripts."""
    jobs = []
    for task, act, _ in SCENARIOS:
        c = session(app, task)
        act(c)
        jobs.append((task, finish(c)))
    return run_scripts(jobs, tmp_path_factory.mktemp("opendining"))


@pytest.mark.parametrize("i", range(len(SCENARIOS)),
                         ids=[f"{s[0]}-{i}-{s[2]}" for i, s in enumerate(SCENARIOS)])
def test_real_eval_script_judges_http_session(verdicts, i):
    assert verdicts[i] == SCENARIOS[i][2]


def test_every_task_has_a_success_and_a_failure_and_browsing_alone_fails(app, tmp_path):
    assert {s[0] for s in SCENARIOS if s[2] == "SUCCESS"} == set(TASKS)
    assert {s[0] for s in SCENARIOS if s[2] == "FAILURE"} == set(TASKS)
    jobs = []
    for task in TASKS:
        c = session(app, task)
        c.get("/opendining/search", params={"q": "italian", "time": "13:30"})
        c.get(f"/opendining/restaurant/{rest('Evening Delight')['id']}", params={"time": "17:00"})
        jobs.append((task, finish(c)))
    assert run_scripts(jobs, tmp_path) == ["FAILURE"] * len(TASKS)


def test_completed_booking_diff_shape(app):
    c = session(app, "opendining-24")
    book(c, "Yellowy Bistro", "12:30 PM", occasion="Date night")
    book(c, "Vintage Bites", "3:00 PM")
    diff = finish(c)["initialfinaldiff"]
    added = diff["added"]["booking"]
    assert sorted(added["bookingDetails"]) == ["0", "1"] and added["index"] == 2
    first = added["bookingDetails"]["0"]
    assert first["restaurant"]["name"] == "Yellowy Bistro" and first["time"] == "12:30 PM"
    assert first["optionals"]["occasion"] == "Date night" and first["guests"] == "2 people"
    assert first["date"] == "2025-07-18T07:00:00.000Z" and first["tel"] == USER["tel"]
    assert diff["updated"]["booking"]["bookingCompleted"] is True
    assert diff["updated"]["booking"]["time"] == "3:00 PM"
    assert "Yellowy Bistro" in c.get("/opendining/reservations").text


# -- validation ---------------------------------------------------------------------------------
def test_booking_form_rejects_bad_details(app):
    c = session(app, "opendining-1")
    base = {"rid": rest("Vintage Bites")["id"], "date": "2025-07-18", "time": "15:00",
            "party": "2", **USER}
    for bad in ({"tel": "+1 1111"}, {"email": "nobody"}, {"firstName": ""},
                {"occasion": "Wedding"}):
        r = c.post("/opendining/book", data={**base, **bad})
        assert r.status_code == 422 and 'role="alert"' in r.text, bad
    assert "booking" not in finish(c)["initialfinaldiff"]["added"]


@pytest.mark.parametrize("method,path,data", [
    ("GET", "/restaurant/nope", None),
    ("GET", "/search?date=2024-01-01", None),
    ("GET", "/search?date=2025-07-18junk", None),
    ("GET", "/search?time=25:00", None),
    ("GET", "/search?party=abc", None),
    ("GET", "/book", None),
    ("GET", f"/book?rid={RIVER_VIEW_ID}&date=2025-07-18&time=07:00&party=2", None),
    ("GET", f"/book?rid={RIVER_VIEW_ID}&date=2025-07-18&time=15:00&party=11", None),
    ("GET", "/reservations/1", None),
    ("GET", "/reservations/x", None),
    ("POST", "/book", {"junk": "1"}),
    ("POST", "/book", {"rid": RIVER_VIEW_ID, "date": "x", "time": "15:00", "party": "2"}),
    ("POST", "/notify", {}),
    ("POST", "/notify", {"rid": RIVER_VIEW_ID, "date": "2025-07-18", "time": "15:00",
                         "party": "2"}),
    ("POST", "/", {"a": "b"}),
    ("GET", "/notify", None),
])
def test_malformed_requests_get_4xx(app, method, path, data):
    c = session(app, "opendining-1")
    r = c.request(method, "/opendining" + path, data=data)
    assert 400 <= r.status_code < 500, (r.status_code, r.text[:200])
    assert finish(c)["initialfinaldiff"]["added"].keys() <= {"config"}


# -- solutions ----------------------------------------------------------------------------------
def test_solutions_cover_every_task_with_fresh_objects():
    check_solutions(solutions, negatives, TASKS, at_least=2)
