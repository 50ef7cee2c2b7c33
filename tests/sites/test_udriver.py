"""UDriver replica without a browser: pages, state shape, and REAL's own eval scripts."""

from __future__ import annotations

from pathlib import Path

import pytest
from starlette.testclient import TestClient

from halo_cli.sites.server import build_app
from halo_cli.sites.udriver import store
from halo_cli.sites.udriver.site import TASKS, UDriver
from halo_cli.sites.udriver.solutions import negatives, solutions
from tests.support.sites import Replica, check_solutions, v2_tasks

SITE = Replica("udriver", config={"run_id": "0", "latency": "0"})
session, finish = SITE.session, SITE.finish
U = "/udriver"


@pytest.fixture(scope="module")
def app():
    return build_app([UDriver()])


def loc_id(name: str) -> int:
    """The id of the (first) place called `name`."""
    return next(loc["id"] for loc in store.locations() if loc["name"] == name)


def choose(c: TestClient, pickup: str, dropoff: str, time: str = "Now",
           day: str = "7/18/2024") -> None:
    for role, name in (("pickup", pickup), ("dropoff", dropoff)):
        r = c.post(f"{U}/ride/location", data={"role": role, "location_id": loc_id(name)})
        assert r.status_code == 200
    r = c.post(f"{U}/ride/prices", data={"pickup_date": day, "pickup_time": time})
    assert r.status_code == 200 and r.url.path == f"{U}/ride/options", r.text[:300]


def book(c: TestClient, car: str = "", payment: str = "wallet"):
    if car:
        assert c.post(f"{U}/ride/select", data={"car": car}).status_code == 200
    return c.post(f"{U}/ride/request", data={"payment": payment})


def run_script(task: str, c: TestClient, tmp_path: Path) -> str:
    return SITE.run_script(task, finish(c), tmp_path)


# -- site basics ---------------------------------------------------------------------------
def test_supported_tasks_are_the_v2_udriver_tasks():
    assert sorted(UDriver().supported_tasks()) == v2_tasks("udriver") == sorted(TASKS)
    from halo_cli.sites.registry import get_site

    assert get_site("udriver").title == "UDriver"


def test_seed_holds_the_ids_and_names_the_scripts_hard_code():
    by_id = {loc["id"]: loc for loc in store.locations()}
    expect = {52: "Amber India", 129: "22nd & Irving", 201: "Club X", 370: "Ai Electronics",
              699: "1 Hotel San Francisco", 717: "100 Van Ness", 723: "Fox Plaza Apartments",
              733: "333 Fremont Apartments", 739: "388 Beale"}
    for i, name in expect.items():
        assert by_id[i]["name"].startswith(name), (i, by_id[i]["name"])
    assert by_id[129]["identifier"] == "SPR" and by_id[370]["identifier"] == "RF1"
    assert by_id[733]["identifier"] == "DLO" and "8 Mission St" in by_id[699]["address"]
    for name in ("1001 Castro Street", "1030 Post Street Apartments", "Rooftop 25",
                 "Casa Loma Hotel", "Aaha Indian Cuisine", "Club 26 Mix",
                 "201 Turk Street Apartments", "Golden Gate Apartments"):
        assert sum(loc["name"] == name for loc in store.locations()) == 1, name
    assert len(store.locations()) >= 35


def test_wallet_and_history_are_consistent():
    state = store.seed_state()
    wallet = state["user"]["wallet"]
    assert wallet["balance"] == 25.5
    assert round(sum(t["amount"] for t in wallet["transactions"]), 2) == 25.5
    card = next(m for m in wallet["paymentMethods"] if m["id"] == "1")
    assert card["last4"] == "4242" and card["type"] == "credit" and not card["isDefault"]
    assert "credit" not in card["displayName"].lower()
    cars = store.seed()["cars"]
    for t in state["ride"]["trips"]:
        assert t["car"] | store.price(t["pickup"], t["destination"], cars[t["car"]["type"]]) \
            == t["car"]


