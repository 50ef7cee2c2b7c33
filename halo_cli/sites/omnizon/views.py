"""Server-rendered Omnizon pages. Plain HTML forms, no scripts: what is shown is what the
accessibility tree holds, and every control carries its own accessible name."""

from __future__ import annotations

from html import escape
from urllib.parse import urlencode

from halo_cli.sites import kit
from halo_cli.sites.omnizon.store import SHIPPING_OPTIONS, SORTS, catalog, totals

CSS = """
*{box-sizing:border-box}
body{margin:0;font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#0f1111;
background:#eaeded}
a{color:#007185;text-decoration:none}
a:hover{text-decoration:underline}
header.top{display:flex;align-items:center;gap:14px;background:#131921;color:#fff;
padding:8px 16px}
header.top a{color:#fff}
.logo{font-size:22px;font-weight:bold}
.deliver{font-size:12px;color:#ccc}
form.search{flex:1;display:flex}
form.search input{flex:1;padding:8px;border:0;border-radius:4px 0 0 4px;font-size:15px}
form.search button{background:#febd69;border:0;padding:0 14px;border-radius:0 4px 4px 0;
cursor:pointer}
nav.cats{background:#232f3e;padding:6px 16px;display:flex;flex-wrap:wrap;gap:14px}
nav.cats a{color:#fff;font-size:13px}
main{padding:16px;max-width:1280px;margin:0 auto}
.card{background:#fff;padding:16px;margin-bottom:12px;border-radius:4px}
.layout{display:flex;gap:16px;align-items:flex-start}
aside{width:230px;background:#fff;padding:12px;border-radius:4px}
aside ul{list-style:none;padding:0;margin:0 0 12px}
aside li{margin:4px 0}
.results{list-style:none;margin:0;padding:0;flex:1}
.results li{background:#fff;margin-bottom:8px;padding:12px;border-radius:4px;display:flex;
gap:12px;align-items:flex-start}
.thumb{width:84px;height:84px;background:#f3f3f3;display:flex;align-items:center;
justify-content:center;font-size:11px;color:#888;border-radius:4px;flex:none}
.rtitle{font-size:16px;color:#0f1111}
.price{font-size:18px;font-weight:bold}
.muted{color:#565959;font-size:12px}
.stars{color:#de7921}
button.primary,a.primary{background:#ffd814;border:1px solid #fcd200;border-radius:20px;
padding:6px 16px;cursor:pointer;color:#0f1111;display:inline-block}
button.buy{background:#ffa41c;border:1px solid #ff8f00;border-radius:20px;padding:6px 16px;
cursor:pointer}
button.link{background:none;border:0;color:#007185;cursor:pointer;padding:0}
.pdp{display:flex;gap:24px}
.pdp .img{width:320px;height:320px}
.pdp .info{flex:1}
.buybox{width:260px;border:1px solid #ddd;border-radius:8px;padding:14px}
.notice{background:#f0fff0;border:1px solid #067d62;padding:10px;border-radius:4px;
margin-bottom:12px}
.error{background:#fff5f5;border:1px solid #c40000;padding:10px;border-radius:4px;
margin-bottom:12px}
table.cart{width:100%;border-collapse:collapse}
table.cart td,table.cart th{padding:8px;border-bottom:1px solid #ddd;text-align:left;
vertical-align:top}
fieldset{border:1px solid #ddd;border-radius:4px;margin:0 0 12px}
fieldset label{display:block;margin:6px 0 2px}
fieldset input[type=text]{width:320px;padding:6px}
.grid{display:grid;grid-template-columns:repeat(4,1fr);gap:12px}
footer{text-align:center;color:#999;padding:24px}
"""


def money(x: float) -> str:
    return f"${x:,.2f}"


def stars(p: dict) -> str:
    return (f'<span class="stars">{p["rating"]:.1f} out of 5 stars</span> '
            f'<span class="muted">({p["reviewCount"]:,} ratings)</span>')


