"""Server-rendered OpenDining pages: plain HTML forms and links, no scripts. Every control
has a real label or its own text, so the accessibility tree names it."""

from __future__ import annotations

from datetime import date
from html import escape
from typing import Any
from urllib.parse import urlencode

from halo_cli.sites.kit import shell
from halo_cli.sites.opendining import store as C

CSS = """
*{box-sizing:border-box}
body{margin:0;font-family:Helvetica,Arial,sans-serif;font-size:15px;color:#2d333f;background:#f7f7f7}
a{color:#da3743}
header{display:flex;align-items:center;gap:24px;background:#fff;padding:12px 24px;
border-bottom:1px solid #ddd}
header .logo{font-size:24px;font-weight:bold;color:#da3743;text-decoration:none}
header nav a{margin-right:16px;color:#2d333f}
main{max-width:1100px;margin:0 auto;padding:16px 24px}
.hero{background:#fff;padding:16px;border-radius:8px;margin-bottom:16px}
form.widget{display:flex;flex-wrap:wrap;gap:12px;align-items:flex-end}
form.widget label{display:block;font-size:12px;font-weight:bold;margin-bottom:2px}
form.widget input,form.widget select{padding:8px;font-size:15px}
button{background:#da3743;color:#fff;border:0;border-radius:4px;padding:9px 16px;
font-size:15px;cursor:pointer}
.cards{list-style:none;padding:0;display:grid;grid-template-columns:repeat(3,1fr);gap:12px}
.cards li,.result,.card{background:#fff;border-radius:8px;padding:12px}
.result{margin-bottom:10px}
.meta{color:#6f737b;font-size:13px}
.stars{color:#da3743;font-weight:bold}
ul.slots{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:8px}
ul.slots a{display:inline-block;background:#da3743;color:#fff;padding:6px 12px;
border-radius:4px;text-decoration:none}
.notice{background:#fff8e1;border:1px solid #e0b000;padding:10px;border-radius:6px}
.ok{background:#edf7ed;border:1px solid #2e7d32;padding:10px;border-radius:6px}
.error{background:#fdecea;border:1px solid #c62828;padding:10px;border-radius:6px}
fieldset{border:1px solid #ddd;border-radius:6px;margin-bottom:12px}
fieldset label,.field label{display:block;margin:8px 0 2px}
fieldset input,.field select,.field textarea{width:320px;padding:6px}
"""


def page(base: str, title: str, body: str) -> str:
    header = f"""<header><a class="logo" href="{base}/">OpenDining</a><nav aria-label="Account">
<a href="{base}/reservations">My reservations</a><a href="{base}/notifications">Notifications</a>
</nav><span class="meta">San Francisco Bay Area</span></header>"""
    return shell(title=title, site="OpenDining", css=CSS, header=header, body=body)


def _time_options(selected: int) -> str:
    return "".join(f'<option value="{C.value_time(t)}"{" selected" if t == selected else ""}>'
                   f'{C.label_time(t)}</option>' for t in C.TIMES)


def _party_options(selected: int) -> str:
    return "".join(f'<option value="{n}"{" selected" if n == selected else ""}>{C.guests(n)}'
                   f'</option>' for n in range(1, C.MAX_PARTY + 1))


def _party_select(party: int) -> str:
    return (f'<div><label for="party">Party size</label><select id="party" name="party">'
            f'{_party_options(party)}</select></div>')


def _date_input(d: date) -> str:
    return (f'<input type="date" id="date" name="date" value="{d.isoformat()}" '
            f'min="{C.TODAY.isoformat()}" max="{C.last_date().isoformat()}">')


def widget(base: str, d: date, t: int, party: int, query: str = "") -> str:
    """The search bar: date, time, party size and free text."""
    return f"""<form class="widget" role="search" method="get" action="{base}/search">
<div><label for="date">Date</label>{_date_input(d)}</div>
<div><label for="time">Time</label><select id="time" name="time">{_time_options(t)}</select></div>
{_party_select(party)}
<div><label for="q">Location, Restaurant, or Cuisine</label>
<input type="search" id="q" name="q" value="{escape(query)}" size="32"></div>
<button type="submit">Let's go</button></form>"""


def _when(d: date, t: int, party: int) -> dict[str, str]:
    return {"date": d.isoformat(), "time": C.value_time(t), "party": str(party)}


def rest_url(base: str, r: dict[str, Any], d: date, t: int, party: int) -> str:
    return f"{base}/restaurant/{r['id']}?{urlencode(_when(d, t, party))}"


def book_url(base: str, r: dict[str, Any], d: date, t: int, party: int) -> str:
    return f"{base}/book?{urlencode({'rid': r['id'], **_when(d, t, party)})}"


