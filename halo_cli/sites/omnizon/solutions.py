"""Reference solutions (must score 1) and negative controls (must score 0) for Omnizon.

Targets are named by role and accessible name only; every call builds fresh objects.
"""

from __future__ import annotations

from halo_cli.sites import reference as R
from halo_cli.sites.reference import Solution, Step


def _search(query: str) -> list[Step]:
    return [R.fill("textbox", "Search Omnizon", query), R.click("button", "Search", exact=True)]


def _buy_now(product: str, quantity: int = 1) -> list[Step]:
    """Open `product` from the results, Buy Now, place the order with the default details."""
    steps = [R.click("link", product)]
    if quantity != 1:
        steps.append(R.select("combobox", "Quantity", str(quantity)))
    return [*steps, R.click("button", "Buy Now", exact=True),
            R.click("button", "Place your order", exact=True)]


def _add_from_results(product: str) -> Step:
    return R.click("button", f"Add to Cart: {product}")


def _checkout_cart() -> list[Step]:
    return [R.click("button", "Proceed to checkout"),
            R.click("button", "Place your order", exact=True)]


HEADPHONES = "Bassline Active Noise Cancelling Headphones BX5"  # $59.99
DESK_40 = "Computer Desk 40 Inch, Small Home Office Writing Desk"  # id 159
CHAIR = "Ergonomic Mesh Office Chair with Lumbar Support"
APRON = "Chef Apron with Pockets, Adjustable Neck Strap - Black"  # id 91
STOCK_POT = "ChefCraft 8 Quart Stainless Steel Stock Pot with Lid"  # id 212


def solutions() -> list[Solution]:
    return [
        Solution("omnizon-3", [*_search("headphones"), *_buy_now(HEADPHONES), R.send()]),
        Solution("omnizon-9", [*_search("gaming"),
                               *_buy_now("Gamerix RGB Gaming Mouse, 12000 DPI"), R.send()]),
        Solution("omnizon-13", [*_search("cooking pot"), *_buy_now(STOCK_POT), R.send()]),
        Solution("omnizon-15", [*_search("sports balls"),
                                *_buy_now("Sports Balls Pack: Soccer Ball, Basketball"),
                                R.send()]),
        Solution("omnizon-17", [*_search("neck pillow"),
                                *_buy_now("Cervical Neck Pillow for Neck Pain Relief"),
                                R.send()]),
        Solution("omnizon-24", [*_search("PS5 controller"),
                                *_buy_now("DualSense Wireless Controller for PS5", quantity=2),
                                R.send("Here are the PS5 controllers; I ordered 2.")]),
        Solution("omnizon-25", [*_search("apron"), _add_from_results(APRON),
                                *_search("cooking pot"), _add_from_results(STOCK_POT),
                                *_checkout_cart(), R.send()]),
        Solution("omnizon-28", [*_search("silverware set"),
                                *_buy_now("20-Piece Silverware Set, Stainless Steel Flatware"),
                                R.send()]),
        Solution("omnizon-29", [*_search("40 inch desk"), _add_from_results(DESK_40),
                                *_search("office chair"), _add_from_results(CHAIR),
                                *_checkout_cart(), R.send()]),
        Solution("omnizon-30", [*_search("queen size bed frame"),
                                *_buy_now("Queen Size Metal Platform Bed Frame with Storage"),
                                R.send()]),
    ]


def negatives() -> list[Solution]:
    """Plausible wrong runs the real scripts must score 0."""
    neg = "negative"
    return [
        Solution("omnizon-3", [*_search("headphones"),
                               *_buy_now("Sonique Noise Cancelling Headphones 700"), R.send()],
                 kind=neg, label="headphones-over-100"),
        Solution("omnizon-3", [*_search("earbuds"),
                               *_buy_now("AuraSound True Wireless Earbuds A1"), R.send()],
                 kind=neg, label="earbuds-instead"),
        Solution("omnizon-24", [*_search("PS5 controller"),
                                *_buy_now("DualSense Wireless Controller for PS5"), R.send()],
                 kind=neg, label="one-controller"),
        Solution("omnizon-17", [*_search("neck pillow"),
                                *_buy_now("Memory Foam Travel Neck Pillow", quantity=2),
                                R.send()],
                 kind=neg, label="two-pillows"),
        Solution("omnizon-29", [*_search("desk"),
                                _add_from_results("Computer Desk 48 Inch with Storage Shelves"),
                                *_search("office chair"), _add_from_results(CHAIR),
                                *_checkout_cart(), R.send()],
                 kind=neg, label="48-inch-desk"),
        Solution("omnizon-9", [*_search("gaming"),
                               *_buy_now("Gamerix Wireless Gaming Headset 7.1 Surround"),
                               R.send()],
                 kind=neg, label="gaming-over-100"),
        Solution("omnizon-13", [*_search("pot"),
                                *_buy_now("Ceramic Plant Pot with Drainage Hole"), R.send()],
                 kind=neg, label="plant-pot"),
        Solution("omnizon-25", [*_search("apron"), _add_from_results(APRON),
                                *_search("teapot"),
                                _add_from_results("Glass Teapot with Removable Infuser"),
                                *_checkout_cart(), R.send()],
                 kind=neg, label="apron-and-teapot"),
        Solution("omnizon-28", [*_search("silverware"),
                                *_buy_now("Expandable Bamboo Silverware Drawer Organizer"),
                                R.send()],
                 kind=neg, label="drawer-organizer"),
        Solution("omnizon-30", [*_search("bed frame"),
                                R.click("link", "Queen Size Metal Platform Bed Frame"),
                                R.click("button", "Add to Cart", exact=True),
                                R.click("button", "Proceed to checkout"), R.send()],
                 kind=neg, label="not-placed"),
    ]
