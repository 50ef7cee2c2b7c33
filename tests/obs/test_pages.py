"""Page-type classifier and page fingerprint."""

import json
from pathlib import Path

import pytest

from halo_cli.obs.pages import PAGE_TYPES, classify, fingerprint, path_shape
from tests.support.axfixtures import checkout, compose, inbox, n, page, text, tree


def _product(name: str, price: str) -> dict:
    return tree(page(name, n("heading", name, level=1), n("StaticText", price),
                     n("button", "Add to Cart", text("Add to Cart")), nav=False))


def _cart() -> dict:
    return tree(page("Cart", n("heading", "Shopping Cart", level=1),
                     n("button", "Proceed to checkout"), nav=False))


def _confirmation() -> dict:
    return tree(page("Done", n("heading", "Thank you for your order!", level=1),
                     n("StaticText", "Order #123 is confirmed"), nav=False))


def _results() -> dict:
    return tree(page("Search", n("heading", "42 results for \"lamp\"", level=1),
                     n("link", "Lamp A"), n("link", "Lamp B"), nav=False))


def _message() -> dict:
    return tree(page("Lunch", n("heading", "Lunch on Friday", level=1),
                     n("button", "Reply"), n("button", "Forward"), n("StaticText", "Hi Bob,")))


def _form() -> dict:
    return tree(page("Sign up", n("textbox", "Name"), n("textbox", "Email"),
                     n("button", "Register"), nav=False))


@pytest.mark.parametrize(
    ("url", "ax", "want"),
    [
        ("http://h/", tree(inbox([("a", "b"), ("c", "d")])), "inbox"),
        ("http://h/email/17", _message(), "message"),
        ("http://h/", _message(), "message"),
        ("http://h/", tree(compose()), "compose"),
        ("http://h/search?q=lamp", _results(), "search_results"),
        ("http://h/", _results(), "search_results"),
        ("http://h/product/ab12", _product("Lamp", "$10"), "product"),
        ("http://h/", _product("Lamp", "$10"), "product"),
        ("http://h/", _cart(), "cart"),
        ("http://h/cart", tree(page("x", nav=False)), "cart"),
        ("http://h/", tree(checkout()), "checkout"),
        ("http://h/", _confirmation(), "confirmation"),
        ("http://h/", _form(), "form"),
        ("http://h/", tree(page("About", n("StaticText", "hello"), nav=False)), "other"),
    ],
)
def test_classify(url: str, ax: dict, want: str) -> None:
    assert want in PAGE_TYPES
    assert classify(url, ax) == want


def test_path_shape_masks_ids_and_query_values() -> None:
    assert path_shape("http://h/email/123?folder=inbox&x=1") == "/email/:id?folder&x"
    assert path_shape("http://h/p/3f2a9c1d-77e1-4f00-9c7e-1234567890ab") == "/p/:id"
    assert path_shape("http://h/users/bob2/posts") == "/users/:id/posts"
    assert path_shape("http://h") == "/"


def test_fingerprint_ignores_bids_counts_numbers_and_list_contents() -> None:
    a = tree(inbox([("Alice", "Lunch"), ("Bob", "Invoice 1")]), bid_start=0)
    b = tree(inbox([("Carol", "Party"), ("Dan", "x"), ("Eve", "y")], checked=(0,)),
             bid_start=500)
    assert fingerprint("http://h:1/inbox?page=1", a) == fingerprint("http://other/inbox?page=7", b)
    assert len(fingerprint("http://h/", a)) == 12


def test_fingerprint_separates_kinds_of_page() -> None:
    fps = {
        fingerprint("http://h/", tree(inbox([("a", "b")]))),
        fingerprint("http://h/", tree(compose())),
        fingerprint("http://h/", tree(checkout())),
        fingerprint("http://h/cart", _cart()),
        fingerprint("http://h/email/1", _message()),
    }
    assert len(fps) == 5


def test_item_pages_share_a_fingerprint() -> None:
    assert fingerprint("http://h/product/1", _product("Lamp", "$10")) == fingerprint(
        "http://h/product/2", _product("Chair", "$99")
    )


def test_dialog_changes_fingerprint() -> None:
    base = inbox([("a", "b")])
    with_dialog = inbox([("a", "b")])
    with_dialog["children"][0]["children"].append(
        n("dialog", "Delete 1 email?", n("button", "Confirm"), n("button", "Cancel")))
    assert fingerprint("http://h/", tree(base)) != fingerprint("http://h/", tree(with_dialog))


def test_pages_the_old_rules_got_wrong() -> None:
    shelf = [n("button", "Add to cart") for _ in range(6)]
    home = tree(page("Online Shopping", n("heading", "Deals", level=1), *shelf))
    assert classify("http://h/omnizon/", home) == "other"  # many "Add to cart": a list
    store = tree(page("Wingstop", n("heading", "Wingstop", level=1),
                      n("status", "", text("Added to cart")), text("Subtotal $12.00"),
                      n("button", "Add"), n("link", "Checkout")))
    assert classify("http://h/dashdish/store/wingstop", store) != "cart"
    hotels = tree(page("Hotels near Goleta", n("heading", "Hotels near Goleta", level=1),
                       n("checkbox", "Available hotels only"), n("button", "Apply")))
    url = "http://h/marrisuite/search?destination=Goleta&checkIn=2024-07-26&checkOut=2024-07-28"
    assert classify(url, hotels) == "search_results"
    feed = tree(page("Feed", n("banner", "", n("textbox", "Search")),
                     n("textbox", "Start a post"), n("button", "Post"),
                     *[n("link", f"Post {i}") for i in range(10)]))
    assert classify("http://h/networkin/", feed) == "other"
    week = tree(page("Week of July 14", n("complementary", "Sidebar", n("textbox", "Go to date"),
                                          n("textbox", "Time zone"), n("button", "Go")),
                     *[n("link", f"Event {i}") for i in range(8)]))
    assert classify("http://h/gocalendar/", week) == "other"
    ride = tree(page("Get a ride", n("search", "", n("textbox", "Pickup location"),
                                     n("textbox", "Dropoff location"), n("button", "Search"))))
    assert classify("http://h/udriver/", ride) == "form"


def test_the_labelled_set_names_real_types_once_per_page() -> None:
    rows = [json.loads(line) for line in
            (Path(__file__).parent / "data" / "page_types.jsonl").read_text().splitlines()]
    assert len(rows) > 800
    assert {r["type"] for r in rows} <= set(PAGE_TYPES)
    assert len({(r["task"], r["step"]) for r in rows}) == len(rows)
    assert len({r["task"] for r in rows}) == 120
