"""StayNB replica without a browser: pages, state shape, and REAL's own eval scripts."""

from __future__ import annotations

import html
import re

import pytest
from starlette.testclient import TestClient

from halo_cli.sites.server import build_app
from halo_cli.sites.staynb.site import TASKS, StayNB
from halo_cli.sites.staynb.solutions import negatives, solutions
from halo_cli.sites.staynb.store.search import SUGGESTIONS, by_id, canonical_destination, stays
from tests.support.sites import Replica, check_solutions, v2_tasks, verdict

SITE = Replica("staynb", config={"run_id": "0", "latency": "0"})
session, finish, _run_script = SITE.session, SITE.finish, SITE.run_script


@pytest.fixture(scope="module")
def app():
    return build_app([StayNB()])


def titles(page: str) -> list[str]:
    return [html.unescape(t) for t in re.findall(r'class="stitle"[^>]*>([^<]*)<', page)]


def search(c: TestClient, where: str, checkin: str = "", checkout: str = "", adults: int = 0,
           children: int = 0, status: int = 200):
    r = c.post("/staynb/search", data={"where": where, "checkin": checkin,
                                       "checkout": checkout, "adults": str(adults),
                                       "children": str(children), "infants": "0",
                                       "pets": "0"})
    assert r.status_code == status, r.text[:300]
    return r


def apply_filters(c: TestClient, *amenities: str, **rooms: int):
    data = {"amenity": list(amenities), **{k: str(v) for k, v in rooms.items()}}
    r = c.post("/staynb/s/filters", data=data)
    assert r.status_code == 200 and r.url.path == "/staynb/s"
    return r


# -- site basics -------------------------------------------------------------------------
def test_supported_tasks_are_the_v2_staynb_tasks():
    assert sorted(StayNB().supported_tasks()) == v2_tasks("staynb") == sorted(TASKS)


def test_registry_finds_the_site():
    from halo_cli.sites.registry import get_site

    site = get_site("staynb")
    assert site.id == "staynb" and site.diff_mode == "deep-object-diff"


def test_seed_has_the_destinations_and_stays_the_tasks_need():
    assert len(stays()) >= 50 and len({s["title"] for s in stays()}) == len(stays())
    for name in ("Austria", "Paris, France", "Provence, France", "Rome, Italy",
                 "San Jose, Costa Rica", "Nearby", "Cape Town, South Africa", "Delhi, India",
                 "Miami, Florida", "Vancouver, Canada", "San Francisco, California"):
        assert name in SUGGESTIONS and any(s["destination"] == name for s in stays())

    def at(dest):
        return [s for s in stays() if s["destination"] == dest]
    assert any(s["rooms"]["bedrooms"] == 2 for s in at("Austria"))
    paris = [s for s in at("Paris, France")
             if {"Wifi", "Free parking", "Air conditioning"} <= set(s["amenities"])]
    assert paris and len(paris) < len(at("Paris, France"))
    cape = [s for s in at("Cape Town, South Africa") if s["maxGuests"] >= 4]
    assert any(s["rooms"]["bedrooms"] >= 2 and s["rooms"]["beds"] >= 2 for s in cape)
    assert any(s["rooms"]["bedrooms"] >= 2 and s["rooms"]["beds"] < 2 for s in cape)
    assert any({"Pool", "Wifi", "Free parking", "Air conditioning"} <= set(s["amenities"])
               for s in at("Nearby"))
    assert any(s["rooms"]["bedrooms"] >= 2 and "Wifi" in s["amenities"] and s["maxGuests"] >= 4
               for s in at("Rome, Italy"))
    assert any(s["maxGuests"] >= 5 for s in at("Vancouver, Canada"))
    assert by_id()["112"]["title"] == "Parisian Charm"


def test_seed_state_keeps_search_empty_and_config_without_remove_popup(app):
    state = StayNB().new_session("staynb-14", {"run_id": "0"}).state
    assert state["search"] == {"recentSearches": []}
    assert state["wishlist"] == {"wishlists": {}}
    assert state["booking"] == {"isBooking": False, "currentBooking": None, "errors": {},
                                "bookingDetails": []}
    assert state["config"]["staynb"] == {"run_id": "0", "latency": 0}


