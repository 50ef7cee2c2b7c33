"""Server-rendered UDriver pages: plain HTML forms, no scripts. Every control has a real
label or a button name, so the accessibility tree shows what a rider sees."""

from __future__ import annotations

from html import escape
from typing import Any

from halo_cli.sites.kit import shell
from halo_cli.sites.udriver import store

CSS = """
*{box-sizing:border-box}body{margin:0;font-family:Helvetica,Arial,sans-serif;font-size:15px;
color:#111;background:#f6f6f6}a{color:#111}header{display:flex;align-items:center;gap:22px;
background:#000;color:#fff;padding:12px 24px}header a{color:#fff;text-decoration:none}
.logo{font-size:22px;font-weight:bold}nav{display:flex;gap:18px}main{max-width:880px;
margin:0 auto;padding:20px}.card{background:#fff;border-radius:10px;padding:16px 20px;
margin-bottom:14px}label{display:block;font-weight:bold;margin:10px 0 4px}
input[type=text],select{padding:9px;width:100%;max-width:420px;border:1px solid #bbb;
border-radius:6px;font-size:15px}button{background:#000;color:#fff;border:0;border-radius:6px;
padding:9px 16px;cursor:pointer;font-size:15px;margin-top:8px}button.alt{background:#eee;
color:#111}ul.plain{list-style:none;padding:0;margin:0}ul.plain li{padding:8px 0;
border-bottom:1px solid #eee}.muted{color:#666;font-size:13px}.price{font-weight:bold;
font-size:17px}.error{background:#fdecea;border:1px solid #c62828;padding:10px;
border-radius:6px;margin-bottom:12px}.notice{background:#e8f5e9;border:1px solid #2e7d32;
padding:10px;border-radius:6px;margin-bottom:12px}.opt{display:flex;justify-content:space-between;
align-items:center}.sel{outline:2px solid #000}table{width:100%;border-collapse:collapse}
td,th{text-align:left;padding:6px;border-bottom:1px solid #eee}s{color:#888}
"""


def money(x: float) -> str:
    return f"-${-x:,.2f}" if x < 0 else f"${x:,.2f}"


def page(base: str, title: str, body: str, *, notice: str = "", error: str = "") -> str:
    """A whole page: the header (logo, main navigation), then the notice or error and `body`."""
    links = [("/", "Ride"), ("/trips", "Trips"), ("/wallet", "Wallet"), ("/payment", "Payment")]
    nav = "".join(f'<a href="{base}{p}">{t}</a>' for p, t in links)
    header = (f'<header><a class="logo" href="{base}/">UDriver</a>'
              f'<nav aria-label="Main">{nav}</nav></header>')
    return shell(title=title, site="UDriver", css=CSS, header=header, body=body,
                 notice=escape(notice), error=escape(error))


def _place_line(loc: dict[str, Any]) -> str:
    return f'{escape(loc["name"])} <span class="muted">{escape(loc["address"])}</span>'


def _hidden(fields: dict[str, str]) -> str:
    return "".join(f'<input type="hidden" name="{k}" value="{escape(v)}">'
                   for k, v in fields.items())


def _suggestions(base: str, role: str, hits: list[dict], query: str, keep: dict) -> str:
    verb, heading = (("Pick up at", "Pickup suggestions") if role == "pickup"
                     else ("Drop off at", "Dropoff suggestions"))
    if not hits:
        return (f'<section class="card" aria-label="{heading}"><h2>{heading}</h2>'
                f'<p>No places match “{escape(query)}”.</p></section>')
    items = "".join(
        f'<li><form method="post" action="{base}/ride/location">'
        f'{_hidden({"role": role, "location_id": str(h["id"]), **keep})}'
        f'<button type="submit" class="alt" aria-label="{verb} {escape(h["name"])} '
        f'({escape(h["address"])})">{escape(h["name"])}</button> '
        f'<span class="muted">{escape(h["address"])}</span></form></li>' for h in hits)
    return (f'<section class="card" aria-label="{heading}"><h2>{heading}</h2>'
            f'<ul class="plain">{items}</ul></section>')


