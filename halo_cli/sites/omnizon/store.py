"""Omnizon's state: the catalog (read-only, shared by all sessions) and its search, and
each session's store: cart, orders, the recorded search.

State shape (what REAL's eval scripts read through `/finish`):
- `filter.searchQuery` / `filter.searchInputValue`: the last submitted search ("" at start)
- `cart.items.<product id>`: `{id, name, price, quantity}`
- `order.orders.<index>`: `{id, orderNumber, date, items: [{id, name, price, quantity}],
  subtotal, shipping, tax, total, shippingAddress, ...}`, added when an order is placed
- `router.location.pathname`: kept by the server; `/confirmation` after an order

Functions on a store expect the caller to hold the session lock.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data" / "products.json"

TASKS = [
    "omnizon-3", "omnizon-9", "omnizon-13", "omnizon-15", "omnizon-17",
    "omnizon-24", "omnizon-25", "omnizon-28", "omnizon-29", "omnizon-30",
]
USER = {
    "name": "Alex Morgan",
    "email": "alex.morgan@example.com",
    "address": {"fullName": "Alex Morgan", "street": "410 Terry Ave N", "city": "Seattle",
                "state": "WA", "zip": "98109", "phone": "206-555-0142"},
    "payment": {"cardName": "Alex Morgan", "cardNumber": "4242 4242 4242 4242",
                "cardExpiry": "08/29"},
}
MAX_QTY = 10
#: the home page's deals
DEAL_IDS = ("16", "212", "114", "7", "159", "167")

State = dict[str, Any]
Line = dict[str, Any]  # {id, name, price, quantity}

# -- the catalog --------------------------------------------------------------------------
SORTS = {
    "featured": "Featured",
    "price-asc": "Price: Low to High",
    "price-desc": "Price: High to Low",
    "rating": "Avg. Customer Review",
}


STOPWORDS = frozenset("a an and for in me my of on or the to with".split())


def stem(word: str) -> str:
    """A crude plural folding, applied alike to queries and products."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("sses", "shes", "ches", "xes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def tokens(text: str) -> list[str]:
    return [stem(w) for w in re.findall(r"[a-z0-9]+", text.lower())]