def test_destination_autocomplete():
    assert canonical_destination("paris") == "Paris, France"
    assert canonical_destination("paris, france") == "Paris, France"
    assert canonical_destination("  Rome ") == "Rome, Italy"
    assert canonical_destination("near me") == "Nearby"
    assert canonical_destination("austria") == "Austria"
    assert canonical_destination("San Jose") == "San Jose"  # two San Joses: kept as typed
    assert canonical_destination("Vienna") == "Vienna"


def test_pages_render_with_named_controls(app):
    c = session(app, "staynb-1")
    home = c.get("/staynb/").text
    for label in ('<label for="where">Where</label>', '<label for="checkin">Check in</label>',
                  '<label for="checkout">Check out</label>', '<label for="g-adults">Adults',
                  '<label for="g-children">Children', "<legend>Who</legend>",
                  ">Search</button>", "Suggested destinations"):
        assert label in home
    assert 'value="Provence, France"' in c.get("/staynb/?where=Provence%2C+France").text
    filters = c.get("/staynb/s/filters").text
    for label in (">Wifi</label>", ">Free parking</label>", ">Bedrooms</label>",
                  ">Show places</button>", "Clear all"):
        assert label in filters
    room = c.get("/staynb/rooms/112").text
    assert "<h1>Parisian Charm</h1>" in room and ">Reserve</button>" in room
    assert 'aria-label="Save to wishlist"' in room and ">Share</a>" in room


# -- search state ------------------------------------------------------------------------
def test_search_lands_whole_in_added_and_recent_searches_append(app):
    c = session(app, "staynb-1")
    r = search(c, "austria", "2024-08-01", "2024-08-05", 2, 1)
    assert r.url.path == "/staynb/s" and "<h1>4 places in Austria</h1>" in r.text
    assert "Aug 1 – 5, 2024 · 3 guests" in r.text
    search(c, "Vienna", "2024-08-02", "2024-08-04", 1)
    search(c, "austria", "2024-08-01", "2024-08-05", 2, 1)
    diff = finish(c)["initialfinaldiff"]
    s = diff["added"]["search"]
    assert "search" not in diff["updated"]
    assert s["appliedDestination"] == "Austria"
    assert s["appliedDates"] == {"startDate": "2024-08-01T00:00:00.000Z",
                                 "endDate": "2024-08-05T00:00:00.000Z"}
    assert s["appliedGuestCounts"] == {"Adults": 2, "Children": 1, "Infants": 0, "Pets": 0}
    assert [v["destination"] for v in s["recentSearches"].values()] == [
        "Austria", "Vienna", "Austria"]
    assert s["recentSearches"]["0"]["guests"] == "3 guests"


def test_single_date_means_one_day_and_no_dates_is_null(app):
    c = session(app, "staynb-9")
    r = search(c, "Nearby", "2024-07-18")
    assert "Jul 18, 2024" in r.text and "Beach House" in titles(r.text)
    dates = finish(c)["initialfinaldiff"]["added"]["search"]["appliedDates"]
    assert dates["startDate"][:10] == dates["endDate"][:10] == "2024-07-18"
    search(c, "San Jose, Costa Rica")
    assert finish(c)["initialfinaldiff"]["added"]["search"]["appliedDates"] is None


@pytest.mark.parametrize("fields,message", [
    ({"where": ""}, "enter a destination"),
    ({"where": "Rome", "checkin": "2024-07-01"}, "that date has passed"),
    ({"where": "Rome", "checkin": "2024-09-05", "checkout": "2024-09-01"}, "on or after"),
    ({"where": "Rome", "checkout": "2024-09-05"}, "check-in date first"),
    ({"where": "Rome", "checkin": "tomorrow"}, "YYYY-MM-DD"),
    ({"where": "Rome", "adults": "two"}, "enter a number"),
    ({"where": "Rome", "adults": "99"}, "between 0 and 16"),
    ({"where": "Rome", "children": "2"}, "at least one adult"),
])
def test_search_form_errors_are_shown(app, fields, message):
    c = session(app, "staynb-14")
    r = c.post("/staynb/search", data=fields)
    assert r.status_code == 422 and message in r.text and 'role="alert"' in r.text
    assert "search" not in finish(c)["initialfinaldiff"]["added"]


