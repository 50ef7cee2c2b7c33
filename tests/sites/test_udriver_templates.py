"""UDriver's templates, what is UDriver's own (the contract every template keeps is
tests/sites/test_templates.py): goals come in several phrasings; booking judges are strict
about what was asked and deaf to browsing; a wrong default card and a top-up of the wrong
amount say why they fail."""

from __future__ import annotations

import pytest

from halo_cli.sites.registry import get_site
from halo_cli.sites.templates import SiteClient, template_of, templates_of
from halo_cli.sites.udriver.template_parts import book as book_ride
from tests.support.templates import draft, draft_or_none, reached

SITE = get_site("udriver")
TEMPLATES = templates_of("udriver")


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda t: t.name)
def test_goals_come_in_several_phrasings(template):
    goals = [d.goal for s in range(60) if (d := draft_or_none(template, s))]
    openings = {" ".join(g.lower().split()[:2]) for g in goals}
    assert len(openings) >= 3, openings


def test_booking_judges_are_strict_about_what_was_asked_and_deaf_to_browsing():
    book = template_of("udriver", "book_ride")
    params = draft(book, 3).params
    client = SiteClient(SITE, book.base_task)
    for path in ("/trips", "/wallet", "/payment", "/trips/2"):
        assert client.get(path).status_code == 200
    client.get("/", params={"pickup": "hotel", "dropoff": "bank"})
    book.reach(params, client)
    assert book.judge(params, client.finish()).ok  # browsing first does not matter
    book_ride(client, params["dropoff"], params["pickup"], "UdriverX", "cash")  # and another
    verdict = book.judge(params, client.finish())
    assert not verdict.ok and verdict.reason.startswith("2 rides were booked")


def test_a_wrong_card_default_and_a_top_up_of_the_wrong_amount_say_why():
    card = template_of("udriver", "add_card_as_default")
    params = draft(card, 1).params
    verdict = card.judge(params, reached(card, {**params, "keep_default": True}))
    assert not verdict.ok and "UDriver Credits" in verdict.reason
    top = template_of("udriver", "top_up_credits")
    params = draft(top, 1).params
    verdict = top.judge(params, reached(top, {**params, "amount": params["amount"] + 5}))
    assert not verdict.ok and verdict.reason.startswith(f"added ${params['amount'] + 5}")
