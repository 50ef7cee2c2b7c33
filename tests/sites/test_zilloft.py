"""Zilloft replica without a browser: pages, state shape, and REAL's own eval scripts."""

from __future__ import annotations

import html
import json
import re

import pytest
from starlette.testclient import TestClient

from halo_cli.sites.server import build_app
from halo_cli.sites.zilloft.site import TASKS, Zilloft
from halo_cli.sites.zilloft.solutions import negatives, solutions
from halo_cli.sites.zilloft.store import USER, full_address, listings
from tests.support.sites import Replica, check_solutions, v2_tasks

SITE = Replica("zilloft", config={"run_id": "0", "latency": "0"},
               dump={"indent": 2, "sort_keys": True})  # as /finish serializes it (§0.6)
session, finish, run_script = SITE.session, SITE.finish, SITE.run_script
FRI, SAT, SUN = "2024-07-19", "2024-07-20", "2024-07-21"


def hid(street: str) -> str:
    """The id of the one home whose street address is `street`."""
    hits = [h["id"] for h in listings().homes if h["address"]["streetAddress"] == street]
    assert len(hits) == 1, (street, hits)
    return hits[0]


@pytest.fixture(scope="module")
def app():
    return build_app([Zilloft()])


def links(page: str) -> list[str]:
    return [html.unescape(t) for t in re.findall(r'href="/zilloft/homes/\d+">([^<]*)<', page)]


def search(c: TestClient, q: str, **filters: str) -> str:
    params = {"q": q, **({"filters": "1", **filters} if filters else {})}
    r = c.get("/zilloft/homes", params=params)
    assert r.status_code == 200
    return r.text


def tour(c: TestClient, street: str, day: str, time: str, **fields: str):
    home = listings().by_id[hid(street)]
    data = {**USER, "message": f"I am interested in {full_address(home)}.", "date": day,
            "time": time, **fields}
    r = c.post(f"/zilloft/homes/{home['id']}/tour", data=data)
    assert r.status_code == 200 and r.url.path == "/zilloft/tours", r.text[:300]
    return r


def contact(c: TestClient, street: str, day: str = "", time: str = ""):
    home = listings().by_id[hid(street)]
    data = {**USER, "message": f"I am interested in {full_address(home)}.", "date": day,
            "time": time}
    r = c.post(f"/zilloft/homes/{home['id']}/contact", data=data)
    assert r.status_code == 200 and r.url.path == "/zilloft/tours", r.text[:300]
    return r


# -- site basics -------------------------------------------------------------------------
def test_supported_tasks_are_the_v2_zilloft_tasks():
    on_disk = v2_tasks("zilloft")
    assert sorted(Zilloft().supported_tasks()) == on_disk == sorted(TASKS)


def test_registry_finds_the_site():
    from halo_cli.sites.registry import get_site

    site = get_site("zilloft")
    assert site.id == "zilloft" and site.diff_mode == "deep-object-diff"


def test_seed_holds_the_homes_the_tasks_need():
    homes = listings().homes
    assert len(homes) >= 50 and len({h["id"] for h in homes}) == len(homes)
    assert "1 Wright St, San Francisco, CA 94110" in [full_address(h) for h in homes]

    def some(city, **want):
        return [h for h in homes if h["address"]["city"] == city
                and h["price"] <= want.get("max", 10**9) and h["price"] >= want.get("min", 0)
                and h["bedrooms"] >= want.get("beds", 0) and h["homeType"] == "house"]

    assert some("Long Beach", beds=3) and some("Sacramento", min=500_000, max=1_100_000, beds=4)
    assert some("Los Angeles", max=350_000, beds=2) and some("Boston", max=1_000_000)
    for h in some("Long Beach"):  # zilloft-2 rejects any message holding "apt"
        assert "apt" not in full_address(h).lower()
    assert any(a["city"] == "San Jose" for a in listings().agents)


def test_seed_state_is_plain_lists_and_config_lands_in_added(app):
    state = Zilloft().new_session("zilloft-3").state
    assert state["tourRequests"] == {"requestTourList": [], "contactAgentList": []}
    assert state["search"]["filters"]["maxPrice"] is None and "router" not in state
    c = session(app, "zilloft-3", run_id="abc")
    added = finish(c)["initialfinaldiff"]["added"]
    assert added == {"config": {"zilloft": {"run_id": "abc", "task_id": "v2.zilloft-3",
                                            "latency": 0}}}


