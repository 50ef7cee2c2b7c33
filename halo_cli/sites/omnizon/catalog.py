"""The Omnizon catalog (read-only, shared by all sessions) and its search."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "data" / "products.json"

SORTS = {
    "featured": "Featured",
    "price-asc": "Price: Low to High",
    "price-desc": "Price: High to Low",
    "rating": "Avg. Customer Review",
}


STOPWORDS = frozenset("a an and for in me my of on or the to with".split())


def stem(word: str) -> str:
    """A crude plural folding, applied alike to queries and products."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("sses", "shes", "ches", "xes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def tokens(text: str) -> list[str]:
    return [stem(w) for w in re.findall(r"[a-z0-9]+", text.lower())]


@dataclass(frozen=True)
class Catalog:
    products: tuple[dict, ...]
    by_id: dict[str, dict]
    categories: tuple[dict, ...]
    index: dict[str, frozenset[str]]  # product id -> search tokens

    def category(self, slug: str) -> dict | None:
        return next((c for c in self.categories if c["slug"] == slug), None)

    def search(self, query: str = "", category: str = "", min_price: float | None = None,
               max_price: float | None = None, sort: str = "featured") -> list[dict]:
        """Products matching every query word (or, failing that, most of them), filtered."""
        want = list(dict.fromkeys(w for w in tokens(query) if w not in STOPWORDS))
        pool = [p for p in self.products if not category or p["category"] == category]
        if min_price is not None:
            pool = [p for p in pool if p["price"] >= min_price]
        if max_price is not None:
            pool = [p for p in pool if p["price"] <= max_price]
        if want:
            scored = [(sum(w in self.index[p["id"]] for w in want), p) for p in pool]
            full = [(s, p) for s, p in scored if s == len(want)]
            if not full and len(want) > 1:  # loose match, as stores do for long queries
                full = [(s, p) for s, p in scored if s >= max(1, (len(want) + 1) // 2)]
            name_hits = {p["id"]: sum(w in tokens(p["name"]) for w in want) for _, p in full}
            full.sort(key=lambda sp: (-sp[0], -name_hits[sp[1]["id"]], -sp[1]["reviewCount"]))
            pool = [p for _, p in full]
        elif sort == "featured":
            pool = sorted(pool, key=lambda p: -p["reviewCount"])
        if sort == "price-asc":
            pool = sorted(pool, key=lambda p: p["price"])
        elif sort == "price-desc":
            pool = sorted(pool, key=lambda p: -p["price"])
        elif sort == "rating":
            pool = sorted(pool, key=lambda p: (-p["rating"], -p["reviewCount"]))
        return pool


@lru_cache(maxsize=1)
def catalog() -> Catalog:
    data = json.loads(DATA.read_text())
    products = tuple(data["products"])
    index = {
        p["id"]: frozenset(tokens(" ".join([p["name"], p["categoryName"], *p["tags"]])))
        for p in products
    }
    return Catalog(products, {p["id"]: p for p in products}, tuple(data["categories"]), index)