def test_filters_narrow_results_and_are_recorded(app):
    c = session(app, "staynb-5")
    search(c, "Paris, France", "2024-10-15", "2024-10-19", 3)
    r = apply_filters(c, "Wifi", "Free parking", "Air conditioning")
    assert titles(r.text) == ["Parisian Charm", "Eiffel View Apartment"]
    assert "Filters (3)" in r.text and "$2,120 total" in r.text
    f = finish(c)["initialfinaldiff"]["added"]["search"]["appliedFilters"]
    assert f == {"amenities": ["Wifi", "Air conditioning", "Free parking"], "bedrooms": 0,
                 "beds": 0, "bathrooms": 0, "minPrice": None, "maxPrice": None}
    r = apply_filters(c, bedrooms=2, max_price=450)
    assert titles(r.text) == ["Eiffel View Apartment"]
    bad = c.post("/staynb/s/filters", data={"amenity": "Jacuzzi"})
    assert bad.status_code == 422 and "unknown amenity" in bad.text


# -- wishlists, sharing, booking ---------------------------------------------------------
def test_wishlist_create_toggle_and_list(app):
    c = session(app, "staynb-6")
    r = c.post("/staynb/rooms/121/save", data={"name": "Cape Town"})
    assert r.url.path == "/staynb/rooms/121" and "Saved to Cape Town." in r.text
    assert c.post("/staynb/rooms/121/save", data={"name": "cape town"}).status_code == 422
    c.post("/staynb/rooms/122/save", data={"wishlist": "1"})
    c.post("/staynb/rooms/121/save", data={"wishlist": "1"})  # removes it again
    assert "Sea Point Apartment" in c.get("/staynb/wishlists/1").text
    wl = finish(c)["initialfinaldiff"]["added"]["wishlist"]["wishlists"]["1"]
    assert wl["name"] == "Cape Town" and isinstance(wl["stays"], list)
    assert [s["title"] for s in wl["stays"]] == ["Sea Point Apartment"]
    assert wl["stays"][0]["rooms"] == {"bedrooms": 2, "beds": 2, "bathrooms": 1}


def test_share_to_messages(app):
    c = session(app, "staynb-19")
    page = c.get("/staynb/rooms/151/share/messages").text
    assert "Trip planning group chat" in page and ">Send</button>" in page
    r = c.post("/staynb/rooms/151/share", data={"channel": "Messages",
                                                 "to": "Mom"})
    assert "Shared Kitsilano Beach House to Mom." in r.text
    assert c.post("/staynb/rooms/151/share", data={"channel": "Messages"}).status_code == 422
    assert c.post("/staynb/rooms/151/share", data={"channel": "Fax"}).status_code == 400


def test_reserve_then_pay(app):
    c = session(app, "staynb-5")
    search(c, "Paris, France", "2024-10-15", "2024-10-19", 3)
    room = c.get("/staynb/rooms/112").text
    assert 'value="2024-10-15"' in room and 'value="3"' in room
    r = c.post("/staynb/rooms/112/reserve", data={"checkin": "2024-10-15",
                                                  "checkout": "2024-10-19", "guests": "3"})
    assert r.url.path == "/staynb/book" and "Confirm and pay" in r.text and "$2,462" in r.text
    booking = finish(c)["initialfinaldiff"]["updated"]["booking"]
    assert booking["isBooking"] is True and booking["currentBooking"]["stay"]["id"] == "112"
    bad = c.post("/staynb/book", data={"card_number": "42", "expiration": "01/20"})
    assert bad.status_code == 422 and "Check your card number." in bad.text
    ok = c.post("/staynb/book", data={"card_number": "4242 4242 4242 4242",
                                      "expiration": "08/27", "cvv": "123", "zipcode": "90012"})
    assert ok.url.path == "/staynb/trips" and "Reservation confirmed" in ok.text
    added = finish(c)["initialfinaldiff"]["added"]["booking"]
    assert added["bookingDetails"]["0"]["cardLast4"] == "4242"
    one_night = c.post("/staynb/rooms/112/reserve", data={"checkin": "2024-10-15",
                                                          "guests": "3"})
    assert one_night.status_code == 422


