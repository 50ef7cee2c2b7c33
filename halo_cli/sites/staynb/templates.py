"""StayNB's training-task templates (not REAL's tasks): search stays by destination, dates
and guests; search with filters (amenities, bedrooms, a nightly budget); save named stays
to a new wishlist; save the cheapest / best-rated / priciest stay that fits to a wishlist;
book a named stay, or the stay that fits, for given dates, guests and card; share a stay
(by Messages to a conversation, or another channel), or the one that fits to someone.

Every staynb task starts from the same seed store (no search applied, no bookings, no
wishlists, nothing shared), so parameters come from the catalogue (`data/stays.json`).
Judges read `/finish` as REAL's staynb scripts do: `initialfinaldiff.added.search` (the
applied destination, dates, guest counts and filters), `added.wishlist.wishlists.<id>`
(`name`, `stays[].id`), `added.booking.bookingDetails.<n>` (`stay.id`, `checkIn`,
`checkOut`, `guests`, `cardLast4`) and `added.share.shared.<n>` (`stayId`, `channel`,
`to`). They check what the goal asks and ignore what it does not (pages visited, searches
before the last one, a filter the goal did not ask for).

A search goal names its destination as a person would ("Rome", "near me"); the judge
takes any applied destination that shows the same places. No reference end state passes
one of REAL's staynb scripts: searches avoid San Jose, Costa Rica (staynb-15 takes any
search there), the v2 tasks' date ranges and staynb-14's "3rd to 5th" (`like_v2_dates`).
"""

from __future__ import annotations

import random
import re
from datetime import date, timedelta
from typing import Any

from halo_cli.sites import reference as R
from halo_cli.sites.reference import Step
from halo_cli.sites.staynb.store.search import LAST_DAY, TODAY, by_id, matches_destination, stays
from halo_cli.sites.staynb.store.trips import CONVERSATIONS
from halo_cli.sites.templates import Draft, SiteClient, Template, Verdict

Params = dict[str, Any]

#: what a goal calls each destination (typed into Where, the site resolves it)
CALLED = {
    "Austria": ("Austria",),
    "Paris, France": ("Paris", "Paris, France"),
    "Provence, France": ("Provence", "Provence, France"),
    "Rome, Italy": ("Rome", "Rome, Italy"),
    "San Francisco, California": ("San Francisco", "San Francisco, California"),
    "San Jose, California": ("San Jose, California",),
    "Miami, Florida": ("Miami", "Miami, Florida"),
    "Vancouver, Canada": ("Vancouver", "Vancouver, Canada"),
    "Cape Town, South Africa": ("Cape Town", "Cape Town, South Africa"),
    "Delhi, India": ("Delhi", "Delhi, India"),
    "Nearby": ("near me",),
    "San Jose, Costa Rica": ("San Jose, Costa Rica",),
}
#: where searches may go: staynb-15 passes any search for San Jose, Costa Rica (unbooked)
SEARCH_DESTS = tuple(d for d in CALLED if d != "San Jose, Costa Rica")
#: the v2 tasks' (check-in, checkout)
V2_DATES = frozenset({
    ("2024-08-01", "2024-08-05"), ("2024-09-27", "2024-09-29"), ("2024-10-15", "2024-10-19"),
    ("2024-10-01", "2024-10-06"), ("2024-09-07", "2024-09-09"), ("2024-07-18", "2024-07-18"),
    ("2025-01-03", "2025-01-05"), ("2024-08-01", "2024-08-04"), ("2024-11-15", "2024-11-18"),
})
FIRST_DAY = date(2024, 8, 1)
#: check-ins from August 2024 to mid-June 2025: "June 10" can only mean 2025
CHECKIN_SPAN = 320
AMENITY_WORDS = {"Wifi": "wifi", "Kitchen": "a kitchen", "Washer": "a washer",
                 "Air conditioning": "AC", "Heating": "heating", "TV": "a TV",
                 "Free parking": "free parking", "Pool": "a pool", "Hot tub": "a hot tub"}
WISHLIST_NAMES = ("Summer trip", "Girls weekend", "Honeymoon ideas", "Ski trip",
                  "Family reunion", "Work retreat", "Maybe later", "Beach stays",
                  "Fall getaway", "Anniversary", "Bucket list", "Road trip", "Spring break",
                  "Cheap options", "Dream places", "Birthday trip")
#: card profiles a booking goal hands over: number, expiry, CVV, ZIP
CARDS = (("4242 4242 4242 4242", "08/27", "123", "90012"),
         ("5555 5555 5555 4444", "11/26", "456", "10001"),
         ("4000 0566 5566 5556", "03/28", "789", "94107"),
         ("3782 822463 10005", "05/27", "1234", "60601"))
#: share channels with no recipient to pick (Messages has one)
CHANNEL_WORDS = {"Email": ("email", "by email"), "WhatsApp": ("WhatsApp", "on WhatsApp"),
                 "Messenger": ("Messenger", "on Messenger"),
                 "Facebook": ("Facebook", "on Facebook")}
RECIPIENT_WORDS = {
    "Trip planning group chat (Maya, Jordan, Priya)": "the trip planning group chat",
    "Mom": "my mom", "Jordan Lee": "Jordan Lee", "Book club group chat": "my book club chat",
}
MONTHS = ("Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct", "Nov",
          "Dec")


# -- dates and guests, as a goal says them ---------------------------------------------------
def like_v2_dates(checkin: str, checkout: str) -> bool:
    """Whether a search for these dates could answer a v2 staynb task (their date ranges,
    staynb-14's any-month "3rd to 5th", staynb-9 and -13's single night)."""
    a, b = date.fromisoformat(checkin), date.fromisoformat(checkout)
    return ((checkin, checkout) in V2_DATES or (a.day == 3 and b.day == 5)
            or a == b)


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _month(d: date, long: bool) -> str:
    return f"{d:%B}" if long else MONTHS[d.month - 1]


