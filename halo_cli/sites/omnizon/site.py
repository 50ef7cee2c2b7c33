"""Omnizon: an offline replica of REAL's Amazon-like store, judged by REAL's v2 scripts.

State shape (what the eval scripts read through `/finish`):
- `filter.searchQuery` / `filter.searchInputValue`: the last submitted search ("" at start)
- `cart.items.<product id>`: `{id, name, price, quantity}`
- `order.orders.<index>`: `{id, orderNumber, date, items: [{id, name, price, quantity}],
  subtotal, shipping, tax, total, shippingAddress, ...}`, added when an order is placed
- `router.location.pathname`: kept by the server; `/confirmation` after an order
"""

from __future__ import annotations

import copy
import hashlib
import threading
from collections import Counter
from datetime import datetime, timezone
from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from halo_cli.sites.base import Session, Site, session_of
from halo_cli.sites.http import read_form as _form
from halo_cli.sites.http import root_path as _base
from halo_cli.sites.omnizon import views
from halo_cli.sites.omnizon.catalog import SORTS, catalog

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
DEAL_IDS = ("16", "212", "114", "7", "159", "167")


def _int(value: str | None, default: int, lo: int = 1, hi: int = MAX_QTY) -> int:
    try:
        return max(lo, min(hi, int(str(value))))
    except (TypeError, ValueError):
        return default


def _price(value: str | None) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None


