"""DashDish replica without a browser: pages, state shape, and REAL's own eval scripts."""

from __future__ import annotations

import runpy

import pytest
from starlette.testclient import TestClient

from halo_cli.sites.dashdish.site import TASKS, DashDish
from halo_cli.sites.dashdish.solutions import negatives, solutions
from halo_cli.sites.dashdish.store import orders as store
from halo_cli.sites.dashdish.store.menus import catalog
from halo_cli.sites.server import build_app
from tests.support.sites import Replica, script_of, v2_tasks

SITE = Replica("dashdish", task="dashdish-1", config={"run_id": "0", "latency": "0"})
session, finish, run_script = SITE.session, SITE.finish, SITE.run_script


@pytest.fixture(scope="module")
def app():
    return build_app([DashDish()])


def add(c: TestClient, item_id: str, size: str = "", qty: int = 1) -> None:
    data = {"item_id": item_id, "quantity": str(qty)} | ({"size": size} if size else {})
    r = c.post("/dashdish/cart/add", data=data)
    assert r.status_code == 200 and "/store/" in r.url.path, r.text[:200]


def place(c: TestClient, **form: str):
    r = c.post("/dashdish/checkout/place", data=form)
    assert r.status_code == 200 and r.url.path.startswith("/dashdish/orders/ORD-"), r.text[:200]
    return r


# -- site basics -------------------------------------------------------------------------
def test_supported_tasks_are_the_v2_dashdish_tasks():
    assert sorted(DashDish().supported_tasks()) == v2_tasks("dashdish") == sorted(TASKS)


def test_registry_finds_the_site():
    from halo_cli.sites.registry import get_site

    site = get_site("dashdish")
    assert site.id == "dashdish" and site.diff_mode == "deep-object-diff"


def test_seed_has_the_names_the_scripts_need():
    names = {r.name for r in catalog().restaurants}
    assert {"Wingstop", "Taco Boys", "RT Rotisserie", "Gambinos New York Subs", "Man vs. Fries",
            "Papa Johns Pizza", "Mashaallah Halal Food Pakistani Food"} <= names
    wings = [it.name for it in catalog().by_id["wingstop"].items if it.name.endswith(" Wings")]
    assert len(wings) >= 3 and "Lemon Pepper Wings" in wings
    assert catalog().items["mh-chicken-biryani"].price_of("Medium") == 17.11
    assert len(catalog().items) >= 80 and len(catalog().restaurants) >= 10


def test_rice_check_of_the_real_script_on_the_menu():
    rice = runpy.run_path(str(script_of("dashdish-12")))["item_contains_rice"]

    def is_rice(item_id: str) -> bool:
        it = catalog().items[item_id]
        return rice({"name": it.name, "description": it.description,
                     "restaurantName": catalog().by_id[it.restaurant_id].name})

    assert all(map(is_rice, ["mh-chicken-biryani", "tt-chicken-teriyaki", "de-beef-fried-rice"]))
    assert not any(map(is_rice, ["mh-garlic-naan", "de-spicy-beef-noodles", "tt-spicy-tuna"]))


def test_seed_state_shape():
    state = DashDish().new_session("dashdish-1").state
    cart = state["cart"]
    assert cart["cartItems"] == [] and cart["foodOrders"] == []
    assert cart["checkoutDetails"]["shipping"] == {
        "shippingOption": "Delivery", "deliveryOption": "Standard",
        "dropOffOption": "Leave it at my door", "dropOffInstructions": "", "scheduledTime": ""}
    assert cart["checkoutDetails"]["payment"] == {"type": "Visa", "last4": "4242"}


def test_pages_render_with_named_controls(app):
    c = session(app)
    home = c.get("/dashdish/").text
    assert 'aria-label="Search DashDish"' in home and ">Wingstop</a>" in home
    assert 'href="/dashdish/category/light-fresh">Light &amp; fresh</a>' in home
    menu = c.get("/dashdish/store/wingstop").text
    assert 'aria-label="Add Lemon Pepper Wings to cart"' in menu and "<h2" in menu
    dish = c.get("/dashdish/store/papa-johns/item/pj-pepperoni").text
    assert "<legend>Size</legend>" in dish and ">Medium, $14.99</label>" in dish
    assert '<label for="quantity">Quantity</label>' in dish and ">Add to cart</button>" in dish
    found = c.get("/dashdish/search", params={"q": "noodles"}).text
    assert "Spicy Beef Noodles" in found and "Lemon Pepper" not in found
    assert ">Taco Boys</a>" in c.get("/dashdish/category/mexican").text
    assert "Your cart is empty" in c.get("/dashdish/cart").text
    assert c.get("/dashdish/store/nope").status_code == 404
    assert c.get("/dashdish/store/wingstop/item/pj-pepperoni").status_code == 404