def say_dates(rng: random.Random, checkin: str, checkout: str) -> str:
    """A date range as a person writes it ("Sept 7th to 9th", "Oct 30 - Nov 2", ...)."""
    a, b = date.fromisoformat(checkin), date.fromisoformat(checkout)
    long = rng.random() < 0.5
    nights = (b - a).days
    if a.month == b.month:
        options = [f"{_month(a, long)} {_ordinal(a.day)} to {_ordinal(b.day)}",
                   f"{_month(a, long)} {a.day}-{b.day}",
                   f"from {_month(a, long)} {a.day} to {_month(b, long)} {b.day}"]
    else:
        options = [f"{_month(a, long)} {_ordinal(a.day)} to {_month(b, long)} {_ordinal(b.day)}",
                   f"{_month(a, long)} {a.day} - {_month(b, long)} {b.day}"]
    options.append(f"{_plural(nights, 'night')} starting {_month(a, long)} {_ordinal(a.day)}")
    return rng.choice(options)


def draw_dates(rng: random.Random, nights: tuple[int, ...] = (2, 3, 4, 5, 6, 7)
               ) -> tuple[str, str]:
    """A check-in and checkout (ISO) not like any v2 task's."""
    while True:
        a = FIRST_DAY + timedelta(days=rng.randrange(CHECKIN_SPAN))
        b = a + timedelta(days=rng.choice(nights))
        if b <= LAST_DAY and a > TODAY and not like_v2_dates(a.isoformat(), b.isoformat()):
            return a.isoformat(), b.isoformat()


def _plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"


def draw_guests(rng: random.Random, most: int) -> Params:
    """Guest counts for at most `most` people: either just a head count (`people`) or
    adults, children, infants and pets."""
    people = rng.randint(1, max(1, most))
    if people == 1 or rng.random() < 0.45:
        return {"people": True, "adults": people, "children": 0, "infants": 0, "pets": 0}
    children = rng.randint(0, people - 1)
    return {"people": False, "adults": people - children, "children": children,
            "infants": rng.choice((0, 0, 0, 1)), "pets": rng.choice((0, 0, 0, 1, 2))}


def say_guests(rng: random.Random, g: Params) -> str:
    """The guest counts as a goal says them."""
    if g["people"]:
        n = g["adults"]
        if n == 1:
            return rng.choice(("just me", "1 guest", "one person"))
        return rng.choice((_plural(n, "guest"), _plural(n, "person", "people")))
    parts = [_plural(g["adults"], "adult")]
    if g["children"]:
        word = rng.choice(("child", "kid"))
        parts.append(_plural(g["children"], word, "children" if word == "child" else None))
    if g["infants"]:
        parts.append(rng.choice(("a baby", "1 infant")))
    if g["pets"]:
        parts.append("our dog" if g["pets"] == 1 else f"{g['pets']} dogs")
    return ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0]


def guest_total(g: Params) -> int:
    return int(g["adults"]) + int(g["children"])


# -- the catalogue, as the templates see it ---------------------------------------------------
def at(dest: str) -> list[dict[str, Any]]:
    """The stays of destination `dest`, in catalogue order."""
    return [s for s in stays() if s["destination"] == dest]


def in_where(called: str) -> str:
    """"in Rome", or "near me"."""
    return called if called == "near me" else f"in {called}"


def _with_city(s: dict[str, Any]) -> str:
    """A stay's title with its city ("Wynwood Loft in Miami"), unless the title says one."""
    return s["title"] if " in " in s["title"] else f"{s['title']} in {s['city']}"


def sibling(sid: str, exclude: set[str] = frozenset()) -> str:
    """The stay most like `sid` (same destination if it has another; closest price)."""
    s = by_id()[sid]
    pool = [x for x in stays() if x["id"] != sid and x["id"] not in exclude
            and x["destination"] != "San Jose, Costa Rica"]
    same = [x for x in pool if x["destination"] == s["destination"]] or pool
    return min(same, key=lambda x: (abs(x["price"] - s["price"]), x["id"]))["id"]


# -- what /finish says ----------------------------------------------------------------------
def _section(finish: dict, key: str) -> dict:
    """`initialfinaldiff.added.<key>` merged over by `updated.<key>` (REAL's scripts read
    the first; the second holds nothing for a new key)."""
    diff = finish.get("initialfinaldiff") or {}
    out: dict = {}
    for part in ("added", "updated"):
        got = (diff.get(part) or {}).get(key)
        if isinstance(got, dict):
            out.update(got)
    return out


def _entries(value: Any) -> list[dict]:
    """A list, or an index-keyed dict (deep-object-diff's appended items), as a list."""
    if isinstance(value, dict):
        value = [v for _, v in sorted(value.items(), key=lambda kv: str(kv[0]).zfill(6))]
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _norm(text: Any) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", str(text or "").lower()))


def _day(value: Any) -> str:
    return value[:10] if isinstance(value, str) else ""


def dest_ok(applied: Any, dest: str) -> bool:
    """Whether the applied destination is `dest`: the same name (case and punctuation
    aside), or a name that shows exactly `dest`'s places."""
    if not isinstance(applied, str) or not applied.strip():
        return False
    if _norm(applied) == _norm(dest):
        return True
    shown = {s["id"] for s in stays() if matches_destination(s, applied.strip())}
    return shown == {s["id"] for s in at(dest)}


