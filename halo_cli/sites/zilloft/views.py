"""Server-rendered Zilloft pages: plain HTML forms, no scripts. Every control has a real
label, so the accessibility tree shows what a person sees."""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import quote

from halo_cli.sites import kit
from halo_cli.sites.kit import escape
from halo_cli.sites.zilloft.store import (
    BATH_CHOICES,
    BED_CHOICES,
    HOME_TYPES,
    SQFT_CHOICES,
    USER,
    full_address,
    listings,
    time_slots,
    tour_dates,
)

TYPE_NOUN = {"house": "House", "townhouse": "Townhouse", "condo": "Condo",
             "apartment": "Apartment", "manufactured": "Manufactured home"}

CSS = """
*{box-sizing:border-box}
body{margin:0;font-family:Arial,Helvetica,sans-serif;font-size:15px;color:#2a2a33;background:#fff}
a{color:#0041d9;text-decoration:none}a:hover{text-decoration:underline}
header.top{display:flex;align-items:center;gap:20px;padding:10px 20px;border-bottom:1px solid #ddd}
.logo{font-size:24px;font-weight:bold;color:#006aff}
header nav{display:flex;gap:16px;flex:1}
.who{color:#596b82;font-size:13px}
form.search{display:flex;gap:6px}
form.search input{width:340px;padding:8px;border:1px solid #a7a6ab;border-radius:4px}
button,a.btn{background:#006aff;color:#fff;border:0;border-radius:4px;padding:8px 16px;
cursor:pointer;font-size:15px;display:inline-block}
a.btn.alt,button.alt{background:#fff;color:#006aff;border:1px solid #006aff}
main{max-width:1180px;margin:0 auto;padding:20px}
.hero{background:#eef4ff;padding:48px 24px;border-radius:8px;text-align:center}
.hero form.search{justify-content:center;margin-top:16px}
.filters{display:flex;flex-wrap:wrap;gap:12px;align-items:flex-end;padding:12px;
border:1px solid #ddd;border-radius:6px;margin-bottom:16px}
.filters label{display:block;font-size:13px;color:#596b82}
.filters input[type=text]{width:120px;padding:6px}
.filters fieldset{border:0;padding:0;margin:0}
.cards{list-style:none;padding:0;margin:0;display:grid;grid-template-columns:repeat(3,1fr);gap:16px}
.cards li{border:1px solid #ddd;border-radius:6px;padding:12px}
.photo{height:110px;background:#dfe6ef;border-radius:4px;margin-bottom:8px;display:flex;
align-items:center;justify-content:center;color:#7a8794;font-size:12px}
.price{font-size:22px;font-weight:bold}
.facts{color:#2a2a33;margin:4px 0}
.muted{color:#596b82;font-size:13px}
.notice{background:#e8f7ee;border:1px solid #1a7f45;padding:10px;border-radius:4px;margin-bottom:14px}
.error{background:#fff1f0;border:1px solid #c00;padding:10px;border-radius:4px;margin-bottom:14px}
form.stack label{display:block;margin:10px 0 4px;font-weight:bold}
form.stack input[type=text],form.stack input[type=email],form.stack input[type=tel],
form.stack textarea,form.stack select{width:420px;padding:8px}
form.stack fieldset{border:1px solid #ddd;border-radius:6px;margin:10px 0;max-width:640px}
.days label{display:inline-block;margin:4px 8px 4px 0;font-weight:normal}
.agent{border:1px solid #ddd;border-radius:6px;padding:12px;margin:12px 0;max-width:640px}
footer{color:#999;text-align:center;padding:30px}
"""


