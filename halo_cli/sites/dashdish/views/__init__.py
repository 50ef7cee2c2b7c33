"""Server-rendered DashDish pages: `layout` (the page around every body), `browse` (home,
categories, search, store menus, dishes) and `checkout` (cart, checkout, orders).

Plain HTML and forms, no scripts: every control carries its own accessible name, so what
a person sees is what the accessibility tree shows.
"""