def judge_search(p: Params, finish: dict) -> Verdict | None:
    """The applied search against `p` (`dest`, `called`, `checkin`/`checkout` or None,
    guest counts): a failing verdict, or None when it is what the goal asks."""
    search = _section(finish, "search")
    applied = search.get("appliedDestination")
    if not dest_ok(applied, p["dest"]):
        return Verdict(False, f"searched {applied!r}; the goal wants {p['called']}")
    if p.get("checkin"):
        dates = search.get("appliedDates") or {}
        got = (_day(dates.get("startDate")), _day(dates.get("endDate")))
        if got != (p["checkin"], p["checkout"]):
            return Verdict(False, f"dates {got[0] or 'none'} to {got[1] or 'none'}; the goal "
                                  f"wants {p['checkin']} to {p['checkout']}")
    if "adults" in p:
        counts = search.get("appliedGuestCounts") or {}
        got_n = {k: counts.get(k.capitalize(), 0) for k in ("adults", "children", "infants",
                                                            "pets")}
        if p["people"]:
            fine = (got_n["adults"] + got_n["children"] == guest_total(p)
                    and not got_n["infants"] and not got_n["pets"])
        else:
            fine = all(got_n[k] == p[k] for k in got_n)
        if not fine:
            return Verdict(False, f"guests {got_n}; the goal wants "
                                  f"{ {k: p[k] for k in got_n} }")
    return None


def judge_filters(p: Params, finish: dict) -> Verdict | None:
    """The applied filters against `p`: its `amenities` among the applied ones, at least
    `bedrooms`, and a price range that keeps just the destination's stays in
    [`min_price`, `max_price`]. A failing verdict, or None."""
    f = _section(finish, "search").get("appliedFilters")
    if not isinstance(f, dict):
        return Verdict(False, "no filters applied")
    have = f.get("amenities") if isinstance(f.get("amenities"), list) else []
    missing = [a for a in p.get("amenities", []) if a not in have]
    if missing:
        return Verdict(False, f"filters lack {', '.join(missing)}")
    rooms = f.get("bedrooms") if isinstance(f.get("bedrooms"), int) else 0
    if rooms < p.get("bedrooms", 0):
        return Verdict(False, f"bedrooms filter {rooms}; the goal wants "
                              f"{p['bedrooms']}+")
    lo, hi = p.get("min_price"), p.get("max_price")
    if lo is not None or hi is not None:
        def kept(s: dict, a: Any, b: Any) -> bool:
            return ((not isinstance(a, (int, float)) or s["price"] >= a)
                    and (not isinstance(b, (int, float)) or s["price"] <= b))
        want = {s["id"] for s in at(p["dest"]) if kept(s, lo, hi)}
        got = {s["id"] for s in at(p["dest"]) if kept(s, f.get("minPrice"), f.get("maxPrice"))}
        if want != got:
            return Verdict(False, f"price filter ${f.get('minPrice')} to ${f.get('maxPrice')} "
                                  f"does not match the budget")
    return None


def wishlists(finish: dict) -> list[dict]:
    """The wishlists made during the task (the seed has none)."""
    lists = _section(finish, "wishlist").get("wishlists")
    return [w for w in (lists.values() if isinstance(lists, dict) else []) if isinstance(w, dict)]


def judge_wishlist(name: str, want: list[str], finish: dict) -> Verdict:
    """Success when a wishlist called `name` (case and spacing aside) holds exactly the
    stays `want`."""
    lists = wishlists(finish)
    named = [w for w in lists if _norm(w.get("name")) == _norm(name)]
    if not named:
        made = ", ".join(repr(w.get("name")) for w in lists) or "none"
        return Verdict(False, f"no wishlist called {name!r} (wishlists: {made})")
    got = {str(s.get("id")) for s in _entries(named[0].get("stays"))}
    titles = sorted(by_id()[i]["title"] if i in by_id() else i for i in got)
    if got != set(want):
        wanted = sorted(by_id()[i]["title"] for i in want)
        return Verdict(False, f"{name!r} holds {titles or 'nothing'}; the goal wants {wanted}")
    return Verdict(True, f"{name!r} holds {titles}")


def bookings(finish: dict) -> list[dict]:
    """The confirmed bookings made during the task."""
    return _entries(_section(finish, "booking").get("bookingDetails"))


def judge_booking(p: Params, finish: dict, what: str) -> Verdict:
    """Success when exactly one booking was confirmed: stay `p['stay']`, `p`'s dates and
    guests, paid with `p`'s card."""
    made = bookings(finish)
    if not made:
        return Verdict(False, "no booking was confirmed")
    if len(made) > 1:
        return Verdict(False, f"{len(made)} bookings confirmed; the goal wants one")
    b = made[0]
    stay = b.get("stay") if isinstance(b.get("stay"), dict) else {}
    sid = str(stay.get("id"))
    if sid != p["stay"]:
        return Verdict(False, f"booked {stay.get('title')!r}, not {what}")
    got = (_day(b.get("checkIn")), _day(b.get("checkOut")))
    if got != (p["checkin"], p["checkout"]):
        return Verdict(False, f"booked {got[0]} to {got[1]}; the goal wants {p['checkin']} to "
                              f"{p['checkout']}")
    if b.get("guests") != p["guests"]:
        return Verdict(False, f"booked for {b.get('guests')} guests; the goal wants "
                              f"{p['guests']}")
    if str(b.get("cardLast4")) != re.sub(r"\D", "", p["card"][0])[-4:]:
        return Verdict(False, f"paid with the card ending {b.get('cardLast4')}, not the one "
                              "given")
    return Verdict(True, f"booked {stay.get('title')!r} {got[0]} to {got[1]} for "
                         f"{p['guests']}")


def judge_share(p: Params, finish: dict) -> Verdict:
    """Success when something was shared and every share is stay `p['stay']` on channel
    `p['channel']` (to `p['to']` on Messages)."""
    shared = _entries(_section(finish, "share").get("shared"))
    if not shared:
        return Verdict(False, "nothing was shared")
    title = by_id()[p["stay"]]["title"]
    want = f"{title!r} via {p['channel']}" + (f" to {p['to']}" if p["to"] else "")
    for entry in shared:
        got = (str(entry.get("stayId")), entry.get("channel"), entry.get("to"))
        if got != (p["stay"], p["channel"], p["to"]):
            what = by_id().get(got[0], {}).get("title", got[0])
            return Verdict(False, f"shared {what!r} via {got[1]}"
                                  f"{' to ' + str(got[2]) if got[2] else ''}; the goal wants "
                                  f"{want}")
    return Verdict(True, f"shared {want}")