def layout(base: str, title: str, body: str, *, search: str | None = "",
           notice: str | None = None) -> str:
    """The page chrome; `search=None` drops the header search box (the results page has its
    own, next to the filters)."""
    box = "" if search is None else search_form(base, search)
    header = f"""<header class="top"><a class="logo" href="{base}/">Zilloft</a>
<nav aria-label="Main"><a href="{base}/homes">Buy</a><a href="{base}/agents">Find an agent</a>
<a href="{base}/tours">My tours</a></nav>{box}
<span class="who">Signed in as {escape(USER['name'])}</span></header>
"""
    return kit.shell(title=title, site="Zilloft", css=CSS, header=header, body=body,
                     notice=escape(notice) if notice else "",
                     footer="&copy; Zilloft Group (offline replica)")


def money(value: int) -> str:
    return f"${value:,}"


def date_label(d: date) -> str:
    return f"{d:%A}, {d:%B} {d.day}"


def search_form(base: str, value: str = "") -> str:
    return (f'<form class="search" role="search" method="get" action="{base}/homes">'
            f'<input type="text" name="q" value="{escape(value)}" aria-label="Search location" '
            f'placeholder="Enter an address, neighborhood, city, or ZIP code">'
            f'<button type="submit">Search</button></form>')


def home_page(base: str) -> str:
    return (f'<section class="hero"><h1>Agents. Tours. Loans. Homes.</h1>'
            f'<p>Search homes for sale, request a tour, or contact a local agent.</p>'
            f'{search_form(base)}</section>'
            f'<h2>Popular searches</h2><ul>'
            + "".join(f'<li><a href="{base}/homes?q={quote(q)}">{escape(q)}</a></li>'
                      for q in ("Long Beach, CA", "San Jose, CA", "Sacramento, CA",
                                "Boston, MA", "San Diego, CA"))
            + "</ul>")


def _select(name: str, label: str, current: Any, options: list[tuple[str, str]]) -> str:
    opts = "".join(f'<option value="{escape(v)}"{" selected" if v == current else ""}>'
                   f'{escape(t)}</option>' for v, t in options)
    return (f'<div><label for="{name}">{label}</label>'
            f'<select id="{name}" name="{name}">{opts}</select></div>')


def _num(value: Any) -> str:
    return "" if value is None else str(value)


def facts(h: dict) -> str:
    return (f'{h["bedrooms"]} bds | {h["bathrooms"]} ba | {h["livingArea"]:,} sqft - '
            f'{TYPE_NOUN[h["homeType"]]} for sale')


def _plus(choices: tuple[int, ...]) -> list[tuple[str, str]]:
    return [("", "Any")] + [(str(n), f"{n}+") for n in choices]


def results_page(base: str, term: str, f: dict[str, Any], homes: list[dict]) -> str:
    sqft = [("", "No min")] + [(str(n), f"{n:,}") for n in SQFT_CHOICES]
    types = "".join(
        f'<label><input type="checkbox" name="homeType" value="{k}"'
        f'{" checked" if k in f["homeTypes"] else ""}> {v}</label> '
        for k, v in HOME_TYPES.items())
    form = f"""<form class="filters" method="get" action="{base}/homes" aria-label="Search and filters">
<input type="hidden" name="filters" value="1">
<div><label for="q">Location</label><input type="text" id="q" name="q" value="{escape(term)}"
 style="width:260px" aria-label="Search location" placeholder="City, neighborhood, or ZIP"></div>
<div><label for="minPrice">Min price</label><input type="text" inputmode="numeric" id="minPrice"
 name="minPrice" value="{_num(f['minPrice'])}" placeholder="No min"></div>
<div><label for="maxPrice">Max price</label><input type="text" inputmode="numeric" id="maxPrice"
 name="maxPrice" value="{_num(f['maxPrice'])}" placeholder="No max"></div>
{_select("beds", "Bedrooms", _num(f["minBeds"]), _plus(BED_CHOICES))}
{_select("baths", "Bathrooms", _num(f["minBaths"]), _plus(BATH_CHOICES))}
{_select("minSqft", "Min square feet", _num(f["minSqft"]), sqft)}
<fieldset><legend class="muted">Home type</legend>{types}</fieldset>
<button type="submit">Apply filters</button> <a href="{base}/homes?reset=1">Reset all filters</a></form>"""
    where = term or "All"
    heading = f"{escape(where)} Real Estate &amp; Homes For Sale"
    if homes:
        cards = "".join(
            f'<li><div class="photo" aria-hidden="true">Photo</div>'
            f'<div class="price">{money(h["price"])}</div><div class="facts">{facts(h)}</div>'
            f'<a href="{base}/homes/{h["id"]}">{escape(full_address(h))}</a>'
            f'<div class="muted">{escape(_agent(h)["brokerage"])}</div></li>' for h in homes)
        listing = f'<ul class="cards" aria-label="Search results">{cards}</ul>'
    else:
        listing = ("<p>No matching results. Try a different location or remove some "
                   "filters.</p>")
    n = len(homes)
    return (f'{form}<h1>{heading}</h1><p class="muted">{n} result{"s" if n != 1 else ""}</p>'
            f'{listing}')


