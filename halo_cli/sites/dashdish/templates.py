"""DashDish's training-task templates: orders drawn from the replica's own menus.

Every template asks for one placed order and judges it with the named checks of
`order_spec` (exactly one order, then only what its goal states: the store, the dishes
with sizes and quantities, pickup, express, a scheduled slot, tip, drop-off, a note, the
card, a name keyword or a budget). The reference end state and the browser solution both
come from the same order spec, so they cannot drift apart.

No draft restates one of REAL's 11 v2 dashdish goals (`REAL_DISHES`, `REAL_STORE_OPTIONS`,
`REAL_WORDS`); REAL's scripts are loose enough ("any order with a sub under $30") that a
named order can still meet one by coincidence, which the tests measure.
"""

from __future__ import annotations

import random
import re
from functools import lru_cache
from typing import Any, ClassVar

from halo_cli.sites import reference as R
from halo_cli.sites.dashdish.order_spec import (
    Params,
    browser_steps,
    dishes_phrase,
    judge_order,
    keyword_in,
    line_of,
    name_words,
    order_total,
    place,
    word_stem,
)
from halo_cli.sites.dashdish.store import orders
from halo_cli.sites.dashdish.store.menus import Item, Restaurant, catalog
from halo_cli.sites.reference import Step
from halo_cli.sites.templates import Draft, SiteClient, Template, Verdict

SITE = "dashdish"

# -- what REAL's 11 v2 dashdish tasks ask: no draft restates one of their goals ----------------
#: the dishes a v2 goal names (dashdish-7 lemon pepper wings at Wingstop, dashdish-24 the
#: rotisserie chicken sandwich): never the dish a training goal asks for
REAL_DISHES = frozenset({"ws-lemon-pepper", "rt-rotisserie-sandwich"})
#: Wingstop pickup (dashdish-26) and Wingstop express (dashdish-17) are v2 goals
REAL_STORE_OPTIONS = frozenset({("wingstop", "pickup"), ("wingstop", "express")})
#: "a <word> under $X" is the shape of dashdish-1/3/4/10/11/12: not with their words
REAL_WORDS = frozenset({"noodle", "pizza", "pepperoni", "sandwich", "sub", "hoagie", "hero",
                        "grinder", "frie", "rice", "biryani", "bowl", "risotto", "poke", "gyudon"})


def _dishes(rest: Restaurant) -> list[Item]:
    """The store's dishes a training goal may name (not a v2 goal's own dish)."""
    return [it for it in rest.items if it.id not in REAL_DISHES]


def _stores(option: str = "") -> list[Restaurant]:
    """The stores a training goal may send an order with `option` to."""
    return [r for r in catalog().restaurants if (r.id, option) not in REAL_STORE_OPTIONS]


def _prefix(rng: random.Random) -> str:
    """REAL's dashdish goals often open with "DashDish: "."""
    return "DashDish: " if rng.random() < 0.4 else ""


def _pick_line(rng: random.Random, item: Item, quantities: tuple[int, ...] = (1,)) -> dict[str, Any]:
    size = rng.choice([s for s, _ in item.sizes])
    return line_of(item, size, rng.choice(quantities))


def _sibling(params: Params, exclude: set[str]) -> Item | None:
    """Another dish of the same store, not among `exclude` (a wrong-dish near miss)."""
    rest = catalog().by_id[_restaurant_id(params)]
    return next((it for it in rest.items if it.id not in exclude), None)


def _restaurant_id(params: Params) -> str:
    return catalog().items[params["lines"][0]["item_id"]].restaurant_id


def _swap_first(params: Params) -> Params | None:
    """The same order with its first dish replaced by another dish of the store."""
    other = _sibling(params, {ln["item_id"] for ln in params["lines"]})
    if other is None:
        return None
    first = params["lines"][0]
    return params | {"lines": [line_of(other, None, first["quantity"]), *params["lines"][1:]]}


