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


def _bought(query: str, product: str, quantity: int = 1, message: str = "Done.") -> list[Step]:
    """Search, Buy Now `product` from the results, place the order, report."""
    return [*_search(query), *_buy_now(product, quantity), R.send(message)]


def _cart_of(*picks: tuple[str, str]) -> list[Step]:
    """For each `(search, product)`, search and add the product from the results; then
    check out the cart and report."""
    steps: list[Step] = []
    for query, product in picks:
        steps += [*_search(query), _add_from_results(product)]
    return [*steps, *_checkout_cart(), R.send()]


def solutions() -> list[Solution]:
    return [
        Solution("omnizon-3", _bought("headphones", HEADPHONES)),
        Solution("omnizon-9", _bought("gaming", "Gamerix RGB Gaming Mouse, 12000 DPI")),
        Solution("omnizon-13", _bought("cooking pot", STOCK_POT)),
        Solution("omnizon-15", _bought("sports balls", "Sports Balls Pack: Soccer Ball, Basketball")),
        Solution("omnizon-17", _bought("neck pillow", "Cervical Neck Pillow for Neck Pain Relief")),
        Solution("omnizon-24", _bought("PS5 controller", "DualSense Wireless Controller for PS5", 2,
                                       "Here are the PS5 controllers; I ordered 2.")),
        Solution("omnizon-25", _cart_of(("apron", APRON), ("cooking pot", STOCK_POT))),
        Solution("omnizon-28", _bought("silverware set",
                                       "20-Piece Silverware Set, Stainless Steel Flatware")),
        Solution("omnizon-29", _cart_of(("40 inch desk", DESK_40), ("office chair", CHAIR))),
        Solution("omnizon-30", _bought("queen size bed frame",
                                       "Queen Size Metal Platform Bed Frame with Storage")),
    ]


def negatives() -> list[Solution]:
    """Plausible wrong runs the real scripts must score 0."""

    def wrong(task: str, label: str, steps: list[Step]) -> Solution:
        return Solution(task, steps, kind="negative", label=label)

    return [
        wrong("omnizon-3", "headphones-over-100",
              _bought("headphones", "Sonique Noise Cancelling Headphones 700")),
        wrong("omnizon-3", "earbuds-instead", _bought("earbuds", "AuraSound True Wireless Earbuds A1")),
        wrong("omnizon-24", "one-controller",
              _bought("PS5 controller", "DualSense Wireless Controller for PS5")),
        wrong("omnizon-17", "two-pillows", _bought("neck pillow", "Memory Foam Travel Neck Pillow", 2)),
        wrong("omnizon-29", "48-inch-desk",
              _cart_of(("desk", "Computer Desk 48 Inch with Storage Shelves"),
                       ("office chair", CHAIR))),
        wrong("omnizon-9", "gaming-over-100",
              _bought("gaming", "Gamerix Wireless Gaming Headset 7.1 Surround")),
        wrong("omnizon-13", "plant-pot", _bought("pot", "Ceramic Plant Pot with Drainage Hole")),
        wrong("omnizon-25", "apron-and-teapot",
              _cart_of(("apron", APRON), ("teapot", "Glass Teapot with Removable Infuser"))),
        wrong("omnizon-28", "drawer-organizer",
              _bought("silverware", "Expandable Bamboo Silverware Drawer Organizer")),
        wrong("omnizon-30", "not-placed",
              [*_search("bed frame"), R.click("link", "Queen Size Metal Platform Bed Frame"),
               R.click("button", "Add to Cart", exact=True),
               R.click("button", "Proceed to checkout"), R.send()]),
    ]
