"""StayNB's home page (the search bar, suggested destinations, guest favourites), search
results and the Filters page."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from halo_cli.sites.staynb.store.search import (
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
from halo_cli.sites.staynb.views.layout import e, error_box, money, rooms_line


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