class _OrderTemplate(Template):
    """One placed order; `asks` names the `order_spec` checks the goal states."""

    site = SITE
    asks: ClassVar[tuple[str, ...]] = ("restaurant", "lines")

    def judge(self, params: dict[str, Any], finish: dict[str, Any]) -> Verdict:
        ok, reason = judge_order(params, finish, self.asks)
        return Verdict(ok, reason)

    def reach(self, params: dict[str, Any], client: SiteClient) -> None:
        place(params, client)

    def solution(self, params: dict[str, Any]) -> list[Step]:
        return [*browser_steps(params), R.send(f"Placed the order from {params['restaurant']}.")]

    @staticmethod
    def _one_dish(rng: random.Random, quantities: tuple[int, ...] = (1,), option: str = "") -> Params:
        """A store and one of its dishes (a size drawn when it has sizes)."""
        rest = rng.choice(_stores(option))
        return {"restaurant": rest.name, "lines": [_pick_line(rng, rng.choice(_dishes(rest)), quantities)]}


# -- 1. given dishes with sizes and quantities ----------------------------------------------
class OrderItems(_OrderTemplate):
    """Order one to three named dishes (sizes, quantities) from a named store."""

    name = "order_items"
    base_task = "dashdish-8"
    PHRASES = ("Order {dishes} from {restaurant}",
               "get me {dishes} from {restaurant}",
               "{restaurant} order please: {dishes}",
               "Can you order {dishes} from {restaurant} for me?")

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft | None:
        rest = rng.choice(catalog().restaurants)
        n = rng.choice((1, 1, 2, 2, 3))
        lines = [_pick_line(rng, it, (1, 1, 1, 2, 2, 3)) for it in rng.sample(_dishes(rest), n)]
        params = {"restaurant": rest.name, "lines": lines}
        goal = rng.choice(self.PHRASES).format(dishes=dishes_phrase(lines, rng.randrange(6)),
                                               restaurant=rest.name)
        detailed = any(ln["quantity"] > 1 or ln["sized"] for ln in lines)
        return Draft(params, _prefix(rng) + goal, difficulty=min(3, n + detailed))

    def near_misses(self, params: dict[str, Any], state: dict[str, Any]) -> list[dict[str, Any]]:
        first = params["lines"][0]
        more = first["quantity"] + 1 if first["quantity"] < 3 else first["quantity"] - 1
        out = [params | {"lines": [first | {"quantity": more}, *params["lines"][1:]]}]
        swapped = _swap_first(params)
        if swapped:
            out.append(swapped)
        if first["sized"]:
            item = catalog().items[first["item_id"]]
            size = next(s for s, _ in item.sizes if s != first["size"])
            out.append(params | {"lines": [line_of(item, size, first["quantity"]),
                                           *params["lines"][1:]]})
        elif len(params["lines"]) > 1:
            out.append(params | {"lines": params["lines"][1:]})
        out.append(params | {"skip_place": True})
        return out


# -- 2. the cheapest / priciest dish of a menu or a menu section ----------------------------
@lru_cache(maxsize=1)
def _extreme_scopes() -> list[tuple[str, str, str, str]]:
    """(restaurant id, section or "" for the whole menu, "cheapest"|"priciest", item id)
    wherever that dish is the only one at the extreme price."""
    out = []
    for rest in catalog().restaurants:
        scopes = [("", rest.items), *((name, list(items)) for name, items in rest.sections)]
        for section, items in scopes:
            if len(items) < 2:
                continue
            for which in ("cheapest", "priciest"):
                first, second = (_extreme_line(it, which)["price"] for it in _by_price(items, which)[:2])
                if first != second:
                    out.append((rest.id, section, which, _by_price(items, which)[0].id))
    return out