def rating(r: dict[str, Any]) -> str:
    return (f'<span class="stars">{r["rating"]:.1f} stars</span> '
            f'<span class="meta">({r["reviews"]:,} reviews)</span>')


def meta(r: dict[str, Any]) -> str:
    return (f'<span class="meta">{escape(r["food_type"])} · {escape(r["price"])} · '
            f'{escape(r["neighborhood"])}</span>')


def _card(base: str, r: dict[str, Any], d: date, t: int, party: int) -> str:
    return (f'<li><a href="{rest_url(base, r, d, t, party)}">{escape(r["name"])}</a><br>'
            f'{meta(r)}<br>{rating(r)}</li>')


def _section(base: str, title: str, items: list[dict[str, Any]], d: date, t: int,
             party: int) -> str:
    cards = "".join(_card(base, r, d, t, party) for r in items)
    return (f'<section aria-label="{escape(title)}"><h2>{escape(title)}</h2>'
            f'<ul class="cards">{cards}</ul></section>')


def home(base: str, d: date, t: int, party: int) -> str:
    return (f'<div class="hero"><h1>Find your table for any occasion</h1>'
            f'{widget(base, d, t, party)}</div>'
            + _section(base, "Top rated: people are talking about", C.top_rated(), d, t, party)
            + _section(base, "Available for lunch now", C.lunch_now(), d, t, party)
            + _section(base, "Popular in Embarcadero", C.in_neighborhood("Embarcadero"),
                       d, t, party))


def _slot_list(base: str, r: dict[str, Any], d: date, party: int, slots: list[int],
               named: bool) -> str:
    items = []
    for s in slots:
        label = f' aria-label="{C.label_time(s)} at {escape(r["name"])}"' if named else ""
        items.append(f'<li><a href="{book_url(base, r, d, s, party)}"{label}>'
                     f'{C.label_time(s)}</a></li>')
    return f'<ul class="slots">{"".join(items)}</ul>'


def results(base: str, found: list[dict[str, Any]], d: date, t: int, party: int,
            query: str) -> str:
    rows = []
    for r in found:
        slots = C.near_slots(r, party, t, count=3)
        times = (_slot_list(base, r, d, party, slots, named=True) if slots else
                 f'<p class="meta">No online availability for {C.guests(party)}.</p>')
        rows.append(f'<div class="result"><h2><a href="{rest_url(base, r, d, t, party)}">'
                    f'{escape(r["name"])}</a></h2>{meta(r)}<br>{rating(r)}{times}</div>')
    what = f' matching "{escape(query)}"' if query.strip() else ""
    heading = (f'{len(found)} restaurant{"s" if len(found) != 1 else ""}{what} · '
               f'{C.long_date(d)}, {C.label_time(t)}, {C.guests(party)}')
    listing = "".join(rows) or "<p>No restaurants match your search. Try another cuisine or area.</p>"
    return (f'<div class="hero">{widget(base, d, t, party, query)}</div><h1>{heading}</h1>'
            f'{listing}')


def restaurant(base: str, r: dict[str, Any], d: date, t: int, party: int) -> str:
    slots = C.near_slots(r, party, t)
    when = f"{C.long_date(d)} for {C.guests(party)}"
    if party > r["maxParty"]:
        avail = (f'<p class="notice" role="status">Online booking at {escape(r["name"])} is '
                 f'available for parties of up to {r["maxParty"]}. Call the restaurant for larger '
                 f'groups.</p>')
    else:
        avail = f'<h3>Available times near {C.label_time(t)} on {when}</h3>'
        avail += _slot_list(base, r, d, party, slots, named=False)
        if t not in slots and C.is_open_at(r, t):
            hidden = "".join(f'<input type="hidden" name="{k}" value="{escape(v)}">'
                             for k, v in {"rid": r["id"], **_when(d, t, party)}.items())
            avail += (f'<div class="notice"><p role="status">{C.label_time(t)} is fully booked '
                      f'on {when}.</p><form method="post" action="{base}/notify">{hidden}'
                      f'<button type="submit">Notify me</button> <span class="meta">if a table '
                      f'at {C.label_time(t)} opens up</span></form></div>')
        elif not C.is_open_at(r, t):
            avail += (f'<p class="notice" role="status">{escape(r["name"])} does not seat '
                      f'guests at {C.label_time(t)}. Hours: {C.hours_text(r)}.</p>')
    menu = "".join(f'<li>{escape(m["name"])}: ${m["price"]}</li>' for m in r["menu"])
    return f"""<article class="card"><h1>{escape(r['name'])}</h1><p>{meta(r)}</p>
<p>{rating(r)}</p><p>{escape(r['description'])}</p>
<p class="meta">{escape(r['address'])} · Hours: {C.hours_text(r)}</p></article>
<section class="card" aria-labelledby="reserve"><h2 id="reserve">Make a reservation</h2>
<form class="widget" method="get" action="{base}/restaurant/{r['id']}">
{_party_select(party)}
<div><label for="date">Date</label>{_date_input(d)}</div>
<div><label for="time">Time</label><select id="time" name="time">{_time_options(t)}</select></div>
<button type="submit">Find a time</button></form>{avail}</section>
<section class="card" aria-labelledby="menu"><h2 id="menu">Menu</h2><ul>{menu}</ul></section>"""