# -- playing a plan: in-process and in the browser ------------------------------------------
def search_form(p: Params) -> dict[str, str]:
    """The search bar's form for `p` (`called`, optional dates and guest counts)."""
    return {"where": p["called"], "checkin": p.get("checkin") or "",
            "checkout": p.get("checkout") or "",
            **{k: str(p.get(k, 0)) for k in ("adults", "children", "infants", "pets")}}


def reach_search(p: Params, client: SiteClient) -> None:
    client.get("/")
    client.post("/search", data=search_form(p))


def reach_filters(p: Params, client: SiteClient) -> None:
    client.get("/s/filters")
    client.post("/s/filters", data={
        "amenity": list(p.get("amenities", [])), "bedrooms": str(p.get("bedrooms", 0)),
        "beds": "0", "bathrooms": "0",
        "min_price": "" if p.get("min_price") is None else str(p["min_price"]),
        "max_price": "" if p.get("max_price") is None else str(p["max_price"])})


def search_steps(p: Params) -> list[Step]:
    """Fill the search bar (Where, Check in / Check out, Who) and press Search."""
    steps = R.fill_form(("fill", "combobox", "Where", p["called"]),
                        ("fill", "Date", "Check in", p.get("checkin")),
                        ("fill", "Date", "Check out", p.get("checkout")),
                        ("fill", "spinbutton", "Adults", p.get("adults")),
                        ("fill", "spinbutton", "Children", p.get("children")),
                        ("fill", "spinbutton", "Infants", p.get("infants")),
                        ("fill", "spinbutton", "Pets", p.get("pets")))
    return [*steps, R.click("button", "Search", exact=True)]


def filter_steps(p: Params) -> list[Step]:
    """Open Filters, set the budget, bedrooms and amenities, show the places."""
    steps = [R.click("link", "Filters")]
    steps += R.fill_form(("fill", "spinbutton", "Minimum price", p.get("min_price")),
                         ("fill", "spinbutton", "Maximum price", p.get("max_price")),
                         ("select", "combobox", "Bedrooms", p.get("bedrooms")))
    steps += [R.check("checkbox", a) for a in p.get("amenities", [])]
    return [*steps, R.click("button", "Show places", exact=True)]


def _find_stay(sid: str) -> dict[str, Any]:
    """Params of the search that lists stay `sid` (its destination, nothing else)."""
    dest = by_id()[sid]["destination"]
    return {"dest": dest, "called": CALLED[dest][0]}


def reach_save(client: SiteClient, sids: list[str], name: str) -> None:
    """Find each stay by its destination and save it: the first to a new wishlist `name`,
    the rest to that one."""
    for i, sid in enumerate(sids):
        reach_search(_find_stay(sid), client)
        client.get(f"/rooms/{sid}")
        client.get(f"/rooms/{sid}/save")
        client.post(f"/rooms/{sid}/save", data={"name": name} if i == 0 else {"wishlist": "1"})


def save_steps(sids: list[str], name: str, searched: bool = False) -> list[Step]:
    """The browser steps of `reach_save` (`searched`: the first stay's search is done)."""
    steps: list[Step] = []
    for i, sid in enumerate(sids):
        if i:
            steps.append(R.click("link", "StayNB", exact=True))
        if i or not searched:
            steps += search_steps(_find_stay(sid))
        steps += [R.click("link", by_id()[sid]["title"], exact=True),
                  R.click("link", "Save to wishlist")]
        steps += ([R.fill("textbox", "Name", name), R.click("button", "Create", exact=True)]
                  if i == 0 else [R.click("button", f"Save to {name}", exact=True)])
    return steps


def reach_share(p: Params, client: SiteClient, search: Params | None = None) -> None:
    """Find the stay (by `search`, else its destination) and share it as `p` says."""
    sid = p["stay"]
    reach_search(search or _find_stay(sid), client)
    client.get(f"/rooms/{sid}")
    client.get(f"/rooms/{sid}/share")
    client.post(f"/rooms/{sid}/share", data={"channel": p["channel"], "to": p["to"] or ""})


def share_steps(p: Params) -> list[Step]:
    """On a page listing the stay: open it, Share, and send it as `p` says."""
    steps = [R.click("link", by_id()[p["stay"]]["title"], exact=True),
             R.click("link", "Share", exact=True)]
    if p["to"]:
        return [*steps, R.click("link", "Messages", exact=True),
                R.click("radio", p["to"], exact=True), R.click("button", "Send", exact=True)]
    return [*steps, R.click("button", p["channel"], exact=True)]


def reach_book(p: Params, client: SiteClient, search: Params | None = None) -> None:
    """Find the stay (by `search`, else its destination), reserve `p`'s dates and guests,
    and pay with `p`'s card unless `p['pay']` is False."""
    sid = p["stay"]
    reach_search(search or _find_stay(sid), client)
    client.get(f"/rooms/{sid}")
    client.post(f"/rooms/{sid}/reserve", data={"checkin": p["checkin"],
                                               "checkout": p["checkout"],
                                               "guests": str(p["guests"])})
    if p.get("pay", True):
        number, exp, cvv, zipcode = p["card"]
        client.post("/book", data={"card_number": number, "expiration": exp, "cvv": cvv,
                                   "zipcode": zipcode})