def _by_price(items: list[Item] | tuple[Item, ...], which: str) -> list[Item]:
    """`items` from the cheapest (or priciest) first, each at its cheapest (priciest) size."""
    return sorted(items, key=lambda it: _extreme_line(it, which)["price"],
                  reverse=which == "priciest")


def _extreme_line(item: Item, which: str) -> dict[str, Any]:
    pick = min if which == "cheapest" else max
    size = pick(item.sizes, key=lambda sp: sp[1])[0]
    return line_of(item, size, 1)


class CheapestOnMenu(_OrderTemplate):
    """Order the cheapest (or priciest) dish of a store's menu or one of its sections."""

    name = "cheapest_on_menu"
    base_task = "dashdish-3"
    SECTION = ("Order the {which} thing in the {section} section at {restaurant}",
               "whatever is {which} under {section} at {restaurant}, order me one",
               "get me the {which} {section} item from {restaurant}")
    MENU = ("Order the {which} item on {restaurant}'s menu",
            "what's the {which} thing at {restaurant}? order one for me",
            "order one of the {which} dish {restaurant} has")

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft | None:
        rid, section, which, item_id = rng.choice(_extreme_scopes())
        item, rest = catalog().items[item_id], catalog().by_id[rid]
        line = _extreme_line(item, which)
        params = {"restaurant": rest.name, "section": section, "which": which, "lines": [line]}
        words = {"cheapest": rng.choice(("cheapest", "least expensive")),
                 "priciest": rng.choice(("most expensive", "priciest"))}[which]
        goal = rng.choice(self.SECTION if section else self.MENU).format(
            which=words, section=section, restaurant=rest.name)
        if item.sized:
            goal += f" ({'smallest' if which == 'cheapest' else 'biggest'} size)"
        return Draft(params, _prefix(rng) + goal, difficulty=2 if section else 1)

    def near_misses(self, params: dict[str, Any], state: dict[str, Any]) -> list[dict[str, Any]]:
        rest = catalog().by_id[_restaurant_id(params)]
        scope = dict(rest.sections)[params["section"]] if params["section"] else rest.items
        answer = params["lines"][0]
        runner = next(it for it in _by_price(scope, params["which"]) if it.id != answer["item_id"])
        out = [params | {"lines": [_extreme_line(runner, params["which"])]}]
        if answer["sized"]:
            item = catalog().items[answer["item_id"]]
            other = next(s for s, _ in item.sizes if s != answer["size"])
            out.append(params | {"lines": [line_of(item, other, 1)]})
        out.append(params | {"skip_place": True})
        return out


# -- 3. a dish by a word of its name, under a budget (the shape of dashdish-1/3/10) ---------
_NOT_KEYWORDS = {"pc", "inch", "ft", "serve", "supreme", "crunch", "blast", "plate", "meal",
                 "tray", "combo", "bread", "knot", "twist", "stick", "rub", "dip"}
#: words of dish names that say what is in a dish ("something with bacon")
_INGREDIENTS = {"beef", "pork", "lamb", "chicken", "salmon", "tuna", "fish", "cheese", "bacon",
                "garlic", "parmesan", "mango", "cajun", "bbq", "spicy", "tofu", "shrimp", "greek"}
_MASS = {"chicken", "soup"}


@lru_cache(maxsize=1)
def _keyword_budgets() -> list[tuple[str, str, int]]:
    """(word, "dish" for a name's last word | "with" for an ingredient, budget in whole
    dollars) where a dish named with the word totals under the budget (one, standard
    delivery, no tip) and another does not; up to four round budgets a word."""
    words: dict[tuple[str, str], str] = {}
    for it in catalog().items.values():
        raw_words = [w.strip("&:,.") for w in re.sub(r"\s*\(.*\)$", "", it.name).lower().split()]
        head = raw_words[-1]
        if head.isalpha() and len(head) > 2 and word_stem(head) not in _NOT_KEYWORDS | REAL_WORDS:
            words.setdefault((word_stem(head), "dish"), head)
        for w in raw_words:
            if w in _INGREDIENTS:
                words.setdefault((word_stem(w), "with"), w)
    out = []
    for (stem, kind), raw in sorted(words.items()):
        if kind == "with" and (stem, "dish") in words:
            continue
        totals = [_cheapest_total(it) for it in _named(stem, kind)]
        if len(totals) < 2:
            continue
        budgets = [b for b in range(5, int(totals[-1]) + 1, 5) if totals[0] < b <= totals[-1]]
        budgets = budgets or [b for b in [int(totals[0]) + 1] if b <= totals[-1]]
        out += [(raw, kind, b) for b in budgets[:4]]
    return out