@pytest.mark.parametrize("method,path,data,status", [
    ("get", "/staynb/rooms/999", None, 404),
    ("get", "/staynb/rooms/abc/save", None, 404),
    ("post", "/staynb/rooms/999/reserve", {"checkin": "x"}, 404),
    ("post", "/staynb/rooms/112/save", {"wishlist": "77"}, 404),
    ("post", "/staynb/rooms/112/save", {"name": ""}, 422),
    ("post", "/staynb/rooms/112/reserve", {"guests": "lots"}, 422),
    ("post", "/staynb/book", {"card_number": "1"}, 409),
    ("get", "/staynb/wishlists/9", None, 404),
    ("get", "/staynb/search", None, 405),
    ("post", "/staynb/s/filters", {"bedrooms": "-1"}, 422),
    ("post", "/staynb/s/filters", {"max_price": "cheap"}, 422),
    ("post", "/staynb/trips", {}, 405),
])
def test_malformed_requests_get_4xx(app, method, path, data, status):
    c = session(app, "staynb-12")
    r = getattr(c, method)(path, **({"data": data} if data is not None else {}))
    assert r.status_code == status


# -- the real eval scripts on HTTP-driven sessions ---------------------------------------
def _book(c):
    c.post("/staynb/rooms/112/reserve", data={"checkin": "2024-10-15",
                                              "checkout": "2024-10-19", "guests": "3"})
    c.post("/staynb/book", data={"card_number": "4242424242424242", "expiration": "08/27",
                                 "cvv": "123", "zipcode": "90012"})


SF = ("San Francisco", "2024-09-27", "2024-09-29", 2)
PARIS = ("Paris, France", "2024-10-15", "2024-10-19", 3)
PARIS_F = {"amenities": ("Wifi", "Free parking", "Air conditioning")}
CAPE = ("Cape Town", "2024-10-01", "2024-10-06", 4)
NEAR = {"amenities": ("Pool", "Wifi", "Free parking", "Air conditioning")}
ROME = ("Rome", "2025-01-03", "2025-01-05", 4)
PROV = ("Provence", "2024-08-01", "2024-08-04", 2, 1)

# task, search args, filters (amenities + rooms), extra action, expected
SCENARIOS = [
    ("staynb-1", ("Austria", "2024-08-01", "2024-08-05", 2, 1), {"bedrooms": 2}, None, "SUCCESS"),
    ("staynb-1", ("Austria", "2024-08-01", "2024-08-05", 2), None, None, "FAILURE"),
    ("staynb-1", ("Vienna", "2024-08-01", "2024-08-05", 2, 1), None, None, "FAILURE"),
    ("staynb-4", SF, {"amenities": ("Wifi",)}, None, "SUCCESS"),
    ("staynb-4", SF, None, None, "FAILURE"),
    ("staynb-4", SF[:3] + (1,), {"amenities": ("Wifi",)}, None, "FAILURE"),
    ("staynb-5", PARIS, PARIS_F, None, "SUCCESS"),
    ("staynb-5", PARIS, {"amenities": ("Wifi", "Free parking")}, None, "FAILURE"),
    ("staynb-5", PARIS, PARIS_F, _book, "FAILURE"),
    ("staynb-5", ("Paris", "2024-10-15", "2024-10-19", 2, 1), PARIS_F, None, "FAILURE"),
    ("staynb-6", CAPE, {"amenities": ("Wifi",), "bedrooms": 2, "beds": 2},
     lambda c: c.post("/staynb/rooms/121/save", data={"name": "Trip"}), "SUCCESS"),
    ("staynb-6", CAPE, None,
     lambda c: c.post("/staynb/rooms/124/save", data={"name": "Trip"}), "FAILURE"),
    ("staynb-6", CAPE, None, None, "FAILURE"),
    ("staynb-9", ("Nearby", "2024-07-18"), NEAR, None, "SUCCESS"),
    ("staynb-9", ("Nearby", "2024-07-18", "2024-07-19"), NEAR, None, "FAILURE"),
    ("staynb-9", ("Nearby", "2024-07-18"), {**NEAR, "bedrooms": 1}, None, "FAILURE"),
    ("staynb-9", ("Nearby", "2024-07-18"), {"amenities": ("Pool", "Wifi")}, None, "FAILURE"),
    ("staynb-12", ("Delhi", "2024-09-07", "2024-09-09", 2), None, None, "SUCCESS"),
    ("staynb-12", ("Delhi", "2024-09-07", "2024-09-09", 2), None,
     lambda c: c.post("/staynb/rooms/131/reserve", data={
         "checkin": "2024-09-07", "checkout": "2024-09-09", "guests": "2"}), "FAILURE"),
    ("staynb-12", ("Delhi", "2024-09-07", "2024-09-09", 1, 1), None, None, "FAILURE"),
    ("staynb-13", ("Miami", "2024-07-18"), None, None, "SUCCESS"),
    ("staynb-13", ("Miami", "2024-07-18", "2024-07-19", 1), None, None, "FAILURE"),
    ("staynb-14", ROME, {"amenities": ("Wifi",), "bedrooms": 2}, None, "SUCCESS"),
    ("staynb-14", ROME, {"amenities": ("Wifi",)}, None, "FAILURE"),
    ("staynb-14", ("Rome", "2025-01-10", "2025-01-12", 4), {"amenities": ("Wifi",),
                                                            "bedrooms": 2}, None, "FAILURE"),
    ("staynb-15", ("San Jose, Costa Rica",), None, None, "SUCCESS"),
    ("staynb-15", ("San Jose",), None, None, "FAILURE"),
    ("staynb-15", ("San Jose, California",), None, None, "FAILURE"),
    ("staynb-17", PROV, {"amenities": ("Wifi",)}, None, "SUCCESS"),
    ("staynb-17", PROV, {}, None, "FAILURE"),  # filters applied with no amenity
    ("staynb-17", PROV[:3] + (3,), {"amenities": ("Wifi",)}, None, "FAILURE"),
    ("staynb-19", ("Vancouver", "2024-11-15", "2024-11-18", 5), None,
     lambda c: c.post("/staynb/rooms/151/share", data={
         "channel": "Messages", "to": "Trip planning group chat (Maya, Jordan, Priya)"}),
     "SUCCESS"),
    ("staynb-19", ("Vancouver", "2024-11-15", "2024-11-18", 4), None, None, "FAILURE"),
]


