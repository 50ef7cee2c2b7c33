"""Server-rendered MarriSuite pages: plain HTML forms, no scripts, real labels."""

from __future__ import annotations

from html import escape
from typing import Any
from urllib.parse import urlencode

from halo_cli.sites.kit import shell
from halo_cli.sites.marrisuite import store as H

CSS = """
*{box-sizing:border-box}body{margin:0;font-family:Georgia,serif;font-size:15px;color:#1c1c1c;
background:#f4f1ec}a{color:#1c1c1c}header{display:flex;gap:24px;align-items:center;
background:#1c1c1c;color:#fff;padding:14px 28px}header a{color:#fff;text-decoration:none}
.logo{font-size:23px;letter-spacing:2px}main{max-width:980px;margin:0 auto;padding:20px}
.card{background:#fff;border-radius:8px;padding:16px 20px;margin-bottom:14px}
.row{display:flex;flex-wrap:wrap;gap:14px;align-items:flex-end}label{display:block;
font-weight:bold;margin-bottom:4px}input[type=text],select{padding:8px;border:1px solid #aaa;
border-radius:4px;font-size:15px}button,a.btn{background:#1c1c1c;color:#fff;border:0;
border-radius:20px;padding:9px 18px;cursor:pointer;font-size:15px;text-decoration:none}
.muted{color:#666;font-size:13px}.price{font-size:18px;font-weight:bold}.error{background:#fdecea;
border:1px solid #b71c1c;padding:10px;border-radius:6px;margin-bottom:12px}.soldout{color:#b71c1c}
ul.plain{list-style:none;padding:0;margin:0}ul.plain>li{background:#fff;border-radius:8px;
padding:14px 18px;margin-bottom:10px;display:flex;justify-content:space-between;gap:12px}
"""


def page(base: str, title: str, body: str, error: str = "") -> str:
    header = (f'<header><a class="logo" href="{base}/">MARRISUITE</a><nav aria-label="Main">'
              f'<a href="{base}/">Find &amp; Reserve</a> <a href="{base}/reservations">My Trips'
              f'</a></nav></header>')
    return shell(title=title, site="MarriSuite", css=CSS, header=header, body=body,
                 error=escape(error))


def _select(name: str, text: str, options: list[tuple[str, str]], current: str) -> str:
    opts = "".join(f'<option value="{escape(v)}"{" selected" if v == current else ""}>'
                   f'{escape(lab)}</option>' for v, lab in options)
    return (f'<div><label for="{name}">{escape(text)}</label>'
            f'<select id="{name}" name="{name}">{opts}</select></div>')


def search_form(base: str, s: dict[str, Any], destination: str = "") -> str:
    days = [(d.isoformat(), H.label(d)) for d in H.dates()]
    nums = [(str(n), str(n)) for n in range(1, H.MAX_ROOMS + 1)]
    return (f'<form method="get" action="{base}/search" role="search" class="row">'
            f'<div><label for="destination">Destination</label><input type="text" '
            f'id="destination" name="destination" value="{escape(destination)}" '
            f'placeholder="Where can we take you?"></div>'
            f'{_select("checkIn", "Check-in", days, s["checkIn"])}'
            f'{_select("checkOut", "Check-out", days, s["checkOut"])}'
            f'{_select("rooms", "Rooms", nums, str(s["rooms"]))}'
            f'{_select("adults", "Adults per room", nums, str(s["adults"]))}'
            f'<div><button type="submit">Find Hotels</button></div></form>')


def home(base: str, s: dict[str, Any], error: str = "", destination: str = "") -> str:
    picks = "".join(f'<li>{escape(c["name"])}</li>' for c in H.data()["cities"][:6])
    body = (f'<section class="card"><h1>Find and reserve your stay</h1>'
            f'{search_form(base, s, destination)}</section>'
            f'<section class="card"><h2>Popular destinations</h2><ul>{picks}</ul></section>')
    return page(base, "Find & Reserve", body, error)


def stay_query(s: dict[str, Any]) -> dict[str, str]:
    return {"checkIn": s["checkIn"], "checkOut": s["checkOut"], "rooms": str(s["rooms"]),
            "adults": str(s["adults"])}


