"""StayNB's templates, what is StayNB's own (the contract every template keeps is
tests/sites/test_templates.py): the site's pages show the reference end state; the judges
ignore what the goal does not ask, want the destination itself and the card given."""

from __future__ import annotations

import html

import pytest

from halo_cli.sites.registry import get_site
from halo_cli.sites.staynb.store.search import by_id
from halo_cli.sites.staynb.templates import TEMPLATES
from halo_cli.sites.templates import SiteClient, template_of
from tests.support.templates import draft, reached

SITE = get_site("staynb")


def _page_after_reference(template, params) -> str:
    client = SiteClient(SITE, template.base_task)
    template.reach(params, client)
    if template.name.startswith("search"):
        return client.get("/s").text
    if "wishlist" in template.name:
        return client.get("/wishlists/1").text
    return client.get("/trips").text


SHOWN = [t for t in TEMPLATES if "share" not in t.name]  # a share shows only a notice


@pytest.mark.parametrize("template", SHOWN, ids=[t.name for t in SHOWN])
def test_what_the_guest_sees_after_the_reference(template):
    """The reference end state shows on the site's pages: the results page names the
    destination (and the filters), the wishlist page its stays, Trips the booking."""
    d = draft(template, 3)
    page = html.unescape(_page_after_reference(template, d.params))
    p = d.params
    if template.name.startswith("search"):
        assert f"in {p['dest']}" in page
        assert "Filters applied" in page if p.get("amenities") or p.get("max_price") else True
    elif "wishlist" in template.name:
        assert p["name"] in page
        for sid in p.get("stays") or [p["pick"]]:
            assert by_id()[sid]["title"] in page
    else:
        assert "Reservation HM4821QX: Confirmed" in page and by_id()[p["stay"]]["title"] in page


def test_judges_ignore_what_the_goal_does_not_ask():
    """Browsing on after the search (a listing, Trips) and an earlier wrong search leave a
    search task done; the destination as typed ("rome, italy") is as good as the site's
    own spelling."""
    search = template_of("staynb", "search_stays")
    d = draft(search, 1)
    client = SiteClient(SITE, search.base_task)
    search.reach({**d.params, "dest": "Austria", "called": "Austria"}, client)
    search.reach({**d.params, "called": d.params["dest"].lower()}, client)
    client.get("/rooms/101")
    client.get("/trips")
    assert search.judge(d.params, client.finish()).ok


def test_search_judge_wants_the_destination_not_a_city_in_it():
    """A search for one city of a country-wide destination shows fewer places: it fails."""
    search = template_of("staynb", "search_stays")
    d = draft(search, 2)
    params = {**d.params, "dest": "Austria", "called": "Austria"}
    assert search.judge(params, reached(search, params)).ok
    assert not search.judge(params, reached(search, {**params, "called": "Vienna"})).ok


def test_booking_judge_wants_the_card_given():
    book = template_of("staynb", "book_stay")
    d = draft(book, 4)
    other = ["4111 1111 1111 1111", "01/29", "321", "30301"]
    assert not book.judge(d.params, reached(book, {**d.params, "card": other})).ok
