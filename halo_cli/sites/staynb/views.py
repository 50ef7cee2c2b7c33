"""StayNB's layout, home page, search results and Filters page: plain HTML forms, no
scripts. What a person sees is what the accessibility tree holds."""

from __future__ import annotations

from html import escape
from typing import Any
from urllib.parse import quote

from halo_cli.sites.staynb.search import (
    AMENITIES,
    GUEST_KEYS,
    GUEST_LIMITS,
    LAST_DAY,
    ROOM_KEYS,
    ROOM_MAX,
    SUGGESTION_NOTES,
    SUGGESTIONS,
    TODAY,
    Query,
    dates_label,
    guests_label,
)

CSS = """
*{box-sizing:border-box}body{margin:0;font:15px/1.45 Helvetica,Arial,sans-serif;color:#222}
a{color:#222}header.top{display:flex;align-items:center;gap:24px;padding:14px 32px;
border-bottom:1px solid #ebebeb}.logo{color:#ff385c;font-weight:bold;font-size:24px;
text-decoration:none}.pill{border:1px solid #ddd;border-radius:40px;padding:8px 18px;
text-decoration:none;box-shadow:0 1px 2px rgba(0,0,0,.08)}header nav{margin-left:auto;
display:flex;gap:18px}main{max-width:1180px;margin:0 auto;padding:20px 32px}
form.searchbar{display:flex;flex-wrap:wrap;gap:14px;align-items:flex-end;border:1px solid #ddd;
border-radius:24px;padding:14px 22px;box-shadow:0 3px 12px rgba(0,0,0,.08)}
form.searchbar label,.field label{display:block;font-size:12px;font-weight:bold}
form.searchbar input{border:0;border-bottom:1px solid #ccc;padding:4px 2px;font-size:15px}
fieldset{border:1px solid #eee;border-radius:12px;padding:8px 14px}
fieldset.who{display:flex;gap:12px}fieldset.who input{width:58px}.hint{display:block;
font-size:11px;color:#717171}button.primary,a.primary{background:#e61e4d;color:#fff;border:0;
border-radius:10px;padding:10px 20px;font-size:15px;cursor:pointer;text-decoration:none}
button.plain{background:#fff;border:1px solid #222;border-radius:8px;padding:8px 14px;
cursor:pointer}.error{background:#fff4f4;border:1px solid #c13515;color:#c13515;
padding:10px;border-radius:8px}.notice{background:#f0fff4;border:1px solid #008a05;
padding:10px;border-radius:8px}ul.suggest{list-style:none;padding:0;display:grid;
grid-template-columns:repeat(3,1fr);gap:8px}ul.stays{list-style:none;padding:0;display:grid;
grid-template-columns:repeat(3,1fr);gap:22px}ul.stays li{border-radius:14px;padding:12px;
background:#fafafa}.stitle{font-weight:bold}.muted{color:#717171;font-size:13px}
.toolbar{display:flex;gap:14px;align-items:center;margin:16px 0}.grid2{display:grid;
grid-template-columns:2fr 1fr;gap:40px}.card{border:1px solid #ddd;border-radius:12px;
padding:20px;box-shadow:0 6px 16px rgba(0,0,0,.12)}.field{margin:8px 0}
.field input,.field select{padding:8px;border:1px solid #b0b0b0;border-radius:8px}
ul.amen{columns:2}footer{color:#717171;text-align:center;padding:30px}
"""


def e(text: Any) -> str:
    return escape(str(text))


def money(n: int | float) -> str:
    return f"${n:,.0f}"


