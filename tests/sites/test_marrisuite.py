"""MarriSuite replica without a browser: pages, state shape, and REAL's own eval script."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from halo_cli.sites.marrisuite import store as H
from halo_cli.sites.marrisuite.site import TASKS, MarriSuite
from halo_cli.sites.marrisuite.solutions import negatives, solutions
from halo_cli.sites.server import build_app
from tests.support.sites import Replica, v2_tasks

SITE = Replica("marrisuite", task="marrisuite-8", config={"run_id": "0"})
session, finish = SITE.session, SITE.finish
M = "/marrisuite"
WEEKEND = {"checkIn": "2024-07-26", "checkOut": "2024-07-28", "rooms": "1", "adults": "1"}


@pytest.fixture(scope="module")
def app():
    return build_app([MarriSuite()])


def run_script(c: TestClient, tmp_path: Path) -> str:
    # agisdk names the file eval_<script>_<random>.json in the temp folder; the script's
    # path-label and timestamp branches must not fire, so the name mimics that
    return SITE.run_script("marrisuite-8", finish(c), tmp_path, "eval_eval_marrisuite_8.py_k2x9q.json")


def search(c: TestClient, destination: str, **stay: str):
    r = c.get(f"{M}/search", params={"destination": destination, **WEEKEND, **stay})
    assert r.status_code == 200
    return r


def names(page: str) -> list[str]:
    return [html.unescape(n) for n in re.findall(r'<h3><a href="[^"]+">([^<]+)</a>', page)]


def test_supported_tasks_and_registry():
    on_disk = v2_tasks("marrisuite")
    assert on_disk == TASKS == MarriSuite().supported_tasks()
    from halo_cli.sites.registry import get_site

    site = get_site("marrisuite")
    assert site.title == "MarriSuite" and site.track_location is False


def test_home_has_a_labelled_search_form(app):
    page = session(app).get(f"{M}/").text
    for label in ("Destination", "Check-in", "Check-out", "Rooms", "Adults per room"):
        assert f">{label}</label>" in page
    assert ">Find Hotels</button>" in page and '<option value="2024-07-26">' in page


def test_goleta_search_lists_nearby_hotels_by_distance(app):
    page = search(session(app), "Goleta").text
    found = names(page)
    assert found[0] == "Goleta Marriott Suites" and len(found) == 7
    assert "Santa Barbara Marriott Beachfront" in found and "Monterey Marriott" not in found
    assert "Showing 7 hotels" in page and "Sold out for your dates" in page
    assert "Fri, Jul 26, 2024 – Sun, Jul 28, 2024 · 2 nights · 1 Room, 1 Adult" in page


def test_search_state_and_filters(app):
    c = session(app)
    page = search(c, "goleta, ca", sort="price", available="1").text
    found = names(page)
    assert "SpringHill Suites Santa Barbara Goleta" not in found  # sold out Jul 26-27
    prices = [r["pricePerNight"] for r in H.search(H.find_destination("Goleta"),
                                                   H.parse_day("2024-07-26"),
                                                   H.parse_day("2024-07-28"), "price", True)]
    assert prices == sorted(prices) and len(found) == 6
    diff = finish(c)["initialfinaldiff"]
    assert diff["updated"]["search"]["destination"] == "Goleta, California, USA"
    assert diff["updated"]["search"]["checkIn"] == "2024-07-26"
    assert diff["updated"]["search"]["resultCount"] == 6
    assert "router" not in diff["updated"] and "router" not in diff["added"]


def test_unknown_destination_suggests_cities(app):
    c = session(app)
    page = search(c, "Santa Bar").text
    assert names(page)  # a prefix of a city is that city
    page = search(c, "Sanxyz").text
    assert "We couldn’t find" in page and "San Diego, California, USA" in page


def test_hotel_page_and_booking(app):
    c = session(app)
    search(c, "Goleta")
    page = c.get(f"{M}/hotels/h102", params=WEEKEND).text
    assert "Courtyard Santa Barbara Goleta" in page and 'aria-label="Select Guest room' in page
    sold = c.get(f"{M}/hotels/h104", params=WEEKEND).text
    assert "Sold out" in sold and "Select Guest room" not in sold
    review = c.get(f"{M}/reserve", params={"hotel": "h102", "room": "K", **WEEKEND})
    assert "Total $498" in review.text and ">Book Now</button>" in review.text
    r = c.post(f"{M}/reserve", data={"hotel": "h102", "room": "K", **WEEKEND,
                                     "guest": "Jordan Lee", "email": "jordan.lee@example.com"})
    assert r.url.path == f"{M}/confirmation/0" and "Reservation confirmed" in r.text
    assert "Courtyard Santa Barbara Goleta" in c.get(f"{M}/reservations").text


@pytest.mark.parametrize("steps,expected", [
    ([("Goleta", {})], "SUCCESS"),
    ([("Goleta", {"available": "1", "sort": "rating"})], "SUCCESS"),
    ([("San Diego", {})], "FAILURE"),
    ([("Goleta", {"rooms": "2"})], "FAILURE"),
    ([("Monterey", {}), ("Seattle", {})], "FAILURE"),
    ([], "FAILURE"),
], ids=["goleta", "goleta-filtered", "other-city", "two-rooms", "two-other-cities", "nothing"])
def test_real_eval_script_judges_searches(app, tmp_path, steps, expected):
    c = session(app)
    for dest, extra in steps:
        search(c, dest, **extra)
    assert run_script(c, tmp_path) == expected


def test_real_eval_script_fails_a_booking_and_ignores_hotel_pages(app, tmp_path):
    c = session(app)
    c.get(f"{M}/hotels/h103", params=WEEKEND)  # a Goleta hotel page alone shows no list
    assert run_script(c, tmp_path) == "FAILURE"
    search(c, "Goleta")
    c.post(f"{M}/reserve", data={"hotel": "h103", "room": "K", **WEEKEND, "guest": "J L",
                                 "email": "j@example.com"})
    assert run_script(c, tmp_path) == "FAILURE"


@pytest.mark.parametrize("method,path,params,status", [
    ("get", "/search", {"destination": "Goleta", "checkIn": "junk"}, 400),
    ("get", "/search", {"destination": "Goleta", "rooms": "9"}, 400),
    ("get", "/search", {"destination": "Goleta", "checkIn": "2030-01-01"}, 400),
    ("get", "/search", {"destination": "", **WEEKEND}, 422),
    ("get", "/search", {"destination": "Goleta", "checkIn": "2024-07-28",
                        "checkOut": "2024-07-26"}, 422),
    ("get", "/hotels/h999", {}, 404),
    ("get", "/reserve", {"hotel": "h101"}, 404),
    ("get", "/reserve", {"hotel": "h104", "room": "K", **WEEKEND}, 409),
    ("post", "/reserve", {}, 404),
    ("get", "/confirmation/abc", {}, 404),
    ("get", "/confirmation/5", {}, 404),
    ("post", "/search", {}, 405),
])
def test_malformed_requests_get_a_4xx(app, method, path, params, status):
    c = session(app)
    r = (c.get(M + path, params=params) if method == "get" else c.post(M + path, data=params))
    assert r.status_code == status, (r.status_code, r.text[:200])


def test_solutions_and_negatives():
    (ref,) = solutions()
    assert ref.task == "marrisuite-8" and ref.kind == "reference"
    negs = negatives()
    assert len(negs) >= 2 and all(n.kind == "negative" for n in negs)
    assert len({n.label for n in negs}) == len(negs)