def test_fresh_session_shows_the_hydrated_store_under_added(app):
    site = UDriver()
    s = site.new_session("udriver-19", {"run_id": "0", "task_id": "v2.udriver-19"})
    assert s.initial["ride"] == {} and s.initial["user"] == {}
    c = session(app, "udriver-19")
    added = finish(c)["initialfinaldiff"]["added"]
    assert added["user"]["wallet"]["balance"] == 25.5
    assert isinstance(added["ride"]["trips"], list) and added["ride"]["pickupLocation"] is None
    cfg = added["config"]["udriver"]
    assert cfg["run_id"] == "0" and cfg["task_id"] == "v2.udriver-19"
    assert cfg["cars"]["UdriverX"] == {"multiplier": 1.0, "discount": 0}


# -- pages ---------------------------------------------------------------------------------
def test_home_search_shows_suggestions_a_rider_can_choose(app):
    c = session(app, "udriver-7")
    home = c.get(f"{U}/").text
    assert '<label for="pickup">Pickup location</label>' in home and ">Search</button>" in home
    page = c.get(f"{U}/", params={"pickup": "22 and Irving Street", "dropoff": "7/11"}).text
    assert 'aria-label="Pick up at 22nd &amp; Irving' in page
    assert page.count('aria-label="Drop off at 7-Eleven') == 2
    assert "No places match" in c.get(f"{U}/", params={"pickup": "Le Colonial"}).text
    r = c.post(f"{U}/ride/location", data={"role": "pickup", "location_id": "129",
                                           "keep_dropoff": "7/11"})
    assert 'name="dropoff" value="7/11"' in r.text and "Drop off at 7-Eleven" in r.text
    assert "Pick up at" not in r.text  # the chosen pickup is shown, not searched again


@pytest.mark.parametrize("query,first", [
    ("1000 Chestnut St", "1000 Chestnut Street"), ("Golden Gates apartments",
                                                   "Golden Gate Apartments"),
    ("Amber Indian Restaurants", "Amber India Restaurant"), ("AI Electronics Center",
                                                             "Ai Electronics Center.Com"),
    ("100 Van Ness Ave, San Francisco", "100 Van Ness"), ("Club X", "Club X"),
])
def test_search_finds_places_the_way_goals_name_them(query, first):
    assert store.search(query)[0]["name"] == first


def test_options_list_every_car_with_the_formula_price(app):
    c = session(app, "udriver-11")
    choose(c, "Club X", "Fox Plaza Apartments")
    page = c.get(f"{U}/ride/options").text
    assert "UdriverX" in page and "Comfort" in page and "UdriverXL" in page
    assert 'aria-label="Choose UdriverXL, $27.45"' in page  # (9.6 + 8.7) * 1.5
    assert 'aria-pressed="true" aria-label="Choose UdriverX, $18.30"' in page
    assert '<label for="payment">Payment method</label>' in page and ">Request UdriverX<" in page
    ride = finish(c)["initialfinaldiff"]["added"]["ride"]
    assert ride["calculatedPrice"] == {"priceWithoutDiscount": 18.3, "finalPrice": 18.3}


def test_wallet_refuses_a_ride_it_cannot_cover(app):
    c = session(app, "udriver-11")
    choose(c, "Club X", "Fox Plaza Apartments")
    r = book(c, "UdriverXL")
    assert r.status_code == 422 and "Not enough UDriver Credits" in r.text
    added = finish(c)["initialfinaldiff"]["added"]
    assert len(added["ride"]["trips"]) == 6 and added["user"]["wallet"]["balance"] == 25.5


def test_booking_now_charges_credits_and_shows_a_receipt(app):
    c = session(app, "udriver-16")
    choose(c, "1 Hotel San Francisco", "100 Van Ness")
    r = book(c)
    assert r.url.path == f"{U}/trips/7" and "Your ride is booked." in r.text
    assert "plate" in r.text
    added = finish(c)["initialfinaldiff"]["added"]
    trip = added["ride"]["trips"][-1]
    assert trip["status"] == "completed" and trip["car"]["finalPrice"] == 11.6
    assert added["ride"]["trip"] == trip
    assert added["user"]["wallet"]["balance"] == 13.9
    assert added["user"]["wallet"]["transactions"][-1] | {"id": "x"} == {
        "id": "x", "type": "debit", "amount": -11.6, "description": "Trip to 100 Van Ness",
        "date": "7/18/2024", "paymentMethodId": "wallet"}
    assert "1 Hotel San Francisco → 100 Van Ness" in c.get(f"{U}/trips").text