def _named(stem: str, kind: str) -> list[Item]:
    """The dishes named with the word ("with": or described with it), but none a v2 goal's
    word or dish (the reference order of a "<word> under $X" goal answers no v2 task),
    cheapest first."""
    return sorted((it for it in catalog().items.values()
                   if (keyword_in(stem, it.name, it.description) if kind == "with"
                       else stem in name_words(it.name))
                   and not (name_words(it.name) | _store_words(it)) & REAL_WORDS
                   and it.id not in REAL_DISHES),
                  key=_cheapest_total)


def _store_words(item: Item) -> set[str]:
    """The words of the dish's store name (REAL's scripts read "Subs" in Gambinos' name)."""
    return name_words(catalog().by_id[item.restaurant_id].name)


def _cheapest_total(item: Item) -> float:
    return order_total([_extreme_line(item, "cheapest")])


class DishUnderBudget(_OrderTemplate):
    """Order any dish named with a word ("tacos", "something with bacon") with the total
    under $X; the word's in the dish's name or description, as REAL's scripts read it."""

    name = "dish_under_budget"
    base_task = "dashdish-1"
    asks = ("keyword", "budget")
    PHRASES = ("Order me {what} and make sure the final price is under {budget}$",
               "order {what} from anywhere and keep the total under ${budget}",
               "I really want {what}, order it for less than ${budget} total",
               "get me {what}, total has to stay below ${budget}")

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft | None:
        kw, kind, budget = rng.choice(_keyword_budgets())
        item = _named(word_stem(kw), kind)[0]
        params = {"keyword": kw, "kind": kind, "budget": budget,
                  "lines": [_extreme_line(item, "cheapest")],
                  "restaurant": catalog().by_id[item.restaurant_id].name}
        if kind == "with":
            what = rng.choice((f"something with {kw} in it", f"anything with {kw}"))
        else:
            what = f"some {kw}" if kw.endswith("s") or kw in _MASS else f"a {kw}"
        goal = rng.choice(self.PHRASES).format(what=what, budget=budget)
        return Draft(params, _prefix(rng) + goal, difficulty=2)

    def near_misses(self, params: dict[str, Any], state: dict[str, Any]) -> list[dict[str, Any]]:
        stem, budget = word_stem(params["keyword"]), params["budget"]
        items = list(catalog().items.values())
        over = next(it for it in _named(stem, params["kind"]) if _cheapest_total(it) >= budget)
        out = [self._ordering(params, over)]
        rid = _restaurant_id(params)
        off = [it for it in items if not keyword_in(stem, it.name, it.description)
               and _cheapest_total(it) < budget]
        off.sort(key=lambda it: (it.restaurant_id != rid, _cheapest_total(it)))
        if off:
            out.append(self._ordering(params, off[0]))
        out.append(params | {"skip_place": True})
        return out

    @staticmethod
    def _ordering(params: Params, item: Item) -> Params:
        return params | {"lines": [_extreme_line(item, "cheapest")],
                         "restaurant": catalog().by_id[item.restaurant_id].name}


