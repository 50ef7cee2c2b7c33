"""Server-rendered DashDish pages: layout, home, categories, search, store menus, dishes.

Plain HTML and forms, no scripts: every control carries its own accessible name, so what
a person sees is what the accessibility tree shows.
"""

from __future__ import annotations

from html import escape

from halo_cli.sites.dashdish.catalog import Item, Restaurant, catalog
from halo_cli.sites.dashdish.store import MAX_QTY, USER

CSS = """
*{box-sizing:border-box}
body{margin:0;font-family:Helvetica,Arial,sans-serif;font-size:14px;color:#191919;background:#fff}
a{color:#191919}
header.top{display:flex;align-items:center;gap:16px;padding:10px 20px;border-bottom:1px solid #e7e7e7}
.logo{font-size:22px;font-weight:bold;color:#eb1700;text-decoration:none}
.addr{font-size:13px;color:#494949}
form.search{flex:1;display:flex;max-width:520px}
form.search input{flex:1;padding:9px 14px;border:1px solid #ccc;border-radius:20px 0 0 20px}
form.search button{border:1px solid #ccc;border-left:0;border-radius:0 20px 20px 0;padding:0 14px;
background:#f4f4f4;cursor:pointer}
.cartlink{background:#eb1700;color:#fff;border-radius:20px;padding:8px 14px;text-decoration:none}
main{max-width:1100px;margin:0 auto;padding:18px 20px}
nav.cats{display:flex;flex-wrap:wrap;gap:8px;margin:8px 0 18px}
nav.cats a{border:1px solid #e7e7e7;border-radius:16px;padding:6px 12px;text-decoration:none}
.stores{display:grid;grid-template-columns:repeat(3,1fr);gap:16px;list-style:none;padding:0}
.store{border:1px solid #e7e7e7;border-radius:10px;padding:12px}
.thumb{height:70px;border-radius:8px;background:#fbe5e1;display:flex;align-items:center;
justify-content:center;color:#b34;font-weight:bold;margin-bottom:8px}
.muted{color:#6b6b6b;font-size:13px}
.menu{list-style:none;padding:0;display:grid;grid-template-columns:repeat(2,1fr);gap:12px}
.dish{border:1px solid #e7e7e7;border-radius:10px;padding:12px;display:flex;justify-content:
space-between;gap:8px}
.dish h3{margin:0 0 4px;font-size:15px}
.btn,button.primary{background:#eb1700;color:#fff;border:0;border-radius:20px;padding:8px 16px;
cursor:pointer;text-decoration:none;display:inline-block;font-size:14px}
button.add{background:#fff;border:1px solid #191919;border-radius:18px;padding:4px 12px;cursor:pointer}
button.opt{background:#f4f4f4;border:1px solid #ccc;border-radius:18px;padding:8px 14px;cursor:pointer;
margin:0 6px 6px 0}
button.opt[aria-pressed=true]{background:#191919;color:#fff}
button.opt[aria-pressed=true] .muted{color:#ddd}
.notice{background:#eefbf1;border:1px solid #1f8a3b;border-radius:8px;padding:10px;margin-bottom:14px}
.error{background:#fff1f0;border:1px solid #eb1700;border-radius:8px;padding:10px;margin-bottom:14px}
.layout{display:flex;gap:20px;align-items:flex-start}
.panel{border:1px solid #e7e7e7;border-radius:10px;padding:14px;margin-bottom:14px}
table.lines{width:100%;border-collapse:collapse}
table.lines td,table.lines th{padding:8px;border-bottom:1px solid #eee;text-align:left}
dl.sum{display:grid;grid-template-columns:1fr auto;gap:4px 12px;margin:0}
dl.sum dd{margin:0;text-align:right}
.inline{display:inline}
footer{color:#999;text-align:center;padding:24px}
"""


def money(x: float) -> str:
    return f"${x:,.2f}"


def page(base: str, title: str, body: str, *, cart_count: int, query: str = "",
         notice: str = "") -> str:
    items = "item" if cart_count == 1 else "items"
    note = ""
    if notice:
        note = (f'<div class="notice" role="status">{escape(notice)} '
                f'<a href="{base}/cart">View cart</a> · <a href="{base}/checkout">Checkout</a></div>')
    a = USER["address"]
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{escape(title)} | DashDish</title><style>{CSS}</style></head><body>
<header class="top"><a class="logo" href="{base}/">DashDish</a>
<span class="addr">Deliver to {escape(a['street'])}, {escape(a['city'])}</span>
<form class="search" role="search" method="get" action="{base}/search">
<input type="search" name="q" value="{escape(query)}" aria-label="Search DashDish"
 placeholder="Search restaurants or dishes"><button type="submit">Search</button></form>
<a href="{base}/orders">Orders</a>
<a class="cartlink" href="{base}/cart" aria-label="Cart, {cart_count} {items}">Cart ({cart_count})</a>
</header><main>{note}{body}</main>
<footer>DashDish (offline replica). Prices include no hidden fees.</footer></body></html>"""


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


def item(base: str, it: Item, error: str = "") -> str:
    r = catalog().by_id[it.restaurant_id]
    sizes = ""
    if it.sized:
        radios = "".join(
            f'<div><input type="radio" id="size-{i}" name="size" value="{escape(s)}"'
            f'{" checked" if i == 0 else ""}><label for="size-{i}">{escape(s)}, {money(p)}'
            f'</label></div>' for i, (s, p) in enumerate(it.sizes))
        sizes = f'<fieldset><legend>Size</legend>{radios}</fieldset>'
    qty = "".join(f'<option value="{i}">{i}</option>' for i in range(1, MAX_QTY + 1))
    err = f'<div class="error" role="alert">{escape(error)}</div>' if error else ""
    price = ("from " if it.sized else "") + money(it.price)
    return (f'<nav aria-label="Breadcrumb" class="muted"><a href="{base}/store/{r.id}">'
            f'{escape(r.name)}</a> › {escape(it.section)}</nav>{err}'
            f'<div class="panel" style="max-width:520px"><h1>{escape(it.name)}</h1>'
            f'<p>{escape(it.description)}</p><p><b>{price}</b></p>'
            f'<form method="post" action="{base}/cart/add">'
            f'<input type="hidden" name="item_id" value="{it.id}">{sizes}'
            f'<p><label for="quantity">Quantity</label> <select id="quantity" name="quantity">{qty}'
            f'</select></p><button class="primary" type="submit">Add to cart</button></form></div>')


def not_found(base: str, what: str) -> str:
    return (f'<h1>We couldn\'t find that {escape(what)}</h1>'
            f'<p><a href="{base}/">Back to all stores</a></p>')
