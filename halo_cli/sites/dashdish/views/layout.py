"""The page every DashDish body sits in: CSS, header (search, orders, cart), notice, footer."""

from __future__ import annotations

from html import escape

from halo_cli.sites.dashdish.store.orders import USER
from halo_cli.sites.kit import shell

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
    """`body` in the DashDish page: header (search, orders, cart count), notice, footer."""
    items = "item" if cart_count == 1 else "items"
    note = ""
    if notice:
        note = (f'{escape(notice)} <a href="{base}/cart">View cart</a> · '
                f'<a href="{base}/checkout">Checkout</a>')
    a = USER["address"]
    header = f"""<header class="top"><a class="logo" href="{base}/">DashDish</a>
<span class="addr">Deliver to {escape(a['street'])}, {escape(a['city'])}</span>
<form class="search" role="search" method="get" action="{base}/search">
<input type="search" name="q" value="{escape(query)}" aria-label="Search DashDish"
 placeholder="Search restaurants or dishes"><button type="submit">Search</button></form>
<a href="{base}/orders">Orders</a>
<a class="cartlink" href="{base}/cart" aria-label="Cart, {cart_count} {items}">Cart ({cart_count})</a>
</header>"""
    return shell(title=title, site="DashDish", css=CSS, header=header, body=body, notice=note,
                 footer="DashDish (offline replica). Prices include no hidden fees.")