def _agent(home: dict) -> dict:
    return listings().agent_by_id[home["agentId"]]


def detail_page(base: str, h: dict) -> str:
    a = _agent(h)
    return f"""<p><a href="{base}/homes">Back to search</a></p>
<div class="photo" style="height:220px" aria-hidden="true">Photo</div>
<h1>{escape(full_address(h))}</h1>
<p class="price">{money(h['price'])}</p><p class="facts">{facts(h)}</p>
<ul><li>Built in {h['yearBuilt']}</li><li>{h['daysOnZillow']} days on Zilloft</li>
<li>Type: {TYPE_NOUN[h['homeType']]}</li></ul>
<h2>Overview</h2><p>{escape(h['description'])}</p>
<section class="agent" aria-label="Listing agent"><h2>Listed by</h2>
<p><a href="{base}/agents/{a['id']}">{escape(a['name'])}</a>, {escape(a['brokerage'])},
 {escape(a['phone'])}</p></section>
<p><a class="btn" href="{base}/homes/{h['id']}/tour">Request a tour</a>
 <a class="btn alt" href="{base}/homes/{h['id']}/contact">Contact agent</a></p>"""


def _contact_fields(values: dict[str, str]) -> str:
    return (f'<label for="name">Full name</label><input type="text" id="name" name="name" '
            f'value="{escape(values.get("name", ""))}" required>'
            f'<label for="email">Email</label><input type="email" id="email" name="email" '
            f'value="{escape(values.get("email", ""))}" required>'
            f'<label for="phone">Phone</label><input type="tel" id="phone" name="phone" '
            f'value="{escape(values.get("phone", ""))}" required>'
            f'<label for="message">Message</label><textarea id="message" name="message" '
            f'rows="3">{escape(values.get("message", ""))}</textarea>')


def _error(text: str) -> str:
    return f'<div class="error" role="alert">{escape(text)}</div>' if text else ""


def tour_page(base: str, h: dict, values: dict[str, str], error: str = "") -> str:
    chosen = values.get("date", "")
    days = "".join(
        f'<label><input type="radio" name="date" value="{d.isoformat()}"'
        f'{" checked" if d.isoformat() == chosen else ""} required> {date_label(d)}</label>'
        for d in tour_dates())
    times = [("", "Select a time")] + [(t, t) for t in time_slots()]
    return f"""<p><a href="{base}/homes/{h['id']}">Back to listing</a></p>
<h1>Request a tour</h1><p>{escape(full_address(h))} &middot; {money(h['price'])}</p>{_error(error)}
<form class="stack" method="post" action="{base}/homes/{h['id']}/tour">
<fieldset class="days"><legend>Select a date</legend>{days}</fieldset>
{_select("time", "Select a time", values.get("time", ""), times)}
{_contact_fields(values)}
<p><button type="submit">Submit a tour request</button></p></form>"""


