"""DashDish cart, checkout and order pages."""

from __future__ import annotations

from html import escape
from typing import Any

from halo_cli.sites.dashdish.store.menus import Item, Restaurant, catalog
from halo_cli.sites.dashdish.store.orders import CARDS, DROP_OFF_OPTIONS, MAX_QTY, TIPS, USER, schedule_slots
from halo_cli.sites.dashdish.views.layout import money


def _line_name(ln: dict[str, Any]) -> str:
    item = catalog().items.get(ln["id"])
    return f'{ln["name"]} ({ln["size"]})' if item is not None and item.sized else ln["name"]


def _hidden(**fields: str) -> str:
    return "".join(f'<input type="hidden" name="{k}" value="{escape(v)}">' for k, v in fields.items())


def cart(base: str, lines: list[dict[str, Any]], subtotal: float) -> str:
    if not lines:
        return ('<h1>Your cart</h1><p>Your cart is empty. Add items from a store to start an order.'
                f'</p><p><a class="btn" href="{base}/">Browse stores</a></p>')
    r = catalog().by_id[lines[0]["restaurantId"]]
    rows = []
    for ln in lines:
        name = escape(_line_name(ln))
        key = _hidden(item_id=ln["id"], size=ln["size"])
        opts = "".join(f'<option value="{i}"{" selected" if i == ln["quantity"] else ""}>{i}'
                       f'</option>' for i in range(1, MAX_QTY + 1))
        rows.append(
            f'<tr><td>{name}</td><td>{money(ln["price"])}</td><td>'
            f'<form class="inline" method="post" action="{base}/cart/update">{key}'
            f'<select name="quantity" aria-label="Quantity for {name}">{opts}</select> '
            f'<button type="submit" aria-label="Update quantity for {name}">Update</button></form> '
            f'<form class="inline" method="post" action="{base}/cart/remove">{key}'
            f'<button type="submit" aria-label="Remove {name}">Remove</button></form></td>'
            f'<td>{money(ln["price"] * ln["quantity"])}</td></tr>')
    count = sum(ln["quantity"] for ln in lines)
    return (f'<h1>Your cart</h1><p>From <a href="{base}/store/{r.id}">{escape(r.name)}</a></p>'
            f'<table class="lines"><thead><tr><th>Item</th><th>Price</th><th>Quantity</th>'
            f'<th>Total</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
            f'<p>Subtotal ({count} item{"s" if count != 1 else ""}): <b>{money(subtotal)}</b></p>'
            f'<p><a class="btn" href="{base}/checkout">Checkout</a> '
            f'<a href="{base}/store/{r.id}">Add more items</a></p>')


def conflict(base: str, current: Restaurant, item: Item, size: str, quantity: int) -> str:
    new = catalog().by_id[item.restaurant_id]
    fields = _hidden(item_id=item.id, size=size, quantity=str(quantity), replace="1")
    return (f'<div class="panel" style="max-width:560px"><h1>Start a new cart?</h1>'
            f'<p>Your cart already has items from {escape(current.name)}. Start a new cart to add '
            f'{escape(item.name)} from {escape(new.name)}.</p>'
            f'<form method="post" action="{base}/cart/add">{fields}'
            f'<button class="primary" type="submit">Start new cart</button></form>'
            f'<p><a href="{base}/cart">Keep current cart</a></p></div>')


def _option(base: str, action: str, field: str, value: str, label: str, pressed: bool,
            extra: str = "") -> str:
    detail = f' <span class="muted">{escape(extra)}</span>' if extra else ""
    return (f'<form class="inline" method="post" action="{base}/checkout/{action}">'
            f'{_hidden(**{field: value})}<button class="opt" type="submit" '
            f'aria-pressed="{"true" if pressed else "false"}">{escape(label)}{detail}</button></form>')


def _summary(lines: list[dict[str, Any]], ch: dict[str, float], delivery: bool) -> str:
    items = "".join(f'<li>{ln["quantity"]} × {escape(_line_name(ln))}: '
                    f'{money(ln["price"] * ln["quantity"])}</li>' for ln in lines)
    rows = [("Subtotal", ch["subtotal"])]
    if delivery:
        rows += [("Delivery fee", ch["deliveryFee"]), ("Service fee", ch["serviceFee"])]
    rows.append(("Estimated tax", ch["tax"]))
    if delivery:
        rows.append(("Dasher tip", ch["tip"]))
    dl = "".join(f"<dt>{k}</dt><dd>{money(v)}</dd>" for k, v in rows)
    return (f'<section class="panel" aria-labelledby="sum-h"><h2 id="sum-h">Order summary</h2>'
            f'<ul>{items}</ul><dl class="sum">{dl}<dt><b>Total</b></dt>'
            f'<dd><b>{money(ch["totalAmount"])}</b></dd></dl></section>')


