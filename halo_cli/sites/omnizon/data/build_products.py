"""Write `products.json`, the Omnizon replica's catalog, from `catalog.yaml` (deterministic).

Run `python -m halo_cli.sites.omnizon.data.build_products` after editing `catalog.yaml`.
A few products keep the ids REAL's eval scripts name (PS5 controller 16, apron 91, sports
balls pack 114, 40 inch desk 159, neck pillows 167/170, gaming devices 192/193, cooking
pots 212/215); every other product takes the next free id in table order. The store reads
only the JSON: this script lives beside the data it writes, not in the site.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).parent
SOURCE = HERE / "catalog.yaml"
OUT = HERE / "products.json"


def source() -> dict[str, Any]:
    """`catalog.yaml`: categories (slug -> name), subcategories, products."""
    return yaml.safe_load(SOURCE.read_text(encoding="utf-8"))


BRANDS = {b: b for b in (
    "AuraSound", "Kleer", "Bassline", "Novatek", "Sonique", "Keyline", "Typeforge", "Voltix",
    "Clearview", "Streamline", "Pulsefit", "Pageturn", "Gamerix", "Visio", "ChefCraft",
    "HomeChef", "PlayStation", "Xbox", "Nintendo")} | {"DualSense": "PlayStation"}


def _hash(text: str) -> int:
    return int(hashlib.sha256(text.encode()).hexdigest()[:12], 16)


def build() -> list[dict]:
    """Every product, id order: brand, rating and review count derived from the name."""
    src = source()
    products, subcats, cat_names = src["products"], src["subcategories"], src["categories"]
    pinned = {int(p[3]) for p in products if len(p) > 3}
    names = [p[1] for p in products]
    assert len(names) == len(set(names)), "product names must be unique"
    free = (i for i in range(1, 10_000) if i not in pinned)
    out = []
    for row in products:
        sub, name, price = row[:3]
        pid = int(row[3]) if len(row) > 3 else next(free)
        info = subcats[sub]
        cat = info["category"]
        h = _hash(name)
        rating = round(3.6 + (h % 13) / 10, 1)
        reviews = 40 + (h // 13) % 18_000
        first = name.split()[0]
        brand = BRANDS.get(first, first) if first in BRANDS else "Omnizon Basics"
        out.append({
            "id": str(pid),
            "name": name,
            "brand": brand,
            "category": cat,
            "categoryName": cat_names[cat],
            "subcategory": sub,
            "price": round(float(price), 2),
            "listPrice": round(float(price) * 1.25, 2) if h % 4 == 0 else None,
            "rating": rating,
            "reviewCount": reviews,
            "description": f"{name}. {info['description']}",
            "features": info["features"],
            "tags": info["tags"].split(),
            "inStock": True,
        })
    out.sort(key=lambda p: int(p["id"]))
    ids = [int(p["id"]) for p in out]
    assert ids == list(range(1, len(ids) + 1)), "ids must run 1..N without gaps"
    return out


def main() -> None:
    products = build()
    categories = [{"slug": s, "name": n} for s, n in source()["categories"].items()]
    OUT.write_text(json.dumps({"categories": categories, "products": products}, indent=1) + "\n")
    print(f"wrote {len(products)} products to {OUT}")


if __name__ == "__main__":
    main()