# -- 4. pickup ------------------------------------------------------------------------------
class PickupOrder(_OrderTemplate):
    """Order named dishes from a store for pickup."""

    name = "pickup_order"
    base_task = "dashdish-26"
    asks = ("restaurant", "lines", "shipping")
    PHRASES = ("submit a pickup order at {restaurant} for {dishes}",
               "order {dishes} from {restaurant}, I'll pick it up myself",
               "{dishes} from {restaurant} - pickup, not delivery",
               "Place a pickup order for {dishes} from {restaurant}")

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft | None:
        params = self._one_dish(rng, (1, 1, 2), "pickup") | {"shipping": "Pickup"}
        goal = rng.choice(self.PHRASES).format(dishes=dishes_phrase(params["lines"], rng.randrange(6)),
                                               restaurant=params["restaurant"])
        return Draft(params, _prefix(rng) + goal, difficulty=2)

    def near_misses(self, params: dict[str, Any], state: dict[str, Any]) -> list[dict[str, Any]]:
        out = [params | {"shipping": "Delivery"}]
        swapped = _swap_first(params)
        if swapped:
            out.append(swapped)
        return [*out, params | {"skip_place": True}]


# -- 5. scheduled delivery --------------------------------------------------------------------
def _slot_phrase(label: str, style: int) -> str:
    """"Today, Jul 18, 3:00 PM - 3:30 PM" -> "today at 3:00 PM", "Jul 18 at 3:00 PM", ..."""
    day, date, window = label.split(", ", 2)
    start, end = window.split(" - ")
    return (f"{day.lower()} at {start}", f"{day.lower()} between {start} and {end}",
            f"{date} at {start}")[style % 3]


class ScheduledDelivery(_OrderTemplate):
    """Order a dish for delivery in a given scheduled half-hour slot."""

    name = "scheduled_delivery"
    base_task = "dashdish-7"
    asks = ("restaurant", "lines", "slot")
    PHRASES = ("Order {dishes} from {restaurant} and schedule the delivery for {when}",
               "schedule {dishes} from {restaurant} to be delivered {when}",
               "I need {dishes} from {restaurant} delivered {when}, not now")

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft | None:
        value, label = rng.choice(orders.schedule_slots())
        params = self._one_dish(rng) | {"delivery": "Schedule", "slot": value, "slot_label": label}
        goal = rng.choice(self.PHRASES).format(
            dishes=dishes_phrase(params["lines"], rng.randrange(6)),
            restaurant=params["restaurant"], when=_slot_phrase(label, rng.randrange(3)))
        return Draft(params, _prefix(rng) + goal, difficulty=2)

    def near_misses(self, params: dict[str, Any], state: dict[str, Any]) -> list[dict[str, Any]]:
        slots = orders.schedule_slots()
        i = [v for v, _ in slots].index(params["slot"])
        value, label = slots[i + 1] if i + 1 < len(slots) else slots[i - 1]
        return [params | {"slot": value, "slot_label": label},
                params | {"delivery": "Standard"},
                params | {"delivery": "Express"}]


# -- 6. tip and drop-off -----------------------------------------------------------------------
_DROP_PHRASES = {"Leave it at my door": ("leave it at my door", "just leave it at the door"),
                 "Hand it to me": ("hand it to me", "hand it to me directly"),
                 "Meet outside": ("meet me outside", "meet outside")}


