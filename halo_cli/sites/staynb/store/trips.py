"""StayNB's booking, wishlist and sharing state.

`booking = {isBooking, currentBooking, errors, bookingDetails: []}`: Reserve starts a
booking (`isBooking`, `currentBooking`); Confirm and pay checks the card (`errors` holds a
message per field, "" when fine) and appends to `bookingDetails`.
`wishlist.wishlists = {id: {id, name, stays: [snapshot]}}`, none in the seed, so a
wishlist made during a run shows whole (with `stays` as a list) under `added`.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from halo_cli.sites.staynb.store.search import TODAY, FormError, iso, snapshot

CARD_FIELDS = ("cardNumber", "expiration", "cvv", "zipcode")
CLEANING_FEE = 45
SERVICE_RATE = 0.14

SHARE_CHANNELS = ["Copy link", "Email", "Messages", "WhatsApp", "Messenger", "Facebook"]
#: who "Messages" can send to
CONVERSATIONS = [
    "Trip planning group chat (Maya, Jordan, Priya)",
    "Mom",
    "Jordan Lee",
    "Book club group chat",
]


def price_breakdown(stay: dict[str, Any], nights: int) -> dict[str, int]:
    base = stay["price"] * nights
    service = round(base * SERVICE_RATE)
    return {"nightly": stay["price"], "nights": nights, "base": base,
            "cleaning": CLEANING_FEE, "service": service,
            "total": base + CLEANING_FEE + service}


def start_booking(booking: dict[str, Any], stay: dict[str, Any], start: date, end: date,
                  guests: int) -> None:
    nights = max(1, (end - start).days)
    booking["isBooking"] = True
    booking["currentBooking"] = {
        "stay": snapshot(stay), "checkIn": iso(start), "checkOut": iso(end),
        "guests": guests, **price_breakdown(stay, nights)}


def card_errors(form: Any) -> dict[str, str]:
    """A message per card field ("" when the field is fine)."""
    number = re.sub(r"[\s-]", "", form.get("card_number", ""))
    exp = form.get("expiration", "").strip()
    cvv = form.get("cvv", "").strip()
    zipcode = form.get("zipcode", "").strip()
    errors = {k: "" for k in CARD_FIELDS}
    if not re.fullmatch(r"\d{13,19}", number):
        errors["cardNumber"] = "Check your card number."
    m = re.fullmatch(r"(\d{2})\s*/\s*(\d{2}|\d{4})", exp)
    if not m or not 1 <= int(m.group(1)) <= 12:
        errors["expiration"] = "Enter the expiration date as MM/YY."
    else:
        year = int(m.group(2)) % 100 + 2000
        if (year, int(m.group(1))) < (TODAY.year, TODAY.month):
            errors["expiration"] = "This card has expired."
    if not re.fullmatch(r"\d{3,4}", cvv):
        errors["cvv"] = "Enter the 3 or 4 digit security code."
    if not re.fullmatch(r"[A-Za-z0-9 -]{3,10}", zipcode):
        errors["zipcode"] = "Enter a valid ZIP code."
    return errors


def confirm_booking(booking: dict[str, Any], form: Any) -> dict[str, Any]:
    """Check the card and book `currentBooking`; FormError when a field is wrong."""
    current = booking.get("currentBooking")
    if not current:
        raise FormError("There is no reservation in progress.")
    errors = card_errors(form)
    booking["errors"] = errors
    if any(errors.values()):
        raise FormError("Please fix the highlighted payment details.")
    number = re.sub(r"\D", "", form.get("card_number", ""))
    record = {**current, "confirmationCode": f"HM{4821 + len(booking['bookingDetails'])}QX",
              "cardLast4": number[-4:], "status": "Confirmed"}
    booking["bookingDetails"].append(record)
    booking["isBooking"] = False
    return record


def saved_in(wishlists: dict[str, Any], stay_id: str) -> list[dict[str, Any]]:
    return [w for w in wishlists.values() if any(s["id"] == stay_id for s in w["stays"])]


def create_wishlist(wishlists: dict[str, Any], name: str, stay: dict[str, Any]) -> dict:
    name = " ".join(name.split())
    if not name:
        raise FormError("Name: give your wishlist a name.")
    if len(name) > 50:
        raise FormError("Name: 50 characters at most.")
    if any(w["name"].lower() == name.lower() for w in wishlists.values()):
        raise FormError(f"Name: you already have a wishlist called {name}.")
    wid = str(1 + max((int(k) for k in wishlists if k.isdigit()), default=0))
    wishlists[wid] = {"id": wid, "name": name, "stays": [snapshot(stay)]}
    return wishlists[wid]


def toggle_saved(wishlist: dict[str, Any], stay: dict[str, Any]) -> bool:
    """Save `stay` to `wishlist`, or remove it if already there; True when now saved."""
    kept = [s for s in wishlist["stays"] if s["id"] != stay["id"]]
    if len(kept) != len(wishlist["stays"]):
        wishlist["stays"] = kept
        return False
    wishlist["stays"].append(snapshot(stay))
    return True


def record_share(share: dict[str, Any], stay: dict[str, Any], channel: str, to: str = "") -> str:
    share.setdefault("shared", []).append(
        {"stayId": stay["id"], "title": stay["title"], "channel": channel, "to": to or None})
    if channel == "Copy link":
        return "Link copied."
    return f"Shared {stay['title']} to {to}." if to else f"Shared {stay['title']} via {channel}."