def page(base: str, title: str, body: str, *, pill: str | None = None,
         notice: str | None = None) -> str:
    """The frame of every page; `pill` is the compact search summary (None on search pages)."""
    pill_html = (f'<a class="pill" href="{base}/" aria-label="Change search: {e(pill)}">'
                 f'{e(pill)}</a>' if pill else "")
    note = f'<p class="notice" role="status">{e(notice)}</p>' if notice else ""
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{e(title)} - StayNB</title><style>{CSS}</style></head><body>
<header class="top"><a class="logo" href="{base}/">StayNB</a>{pill_html}
<nav aria-label="Account"><a href="{base}/wishlists">Wishlists</a>
<a href="{base}/trips">Trips</a></nav></header>
<main>{note}{body}</main><footer>&copy; 2024 StayNB, Inc. (offline replica)</footer>
</body></html>"""


def pill_text(q: Query) -> str:
    return " · ".join([q.destination or "Anywhere", dates_label(q.start, q.end),
                       guests_label(q.guests)])


def error_box(error: str | None) -> str:
    return f'<p class="error" role="alert">{e(error)}</p>' if error else ""


def search_form(base: str, values: dict[str, str]) -> str:
    """The search bar: Where (with suggestions), Check in / Check out, Who, Search."""
    options = "".join(f'<option value="{e(s)}">' for s in SUGGESTIONS)
    lo, hi = TODAY.isoformat(), LAST_DAY.isoformat()
    hints = {"Adults": "Ages 13 or above", "Children": "Ages 2–12", "Infants": "Under 2",
             "Pets": "Service animals welcome"}
    who = "".join(
        f'<div><label for="g-{k.lower()}">{k}</label><input type="number" id="g-{k.lower()}" '
        f'name="{k.lower()}" min="0" max="{GUEST_LIMITS[k]}" step="1" '
        f'value="{e(values.get(k.lower(), "0"))}" aria-describedby="h-{k.lower()}">'
        f'<span class="hint" id="h-{k.lower()}">{hints[k]}</span></div>' for k in GUEST_KEYS)
    return f"""<form class="searchbar" role="search" aria-label="Search stays" method="post"