def page(base: str, title: str, body: str, *, cart_count: int, query: str = "",
         notice: str | None = None, notice_actions: bool = False) -> str:
    """A whole page: the header (search, orders, cart), the departments bar, `body`, and the
    notice (with cart and checkout links when `notice_actions`)."""
    cats = "".join(f'<a href="{base}/category/{c["slug"]}">{escape(c["name"])}</a>'
                   for c in catalog().categories)
    acts = (f' <a href="{base}/cart">Go to Cart</a> <form method="get" action="{base}/checkout"'
            f' style="display:inline"><button class="primary" type="submit">Proceed to checkout'
            f'</button></form>') if notice and notice_actions else ""
    items = "item" if cart_count == 1 else "items"
    header = f"""<header class="top"><a class="logo" href="{base}/">Omnizon</a>
<span class="deliver">Deliver to Alex, Seattle 98101</span>
<form class="search" role="search" action="{base}/search" method="get">
<input type="text" name="q" value="{escape(query)}" aria-label="Search Omnizon" placeholder="Search Omnizon">
<button type="submit">Search</button></form>
<a href="{base}/orders">Returns &amp; Orders</a>
<a href="{base}/cart" aria-label="Cart, {cart_count} {items}">Cart ({cart_count})</a></header>
<nav class="cats" aria-label="Departments"><a href="{base}/search">All</a>{cats}</nav>"""
    return kit.shell(title=title, site="Omnizon", css=CSS, header=header, body=body,
                     notice=escape(notice) + acts if notice else "",
                     footer="&copy; Omnizon.com, Inc. (offline replica)")


def _add_form(base: str, p: dict, next_url: str) -> str:
    return (f'<form method="post" action="{base}/cart/add">'
            f'<input type="hidden" name="product_id" value="{p["id"]}">'
            f'<input type="hidden" name="quantity" value="1">'
            f'<input type="hidden" name="next" value="{escape(next_url)}">'
            f'<button class="primary" type="submit" name="action" value="add" '
            f'aria-label="Add to Cart: {escape(p["name"])}">Add to Cart</button></form>')


def product_card(base: str, p: dict, next_url: str) -> str:
    listp = (f' <s class="muted">List: {money(p["listPrice"])}</s>' if p.get("listPrice") else "")
    return (f'<li><div class="thumb" aria-hidden="true">{escape(p["brand"])}</div><div>'
            f'<a class="rtitle" href="{base}/product/{p["id"]}">{escape(p["name"])}</a>'
            f'<div>{stars(p)}</div><div><span class="price">{money(p["price"])}</span>{listp}</div>'
            f'<div class="muted">FREE delivery. In Stock.</div>{_add_form(base, p, next_url)}'
            f'</div></li>')


def home(base: str, deals: list[dict], next_url: str) -> str:
    tiles = "".join(
        f'<div class="card"><h2><a href="{base}/category/{c["slug"]}">{escape(c["name"])}</a></h2>'
        f'<p class="muted">Shop {escape(c["name"])}</p></div>' for c in catalog().categories)
    cards = "".join(product_card(base, p, next_url) for p in deals)
    return (f'<h1>Welcome to Omnizon</h1><section aria-label="Shop by department">'
            f'<div class="grid">{tiles}</div></section>'
            f'<section aria-label="Today\'s deals"><h2>Today\'s deals</h2>'
            f'<ol class="results">{cards}</ol></section>')


PER_PAGE = 24