def book_steps(p: Params) -> list[Step]:
    """On a page listing the stay: open it, reserve `p`'s dates and guests, pay."""
    number, exp, cvv, zipcode = p["card"]
    return [R.click("link", by_id()[p["stay"]]["title"], exact=True),
            R.fill("Date", "Check-in date", p["checkin"]),
            R.fill("Date", "Checkout date", p["checkout"]),
            R.fill("spinbutton", "Guests", str(p["guests"])),
            R.click("button", "Reserve", exact=True),
            R.fill("textbox", "Card number", number), R.fill("textbox", "Expiration", exp),
            R.fill("textbox", "CVV", cvv), R.fill("textbox", "ZIP code", zipcode),
            R.click("button", "Confirm and pay", exact=True)]


def say_card(rng: random.Random, card: list[str]) -> str:
    number, exp, cvv, zipcode = card
    return rng.choice((f"Pay with card {number}, exp {exp}, CVV {cvv}, zip {zipcode}.",
                       f"card: {number} {exp} cvv {cvv} zip {zipcode}",
                       f"Use my card {number} (expires {exp}, security code {cvv}, "
                       f"billing zip {zipcode})."))


def _ranked(pool: list[dict], by: str) -> list[dict]:
    """`pool` best first: "cheapest", "priciest" or "best" (rated)."""
    if by == "best":
        return sorted(pool, key=lambda s: (-s["rating"], s["id"]))
    return sorted(pool, key=lambda s: (s["price"], s["id"]), reverse=by == "priciest")


def _score(s: dict, by: str) -> float:
    return s["rating"] if by == "best" else s["price"]


WHICH = {"cheapest": ("cheapest", "least expensive", "lowest priced"),
         "priciest": ("most expensive", "priciest", "fanciest (most expensive)"),
         "best": ("best rated", "highest rated", "top rated")}


def draw_pick(rng: random.Random, dests: tuple[str, ...]) -> Params | None:
    """A destination, a need (room for N people, an amenity, or both) and a ranking whose
    best stay is one alone and differs from the best ignoring the need: the pick, the
    runner-up and the best of all; None when the draw has no such answer."""
    dest = rng.choice(dests)
    pool = at(dest)
    by = rng.choice(sorted(WHICH))
    people = rng.choice((0, 2, 3, 4, 5, 6))
    amenity = rng.choice(("", "", *sorted({a for s in pool for a in s["amenities"]})))
    if not people and not amenity:
        return None
    fits = [s for s in pool if s["maxGuests"] >= people and (not amenity or amenity in
                                                              s["amenities"])]
    if len(fits) < 2 or len(fits) == len(pool):
        return None  # no choice to make, or the need rules nothing out
    ranked, overall = _ranked(fits, by), _ranked(pool, by)
    if _score(ranked[0], by) == _score(ranked[1], by) or ranked[0]["id"] == overall[0]["id"]:
        return None  # a tie, or the need does not change the answer
    return {"dest": dest, "called": rng.choice(CALLED[dest]), "by": by, "people": people,
            "amenity": amenity, "pick": ranked[0]["id"], "runner_up": ranked[1]["id"],
            "overall": overall[0]["id"]}


def say_need(p: Params) -> str:
    parts = []
    if p["people"]:
        parts.append(f"sleeps {p['people']}")
    if p["amenity"]:
        parts.append(f"has {AMENITY_WORDS[p['amenity']]}")
    return " and ".join(parts)


def pick_search(p: Params) -> Params:
    """The search and filters that list just the stays fitting the pick's need."""
    out = {"dest": p["dest"], "called": p["called"], "adults": p["people"]}
    return {**out, "amenities": [p["amenity"]]} if p["amenity"] else out


def pick_steps(p: Params) -> list[Step]:
    """The browser steps of `pick_search`: search, and filter by the amenity if any."""
    search = pick_search(p)
    steps = search_steps(search)
    return [*steps, *filter_steps(search)] if search.get("amenities") else steps


def _retry(rng: random.Random, draw: Any, tries: int = 60) -> Draft | None:
    for _ in range(tries):
        found = draw(rng)
        if found is not None:
            return found
    return None


class _StayNBTemplate(Template):
    site = "staynb"


# -- the templates ------------------------------------------------------------------------------
class SearchStays(_StayNBTemplate):
    """Search a destination for dates and guests (judged on the applied search)."""

    name = "search_stays"
    base_task = "staynb-1"
    PHRASES = ("Look up places {in_where} {dates} for {guests}.",
               "StayNB: I need a place {in_where} for {guests}, {dates}",
               "search stays {in_where}, {dates}, {guests}",
               "We're {guests} looking for somewhere to stay {in_where} {dates}. What's "
               "available?",
               "Find me stays {in_where}. Dates: {dates}. Guests: {guests}.")

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft:
        dest = rng.choice(SEARCH_DESTS)
        checkin, checkout = draw_dates(rng)
        guests = draw_guests(rng, max(s["maxGuests"] for s in at(dest)))
        params = {"dest": dest, "called": rng.choice(CALLED[dest]), "checkin": checkin,
                  "checkout": checkout, **guests}
        goal = rng.choice(self.PHRASES).format(
            in_where=in_where(params["called"]), dates=say_dates(rng, checkin, checkout),
            guests=say_guests(rng, guests))
        return Draft(params, goal[0].upper() + goal[1:], difficulty=1 if guests["people"] else 2)

    def judge(self, params: Params, finish: dict) -> Verdict:
        wrong = judge_search(params, finish)
        if wrong:
            return wrong
        return Verdict(True, f"searched {params['called']}, {params['checkin']} to "
                             f"{params['checkout']}, for the guests asked")

    def reach(self, params: Params, client: SiteClient) -> None:
        reach_search(params, client)

    def near_misses(self, params: Params, state: dict[str, Any]) -> list[Params]:
        later = date.fromisoformat(params["checkout"]) + timedelta(days=1)
        other = next(d for d in SEARCH_DESTS[::-1] if d != params["dest"])
        return [{**params, "checkout": later.isoformat()},
                {**params, "dest": other, "called": CALLED[other][0]},
                {**params, "adults": params["adults"] + 1}]

    def solution(self, params: Params) -> list[Step]:
        return [*search_steps(params), R.send("Here are the places that match your search.")]