class TipAndDropOff(_OrderTemplate):
    """Order a dish for delivery with a given Dasher tip and drop-off option."""

    name = "tip_and_drop_off"
    base_task = "dashdish-7"
    asks = ("restaurant", "lines", "tip", "drop_off")
    PHRASES = ("Order {dishes} from {restaurant}, tip the dasher ${tip} and have them {drop}",
               "get {dishes} delivered from {restaurant}. ${tip} tip, {drop}",
               "{restaurant}: {dishes}, add a ${tip} tip and tell them to {drop}")

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft | None:
        tip = rng.choice([t for t in orders.TIPS if t])
        drop = rng.choice(orders.DROP_OFF_OPTIONS)
        params = self._one_dish(rng, (1, 1, 2)) | {"tip": tip, "drop_off": drop}
        goal = rng.choice(self.PHRASES).format(
            dishes=dishes_phrase(params["lines"], rng.randrange(6)), restaurant=params["restaurant"],
            tip=tip, drop=rng.choice(_DROP_PHRASES[drop]))
        return Draft(params, _prefix(rng) + goal, difficulty=3)

    def near_misses(self, params: dict[str, Any], state: dict[str, Any]) -> list[dict[str, Any]]:
        tip = next(t for t in orders.TIPS if t and t != params["tip"])
        drop = next(d for d in orders.DROP_OFF_OPTIONS if d != params["drop_off"])
        return [params | {"tip": tip}, params | {"drop_off": drop}, params | {"tip": 0}]


# -- 7. drop-off instructions -----------------------------------------------------------------
def _notes(rng: random.Random, state: dict[str, Any]) -> list[str]:
    """Drop-off notes built from the signed-in user (phone, apartment, street)."""
    user = state.get("user") or orders.USER
    addr = user["address"]
    code = f"{rng.randrange(1000, 10000)}"
    return [f"Gate code is {code}",
            f"Call me at {user['phone']} when you get here",
            f"Buzz {addr['apt']}, I'll come down",
            "Please don't ring the doorbell, the baby is sleeping",
            f"Leave it with the front desk at {addr['street']}",
            f"Use the side door, the code is {code}"]


class DeliveryNote(_OrderTemplate):
    """Order a dish with given drop-off instructions for the Dasher."""

    name = "delivery_note"
    base_task = "dashdish-4"
    asks = ("restaurant", "lines", "note")
    PHRASES = ('Order {dishes} from {restaurant} and put "{note}" in the drop-off instructions',
               "{dishes} from {restaurant}. delivery note: {note}",
               "order {dishes} from {restaurant} and tell the driver: {note}")

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft | None:
        note = rng.choice(_notes(rng, state))
        params = self._one_dish(rng) | {"note": note}
        goal = rng.choice(self.PHRASES).format(dishes=dishes_phrase(params["lines"], rng.randrange(6)),
                                               restaurant=params["restaurant"], note=note)
        return Draft(params, _prefix(rng) + goal, difficulty=2)

    def near_misses(self, params: dict[str, Any], state: dict[str, Any]) -> list[dict[str, Any]]:
        digits = "".join(c for c in params["note"] if c.isdigit())
        other = (params["note"].replace(digits, str(int(digits) % 9000 + 1000 + 1))
                 if len(digits) == 4 else "Please ring the doorbell")
        return [params | {"note": ""}, params | {"note": other}]


# -- 8. express delivery paid with the other card ----------------------------------------------
class ExpressWithCard(_OrderTemplate):
    """Order dishes with express delivery, paid with the Mastercard on file."""

    name = "express_with_card"
    base_task = "dashdish-17"
    asks = ("restaurant", "lines", "delivery", "card")
    PHRASES = ("Order {dishes} from {restaurant} with express delivery and pay with my Mastercard",
               "express delivery please: {dishes} from {restaurant}, use the mastercard ending in 5100",
               "get {dishes} from {restaurant} as fast as possible (express), charge my Mastercard")

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft | None:
        rest = rng.choice(_stores("express"))
        lines = [_pick_line(rng, it) for it in rng.sample(_dishes(rest), rng.choice((1, 2)))]
        params = {"restaurant": rest.name, "lines": lines, "delivery": "Express",
                  "card": "mastercard-5100"}
        goal = rng.choice(self.PHRASES).format(dishes=dishes_phrase(lines, rng.randrange(6)),
                                               restaurant=rest.name)
        return Draft(params, _prefix(rng) + goal, difficulty=3)

    def near_misses(self, params: dict[str, Any], state: dict[str, Any]) -> list[dict[str, Any]]:
        return [params | {"delivery": "Standard"}, params | {"card": "visa-4242"},
                params | {"shipping": "Pickup"}]