class Omnizon(Site):
    id = "omnizon"
    title = "Omnizon"
    track_location = True

    def __init__(self) -> None:
        self._notices: dict[str, str] = {}
        self._lock = threading.Lock()
        catalog()  # load once, up front

    # -- Site API -------------------------------------------------------------------
    def supported_tasks(self) -> list[str]:
        return list(TASKS)

    def seed_state(self, task: str) -> dict[str, Any]:
        return {
            "router": {"location": {"pathname": "/"}},
            "filter": {"searchQuery": "", "searchInputValue": "", "category": "",
                       "minPrice": "", "maxPrice": "", "sortBy": "featured"},
            "cart": {"items": {}},
            "order": {"orders": {}},
            "user": copy.deepcopy(USER),
        }

    def routes(self) -> list[BaseRoute]:
        return [
            Route("/", self.home),
            Route("/search", self.search),
            Route("/category/{slug}", self.category),
            Route("/product/{pid}", self.product),
            Route("/cart", self.cart),
            Route("/cart/add", self.cart_add, methods=["POST"]),
            Route("/cart/update", self.cart_update, methods=["POST"]),
            Route("/cart/remove", self.cart_remove, methods=["POST"]),
            Route("/checkout", self.checkout),
            Route("/checkout/place", self.place_order, methods=["POST"]),
            Route("/confirmation", self.confirmation),
            Route("/orders", self.orders),
        ]

    # -- helpers --------------------------------------------------------------------
    def _notice(self, session: Session, text: str | None = None) -> str | None:
        with self._lock:
            if text is not None:
                self._notices[session.id] = text
                return text
            return self._notices.pop(session.id, None)

    def _page(self, request: Request, title: str, body: str, *, query: str = "",
              status: int = 200) -> HTMLResponse:
        session = session_of(request)
        with session.lock:
            count = sum(i["quantity"] for i in session.state["cart"]["items"].values())
        notice = self._notice(session)
        on_cart = request.url.path.rstrip("/").endswith("/cart")
        actions = bool(notice and count and notice.startswith("Added to Cart") and not on_cart)
        html = views.page(_base(request), title, body, cart_count=count, query=query,
                          notice=notice, notice_actions=actions)
        return HTMLResponse(html, status_code=status)

    def _redirect(self, request: Request, path: str) -> RedirectResponse:
        return RedirectResponse(_base(request) + path, status_code=303)

    @staticmethod
    def _here(request: Request) -> str:
        q = request.url.query
        return request.url.path + (f"?{q}" if q else "")

    # -- pages ----------------------------------------------------------------------
    async def home(self, request: Request) -> Response:
        deals = [catalog().by_id[i] for i in DEAL_IDS if i in catalog().by_id]
        return self._page(request, "Online Shopping",
                          views.home(_base(request), deals, self._here(request)))

    async def search(self, request: Request) -> Response:
        qp = request.query_params
        query = qp.get("q")
        category = qp.get("category", "")
        if not catalog().category(category):
            category = ""
        min_s, max_s = qp.get("min", ""), qp.get("max", "")
        sort = qp.get("sort", "featured")
        sort = sort if sort in SORTS else "featured"
        session = session_of(request)
        with session.lock:
            f = session.state["filter"]
            if query is not None:
                f["searchQuery"] = query.strip()
                f["searchInputValue"] = query
            f.update(category=category, minPrice=min_s, maxPrice=max_s, sortBy=sort)
        found = catalog().search(query or "", "", _price(min_s), _price(max_s), sort)
        items = [p for p in found if not category or p["category"] == category]
        body = views.results(_base(request), items, query=query or "", category=category,
                             facets=Counter(p["category"] for p in found),
                             min_price=min_s, max_price=max_s, sort=sort,
                             next_url=self._here(request), page_no=_int(qp.get("page"), 1, 1, 999))
        title = f"Omnizon.com : {query}" if query else "Omnizon.com"
        return self._page(request, title, body, query=query or "")

    async def category(self, request: Request) -> Response:
        slug = request.path_params["slug"]
        cat = catalog().category(slug)
        if cat is None:
            return self._page(request, "Not found", views.not_found(_base(request)), status=404)
        session = session_of(request)
        with session.lock:
            session.state["filter"].update(category=slug, minPrice="", maxPrice="",
                                           sortBy="featured")
        items = catalog().search("", slug)
        facets = Counter(p["category"] for p in catalog().products)
        body = views.results(_base(request), items, query="", category=slug, facets=facets,
                             min_price="",
                             max_price="", sort="featured", next_url=self._here(request),
                             page_no=_int(request.query_params.get("page"), 1, 1, 999))
        return self._page(request, cat["name"], body)

    async def product(self, request: Request) -> Response:
        p = catalog().by_id.get(request.path_params["pid"])
        if p is None:
            return self._page(request, "Not found", views.not_found(_base(request)), status=404)
        return self._page(request, p["name"], views.product(_base(request), p))

    async def cart(self, request: Request) -> Response:
        session = session_of(request)
        with session.lock:
            lines = [dict(i) for i in session.state["cart"]["items"].values()]
        return self._page(request, "Shopping Cart", views.cart(_base(request), lines))

    async def checkout(self, request: Request) -> Response:
        session = session_of(request)
        buy = request.query_params.get("buy", "")
        qty = _int(request.query_params.get("qty"), 1)
        lines = self._lines(session, buy, qty)
        with session.lock:
            user = copy.deepcopy(session.state["user"])
        body = views.checkout(_base(request), lines, user, buy=buy if lines else "", qty=qty)
        return self._page(request, "Checkout", body)

    async def confirmation(self, request: Request) -> Response:
        session = session_of(request)
        with session.lock:
            orders = session.state["order"]["orders"]
            last = copy.deepcopy(orders[max(orders, key=int)]) if orders else None
        return self._page(request, "Thank you", views.confirmation(_base(request), last))

    async def orders(self, request: Request) -> Response:
        session = session_of(request)
        with session.lock:
            orders = session.state["order"]["orders"]
            listed = [copy.deepcopy(orders[k]) for k in sorted(orders, key=int, reverse=True)]
        return self._page(request, "Your Orders", views.orders(_base(request), listed))

    # -- actions --------------------------------------------------------------------
    def _lines(self, session: Session, buy: str, qty: int) -> list[dict]:
        """What checkout sells: one product for Buy Now, else the cart."""
        if buy:
            p = catalog().by_id.get(buy)
            if p is None:
                return []
            return [{"id": p["id"], "name": p["name"], "price": p["price"], "quantity": qty}]
        with session.lock:
            return [dict(i) for i in session.state["cart"]["items"].values()]

    async def cart_add(self, request: Request) -> Response:
        form = await _form(request)
        p = catalog().by_id.get(form.get("product_id", ""))
        if p is None:
            return self._redirect(request, "/cart")
        qty = _int(form.get("quantity"), 1)
        if form.get("action") == "buy":
            return self._redirect(request, "/checkout?" + urlencode({"buy": p["id"], "qty": qty}))
        session = session_of(request)
        with session.lock:
            items = session.state["cart"]["items"]
            line = items.setdefault(p["id"], {"id": p["id"], "name": p["name"],
                                              "price": p["price"], "quantity": 0})
            line["quantity"] = min(MAX_QTY, line["quantity"] + qty)
        self._notice(session, f"Added to Cart: {p['name']} (quantity {qty})")
        nxt = form.get("next", "")
        base = _base(request)
        if nxt.startswith(base + "/") and not nxt.startswith("//"):
            return RedirectResponse(nxt, status_code=303)
        return self._redirect(request, "/cart")

    async def cart_update(self, request: Request) -> Response:
        form = await _form(request)
        session = session_of(request)
        with session.lock:
            line = session.state["cart"]["items"].get(form.get("product_id", ""))
            if line is not None:
                line["quantity"] = _int(form.get("quantity"), line["quantity"])
        return self._redirect(request, "/cart")

    async def cart_remove(self, request: Request) -> Response:
        form = await _form(request)
        session = session_of(request)
        with session.lock:
            removed = session.state["cart"]["items"].pop(form.get("product_id", ""), None)
        if removed:
            self._notice(session, f"{removed['name']} was removed from Shopping Cart.")
        return self._redirect(request, "/cart")

    async def place_order(self, request: Request) -> Response:
        form = await _form(request)
        session = session_of(request)
        buy = form.get("buy", "")
        lines = self._lines(session, buy, _int(form.get("qty"), 1))
        if not lines:
            return self._redirect(request, "/cart")
        address = {k: form.get(k, "").strip() for k in USER["address"]}
        payment = {k: form.get(k, "").strip() for k in USER["payment"]}
        missing = [k for k, v in {**address, **payment}.items() if not v]
        if missing:
            with session.lock:
                user = copy.deepcopy(session.state["user"])
            user["address"].update(address)
            user["payment"].update(payment)
            body = views.checkout(_base(request), lines, user, buy=buy,
                                  qty=lines[0]["quantity"] if buy else 0,
                                  error="Please fill in every field of the shipping address "
                                        "and payment method.")
            return self._page(request, "Checkout", body, status=422)
        speed = form.get("shipping", "standard")
        speed = speed if speed in views.SHIPPING_OPTIONS else "standard"
        sums = views.totals(lines, speed)
        with session.lock:
            orders = session.state["order"]["orders"]
            idx = str(len(orders))
            digest = hashlib.sha256(f"{session.id}:{idx}".encode()).hexdigest()
            number = f"{111 + len(orders)}-{int(digest[:8], 16) % 10**7:07d}-" \
                     f"{int(digest[8:16], 16) % 10**7:07d}"
            orders[idx] = {
                "id": idx,
                "orderNumber": number,
                "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                "items": [dict(ln) for ln in lines],
                "itemCount": sum(ln["quantity"] for ln in lines),
                **sums,
                "shippingSpeed": speed,
                "shippingAddress": address,
                "paymentMethod": f"Card ending in {payment['cardNumber'][-4:]}",
                "status": "Ordered",
            }
            if not buy:
                session.state["cart"]["items"] = {}
        return self._redirect(request, "/confirmation")
