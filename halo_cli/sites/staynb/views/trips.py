"""StayNB's Confirm and pay, Trips and Wishlists pages."""

from __future__ import annotations

from typing import Any

from halo_cli.sites.staynb.store.search import dates_label, parse_iso
from halo_cli.sites.staynb.views.layout import e, error_box, money


def _trip_lines(b: dict[str, Any]) -> str:
    start, end = parse_iso(b["checkIn"]), parse_iso(b["checkOut"])
    nights = f'{b["nights"]} night{"" if b["nights"] == 1 else "s"}'
    return (f'<p>{e(b["stay"]["title"])} · {e(b["stay"]["city"])}, {e(b["stay"]["country"])}'
            f'</p><p>{dates_label(start, end)} · {b["guests"]} guest'
            f'{"" if b["guests"] == 1 else "s"}</p>'
            f'<table><tr><td>{money(b["nightly"])} x {nights}</td><td>{money(b["base"])}</td>'
            f'</tr><tr><td>Cleaning fee</td><td>{money(b["cleaning"])}</td></tr>'
            f'<tr><td>Service fee</td><td>{money(b["service"])}</td></tr>'
            f'<tr><th>Total (USD)</th><th>{money(b["total"])}</th></tr></table>')


def book(base: str, b: dict[str, Any], errors: dict[str, str], values: dict[str, str],
         error: str | None = None) -> str:
    def field(name: str, key: str, label: str, hint: str) -> str:
        msg = errors.get(key) or ""
        err = f'<span class="error" id="err-{name}">{e(msg)}</span>' if msg else ""
        desc = f' aria-describedby="err-{name}" aria-invalid="true"' if msg else ""
        return (f'<div class="field"><label for="{name}">{label}</label><input type="text" '
                f'id="{name}" name="{name}" placeholder="{hint}" value="{e(values.get(name, ""))}"'
                f'{desc}>{err}</div>')

    return (f'<h1>Confirm and pay</h1>{error_box(error)}<div class="grid2"><section>'
            f'<h2>Pay with card</h2><form method="post" action="{base}/book">'
            f'{field("card_number", "cardNumber", "Card number", "1234 5678 9012 3456")}'
            f'{field("expiration", "expiration", "Expiration", "MM/YY")}'
            f'{field("cvv", "cvv", "CVV", "123")}{field("zipcode", "zipcode", "ZIP code", "")}'
            f'<button class="primary" type="submit">Confirm and pay</button></form>'
            f'<p><a href="{base}/rooms/{b["stay"]["id"]}">Back to listing</a></p></section>'
            f'<aside class="card" aria-label="Price details">{_trip_lines(b)}</aside></div>')


def trips(base: str, booked: list[dict[str, Any]]) -> str:
    if not booked:
        return ('<h1>Trips</h1><p>No trips booked... yet! Time to dust off your bags and '
                f'start planning your next adventure.</p><a class="primary" href="{base}/">'
                'Start searching</a>')
    rows = "".join(f'<li class="card"><h2>Reservation {e(b["confirmationCode"])}: '
                   f'{e(b["status"])}</h2>{_trip_lines(b)}</li>' for b in reversed(booked))
    return f'<h1>Trips</h1><ul class="stays">{rows}</ul>'


def wishlists(base: str, lists: list[dict[str, Any]]) -> str:
    if not lists:
        return ('<h1>Wishlists</h1><p>Create your first wishlist: as you search, tap the '
                'heart on a place you like.</p>')
    rows = "".join(f'<li><a href="{base}/wishlists/{e(w["id"])}">{e(w["name"])}</a> '
                   f'<span class="muted">{len(w["stays"])} saved</span></li>' for w in lists)
    return f'<h1>Wishlists</h1><ul>{rows}</ul>'


def wishlist(base: str, w: dict[str, Any]) -> str:
    rows = "".join(f'<li><a class="stitle" href="{base}/rooms/{e(s["id"])}">{e(s["title"])}'
                   f'</a> <span class="muted">{e(s["city"])}, {e(s["country"])} · '
                   f'{money(s["price"])} night</span></li>' for s in w["stays"])
    body = f'<ul>{rows}</ul>' if rows else '<p>Nothing saved yet.</p>'
    return f'<h1>{e(w["name"])}</h1>{body}<p><a href="{base}/wishlists">All wishlists</a></p>'
