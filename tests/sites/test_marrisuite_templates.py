"""MarriSuite's templates, what is MarriSuite's own (the contract every template keeps is
tests/sites/test_templates.py): the site's pages show the reference end state; the judges
ignore what the goal does not ask and hold to what it asks; the cheapest hotel near a town
skips sold-out ones; REAL's eval_marrisuite_8 fails every reference end state and passes
its control."""

from __future__ import annotations

import html
import random
import re

import pytest

from halo_cli.sites.marrisuite.templates import TEMPLATES
from halo_cli.sites.registry import get_site
from halo_cli.sites.templates import SiteClient
from tests.support.templates import draft

SITE = get_site("marrisuite")
BY_NAME = {t.name: t for t in TEMPLATES}


def reached(template, params) -> SiteClient:
    client = SiteClient(SITE, template.base_task)
    template.reach(params, client)
    return client


def _listed(page: str) -> list[str]:
    return [html.unescape(n) for n in re.findall(r'<h3><a href="[^"]+">([^<]+)</a>', page)]


@pytest.mark.parametrize("template", TEMPLATES, ids=[t.name for t in TEMPLATES])
def test_what_the_traveller_sees_after_the_reference(template):
    """A search leaves the results page showing the town's hotels, in the order asked and
    without sold-out ones when asked; a booking shows on My Trips with its dates."""
    d = draft(template, 3)
    client = reached(template, d.params)
    p = d.params
    if "hotel" in p:
        page = client.get("/reservations").text
        assert html.escape(p["hotel_name"], quote=False) in page
        assert f"{p['check_in']} to {p['check_out']}" in page
        return
    query = {"destination": client.finish()["initialfinaldiff"]["updated"]["search"]
             ["destination"], "checkIn": p["check_in"], "checkOut": p["check_out"],
             "rooms": str(p.get("rooms", 1)), "adults": str(p.get("adults", 1)),
             "sort": p.get("sortBy", "distance")}
    if p.get("availableOnly"):
        query["available"] = "1"
    page = client.get("/search", params=query).text
    names = _listed(page)
    assert names and f"Hotels near {p['town']}" in page
    if p.get("availableOnly"):
        assert "Sold out for your dates" not in page
    if p.get("sortBy") == "price":
        prices = [int(x) for x in re.findall(r'class="price">From \$(\d+)<', page)]
        assert prices == sorted(prices) and len(prices) == len(names)


def test_judges_ignore_what_the_goal_does_not_ask():
    """Opening hotel pages and My Trips after a search, or searching on after a booking,
    changes nothing; case and spacing in a guest's name and email do not matter."""
    search = BY_NAME["search_sorted"]
    d = draft(search, 1)
    client = reached(search, d.params)
    client.get("/hotels/h114")
    client.get("/reservations")
    assert search.judge(d.params, client.finish()).ok

    book = BY_NAME["book_for_guest"]
    d = draft(book, 2)
    p = {**d.params, "guest": f"  {d.params['guest'].upper()} ", "email": d.params["email"].upper()}
    client = reached(book, p)
    client.get("/search", params={"destination": "Seattle", "checkIn": "2024-09-01",
                                  "checkOut": "2024-09-03"})
    assert book.judge(d.params, client.finish()).ok


def test_judges_hold_to_what_the_goal_asks():
    """A search task fails when a room was booked after it; a booking task fails when a
    second reservation was made."""
    search = BY_NAME["search_stay"]
    d = draft(search, 4)
    client = reached(search, d.params)
    client.post("/reserve", data={"hotel": "h116", "room": "K", "checkIn": "2024-09-01",
                                  "checkOut": "2024-09-02", "rooms": "1", "adults": "1",
                                  "guest": "Jordan Lee", "email": "jordan.lee@example.com"})
    assert not search.judge(d.params, client.finish()).ok

    book = BY_NAME["book_room"]
    d = draft(book, 6)
    client = reached(book, d.params)
    book.reach(d.params, client)
    verdict = book.judge(d.params, client.finish())
    assert not verdict.ok and "2 reservations" in verdict.reason


def test_cheapest_near_skips_sold_out_hotels():
    """Near Goleta on Jul 26-27 the cheapest hotel (SpringHill Suites, $229) is sold out:
    the cheapest hotel with rooms is the Fairfield Inn, and that is what the task wants."""
    t = BY_NAME["book_best_near"]
    for seed in range(400):
        d = t.draft(random.Random(seed), {})
        if d.params["by"] == "price" and d.params["town"] == "Goleta" and \
                d.params["check_in"] <= "2024-07-26" < d.params["check_out"]:
            break
    else:
        pytest.fail("no draft of the cheapest hotel near Goleta over Jul 26")
    assert d.params["hotel_name"] == "Fairfield Inn & Suites Santa Barbara"
    assert t.judge(d.params, reached(t, d.params).finish()).ok


# -- REAL's test task, untouched -------------------------------------------------------------
def test_reference_end_states_do_not_pass_reals_marrisuite_script(tmp_path):
    """A training task does not redo the test task: REAL's eval_marrisuite_8 judges each
    reference end state a failure (the file named as agisdk names it, so the script's
    path-label and timestamp branches stay out). The control, a Goleta search like the
    test task's, passes."""
    from tests.support.sites import Replica

    replica = Replica("marrisuite", dump={"sort_keys": True})
    control = SiteClient(SITE, "marrisuite-8")
    control.get("/search", params={"destination": "Goleta", "checkIn": "2024-07-26",
                                   "checkOut": "2024-07-28"})
    jobs = [("marrisuite-8", control.finish())]
    for template in TEMPLATES:
        for seed in range(6):
            d = draft(template, seed)
            jobs.append(("marrisuite-8", reached(template, d.params).finish()))
    folder = tmp_path / "eval_eval_marrisuite_8.py_k2x9q"
    folder.mkdir()
    said = replica.run_scripts(jobs, folder)
    assert said == ["SUCCESS"] + ["FAILURE"] * (len(jobs) - 1), said
