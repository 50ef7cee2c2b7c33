"""A DashDish session's state (the React-style store REAL diffs) and the rules that change it.

The store keeps plain lists, like the real site: `cart.cartItems` (the live cart),
`cart.checkoutDetails` (the live checkout choices, every key present from the start) and
`cart.foodOrders` (placed orders, `[]` at seed). Diffed with deep-object-diff, an item put
in the live cart shows as `added.cart.cartItems.{"0": item}`, an index dict, so it never
looks like a placed order to the scripts that search the whole diff for a `cartItems` list
beside a `checkoutDetails` dict; only an order appended to `foodOrders` does.
"""

from __future__ import annotations

import copy
import hashlib
import json
from datetime import datetime, timedelta, timezone
from typing import Any

from halo_cli.sites.dashdish.store.menus import Item, catalog

#: the fixed "now" of the REAL v2 data: Thu 2024-07-18, 12:30 PM in San Francisco (PDT)
PDT = timezone(timedelta(hours=-7), "PDT")
NOW = datetime(2024, 7, 18, 12, 30, tzinfo=PDT)

SHIPPING_OPTIONS = ("Delivery", "Pickup")
DELIVERY_OPTIONS = ("Standard", "Express", "Schedule")
DROP_OFF_OPTIONS = ("Leave it at my door", "Hand it to me", "Meet outside")
TIPS = (0, 2, 3, 5)
MAX_QTY = 10
MAX_INSTRUCTIONS = 300

DELIVERY_FEE = 299  # cents
EXPRESS_FEE = 299
SERVICE_RATE, SERVICE_MIN = 0.10, 100
TAX_RATE = 0.08625  # San Francisco sales tax

USER = {
    "name": "Jordan Lee",
    "phone": "(415) 555-0134",
    "address": {"street": "2130 Fulton St", "apt": "Apt 4", "city": "San Francisco",
                "state": "CA", "zip": "94117"},
}
CARDS = {
    "visa-4242": {"type": "Visa", "last4": "4242"},
    "mastercard-5100": {"type": "Mastercard", "last4": "5100"},
}


class CartConflict(Exception):
    """The cart holds items from another restaurant (DashDish carts hold one store)."""

    def __init__(self, current: str) -> None:
        super().__init__(current)
        self.current = current


def seed_state() -> dict[str, Any]:
    return {
        "user": copy.deepcopy(USER),
        "cart": {
            "cartItems": [],
            "checkoutDetails": {
                "shipping": {"shippingOption": "Delivery", "deliveryOption": "Standard",
                             "dropOffOption": DROP_OFF_OPTIONS[0], "dropOffInstructions": "",
                             "scheduledTime": ""},
                "payment": dict(CARDS["visa-4242"]),
                "tip": 0,
            },
            "foodOrders": [],
        },
    }


def schedule_slots() -> list[tuple[str, str]]:
    """(value, label) of the half-hour windows a delivery can be scheduled for."""
    out = []
    for day, hours in ((0, range(14, 21)), (1, range(11, 14))):
        for h in hours:
            for m in (0, 30):
                start = NOW.replace(hour=h, minute=m) + timedelta(days=day)
                end = start + timedelta(minutes=30)
                label = (f"{'Today' if day == 0 else 'Tomorrow'}, {start:%b} {start.day}, "
                         f"{_clock(start)} - {_clock(end)}")
                out.append((start.isoformat(), label))
    return out


def _clock(t: datetime) -> str:
    return f"{(t.hour - 1) % 12 + 1}:{t.minute:02d} {'AM' if t.hour < 12 else 'PM'}"


# -- cart -----------------------------------------------------------------------------
def cart_restaurant(state: dict[str, Any]) -> str | None:
    items = state["cart"]["cartItems"]
    return items[0]["restaurantId"] if items else None


def find_line(state: dict[str, Any], item_id: str, size: str) -> dict[str, Any] | None:
    return next((ln for ln in state["cart"]["cartItems"]
                 if ln["id"] == item_id and ln["size"] == size), None)