class SearchWithFilters(_StayNBTemplate):
    """Search a destination for guests (and dates) with amenities, bedrooms or a budget."""

    name = "search_with_filters"
    base_task = "staynb-14"
    PHRASES = ("Show me stays {in_where} {dates}for {guests} with {need}.",
               "StayNB: {guests}, {in_where}, {dates}need {need}",
               "Looking for a place {in_where} {dates}for {guests}. Needs {need}.",
               "find places {in_where} for {guests} {dates}with {need} pls")

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft | None:
        return _retry(rng, self._draw)

    def _draw(self, rng: random.Random) -> Draft | None:
        dest = rng.choice(SEARCH_DESTS)
        pool = at(dest)
        people = rng.randint(1, max(s["maxGuests"] for s in pool))
        pool = [s for s in pool if s["maxGuests"] >= people]
        if len(pool) < 2:
            return None
        amen = [a for a in sorted({a for s in pool for a in s["amenities"]})
                if not all(a in s["amenities"] for s in pool)]
        chosen = sorted(rng.sample(amen, min(len(amen), rng.choice((0, 1, 1, 2)))))
        rooms = [n for n in (2, 3) if any(s["rooms"]["bedrooms"] < n for s in pool)
                 and any(s["rooms"]["bedrooms"] >= n for s in pool)]
        bedrooms = rng.choice([0, *rooms]) if rooms else 0
        prices = sorted({s["price"] for s in pool})
        caps = [c for c in range(50, 600, 25) if prices[0] < c < prices[-1] and c not in prices]
        cap = rng.choice([None, *caps]) if caps else None
        if len(chosen) + bool(bedrooms) + bool(cap) < 1 + (rng.random() < 0.5):
            return None
        fits = [s for s in pool if set(chosen) <= set(s["amenities"])
                and s["rooms"]["bedrooms"] >= bedrooms and (cap is None or s["price"] <= cap)]
        if not fits:
            return None
        dated = rng.random() < 0.7
        checkin, checkout = draw_dates(rng) if dated else (None, None)
        params = {"dest": dest, "called": rng.choice(CALLED[dest]), "checkin": checkin,
                  "checkout": checkout, "people": True, "adults": people, "children": 0,
                  "infants": 0, "pets": 0, "amenities": chosen, "bedrooms": bedrooms,
                  "min_price": None, "max_price": cap}
        needs = [AMENITY_WORDS[a] for a in chosen]
        if bedrooms:
            needs.append(rng.choice((f"{bedrooms}+ bedrooms", f"at least {bedrooms} bedrooms")))
        if cap:
            needs.append(rng.choice((f"a price under ${cap} a night", f"${cap}/night max")))
        need = ", ".join(needs[:-1]) + " and " + needs[-1] if len(needs) > 1 else needs[0]
        dates = say_dates(rng, checkin, checkout) + " " if dated else ""
        goal = rng.choice(self.PHRASES).format(in_where=in_where(params["called"]),
                                               dates=dates, need=need,
                                               guests=say_guests(rng, params))
        return Draft(params, goal[0].upper() + goal[1:], difficulty=min(3, 1 + len(needs)))

    def judge(self, params: Params, finish: dict) -> Verdict:
        wrong = judge_search(params, finish) or judge_filters(params, finish)
        if wrong:
            return wrong
        return Verdict(True, f"searched {params['called']} with the filters asked")

    def reach(self, params: Params, client: SiteClient) -> None:
        reach_search(params, client)
        reach_filters(params, client)

    def near_misses(self, params: Params, state: dict[str, Any]) -> list[Params]:
        out = []
        if params["amenities"]:
            out.append({**params, "amenities": params["amenities"][1:]})
        if params["bedrooms"]:
            out.append({**params, "bedrooms": params["bedrooms"] - 1})
        if params["max_price"]:
            out.append({**params, "max_price": None})
        other = next(d for d in SEARCH_DESTS if d != params["dest"])
        return [*out, {**params, "dest": other, "called": CALLED[other][0]}]

    def solution(self, params: Params) -> list[Step]:
        return [*search_steps(params), *filter_steps(params),
                R.send("Here are the places that fit.")]


class SaveToNewWishlist(_StayNBTemplate):
    """Save one or two named stays to a new wishlist with a given name."""

    name = "save_to_new_wishlist"
    base_task = "staynb-6"
    ONE = ("Save {a} to a new wishlist called {name}.",
           "StayNB: make a wishlist named {name} and add {a} to it",
           "put {a} on a new wishlist, call it {name}",
           "Create a wishlist \"{name}\" with {a} in it.")
    TWO = ("Save {a} and {b} to a new wishlist called {name}.",
           "StayNB: make a wishlist named {name} with {a} and {b}",
           "I like {a} and {b}. Put both on a new wishlist \"{name}\".")

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft:
        pool = [s["id"] for s in stays() if s["destination"] in SEARCH_DESTS]
        sids = rng.sample(pool, rng.choice((1, 1, 2)))
        name = rng.choice(WISHLIST_NAMES)
        said = [self._say(rng, sid) for sid in sids]
        goal = (rng.choice(self.ONE).format(a=said[0], name=name) if len(sids) == 1 else
                rng.choice(self.TWO).format(a=said[0], b=said[1], name=name))
        return Draft({"stays": sids, "name": name}, goal, difficulty=len(sids))

    @staticmethod
    def _say(rng: random.Random, sid: str) -> str:
        s = by_id()[sid]
        return rng.choice((f"the {s['title']}", _with_city(s), f"the {s['title']} listing"))

    def judge(self, params: Params, finish: dict) -> Verdict:
        return judge_wishlist(params["name"], params["stays"], finish)

    def reach(self, params: Params, client: SiteClient) -> None:
        reach_save(client, params["stays"], params["name"])

    def near_misses(self, params: Params, state: dict[str, Any]) -> list[Params]:
        sids = params["stays"]
        other = next(n for n in WISHLIST_NAMES if n != params["name"])
        out = [{**params, "stays": [*sids[:-1], sibling(sids[-1], set(sids))]},
               {**params, "name": other}]
        if len(sids) > 1:
            out.append({**params, "stays": sids[:1]})
        return out

    def solution(self, params: Params) -> list[Step]:
        return [*save_steps(params["stays"], params["name"]),
                R.send(f"Saved to your new wishlist {params['name']}.")]


