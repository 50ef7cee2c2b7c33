"""Reference solutions (must score 1) and negative controls (must score 0) for DashDish.

Targets are named by role and accessible name only; every call builds fresh objects.
"""

from __future__ import annotations

from halo_cli.sites import reference as R
from halo_cli.sites.reference import Solution, Step


def _search(query: str) -> list[Step]:
    return [R.fill("searchbox", "Search DashDish", query), R.click("button", "Search", exact=True)]


def _store(name: str) -> Step:
    return R.click("link", name, exact=True)


def _quick_add(dish: str) -> Step:
    return R.click("button", f"Add {dish} to cart", exact=True)


def _dish(dish: str, size: str | None = None) -> list[Step]:
    """Open the dish page, pick `size`, add one to the cart."""
    steps = [R.click("link", dish, exact=True)]
    if size:
        steps.append(R.check("radio", size))
    return [*steps, R.click("button", "Add to cart", exact=True)]


def _checkout(*choices: str) -> list[Step]:
    """From the "added" notice to checkout, press each option button, place the order."""
    return [R.click("link", "Checkout", exact=True),
            *(R.click("button", c) for c in choices),
            R.click("button", "Place order", exact=True)]


def _to_checkout() -> Step:
    return R.click("link", "Checkout", exact=True)


def solutions() -> list[Solution]:
    return [
        Solution("dashdish-1", [*_search("noodles"), *_dish("Spicy Beef Noodles"), *_checkout(),
                                R.send("Ordered Spicy Beef Noodles from DragonEats.")]),
        Solution("dashdish-3", [R.click("link", "Pizza", exact=True), _store("Papa Johns Pizza"),
                                *_dish("Pepperoni Pizza", "Medium"), *_checkout(), R.send()]),
        Solution("dashdish-4", [*_search("chicken sandwich"), _quick_add("Crispy Chicken Sandwich"),
                                *_checkout(), R.send()]),
        Solution("dashdish-7", [_store("Wingstop"), _quick_add("Lemon Pepper Wings"), *_checkout(),
                                R.send()]),
        Solution("dashdish-8", [_store("Taco Boys"), _quick_add("Carne Asada Burrito"),
                                _quick_add("Chips & Guacamole"), *_checkout(), R.send()]),
        Solution("dashdish-10", [*_search("fries"), _quick_add("Cajun Fries"), *_checkout(),
                                 R.send()]),
        Solution("dashdish-11", [_store("Gambinos New York Subs"),
                                 *_dish("Italian Combo Sub", "12 inch"), *_checkout(), R.send()]),
        Solution("dashdish-12", [_store("Mashaallah Halal Food Pakistani Food"),
                                 *_dish("Chicken Biryani", "Medium"), *_checkout(), R.send()]),
        Solution("dashdish-17", [_store("Wingstop"), _quick_add("Lemon Pepper Wings"),
                                 _quick_add("Garlic Parmesan Wings"), *_checkout("Express"),
                                 R.send()]),
        Solution("dashdish-24", [*_search("rotisserie chicken sandwich"),
                                 *_dish("Rotisserie Chicken Sandwich"), *_checkout(), R.send()]),
        Solution("dashdish-26", [_store("Wingstop"), _quick_add("Original Hot Wings"),
                                 *_checkout("Pickup"), R.send()]),
    ]


def negatives() -> list[Solution]:
    """Plausible wrong runs the real scripts must score 0 (the spec's near misses)."""
    neg = "negative"
    return [
        # the live cart must never pass for a placed order (dashdish-1/10 search the whole diff)
        Solution("dashdish-1", [*_search("noodles"), *_dish("Spicy Beef Noodles"), _to_checkout(),
                                R.click("button", "Express"), R.send()],
                 kind=neg, label="noodles-in-cart-not-ordered"),
        Solution("dashdish-1", [_store("DragonEats"), _quick_add("Seafood Noodle Platter (serves 3)"),
                                *_checkout(), R.send()], kind=neg, label="noodles-over-26"),
        Solution("dashdish-10", [*_search("fries"), _quick_add("Cajun Fries"), _to_checkout(),
                                 R.click("button", "Pickup"), R.send()],
                 kind=neg, label="fries-in-cart-not-ordered"),
        Solution("dashdish-10", [_store("Man vs. Fries"), _quick_add("Fries Party Tray (serves 8)"),
                                 *_checkout(), R.send()], kind=neg, label="fries-over-20"),
        Solution("dashdish-3", [_store("Papa Johns Pizza"),
                                _quick_add("Family Meal: 2 Large Pizzas & Breadsticks"), *_checkout(),
                                R.send()], kind=neg, label="pizza-over-30"),
        Solution("dashdish-7", [_store("Wing Palace"), _quick_add("Lemon Pepper Wings"),
                                *_checkout(), R.send()], kind=neg, label="lemon-pepper-not-wingstop"),
        Solution("dashdish-8", [_store("Taco Boys"), _quick_add("Single Taco"), *_checkout(),
                                R.send()], kind=neg, label="taco-boys-under-20"),
        Solution("dashdish-12", [_store("Mashaallah Halal Food Pakistani Food"),
                                 _quick_add("Chicken Biryani"), _quick_add("Garlic Naan"),
                                 *_checkout(), R.send()], kind=neg, label="biryani-with-naan"),
        Solution("dashdish-17", [_store("Wingstop"), _quick_add("Lemon Pepper Wings"),
                                 _quick_add("Garlic Parmesan Wings"), *_checkout(), R.send()],
                 kind=neg, label="standard-not-express"),
        Solution("dashdish-17", [_store("Wingstop"), _quick_add("Lemon Pepper Wings"),
                                 _quick_add("Lemon Pepper Wings"), *_checkout("Express"), R.send()],
                 kind=neg, label="same-flavor-twice"),
        Solution("dashdish-24", [_store("RT Rotisserie"), _quick_add("Rotisserie Chicken Plate"),
                                 *_checkout(), R.send()], kind=neg, label="plate-not-sandwich"),
        Solution("dashdish-26", [_store("Wingstop"), _quick_add("Original Hot Wings"), *_checkout(),
                                 R.send()], kind=neg, label="delivery-not-pickup"),
    ]