def test_pages_render_with_named_controls(app):
    c = session(app, "zilloft-2")
    home = c.get("/zilloft/").text
    assert home.count('aria-label="Search location"') == 1 and ">Search</button>" in home
    page = search(c, "Long Beach, CA")
    for label in ("Min price", "Max price", "Bedrooms", "Bathrooms", "Min square feet",
                  "Apply filters"):
        assert label in page
    assert page.count('aria-label="Search location"') == 1
    detail = c.get(f"/zilloft/homes/{hid('5523 E Los Arcos St')}").text
    assert "$789,000" in detail and "3 bds | 2 ba | 1,402 sqft" in detail
    assert ">Request a tour</a>" in detail and ">Contact agent</a>" in detail
    form = c.get(f"/zilloft/homes/{hid('5523 E Los Arcos St')}/tour").text
    days = re.findall(r'name="date" value="([\d-]+)"', form)
    assert days[0] == FRI and len(days) == 7 and "Friday, July 19" in form
    assert ">9:00 AM<" in form and ">6:00 PM<" in form and ">Submit a tour request<" in form
    assert f'value="{USER["email"]}"' in form
    assert "I am interested in 5523 E Los Arcos St, Long Beach, CA 90815." in form


def test_location_search_and_filters(app):
    c = session(app, "zilloft-15")
    assert set(links(search(c, "Boston, MA"))) >= {"58 Westminster St, Boston, MA 02136"}
    assert not any("Cambridge" in x for x in links(search(c, "Boston, MA")))
    bay = links(search(c, "San Francisco Bay Area", maxPrice="1,000,000", beds="3"))
    assert "1 Wright St, San Francisco, CA 94110" in bay
    cities = {x.split(", ")[1] for x in bay}
    assert {"San Jose", "Oakland"} <= cities and not cities & {"Long Beach", "Boston"}
    assert "Long Beach" in search(c, "SoCal") and "San Diego" in search(c, "SoCal")
    assert links(search(c, "94110")) == ["1 Wright St, San Francisco, CA 94110"]
    # filters stay when a new place is searched from the box alone
    again = search(c, "Oakland, CA")
    assert links(again) == ["2519 E 22nd St, Oakland, CA 94601"]
    f = finish(c)["initialfinaldiff"]["updated"]["search"]
    assert f == {"usersSearchTerm": "Oakland, CA",
                 "filters": {"maxPrice": 1_000_000, "minBeds": 3}}
    assert "Reset all filters" in again
    assert len(links(c.get("/zilloft/homes", params={"reset": "1"}).text)) == 2  # both Oakland
    assert finish(c)["initialfinaldiff"]["updated"]["search"] == {"usersSearchTerm": "Oakland, CA"}
    assert "No matching results" in search(c, "Atlantis")


def test_agent_directory(app):
    c = session(app, "zilloft-5")
    page = c.get("/zilloft/agents", params={"location": "San Jose, CA"}).text
    assert "Priya Raman" in page and "Marcus Delgado" in page and "Michael Brennan" not in page
    profile = c.get("/zilloft/agents/priya-raman").text
    assert ">Contact Priya Raman</a>" in profile and "1967 Kammerer Ave" in profile
    r = c.post("/zilloft/agents/priya-raman/contact", data={**USER, "message": "Hi"})
    assert r.url.path == "/zilloft/tours" and "Your message was sent" in r.text
    (entry,) = finish(c)["initialfinaldiff"]["added"]["tourRequests"]["contactAgentList"].values()
    assert entry["agentId"] == "priya-raman" and "home" not in entry
    assert entry["contactAgentData"]["selectedDate"] == {"date": "", "time": ""}


def test_tour_entry_shape_and_differences(app):
    c = session(app, "zilloft-15")
    r = tour(c, "1 Wright St", SAT, "2:00 PM")
    assert "Your tour request was sent" in r.text and "1 Wright St" in r.text
    p = finish(c)
    (entry,) = p["initialfinaldiff"]["added"]["tourRequests"]["requestTourList"].values()
    assert p["differences"]["requestTours"]["added"] == {"0": entry}
    assert entry["id"] == "tour-1" and entry["createdAt"].startswith("2024-07-18T")
    assert entry["requestTourData"]["options"] == [{"date": SAT, "time": "2:00 PM"}]
    assert entry["home"]["price"] == 899000 and entry["home"]["bedrooms"] == 3
    assert p["differences"]["contactAgents"]["added"] == {}


