"""StayNB's listing page and what is done from it: save to a wishlist, share."""

from __future__ import annotations

from typing import Any

from halo_cli.sites.staynb.store.search import LAST_DAY, TODAY
from halo_cli.sites.staynb.store.trips import CONVERSATIONS, SHARE_CHANNELS
from halo_cli.sites.staynb.views.layout import e, error_box, money, rooms_line


def listing(base: str, s: dict[str, Any], values: dict[str, str],
            saved_names: list[str], error: str | None = None) -> str:
    amen = "".join(f"<li>{e(a)}</li>" for a in s["amenities"])
    saved = (f'<p class="muted">Saved to {e(", ".join(saved_names))}</p>' if saved_names
             else "")
    heart = "♥ Saved" if saved_names else "♡ Save"
    lo, hi = TODAY.isoformat(), LAST_DAY.isoformat()
    return f"""<h1>{e(s["title"])}</h1>
<p>★ {s["rating"]:.2f} · {s["reviews"]} reviews · {e(s["city"])}, {e(s["region"])},
{e(s["country"])}</p>
<div class="toolbar"><a href="{base}/rooms/{s["id"]}/share">Share</a>
<a href="{base}/rooms/{s["id"]}/save" aria-label="Save to wishlist">{heart}</a></div>{saved}
<div class="grid2"><section><h2>{e(s["type"])} hosted by {e(s["host"])}</h2>
<p>{rooms_line(s)}</p><p>{e(s["description"])}</p>
<h2>What this place offers</h2><ul class="amen">{amen}</ul></section>
<aside class="card" aria-label="Reserve"><p><strong>{money(s["price"])}</strong> night</p>
{error_box(error)}<form method="post" action="{base}/rooms/{s["id"]}/reserve">
<div class="field"><label for="r-checkin">Check-in date</label><input type="date"
id="r-checkin" name="checkin" min="{lo}" max="{hi}" value="{e(values.get("checkin", ""))}">
</div><div class="field"><label for="r-checkout">Checkout date</label><input type="date"
id="r-checkout" name="checkout" min="{lo}" max="{hi}" value="{e(values.get("checkout", ""))}">
</div><div class="field"><label for="r-guests">Guests</label><input type="number"
id="r-guests" name="guests" min="1" max="{s["maxGuests"]}"
value="{e(values.get("guests", "1"))}"></div>
<button class="primary" type="submit">Reserve</button>
<p class="muted">You won't be charged yet</p></form></aside></div>"""


def save(base: str, s: dict[str, Any], wishlists: list[dict[str, Any]],
         error: str | None = None, name: str = "") -> str:
    rows = []
    for w in wishlists:
        there = any(x["id"] == s["id"] for x in w["stays"])
        verb = "Remove from" if there else "Save to"
        n = len(w["stays"])
        rows.append(
            f'<li><form method="post" action="{base}/rooms/{s["id"]}/save">'
            f'<input type="hidden" name="wishlist" value="{e(w["id"])}">'
            f'<button class="plain" type="submit">{verb} {e(w["name"])}</button> '
            f'<span class="muted">{n} saved</span></form></li>')
    existing = (f'<h2>Your wishlists</h2><ul>{"".join(rows)}</ul>' if rows
                else '<p class="muted">You have no wishlists yet.</p>')
    return (f'<h1>Save {e(s["title"])} to a wishlist</h1>{error_box(error)}{existing}'
            f'<h2>Create a new wishlist</h2><form method="post" '
            f'action="{base}/rooms/{s["id"]}/save"><div class="field"><label for="wl-name">'
            f'Name</label><input type="text" id="wl-name" name="name" maxlength="50" '
            f'value="{e(name)}"></div><button class="primary" type="submit">Create</button>'
            f'</form><p><a href="{base}/rooms/{s["id"]}">Back to listing</a></p>')


def share(base: str, s: dict[str, Any]) -> str:
    buttons = "".join(
        f'<li><form method="post" action="{base}/rooms/{s["id"]}/share">'
        f'<button class="plain" type="submit" name="channel" value="{e(c)}">{e(c)}</button>'
        f'</form></li>' if c != "Messages" else
        f'<li><a class="pill" href="{base}/rooms/{s["id"]}/share/messages">Messages</a></li>'
        for c in SHARE_CHANNELS)
    return (f'<h1>Share this place</h1><p>{e(s["title"])} · {e(s["city"])}, '
            f'{e(s["country"])}</p><ul class="suggest">{buttons}</ul>'
            f'<p><a href="{base}/rooms/{s["id"]}">Back to listing</a></p>')


def share_messages(base: str, s: dict[str, Any], error: str | None = None) -> str:
    radios = "".join(
        f'<li><input type="radio" id="to-{i}" name="to" value="{e(c)}">'
        f'<label for="to-{i}">{e(c)}</label></li>' for i, c in enumerate(CONVERSATIONS))
    return (f'<h1>Send in Messages</h1><p>{e(s["title"])}</p>{error_box(error)}'
            f'<form method="post" action="{base}/rooms/{s["id"]}/share">'
            f'<input type="hidden" name="channel" value="Messages">'
            f'<fieldset><legend>Send to</legend><ul>{radios}</ul></fieldset>'
            f'<button class="primary" type="submit">Send</button></form>'
            f'<p><a href="{base}/rooms/{s["id"]}/share">Back</a></p>')
