"""Omnizon's training-task templates (not REAL's tasks): buy a named item, with a quantity
or a shipping speed; order several items through the cart; only fill the cart; pick within
a kind of product by price or rating (the cheapest or priciest, one in a price range, the
best rated under a budget); pick a brand's best-rated, cheapest or priciest product.

Every omnizon task starts from the same seed store (empty cart, no orders), so parameters
come from the catalog (`data/products.json`). Judges read `/finish` as REAL's omnizon
scripts do: `initialfinaldiff.added.order.orders.<i>.items[]` (`id`, `quantity`) and
`shippingSpeed`, and `initialfinaldiff.added.cart.items`. They check what was bought (the
ids and quantities, summed over the new orders) and nothing the goal does not ask: pages
visited, searches, an order split in two.

A task's params carry its plan: `lines` (`id`, `name`, `called`, `query`, `quantity`), `checkout`
("buy_now", "cart" or "none") and `shipping`. `reach` and `solution` play the plan; the
judge reads the template's own constraint (the lines asked for, or the `allowed` ids), so a
near miss is the same params with a wrong plan.

No reference end state buys what REAL's omnizon tasks (the test set) ask for
(`like_v2_task`): a training task does not rehearse a test task.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from halo_cli.sites import reference as R
from halo_cli.sites.omnizon.store import SHIPPING_OPTIONS, USER, catalog, tokens
from halo_cli.sites.omnizon.views import PER_PAGE
from halo_cli.sites.reference import Step
from halo_cli.sites.templates import Draft, SiteClient, Template, Verdict

Params = dict[str, Any]
Line = dict[str, Any]  # {id, name, called (what the goal says), query, quantity}

#: every omnizon seed store is the same; this one is REAL's "apron and a pot" task
BASE_TASK = "omnizon-25"
#: round prices a shopper would name as a budget or a bound
ROUND_PRICES = (10, 15, 20, 25, 30, 35, 40, 45, 50, 60, 70, 75, 80, 90, 100, 120, 125, 150,
                175, 200, 250, 300, 350, 400)
FAST = {"two-day": "two-day shipping", "one-day": "one-day shipping"}
SORT_LABELS = {"price-asc": "Price: Low to High", "price-desc": "Price: High to Low",
               "rating": "Avg. Customer Review"}


# -- the catalog, as the templates see it -------------------------------------------------
def short_name(name: str) -> str:
    """What a shopper calls a product: its name before the first comma, dash or colon."""
    return re.split(r", | - |: ", name)[0]


@lru_cache(maxsize=1)
def _nameable() -> dict[str, str]:
    """Product id -> the shortest name that picks it alone (its short name when no other
    product's name contains it, else its full name)."""
    names = {p["id"]: p["name"] for p in catalog().products}
    out = {}
    for pid, name in names.items():
        short = short_name(name)
        clash = any(short.lower() in other.lower() for oid, other in names.items() if oid != pid)
        out[pid] = name if clash else short
    return out


#: products REAL's omnizon tasks name outright: 16 the PS5 controller (omnizon-9, -24), 91 the
#: apron (-25), 114 the sports balls pack (-15), 159 the 40 inch desk (-29), 167 and 170
#: the neck pillows (-17), 192 and 193 gaming gear (-9), 212 and 215 the cooking pots (-13,
#: -25)
V2_IDS = frozenset({"16", "91", "114", "159", "167", "170", "192", "193", "212", "215"})


def like_v2_task(p: dict) -> bool:
    """Whether buying product `p` would do one of REAL's omnizon tasks (their goals and
    eval scripts): the products they name, headphones over $24 and under $100 (omnizon-3),
    gaming gear under $100 (-9), bed frames (-30), silverware sets (-28)."""
    name = p["name"].lower()
    return (p["id"] in V2_IDS or ("headphone" in name and 24 < p["price"] < 100)
            or ("gaming" in name and p["price"] < 100) or "bed frame" in name
            or any(w in name for w in ("silverware", "flatware", "cutlery")))


def _on_first_page(pid: str, query: str, category: str = "", min_price: float | None = None,
                   max_price: float | None = None, sort: str = "featured") -> bool:
    """Whether the site's search lists product `pid` on its first results page."""
    found = catalog().search(query, "", min_price, max_price, sort)
    ids = [p["id"] for p in found if not category or p["category"] == category]
    return pid in ids[:PER_PAGE]


def _line(pid: str, quantity: int = 1) -> Line:
    """A plan's line: `quantity` of product `pid`, found by searching what it is called."""
    called = _nameable()[pid]
    return {"id": pid, "name": catalog().by_id[pid]["name"], "called": called, "query": called,
            "quantity": quantity}


def _sibling(pid: str, exclude: set[str] = frozenset()) -> str:
    """The product most like `pid` (same subcategory, else category; closest price)."""
    p = catalog().by_id[pid]
    pool = [q for q in catalog().products if q["id"] != pid and q["id"] not in exclude]
    for same in (lambda q: q["subcategory"] == p["subcategory"],
                 lambda q: q["category"] == p["category"], lambda q: True):
        near = [q for q in pool if same(q)]
        if near:
            return min(near, key=lambda q: (abs(q["price"] - p["price"]), q["id"]))["id"]
    raise ValueError(f"no product besides {pid}")


@dataclass(frozen=True)
class Kind:
    """A kind of product a goal can name ("headphones", "something from Pet Supplies"):
    its members, and how a shopper finds them (a search, or the department's page)."""

    key: str
    noun: str  # "the cheapest {noun}"
    some: str  # "find me {some} under $50"
    query: str = ""  # the search that lists them ("" for a department)
    subcategories: tuple[str, ...] = ()
    name_word: str = ""  # or: every product whose name has this word...
    category: str = ""  # ...in this category (or the whole department)
    brand: str = ""  # or: every product of this brand

    def members(self) -> list[dict]:
        """The catalog's products of this kind, in catalog order."""
        out = []
        for p in catalog().products:
            if self.subcategories and p["subcategory"] not in self.subcategories:
                continue
            if self.name_word and self.name_word not in tokens(p["name"]):
                continue
            if self.category and p["category"] != self.category:
                continue
            if self.brand and p["brand"] != self.brand:
                continue
            out.append(p)
        return out

    @property
    def department(self) -> str:
        """The department's name when the kind is a whole department, else ""."""
        if self.query:
            return ""
        return catalog().category(self.category)["name"]

    def shown(self, pid: str, min_price: float | None = None,
              max_price: float | None = None, sort: str = "featured") -> bool:
        """Whether `pid` is on the first page the kind's search (or department) shows."""
        return _on_first_page(pid, self.query, "" if self.query else self.category,
                              min_price, max_price, sort)

    def to_params(self) -> Params:
        """What a task's params keep of the kind (its judge and solution read these)."""
        return {"kind": self.key, "noun": self.noun, "some": self.some, "query": self.query,
                "department": self.department}


def _dept(slug: str) -> Kind:
    name = catalog().category(slug)["name"]
    return Kind(f"dept-{slug}", f"item in {name}", f"something from {name}", category=slug)


KINDS: tuple[Kind, ...] = (
    Kind("headphones", "headphones", "headphones", "headphones", name_word="headphone"),
    Kind("earbuds", "earbuds", "a pair of earbuds", "earbuds", subcategories=("earbuds",)),
    Kind("keyboard", "keyboard", "a keyboard", "keyboard", name_word="keyboard"),
    Kind("speaker", "speaker", "a speaker", "speaker", subcategories=("speakers",)),
    Kind("office_chair", "office chair", "an office chair", "office chair",
         subcategories=("chairs",)),
    Kind("desk", "desk", "a desk", "desk", subcategories=("desks",)),
    Kind("pillow", "pillow", "a pillow", "pillow", name_word="pillow", category="bedding"),
    Kind("sports_ball", "sports ball", "a ball for sports", "ball", subcategories=("balls",)),
    Kind("workout", "piece of workout gear", "some workout gear", "workout",
         subcategories=("fitness",)),
    Kind("controller", "game controller", "a game controller", "controller",
         subcategories=("controllers",)),
    *(_dept(slug) for slug in ("beauty", "clothing", "garden", "office", "pets", "toys",
                               "travel", "sports", "bedding", "furniture", "video-games",
                               "kitchen", "electronics")),
)


#: the brands with three products or more (Omnizon Basics aside): a search for the brand
#: lists them all
BRANDS: tuple[Kind, ...] = tuple(
    Kind(f"brand-{b}", f"{b} product", f"something by {b}", b, brand=b)
    for b in ("AuraSound", "Bassline", "ChefCraft", "Clearview", "Gamerix", "Keyline",
              "Kleer", "Novatek", "Sonique", "Streamline", "Typeforge", "Voltix"))


def _kind(key: str) -> Kind:
    return next(k for k in (*KINDS, *BRANDS) if k.key == key)


# -- what /finish says ---------------------------------------------------------------------
def _added(finish: dict) -> dict:
    return (finish.get("initialfinaldiff") or {}).get("added") or {}


def _new_orders(finish: dict) -> list[dict]:
    """The orders placed during the task (the seed store has none)."""
    orders = (_added(finish).get("order") or {}).get("orders") or {}
    if not isinstance(orders, dict):
        return []
    return [o for _, o in sorted(orders.items(), key=lambda kv: str(kv[0]).zfill(9))
            if isinstance(o, dict)]


def _counts(items: Any) -> dict[str, int]:
    """`{product id: total quantity}` over `items` (order items or cart lines)."""
    out: dict[str, int] = {}
    for it in items if isinstance(items, list) else []:
        if isinstance(it, dict):
            try:
                qty = int(it.get("quantity", 1))
            except (TypeError, ValueError):
                qty = 0
            out[str(it.get("id"))] = out.get(str(it.get("id")), 0) + qty
    return {k: v for k, v in out.items() if v > 0}


def _bought(finish: dict) -> dict[str, int]:
    """What the new orders bought together: `{product id: quantity}`."""
    total: dict[str, int] = {}
    for order in _new_orders(finish):
        for pid, qty in _counts(order.get("items")).items():
            total[pid] = total.get(pid, 0) + qty
    return total


def _in_cart(finish: dict) -> dict[str, int]:
    """The cart at the end: `{product id: quantity}` (the seed cart is empty)."""
    items = (_added(finish).get("cart") or {}).get("items") or {}
    return _counts(list(items.values()) if isinstance(items, dict) else [])


def _describe(counts: dict[str, int]) -> str:
    if not counts:
        return "nothing"
    by_id = catalog().by_id
    return "; ".join(f"{q} x {by_id[i]['name'] if i in by_id else i}"
                     for i, q in sorted(counts.items()))


def _want(params: Params) -> dict[str, int]:
    return {ln["id"]: int(ln["quantity"]) for ln in params["lines"]}


def _judge_bought(want: dict[str, int], finish: dict, what: str = "the order") -> Verdict:
    """Success when the new orders bought exactly `want` (ids and quantities)."""
    got = _bought(finish)
    if not _new_orders(finish):
        return Verdict(False, "no order was placed")
    if got != want:
        return Verdict(False, f"ordered {_describe(got)}; {what} wants {_describe(want)}")
    return Verdict(True, f"ordered {_describe(got)}")


def _judge_one_of(allowed: list[str], finish: dict, what: str) -> Verdict:
    """Success when the new orders bought one unit of one product, and it is in `allowed`."""
    got = _bought(finish)
    if not _new_orders(finish):
        return Verdict(False, "no order was placed")
    if len(got) != 1 or sum(got.values()) != 1:
        return Verdict(False, f"ordered {_describe(got)}; wanted one {what}")
    (pid,) = got
    if pid not in allowed:
        return Verdict(False, f"ordered {_describe(got)}, which is not {what}")
    return Verdict(True, f"ordered {_describe(got)}: {what}")


# -- playing a plan: in-process and in the browser -----------------------------------------
def _plan(lines: list[Line], checkout: str = "buy_now", shipping: str = "standard",
          **extra: Any) -> Params:
    return {"lines": lines, "checkout": checkout, "shipping": shipping, **extra}


def _reach_plan(params: Params, client: SiteClient) -> None:
    """Search each line's product and add it (or Buy Now the one line), then place the
    order with the shopper's saved details and the plan's shipping speed."""
    lines, mode = params["lines"], params["checkout"]
    details = {**USER["address"], **USER["payment"], "shipping": params["shipping"]}
    for ln in lines:
        client.get("/search", params={"q": ln["query"]})
        client.get(f"/product/{ln['id']}")
        action = "buy" if mode == "buy_now" else "add"
        client.post("/cart/add", data={"product_id": ln["id"], "quantity": str(ln["quantity"]),
                                       "action": action})
        if mode == "buy_now":
            client.post("/checkout/place", data={**details, "buy": ln["id"],
                                                 "qty": str(ln["quantity"])})
    if mode == "cart":
        client.get("/checkout")
        client.post("/checkout/place", data=details)


def _search(query: str) -> list[Step]:
    return [R.fill("textbox", "Search Omnizon", query), R.click("button", "Search", exact=True)]


def _place(shipping: str) -> list[Step]:
    steps = [] if shipping == "standard" else [R.check("radio", SHIPPING_OPTIONS[shipping][0])]
    return [*steps, R.click("button", "Place your order", exact=True)]


def _open_and(line: Line, button: str) -> list[Step]:
    """On a page listing the product: open it, pick its quantity, press `button`."""
    steps = [R.click("link", line["name"], exact=True)]
    if int(line["quantity"]) != 1:
        steps.append(R.select("combobox", "Quantity", str(line["quantity"])))
    return [*steps, R.click("button", button, exact=True)]


def _plan_steps(params: Params, message: str) -> list[Step]:
    """The browser steps of a plan of named products, from the home page."""
    lines, mode = params["lines"], params["checkout"]
    if mode == "buy_now":
        (line,) = lines
        return [*_search(line["query"]), *_open_and(line, "Buy Now"),
                *_place(params["shipping"]), R.send(message)]
    steps: list[Step] = []
    for line in lines:
        steps += [*_search(line["query"]), *_open_and(line, "Add to Cart")]
    if mode == "cart":
        steps += [R.click("button", "Proceed to checkout", exact=True),
                  *_place(params["shipping"])]
    return [*steps, R.send(message)]


def _find_steps(params: Params, *, min_price: str = "", max_price: str = "",
                sort: str = "") -> list[Step]:
    """From the home page to the kind's listing (a search, or the department's page), with
    the price filters and sort order applied."""
    steps = (_search(params["query"]) if params["query"]
             else [R.click("link", params["department"], exact=True)])
    if min_price:
        steps.append(R.fill("spinbutton", "Min price", min_price))
    if max_price:
        steps.append(R.fill("spinbutton", "Max price", max_price))
    if sort:
        steps.append(R.select("combobox", "Sort by", SORT_LABELS[sort]))
    if min_price or max_price or sort:
        steps.append(R.click("button", "Apply filters", exact=True))
    return steps


def _retry(rng: random.Random, pick: Any, tries: int = 50) -> Any:
    """`pick(rng)` until it draws something usable (not None), at most `tries` times."""
    for _ in range(tries):
        found = pick(rng)
        if found is not None:
            return found
    return None


def _money(x: float) -> str:
    return f"{x:g}" if x == int(x) else f"{x:.2f}"


# -- templates ---------------------------------------------------------------------------
class _OmnizonTemplate(Template):
    site = "omnizon"
    base_task = BASE_TASK

    def reach(self, params: Params, client: SiteClient) -> None:
        _reach_plan(params, client)


def _pick_products(rng: random.Random, n: int, avoid: str = "") -> list[str]:
    """`n` products from different subcategories (none like a v2 task's, none whose name
    has the word `avoid`), picked with `rng`."""
    ids = sorted((i for i, p in catalog().by_id.items() if i in _nameable()
                  and not like_v2_task(p) and not (avoid and avoid in p["name"].lower())),
                 key=int)
    out: list[str] = []
    while len(out) < n:
        pid = rng.choice(ids)
        if catalog().by_id[pid]["subcategory"] not in {catalog().by_id[o]["subcategory"]
                                                       for o in out}:
            out.append(pid)
    return out


class BuyNamedItem(_OmnizonTemplate):
    """Buy one named product."""

    name = "buy_named_item"
    PHRASES = ("Omnizon: Buy me the {item}", "Order me the {item}.",
               "Find the {item} and order it.", "i need the {item}, can you order it for me",
               "Get me the {item} from Omnizon.")

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft:
        (pid,) = _pick_products(rng, 1)
        params = _plan([_line(pid)])
        goal = rng.choice(self.PHRASES).format(item=params["lines"][0]["called"])
        return Draft(params, goal, difficulty=1)

    def judge(self, params: Params, finish: dict) -> Verdict:
        return _judge_bought(_want(params), finish, "the goal")

    def near_misses(self, params: Params, state: dict[str, Any]) -> list[Params]:
        (line,) = params["lines"]
        return [
            {**params, "lines": [_line(_sibling(line["id"]))]},
            {**params, "lines": [{**line, "quantity": 2}]},
            {**params, "checkout": "none"},  # in the cart, never ordered
        ]

    def solution(self, params: Params) -> list[Step]:
        return _plan_steps(params, f"I ordered the {params['lines'][0]['called']}.")


class BuyQuantity(_OmnizonTemplate):
    """Buy a given number of one named product."""

    name = "buy_quantity"
    PHRASES = ("Order me {n} of the {item}.", "Omnizon: buy the {item}, quantity {n}",
               "I need {n} of these: {item}. Order them in one go.",
               "buy {n}x {item}", "Get me {n} units of the {item}")

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft:
        (pid,) = _pick_products(rng, 1)
        n = rng.randint(2, 5)
        params = _plan([_line(pid, n)])
        goal = rng.choice(self.PHRASES).format(n=n, item=params["lines"][0]["called"])
        return Draft(params, goal, difficulty=2)

    def judge(self, params: Params, finish: dict) -> Verdict:
        return _judge_bought(_want(params), finish, "the goal")

    def near_misses(self, params: Params, state: dict[str, Any]) -> list[Params]:
        (line,) = params["lines"]
        n = int(line["quantity"])
        return [
            {**params, "lines": [{**line, "quantity": n - 1}]},
            {**params, "lines": [{**line, "quantity": n + 1}]},
            {**params, "lines": [_line(_sibling(line["id"]), n)]},
        ]

    def solution(self, params: Params) -> list[Step]:
        line = params["lines"][0]
        return _plan_steps(params, f"Ordered {line['quantity']} x {line['called']}.")


class BuyWithShipping(_OmnizonTemplate):
    """Buy one named product with a faster shipping speed."""

    name = "buy_with_shipping"
    PHRASES = ("Order the {item} with {speed}.",
               "Omnizon: buy me the {item}, I need it soon so pick {speed}",
               "Get me the {item} and choose {speed} at checkout.",
               "buy {item}, {speed} please")

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft:
        (pid,) = _pick_products(rng, 1)
        speed = rng.choice(sorted(FAST))
        params = _plan([_line(pid)], shipping=speed)
        goal = rng.choice(self.PHRASES).format(item=params["lines"][0]["called"],
                                               speed=FAST[speed])
        return Draft(params, goal, difficulty=2)

    def judge(self, params: Params, finish: dict) -> Verdict:
        verdict = _judge_bought(_want(params), finish, "the goal")
        if not verdict.ok:
            return verdict
        speeds = sorted({str(o.get("shippingSpeed")) for o in _new_orders(finish)})
        if speeds != [params["shipping"]]:
            return Verdict(False, f"shipped {'/'.join(speeds)}; the goal wants "
                                  f"{params['shipping']}")
        return Verdict(True, f"{verdict.reason}, {params['shipping']} shipping")

    def near_misses(self, params: Params, state: dict[str, Any]) -> list[Params]:
        other = next(s for s in sorted(FAST) if s != params["shipping"])
        return [
            {**params, "shipping": "standard"},
            {**params, "shipping": other},
            {**params, "lines": [_line(_sibling(params["lines"][0]["id"]))]},
        ]

    def solution(self, params: Params) -> list[Step]:
        return _plan_steps(params, f"Ordered with {FAST[params['shipping']]}.")


def _amount(line: Line) -> str:
    """"the X", or "3 of the X" for a quantity."""
    qty = int(line["quantity"])
    return f"{qty} of the {line['called']}" if qty > 1 else f"the {line['called']}"


class OrderSeveral(_OmnizonTemplate):
    """Put two or three named products (some with a quantity) in the cart and check out."""

    name = "order_several"

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft:
        n = rng.choice((2, 2, 3))
        # no headphones: their search beside another item under $100 reads as omnizon-3
        lines = [_line(pid) for pid in _pick_products(rng, n, avoid="headphone")]
        if rng.random() < 0.4:  # one of them in a quantity
            lines[rng.randrange(n)]["quantity"] = rng.randint(2, 4)
        params = _plan(lines, checkout="cart")
        named = [_amount(ln) for ln in lines]
        listed = ", ".join(named[:-1]) + f" and {named[-1]}"
        goal = rng.choice((f"Order me {listed}",
                           f"Omnizon: buy {listed}",
                           f"Add {listed} to my cart and check out.",
                           f"I want {listed}. Place the order.")).strip()
        difficulty = 3 if n == 3 or any(ln["quantity"] > 1 for ln in lines) else 2
        return Draft(params, goal, difficulty=difficulty)

    def judge(self, params: Params, finish: dict) -> Verdict:
        return _judge_bought(_want(params), finish, "the goal")

    def near_misses(self, params: Params, state: dict[str, Any]) -> list[Params]:
        lines = params["lines"]
        ids = {ln["id"] for ln in lines}
        swapped = _line(_sibling(lines[-1]["id"], ids), lines[-1]["quantity"])
        first = lines[0]
        return [
            {**params, "lines": lines[:-1]},  # one item forgotten
            {**params, "lines": [*lines[:-1], swapped]},  # a similar item instead
            {**params, "lines": [{**first, "quantity": first["quantity"] + 1}, *lines[1:]]},
        ]

    def solution(self, params: Params) -> list[Step]:
        return _plan_steps(params, "Placed the order for all of them.")


class AddToCartOnly(_OmnizonTemplate):
    """Put named products in the cart without ordering them."""

    name = "add_to_cart_only"

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft:
        n = rng.choice((1, 1, 2))
        lines = [_line(pid, rng.choice((1, 1, 2, 3))) for pid in _pick_products(rng, n)]
        params = _plan(lines, checkout="none")
        named = " and ".join(_amount(ln) for ln in lines)
        goal = rng.choice((f"Add {named} to my cart, don't order yet.",
                           f"Omnizon: put {named} in my cart. I'll check out later",
                           f"just add {named} to the cart for now, no checkout",
                           f"Save {named} in my shopping cart (do not buy)."))
        difficulty = 1 if n == 1 and lines[0]["quantity"] == 1 else 2
        return Draft(params, goal, difficulty=difficulty)

    def judge(self, params: Params, finish: dict) -> Verdict:
        want = _want(params)
        if _new_orders(finish):
            return Verdict(False, f"an order was placed ({_describe(_bought(finish))}); "
                                  "the goal only fills the cart")
        got = _in_cart(finish)
        if got != want:
            return Verdict(False, f"the cart holds {_describe(got)}; the goal wants "
                                  f"{_describe(want)}")
        return Verdict(True, f"the cart holds {_describe(got)}, nothing ordered")

    def near_misses(self, params: Params, state: dict[str, Any]) -> list[Params]:
        lines = params["lines"]
        first = lines[0]
        return [
            {**params, "checkout": "cart"},  # ordered it
            {**params, "lines": [{**first, "quantity": first["quantity"] + 1}, *lines[1:]]},
            {**params, "lines": [_line(_sibling(first["id"]), first["quantity"]), *lines[1:]]},
        ]

    def solution(self, params: Params) -> list[Step]:
        return _plan_steps(params, "They are in your cart; nothing ordered.")


class CheapestOfKind(_OmnizonTemplate):
    """Buy the cheapest (or the priciest) product of a kind."""

    name = "cheapest_of_kind"
    PHRASES = {
        "price-asc": ("Buy me the cheapest {noun} you can find",
                      "Omnizon: order the cheapest {noun}",
                      "whats the lowest priced {noun}? order it",
                      "Get the least expensive {noun}."),
        "price-desc": ("Buy me the most expensive {noun} on Omnizon",
                       "Order the priciest {noun} you can find",
                       "I want the top of the line {noun}, the most expensive one. Order it."),
    }

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft | None:
        return _retry(rng, self._draw)

    def _draw(self, rng: random.Random) -> Draft | None:
        kind = rng.choice(KINDS)
        sort = rng.choice(sorted(self.PHRASES))
        members = sorted(kind.members(), key=lambda p: p["price"], reverse=sort == "price-desc")
        if len(members) < 2 or members[0]["price"] == members[1]["price"]:
            return None  # no single answer
        pick = members[0]["id"]
        if like_v2_task(members[0]) or not kind.shown(pick, sort=sort):
            return None
        params = _plan([_line(pick)], sort=sort, **kind.to_params())
        goal = rng.choice(self.PHRASES[sort]).format(noun=kind.noun)
        return Draft(params, goal, difficulty=2)

    def judge(self, params: Params, finish: dict) -> Verdict:
        which = "cheapest" if params["sort"] == "price-asc" else "most expensive"
        return _judge_one_of([params["lines"][0]["id"]], finish, f"the {which} {params['noun']}")

    def near_misses(self, params: Params, state: dict[str, Any]) -> list[Params]:
        members = sorted(_kind(params["kind"]).members(), key=lambda p: p["price"],
                         reverse=params["sort"] == "price-desc")
        return [
            {**params, "lines": [_line(members[1]["id"])]},  # the runner-up
            {**params, "lines": [_line(members[-1]["id"])]},  # the other end
            {**params, "lines": [{**params["lines"][0], "quantity": 2}]},
        ]

    def solution(self, params: Params) -> list[Step]:
        line = params["lines"][0]
        return [*_find_steps(params, sort=params["sort"]), *_open_and(line, "Buy Now"),
                *_place("standard"), R.send(f"Ordered the {line['called']}.")]


class BrandPick(_OmnizonTemplate):
    """Buy a brand's best-rated, cheapest or most expensive product."""

    name = "brand_pick"
    PHRASES = {
        "rating": ("Get me the best rated {brand} product", "Omnizon: order whatever {brand} "
                   "item has the highest customer rating",
                   "which {brand} product has the best reviews? buy it"),
        "price-asc": ("Order the cheapest thing {brand} sells on Omnizon",
                      "buy the least expensive {brand} product",
                      "I like {brand}, get me their cheapest item"),
        "price-desc": ("Buy the most expensive {brand} product",
                       "Omnizon: I want {brand}'s priciest item, order it",
                       "order the top {brand} product by price (the most expensive one)"),
    }
    WHICH = {"rating": "best-rated", "price-asc": "cheapest", "price-desc": "most expensive"}

    @staticmethod
    def _ranked(kind: Kind, sort: str) -> list[dict]:
        """The brand's products, best first under `sort`."""
        if sort == "rating":
            return sorted(kind.members(), key=lambda p: -p["rating"])
        return sorted(kind.members(), key=lambda p: p["price"], reverse=sort == "price-desc")

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft | None:
        return _retry(rng, self._draw)

    def _draw(self, rng: random.Random) -> Draft | None:
        kind = rng.choice(BRANDS)
        sort = rng.choice(sorted(self.PHRASES))
        ranked = self._ranked(kind, sort)
        score = (lambda p: p["rating"]) if sort == "rating" else (lambda p: p["price"])
        if (score(ranked[0]) == score(ranked[1]) or like_v2_task(ranked[0])
                or not kind.shown(ranked[0]["id"], sort=sort)):
            return None  # no single answer, or not where a shopper looks
        params = _plan([_line(ranked[0]["id"])], sort=sort, brand=kind.brand,
                       **kind.to_params())
        goal = rng.choice(self.PHRASES[sort]).format(brand=kind.brand)
        return Draft(params, goal, difficulty=2)

    def judge(self, params: Params, finish: dict) -> Verdict:
        return _judge_one_of([params["lines"][0]["id"]], finish,
                             f"the {self.WHICH[params['sort']]} {params['noun']}")

    def near_misses(self, params: Params, state: dict[str, Any]) -> list[Params]:
        ranked = self._ranked(_kind(params["kind"]), params["sort"])
        pick = ranked[0]["id"]
        other_brand = _sibling(pick, {p["id"] for p in ranked})
        return [{**params, "lines": [_line(i)]}
                for i in dict.fromkeys((ranked[1]["id"], ranked[-1]["id"], other_brand))]

    def solution(self, params: Params) -> list[Step]:
        line = params["lines"][0]
        return [*_find_steps(params, sort=params["sort"]), *_open_and(line, "Buy Now"),
                *_place("standard"), R.send(f"Ordered the {line['called']}.")]


def _bounds(prices: list[float]) -> list[tuple[int, int]]:
    """Round (lo, hi) pairs that leave some of `prices` strictly inside and some outside,
    and none on a bound; a range from a floor spans at most three times the floor."""
    out = []
    for lo in (0, *ROUND_PRICES):
        for hi in (h for h in ROUND_PRICES if not lo or h <= 3 * lo):
            inside = [x for x in prices if lo < x < hi]
            if hi > lo and inside and len(inside) < len(prices) \
                    and lo not in prices and hi not in prices:
                out.append((lo, hi))
    return out


class BuyInPriceRange(_OmnizonTemplate):
    """Buy any product of a kind whose price is within bounds (REAL's omnizon-3 shape)."""

    name = "buy_in_price_range"
    PHRASES = ("Find me {some} above {lo}$ and below {hi}$ and order it.",
               "Omnizon: buy {some} that costs between ${lo} and ${hi}",
               "I need {some}, my budget is ${lo} to ${hi}. Order one.",
               "order {some} priced over ${lo} but under ${hi}")
    UNDER = ("Omnizon: buy {some} under ${hi}", "Find me {some} below {hi}$ and order it.",
             "get me {some} for less than ${hi}")

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft | None:
        return _retry(rng, self._draw)

    def _draw(self, rng: random.Random) -> Draft | None:
        kind = rng.choice(KINDS)
        members = kind.members()
        bounds = _bounds([p["price"] for p in members])
        if not bounds:
            return None
        lo, hi = rng.choice(bounds)
        allowed = sorted((p["id"] for p in members if lo < p["price"] < hi), key=int)
        picks = [i for i in allowed if not like_v2_task(catalog().by_id[i])]
        if not picks:
            return None
        pick = rng.choice(picks)
        if not kind.shown(pick, lo or None, hi):
            return None
        params = _plan([_line(pick)], allowed=allowed, lo=lo, hi=hi, **kind.to_params())
        goal = rng.choice(self.PHRASES if lo else self.UNDER).format(some=kind.some, lo=lo,
                                                                     hi=hi)
        return Draft(params, goal, difficulty=2 if lo else 1)

    def judge(self, params: Params, finish: dict) -> Verdict:
        bounds = (f"over ${params['lo']} and " if params["lo"] else "") + f"under ${params['hi']}"
        return _judge_one_of(params["allowed"], finish, f"{params['some']} {bounds}")

    def near_misses(self, params: Params, state: dict[str, Any]) -> list[Params]:
        lo, hi = params["lo"], params["hi"]
        members = _kind(params["kind"]).members()
        below = [p for p in members if p["price"] <= lo]
        above = [p for p in members if p["price"] >= hi]
        outside = ([max(below, key=lambda p: p["price"])] if below else []) + \
                  ([min(above, key=lambda p: p["price"])] if above else [])
        in_range_other_kind = [p for p in catalog().products
                               if lo < p["price"] < hi and p not in members]
        misses = [{**params, "lines": [_line(p["id"])]} for p in outside]
        if in_range_other_kind:
            misses.append({**params, "lines": [_line(in_range_other_kind[0]["id"])]})
        return misses

    def solution(self, params: Params) -> list[Step]:
        line = params["lines"][0]
        cost = catalog().by_id[line["id"]]["price"]
        price = _money(cost)
        # a near miss outside the bounds is what an agent that ignored them buys: no filter
        inside = (params["lo"] or 0) < cost < params["hi"]
        lo = str(params["lo"]) if params["lo"] and inside else ""
        hi = str(params["hi"]) if inside else ""
        return [*_find_steps(params, min_price=lo, max_price=hi),
                *_open_and(line, "Buy Now"), *_place("standard"),
                R.send(f"Ordered the {line['called']} (${price}).")]


class BestRatedUnder(_OmnizonTemplate):
    """Buy the best-rated product of a kind under a budget."""

    name = "best_rated_under"
    PHRASES = ("Buy me the best rated {noun} under ${limit}",
               "Omnizon: order the {noun} with the highest customer rating that costs less "
               "than ${limit}",
               "whats the top rated {noun} below {limit}$? order it for me",
               "I have ${limit} max. Get me the best reviewed {noun}.")

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft | None:
        return _retry(rng, self._draw)

    def _draw(self, rng: random.Random) -> Draft | None:
        kind = rng.choice(KINDS)
        members = kind.members()
        prices = [p["price"] for p in members]
        limits = []
        for limit in ROUND_PRICES:
            under = sorted((p for p in members if p["price"] < limit), key=lambda p: -p["rating"])
            if (limit not in prices and len(under) >= 2 and len(under) < len(members)
                    and under[0]["rating"] > under[1]["rating"]):
                limits.append((limit, under[0]["id"]))
        if not limits:
            return None
        limit, pick = rng.choice(limits)
        if like_v2_task(catalog().by_id[pick]) or not kind.shown(pick, None, limit, "rating"):
            return None
        params = _plan([_line(pick)], limit=limit, **kind.to_params())
        goal = rng.choice(self.PHRASES).format(noun=kind.noun, limit=limit)
        return Draft(params, goal, difficulty=3)

    def judge(self, params: Params, finish: dict) -> Verdict:
        return _judge_one_of([params["lines"][0]["id"]], finish,
                             f"the best-rated {params['noun']} under ${params['limit']}")

    def near_misses(self, params: Params, state: dict[str, Any]) -> list[Params]:
        limit, pick = params["limit"], params["lines"][0]["id"]
        members = _kind(params["kind"]).members()
        over = max((p for p in members if p["price"] >= limit), key=lambda p: p["rating"])
        under = [p for p in members if p["price"] < limit and p["id"] != pick]
        cheapest = min(under, key=lambda p: p["price"])
        runner_up = max(under, key=lambda p: p["rating"])
        ids = list(dict.fromkeys(p["id"] for p in (over, runner_up, cheapest)))
        return [{**params, "lines": [_line(i)]} for i in ids]

    def solution(self, params: Params) -> list[Step]:
        line = params["lines"][0]
        p = catalog().by_id[line["id"]]
        # a near miss over the budget is what an agent that ignored it buys: no price filter
        limit = str(params["limit"]) if p["price"] < params["limit"] else ""
        return [*_find_steps(params, max_price=limit, sort="rating"),
                *_open_and(line, "Buy Now"), *_place("standard"),
                R.send(f"Ordered the {line['called']}, rated {p['rating']:.1f} at "
                       f"${_money(p['price'])}.")]


TEMPLATES: list[Template] = [BuyNamedItem(), BuyQuantity(), BuyWithShipping(), OrderSeveral(),
                             AddToCartOnly(), CheapestOfKind(), BuyInPriceRange(),
                             BestRatedUnder(), BrandPick()]
