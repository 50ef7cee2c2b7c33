"""DashDish's restaurants and menus (data/restaurants.json), read once, plus search."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent.parent / "data" / "restaurants.json"


@dataclass(frozen=True)
class Item:
    """One dish on a menu; `sizes` is [(size name, price), ...], one entry when unsized."""

    id: str
    name: str
    description: str
    section: str
    restaurant_id: str
    sizes: tuple[tuple[str, float], ...]
    sized: bool

    @property
    def price(self) -> float:
        """The lowest price (what a menu shows)."""
        return min(p for _, p in self.sizes)

    def price_of(self, size: str) -> float | None:
        return next((p for s, p in self.sizes if s == size), None)

    @property
    def default_size(self) -> str:
        return self.sizes[0][0]


@dataclass(frozen=True)
class Restaurant:
    id: str
    name: str
    cuisine: str
    categories: tuple[str, ...]
    rating: float
    reviews: int
    distance: float
    eta: str
    address: str
    price_level: str
    description: str
    sections: tuple[tuple[str, tuple[Item, ...]], ...]

    @property
    def items(self) -> list[Item]:
        return [it for _, items in self.sections for it in items]


class Catalog:
    def __init__(self, raw: dict[str, Any]) -> None:
        self.categories: list[dict[str, str]] = raw["categories"]
        self.restaurants: list[Restaurant] = [self._restaurant(r) for r in raw["restaurants"]]
        self.by_id = {r.id: r for r in self.restaurants}
        self.items = {it.id: it for r in self.restaurants for it in r.items}

    @staticmethod
    def _restaurant(r: dict[str, Any]) -> Restaurant:
        sections = []
        for sec in r["menu"]:
            items = []
            for it in sec["items"]:
                sized = "sizes" in it
                sizes = tuple((s, float(p)) for s, p in it["sizes"]) if sized else (
                    ("Regular", float(it["price"])),)
                items.append(Item(it["id"], it["name"], it["description"], sec["section"],
                                  r["id"], sizes, sized))
            sections.append((sec["section"], tuple(items)))
        return Restaurant(r["id"], r["name"], r["cuisine"], tuple(r["categories"]), r["rating"],
                          r["reviews"], r["distance"], r["eta"], r["address"], r["priceLevel"],
                          r["description"], tuple(sections))

    def category(self, slug: str) -> dict[str, str] | None:
        return next((c for c in self.categories if c["slug"] == slug), None)

    def in_category(self, slug: str) -> list[Restaurant]:
        return [r for r in self.restaurants if slug in r.categories]

    def search(self, query: str) -> tuple[list[Restaurant], list[Item]]:
        """Restaurants whose name or cuisine matches every word, and dishes whose name or
        description does (plural and singular forms match each other)."""
        words = [_stem(w) for w in re.findall(r"[a-z0-9]+", query.lower())]
        if not words:
            return [], []

        def hit(text: str) -> bool:
            have = {_stem(w) for w in re.findall(r"[a-z0-9]+", text.lower())}
            return all(any(h.startswith(w) for h in have) for w in words)

        rests = [r for r in self.restaurants if hit(f"{r.name} {r.cuisine}")]
        dishes = [it for it in self.items.values() if hit(f"{it.name} {it.description}")]
        return rests, dishes


def _stem(word: str) -> str:
    for suffix in ("es", "s"):
        if len(word) > 3 and word.endswith(suffix) and not word.endswith("ss"):
            return word[: -len(suffix)] if suffix == "s" or word[-3] in "hsxz" else word[:-1]
    return word


@lru_cache(maxsize=1)
def catalog() -> Catalog:
    return Catalog(json.loads(DATA.read_text(encoding="utf-8")))
