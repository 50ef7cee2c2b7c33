"""A DashDish order as a training task states it, for `templates.py`.

An order spec is plain JSON-able params: `restaurant`, `lines` (`[{item_id, name, size,
sized, price, quantity}]`) and any checkout choices the goal names (`shipping`,
`delivery`, `slot`, `tip`, `drop_off`, `note`, `card`). This module places such a spec
through the site's own handlers (`place`) or as browser steps (`browser_steps`), finds
the orders a `/finish` JSON shows as placed (`placed_orders`), and checks one of them
against the spec, one named check at a time (`CHECKS`): a template judges only the
checks its goal asks for.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from typing import Any

from halo_cli.sites import reference as R
from halo_cli.sites.dashdish.store import orders
from halo_cli.sites.dashdish.store.menus import Item
from halo_cli.sites.reference import Step

Params = dict[str, Any]
Order = dict[str, Any]


# -- the spec ------------------------------------------------------------------------------
def line_of(item: Item, size: str | None = None, quantity: int = 1) -> dict[str, Any]:
    """One cart line of a spec: `item` in `size` (its first size by default)."""
    size = size or item.default_size
    price = item.price_of(size)
    if price is None:
        raise ValueError(f"{item.name} has no size {size!r}")
    return {"item_id": item.id, "name": item.name, "size": size, "sized": item.sized,
            "price": price, "quantity": quantity}


def dish_phrase(line: dict[str, Any], style: int = 0) -> str:
    """How a goal names a line: "2 Cheese Pizza (Large)", "a Mango Lassi", "Edamame", ..."""
    name, size, qty = line["name"], line["size"], line["quantity"]
    if qty > 1:
        base = f"{name} ({size})" if line["sized"] else name
        return f"{base} x{qty}" if style % 3 == 0 else f"{qty} {base}"
    base = (f"{size} {name}" if style % 2 else f"{name} ({size})") if line["sized"] else name
    if re.sub(r"\s*\(.*\)$", "", name).endswith("s") or (line["sized"] and style % 2):
        return f"1x {base}" if style % 3 == 0 else base
    article = "one" if style % 3 == 0 else ("an" if base[0] in "AEIOU" else "a")
    return f"{article} {base}"


def dishes_phrase(lines: list[dict[str, Any]], style: int = 0) -> str:
    """The lines of a spec in one phrase: "a Gyoza (6 pc), 2 Edamame and one Miso Soup"."""
    parts = [dish_phrase(ln, style) for ln in lines]
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


def order_total(lines: list[dict[str, Any]], delivery: str = "Delivery") -> float:
    """The checkout total of `lines` with the site's fees (standard delivery, no tip)."""
    state = orders.seed_state()
    state["cart"]["cartItems"] = [{"price": ln["price"], "quantity": ln["quantity"]}
                                  for ln in lines]
    orders.set_shipping(state, delivery)
    return orders.charges(state)["totalAmount"]


def card_label(card: str) -> str:
    """The payment option's label on the checkout page ("Mastercard •••• 5100")."""
    c = orders.CARDS[card]
    return f"{c['type']} •••• {c['last4']}"


# -- placing it ------------------------------------------------------------------------------
def place(params: Params, client: Any) -> None:
    """Fill the cart and check out as `params` say, through the site's handlers
    (`client`: a `SiteClient`); `skip_place` stops before "Place order"."""
    for ln in params["lines"]:
        _ok(client.post("/cart/add", {"item_id": ln["item_id"], "size": ln["size"],
                                      "quantity": str(ln["quantity"])}))
    if params.get("shipping", "Delivery") != "Delivery":
        _ok(client.post("/checkout/shipping", {"option": params["shipping"]}))
    delivery = params.get("delivery", "Standard")
    if params.get("shipping", "Delivery") == "Delivery":
        if delivery != "Standard":
            form = {"option": delivery} | ({"time": params["slot"]} if delivery == "Schedule" else {})
            _ok(client.post("/checkout/delivery", form))
        if params.get("tip"):
            _ok(client.post("/checkout/tip", {"tip": str(params["tip"])}))
    if params.get("skip_place"):
        return
    form = {"payment": params.get("card", "visa-4242")}
    if params.get("shipping", "Delivery") == "Delivery":
        form |= {"drop_off": params.get("drop_off", orders.DROP_OFF_OPTIONS[0]),
                 "instructions": params.get("note", "")}
    _ok(client.post("/checkout/place", form))


