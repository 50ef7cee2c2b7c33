"""DashDish's templates, what is DashDish's own (the contract every template keeps is
tests/sites/test_templates.py): a reference places one order and a second order is not the
one asked for; the judge is tolerant of case and spacing but not of the size; the
"<dish> under $X" template, REAL's own shape, answers no v2 dashdish task at all."""

from __future__ import annotations

import pytest

from halo_cli.sites.dashdish.order_spec import placed_orders
from halo_cli.sites.registry import get_site
from halo_cli.sites.templates import SiteClient, Template, template_of, templates_of
from halo_cli.tasks.disjoint import V2Scripts
from halo_cli.tasks.registry import open_registry
from tests.support.templates import draft, reached

SITE = get_site("dashdish")
TEMPLATES = templates_of("dashdish")


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda t: t.name)
def test_the_reference_places_one_order_and_a_second_is_not_the_one_asked_for(
        template: Template):
    d = draft(template, 1)
    client = SiteClient(SITE, template.base_task)
    template.reach(d.params, client)
    assert len(placed_orders(client.finish())) == 1
    template.reach(d.params, client)
    verdict = template.judge(d.params, client.finish())
    assert not verdict.ok and "2 orders" in verdict.reason


def test_the_under_budget_template_answers_no_v2_task():
    """Its goals are REAL's shape ("order me fries ... under $15"): none of its reference
    end states passes any v2 dashdish script, the broad ones included."""
    template = template_of("dashdish", "dish_under_budget")
    with V2Scripts(open_registry(), "dashdish") as scripts:
        assert len(scripts.scripts) == 11
        passed = {seed: hits for seed in range(30)
                  if (hits := scripts.passing(reached(template, draft(template, seed).params)))}
    assert not passed, passed


def test_judge_is_tolerant_of_case_and_spacing_but_not_of_the_size():
    t = template_of("dashdish", "order_items")
    params = {"restaurant": "Papa Johns Pizza", "lines": [
        {"item_id": "pj-cheese", "name": "Cheese Pizza", "size": "Large", "sized": True,
         "price": 15.99, "quantity": 2}]}
    finish = reached(t, params)
    order = finish["differences"]["foodOrders"]["added"]["0"]
    for ln in order["cartItems"]:
        ln["name"], ln["restaurantName"] = "  cheese   PIZZA ", "papa johns pizza"
    finish["initialfinaldiff"]["added"]["cart"]["foodOrders"]["0"] = order
    assert t.judge(params, finish).ok
    order["cartItems"][0]["size"] = "Medium"
    verdict = t.judge(params, finish)
    assert not verdict.ok and "missing 2 × cheese pizza (large)" in verdict.reason