def contact_page(base: str, agent: dict, h: dict | None, values: dict[str, str],
                 error: str = "") -> str:
    about = (f'<p>About {escape(full_address(h))} &middot; {money(h["price"])}</p>'
             if h else "")
    action = f"{base}/homes/{h['id']}/contact" if h else f"{base}/agents/{agent['id']}/contact"
    days = [("", "No preference")] + [(d.isoformat(), date_label(d)) for d in tour_dates()]
    times = [("", "Any time")] + [(t, t) for t in time_slots()]
    back = f"{base}/homes/{h['id']}" if h else f"{base}/agents/{agent['id']}"
    return f"""<p><a href="{back}">Back</a></p><h1>Contact agent</h1>
<section class="agent" aria-label="Agent"><strong>{escape(agent['name'])}</strong>,
 {escape(agent['brokerage'])}<br><span class="muted">{escape(agent['phone'])}</span></section>
{about}{_error(error)}<form class="stack" method="post" action="{action}">
{_contact_fields(values)}
<fieldset><legend>Schedule a tour (optional)</legend>
{_select("date", "Preferred date", values.get("date", ""), days)}
{_select("time", "Preferred time", values.get("time", ""), times)}</fieldset>
<p><button type="submit">Contact agent</button></p></form>"""


def agents_page(base: str, location: str, agents: list[dict]) -> str:
    rows = "".join(
        f'<li class="agent"><a href="{base}/agents/{a["id"]}">{escape(a["name"])}</a>'
        f'<div>{escape(a["brokerage"])}</div><div class="muted">{escape(a["city"])}, '
        f'{a["state"]} &middot; {a["rating"]} stars ({a["reviewCount"]} reviews)</div></li>'
        for a in agents) or "<li>No agents found for that location.</li>"
    return f"""<h1>Real estate agents</h1>
<form class="search" role="search" method="get" action="{base}/agents">
<input type="text" name="location" value="{escape(location)}" aria-label="Agent location"
 placeholder="City, neighborhood, or ZIP"><button type="submit">Find agents</button></form>
<ul style="list-style:none;padding:0" aria-label="Agents">{rows}</ul>"""


def agent_page(base: str, agent: dict, homes: list[dict]) -> str:
    areas = ", ".join(agent["serviceAreas"])
    listed = "".join(f'<li><a href="{base}/homes/{h["id"]}">{escape(full_address(h))}</a> '
                     f'{money(h["price"])}</li>' for h in homes) or "<li>None right now.</li>"
    return f"""<p><a href="{base}/agents">All agents</a></p><h1>{escape(agent['name'])}</h1>
<p>{escape(agent['brokerage'])} &middot; {escape(agent['phone'])}</p>
<p class="muted">{agent['rating']} stars ({agent['reviewCount']} reviews) &middot; Serves {escape(areas)}</p>
<p>{escape(agent['bio'])}</p><h2>Listings</h2><ul>{listed}</ul>
<p><a class="btn" href="{base}/agents/{agent['id']}/contact">Contact {escape(agent['name'])}</a></p>"""


def tours_page(base: str, tours: list[dict], contacts: list[dict]) -> str:
    trs = "".join(
        f'<li>{escape(t["home"]["fullAddress"])}: {escape(t["requestTourData"]["options"][0]["date"])}'
        f' at {escape(t["requestTourData"]["options"][0]["time"])}</li>' for t in tours)
    cts = "".join(
        f'<li>{escape(c["agentName"])}'
        + (f' about {escape(c["home"]["fullAddress"])}' if "home" in c else "")
        + (f': tour {escape(c["contactAgentData"]["selectedDate"]["date"])} '
           f'{escape(c["contactAgentData"]["selectedDate"]["time"])}'
           if c["contactAgentData"]["selectedDate"]["date"] else "") + "</li>"
        for c in contacts)
    return (f'<h1>My tours</h1><h2>Tour requests</h2><ul>{trs or "<li>None yet.</li>"}</ul>'
            f'<h2>Agent messages</h2><ul>{cts or "<li>None yet.</li>"}</ul>')


def not_found(base: str, what: str) -> str:
    return f'<h1>Not found</h1><p>{escape(what)}</p><p><a href="{base}/">Go home</a></p>'
