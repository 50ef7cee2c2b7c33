"""DashDish's browsing pages: home, categories, search, store menus and dishes."""

from __future__ import annotations

from html import escape

from halo_cli.sites.dashdish.store.menus import Item, Restaurant, catalog
from halo_cli.sites.dashdish.store.orders import MAX_QTY
from halo_cli.sites.dashdish.views.layout import money


def _category_nav(base: str, current: str = "") -> str:
    links = "".join(
        f'<a href="{base}/category/{c["slug"]}"'
        f'{" aria-current=page" if c["slug"] == current else ""}>{escape(c["name"])}</a>'
        for c in catalog().categories)
    return f'<nav class="cats" aria-label="Categories">{links}</nav>'


def store_card(base: str, r: Restaurant) -> str:
    return (f'<li class="store"><div class="thumb" aria-hidden="true">{escape(r.cuisine)}</div>'
            f'<h3 style="margin:0 0 4px"><a href="{base}/store/{r.id}">{escape(r.name)}</a></h3>'
            f'<div class="muted">{r.rating:.1f} ★ ({r.reviews:,} ratings) · {r.distance:.1f} mi · '
            f'{escape(r.eta)}</div><div class="muted">{escape(r.cuisine)} · {r.price_level} · '
            f'$2.99 delivery fee</div></li>')


def home(base: str) -> str:
    cards = "".join(store_card(base, r) for r in catalog().restaurants)
    return (f'<h1>What are you craving?</h1>{_category_nav(base)}'
            f'<section aria-labelledby="all-stores"><h2 id="all-stores">All stores</h2>'
            f'<ul class="stores">{cards}</ul></section>')


def category(base: str, slug: str) -> str:
    cat = catalog().category(slug) or {"name": slug}
    stores = catalog().in_category(slug)
    cards = "".join(store_card(base, r) for r in stores)
    n = len(stores)
    return (f'{_category_nav(base, slug)}<h1>{escape(cat["name"])}</h1>'
            f'<p class="muted">{n} store{"s" if n != 1 else ""} nearby</p>'
            f'<ul class="stores">{cards}</ul>')


def _dish(base: str, it: Item, *, with_store: bool = False) -> str:
    r = catalog().by_id[it.restaurant_id]
    price = ("from " if it.sized else "") + money(it.price)
    store = (f'<div class="muted">from <a href="{base}/store/{r.id}">{escape(r.name)}</a></div>'
             if with_store else "")
    return (f'<li class="dish"><div><h3><a href="{base}/store/{r.id}/item/{it.id}">'
            f'{escape(it.name)}</a></h3>{store}<p class="muted" style="margin:4px 0">'
            f'{escape(it.description)}</p><div>{price}</div></div>'
            f'<form method="post" action="{base}/cart/add"><input type="hidden" name="item_id" '
            f'value="{it.id}"><button class="add" type="submit" aria-label="Add {escape(it.name)} '
            f'to cart">Add</button></form></li>')


def search(base: str, query: str) -> str:
    if not query.strip():
        return f'<h1>Search</h1><p>Type a restaurant, cuisine or dish.</p>{_category_nav(base)}'
    rests, dishes = catalog().search(query)
    q = escape(query)
    out = [f'<h1>Results for "{q}"</h1>']
    if not rests and not dishes:
        out.append(f'<p>No results for "{q}". Try another dish or browse a category.</p>'
                   + _category_nav(base))
    if rests:
        out.append('<section aria-labelledby="r-stores"><h2 id="r-stores">Stores</h2>'
                   f'<ul class="stores">{"".join(store_card(base, r) for r in rests)}</ul></section>')
    if dishes:
        out.append('<section aria-labelledby="r-dishes"><h2 id="r-dishes">Dishes</h2><ul class="menu">'
                   f'{"".join(_dish(base, d, with_store=True) for d in dishes)}</ul></section>')
    return "".join(out)


def store(base: str, r: Restaurant) -> str:
    secs = "".join(
        f'<section aria-labelledby="sec-{i}"><h2 id="sec-{i}">{escape(name)}</h2>'
        f'<ul class="menu">{"".join(_dish(base, it) for it in items)}</ul></section>'
        for i, (name, items) in enumerate(r.sections))
    return (f'<h1>{escape(r.name)}</h1><p>{escape(r.description)}</p>'
            f'<p class="muted">{r.rating:.1f} ★ ({r.reviews:,} ratings) · {escape(r.cuisine)} · '
            f'{r.price_level} · {r.distance:.1f} mi</p>'
            f'<p class="muted">Delivery {escape(r.eta)}, $2.99 delivery fee · Pickup available at '
            f'{escape(r.address)}</p>{secs}')


def item(base: str, it: Item) -> str:
    r = catalog().by_id[it.restaurant_id]
    sizes = ""
    if it.sized:
        radios = "".join(
            f'<div><input type="radio" id="size-{i}" name="size" value="{escape(s)}"'
            f'{" checked" if i == 0 else ""}><label for="size-{i}">{escape(s)}, {money(p)}'
            f'</label></div>' for i, (s, p) in enumerate(it.sizes))
        sizes = f'<fieldset><legend>Size</legend>{radios}</fieldset>'
    qty = "".join(f'<option value="{i}">{i}</option>' for i in range(1, MAX_QTY + 1))
    price = ("from " if it.sized else "") + money(it.price)
    return (f'<nav aria-label="Breadcrumb" class="muted"><a href="{base}/store/{r.id}">'
            f'{escape(r.name)}</a> › {escape(it.section)}</nav>'
            f'<div class="panel" style="max-width:520px"><h1>{escape(it.name)}</h1>'
            f'<p>{escape(it.description)}</p><p><b>{price}</b></p>'
            f'<form method="post" action="{base}/cart/add">'
            f'<input type="hidden" name="item_id" value="{it.id}">{sizes}'
            f'<p><label for="quantity">Quantity</label> <select id="quantity" name="quantity">{qty}'
            f'</select></p><button class="primary" type="submit">Add to cart</button></form></div>')


def not_found(base: str, what: str) -> str:
    return (f'<h1>We couldn\'t find that {escape(what)}</h1>'
            f'<p><a href="{base}/">Back to all stores</a></p>')