action="{base}/search"><div><label for="where">Where</label>
<input type="text" id="where" name="where" list="where-options" autocomplete="off"
placeholder="Search destinations" value="{e(values.get('where', ''))}"></div>
<datalist id="where-options">{options}</datalist>
<div><label for="checkin">Check in</label><input type="date" id="checkin" name="checkin"
min="{lo}" max="{hi}" value="{e(values.get('checkin', ''))}"></div>
<div><label for="checkout">Check out</label><input type="date" id="checkout" name="checkout"
min="{lo}" max="{hi}" value="{e(values.get('checkout', ''))}"></div>
<fieldset class="who"><legend>Who</legend>{who}</fieldset>
<button class="primary" type="submit">Search</button></form>"""


def form_values(q: Query) -> dict[str, str]:
    """The search bar prefilled with the applied search."""
    vals = {"where": q.destination or "",
            "checkin": q.start.isoformat() if q.start else "",
            "checkout": q.end.isoformat() if q.end else ""}
    vals.update({k.lower(): str(v) for k, v in q.guests.items()})
    return vals


def home(base: str, values: dict[str, str], error: str | None, popular: list[dict]) -> str:
    items = "".join(
        f'<li><a href="{base}/?where={quote(s)}">{e(s)}</a>'
        + (f' <span class="muted">{e(SUGGESTION_NOTES[s])}</span>' if s in SUGGESTION_NOTES
           else "") + "</li>" for s in SUGGESTIONS)
    cards = "".join(stay_card(base, s, None) for s in popular)
    return (f'<h1>Find your next stay</h1>{error_box(error)}{search_form(base, values)}'
            f'<section aria-labelledby="sugg"><h2 id="sugg">Suggested destinations</h2>'
            f'<p class="muted">Choose one to fill in Where.</p><ul class="suggest">{items}</ul>'
            f'</section><section aria-labelledby="pop"><h2 id="pop">Guest favorites</h2>'
            f'<ul class="stays">{cards}</ul></section>')


def rooms_line(s: dict[str, Any]) -> str:
    r = s["rooms"]

    def n(k: int, word: str) -> str:
        return f"{k} {word}{'' if k == 1 else 's'}"
    return (f'{n(s["maxGuests"], "guest")} · {n(r["bedrooms"], "bedroom")} · '
            f'{n(r["beds"], "bed")} · {n(r["bathrooms"], "bath")}')


def stay_card(base: str, s: dict[str, Any], nights: int | None, saved: bool = False) -> str:
    total = (f' · <span>{money(s["price"] * nights)} total</span>' if nights else "")
    heart = ("♥ Saved" if saved else "♡ Save")
    return (f'<li><a class="stitle" href="{base}/rooms/{s["id"]}">{e(s["title"])}</a>'
            f'<div class="muted">{e(s["type"])} in {e(s["city"])}, {e(s["country"])}</div>'
            f'<div>{rooms_line(s)}</div>'
            f'<div>★ {s["rating"]:.2f} ({s["reviews"]} reviews)</div>'
            f'<div><strong>{money(s["price"])}</strong> night{total}</div>'
            f'<a href="{base}/rooms/{s["id"]}/save" aria-label="Save {e(s["title"])} to a '
            f'wishlist">{heart}</a></li>')


def filters_summary(f: dict[str, Any]) -> str:
    parts = list(f.get("amenities") or [])
    for k in ROOM_KEYS:
        if f.get(k):
            parts.append(f"{f[k]}+ {k}")
    if f.get("minPrice") is not None:
        parts.append(f"from {money(f['minPrice'])}")
    if f.get("maxPrice") is not None:
        parts.append(f"up to {money(f['maxPrice'])}")
    return ", ".join(parts)


def filter_count(f: dict[str, Any]) -> int:
    return (len(f.get("amenities") or []) + sum(1 for k in ROOM_KEYS if f.get(k))
            + (f.get("minPrice") is not None) + (f.get("maxPrice") is not None))


def results(base: str, q: Query, found: list[dict], saved_ids: set[str],
            error: str | None = None) -> str:
    where = q.destination or "all destinations"
    n = len(found)
    head = f'{n} place{"" if n == 1 else "s"} in {e(where)}'
    summary = f'{dates_label(q.start, q.end)} · {guests_label(q.guests)}'
    count = filter_count(q.filters)
    label = f"Filters ({count})" if count else "Filters"
    applied = filters_summary(q.filters)
    applied_html = (f'<span class="muted">Filters applied: {e(applied)}</span>' if applied
                    else "")
    nights = q.nights if q.start else None
    cards = "".join(stay_card(base, s, nights, s["id"] in saved_ids) for s in found)
    empty = ("" if found else "<p>No exact matches. Try changing or removing some of your "
             "filters or adjusting your search area.</p>")
    return (f'{error_box(error)}{search_form(base, form_values(q))}<h1>{head}</h1>'
            f'<p>{e(summary)}</p><div class="toolbar"><a class="pill" href="{base}/s/filters">'
            f'{label}</a>{applied_html}</div>{empty}<ul class="stays">{cards}</ul>')


def filters(base: str, f: dict[str, Any], error: str | None = None) -> str:
    chosen = set(f.get("amenities") or [])
    boxes = "".join(
        f'<li><input type="checkbox" id="am-{i}" name="amenity" value="{e(a)}"'
        f'{" checked" if a in chosen else ""}><label for="am-{i}">{e(a)}</label></li>'
        for i, a in enumerate(AMENITIES))

    def select(key: str) -> str:
        cur = int(f.get(key) or 0)
        opts = "".join(
            f'<option value="{v}"{" selected" if v == cur else ""}>'
            f'{"Any" if v == 0 else (f"{v}+" if v == ROOM_MAX else v)}</option>'
            for v in range(ROOM_MAX + 1))
        return (f'<div class="field"><label for="f-{key}">{key.capitalize()}</label>'
                f'<select id="f-{key}" name="{key}">{opts}</select></div>')

    def price(name: str, label: str, key: str) -> str:
        val = "" if f.get(key) is None else str(f[key])
        return (f'<div class="field"><label for="{name}">{label}</label><input type="number" '
                f'id="{name}" name="{name}" min="0" step="1" value="{val}"></div>')

    return (f'<h1>Filters</h1>{error_box(error)}<form method="post" action="{base}/s/filters">'
            f'<fieldset><legend>Price range (per night)</legend>'
            f'{price("min_price", "Minimum price", "minPrice")}'
            f'{price("max_price", "Maximum price", "maxPrice")}</fieldset>'
            f'<fieldset><legend>Rooms and beds</legend>'
            f'{"".join(select(k) for k in ROOM_KEYS)}</fieldset>'
            f'<fieldset><legend>Amenities</legend><ul class="amen">{boxes}</ul></fieldset>'
            f'<div class="toolbar"><a href="{base}/s/filters?clear=1">Clear all</a>'
            f'<a href="{base}/s">Cancel</a>'
            f'<button class="primary" type="submit">Show places</button></div></form>')
