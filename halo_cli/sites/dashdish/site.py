"""DashDish: an offline replica of REAL's DoorDash-like site, judged by the v2 dashdish scripts.

State shape (plain lists, diffed the deep-object-diff way, see `store/orders.py`):
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
from collections.abc import Callable, Mapping
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from halo_cli.sites.base import Session, record_config, session_of
from halo_cli.sites.dashdish.store import orders
from halo_cli.sites.dashdish.store.menus import catalog
from halo_cli.sites.dashdish.views import browse, checkout, layout
from halo_cli.sites.diff import keyed_changes
from halo_cli.sites.kit import (
    BadRequest,
    Form,
    KitSite,
    choice_field,
    html_page,
    int_field,
    read_form,
    redirect,
    root_path,
    route,
    take_notice,
)

TASKS = [f"dashdish-{n}" for n in (1, 3, 4, 7, 8, 10, 11, 12, 17, 24, 26)]


def _indexed(placed: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {str(i): o for i, o in enumerate(placed)}


def _set_quantity(state: dict[str, Any], item_id: str, size: str, quantity: int) -> None:
    if not orders.set_quantity(state, item_id, size, quantity):
        raise BadRequest("that item is not in your cart", 404)


class DashDish(KitSite):
    """The DashDish replica: browse stores, fill a one-store cart, check out."""

    id = "dashdish"
    title = "DashDish"
    diff_mode = "deep-object-diff"

    def __init__(self) -> None:
        catalog()  # load once, up front

    # -- Site API ----------------------------------------------------------------------
    tasks = TASKS

    def seed_state(self, task: str) -> dict[str, Any]:
        return {"router": {"location": {"pathname": "/"}}, **orders.seed_state()}

    def configure(self, session: Session, params: Mapping[str, str]) -> None:
        """`config.dashdish.{run_id, latency}`, written after the snapshot as REAL's site does."""
        record_config(session, "dashdish", params)

    def differences(self, initial: dict[str, Any], current: dict[str, Any]) -> dict[str, Any]:
        before = _indexed(initial["cart"]["foodOrders"])
        after = _indexed(current["cart"]["foodOrders"])
        return {"differences": {"foodOrders": copy.deepcopy(keyed_changes(before, after))}}

    # -- helpers -----------------------------------------------------------------------
    @staticmethod
    def _page(request: Request, title: str, body: str, *, query: str = "",
              status: int = 200) -> HTMLResponse:
        """`body` in the site's page, with the cart count and the pending notice."""
        session = session_of(request)
        with session.lock:
            count = sum(ln["quantity"] for ln in session.state["cart"]["cartItems"])
        text = layout.page(root_path(request), title, body, cart_count=count, query=query,
                           notice=take_notice(session) or "")
        return html_page(text, status)

    def _not_found(self, request: Request, what: str) -> HTMLResponse:
        body = browse.not_found(root_path(request), what)
        return self._page(request, "Not found", body, status=404)

    @staticmethod
    def _state(request: Request) -> dict[str, Any]:
        """A copy of the session's state, to render from outside its lock."""
        session = session_of(request)
        with session.lock:
            return copy.deepcopy(session.state)

    @staticmethod
    def _change(request: Request, path: str, change: Callable[..., Any], *args: Any) -> Response:
        """`change(state, *args)` under the session's lock, then a 303 to `path`."""
        session = session_of(request)
        with session.lock:
            change(session.state, *args)
        return redirect(request, path)

    # -- pages -------------------------------------------------------------------------
    @route("/")
    async def home(self, request: Request) -> Response:
        return self._page(request, "Food delivery", browse.home(root_path(request)))

    @route("/search")
    async def search(self, request: Request) -> Response:
        q = request.query_params.get("q", "")[:100]
        return self._page(request, f"Search: {q}" if q else "Search",
                          browse.search(root_path(request), q), query=q)

    @route("/category/{slug}")
    async def category(self, request: Request) -> Response:
        slug = request.path_params["slug"]
        cat = catalog().category(slug)
        if cat is None:
            return self._not_found(request, "category")
        return self._page(request, cat["name"], browse.category(root_path(request), slug))

    @route("/store/{rid}")
    async def store_page(self, request: Request) -> Response:
        r = catalog().by_id.get(request.path_params["rid"])
        if r is None:
            return self._not_found(request, "store")
        return self._page(request, r.name, browse.store(root_path(request), r))

    @route("/store/{rid}/item/{iid}")
    async def item_page(self, request: Request) -> Response:
        it = catalog().items.get(request.path_params["iid"])
        if it is None or it.restaurant_id != request.path_params["rid"]:
            return self._not_found(request, "dish")
        return self._page(request, it.name, browse.item(root_path(request), it))

    @route("/cart")
    async def cart_page(self, request: Request) -> Response:
        state = self._state(request)
        body = checkout.cart(root_path(request), state["cart"]["cartItems"],
                             orders.charges(state)["subtotal"])
        return self._page(request, "Cart", body)

    @route("/checkout")
    async def checkout_page(self, request: Request) -> Response:
        state = self._state(request)
        body = checkout.checkout(root_path(request), state, orders.charges(state))
        return self._page(request, "Checkout", body)

    @route("/orders")
    async def orders_page(self, request: Request) -> Response:
        placed = self._state(request)["cart"]["foodOrders"]
        return self._page(request, "Orders", checkout.orders(root_path(request), placed))

    @route("/orders/{oid}")
    async def order_page(self, request: Request) -> Response:
        order = orders.order_by_id(self._state(request), request.path_params["oid"])
        if order is None:
            return self._not_found(request, "order")
        return self._page(request, "Order placed", checkout.confirmation(root_path(request), order))

    # -- cart actions ------------------------------------------------------------------
    @route("/cart/add", methods=["POST"])
    async def cart_add(self, request: Request) -> Response:
        form = await read_form(request)
        it = catalog().items.get(form.get("item_id", ""))
        if it is None:
            raise BadRequest("unknown item_id", 404)
        size = form.get("size") or it.default_size
        if it.price_of(size) is None:
            raise BadRequest(f"unknown size for {it.name}: {size[:40]}")
        qty = int_field(form.get("quantity"), "quantity", 1, orders.MAX_QTY, default=1)
        replace = form.get("replace", "") == "1"
        session = session_of(request)
        with session.lock:
            try:
                line = orders.add_item(session.state, it, size, qty, replace=replace)
            except orders.CartConflict as conflict:
                current = catalog().by_id[conflict.current]
                body = checkout.conflict(root_path(request), current, it, size, qty)
                return self._page(request, "Start a new cart?", body)
            name = f"{it.name} ({size})" if it.sized else it.name
            total = line["quantity"]
        return redirect(request, f"/store/{it.restaurant_id}",
                        f"Added {qty} × {name} to your cart ({total} in cart).")

    @staticmethod
    async def _line_form(request: Request) -> tuple[Form, str, str]:
        form = await read_form(request)
        item_id, size = form.get("item_id", ""), form.get("size", "")
        if not item_id or not size:
            raise BadRequest("item_id and size are required")
        return form, item_id, size

    @route("/cart/update", methods=["POST"])
    async def cart_update(self, request: Request) -> Response:
        form, item_id, size = await self._line_form(request)
        qty = int_field(form.get("quantity"), "quantity", 0, orders.MAX_QTY)
        return self._change(request, "/cart", _set_quantity, item_id, size, qty)

    @route("/cart/remove", methods=["POST"])
    async def cart_remove(self, request: Request) -> Response:
        _, item_id, size = await self._line_form(request)
        return self._change(request, "/cart", _set_quantity, item_id, size, 0)

    # -- checkout actions --------------------------------------------------------------
    @route("/checkout/shipping", methods=["POST"])
    async def set_shipping(self, request: Request) -> Response:
        form = await read_form(request)
        option = choice_field(form.get("option"), "option", orders.SHIPPING_OPTIONS)
        return self._change(request, "/checkout", orders.set_shipping, option)

    @route("/checkout/delivery", methods=["POST"])
    async def set_delivery(self, request: Request) -> Response:
        form = await read_form(request)
        option = choice_field(form.get("option"), "option", orders.DELIVERY_OPTIONS)
        when = ""
        if option == "Schedule":
            when = choice_field(form.get("time"), "time", (v for v, _ in orders.schedule_slots()))
        return self._change(request, "/checkout", orders.set_delivery, option, when)

    @route("/checkout/tip", methods=["POST"])
    async def set_tip(self, request: Request) -> Response:
        form = await read_form(request)
        tip = int_field(form.get("tip"), "tip", 0, 100)
        choice_field(str(tip), "tip", map(str, orders.TIPS))
        return self._change(request, "/checkout", orders.set_tip, tip)

    @route("/checkout/place", methods=["POST"])
    async def place_order(self, request: Request) -> Response:
        form = await read_form(request)
        card = choice_field(form.get("payment", "visa-4242"), "payment", orders.CARDS)
        session = session_of(request)
        with session.lock:
            ship = session.state["cart"]["checkoutDetails"]["shipping"]
            drop = choice_field(form.get("drop_off", ship["dropOffOption"]), "drop_off",
                                orders.DROP_OFF_OPTIONS)
            notes = (form.get("instructions") or "").strip()
            if len(notes) > orders.MAX_INSTRUCTIONS:
                raise BadRequest(f"instructions: at most {orders.MAX_INSTRUCTIONS} characters")
            if not session.state["cart"]["cartItems"]:
                raise BadRequest("your cart is empty", 409)
            order = orders.place_order(session.state, drop, notes, card)
        return redirect(request, f"/orders/{order['orderId']}")