@pytest.mark.parametrize("task,args,filters,extra,expected", SCENARIOS,
                         ids=[f"{s[0]}-{i}-{s[4]}" for i, s in enumerate(SCENARIOS)])
def test_real_eval_script_judges_http_session(app, tmp_path, task, args, filters, extra,
                                              expected):
    c = session(app, task)
    search(c, *args)
    if filters is not None:
        filters = dict(filters)
        apply_filters(c, *filters.pop("amenities", ()), **filters)
    if extra is not None:
        extra(c)
    assert _run_script(task, finish(c), tmp_path) == expected


def test_every_task_has_a_successful_http_scenario():
    assert {s[0] for s in SCENARIOS if s[4] == "SUCCESS"} == set(TASKS)


def test_no_action_fails_every_task(app, tmp_path):
    procs = {}
    for task in TASKS:  # all scripts at once: this test is mostly interpreter start-up
        procs[task] = SITE.start_script(task, finish(session(app, task)), tmp_path)
    for task, proc in procs.items():
        assert verdict(proc) == "FAILURE", task


# -- solutions ---------------------------------------------------------------------------
def test_solutions_cover_every_task_with_fresh_objects():
    check_solutions(solutions, negatives, TASKS, negative_tasks=3)


JUNK = ["", "x", "-1", "1e9", "inf", "nan", "²", "٣", "9" * 40, "2024-13-45", "<b>", "a" * 300]
PATHS = ["/", "/search", "/s", "/s/filters", "/rooms/112", "/rooms/112/reserve",
         "/rooms/112/save", "/rooms/112/share", "/rooms/112/share/messages", "/book", "/trips",
         "/wishlists", "/wishlists/1", "/rooms/%00", "/wishlists/x"]
FIELDS = ["where", "checkin", "checkout", "adults", "children", "infants", "pets", "amenity",
          "bedrooms", "beds", "bathrooms", "min_price", "max_price", "guests", "name",
          "wishlist", "channel", "to", "card_number", "expiration", "cvv", "zipcode"]


def test_junk_never_crashes_a_route(app):
    c = session(app, "staynb-5")
    c.post("/staynb/rooms/112/reserve", data={"checkin": "2024-10-15",
                                              "checkout": "2024-10-19", "guests": "2"})
    for path in PATHS:
        for junk in JUNK:
            data = {f: junk for f in FIELDS}
            for r in (c.get("/staynb" + path, params=data), c.post("/staynb" + path, data=data)):
                assert r.status_code < 500, (path, junk, r.status_code)