@dataclass(frozen=True)
class Catalog:
    products: tuple[dict, ...]
    by_id: dict[str, dict]
    categories: tuple[dict, ...]
    index: dict[str, frozenset[str]]  # product id -> search tokens

    def category(self, slug: str) -> dict | None:
        return next((c for c in self.categories if c["slug"] == slug), None)

    def search(self, query: str = "", category: str = "", min_price: float | None = None,
               max_price: float | None = None, sort: str = "featured") -> list[dict]:
        """Products matching every query word (or, failing that, most of them), filtered."""
        want = list(dict.fromkeys(w for w in tokens(query) if w not in STOPWORDS))
        pool = [p for p in self.products if not category or p["category"] == category]
        if min_price is not None:
            pool = [p for p in pool if p["price"] >= min_price]
        if max_price is not None:
            pool = [p for p in pool if p["price"] <= max_price]
        if want:
            scored = [(sum(w in self.index[p["id"]] for w in want), p) for p in pool]
            full = [(s, p) for s, p in scored if s == len(want)]
            if not full and len(want) > 1:  # loose match, as stores do for long queries
                full = [(s, p) for s, p in scored if s >= max(1, (len(want) + 1) // 2)]
            name_hits = {p["id"]: sum(w in tokens(p["name"]) for w in want) for _, p in full}
            full.sort(key=lambda sp: (-sp[0], -name_hits[sp[1]["id"]], -sp[1]["reviewCount"]))
            pool = [p for _, p in full]
        elif sort == "featured":
            pool = sorted(pool, key=lambda p: -p["reviewCount"])
        if sort == "price-asc":
            pool = sorted(pool, key=lambda p: p["price"])
        elif sort == "price-desc":
            pool = sorted(pool, key=lambda p: -p["price"])
        elif sort == "rating":
            pool = sorted(pool, key=lambda p: (-p["rating"], -p["reviewCount"]))
        return pool


@lru_cache(maxsize=1)
def catalog() -> Catalog:
    data = json.loads(DATA.read_text())
    products = tuple(data["products"])
    index = {
        p["id"]: frozenset(tokens(" ".join([p["name"], p["categoryName"], *p["tags"]])))
        for p in products
    }
    return Catalog(products, {p["id"]: p for p in products}, tuple(data["categories"]), index)


def deals() -> list[dict]:
    return [catalog().by_id[i] for i in DEAL_IDS if i in catalog().by_id]


# -- a session's store --------------------------------------------------------------------
def seed_state(task: str) -> State:
    """A fresh store (every task starts the same: empty cart, no orders, no search)."""
    return {
        "router": {"location": {"pathname": "/"}},
        "filter": {"searchQuery": "", "searchInputValue": "", "category": "",
                   "minPrice": "", "maxPrice": "", "sortBy": "featured"},
        "cart": {"items": {}},
        "order": {"orders": {}},
        "user": copy.deepcopy(USER),
    }


def record_search(state: State, query: str | None, **filters: str) -> None:
    """Keep the submitted search (`query`, None when the page had none) and its filters
    (`category`, `minPrice`, `maxPrice`, `sortBy`) at `filter`."""
    f = state["filter"]
    if query is not None:
        f["searchQuery"] = query.strip()
        f["searchInputValue"] = query
    f.update(filters)


def user(state: State) -> dict[str, Any]:
    """A copy of the shopper's details (name, address, payment)."""
    return copy.deepcopy(state["user"])


def cart_lines(state: State) -> list[Line]:
    return [dict(i) for i in state["cart"]["items"].values()]


def cart_count(state: State) -> int:
    return sum(i["quantity"] for i in state["cart"]["items"].values())


def add_to_cart(state: State, product: dict, qty: int) -> None:
    items = state["cart"]["items"]
    line = items.setdefault(product["id"], {"id": product["id"], "name": product["name"],
                                            "price": product["price"], "quantity": 0})
    line["quantity"] = min(MAX_QTY, line["quantity"] + qty)


def set_quantity(state: State, pid: str, qty: int) -> None:
    line = state["cart"]["items"].get(pid)
    if line is not None:
        line["quantity"] = qty


def remove_from_cart(state: State, pid: str) -> Line | None:
    """Take the product's line out of the cart (None if it was not there)."""
    return state["cart"]["items"].pop(pid, None)


def checkout_lines(state: State, buy: str, qty: int) -> list[Line]:
    """What checkout sells: `qty` of product `buy` for Buy Now, else the cart."""
    if not buy:
        return cart_lines(state)
    p = catalog().by_id.get(buy)
    if p is None:
        return []
    return [{"id": p["id"], "name": p["name"], "price": p["price"], "quantity": qty}]


SHIPPING_OPTIONS = {
    "standard": ("FREE Standard Shipping (5-7 business days)", 0.0),
    "two-day": ("Two-Day Shipping (2 business days), $7.99", 7.99),
    "one-day": ("One-Day Shipping (next business day), $14.99", 14.99),
}
TAX_RATE = 0.0825


def totals(lines: list[Line], shipping: str) -> dict[str, float]:
    subtotal = round(sum(ln["price"] * ln["quantity"] for ln in lines), 2)
    ship = SHIPPING_OPTIONS.get(shipping, SHIPPING_OPTIONS["standard"])[1]
    tax = round(subtotal * TAX_RATE, 2)
    return {"subtotal": subtotal, "shipping": ship, "tax": tax,
            "total": round(subtotal + ship + tax, 2)}


def place_order(state: State, lines: list[Line], address: dict[str, str],
                payment: dict[str, str], speed: str, *, salt: str, from_cart: bool) -> None:
    """Add an order of `lines` at `order.orders.<next index>` (its number derived from
    `salt` and the index); an order from the cart empties it."""
    orders = state["order"]["orders"]
    idx = str(len(orders))
    digest = hashlib.sha256(f"{salt}:{idx}".encode()).hexdigest()
    number = f"{111 + len(orders)}-{int(digest[:8], 16) % 10**7:07d}-" \
             f"{int(digest[8:16], 16) % 10**7:07d}"
    orders[idx] = {
        "id": idx,
        "orderNumber": number,
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "items": [dict(ln) for ln in lines],
        "itemCount": sum(ln["quantity"] for ln in lines),
        **totals(lines, speed),
        "shippingSpeed": speed,
        "shippingAddress": address,
        "paymentMethod": f"Card ending in {payment['cardNumber'][-4:]}",
        "status": "Ordered",
    }
    if from_cart:
        state["cart"]["items"] = {}


def orders_newest_first(state: State) -> list[dict]:
    orders = state["order"]["orders"]
    return [copy.deepcopy(orders[k]) for k in sorted(orders, key=int, reverse=True)]