def results(base: str, items: list[dict], *, query: str, category: str, min_price: str,
            max_price: str, sort: str, next_url: str, page_no: int = 1,
            facets: dict[str, int] | None = None) -> str:
    cat = catalog().category(category)
    heading = f"{len(items)} result{'s' if len(items) != 1 else ''}"
    if query:
        heading += f' for "{escape(query)}"'
    if cat:
        heading += f" in {escape(cat['name'])}"

    def link(slug: str) -> str:
        params = {k: v for k, v in (("q", query), ("category", slug)) if v}
        return f"{base}/search" + (f"?{urlencode(params)}" if params else "")

    facets = facets if facets is not None else {}
    depts = f'<li><a href="{link("")}">Any department</a></li>' + "".join(
        f'<li><a href="{link(c["slug"])}">{escape(c["name"])}</a> '
        f'<span class="muted">({facets[c["slug"]]})</span></li>'
        for c in catalog().categories if facets.get(c["slug"]))
    opts = "".join(f'<option value="{k}"{" selected" if k == sort else ""}>{escape(v)}</option>'
                   for k, v in SORTS.items())
    keep = "".join(f'<input type="hidden" name="{k}" value="{escape(v)}">'
                   for k, v in (("q", query), ("category", category)) if v)
    filters = f"""<aside aria-label="Filters"><h2>Department</h2><ul>{depts}</ul>
<form method="get" action="{base}/search">{keep}<h2>Price</h2>
<label for="min">Min price</label><br><input id="min" type="number" name="min" min="0" step="0.01"
 value="{escape(min_price)}" style="width:90px"><br>
<label for="max">Max price</label><br><input id="max" type="number" name="max" min="0" step="0.01"
 value="{escape(max_price)}" style="width:90px"><br>
<label for="sort">Sort by</label><br><select id="sort" name="sort">{opts}</select><br><br>
<button type="submit">Apply filters</button></form></aside>"""
    pages = max(1, -(-len(items) // PER_PAGE))
    page_no = max(1, min(page_no, pages))
    shown = items[(page_no - 1) * PER_PAGE: page_no * PER_PAGE]
    if shown:
        body = "".join(product_card(base, p, next_url) for p in shown)
        listing = f'<ol class="results" aria-label="Results">{body}</ol>'
        if pages > 1:
            params = {k: v for k, v in (("q", query), ("category", category), ("min", min_price),
                                        ("max", max_price), ("sort", sort)) if v}

            def at(n: int) -> str:
                return f"{base}/search?{urlencode({**params, 'page': n})}"

            prev = f'<a href="{at(page_no - 1)}">Previous page</a> ' if page_no > 1 else ""
            nxt = f' <a href="{at(page_no + 1)}">Next page</a>' if page_no < pages else ""
            listing += (f'<nav aria-label="Pagination">{prev}<span>Page {page_no} of {pages}'
                        f'</span>{nxt}</nav>')
    else:
        listing = '<p>No results. Try checking your spelling or use more general terms.</p>'
    return (f'<div class="layout">{filters}<section style="flex:1"><h1>{heading}</h1>'
            f'{listing}</section></div>')


def product(base: str, p: dict) -> str:
    feats = "".join(f"<li>{escape(f)}</li>" for f in p["features"])
    qty = "".join(f'<option value="{i}">{i}</option>' for i in range(1, 11))
    listp = (f'<p class="muted">List Price: <s>{money(p["listPrice"])}</s></p>'
             if p.get("listPrice") else "")
    return f"""<nav aria-label="Breadcrumb" class="muted"><a href="{base}/category/{p['category']}">
{escape(p['categoryName'])}</a></nav>
<div class="card pdp"><div class="thumb img" aria-hidden="true">{escape(p['brand'])}</div>
<div class="info"><h1>{escape(p['name'])}</h1><p class="muted">Brand: {escape(p['brand'])}</p>
<p>{stars(p)}</p><p class="price">{money(p['price'])}</p>{listp}
<h2>About this item</h2><ul>{feats}</ul><p>{escape(p['description'])}</p></div>
<div class="buybox" role="region" aria-label="Buy box"><p class="price">{money(p['price'])}</p>
<p class="muted">FREE delivery in 2-4 days</p><p style="color:#067d62">In Stock</p>
<form method="post" action="{base}/cart/add"><input type="hidden" name="product_id" value="{p['id']}">
<label for="quantity">Quantity</label> <select id="quantity" name="quantity">{qty}</select><br><br>
<button class="primary" type="submit" name="action" value="add">Add to Cart</button><br><br>
<button class="buy" type="submit" name="action" value="buy">Buy Now</button></form></div></div>"""


def cart(base: str, lines: list[dict]) -> str:
    if not lines:
        return ('<div class="card"><h1>Shopping Cart</h1><p>Your Omnizon Cart is empty.</p>'
                f'<p><a href="{base}/">Continue shopping</a></p></div>')
    rows = []
    for ln in lines:
        name = escape(ln["name"])
        opts = "".join(f'<option value="{i}"{" selected" if i == ln["quantity"] else ""}>{i}</option>'
                       for i in range(1, 11))
        rows.append(
            f'<tr><td><a href="{base}/product/{ln["id"]}">{name}</a><div class="muted">In Stock</div></td>'
            f'<td>{money(ln["price"])}</td><td><form method="post" action="{base}/cart/update">'
            f'<input type="hidden" name="product_id" value="{ln["id"]}">'
            f'<select name="quantity" aria-label="Quantity for {name}">{opts}</select> '
            f'<button type="submit" aria-label="Update quantity for {name}">Update</button></form>'
            f'<form method="post" action="{base}/cart/remove">'
            f'<input type="hidden" name="product_id" value="{ln["id"]}">'
            f'<button class="link" type="submit" aria-label="Delete {name}">Delete</button></form></td>'
            f'<td>{money(ln["price"] * ln["quantity"])}</td></tr>')
    count = sum(ln["quantity"] for ln in lines)
    subtotal = sum(ln["price"] * ln["quantity"] for ln in lines)
    return f"""<div class="layout"><div class="card" style="flex:1"><h1>Shopping Cart</h1>
<table class="cart"><thead><tr><th>Item</th><th>Price</th><th>Quantity</th><th>Total</th></tr></thead>
<tbody>{''.join(rows)}</tbody></table>
<p style="text-align:right">Subtotal ({count} item{'s' if count != 1 else ''}):
<b>{money(subtotal)}</b></p></div>
<div class="card" style="width:260px"><p>Subtotal ({count} item{'s' if count != 1 else ''}):
<b>{money(subtotal)}</b></p><form method="get" action="{base}/checkout">
<button class="primary" type="submit">Proceed to checkout</button></form></div></div>"""


def _field(fid: str, label: str, value: str, autocomplete: str = "") -> str:
    ac = f' autocomplete="{autocomplete}"' if autocomplete else ""
    return (f'<label for="{fid}">{escape(label)}</label>'
            f'<input type="text" id="{fid}" name="{fid}" value="{escape(value)}"{ac}>')


def checkout(base: str, lines: list[dict], user: dict, *, buy: str = "", qty: int = 0,
             error: str = "") -> str:
    if not lines:
        return ('<div class="card"><h1>Checkout</h1><p>Your Omnizon Cart is empty.</p>'
                f'<p><a href="{base}/">Continue shopping</a></p></div>')
    addr, pay = user["address"], user["payment"]
    ship = "".join(
        f'<label><input type="radio" name="shipping" value="{k}"{" checked" if k == "standard" else ""}>'
        f' {escape(label)}</label>' for k, (label, _) in SHIPPING_OPTIONS.items())
    items = "".join(
        f'<li>{escape(ln["name"])}, quantity {ln["quantity"]}: {money(ln["price"] * ln["quantity"])}</li>'
        for ln in lines)
    t = totals(lines, "standard")
    hidden = (f'<input type="hidden" name="buy" value="{escape(buy)}">'
              f'<input type="hidden" name="qty" value="{qty}">') if buy else ""
    err = f'<div class="error" role="alert">{escape(error)}</div>' if error else ""
    return f"""<h1>Checkout</h1>{err}<form method="post" action="{base}/checkout/place" class="layout">
<div class="card" style="flex:1">{hidden}
<fieldset><legend>Shipping address</legend>
{_field("fullName", "Full name", addr["fullName"], "name")}
{_field("street", "Street address", addr["street"], "street-address")}
{_field("city", "City", addr["city"])}{_field("state", "State", addr["state"])}
{_field("zip", "ZIP code", addr["zip"], "postal-code")}{_field("phone", "Phone number", addr["phone"])}
</fieldset>
<fieldset><legend>Shipping speed</legend>{ship}</fieldset>
<fieldset><legend>Payment method</legend>
{_field("cardName", "Name on card", pay["cardName"])}
{_field("cardNumber", "Card number", pay["cardNumber"], "cc-number")}
{_field("cardExpiry", "Expiration date (MM/YY)", pay["cardExpiry"])}
</fieldset></div>
<div class="card" style="width:300px"><h2>Order summary</h2><ul>{items}</ul>
<p>Items: {money(t['subtotal'])}</p><p>Shipping &amp; handling: calculated from your choice</p>
<p>Estimated tax: {money(t['tax'])}</p><p><b>Order total (standard shipping): {money(t['total'])}</b></p>
<button class="buy" type="submit">Place your order</button></div></form>"""


def order_block(base: str, order: dict) -> str:
    items = "".join(
        f'<li><a href="{base}/product/{it["id"]}">{escape(it["name"])}</a>, quantity '
        f'{it["quantity"]}, {money(it["price"])} each</li>' for it in order["items"])
    a = order["shippingAddress"]
    return (f'<p>Order number: <b>{escape(order["orderNumber"])}</b></p>'
            f'<p class="muted">Placed {escape(order["date"][:10])}</p><ul>{items}</ul>'
            f'<p>Ship to: {escape(a["fullName"])}, {escape(a["street"])}, {escape(a["city"])}, '
            f'{escape(a["state"])} {escape(a["zip"])}</p>'
            f'<p>Order total: <b>{money(order["total"])}</b></p>')


def confirmation(base: str, order: dict | None) -> str:
    if order is None:
        return ('<div class="card"><h1>No recent order</h1>'
                f'<p><a href="{base}/">Continue shopping</a></p></div>')
    return (f'<div class="card"><h1>Order placed, thank you!</h1>'
            f'<p>Confirmation will be sent to your email.</p>{order_block(base, order)}'
            f'<p><a href="{base}/orders">Review your orders</a> · '
            f'<a href="{base}/">Continue shopping</a></p></div>')


def orders(base: str, orders_: list[dict]) -> str:
    if not orders_:
        return '<div class="card"><h1>Your Orders</h1><p>You have not placed any orders yet.</p></div>'
    blocks = "".join(f'<div class="card">{order_block(base, o)}</div>' for o in orders_)
    return f"<h1>Your Orders</h1>{blocks}"


def not_found(base: str) -> str:
    return ('<div class="card"><h1>Sorry, we couldn\'t find that page</h1>'
            f'<p><a href="{base}/">Go to the Omnizon home page</a></p></div>')