# -- cart and checkout -------------------------------------------------------------------
def test_cart_merges_updates_and_removes(app):
    c = session(app)
    add(c, "ws-lemon-pepper")
    add(c, "ws-lemon-pepper", "6 pc", 2)
    add(c, "ws-lemon-pepper", "10 pc")
    page = c.get("/dashdish/cart").text
    assert 'aria-label="Remove Lemon Pepper Wings (6 pc)"' in page and "Subtotal (4 items)" in page
    c.post("/dashdish/cart/update", data={"item_id": "ws-lemon-pepper", "size": "6 pc",
                                          "quantity": "1"})
    c.post("/dashdish/cart/remove", data={"item_id": "ws-lemon-pepper", "size": "10 pc"})
    added = finish(c)["initialfinaldiff"]["added"]["cart"]["cartItems"]
    assert list(added) == ["0"] and added["0"]["quantity"] == 1 and added["0"]["price"] == 8.99


def test_one_store_per_cart(app):
    c = session(app)
    add(c, "ws-lemon-pepper")
    r = c.post("/dashdish/cart/add", data={"item_id": "tb-single-taco"})
    assert "Start a new cart?" in r.text and "Wingstop" in r.text
    (kept,) = finish(c)["initialfinaldiff"]["added"]["cart"]["cartItems"].values()
    assert kept["restaurantName"] == "Wingstop"
    r = c.post("/dashdish/cart/add", data={"item_id": "tb-single-taco", "replace": "1"})
    assert r.url.path == "/dashdish/store/taco-boys"
    (line,) = finish(c)["initialfinaldiff"]["added"]["cart"]["cartItems"].values()
    assert line["restaurantName"] == "Taco Boys"


def test_checkout_choices_change_the_total(app):
    c = session(app)
    add(c, "de-spicy-beef-noodles")
    page = c.get("/dashdish/checkout").text
    assert 'aria-pressed="true">Delivery' in page and ">Place order</button>" in page
    assert "<dt>Delivery fee</dt><dd>$2.99</dd>" in page and "<dd><b>$19.54</b></dd>" in page
    c.post("/dashdish/checkout/delivery", data={"option": "Express"})
    c.post("/dashdish/checkout/tip", data={"tip": "3"})
    assert "<dd><b>$25.53</b></dd>" in c.get("/dashdish/checkout").text
    c.post("/dashdish/checkout/shipping", data={"option": "Pickup"})
    page = c.get("/dashdish/checkout").text
    assert "Pick up at DragonEats" in page and "<dd><b>$15.15</b></dd>" in page
    slot = store.schedule_slots()[3][0]
    c.post("/dashdish/checkout/shipping", data={"option": "Delivery"})
    c.post("/dashdish/checkout/delivery", data={"option": "Schedule", "time": slot})
    assert "Scheduled for Today, Jul 18, 3:30 PM - 4:00 PM" in c.get("/dashdish/checkout").text


def test_placing_an_order_appends_to_food_orders(app):
    c = session(app)
    add(c, "pj-pepperoni", "Medium")
    r = place(c, drop_off="Hand it to me", instructions="Gate code 1234", payment="mastercard-5100")
    assert "Order placed" in r.text and "Mastercard •••• 5100" in r.text
    payload = finish(c)
    diff = payload["initialfinaldiff"]
    (order,) = diff["added"]["cart"]["foodOrders"].values()
    assert payload["differences"]["foodOrders"]["added"] == {"0": order}
    assert isinstance(order["orderId"], str) and order["orderId"].startswith("ORD-")
    assert order["createdAt"] == "2024-07-18T19:30:00.000Z"
    assert isinstance(order["cartItems"], list) and order["cartItems"][0]["size"] == "Medium"
    ship = order["checkoutDetails"]["shipping"]
    assert ship["dropOffOption"] == "Hand it to me" and ship["dropOffInstructions"] == "Gate code 1234"
    assert order["checkoutDetails"]["charges"]["totalAmount"] == 20.77
    assert "cartItems" not in diff["added"]["cart"]  # the cart was emptied
    assert order["orderId"] in c.get("/dashdish/orders").text
    assert "Your cart is empty" in c.get("/dashdish/cart").text