def _when_form(base: str, ride: dict[str, Any]) -> str:
    times = ["Now", *store.schedule_times()]
    cur_t = ride.get("pickupTime") or "Now"
    t_opts = "".join(f'<option value="{t}"{" selected" if t == cur_t else ""}>'
                     f'{"Now" if t == "Now" else t}</option>' for t in times)
    cur_d = ride.get("pickupDate") or store.mdy(store.TODAY)
    d_opts = "".join(f'<option value="{v}"{" selected" if v == cur_d else ""}>{lab}</option>'
                     for v, lab in store.schedule_dates())
    return (f'<form method="post" action="{base}/ride/prices">'
            f'<label for="pickup_date">Pickup date</label>'
            f'<select id="pickup_date" name="pickup_date">{d_opts}</select>'
            f'<label for="pickup_time">Pickup time</label>'
            f'<select id="pickup_time" name="pickup_time">{t_opts}</select>'
            f'<p class="muted">Choose “Now” to be picked up right away, or a time to schedule '
            f'the ride.</p><button type="submit">See prices</button></form>')


def home(base: str, state: dict[str, Any], q: dict[str, str], hits: dict[str, list],
         error: str = "") -> str:
    ride = state["ride"]
    pickup, dropoff = ride.get("pickupLocation"), ride.get("dropoffLocation")
    val = {"pickup": q["pickup"] or (pickup or {}).get("name", ""),
           "dropoff": q["dropoff"] or (dropoff or {}).get("name", "")}
    form = (f'<section class="card" aria-labelledby="h-ride"><h1 id="h-ride">Get a ride</h1>'
            f'<form method="get" action="{base}/" role="search">'
            f'<label for="pickup">Pickup location</label><input type="text" id="pickup" '
            f'name="pickup" value="{escape(val["pickup"])}" placeholder="Where from?">'
            f'<label for="dropoff">Dropoff location</label><input type="text" id="dropoff" '
            f'name="dropoff" value="{escape(val["dropoff"])}" placeholder="Where to?">'
            f'<div><button type="submit">Search</button></div></form></section>')
    lists = ""
    for role in ("pickup", "dropoff"):
        if role in hits:
            other = "dropoff" if role == "pickup" else "pickup"
            keep = {f"keep_{other}": q[other]} if other in hits else {}
            lists += _suggestions(base, role, hits[role], q[role], keep)
    chosen = ""
    if pickup or dropoff:
        rows = "".join(f'<p><strong>{lab}:</strong> {_place_line(loc)}</p>'
                       for lab, loc in (("Pickup", pickup), ("Dropoff", dropoff)) if loc)
        when = (_when_form(base, ride) if pickup and dropoff else
                '<p class="muted">Search for and choose both places to see prices.</p>')
        chosen = (f'<section class="card" aria-labelledby="h-trip"><h2 id="h-trip">Your trip'
                  f'</h2>{rows}{when}</section>')
    return page(base, "Get a ride", form + lists + chosen, error=error)