def add_item(state: dict[str, Any], item: Item, size: str, quantity: int,
             replace: bool = False) -> dict[str, Any]:
    """Put `quantity` of `item` in `size` into the cart (merging with the same line)."""
    current = cart_restaurant(state)
    if current is not None and current != item.restaurant_id:
        if not replace:
            raise CartConflict(current)
        state["cart"]["cartItems"] = []
    line = find_line(state, item.id, size)
    if line is not None:
        line["quantity"] = min(MAX_QTY, line["quantity"] + quantity)
        return line
    rest = catalog().by_id[item.restaurant_id]
    line = {"id": item.id, "name": item.name, "description": item.description,
            "restaurantId": rest.id, "restaurantName": rest.name,
            "price": item.price_of(size), "size": size, "quantity": quantity}
    state["cart"]["cartItems"].append(line)
    return line


def set_quantity(state: dict[str, Any], item_id: str, size: str, quantity: int) -> bool:
    """Change a line's quantity (0 removes it); False if the line is not in the cart."""
    items = state["cart"]["cartItems"]
    for i, ln in enumerate(items):
        if ln["id"] == item_id and ln["size"] == size:
            if quantity <= 0:
                del items[i]
            else:
                ln["quantity"] = quantity
            return True
    return False


# -- checkout -------------------------------------------------------------------------
def _cents(x: float) -> int:
    return int(round(x * 100))


def _round_half_up(x: float) -> int:
    return int(x + 0.5)


def charges(state: dict[str, Any]) -> dict[str, float]:
    """The order summary for the live cart and checkout choices, in dollars."""
    details = state["cart"]["checkoutDetails"]
    shipping = details["shipping"]
    subtotal = sum(_cents(ln["price"]) * ln["quantity"] for ln in state["cart"]["cartItems"])
    delivery = shipping["shippingOption"] == "Delivery"
    fee = (DELIVERY_FEE + (EXPRESS_FEE if shipping["deliveryOption"] == "Express" else 0)
           if delivery and subtotal else 0)
    service = max(SERVICE_MIN, _round_half_up(subtotal * SERVICE_RATE)) if delivery and subtotal \
        else 0
    tax = _round_half_up(subtotal * TAX_RATE)
    tip = details["tip"] * 100 if delivery and subtotal else 0
    total = subtotal + fee + service + tax + tip
    return {"subtotal": subtotal / 100, "deliveryFee": fee / 100, "serviceFee": service / 100,
            "tax": tax / 100, "tip": tip / 100, "totalAmount": total / 100}


def set_shipping(state: dict[str, Any], option: str) -> None:
    state["cart"]["checkoutDetails"]["shipping"]["shippingOption"] = option


def set_delivery(state: dict[str, Any], option: str, scheduled: str = "") -> None:
    shipping = state["cart"]["checkoutDetails"]["shipping"]
    shipping["deliveryOption"] = option
    shipping["scheduledTime"] = scheduled if option == "Schedule" else ""


def set_tip(state: dict[str, Any], dollars: int) -> None:
    state["cart"]["checkoutDetails"]["tip"] = dollars


def place_order(state: dict[str, Any], drop_off: str, instructions: str,
                card: str) -> dict[str, Any]:
    """Append the live cart as an order to `cart.foodOrders` and empty the cart."""
    cart = state["cart"]
    details = cart["checkoutDetails"]
    shipping = details["shipping"]
    if shipping["shippingOption"] == "Delivery":
        shipping["dropOffOption"] = drop_off
        shipping["dropOffInstructions"] = instructions
    details["payment"] = dict(CARDS[card])
    n = len(cart["foodOrders"])
    created = (NOW + timedelta(minutes=2 * n)).astimezone(timezone.utc)
    items = copy.deepcopy(cart["cartItems"])
    order_shipping = dict(shipping)
    if order_shipping["shippingOption"] == "Pickup":
        order_shipping.update(dropOffOption="", dropOffInstructions="", scheduledTime="")
    body = {
        "createdAt": created.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
        "restaurantId": items[0]["restaurantId"],
        "restaurantName": items[0]["restaurantName"],
        "cartItems": items,
        "checkoutDetails": {"charges": charges(state), "shipping": order_shipping,
                            "payment": dict(details["payment"])},
        "status": "Placed",
    }
    digest = hashlib.sha256(json.dumps([n, body], sort_keys=True).encode()).hexdigest()
    order = {"orderId": f"ORD-{digest[:10].upper()}", **body}
    cart["foodOrders"].append(order)
    cart["cartItems"] = []
    details["shipping"]["dropOffInstructions"] = ""
    return order


def order_by_id(state: dict[str, Any], order_id: str) -> dict[str, Any] | None:
    return next((o for o in state["cart"]["foodOrders"] if o["orderId"] == order_id), None)