class WishlistTopPick(_StayNBTemplate):
    """Save the cheapest, priciest or best-rated stay of a destination that fits a need
    (room for N, an amenity) to a new wishlist."""

    name = "wishlist_top_pick"
    base_task = "staynb-6"
    PHRASES = ("Find the {which} place {in_where} that {need} and save it to a new "
               "wishlist called {name}.",
               "StayNB: whats the {which} stay {in_where} that {need}? add it to a wishlist "
               "named {name}",
               "I want the {which} place {in_where} that {need}. Put it on a new wishlist "
               "\"{name}\".")

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft | None:
        return _retry(rng, self._draw)

    def _draw(self, rng: random.Random) -> Draft | None:
        pick = draw_pick(rng, SEARCH_DESTS)
        if pick is None:
            return None
        name = rng.choice((*WISHLIST_NAMES, f"{by_id()[pick['pick']]['city']} trip"))
        params = {**pick, "name": name}
        goal = rng.choice(self.PHRASES).format(which=rng.choice(WHICH[pick["by"]]),
                                               in_where=in_where(pick["called"]),
                                               need=say_need(pick), name=name)
        return Draft(params, goal, difficulty=3 if pick["people"] and pick["amenity"] else 2)

    def judge(self, params: Params, finish: dict) -> Verdict:
        return judge_wishlist(params["name"], [params["pick"]], finish)

    def reach(self, params: Params, client: SiteClient) -> None:
        reach_save(client, [params["pick"]], params["name"])

    def near_misses(self, params: Params, state: dict[str, Any]) -> list[Params]:
        other = next(n for n in WISHLIST_NAMES if n != params["name"])
        return [{**params, "pick": params["runner_up"]}, {**params, "pick": params["overall"]},
                {**params, "name": other}]

    def solution(self, params: Params) -> list[Step]:
        steps = pick_steps(params)
        return [*steps, *save_steps([params["pick"]], params["name"], searched=True),
                R.send(f"Saved {by_id()[params['pick']]['title']} to {params['name']}.")]


class BookStay(_StayNBTemplate):
    """Book a named stay for dates and a number of guests, paying with a given card."""

    name = "book_stay"
    base_task = "staynb-12"
    PHRASES = ("Book {stay} {dates} for {guests}. {card}",
               "StayNB: reserve {stay} for {guests}, {dates}. {card}",
               "I want to book {stay}, {dates}, {guests}. {card}",
               "{card} Book {stay} for {guests} {dates}.")

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft:
        s = rng.choice(stays())
        checkin, checkout = draw_dates(rng, (1, 2, 3, 4, 5, 7))
        guests = rng.randint(1, s["maxGuests"])
        card = list(rng.choice(CARDS))
        params = {"stay": s["id"], "checkin": checkin, "checkout": checkout, "guests": guests,
                  "card": card}
        said = rng.choice((f"the {s['title']}", _with_city(s)))
        goal = rng.choice(self.PHRASES).format(
            stay=said, dates=say_dates(rng, checkin, checkout),
            guests=_plural(guests, "guest") if rng.random() < 0.6
            else _plural(guests, "person", "people"), card=say_card(rng, card))
        return Draft(params, goal, difficulty=2)

    def judge(self, params: Params, finish: dict) -> Verdict:
        return judge_booking(params, finish, f"{by_id()[params['stay']]['title']!r}")

    def reach(self, params: Params, client: SiteClient) -> None:
        reach_book(params, client)

    def near_misses(self, params: Params, state: dict[str, Any]) -> list[Params]:
        later = date.fromisoformat(params["checkout"]) + timedelta(days=1)
        most = by_id()[params["stay"]]["maxGuests"]
        guests = params["guests"] + 1 if params["guests"] < most else params["guests"] - 1
        out = [{**params, "checkout": later.isoformat()}, {**params, "pay": False},
               {**params, "stay": sibling(params["stay"])}]
        return [*out, {**params, "guests": guests}] if guests else out

    def solution(self, params: Params) -> list[Step]:
        return [*search_steps(_find_stay(params["stay"])), *book_steps(params),
                R.send(f"Booked {by_id()[params['stay']]['title']}.")]