def options_page(base: str, state: dict[str, Any], opts: list[dict], error: str = "") -> str:
    ride = state["ride"]
    wallet = state["user"]["wallet"]
    sel = ride.get("selectedCar")
    now = ride.get("pickupTime") == "Now"
    when = ("Pickup now" if now else
            f"Scheduled pickup {escape(ride['pickupDate'])} at {escape(ride['pickupTime'])}")
    cards = ""
    for o in opts:
        chosen = o["type"] == sel
        was = f' <s>{money(o["priceWithoutDiscount"])}</s>' if o["discount"] else ""
        promo = f' <span class="muted">{o["discount"]:.0%} off</span>' if o["discount"] else ""
        label = "Selected" if chosen else f"Choose {o['type']}"
        cards += (f'<li class="opt{" sel" if chosen else ""}"><div><h3>{escape(o["type"])}</h3>'
                  f'<span class="muted">{o["seats"]} seats · {o["eta"]} min away · '
                  f'{escape(o["description"])}</span></div><div><span class="price">'
                  f'{money(o["finalPrice"])}</span>{was}{promo}'
                  f'<form method="post" action="{base}/ride/select">'
                  f'<input type="hidden" name="car" value="{escape(o["type"])}">'
                  f'<button type="submit" class="alt" aria-pressed="{str(chosen).lower()}" '
                  f'aria-label="Choose {escape(o["type"])}, '
                  f'{money(o["finalPrice"])}">{label}</button></form></div></li>')
    cur = ride.get("selectedPaymentMethod") or {}
    pm_opts = ""
    for m in wallet["paymentMethods"]:
        pm_opts += (f'<option value="{escape(m["id"])}"'
                    f'{" selected" if m["id"] == cur.get("id") else ""}>'
                    f'{escape(m["displayName"])}</option>')
    verb = "Request" if now else "Schedule"
    body = (f'<section class="card" aria-labelledby="h-opts"><h1 id="h-opts">Choose a ride</h1>'
            f'<p>{_place_line(ride["pickupLocation"])} → {_place_line(ride["dropoffLocation"])}'
            f'</p><p>{when} · <a href="{base}/">Change trip</a></p>'
            f'<ul class="plain" aria-label="Ride options">{cards}</ul></section>'
            f'<section class="card" aria-labelledby="h-pay"><h2 id="h-pay">Payment</h2>'
            f'<p>UDriver Credits balance: {money(wallet["balance"])}</p>'
            f'<form method="post" action="{base}/ride/request">'
            f'<label for="payment">Payment method</label>'
            f'<select id="payment" name="payment">{pm_opts}</select>'
            f'<div><button type="submit">{verb} {escape(sel or "")}</button></div></form>'
            f'</section>')
    return page(base, "Choose a ride", body, error=error)


def _trip_row(base: str, t: dict[str, Any]) -> str:
    return (f'<tr><td>{escape(t["date"])} {escape(t["time"])}</td>'
            f'<td><a href="{base}/trips/{t["id"]}">{escape(t["pickup"]["name"])} → '
            f'{escape(t["destination"]["name"])}</a></td><td>{escape(t["car"]["type"])}</td>'
            f'<td>{money(t["car"]["finalPrice"])}</td>'
            f'<td>{escape(t["paymentMethod"]["displayName"])}</td></tr>')


def trips_page(base: str, state: dict[str, Any]) -> str:
    ride = state["ride"]
    head = "<tr><th>When</th><th>Route</th><th>Ride</th><th>Fare</th><th>Paid with</th></tr>"
    past = "".join(_trip_row(base, t) for t in reversed(ride["trips"]))
    upcoming = "".join(_trip_row(base, t) for t in ride["bookedTrips"])
    up = (f'<table aria-label="Upcoming rides">{head}{upcoming}</table>' if upcoming
          else "<p>No upcoming rides.</p>")
    body = (f'<section class="card"><h1>Your trips</h1><h2>Upcoming</h2>{up}<h2>Past</h2>'
            f'<table aria-label="Past trips">{head}{past}</table></section>')
    return page(base, "Trips", body)