def test_scheduling_needs_a_future_time(app):
    c = session(app, "udriver-17")
    c.post(f"{U}/ride/location", data={"role": "pickup", "location_id": "733"})
    c.post(f"{U}/ride/location", data={"role": "dropoff", "location_id": loc_id("Rooftop 25")})
    r = c.post(f"{U}/ride/prices", data={"pickup_date": "7/18/2024", "pickup_time": "1:00 PM"})
    assert r.status_code == 422 and "at least 15 minutes from now" in r.text
    choose(c, "333 Fremont Apartments", "Rooftop 25", time="9:00 AM", day="7/19/2024")
    r = book(c)
    assert r.url.path == f"{U}/trips/7" and "Scheduled for 7/19/2024 at 9:00 AM" in r.text
    ride = finish(c)["initialfinaldiff"]["added"]["ride"]
    assert ride["bookedTrips"][0]["status"] == "scheduled" and len(ride["trips"]) == 6


# -- the real eval scripts on HTTP-driven sessions -----------------------------------------
def _wallet(amount: str):
    def act(c):
        r = c.post(f"{U}/wallet/topup", data={"amount": amount, "payment": "1"})
        assert r.status_code == 200 and "to your UDriver Credits" in r.text
    return act


def _ride(pickup, dropoff, car="", payment="wallet", time="Now"):
    def act(c):
        choose(c, pickup, dropoff, time=time)
        assert book(c, car, payment).status_code == 200
    return act


def _prices(pickup, dropoff, time="Now"):
    return lambda c: choose(c, pickup, dropoff, time=time)


def _default(method):
    return lambda c: c.post(f"{U}/payment/default", data={"method": method})


HOTEL, POST, VN = "1 Hotel San Francisco", "1030 Post Street Apartments", "100 Van Ness"
SCENARIOS = [
    ("udriver-2", [_wallet("100")], "SUCCESS"),
    ("udriver-2", [_wallet("50")], "FAILURE"),
    ("udriver-2", [_wallet("100"), _wallet("100")], "FAILURE"),
    ("udriver-3", [_ride("1001 Castro Street", POST)], "SUCCESS"),
    ("udriver-3", [_ride(POST, "1001 Castro Street")], "FAILURE"),
    ("udriver-4", [_ride("1000 Chestnut Street", "Rooftop 25", payment="1")], "SUCCESS"),
    ("udriver-4", [_prices("1000 Chestnut Street", "Rooftop 25")], "FAILURE"),
    ("udriver-6", [_ride("Aaha Indian Cuisine", "Casa Loma Hotel")], "SUCCESS"),
    ("udriver-6", [_ride("Aaha Indian Cuisine", "Casa Loma Hotel", payment="1")], "FAILURE"),
    ("udriver-7", [_ride("22nd & Irving", "7-Eleven", payment="cash")], "SUCCESS"),
    ("udriver-7", [_ride("22nd & Irving", "Safeway - Market St")], "FAILURE"),
    ("udriver-9", [_ride(HOTEL, POST, "UdriverXL", "cash")], "SUCCESS"),
    ("udriver-9", [_ride(HOTEL, POST, "UdriverXL", "cash", time="4:00 PM")], "FAILURE"),
    ("udriver-9", [_ride(HOTEL, POST, "UdriverXL")], "FAILURE"),
    ("udriver-11", [_ride("Club X", "Fox Plaza Apartments", "Comfort")], "SUCCESS"),
    ("udriver-11", [_ride("Club X", "Fox Plaza Apartments", payment="1")], "FAILURE"),
    ("udriver-13", [_ride("Golden Gate Apartments", "Chase Bank - Marina", payment="1")],
     "SUCCESS"),
    ("udriver-13", [_ride("Golden Gate Apartments", "Chase Center")], "FAILURE"),
    ("udriver-13", [_ride("Golden Gate Apartments", "Chase Bank - Marina", "Comfort")],
     "FAILURE"),
    ("udriver-14", [_default("1")], "SUCCESS"),
    ("udriver-14", [_default("cash")], "FAILURE"),
    ("udriver-15", [_ride("388 Beale", "Amber India Restaurant", "UdriverXL")], "SUCCESS"),
    ("udriver-15", [_ride("388 Beale", "Amber India Restaurant")], "FAILURE"),
    ("udriver-15", [_ride("388 Beale", "Amber India Restaurant", "UdriverXL", "1")],
     "FAILURE"),
    ("udriver-16", [_ride(HOTEL, VN)], "SUCCESS"),
    ("udriver-16", [_ride(HOTEL, "AMC Van Ness 14")], "FAILURE"),
    ("udriver-17", [_prices("333 Fremont Apartments", "201 Turk Street Apartments",
                            "3:30 PM")], "SUCCESS"),
    ("udriver-17", [_prices("333 Fremont Apartments", "201 Turk Street Apartments")],
     "FAILURE"),
    ("udriver-19", [_prices("Ai Electronics Center.Com", "333 Fremont Apartments")],
     "SUCCESS"),
    ("udriver-19", [_prices("333 Fremont Apartments", "Ai Electronics Center.Com")],
     "FAILURE"),
    ("udriver-20", [_ride("Club 26 Mix", VN, payment="cash")], "SUCCESS"),
    ("udriver-20", [_ride("Club 26 Mix", VN, "Comfort")], "FAILURE"),
    ("udriver-20", [_ride("Club 26 Mix", "AMC Van Ness 14")], "FAILURE"),
]