def _ok(resp: Any) -> None:
    if resp.status_code != 200:
        raise RuntimeError(f"{resp.request.method} {resp.request.url}: {resp.status_code} "
                           f"{resp.text[:200]}")


def browser_steps(params: Params) -> list[Step]:
    """The same order from the start page, by role and accessible name: the store, each
    line (quick add, or its page for a size or a quantity), checkout, choices, place."""
    steps: list[Step] = [R.click("link", params["restaurant"], exact=True)]
    for ln in params["lines"]:
        if not ln["sized"] and ln["quantity"] == 1:
            steps.append(R.click("button", f"Add {ln['name']} to cart", exact=True))
            continue
        steps.append(R.click("link", ln["name"], exact=True))
        if ln["sized"]:
            steps.append(R.check("radio", f"{ln['size']}, ${ln['price']:,.2f}"))
        if ln["quantity"] != 1:
            steps.append(R.select("combobox", "Quantity", str(ln["quantity"])))
        steps.append(R.click("button", "Add to cart", exact=True))
    steps.append(R.click("link", "Checkout", exact=True))
    delivery = params.get("shipping", "Delivery") == "Delivery"
    if not delivery:
        steps.append(R.click("button", params["shipping"], exact=True))
    else:
        if params.get("delivery") == "Express":
            steps.append(R.click("button", "Express"))
        elif params.get("delivery") == "Schedule":
            steps += [R.select("combobox", "Scheduled time", params["slot_label"]),
                      R.click("button", "Schedule", exact=True)]
        if params.get("tip"):
            steps.append(R.click("button", f"${params['tip']}", exact=True))
        if params.get("drop_off"):
            steps.append(R.select("combobox", "Drop-off option", params["drop_off"]))
        if params.get("note"):
            steps.append(R.fill("textbox", "Drop-off instructions", params["note"]))
    if params.get("card"):
        steps.append(R.select("combobox", "Payment method", card_label(params["card"])))
    steps.append(R.click("button", "Place order", exact=True))
    return steps


# -- reading /finish -------------------------------------------------------------------------
def placed_orders(finish: dict[str, Any]) -> list[Order]:
    """The orders placed during the episode, as REAL's dashdish scripts gather them:
    `initialfinaldiff.added.cart.foodOrders` and `differences.foodOrders.added`, once per
    `orderId`."""
    found: dict[str, Order] = {}
    added = (finish.get("initialfinaldiff") or {}).get("added") or {}
    sources = [((added.get("cart") or {}).get("foodOrders") or {}),
               (((finish.get("differences") or {}).get("foodOrders") or {}).get("added") or {})]
    for source in sources:
        if not isinstance(source, dict):
            continue
        for key, order in source.items():
            if isinstance(order, dict) and isinstance(order.get("cartItems"), list):
                found.setdefault(str(order.get("orderId") or key), order)
    return list(found.values())


def norm(text: Any) -> str:
    """Lower case, punctuation dropped, spaces collapsed: what "the same text" means here."""
    return " ".join(re.findall(r"[a-z0-9$.]+", str(text or "").lower())).strip(" .")


def word_stem(word: str) -> str:
    """"fries" -> "frie", "sandwiches" -> "sandwich", "wings" -> "wing" (plural = singular)."""
    w = word.lower()
    if len(w) > 4 and w.endswith("es") and w[-3] in "hsxz":
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        return w[:-1]
    return w


def name_words(name: str) -> set[str]:
    return {word_stem(w) for w in re.findall(r"[a-z]+", name.lower())}


# -- checks: each (params, order) -> None when it holds, else why not -----------------------
def _shipping(order: Order) -> dict[str, Any]:
    return (order.get("checkoutDetails") or {}).get("shipping") or {}


def _charges(order: Order) -> dict[str, Any]:
    return (order.get("checkoutDetails") or {}).get("charges") or {}


def check_restaurant(params: Params, order: Order) -> str | None:
    names = {norm(order.get("restaurantName"))} | {norm(ln.get("restaurantName"))
                                                   for ln in order["cartItems"]}
    if names != {norm(params["restaurant"])}:
        return f"ordered from {', '.join(sorted(names))}, not {params['restaurant']}"
    return None