def receipt_page(base: str, t: dict[str, Any], notice: str = "") -> str:
    d = t["driver"]
    scheduled = t["status"] == "scheduled"
    status = (f"Scheduled for {escape(t['date'])} at {escape(t['time'])}" if scheduled
              else f"Trip booked {escape(t['date'])} at {escape(t['time'])}")
    body = (f'<section class="card"><h1>{"Ride scheduled" if scheduled else "Your ride"}</h1>'
            f'<p>{status}</p><p><strong>From:</strong> {_place_line(t["pickup"])}</p>'
            f'<p><strong>To:</strong> {_place_line(t["destination"])}</p>'
            f'<p><strong>Ride:</strong> {escape(t["car"]["type"])} · '
            f'<span class="price">{money(t["car"]["finalPrice"])}</span></p>'
            f'<p><strong>Paid with:</strong> {escape(t["paymentMethod"]["displayName"])}</p>'
            f'<p><strong>Driver:</strong> {escape(d["name"])} ★{d["rating"]} · '
            f'{escape(d["car"])} · plate {escape(d["plate"])}</p>'
            f'<p><a href="{base}/trips">All trips</a> · <a href="{base}/">Book another ride</a>'
            f'</p></section>')
    return page(base, "Trip", body, notice=notice)


def wallet_page(base: str, state: dict[str, Any], notice: str = "", error: str = "") -> str:
    w = state["user"]["wallet"]
    rows = "".join(f'<tr><td>{escape(t["date"])}</td><td>{escape(t["description"])}</td>'
                   f'<td>{money(t["amount"])}</td></tr>' for t in reversed(w["transactions"]))
    amounts = "".join(
        f'<label><input type="radio" name="amount" value="{a}"{" checked" if a == 25 else ""}>'
        f' ${a}</label>' for a in store.TOPUP_AMOUNTS)
    cards = "".join(f'<option value="{escape(m["id"])}">{escape(m["displayName"])}</option>'
                    for m in w["paymentMethods"] if m["type"] == "credit")
    body = (f'<section class="card"><h1>Wallet</h1><p>UDriver Credits balance</p>'
            f'<p class="price" aria-label="Balance">{money(w["balance"])}</p></section>'
            f'<section class="card" aria-labelledby="h-add"><h2 id="h-add">Add funds</h2>'
            f'<form method="post" action="{base}/wallet/topup"><fieldset><legend>Amount'
            f'</legend>{amounts}</fieldset><label for="custom">Other amount</label>'
            f'<input type="text" id="custom" name="custom" inputmode="decimal" '
            f'placeholder="e.g. 40">'
            f'<label for="topup_payment">Pay with</label>'
            f'<select id="topup_payment" name="payment">{cards}</select>'
            f'<div><button type="submit">Add funds</button></div></form></section>'
            f'<section class="card"><h2>Transactions</h2><table aria-label="Transactions">'
            f'<tr><th>Date</th><th>Description</th><th>Amount</th></tr>{rows}</table></section>')
    return page(base, "Wallet", body, notice=notice, error=error)


def payment_page(base: str, state: dict[str, Any], notice: str = "", error: str = "") -> str:
    w = state["user"]["wallet"]
    items = ""
    for m in w["paymentMethods"]:
        extra = (f" · balance {money(w['balance'])}" if m["type"] == "wallet" else
                 f" · expires {escape(m['expiry'])}" if m.get("expiry") else "")
        if m["isDefault"]:
            act = "<strong>Default</strong>"
        else:
            act = (f'<form method="post" action="{base}/payment/default" style="display:inline">'
                   f'{_hidden({"method": m["id"]})}<button type="submit" class="alt" '
                   f'aria-label="Set {escape(m["displayName"])} as default">Set as default'
                   f'</button></form>')
        items += f'<li>{escape(m["displayName"])}<span class="muted">{extra}</span> {act}</li>'
    body = (f'<section class="card"><h1>Payment methods</h1><ul class="plain">{items}</ul>'
            f'</section><section class="card" aria-labelledby="h-card"><h2 id="h-card">'
            f'Add a card</h2><form method="post" action="{base}/payment/card">'
            f'<label for="number">Card number</label><input type="text" id="number" '
            f'name="number" inputmode="numeric"><label for="expiry">Expiry (MM/YY)</label>'
            f'<input type="text" id="expiry" name="expiry"><div><button type="submit">Add card'
            f'</button></div></form></section>')
    return page(base, "Payment", body, notice=notice, error=error)

