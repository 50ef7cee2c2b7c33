"""DashDish: an offline replica of REAL's DoorDash-like site, judged by the v2 dashdish scripts.

State shape (plain lists, diffed the deep-object-diff way, see `store.py`):
- `cart.cartItems`: the live cart `[{id, name, description, restaurantId, restaurantName,
  price, size, quantity}]`; `cart.checkoutDetails`: live `shipping`, `payment`, `tip`
- `cart.foodOrders`: placed orders `{orderId, createdAt, restaurantId, restaurantName,
  cartItems, checkoutDetails: {charges: {subtotal, deliveryFee, serviceFee, tax, tip,
  totalAmount}, shipping: {shippingOption, deliveryOption, dropOffOption,
  dropOffInstructions, scheduledTime}, payment: {type, last4}}, status}`
- `/finish` adds `differences.foodOrders.{added, deleted, updated}` keyed by list index
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Mapping
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from halo_cli.sites.base import Session, Site, record_config, session_of
from halo_cli.sites.dashdish import checkout_views, store, views
from halo_cli.sites.dashdish.catalog import catalog
from halo_cli.sites.diff import keyed_changes
from halo_cli.sites.http import BadRequest
from halo_cli.sites.http import read_form as _form
from halo_cli.sites.http import root_path as _base

TASKS = [f"dashdish-{n}" for n in (1, 3, 4, 7, 8, 10, 11, 12, 17, 24, 26)]


def _int(value: str | None, name: str, lo: int, hi: int, default: int | None = None) -> int:
    if value in (None, "") and default is not None:
        return default
    try:
        n = int(str(value))
    except ValueError:
        raise BadRequest(f"{name} must be a whole number") from None
    if not lo <= n <= hi:
        raise BadRequest(f"{name} must be between {lo} and {hi}")
    return n


def _choice(value: str | None, name: str, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise BadRequest(f"{name} must be one of: {', '.join(allowed)}")
    return value


def _indexed(orders: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {str(i): o for i, o in enumerate(orders)}


class DashDish(Site):
    id = "dashdish"
    title = "DashDish"
    track_location = True
    diff_mode = "deep-object-diff"

    def __init__(self) -> None:
        self._notices: dict[str, str] = {}
        self._lock = threading.Lock()
        catalog()  # load once, up front

    # -- Site API ----------------------------------------------------------------------
    def supported_tasks(self) -> list[str]:
        return list(TASKS)

    def seed_state(self, task: str) -> dict[str, Any]:
        return {"router": {"location": {"pathname": "/"}}, **store.seed_state()}

    def configure(self, session: Session, params: Mapping[str, str]) -> None:
        """`config.dashdish.{run_id, latency}`, written after the snapshot as REAL's site does."""
        record_config(session, "dashdish", params)

    def differences(self, initial: dict[str, Any], current: dict[str, Any]) -> dict[str, Any]:
        before = _indexed(initial["cart"]["foodOrders"])
        after = _indexed(current["cart"]["foodOrders"])
        return {"differences": {"foodOrders": copy.deepcopy(keyed_changes(before, after))}}

    def routes(self) -> list[BaseRoute]:
        h = self._handle
        return [
            Route("/", h(self.home)),
            Route("/search", h(self.search)),
            Route("/category/{slug}", h(self.category)),
            Route("/store/{rid}", h(self.store_page)),
            Route("/store/{rid}/item/{iid}", h(self.item_page)),
            Route("/cart", h(self.cart)),
            Route("/cart/add", h(self.cart_add), methods=["POST"]),
            Route("/cart/update", h(self.cart_update), methods=["POST"]),
            Route("/cart/remove", h(self.cart_remove), methods=["POST"]),
            Route("/checkout", h(self.checkout)),
            Route("/checkout/shipping", h(self.set_shipping), methods=["POST"]),
            Route("/checkout/delivery", h(self.set_delivery), methods=["POST"]),
            Route("/checkout/tip", h(self.set_tip), methods=["POST"]),
            Route("/checkout/place", h(self.place_order), methods=["POST"]),
            Route("/orders", h(self.orders)),
            Route("/orders/{oid}", h(self.order_page)),
        ]

    # -- helpers -----------------------------------------------------------------------
    @staticmethod
    def _handle(fn):  # type: ignore[no-untyped-def]
        async def endpoint(request: Request) -> Response:
            try:
                return await fn(request)
            except BadRequest as exc:
                return PlainTextResponse(f"{exc}\n", status_code=exc.status)
        return endpoint

    def _notice(self, session: Session, text: str | None = None) -> str:
        with self._lock:
            if text is not None:
                self._notices[session.id] = text
                return text
            return self._notices.pop(session.id, "")

    def _page(self, request: Request, title: str, body: str, *, query: str = "",
              status: int = 200) -> HTMLResponse:
        session = session_of(request)
        with session.lock:
            count = sum(ln["quantity"] for ln in session.state["cart"]["cartItems"])
        html = views.page(_base(request), title, body, cart_count=count, query=query,
                          notice=self._notice(session))
        return HTMLResponse(html, status_code=status)

    def _redirect(self, request: Request, path: str) -> RedirectResponse:
        return RedirectResponse(_base(request) + path, status_code=303)

    def _not_found(self, request: Request, what: str) -> HTMLResponse:
        return self._page(request, "Not found", views.not_found(_base(request), what), status=404)

    # -- pages -------------------------------------------------------------------------
    async def home(self, request: Request) -> Response:
        return self._page(request, "Food delivery", views.home(_base(request)))

    async def search(self, request: Request) -> Response:
        q = request.query_params.get("q", "")[:100]
        return self._page(request, f"Search: {q}" if q else "Search",
                          views.search(_base(request), q), query=q)

    async def category(self, request: Request) -> Response:
        slug = request.path_params["slug"]
        cat = catalog().category(slug)
        if cat is None:
            return self._not_found(request, "category")
        return self._page(request, cat["name"], views.category(_base(request), slug))

    async def store_page(self, request: Request) -> Response:
        r = catalog().by_id.get(request.path_params["rid"])
        if r is None:
            return self._not_found(request, "store")
        return self._page(request, r.name, views.store(_base(request), r))

    async def item_page(self, request: Request) -> Response:
        it = catalog().items.get(request.path_params["iid"])
        if it is None or it.restaurant_id != request.path_params["rid"]:
            return self._not_found(request, "dish")
        return self._page(request, it.name, views.item(_base(request), it))

    async def cart(self, request: Request) -> Response:
        session = session_of(request)
        with session.lock:
            lines = copy.deepcopy(session.state["cart"]["cartItems"])
            subtotal = store.charges(session.state)["subtotal"]
        return self._page(request, "Cart", checkout_views.cart(_base(request), lines, subtotal))

    async def checkout(self, request: Request) -> Response:
        session = session_of(request)
        with session.lock:
            state = copy.deepcopy(session.state)
        body = checkout_views.checkout(_base(request), state, store.charges(state))
        return self._page(request, "Checkout", body)

    async def orders(self, request: Request) -> Response:
        session = session_of(request)
        with session.lock:
            placed = copy.deepcopy(session.state["cart"]["foodOrders"])
        return self._page(request, "Orders", checkout_views.orders(_base(request), placed))

    async def order_page(self, request: Request) -> Response:
        session = session_of(request)
        with session.lock:
            order = copy.deepcopy(store.order_by_id(session.state, request.path_params["oid"]))
        if order is None:
            return self._not_found(request, "order")
        return self._page(request, "Order placed",
                          checkout_views.confirmation(_base(request), order))

    # -- cart actions ------------------------------------------------------------------
    async def cart_add(self, request: Request) -> Response:
        form = await _form(request)
        it = catalog().items.get(form.get("item_id", ""))
        if it is None:
            raise BadRequest("unknown item_id", 404)
        size = form.get("size") or it.default_size
        if it.price_of(size) is None:
            raise BadRequest(f"unknown size for {it.name}: {size[:40]}")
        qty = _int(form.get("quantity"), "quantity", 1, store.MAX_QTY, default=1)
        replace = form.get("replace", "") == "1"
        session = session_of(request)
        with session.lock:
            try:
                line = store.add_item(session.state, it, size, qty, replace=replace)
            except store.CartConflict as conflict:
                current = catalog().by_id[conflict.current]
                body = checkout_views.conflict(_base(request), current, it, size, qty)
                return self._page(request, "Start a new cart?", body)
            name = f"{it.name} ({size})" if it.sized else it.name
            total = line["quantity"]
        self._notice(session, f"Added {qty} × {name} to your cart ({total} in cart).")
        return self._redirect(request, f"/store/{it.restaurant_id}")

    async def _line_form(self, request: Request) -> tuple[dict[str, str], str, str]:
        form = await _form(request)
        item_id, size = form.get("item_id", ""), form.get("size", "")
        if not item_id or not size:
            raise BadRequest("item_id and size are required")
        return form, item_id, size

    async def cart_update(self, request: Request) -> Response:
        form, item_id, size = await self._line_form(request)
        qty = _int(form.get("quantity"), "quantity", 0, store.MAX_QTY)
        session = session_of(request)
        with session.lock:
            if not store.set_quantity(session.state, item_id, size, qty):
                raise BadRequest("that item is not in your cart", 404)
        return self._redirect(request, "/cart")

    async def cart_remove(self, request: Request) -> Response:
        _, item_id, size = await self._line_form(request)
        session = session_of(request)
        with session.lock:
            if not store.set_quantity(session.state, item_id, size, 0):
                raise BadRequest("that item is not in your cart", 404)
        return self._redirect(request, "/cart")

    # -- checkout actions --------------------------------------------------------------
    async def set_shipping(self, request: Request) -> Response:
        option = _choice((await _form(request)).get("option"), "option", store.SHIPPING_OPTIONS)
        session = session_of(request)
        with session.lock:
            store.set_shipping(session.state, option)
        return self._redirect(request, "/checkout")

    async def set_delivery(self, request: Request) -> Response:
        form = await _form(request)
        option = _choice(form.get("option"), "option", store.DELIVERY_OPTIONS)
        when = ""
        if option == "Schedule":
            slots = tuple(v for v, _ in store.schedule_slots())
            when = _choice(form.get("time"), "time", slots)
        session = session_of(request)
        with session.lock:
            store.set_delivery(session.state, option, when)
        return self._redirect(request, "/checkout")

    async def set_tip(self, request: Request) -> Response:
        tip = _int((await _form(request)).get("tip"), "tip", 0, 100)
        if tip not in store.TIPS:
            raise BadRequest(f"tip must be one of: {', '.join(map(str, store.TIPS))}")
        session = session_of(request)
        with session.lock:
            store.set_tip(session.state, tip)
        return self._redirect(request, "/checkout")

    async def place_order(self, request: Request) -> Response:
        form = await _form(request)
        card = _choice(form.get("payment", "visa-4242"), "payment", tuple(store.CARDS))
        session = session_of(request)
        with session.lock:
            ship = session.state["cart"]["checkoutDetails"]["shipping"]
            drop = form.get("drop_off", ship["dropOffOption"])
            _choice(drop, "drop_off", store.DROP_OFF_OPTIONS)
            notes = form.get("instructions", "").strip()
            if len(notes) > store.MAX_INSTRUCTIONS:
                raise BadRequest(f"instructions: at most {store.MAX_INSTRUCTIONS} characters")
            if not session.state["cart"]["cartItems"]:
                raise BadRequest("your cart is empty", 409)
            order = store.place_order(session.state, drop, notes, card)
        return self._redirect(request, f"/orders/{order['orderId']}")