# -- 9. a store picked by rank within a category, then its cheapest / priciest dish --------
_RANKS = {"highest-rated": lambda r: (r.rating,), "closest": lambda r: (-r.distance,),
          "most-reviewed": lambda r: (r.reviews,)}
_RANK_WORDS = {"highest-rated": ("highest-rated", "best rated"), "closest": ("closest", "nearest"),
               "most-reviewed": ("most reviewed", "most popular (most ratings)")}


@lru_cache(maxsize=1)
def _ranked_stores() -> list[tuple[str, str, str, str]]:
    """(category slug, rank, "cheapest"|"priciest", restaurant id): categories with two or
    more stores where one store alone tops the rank and its menu has one such dish."""
    menus = {(rid, which) for rid, section, which, _ in _extreme_scopes() if not section}
    out = []
    for cat in catalog().categories:
        stores = catalog().in_category(cat["slug"])
        for rank, key in _RANKS.items():
            ranked = sorted(stores, key=key, reverse=True)
            if len(ranked) < 2 or key(ranked[0]) == key(ranked[1]):
                continue
            out += [(cat["slug"], rank, which, ranked[0].id) for which in ("cheapest", "priciest")
                    if (ranked[0].id, which) in menus]
    return out


def _menu_extreme(rest: Restaurant, which: str) -> Item:
    return next(catalog().items[iid] for rid, section, w, iid in _extreme_scopes()
                if rid == rest.id and not section and w == which)


class StoreByRank(_OrderTemplate):
    """Find the highest-rated / closest / most-reviewed store of a category, then order the
    cheapest (or priciest) dish on its menu."""

    name = "store_by_rank"
    base_task = "dashdish-12"
    PHRASES = ("Find the {rank} {category} place and order the {which} thing on its menu",
               "order the {which} item from whichever {category} store is the {rank}",
               "I want {category} from the {rank} spot. get me their {which} dish")

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft | None:
        slug, rank, which, rid = rng.choice(_ranked_stores())
        rest, category = catalog().by_id[rid], catalog().category(slug) or {"name": slug}
        params = {"restaurant": rest.name, "category": category["name"], "rank": rank,
                  "which": which, "lines": [_extreme_line(_menu_extreme(rest, which), which)]}
        words = {"cheapest": ("cheapest", "least expensive"),
                 "priciest": ("most expensive", "priciest")}[which]
        goal = rng.choice(self.PHRASES).format(rank=rng.choice(_RANK_WORDS[rank]),
                                               category=category["name"], which=rng.choice(words))
        if params["lines"][0]["sized"]:
            goal += f" ({'smallest' if which == 'cheapest' else 'biggest'} size)"
        return Draft(params, _prefix(rng) + goal, difficulty=3)

    def near_misses(self, params: dict[str, Any], state: dict[str, Any]) -> list[dict[str, Any]]:
        slug = next(c["slug"] for c in catalog().categories if c["name"] == params["category"])
        rest, which = catalog().by_id[_restaurant_id(params)], params["which"]
        runner = sorted((r for r in catalog().in_category(slug) if r.id != rest.id),
                        key=_RANKS[params["rank"]], reverse=True)[0]
        return [params | {"restaurant": runner.name,
                          "lines": [_extreme_line(_by_price(runner.items, which)[0], which)]},
                params | {"lines": [_extreme_line(_by_price(rest.items, which)[1], which)]}]

    def solution(self, params: dict[str, Any]) -> list[Step]:
        return [R.click("link", params["category"], exact=True), *super().solution(params)]


TEMPLATES: list[Template] = [OrderItems(), CheapestOnMenu(), DishUnderBudget(), PickupOrder(),
                             ScheduledDelivery(), TipAndDropOff(), DeliveryNote(), ExpressWithCard(),
                             StoreByRank()]