class BookTopPick(_StayNBTemplate):
    """Book the cheapest, priciest or best-rated stay of a destination that fits a need,
    for dates and guests, with a given card."""

    name = "book_top_pick"
    base_task = "staynb-5"
    PHRASES = ("Book the {which} place {in_where} that {need}, {dates}, {guests}. {card}",
               "StayNB: reserve the {which} stay {in_where} that {need} for {guests} "
               "{dates}. {card}",
               "{card} I need the {which} place {in_where} that {need}. Book it {dates} "
               "for {guests}.")

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft | None:
        return _retry(rng, self._draw)

    def _draw(self, rng: random.Random) -> Draft | None:
        pick = draw_pick(rng, tuple(CALLED))
        if pick is None:
            return None
        most = by_id()[pick["pick"]]["maxGuests"]
        guests = pick["people"] or rng.randint(1, min(most, 4))
        checkin, checkout = draw_dates(rng, (1, 2, 3, 4, 5, 7))
        card = list(rng.choice(CARDS))
        params = {**pick, "stay": pick["pick"], "checkin": checkin, "checkout": checkout,
                  "guests": guests, "card": card}
        goal = rng.choice(self.PHRASES).format(
            which=rng.choice(WHICH[pick["by"]]), in_where=in_where(pick["called"]),
            need=say_need(pick), dates=say_dates(rng, checkin, checkout),
            guests=_plural(guests, "guest"), card=say_card(rng, card))
        return Draft(params, goal, difficulty=3)

    def judge(self, params: Params, finish: dict) -> Verdict:
        which = WHICH[params["by"]][0]
        return judge_booking(params, finish, f"the {which} place that {say_need(params)}")

    def reach(self, params: Params, client: SiteClient) -> None:
        reach_book(params, client, pick_search(params))

    def near_misses(self, params: Params, state: dict[str, Any]) -> list[Params]:
        a, b = date.fromisoformat(params["checkin"]), date.fromisoformat(params["checkout"])
        shorter = (b - timedelta(days=1)) if (b - a).days > 1 else b + timedelta(days=1)
        out = [{**params, "stay": params["runner_up"]}, {**params, "checkout": shorter.isoformat()}]
        if by_id()[params["overall"]]["maxGuests"] >= params["guests"]:
            out.append({**params, "stay": params["overall"]})
        return out

    def solution(self, params: Params) -> list[Step]:
        steps = pick_steps(params)
        return [*steps, *book_steps(params),
                R.send(f"Booked {by_id()[params['stay']]['title']}.")]


class ShareStay(_StayNBTemplate):
    """Share a named stay by Messages to a conversation, or on another channel."""

    name = "share_stay"
    base_task = "staynb-19"
    TO = ("Send {stay} to {to} on Messages.",
          "StayNB: share {stay} with {to} (Messages)",
          "share the listing for {stay} to {to} in messages",
          "Can you send {to} the {stay} listing? Use Messages.")
    VIA = ("Share {stay} {via}.", "StayNB: share the {stay} listing {via}",
           "send {stay} out {via}")

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft:
        s = rng.choice([x for x in stays() if x["destination"] in SEARCH_DESTS])
        said = rng.choice((s["title"], _with_city(s)))
        if rng.random() < 0.6:
            to = rng.choice(CONVERSATIONS)
            params = {"stay": s["id"], "channel": "Messages", "to": to}
            goal = rng.choice(self.TO).format(stay=said, to=RECIPIENT_WORDS[to])
        else:
            channel = rng.choice(sorted(CHANNEL_WORDS))
            params = {"stay": s["id"], "channel": channel, "to": None}
            goal = rng.choice(self.VIA).format(stay=said, via=CHANNEL_WORDS[channel][1])
        return Draft(params, goal[0].upper() + goal[1:],
                     difficulty=2 if params["to"] else 1)

    def judge(self, params: Params, finish: dict) -> Verdict:
        return judge_share(params, finish)

    def reach(self, params: Params, client: SiteClient) -> None:
        reach_share(params, client)

    def near_misses(self, params: Params, state: dict[str, Any]) -> list[Params]:
        out = [{**params, "stay": sibling(params["stay"])}]
        if params["to"]:
            other = next(c for c in CONVERSATIONS if c != params["to"])
            out += [{**params, "to": other}, {**params, "channel": "Email", "to": None}]
        else:
            other = next(c for c in sorted(CHANNEL_WORDS) if c != params["channel"])
            out.append({**params, "channel": other})
        return out

    def solution(self, params: Params) -> list[Step]:
        return [*search_steps(_find_stay(params["stay"])), *share_steps(params),
                R.send(f"Shared {by_id()[params['stay']]['title']}.")]


class ShareTopPick(_StayNBTemplate):
    """Find the cheapest, priciest or best-rated stay of a destination that fits a need and
    send it to someone on Messages."""

    name = "share_top_pick"
    base_task = "staynb-19"
    PHRASES = ("Find the {which} place {in_where} that {need} and send it to {to} on "
               "Messages.",
               "StayNB: share the {which} stay {in_where} that {need} with {to} (Messages)",
               "whats the {which} place {in_where} that {need}? message it to {to}")

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft | None:
        return _retry(rng, self._draw)

    def _draw(self, rng: random.Random) -> Draft | None:
        pick = draw_pick(rng, SEARCH_DESTS)
        if pick is None:
            return None
        to = rng.choice(CONVERSATIONS)
        params = {**pick, "stay": pick["pick"], "channel": "Messages", "to": to}
        goal = rng.choice(self.PHRASES).format(
            which=rng.choice(WHICH[pick["by"]]), in_where=in_where(pick["called"]),
            need=say_need(pick), to=RECIPIENT_WORDS[to])
        return Draft(params, goal[0].upper() + goal[1:], difficulty=3)

    def judge(self, params: Params, finish: dict) -> Verdict:
        return judge_share(params, finish)

    def reach(self, params: Params, client: SiteClient) -> None:
        reach_share(params, client, pick_search(params))

    def near_misses(self, params: Params, state: dict[str, Any]) -> list[Params]:
        other = next(c for c in CONVERSATIONS if c != params["to"])
        return [{**params, "stay": params["runner_up"]}, {**params, "stay": params["overall"]},
                {**params, "to": other}]

    def solution(self, params: Params) -> list[Step]:
        steps = pick_steps(params)
        return [*steps, *share_steps(params),
                R.send(f"Sent {by_id()[params['stay']]['title']} to {params['to']}.")]


TEMPLATES: list[Template] = [SearchStays(), SearchWithFilters(), SaveToNewWishlist(),
                             WishlistTopPick(), BookStay(), BookTopPick(), ShareStay(),
                             ShareTopPick()]