def results(base: str, s: dict[str, Any], typed: str, found: bool) -> str:
    nights = len(H.nights(H.parse_day(s["checkIn"]), H.parse_day(s["checkOut"])))
    stay = stay_query(s)
    if not found:
        sug = "".join(f'<li><a href="{base}/search?{urlencode({"destination": n, **stay})}">'
                      f'{escape(n)}</a></li>' for n in H.suggestions(typed))
        hint = f"<p>Did you mean:</p><ul>{sug}</ul>" if sug else ""
        body = (f'<section class="card">{search_form(base, s, typed)}</section>'
                f'<section class="card"><h1>We couldn’t find “{escape(typed)}”</h1>'
                f'<p>Try a city name.</p>{hint}</section>')
        return page(base, "No destination found", body)
    keep = "".join(f'<input type="hidden" name="{k}" value="{escape(v)}">'
                   for k, v in {"destination": s["destination"], **stay}.items())
    sorts = _select("sort", "Sort by", list(H.SORTS.items()), s["sortBy"])
    avail = " checked" if s["availableOnly"] else ""
    tools = (f'<form method="get" action="{base}/search" class="row" aria-label="Filters">'
             f'{keep}{sorts}<div><label><input type="checkbox" name="available" value="1"'
             f'{avail}> Available hotels only</label></div><div><button type="submit">Apply'
             f'</button></div></form>')
    items = ""
    for r in s["results"]:
        link = f'{base}/hotels/{r["id"]}?{urlencode(stay)}'
        status = ('<span>Available</span>' if r["available"] else
                  '<span class="soldout">Sold out for your dates</span>')
        items += (f'<li><div><h3><a href="{link}">{escape(r["name"])}</a></h3>'
                  f'<div class="muted">{escape(r["address"])} · {r["distanceMiles"]} miles '
                  f'from destination · {r["rating"]} guest rating</div>{status}</div>'
                  f'<div><div class="price">From ${r["pricePerNight"]}</div>'
                  f'<div class="muted">per night</div></div></li>')
    summary = (f'{escape(H.label(H.parse_day(s["checkIn"])))} – '
               f'{escape(H.label(H.parse_day(s["checkOut"])))} · {nights} night'
               f'{"s" if nights > 1 else ""} · {escape(s["roomsGuests"])}')
    body = (f'<section class="card">{search_form(base, s, s["destination"])}</section>'
            f'<section class="card"><h1>Hotels near {escape(s["destination"])}</h1>'
            f'<p>{summary}</p><p role="status">Showing {len(s["results"])} hotels</p>'
            f'{tools}</section><ul class="plain" aria-label="Hotels">{items}</ul>')
    return page(base, f"Hotels near {s['destination']}", body)


def hotel_page(base: str, h: dict[str, Any], stay: dict[str, str], free: bool) -> str:
    rows = ""
    for room in H.data()["rooms"]:
        rate = h["fromPrice"] + room["extra"]
        q = urlencode({"hotel": h["id"], "room": room["code"], **stay})
        act = (f'<a class="btn" href="{base}/reserve?{q}" aria-label="Select {escape(room["name"])}'
               f', ${rate} per night">Select</a>' if free else
               '<span class="soldout">Sold out</span>')
        rows += (f'<li><div><h3>{escape(room["name"])}</h3><div class="muted">Flexible rate, '
                 f'free cancellation</div></div><div><div class="price">${rate}</div>'
                 f'<div class="muted">per night</div>{act}</div></li>')
    back = f'{base}/search?' + urlencode({"destination": h["city"], **stay})
    body = (f'<section class="card"><h1>{escape(h["name"])}</h1><p>{escape(h["address"])}</p>'
            f'<p>{h["rating"]} guest rating · {escape(h["brand"])}</p>'
            f'<p>{escape(stay["checkIn"])} to {escape(stay["checkOut"])}</p>'
            f'<p><a href="{back}">Back to results</a></p></section>'
            f'<h2>Rooms and rates</h2><ul class="plain" aria-label="Rooms">{rows}</ul>')
    return page(base, h["name"], body)


def reserve_page(base: str, h: dict, room: dict, stay: dict[str, str], user: dict,
                 total: int, error: str = "") -> str:
    hidden = "".join(f'<input type="hidden" name="{k}" value="{escape(v)}">'
                     for k, v in {"hotel": h["id"], "room": room["code"], **stay}.items())
    body = (f'<section class="card"><h1>Review your stay</h1><p>{escape(h["name"])} · '
            f'{escape(room["name"])}</p><p>{escape(stay["checkIn"])} to '
            f'{escape(stay["checkOut"])}</p><p class="price">Total ${total}</p>'
            f'<form method="post" action="{base}/reserve">{hidden}'
            f'<div><label for="guest">Guest name</label><input type="text" id="guest" '
            f'name="guest" value="{escape(user["name"])}"></div>'
            f'<div><label for="email">Email</label><input type="text" id="email" name="email"'
            f' value="{escape(user["email"])}"></div><p><button type="submit">Book Now'
            f'</button></p></form></section>')
    return page(base, "Review your stay", body, error)


def confirmation(base: str, r: dict[str, Any]) -> str:
    body = (f'<section class="card"><h1>{escape(r["status"])}</h1>'
            f'<p>Confirmation number {escape(r["confirmationNumber"])}</p>'
            f'<p>{escape(r["hotelName"])} · {escape(r["roomName"])}</p>'
            f'<p>{escape(r["checkIn"])} to {escape(r["checkOut"])} · Total ${r["total"]}</p>'
            f'<p><a href="{base}/reservations">My Trips</a></p></section>')
    return page(base, "Reservation", body)


def reservations(base: str, rs: list[dict[str, Any]]) -> str:
    items = "".join(f'<li><a href="{base}/confirmation/{i}">{escape(r["hotelName"])}</a> · '
                    f'{escape(r["checkIn"])} to {escape(r["checkOut"])}</li>'
                    for i, r in enumerate(rs))
    body = (f'<section class="card"><h1>My Trips</h1>'
            f'{f"<ul>{items}</ul>" if items else "<p>No upcoming trips.</p>"}</section>')
    return page(base, "My Trips", body)