def test_live_cart_is_never_an_order(app, tmp_path):
    """An agent that fills the cart and picks checkout options but never places the order
    fails, also on dashdish-1/3/10/11, which search the whole diff for order-like dicts."""
    c = session(app)
    add(c, "de-spicy-beef-noodles")
    add(c, "de-chow-mein")
    c.post("/dashdish/checkout/delivery", data={"option": "Express"})
    c.post("/dashdish/checkout/tip", data={"tip": "2"})
    assert c.get("/dashdish/checkout").status_code == 200
    payload = finish(c)
    assert isinstance(payload["initialfinaldiff"]["added"]["cart"]["cartItems"], dict)
    for task in ("dashdish-1", "dashdish-3", "dashdish-10", "dashdish-11", "dashdish-7"):
        assert run_script(task, payload, tmp_path) == "FAILURE", task
    fries = session(app)
    add(fries, "mvf-cajun-fries")
    fries.post("/dashdish/checkout/shipping", data={"option": "Pickup"})
    assert run_script("dashdish-10", finish(fries), tmp_path) == "FAILURE"


# -- the real eval scripts on HTTP-driven sessions ---------------------------------------
# task, [(item id, size, qty)], checkout posts [(path, form)], place?, expected
EXPRESS = ("delivery", {"option": "Express"})
PICKUP = ("shipping", {"option": "Pickup"})
SCENARIOS = [
    ("dashdish-1", [("de-spicy-beef-noodles", "", 1)], [], True, "SUCCESS"),
    ("dashdish-1", [("tt-tempura-udon", "", 1)], [EXPRESS], True, "SUCCESS"),
    ("dashdish-1", [("de-noodle-platter", "", 1)], [], True, "FAILURE"),
    ("dashdish-1", [("de-beef-fried-rice", "", 1)], [], True, "FAILURE"),
    ("dashdish-3", [("pj-pepperoni", "Medium", 1)], [], True, "SUCCESS"),
    ("dashdish-3", [("lc-hot-n-ready", "", 1)], [], True, "SUCCESS"),
    ("dashdish-3", [("pj-family-meal", "", 1)], [], True, "FAILURE"),
    ("dashdish-3", [("pj-pepperoni", "Extra Large", 1)], [EXPRESS, ("tip", {"tip": "5"})], True,
     "FAILURE"),
    ("dashdish-4", [("rt-crispy-chicken-sandwich", "", 1)], [], True, "SUCCESS"),
    ("dashdish-4", [("gb-italian-combo", "8 inch", 1)], [], True, "SUCCESS"),
    ("dashdish-4", [("ws-tenders", "", 1)], [], True, "FAILURE"),
    ("dashdish-4", [("rt-crispy-chicken-sandwich", "", 2)], [], True, "FAILURE"),
    ("dashdish-7", [("ws-lemon-pepper", "10 pc", 1)], [], True, "SUCCESS"),
    ("dashdish-7", [("wp-lemon-pepper", "", 1)], [], True, "FAILURE"),
    ("dashdish-7", [("ws-lemon-pepper", "", 1)], [], False, "FAILURE"),
    ("dashdish-8", [("tb-carne-asada-burrito", "", 1), ("tb-chips-guac", "", 1)], [], True,
     "SUCCESS"),
    ("dashdish-8", [("tb-single-taco", "", 1)], [], True, "FAILURE"),
    ("dashdish-8", [("tb-street-tacos", "", 2)], [PICKUP], True, "FAILURE"),  # 19.53 at pickup
    ("dashdish-10", [("mvf-cajun-fries", "", 1)], [], True, "SUCCESS"),
    ("dashdish-10", [("mvf-party-tray", "", 1)], [], True, "FAILURE"),
    ("dashdish-11", [("gb-italian-combo", "12 inch", 1)], [], True, "SUCCESS"),
    ("dashdish-11", [("gb-party-sub", "", 1)], [], True, "FAILURE"),
    ("dashdish-11", [("mvf-smash-burger", "", 1)], [], True, "FAILURE"),
    ("dashdish-12", [("mh-chicken-biryani", "Medium", 1)], [], True, "SUCCESS"),
    ("dashdish-12", [("tt-chicken-teriyaki", "", 1), ("tt-gyudon", "", 1)], [], True, "FAILURE"),
    ("dashdish-12", [("mh-chicken-biryani", "", 1), ("mh-garlic-naan", "", 1)], [], True,
     "FAILURE"),
    ("dashdish-12", [("mh-chicken-biryani", "Large", 1)], [EXPRESS], True, "FAILURE"),
    ("dashdish-17", [("ws-lemon-pepper", "", 1), ("ws-garlic-parmesan", "", 1)], [EXPRESS], True,
     "SUCCESS"),
    ("dashdish-17", [("ws-lemon-pepper", "", 1), ("ws-garlic-parmesan", "", 1)], [], True,
     "FAILURE"),
    ("dashdish-17", [("ws-lemon-pepper", "", 2)], [EXPRESS], True, "FAILURE"),
    ("dashdish-17", [("ws-lemon-pepper", "6 pc", 1), ("ws-lemon-pepper", "10 pc", 1)], [EXPRESS],
     True, "FAILURE"),
    ("dashdish-17", [("ws-lemon-pepper", "", 1), ("ws-seasoned-fries", "", 1)], [EXPRESS], True,
     "FAILURE"),
    ("dashdish-24", [("rt-rotisserie-sandwich", "", 1)], [], True, "SUCCESS"),
    ("dashdish-24", [("rt-chicken-plate", "", 1)], [], True, "FAILURE"),
    ("dashdish-26", [("ws-original-hot", "", 1)], [PICKUP], True, "SUCCESS"),
    ("dashdish-26", [("ws-original-hot", "", 1)], [], True, "FAILURE"),
    ("dashdish-26", [("ws-original-hot", "20 pc", 1)], [PICKUP], True, "SUCCESS"),
    ("dashdish-26", [("ws-original-hot", "20 pc", 1), ("ws-lemon-pepper", "10 pc", 1)], [PICKUP], True,
     "FAILURE"),
]


