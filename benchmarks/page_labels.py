"""The labelled sets: every page the reference solutions visit with its right type, and
which of their steps that change `/finish` are irreversible.

Labels come from the rules below, one list per site, written by reading each page the
references visit (its URL, title and what it shows) and checked by hand; they do not use
`obs.pages.classify`. Types (`obs.pages.PAGE_TYPES`):
- inbox: a list of messages or conversations (a mailbox, a label, starred, a messages list);
- message: one message or conversation thread;
- compose: writing a new message or a reply;
- search_results: results of a search, or a list of items to choose from by a query or
  category;
- product: the page of one item the site offers (goods, a dish, a restaurant, a stay, a
  home for sale or rent);
- cart: the cart or basket itself;
- checkout: where an order, booking, ride or payment is completed (details, pay, confirm);
- confirmation: the page that says it is done (order placed, reservation confirmed);
- form: a page whose purpose is one form (create an event, a label, a wishlist, a job; a
  ride request; filters; an invitation, an offer, a tour request; choosing recipients);
- other: home pages, feeds, calendars, profiles, dashboards, lists that are none of the above.

Irreversible steps (`benchmarks/data/irreversible.json`): among the steps that change what
`/finish` reports, the clicks that commit something the user cannot take back from the page
(orders, sends, posts, bookings, ride and tour requests, payments, hires and offers,
invitations, deletions and removals), by the target's name below, checked by hand against
the list of all such steps (`benchmarks/observation.py --changing`). Not irreversible:
navigation, searches, filters, adding to a cart, "Buy Now" (it opens the checkout),
archiving, marking read, snoozing, labels, following, saving an event to one's own
calendar or a profile to a list, choosing a ride option.

Run: .venv/bin/python benchmarks/page_labels.py --captures /tmp/obs-captures
(writes tests/obs/data/page_types.jsonl and benchmarks/data/irreversible.json)
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

from benchmarks.observation import IRREVERSIBLE, LABELS, finish_changing, load

IRREVERSIBLE_TARGET = re.compile(
    r'^button "(send|send message|send invitation|send offer|post|post job|place order|'
    r"place your order|complete reservation|request udriver\w*|submit a tour request|"
    r'contact agent|delete|delete event|remove job post: .*|add funds|notify me|'
    r'invite .* to connect)"$', re.IGNORECASE)

# site -> [(regex on "/path?query" below the site's root, type)]: the first match wins
RULES: dict[str, list[tuple[str, str]]] = {
    "dashdish": [
        (r"^/?$", "other"), (r"^/category/", "search_results"), (r"^/search", "search_results"),
        (r"^/store/[^/]+/item/", "product"), (r"^/store/[^/]+$", "other"),
        (r"^/checkout", "checkout"), (r"^/orders/", "confirmation"),
    ],
    "gocalendar": [
        (r"^/?$", "other"), (r"^/week", "other"), (r"^/day", "other"), (r"^/month", "other"),
        (r"^/create", "form"), (r"^/event/[^/]+/edit", "form"), (r"^/event/", "other"),
        (r"^/search", "search_results"), (r"^/tasks", "other"),
    ],
    "gomail": [
        (r"^/?$", "inbox"), (r"^/(starred|sent|snoozed|archive|trash|drafts)", "inbox"),
        (r"^/label/", "inbox"), (r"^/labels/new", "form"), (r"^/compose", "compose"),
        (r"^/email/[^/]+/(reply|forward)", "compose"), (r"^/email/", "message"),
        (r"^/search", "search_results"),
    ],
    "marrisuite": [(r"^/?$", "other"), (r"^/search", "search_results"),
                   (r"^/hotel/", "product"), (r"^/book", "checkout")],
    "networkin": [
        (r"^/?$", "other"), (r"^/search", "search_results"), (r"^/messaging/.+", "message"),
        (r"^/messaging", "inbox"), (r"^/posts/[^/]+/send", "form"), (r"^/in/", "other"),
        (r"^/(companies|events|mynetwork|jobs|notifications)", "other"),
    ],
    "omnizon": [
        (r"^/?$", "other"), (r"^/search", "search_results"), (r"^/product/", "product"),
        (r"^/cart", "cart"), (r"^/checkout", "checkout"), (r"^/confirmation", "confirmation"),
    ],
    "opendining": [
        (r"^/?$", "other"), (r"^/search", "search_results"), (r"^/restaurant/", "product"),
        (r"^/book", "checkout"), (r"^/reservations/.+", "confirmation"),
        (r"^/(notifications|reservations)", "other"),
    ],
    "staynb": [
        (r"^/?$", "other"), (r"^/s/filters", "form"), (r"^/s\b", "search_results"),
        (r"^/rooms/[^/]+/save", "form"), (r"^/rooms/[^/]+/share/.+", "form"),
        (r"^/rooms/[^/]+/share", "other"), (r"^/rooms/[^/]+/book", "checkout"),
        (r"^/rooms/[^/]+$", "product"), (r"^/(trips|wishlists)", "other"),
    ],
    "topwork": [
        (r"^/?$", "other"), (r"^/talent/[^/?]+/(invite|offer)", "form"),
        (r"^/talent/[^/?]+/message", "compose"), (r"^/talent/hires", "other"),
        (r"^/talent/[^/?]+$", "other"), (r"^/talent", "search_results"),
        (r"^/messages/.+", "message"), (r"^/messages", "inbox"),
        (r"^/jobs/new", "form"), (r"^/jobs", "other"),
    ],
    "udriver": [
        (r"^/?(\?|$)", "form"), (r"^/ride/location", "form"),
        (r"^/ride/(options|select)", "checkout"), (r"^/trips/.+", "confirmation"),
        (r"^/(payment|wallet|trips)", "other"),
    ],
    "zilloft": [
        (r"^/?$", "other"), (r"^/homes/[^/]+/(contact|tour)", "form"),
        (r"^/homes/[^/?]+$", "product"), (r"^/homes", "search_results"),
        (r"^/agents/[^/]+/contact", "form"), (r"^/agents/[^/?]+$", "other"),
        (r"^/agents", "search_results"), (r"^/tours", "other"),
    ],
}


def label(task: str, url: str) -> str | None:
    """The page's type by its site's rules, or None when no rule covers it."""
    site = task.split("-")[0]
    parts = urlsplit(url)
    path = parts.path.split(f"/{site}", 1)[-1] or "/"
    where = path + ("?" + parts.query if parts.query else "")
    for pattern, page_type in RULES.get(site, []):
        if re.search(pattern, where):
            return page_type
    return None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--captures", type=Path, required=True)
    args = ap.parse_args()
    from halo_cli.obs.tree import build

    rows, missing = [], []
    episodes = load(args.captures)
    for task, episode in episodes.items():
        for row in episode:
            page_type = label(task, row["url"])
            roots = build(row["axtree_object"])
            title = roots[0].name if roots else ""
            parts = urlsplit(row["url"])
            url = parts.path + ("?" + parts.query if parts.query else "")
            if page_type is None:
                missing.append(f"{task}#{row['step']} {url}")
                continue
            rows.append({"task": task, "step": row["step"], "url": url, "title": title,
                         "type": page_type})
    LABELS.parent.mkdir(parents=True, exist_ok=True)
    LABELS.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    print(f"{len(rows)} pages labelled into {LABELS}; {len(missing)} without a rule")
    for m in missing:
        print("  no rule:", m)
    steps = {key: {"action": action, "target": target,
                   "irreversible": bool(IRREVERSIBLE_TARGET.match(target))}
             for key, action, target in finish_changing(episodes)}
    IRREVERSIBLE.parent.mkdir(parents=True, exist_ok=True)
    IRREVERSIBLE.write_text(json.dumps(steps, indent=1, ensure_ascii=False, sort_keys=True))
    print(f"{len(steps)} steps change /finish; "
          f"{sum(s['irreversible'] for s in steps.values())} irreversible")


if __name__ == "__main__":
    main()