def test_zilloft_14_today_comes_from_created_at_in_sorted_key_order(app):
    c = session(app, "zilloft-14")
    search(c, "Boston, MA")
    contact(c, "58 Westminster St", FRI, "9:00 AM")
    text = json.dumps(finish(c), sort_keys=True)
    first = re.search(r'"(createdAt|timestamp|date|currentDate)": "([^"]*T[^"]*)"', text)
    assert first.group(1) == "createdAt" and first.group(2).startswith("2024-07-18")


# -- malformed requests ------------------------------------------------------------------
def test_malformed_requests_get_4xx(app):
    c = session(app, "zilloft-2")
    home = hid("5523 E Los Arcos St")
    assert c.get("/zilloft/homes/nope").status_code == 404
    assert c.get("/zilloft/homes/123/tour").status_code == 404
    assert c.post("/zilloft/homes/123/contact", data={"x": "1"}).status_code == 404
    assert c.get("/zilloft/agents/nobody").status_code == 404
    assert c.post("/zilloft/agents/nobody/contact").status_code == 404
    assert c.post("/zilloft/homes").status_code == 405
    assert c.post("/zilloft/tours").status_code == 405
    for bad in ({"maxPrice": "lots"}, {"beds": "7"}, {"baths": "x"}, {"minSqft": "999"},
                {"homeType": "castle"}, {"minPrice": "9" * 40}):
        assert c.get("/zilloft/homes", params={"filters": "1", **bad}).status_code == 400
    assert c.post(f"/zilloft/homes/{home}/tour", data={"junk": "1"}).status_code == 422
    for bad in ({"date": "2024-07-18", "time": "1:00 PM"}, {"date": FRI, "time": "3:15 PM"},
                {"date": "tomorrow", "time": "1:00 PM"}):
        assert c.post(f"/zilloft/homes/{home}/tour", data={**USER, **bad}).status_code == 422
    r = c.post(f"/zilloft/homes/{home}/tour", data={**USER, "phone": "", "date": FRI,
                                                    "time": "1:00 PM"})
    assert r.status_code == 422 and "Please enter your phone." in r.text
    r = c.post(f"/zilloft/homes/{home}/contact", content=b"\xff\x00--junk",
               headers={"content-type": "multipart/form-data; boundary=x"})
    assert r.status_code == 422
    assert "tourRequests" not in finish(c)["initialfinaldiff"]["added"]


# -- the real eval scripts on HTTP-driven sessions ---------------------------------------
def _tour(street, day=FRI, time="10:00 AM"):
    return lambda c: tour(c, street, day, time)


def _contact(street, day="", time=""):
    return lambda c: contact(c, street, day, time)


def _search(q, **f):
    return lambda c: search(c, q, **f)


def _agent(aid):
    return lambda c: c.post(f"/zilloft/agents/{aid}/contact", data={**USER, "message": "Hi"})