@pytest.mark.parametrize("task,lines,posts,placed,expected", SCENARIOS,
                         ids=[f"{s[0]}-{i}-{s[4]}" for i, s in enumerate(SCENARIOS)])
def test_real_eval_script_judges_http_session(app, tmp_path, task, lines, posts, placed,
                                              expected):
    c = session(app, task)
    for item_id, size, qty in lines:
        add(c, item_id, size, qty)
    for path, form in posts:
        assert c.post(f"/dashdish/checkout/{path}", data=form).url.path == "/dashdish/checkout"
    if placed:
        place(c)
    assert run_script(task, finish(c), tmp_path) == expected


def test_every_task_has_a_successful_http_scenario():
    assert {s[0] for s in SCENARIOS if s[4] == "SUCCESS"} == set(TASKS)


# -- malformed requests ------------------------------------------------------------------
@pytest.mark.parametrize("path,form,status", [
    ("/cart/add", {}, 404),
    ("/cart/add", {"item_id": "nope"}, 404),
    ("/cart/add", {"item_id": "pj-pepperoni", "size": "Gigantic"}, 400),
    ("/cart/add", {"item_id": "pj-pepperoni", "quantity": "x"}, 400),
    ("/cart/add", {"item_id": "pj-pepperoni", "quantity": "99"}, 400),
    ("/cart/update", {"item_id": "pj-pepperoni"}, 400),
    ("/cart/update", {"item_id": "pj-pepperoni", "size": "Small", "quantity": "2"}, 404),
    ("/cart/remove", {"item_id": "x", "size": "y"}, 404),
    ("/checkout/shipping", {"option": "Drone"}, 400),
    ("/checkout/delivery", {"option": "Schedule", "time": "yesterday"}, 400),
    ("/checkout/tip", {"tip": "7"}, 400),
    ("/checkout/tip", {"tip": "lots"}, 400),
    ("/checkout/place", {}, 409),
    ("/checkout/place", {"payment": "amex"}, 400),
    ("/checkout/place", {"drop_off": "Throw it"}, 400),
])
def test_malformed_posts_get_4xx(app, path, form, status):
    c = session(app)
    r = c.post(f"/dashdish{path}", data=form)
    assert r.status_code == status and "\n" == r.text[-1] and len(r.text.splitlines()) == 1


def test_wrong_method_and_unknown_pages(app):
    c = session(app)
    assert c.get("/dashdish/cart/add").status_code == 405
    assert c.post("/dashdish/checkout").status_code == 405
    assert c.get("/dashdish/orders/ORD-NOPE").status_code == 404
    assert c.get("/dashdish/category/nope").status_code == 404
    assert c.get("/dashdish/search", params={"q": "x" * 5000}).status_code == 200
    # nothing but /config's own record changed
    assert finish(c)["initialfinaldiff"]["added"] == {"config": {"dashdish": {"run_id": "0",
                                                                             "latency": 0}}}


# -- solutions ---------------------------------------------------------------------------
def test_solutions_cover_every_task_with_fresh_objects():
    refs = solutions()
    assert sorted(s.task for s in refs) == sorted(TASKS)
    assert refs[0] is not solutions()[0] and refs[0].steps[0] is not solutions()[0].steps[0]
    negs = negatives()
    assert all(s.kind == "negative" for s in negs) and len(negs) >= 2 * 5
    assert {"dashdish-1", "dashdish-10"} <= {s.task for s in negs}
    assert len({(s.task, s.label) for s in negs}) == len(negs)
