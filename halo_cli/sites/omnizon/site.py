"""Omnizon: an offline replica of REAL's Amazon-like store, judged by REAL's v2 scripts.

The store (`store.py`) holds the catalog and the state the scripts read.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import Response

from halo_cli.sites import kit
from halo_cli.sites.base import session_of
from halo_cli.sites.omnizon import store, views
from halo_cli.sites.omnizon.store import MAX_QTY, SORTS, catalog

#: the highest results page a link may ask for
MAX_PAGE = 999

T = TypeVar("T")


def _price(value: str | None) -> float | None:
    """A price filter from the query (None when empty or not a number: no filter)."""
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None


def _here(request: Request) -> str:
    """The page's path and query on the site, for forms that come back to it."""
    q = request.url.query
    return request.url.path[len(kit.root_path(request)):] + (f"?{q}" if q else "")


class Omnizon(kit.KitSite):
    id = "omnizon"
    title = "Omnizon"

    def __init__(self) -> None:
        catalog()  # load once, up front

    tasks = store.TASKS

    def seed_state(self, task: str) -> dict[str, Any]:
        return store.seed_state(task)

    # -- helpers --------------------------------------------------------------------
    @staticmethod
    def _page(request: Request, title: str, body: str, *, query: str = "",
              status: int = 200) -> Response:
        """`body` in the site's page, with the cart count and the pending notice (an
        "Added to Cart" notice carries cart and checkout links, but not on the cart)."""
        session = session_of(request)
        with session.lock:
            count = store.cart_count(session.state)
        notice = kit.take_notice(session)
        on_cart = request.url.path.rstrip("/").endswith("/cart")
        actions = bool(notice and count and notice.startswith("Added to Cart") and not on_cart)
        html = views.page(kit.root_path(request), title, body, cart_count=count, query=query,
                          notice=notice, notice_actions=actions)
        return kit.html_page(html, status)

    def _not_found(self, request: Request) -> Response:
        return self._page(request, "Not found", views.not_found(kit.root_path(request)),
                          status=404)

    def _results(self, request: Request, title: str, items: list[dict], *, facets: Counter,
                 query: str = "", category: str = "", min_price: str = "", max_price: str = "",
                 sort: str = "featured") -> Response:
        """A page of search results with the filters that produced them."""
        body = views.results(kit.root_path(request), items, query=query, category=category,
                             facets=facets, min_price=min_price, max_price=max_price, sort=sort,
                             next_url=_here(request),
                             page_no=kit.query_int(request, "page", 1, 1, MAX_PAGE))
        return self._page(request, title, body, query=query)

    @staticmethod
    def _locked(request: Request, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """`fn(state, *args, **kwargs)` on the session's store, under its lock."""
        session = session_of(request)
        with session.lock:
            return fn(session.state, *args, **kwargs)

    @staticmethod
    def _quantity(value: str | None) -> int:
        return kit.int_field(value, "quantity", 1, MAX_QTY)

    # -- pages ----------------------------------------------------------------------
    @kit.route("/")
    async def home(self, request: Request) -> Response:
        body = views.home(kit.root_path(request), store.deals(), _here(request))
        return self._page(request, "Online Shopping", body)

    @kit.route("/search")
    async def search(self, request: Request) -> Response:
        qp = request.query_params
        query = qp.get("q")
        category = qp.get("category", "")
        if not catalog().category(category):
            category = ""
        min_s, max_s = qp.get("min", ""), qp.get("max", "")
        sort = qp.get("sort", "featured")
        sort = sort if sort in SORTS else "featured"
        self._locked(request, store.record_search, query, category=category, minPrice=min_s,
                     maxPrice=max_s, sortBy=sort)
        found = catalog().search(query or "", "", _price(min_s), _price(max_s), sort)
        items = [p for p in found if not category or p["category"] == category]
        return self._results(request, f"Omnizon.com : {query}" if query else "Omnizon.com",
                             items, facets=Counter(p["category"] for p in found),
                             query=query or "", category=category, min_price=min_s,
                             max_price=max_s, sort=sort)

    @kit.route("/category/{slug}")
    async def category(self, request: Request) -> Response:
        slug = request.path_params["slug"]
        cat = catalog().category(slug)
        if cat is None:
            return self._not_found(request)
        self._locked(request, store.record_search, None, category=slug, minPrice="",
                     maxPrice="", sortBy="featured")
        return self._results(request, cat["name"], catalog().search("", slug), category=slug,
                             facets=Counter(p["category"] for p in catalog().products))

    @kit.route("/product/{pid}")
    async def product(self, request: Request) -> Response:
        p = catalog().by_id.get(request.path_params["pid"])
        if p is None:
            return self._not_found(request)
        return self._page(request, p["name"], views.product(kit.root_path(request), p))

    @kit.route("/cart")
    async def cart(self, request: Request) -> Response:
        lines = self._locked(request, store.cart_lines)
        return self._page(request, "Shopping Cart", views.cart(kit.root_path(request), lines))

    @kit.route("/checkout")
    async def checkout(self, request: Request) -> Response:
        buy = request.query_params.get("buy", "")
        qty = kit.query_int(request, "qty", 1, 1, MAX_QTY)
        lines = self._locked(request, store.checkout_lines, buy, qty)
        user = self._locked(request, store.user)
        body = views.checkout(kit.root_path(request), lines, user, buy=buy if lines else "",
                              qty=qty)
        return self._page(request, "Checkout", body)

    @kit.route("/confirmation")
    async def confirmation(self, request: Request) -> Response:
        last = next(iter(self._locked(request, store.orders_newest_first)), None)
        return self._page(request, "Thank you", views.confirmation(kit.root_path(request), last))

    @kit.route("/orders")
    async def orders(self, request: Request) -> Response:
        listed = self._locked(request, store.orders_newest_first)
        return self._page(request, "Your Orders", views.orders(kit.root_path(request), listed))

    # -- actions --------------------------------------------------------------------
    @kit.route("/cart/add", methods=["POST"])
    async def cart_add(self, request: Request) -> Response:
        form = await kit.read_form(request)
        p = catalog().by_id.get(form.get("product_id", ""))
        if p is None:
            return kit.redirect(request, "/cart")
        qty = self._quantity(form.get("quantity"))
        if form.get("action") == "buy":
            return kit.redirect(request, "/checkout?" + urlencode({"buy": p["id"], "qty": qty}))
        self._locked(request, store.add_to_cart, p, qty)
        return kit.redirect(request, kit.safe_next(form.get("next"), "/cart"),
                            f"Added to Cart: {p['name']} (quantity {qty})")

    @kit.route("/cart/update", methods=["POST"])
    async def cart_update(self, request: Request) -> Response:
        form = await kit.read_form(request)
        qty = self._quantity(form.get("quantity"))
        self._locked(request, store.set_quantity, form.get("product_id", ""), qty)
        return kit.redirect(request, "/cart")

    @kit.route("/cart/remove", methods=["POST"])
    async def cart_remove(self, request: Request) -> Response:
        form = await kit.read_form(request)
        removed = self._locked(request, store.remove_from_cart, form.get("product_id", ""))
        notice = f"{removed['name']} was removed from Shopping Cart." if removed else None
        return kit.redirect(request, "/cart", notice)

    @kit.route("/checkout/place", methods=["POST"])
    async def place_order(self, request: Request) -> Response:
        form = await kit.read_form(request)
        buy = form.get("buy", "")
        qty = kit.int_field(form.get("qty"), "qty", 1, MAX_QTY, default=1)
        lines = self._locked(request, store.checkout_lines, buy, qty)
        if not lines:
            return kit.redirect(request, "/cart")
        address = {k: form.get(k, "").strip() for k in store.USER["address"]}
        payment = {k: form.get(k, "").strip() for k in store.USER["payment"]}
        if not all({**address, **payment}.values()):
            user = self._locked(request, store.user)
            user["address"].update(address)
            user["payment"].update(payment)
            body = views.checkout(kit.root_path(request), lines, user, buy=buy,
                                  qty=lines[0]["quantity"] if buy else 0,
                                  error="Please fill in every field of the shipping address "
                                        "and payment method.")
            return self._page(request, "Checkout", body, status=422)
        speed = kit.choice_field(form.get("shipping") or "standard", "shipping",
                                 store.SHIPPING_OPTIONS)
        self._locked(request, store.place_order, lines, address, payment, speed,
                     salt=session_of(request).id, from_cart=not buy)
        return kit.redirect(request, "/confirmation")