LA, LB, SAC = "1739 E 110th St", "5523 E Los Arcos St", "5730 Crestwood Way"
SCENARIOS = [
    ("zilloft-2", [_search("Long Beach, CA"), _tour(LB)], "SUCCESS"),
    ("zilloft-2", [_tour("17081 Roosevelt Ln")], "SUCCESS"),  # Huntington Beach counts
    ("zilloft-2", [_tour("1000 E Ocean Blvd Unit 412")], "FAILURE"),
    ("zilloft-2", [_tour("2901 E 7th St Unit 5")], "FAILURE"),
    ("zilloft-2", [_tour("5418 Hazelbrook Ave")], "FAILURE"),
    ("zilloft-2", [_contact(LB, FRI, "10:00 AM")], "FAILURE"),
    ("zilloft-3", [_search("Los Angeles, CA", maxPrice="350000"), _tour(LA)], "SUCCESS"),
    ("zilloft-3", [_contact(LA, FRI, "10:00 AM")], "FAILURE"),
    ("zilloft-5", [_search("San Jose, CA"), _agent("priya-raman")], "SUCCESS"),
    ("zilloft-5", [_contact("1967 Kammerer Ave")], "SUCCESS"),
    ("zilloft-5", [_tour("1967 Kammerer Ave")], "FAILURE"),
    ("zilloft-6", [_search("Sacramento, CA", beds="4"), _contact(SAC, FRI, "1:00 PM")],
     "SUCCESS"),
    ("zilloft-6", [_contact(SAC, FRI, "12:00 PM")], "SUCCESS"),
    ("zilloft-6", [_contact(SAC, FRI, "10:00 AM")], "FAILURE"),
    ("zilloft-6", [_contact(SAC, SAT, "1:00 PM")], "FAILURE"),
    ("zilloft-6", [_tour(SAC, FRI, "1:00 PM")], "FAILURE"),
    ("zilloft-9", [_search("Sacramento", minSqft="1000"), _tour(SAC)], "SUCCESS"),
    ("zilloft-9", [_search("Sacramento", minSqft="1000")], "FAILURE"),
    ("zilloft-10", [_search("Los Angeles, CA", maxPrice="500000", beds="2"), _tour(LA)],
     "SUCCESS"),
    ("zilloft-10", [_tour("3310 Marysville Blvd")], "SUCCESS"),
    ("zilloft-10", [_tour("6231 E Vista St")], "FAILURE"),
    ("zilloft-10", [_tour("3637 Motor Ave Unit 214")], "FAILURE"),
    ("zilloft-10", [_search("Los Angeles, CA", maxPrice="600000", beds="2"), _tour(LA)],
     "FAILURE"),
    ("zilloft-14", [_search("Boston, MA", maxPrice="1000000"),
                    _contact("58 Westminster St", FRI, "9:00 AM")], "SUCCESS"),
    ("zilloft-14", [_tour(LA), _contact("58 Westminster St", FRI, "9:00 AM")], "SUCCESS"),
    ("zilloft-14", [_contact("58 Westminster St", SAT, "9:00 AM")], "FAILURE"),
    ("zilloft-14", [_search("Boston, MA"), _contact("88 Pleasant St Unit 2", FRI, "9:00 AM")],
     "FAILURE"),
    ("zilloft-14", [_search("Boston, MA"), _tour("58 Westminster St", FRI, "9:00 AM")],
     "FAILURE"),
    ("zilloft-15", [_tour("1 Wright St", SAT, "2:00 PM")], "SUCCESS"),
    ("zilloft-15", [_tour("6120 Blossom Ave", SUN, "12:00 PM")], "SUCCESS"),
    ("zilloft-15", [_tour("1 Wright St", FRI, "2:00 PM")], "FAILURE"),
    ("zilloft-15", [_tour("1 Wright St", SAT, "11:30 AM")], "FAILURE"),
    ("zilloft-15", [_tour("2154 Castro St", SAT, "2:00 PM")], "FAILURE"),
    ("zilloft-15", [_tour("63 Brazil Ave", SAT, "2:00 PM")], "FAILURE"),
    ("zilloft-15", [_tour(LB, SAT, "2:00 PM")], "FAILURE"),
    ("zilloft-22", [_search("SoCal", maxPrice="1000000"), _tour("6821 Hyde Park Dr")],
     "SUCCESS"),
    ("zilloft-22", [_search("SoCal", maxPrice="1000000")], "FAILURE"),
    ("zilloft-23", [_search("California", maxPrice="900000", beds="3")], "SUCCESS"),
    ("zilloft-23", [_search("California", maxPrice="900k", beds="3")], "SUCCESS"),
    ("zilloft-23", [_search("California", maxPrice="900000", beds="2")], "FAILURE"),
    ("zilloft-23", [_search("California", maxPrice="1000000", beds="3")], "FAILURE"),
    ("zilloft-23", [_search("California")], "FAILURE"),
]


@pytest.mark.parametrize("task,actions,expected", SCENARIOS,
                         ids=[f"{s[0]}-{i}-{s[2]}" for i, s in enumerate(SCENARIOS)])
def test_real_eval_script_judges_http_session(app, tmp_path, task, actions, expected):
    c = session(app, task)
    for act in actions:
        act(c)
    assert run_script(task, finish(c), tmp_path) == expected


def test_zilloft_3_needs_a_run_id(app, tmp_path):
    c = session(app, "zilloft-3", run_id="")
    tour(c, LA, FRI, "10:00 AM")
    assert run_script("zilloft-3", finish(c), tmp_path) == "FAILURE"


def test_no_action_fails_every_task(app, tmp_path):
    for task in TASKS:
        assert run_script(task, finish(session(app, task)), tmp_path) == "FAILURE", task


def test_every_task_has_a_successful_http_scenario():
    assert {s[0] for s in SCENARIOS if s[2] == "SUCCESS"} == set(TASKS)


# -- solutions ---------------------------------------------------------------------------
def test_solutions_cover_every_task_with_fresh_objects():
    check_solutions(solutions, negatives, TASKS, negative_tasks=5)