def checkout(base: str, state: dict[str, Any], ch: dict[str, float]) -> str:
    lines = state["cart"]["cartItems"]
    if not lines:
        return ('<h1>Checkout</h1><p>Your cart is empty.</p>'
                f'<p><a class="btn" href="{base}/">Browse stores</a></p>')
    details = state["cart"]["checkoutDetails"]
    ship = details["shipping"]
    r = catalog().by_id[lines[0]["restaurantId"]]
    delivery = ship["shippingOption"] == "Delivery"
    out = ['<h1>Checkout</h1>']
    left = [f'<section class="panel" aria-labelledby="mode-h"><h2 id="mode-h">Delivery or pickup'
            f'</h2>{_option(base, "shipping", "option", "Delivery", "Delivery", delivery)}'
            f'{_option(base, "shipping", "option", "Pickup", "Pickup", not delivery)}</section>']
    if delivery:
        a = USER["address"]
        opt = ship["deliveryOption"]
        slots = schedule_slots()
        chosen = ship["scheduledTime"]
        slot_opts = "".join(f'<option value="{v}"{" selected" if v == chosen else ""}>'
                            f'{escape(lab)}</option>' for v, lab in slots)
        when = next((lab for v, lab in slots if v == chosen), "")
        left.append(
            f'<section class="panel" aria-labelledby="opt-h"><h2 id="opt-h">Delivery options</h2>'
            f'<p class="muted">To {escape(a["street"])}, {escape(a["apt"])}, {escape(a["city"])}, '
            f'{escape(a["state"])} {escape(a["zip"])}</p>'
            + _option(base, "delivery", "option", "Standard", "Standard", opt == "Standard",
                      f"{r.eta}")
            + _option(base, "delivery", "option", "Express", "Express", opt == "Express",
                      "10 min faster, +$2.99")
            + f'<form method="post" action="{base}/checkout/delivery">'
            + _hidden(option="Schedule")
            + '<label for="scheduled-time">Scheduled time</label> '
            f'<select id="scheduled-time" name="time">{slot_opts}</select> '
            f'<button class="opt" type="submit" aria-pressed="{"true" if opt == "Schedule" else "false"}">'
            f'Schedule</button></form>'
            + (f'<p>Scheduled for {escape(when)}</p>' if opt == "Schedule" and when else "")
            + '</section>')
        tips = "".join(_option(base, "tip", "tip", str(t), "No tip" if t == 0 else f"${t}",
                               details["tip"] == t) for t in TIPS)
        left.append(f'<section class="panel" aria-labelledby="tip-h"><h2 id="tip-h">Dasher tip</h2>'
                    f'<p class="muted">100% of the tip goes to your Dasher.</p>{tips}</section>')
    else:
        left.append(f'<section class="panel" aria-labelledby="pick-h"><h2 id="pick-h">Pickup</h2>'
                    f'<p>Pick up at {escape(r.name)}, {escape(r.address)}. Ready in about 15 min.'
                    f'</p></section>')
    pay = details["payment"]
    cards = "".join(
        f'<option value="{k}"{" selected" if c == pay else ""}>{c["type"]} •••• {c["last4"]}</option>'
        for k, c in CARDS.items())
    drop = ""
    if delivery:
        drops = "".join(f'<option{" selected" if o == ship["dropOffOption"] else ""}>{escape(o)}'
                        f'</option>' for o in DROP_OFF_OPTIONS)
        drop = (f'<p><label for="drop-off">Drop-off option</label> <select id="drop-off" '
                f'name="drop_off">{drops}</select></p><p><label for="instructions">Drop-off '
                f'instructions</label><br><textarea id="instructions" name="instructions" rows="2" '
                f'cols="40" maxlength="300">{escape(ship["dropOffInstructions"])}</textarea></p>')
    left.append(
        f'<form class="panel" method="post" action="{base}/checkout/place" aria-labelledby="pay-h">'
        f'<h2 id="pay-h">{"Drop-off and payment" if delivery else "Payment"}</h2>{drop}'
        f'<p><label for="payment">Payment method</label> '
        f'<select id="payment" name="payment">{cards}</select></p>'
        f'<p>Total: <b>{money(ch["totalAmount"])}</b></p>'
        f'<button class="primary" type="submit">Place order</button></form>')
    out.append(f'<div class="layout"><div style="flex:1">{"".join(left)}</div>'
               f'<div style="width:320px"><p>From <b>{escape(r.name)}</b></p>'
               f'{_summary(lines, ch, delivery)}</div></div>')
    return "".join(out)


def order_block(base: str, order: dict[str, Any]) -> str:
    ch = order["checkoutDetails"]["charges"]
    ship = order["checkoutDetails"]["shipping"]
    pay = order["checkoutDetails"]["payment"]
    items = "".join(f'<li>{ln["quantity"]} × {escape(_line_name(ln))}: '
                    f'{money(ln["price"] * ln["quantity"])}</li>' for ln in order["cartItems"])
    if ship["shippingOption"] == "Pickup":
        how = "Pickup"
    else:
        how = f'{ship["deliveryOption"]} delivery, {ship["dropOffOption"].lower()}'
    return (f'<p>Order <b>{escape(order["orderId"])}</b> from '
            f'<a href="{base}/store/{order["restaurantId"]}">{escape(order["restaurantName"])}</a>'
            f'</p><ul>{items}</ul><p>{escape(how)} · Paid with {escape(pay["type"])} •••• '
            f'{escape(pay["last4"])}</p><p>Total charged: <b>{money(ch["totalAmount"])}</b></p>')


def confirmation(base: str, order: dict[str, Any]) -> str:
    ship = order["checkoutDetails"]["shipping"]
    head = ("Your order is being prepared for pickup" if ship["shippingOption"] == "Pickup"
            else "Your order is on its way soon")
    return (f'<div class="panel" style="max-width:640px"><h1>Order placed</h1><p>{head}.</p>'
            f'{order_block(base, order)}<p><a href="{base}/orders">See all orders</a> · '
            f'<a href="{base}/">Back to stores</a></p></div>')


def orders(base: str, placed: list[dict[str, Any]]) -> str:
    if not placed:
        return '<h1>Orders</h1><p>You have no orders yet.</p>'
    blocks = "".join(f'<div class="panel">{order_block(base, o)}</div>' for o in reversed(placed))
    return f"<h1>Orders</h1>{blocks}"
