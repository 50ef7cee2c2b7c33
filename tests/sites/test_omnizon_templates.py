"""Omnizon's templates, what is Omnizon's own (the contract every template keeps is
tests/sites/test_templates.py): the site's pages show the reference end state, the judges
ignore what the goal does not ask and hold to the price range."""

from __future__ import annotations

import html

import pytest

from halo_cli.sites.omnizon.templates import TEMPLATES
from halo_cli.sites.registry import get_site
from halo_cli.sites.templates import SiteClient
from tests.support.templates import draft, reached

SITE = get_site("omnizon")


@pytest.mark.parametrize("template", TEMPLATES, ids=[t.name for t in TEMPLATES])
def test_what_the_shopper_sees_after_the_reference(template):
    """The reference end state shows on the site's own pages: the orders page lists what
    was bought, or the cart lists what was added."""
    d = draft(template, 3)
    client = SiteClient(SITE, template.base_task)
    template.reach(d.params, client)
    page = client.get("/cart" if d.params["checkout"] == "none" else "/orders").text
    for line in d.params["lines"]:
        assert html.escape(line["name"], quote=False) in page


def test_judges_ignore_what_the_goal_does_not_ask():
    """Browsing on after the order (another search, the orders page) changes nothing; an
    order of several items placed as two orders still buys what was asked."""
    named, several = TEMPLATES[0], TEMPLATES[3]
    d = draft(named, 1)
    client = SiteClient(SITE, named.base_task)
    named.reach(d.params, client)
    client.get("/search", params={"q": "anything else"})
    client.get("/orders")
    assert named.judge(d.params, client.finish()).ok

    d = draft(several, 2)
    client = SiteClient(SITE, several.base_task)
    for line in d.params["lines"]:  # each bought on its own with Buy Now
        several.reach({**d.params, "lines": [line], "checkout": "buy_now"}, client)
    assert several.judge(d.params, client.finish()).ok


def test_price_range_judge_holds_to_the_bounds():
    """An item of the kind priced outside the range fails, one inside passes, whichever
    the reference picked."""
    template = next(t for t in TEMPLATES if t.name == "buy_in_price_range")
    d = draft(template, 4)
    for pid in d.params["allowed"]:
        near = {**d.params, "lines": [{**d.params["lines"][0], "id": pid}]}
        assert template.judge(d.params, reached(template, near)).ok
