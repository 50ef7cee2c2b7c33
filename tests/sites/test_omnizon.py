"""Omnizon replica without a browser: pages, state shape, and REAL's own eval scripts."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from halo_cli.sites.omnizon.site import Omnizon
from halo_cli.sites.omnizon.solutions import negatives, solutions
from halo_cli.sites.omnizon.store import TASKS, USER, catalog
from halo_cli.sites.server import build_app
from tests.support.sites import Replica, check_solutions, v2_tasks

SITE = Replica("omnizon", dump={})
session, finish = SITE.session, SITE.finish


def pid(name: str) -> str:
    """The id of the one product whose name contains `name`."""
    hits = [p["id"] for p in catalog().products if name in p["name"]]
    assert len(hits) == 1, (name, hits)
    return hits[0]


@pytest.fixture(scope="module")
def app():
    return build_app([Omnizon()])


def titles(page: str) -> list[str]:
    return [html.unescape(t) for t in re.findall(r'class="rtitle"[^>]*>([^<]*)<', page)]


def add(c: TestClient, product_id: str, qty: int = 1) -> None:
    r = c.post("/omnizon/cart/add", data={"product_id": product_id, "quantity": str(qty),
                                          "action": "add"})
    assert r.status_code == 200 and r.url.path == "/omnizon/cart"


def place(c: TestClient, buy: str = "", qty: int = 1):
    fields = {**USER["address"], **USER["payment"], "shipping": "standard"}
    if buy:
        fields |= {"buy": buy, "qty": str(qty)}
    r = c.post("/omnizon/checkout/place", data=fields)
    assert r.status_code == 200 and r.url.path == "/omnizon/confirmation", r.text[:300]
    return r


# -- site basics -------------------------------------------------------------------------
def test_supported_tasks_are_the_v2_omnizon_tasks():
    assert sorted(Omnizon().supported_tasks()) == v2_tasks("omnizon") == sorted(TASKS)


def test_registry_finds_the_site():
    from halo_cli.sites.registry import get_site

    site = get_site("omnizon")
    assert site.id == "omnizon" and site.title == "Omnizon"


def test_catalog_holds_the_ids_the_scripts_name():
    c = catalog()
    assert len(c.products) >= 120
    assert len({p["name"] for p in c.products}) == len(c.products)
    expect = {"16": "PS5", "91": "Apron", "114": "Sports Balls Pack", "159": "40 Inch",
              "167": "Neck Pillow", "170": "Neck Pillow", "192": "Gaming", "193": "Gaming",
              "212": "Pot", "215": "Pot"}
    for i, word in expect.items():
        assert word in c.by_id[i]["name"], (i, c.by_id[i]["name"])
    heads = [p["price"] for p in c.search("headphones")]
    assert min(heads) < 24 and max(heads) > 100 and any(24 < x < 100 for x in heads)
    assert 24.0 in heads and 100.0 in heads  # exact bounds, both excluded by omnizon-3
    gaming = [p["price"] for p in c.search("gaming")]
    assert min(gaming) < 100 < max(gaming)


def test_seed_state_has_the_keys_scripts_read_as_updated(app):
    state = Omnizon().new_session("omnizon-3").state
    assert state["filter"]["searchQuery"] == state["filter"]["searchInputValue"] == ""
    assert state["router"]["location"]["pathname"] == "/"
    assert state["order"]["orders"] == {} and state["cart"]["items"] == {}


def test_pages_render_with_named_controls(app):
    c = session(app, "omnizon-3")
    home = c.get("/omnizon/")
    assert home.status_code == 200
    assert 'aria-label="Search Omnizon"' in home.text and ">Search</button>" in home.text
    page = c.get("/omnizon/product/16").text
    assert '<label for="quantity">Quantity</label>' in page
    assert ">Add to Cart</button>" in page and ">Buy Now</button>" in page
    assert c.get("/omnizon/product/9999").status_code == 404
    assert c.get("/omnizon/category/kitchen").status_code == 200
    assert "Chef Apron" in c.get("/omnizon/category/kitchen").text


# -- search ------------------------------------------------------------------------------
def test_search_filters_results_and_is_recorded(app):
    c = session(app, "omnizon-3")
    page = c.get("/omnizon/search", params={"q": "headphones"}).text
    names = titles(page)
    assert names and all("Headphones" in n for n in names)
    assert not any("Earbuds" in n or "Keyboard" in n for n in names)
    diff = finish(c)["initialfinaldiff"]
    assert diff["updated"]["filter"]["searchQuery"] == "headphones"
    assert diff["updated"]["filter"]["searchInputValue"] == "headphones"
    assert diff["updated"]["router"]["location"]["pathname"] == "/search"


def test_price_filter_and_sort(app):
    c = session(app, "omnizon-3")
    page = c.get("/omnizon/search", params={"q": "headphones", "min": "25", "max": "99.99",
                                            "sort": "price-asc"}).text
    prices = [catalog().by_id[pid(n)]["price"] for n in titles(page)]
    assert prices == sorted(prices) and all(25 <= x <= 99.99 for x in prices) and prices


def test_search_stems_and_multiword(app):
    assert [p["id"] for p in catalog().search("40 inch desk")] == ["159"]
    assert [p["id"] for p in catalog().search("PS5 controller")] == ["16"]
    assert {p["id"] for p in catalog().search("cooking pots")} == {"212", "215"}
    assert {p["id"] for p in catalog().search("neck pillow")} == {"167", "170"}


# -- cart and orders ---------------------------------------------------------------------
def test_cart_update_remove(app):
    c = session(app, "omnizon-29")
    add(c, "159")
    add(c, "159")
    add(c, pid("Ergonomic Mesh Office Chair"))
    cart = c.get("/omnizon/cart").text
    assert "Subtotal (3 items)" in cart and 'aria-label="Delete Computer Desk 40 Inch' in cart
    c.post("/omnizon/cart/update", data={"product_id": "159", "quantity": "1"})
    c.post("/omnizon/cart/remove", data={"product_id": pid("Ergonomic Mesh Office Chair")})
    items = finish(c)["initialfinaldiff"]["added"]["cart"]["items"]
    assert items == {"159": {"id": "159", "name": catalog().by_id["159"]["name"],
                             "price": 69.99, "quantity": 1}}


def test_checkout_creates_order_in_the_shape_scripts_read(app):
    c = session(app, "omnizon-29")
    add(c, "159")
    add(c, pid("Ergonomic Mesh Office Chair"))
    checkout = c.get("/omnizon/checkout").text
    for label in ("Full name", "Street address", "ZIP code", "Card number", "Place your order"):
        assert label in checkout
    conf = place(c)
    assert "Order placed, thank you!" in conf.text
    diff = finish(c)["initialfinaldiff"]
    assert diff["updated"]["router"]["location"]["pathname"] == "/confirmation"
    (order,) = diff["added"]["order"]["orders"].values()
    assert [(i["id"], i["quantity"]) for i in order["items"]] == [
        ("159", 1), (pid("Ergonomic Mesh Office Chair"), 1)]
    assert all(isinstance(i["price"], float) and i["name"] for i in order["items"])
    assert order["total"] > order["subtotal"] > 0 and order["orderNumber"] and order["date"]
    assert "cart" not in diff["added"]  # the cart was emptied by the order
    assert order["orderNumber"] in c.get("/omnizon/orders").text


def test_buy_now_orders_only_that_item_and_keeps_the_cart(app):
    c = session(app, "omnizon-24")
    add(c, "91")
    r = c.post("/omnizon/cart/add", data={"product_id": "16", "quantity": "2", "action": "buy"})
    assert r.url.path == "/omnizon/checkout" and "quantity 2" in r.text
    place(c, buy="16", qty=2)
    diff = finish(c)["initialfinaldiff"]
    (order,) = diff["added"]["order"]["orders"].values()
    assert [(i["id"], i["quantity"]) for i in order["items"]] == [("16", 2)]
    assert diff["added"]["cart"]["items"]["91"]["quantity"] == 1


def test_checkout_requires_address(app):
    c = session(app, "omnizon-3")
    add(c, "7")
    fields = {**USER["address"], **USER["payment"], "fullName": ""}
    r = c.post("/omnizon/checkout/place", data=fields)
    assert r.status_code == 422 and "Please fill in" in r.text
    assert finish(c)["initialfinaldiff"]["added"].get("order") is None


# -- the real eval scripts on HTTP-driven sessions ---------------------------------------
def _run_script(task: str, payload: dict, tmp_path: Path) -> str:
    folder = tmp_path / task  # a private folder: eval_omnizon_28 also reads sibling files
    folder.mkdir(exist_ok=True)
    return SITE.run_script(task, payload, folder, "state.json")


# task, searches, ordered lines [(product name part, qty)], place the order?, expected
SCENARIOS = [
    ("omnizon-3", ["headphones"], [("Headphones BX5", 1)], True, "SUCCESS"),
    ("omnizon-3", ["headphones"], [("AuraSound ANC Headphones Q30", 1)], True, "SUCCESS"),
    ("omnizon-3", ["headphones"], [("Kleer Premium Studio Headphones", 1)], True, "FAILURE"),
    ("omnizon-3", ["headphones"], [("Novatek Studio Monitor Headphones", 1)], True, "FAILURE"),
    ("omnizon-3", ["earbuds"], [("True Wireless Earbuds A1", 1)], True, "FAILURE"),
    ("omnizon-3", ["headphones"], [("Headphones BX5", 1)], False, "FAILURE"),
    ("omnizon-9", ["gaming"], [("RGB Gaming Mouse", 1)], True, "SUCCESS"),
    ("omnizon-9", ["ps5 controller"], [("DualSense Wireless Controller", 1)], True, "SUCCESS"),
    ("omnizon-9", ["gaming"], [("Gaming Headset 7.1", 1)], True, "FAILURE"),
    ("omnizon-13", ["cooking pot"], [("Stock Pot", 1)], True, "SUCCESS"),
    ("omnizon-13", ["cooking pot"], [("Dutch Oven", 1)], True, "SUCCESS"),
    ("omnizon-13", ["pot"], [("Ceramic Plant Pot", 1)], True, "FAILURE"),
    ("omnizon-15", ["sports balls"], [("Sports Balls Pack", 1)], True, "SUCCESS"),
    ("omnizon-15", ["basketball"], [("Official Size Basketball", 1)], True, "FAILURE"),
    ("omnizon-17", ["neck pillow"], [("Cervical Neck Pillow", 1)], True, "SUCCESS"),
    ("omnizon-17", ["neck pillow"], [("Travel Neck Pillow", 1)], True, "SUCCESS"),
    ("omnizon-17", ["neck pillow"], [("Travel Neck Pillow", 2)], True, "FAILURE"),
    ("omnizon-17", ["neck pillow"], [("Travel Neck Pillow", 1), ("Cervical Neck", 1)], True,
     "FAILURE"),
    ("omnizon-24", ["ps5 controller"], [("DualSense Wireless Controller", 2)], True, "SUCCESS"),
    ("omnizon-24", ["ps5 controller"], [("DualSense Wireless Controller", 1)], True, "FAILURE"),
    ("omnizon-24", ["controller"],
     [("DualSense Wireless Controller", 1), ("Xbox Wireless Controller", 1)], True, "FAILURE"),
    ("omnizon-24", ["ps5 controller"], [("DualSense Wireless Controller", 2)], False, "FAILURE"),
    ("omnizon-25", ["apron", "cooking pot"], [("Chef Apron", 1), ("Stock Pot", 1)], True,
     "SUCCESS"),
    ("omnizon-25", ["apron", "teapot"], [("Chef Apron", 1), ("Glass Teapot", 1)], True,
     "FAILURE"),
    ("omnizon-25", ["apron", "cooking pot"], [("Chef Apron", 1), ("Stock Pot", 2)], True,
     "FAILURE"),
    ("omnizon-28", ["silverware set"], [("20-Piece Silverware Set", 1)], True, "SUCCESS"),
    ("omnizon-28", ["silverware"], [("Silverware Drawer Organizer", 1)], True, "FAILURE"),
    ("omnizon-28", ["silverware set"], [("20-Piece Silverware Set", 1)], False, "FAILURE"),
    ("omnizon-29", ["desk", "office chair"], [("Desk 40 Inch", 1), ("Mesh Office Chair", 1)],
     True, "SUCCESS"),
    ("omnizon-29", ["desk", "office chair"], [("Desk 48 Inch", 1), ("Mesh Office Chair", 1)],
     True, "FAILURE"),
    ("omnizon-29", ["desk"], [("Desk 40 Inch", 1)], True, "FAILURE"),
    ("omnizon-29", ["desk", "office chair"], [("Desk 40 Inch", 1), ("Mesh Office Chair", 2)],
     True, "FAILURE"),
    ("omnizon-30", ["queen bed frame"], [("Queen Size Metal Platform Bed Frame", 1)], True,
     "SUCCESS"),
    ("omnizon-30", [], [("Queen Size Metal Platform Bed Frame", 1)], True, "FAILURE"),
    ("omnizon-30", ["bed frame"], [("Queen Size Metal Platform Bed Frame", 1)], False,
     "FAILURE"),
]


@pytest.mark.parametrize("task,searches,lines,placed,expected", SCENARIOS,
                         ids=[f"{s[0]}-{i}-{s[4]}" for i, s in enumerate(SCENARIOS)])
def test_real_eval_script_judges_http_session(app, tmp_path, task, searches, lines, placed,
                                              expected):
    c = session(app, task)
    for q in searches:
        assert c.get("/omnizon/search", params={"q": q}).status_code == 200
    for name, qty in lines:
        add(c, pid(name), qty)
    if placed:
        place(c)
    else:
        assert c.get("/omnizon/checkout").status_code == 200
    assert _run_script(task, finish(c), tmp_path) == expected


def test_every_task_has_a_successful_http_scenario():
    assert {s[0] for s in SCENARIOS if s[4] == "SUCCESS"} == set(TASKS)


# -- solutions ---------------------------------------------------------------------------
def test_solutions_cover_every_task_with_fresh_objects():
    check_solutions(solutions, negatives, TASKS, negative_tasks=3)



def test_listings_paginate(app):
    c = session(app, "omnizon-3")
    n = sum(p["category"] == "electronics" for p in catalog().products)
    first = c.get("/omnizon/category/electronics").text
    assert "Page 1 of 2" in first and "Next page" in first
    second = c.get("/omnizon/category/electronics", params={"page": 2}).text
    assert set(titles(first)).isdisjoint(titles(second))
    assert len(titles(first)) + len(titles(second)) == n


def test_browsing_and_filters_keep_the_recorded_search(app):
    c = session(app, "omnizon-30")
    c.get("/omnizon/search", params={"q": "bed frame"})
    page = c.get("/omnizon/category/furniture").text
    assert 'name="q"' not in page.split("<aside", 1)[1]  # the filter form carries no empty q
    c.get("/omnizon/search", params={"category": "furniture", "max": "150"})
    f = finish(c)["initialfinaldiff"]["updated"]["filter"]
    assert f["searchQuery"] == "bed frame" and f["category"] == "furniture"


def test_products_json_is_the_builder_output():
    from halo_cli.sites.omnizon.data.build_products import build

    assert build() == list(catalog().products)