def _field(fid: str, label: str, value: str, kind: str = "text", ac: str = "") -> str:
    auto = f' autocomplete="{ac}"' if ac else ""
    return (f'<label for="{fid}">{label}</label><input type="{kind}" id="{fid}" name="{fid}" '
            f'value="{escape(value)}"{auto}>')


def booking_form(base: str, r: dict[str, Any], d: date, t: int, party: int,
                 values: dict[str, str], error: str = "") -> str:
    hidden = "".join(f'<input type="hidden" name="{k}" value="{escape(v)}">'
                     for k, v in {"rid": r["id"], **_when(d, t, party)}.items())
    occ = values.get("occasion", "")
    opts = '<option value="">None</option>' + "".join(
        f'<option value="{o}"{" selected" if o == occ else ""}>{o}</option>' for o in C.OCCASIONS)
    err = f'<p class="error" role="alert">{escape(error)}</p>' if error else ""
    request = values.get("specialRequest", "")
    return f"""<h1>You're almost done!</h1>{err}
<div class="card"><h2>{escape(r['name'])}</h2><p>{meta(r)}</p>
<p>{C.long_date(d)} · {C.label_time(t)} · {C.guests(party)}</p></div>
<form class="card" method="post" action="{base}/book">{hidden}
<fieldset><legend>Diner details</legend>
{_field("firstName", "First name", values.get("firstName", ""), ac="given-name")}
{_field("lastName", "Last name", values.get("lastName", ""), ac="family-name")}
{_field("tel", "Phone number", values.get("tel", ""), "tel", "tel")}
{_field("email", "Email", values.get("email", ""), "email", "email")}</fieldset>
<div class="field"><label for="occasion">Occasion (optional)</label>
<select id="occasion" name="occasion">{opts}</select></div>
<div class="field"><label for="specialRequest">Special request (optional)</label>
<textarea id="specialRequest" name="specialRequest" rows="3">{escape(request)}</textarea></div>
<p><button type="submit">Complete reservation</button></p></form>"""


def _reservation_text(det: dict[str, Any]) -> str:
    d = C.parse_date(det["date"]) or C.TODAY
    occ = det["optionals"].get("occasion") or "none"
    return (f'<p><b>{escape(det["restaurant"]["name"])}</b>, {C.long_date(d)} at '
            f'{escape(det["time"])}, {escape(det["guests"])}. Occasion: {escape(occ)}.</p>'
            f'<p class="meta">Under {escape(det["firstName"])} {escape(det["lastName"])} · '
            f'{escape(det["tel"])} · {escape(det["email"])}</p>')


def confirmation(base: str, number: int, det: dict[str, Any]) -> str:
    return (f'<div class="ok" role="status"><h1>Reservation confirmed</h1>'
            f'<p>Confirmation number OD-{7000 + number}</p>{_reservation_text(det)}</div>'
            f'<p><a href="{base}/reservations">See all my reservations</a> · '
            f'<a href="{base}/">Book another table</a></p>')


def reservations(details: list[dict[str, Any]]) -> str:
    if not details:
        return "<h1>My reservations</h1><p>You have no upcoming reservations.</p>"
    items = "".join(f'<li class="card">Confirmation number OD-{7001 + i}'
                    f'{_reservation_text(det)}</li>' for i, det in enumerate(details))
    return f'<h1>My reservations</h1><ul style="list-style:none;padding:0">{items}</ul>'


def notifications(notes: list[dict[str, Any]], added: bool) -> str:
    done = ('<p class="ok" role="status">You\'re on the notify list. We\'ll let you know if a '
            'table opens up.</p>') if added else ""
    if not notes:
        return f"<h1>Notifications</h1>{done}<p>You have no availability alerts.</p>"
    items = "".join(
        f'<li>{escape(n["restaurantName"])}: {escape(n["time"])} on '
        f'{C.long_date(C.parse_date(n["date"]) or C.TODAY)}, {escape(n["guests"])}</li>'
        for n in notes)
    return f"<h1>Notifications</h1>{done}<h2>Availability alerts</h2><ul>{items}</ul>"