def check_lines(params: Params, order: Order) -> str | None:
    want = Counter({(norm(ln["name"]), norm(ln["size"])): ln["quantity"] for ln in params["lines"]})
    got: Counter[tuple[str, str]] = Counter()
    for ln in order["cartItems"]:
        qty = ln.get("quantity")
        got[(norm(ln.get("name")), norm(ln.get("size")))] += qty if isinstance(qty, int) else 0
    if got == want:
        return None
    missing = [f"{q} × {n} ({s})" for (n, s), q in (want - got).items()]
    extra = [f"{q} × {n} ({s})" for (n, s), q in (got - want).items()]
    return "; ".join(x for x in (f"missing {', '.join(missing)}" if missing else "",
                                 f"unexpected {', '.join(extra)}" if extra else "") if x)


def check_shipping(params: Params, order: Order) -> str | None:
    got = _shipping(order).get("shippingOption")
    return None if norm(got) == norm(params["shipping"]) else f"{got} instead of {params['shipping']}"


def check_delivery(params: Params, order: Order) -> str | None:
    ship = _shipping(order)
    if norm(ship.get("shippingOption")) != "delivery":
        return f"{ship.get('shippingOption')} instead of delivery"
    got = ship.get("deliveryOption")
    return None if norm(got) == norm(params["delivery"]) else \
        f"{got} delivery instead of {params['delivery']}"


def check_slot(params: Params, order: Order) -> str | None:
    wrong = check_delivery(params | {"delivery": "Schedule"}, order)
    if wrong:
        return wrong
    got = _shipping(order).get("scheduledTime")
    return None if got == params["slot"] else f"scheduled for {got}, not {params['slot']}"


def check_tip(params: Params, order: Order) -> str | None:
    got = _charges(order).get("tip")
    ok = isinstance(got, (int, float)) and abs(got - params["tip"]) < 0.005
    return None if ok else f"tip {got} instead of {params['tip']}"


def check_drop_off(params: Params, order: Order) -> str | None:
    got = _shipping(order).get("dropOffOption")
    return None if norm(got) == norm(params["drop_off"]) else \
        f"drop-off {got!r} instead of {params['drop_off']!r}"


def check_note(params: Params, order: Order) -> str | None:
    got = _shipping(order).get("dropOffInstructions")
    return None if norm(params["note"]) in norm(got) else \
        f"instructions {got!r} do not say {params['note']!r}"


def check_card(params: Params, order: Order) -> str | None:
    pay = (order.get("checkoutDetails") or {}).get("payment") or {}
    want = orders.CARDS[params["card"]]
    ok = str(pay.get("last4")) == want["last4"] and norm(pay.get("type")) == norm(want["type"])
    return None if ok else f"paid with {pay.get('type')} {pay.get('last4')}, not {card_label(params['card'])}"


def keyword_in(stem: str, name: Any, description: Any) -> bool:
    """The word (stemmed) is one of the dish's name or description words."""
    return stem in name_words(str(name or "")) or stem in name_words(str(description or ""))


def check_keyword(params: Params, order: Order) -> str | None:
    stem = word_stem(params["keyword"])
    if any(keyword_in(stem, ln.get("name"), ln.get("description")) for ln in order["cartItems"]):
        return None
    return f"no item with {params['keyword']!r} in its name or description"


def check_budget(params: Params, order: Order) -> str | None:
    got = _charges(order).get("totalAmount")
    ok = isinstance(got, (int, float)) and got < params["budget"]
    return None if ok else f"total {got} is not under ${params['budget']}"


CHECKS: dict[str, Callable[[Params, Order], str | None]] = {
    "restaurant": check_restaurant, "lines": check_lines, "shipping": check_shipping,
    "delivery": check_delivery, "slot": check_slot, "tip": check_tip,
    "drop_off": check_drop_off, "note": check_note, "card": check_card,
    "keyword": check_keyword, "budget": check_budget,
}


def judge_order(params: Params, finish: dict[str, Any], asks: tuple[str, ...]) -> tuple[bool, str]:
    """Exactly one order placed, and it passes every check in `asks`: (ok, one-line reason)."""
    placed = placed_orders(finish)
    if not placed:
        return False, "no order was placed"
    if len(placed) > 1:
        return False, f"{len(placed)} orders were placed, the goal asks for one"
    order = placed[0]
    for name in asks:
        wrong = CHECKS[name](params, order)
        if wrong:
            return False, f"{name}: {wrong}"
    return True, f"order {order.get('orderId')} matches ({', '.join(asks)})"