@pytest.mark.parametrize("task,acts,expected", SCENARIOS,
                         ids=[f"{s[0]}-{i}-{s[2]}" for i, s in enumerate(SCENARIOS)])
def test_real_eval_script_judges_http_session(app, tmp_path, task, acts, expected):
    c = session(app, task)
    for act in acts:
        act(c)
    assert run_script(task, c, tmp_path) == expected


def test_every_task_has_a_successful_scenario_and_no_action_fails(app, tmp_path):
    assert {s[0] for s in SCENARIOS if s[2] == "SUCCESS"} == set(TASKS)
    for task in TASKS:
        assert run_script(task, session(app, task), tmp_path) == "FAILURE", task


# -- malformed requests --------------------------------------------------------------------
@pytest.mark.parametrize("method,path,data,status", [
    ("post", "/ride/location", {}, 400),
    ("post", "/ride/location", {"role": "pickup", "location_id": "abc"}, 400),
    ("post", "/ride/location", {"role": "pickup", "location_id": "99999"}, 404),
    ("post", "/ride/location", {"role": "via", "location_id": "52"}, 400),
    ("post", "/ride/prices", {}, 400),
    ("post", "/ride/select", {"car": "Limo"}, 409),
    ("post", "/ride/request", {}, 400),
    ("post", "/ride/request", {"payment": "bitcoin"}, 400),
    ("post", "/wallet/topup", {}, 400),
    ("post", "/wallet/topup", {"amount": "junk", "payment": "1"}, 422),
    ("post", "/wallet/topup", {"amount": "100", "payment": "cash"}, 422),
    ("post", "/payment/default", {"method": "zzz"}, 404),
    ("post", "/payment/card", {"number": "12", "expiry": "x"}, 422),
    ("get", "/trips/abc", None, 400),
    ("get", "/trips/999", None, 404),
    ("get", "/ride/request", None, 405),
    ("post", "/trips", {}, 405),
])
def test_malformed_requests_get_a_4xx(app, method, path, data, status):
    c = session(app, "udriver-3")
    r = getattr(c, method)(U + path, data=data) if data is not None else \
        getattr(c, method)(U + path)
    assert r.status_code == status, (r.status_code, r.text[:200])
    assert len(r.text.strip().splitlines()) == 1 or status in (405, 422)


def test_unknown_car_after_prices_is_404_and_options_without_route_redirect(app):
    c = session(app, "udriver-3")
    assert c.get(f"{U}/ride/options").url.path == f"{U}/"
    choose(c, "1001 Castro Street", POST)
    assert c.post(f"{U}/ride/select", data={"car": "Limo"}).status_code == 404


def test_added_card_can_be_made_default(app):
    c = session(app, "udriver-14")
    r = c.post(f"{U}/payment/card", data={"number": "4000 0566 5566 5556", "expiry": "11/28"})
    assert r.status_code == 200 and "Visa •••• 5556" in r.text
    assert 'aria-label="Set Visa •••• 5556 as default"' in r.text


# -- solutions -----------------------------------------------------------------------------
def test_solutions_cover_every_task_with_fresh_objects():
    check_solutions(solutions, negatives, TASKS, at_least=2)
