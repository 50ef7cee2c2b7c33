"""Page type and page fingerprint, from the URL and the AXTree.

The fingerprint names a *kind* of page ("the inbox", "a product page of this site"):
stable across runs and bid renumbering, blind to counts, numbers and list contents.
It keys the Verified Action Cache and the loop detector.
"""

from __future__ import annotations

import hashlib
import re
from typing import Literal
from urllib.parse import parse_qsl, urlsplit

from halo_cli.obs.tree import AXNode, build

PageType = Literal[
    "inbox", "message", "compose", "search_results", "product", "cart", "checkout",
    "confirmation", "form", "other",
]
PAGE_TYPES: tuple[str, ...] = PageType.__args__  # type: ignore[attr-defined]

_FIELD_ROLES = {"textbox", "searchbox", "combobox", "spinbutton", "listbox"}
_CONTAINER_ROLES = {"list", "listitem", "row", "table", "grid", "treegrid", "article", "cell",
                    "gridcell", "feed", "listbox", "tree", "option", "menu", "status", "alert",
                    "log", "marquee", "timer"}
_LANDMARKS = {"navigation", "main", "banner", "contentinfo", "complementary", "search", "form",
              "region", "dialog", "alertdialog", "tablist", "menubar", "toolbar"}

# (page type, URL path pattern, tree text pattern): a page type scores from either. URL
# patterns read the path only (a query `checkout=2024-07-28` is a date, not a checkout),
# except search results', which read the query too.
_RULES: list[tuple[str, str | None, str | None]] = [
    ("confirmation", r"confirm|thank|success|receipt|order[-_]?complete|booked|/orders?/[^/]+$",
     r"\b(order|booking|reservation|payment) (is |was )?(confirmed|placed|complete)|"
     r"\byour (ride|trip|order|booking|reservation|stay) is (booked|confirmed|placed)|thank you "
     r"for (your )?(order|booking|purchase|reservation)|confirmation (number|code)|"
     r"^(order placed|reservation confirmed|booking confirmed)"),
    ("checkout", r"checkout|payment|/pay\b|shipping|billing|/book\b",
     r"\b(place (your )?order|pay now|submit payment|complete (your )?(purchase|order|booking|"
     r"reservation)|confirm (and|&) pay|payment method|card number|billing address|"
     r"shipping address)\b"),
    ("cart", r"/cart|/basket|/bag\b", None),
    ("compose", r"compose|/draft|/(reply|forward|message)$", None),
    ("message", r"/(e?mails?|messages?|messaging|threads?|conversations?|chats?)/[^/]+",
     r"^(reply|forward)$"),
    ("search_results", r"/search|/results|/s$|/category/|[?&](q|query|search|keywords?|term)=",
     r"\b\d+ results?\b|results for\b|no results\b|search results"),
    ("product", r"/(product|products|item|items|dp|listing|listings|p|rooms|restaurant|hotel|"
     r"homedetails|homes?)/[^/]+$", None),
    ("inbox", r"/(inbox|mail|mailbox|sent|drafts|starred|spam|trash)\b|/(messages|messaging)$",
     r"^(compose|inbox)$"),
]
#: one "Add to cart" / "Buy now" on the page: the page of that item (a list has many)
_BUY = re.compile(r"^(add to (cart|bag|basket)|buy now)\b")
#: the cart itself says so in its title or main heading
_CART_TITLE = re.compile(r"\b(shopping cart|your cart|cart|basket|your bag)\b")


def _texts(roots: list[AXNode]) -> list[tuple[str, str]]:
    out = []
    for root in roots:
        for n in root.walk():
            if not n.ignored and n.name and n.role not in ("InlineTextBox",):
                out.append((n.role, n.name.strip().lower()))
    return out


def _compose_signals(roots: list[AXNode]) -> bool:
    fields = set()
    send = False
    for root in roots:
        for n in root.walk():
            low = n.name.strip().lower()
            if n.role in _FIELD_ROLES and low in ("to", "recipients", "recipient", "cc", "subject"):
                fields.add(low)
            if n.role == "button" and low == "send":
                send = True
    return send and ("subject" in fields or bool(fields & {"to", "recipients", "recipient"}))


_ASIDE = {"complementary", "banner", "navigation", "contentinfo"}


def _form_signals(roots: list[AXNode]) -> bool:
    """The page is one form: at least two fields in its own content (not a sidebar's, a
    header's or a search box), a button that submits, and not many links beside them (a
    home page with a search widget above its listings is not a form)."""
    fields = links = 0
    submit = False
    for root in roots:
        for n in root.walk():
            if n.ignored or n.role not in _FIELD_ROLES | {"checkbox", "radio", "button", "link"}:
                continue
            own = not any(a.role in _ASIDE for a in n.ancestors())
            if n.role == "link" and own:
                links += 1
            if (n.role in _FIELD_ROLES | {"checkbox", "radio"} and n.role != "searchbox"
                    and "search" not in n.name.lower() and own):
                fields += 1
            if n.role == "button" and re.search(
                r"submit|save|continue|next|apply|sign|log ?in|register|book|reserve|request|"
                r"search|update|create|post|send|invite|hire|offer|show|done", n.name.lower()
            ):
                submit = True
    return fields >= 2 and submit and links <= fields + 5


def classify(url: str, axtree: dict | None) -> PageType:
    """The page's type, from URL shape and what the tree shows (first matching rule wins)."""
    parts = urlsplit(url or "")
    path = (parts.path or "/").lower().rstrip("/") or "/"
    where = path + ("?" + parts.query.lower() if parts.query else "")
    roots = build(axtree)
    texts = _texts(roots)
    compose = _compose_signals(roots)
    for page_type, url_pat, tree_pat in _RULES:
        if page_type == "compose":
            if compose or (url_pat and re.search(url_pat, path)):
                return "compose"
            continue
        if page_type == "cart" and _cart_title(roots):
            return "cart"
        if page_type == "product" and sum(
                1 for role, name in texts if role == "button" and _BUY.search(name)) == 1:
            return "product"
        if url_pat and re.search(url_pat, where if page_type == "search_results" else path):
            return page_type  # type: ignore[return-value]
        if tree_pat:
            rx = re.compile(tree_pat)
            roles = ("button", "link", "heading", "StaticText", "status", "alert")
            if page_type == "message":
                roles = ("button",)
            if page_type == "inbox":
                roles = ("button", "link")
            if any(role in roles and rx.search(name) for role, name in texts):
                if page_type == "inbox" and not _many_rows(roots):
                    continue
                return page_type  # type: ignore[return-value]
    if _form_signals(roots):
        return "form"
    return "other"


def _cart_title(roots: list[AXNode]) -> bool:
    """The page's title or its first level-1 heading names a cart."""
    for root in roots:
        if root.role == "RootWebArea" and _CART_TITLE.search(root.name.lower().split("|")[0]):
            return True
        for n in root.walk():
            if n.role == "heading" and n.props.get("level") == 1 and not n.ignored:
                return bool(_CART_TITLE.search(n.name.lower()))
    return False


def _many_rows(roots: list[AXNode]) -> bool:
    rows = sum(
        1 for r in roots for n in r.walk()
        if n.role in ("listitem", "row", "article") and not n.ignored
    )
    return rows >= 2


_ID_SEGMENT = re.compile(
    r"^(\d+|[0-9a-f]{8,}|[0-9a-f-]{32,36}|.*\d.*)$", re.IGNORECASE
)


def path_shape(url: str) -> str:
    """URL path with ids/numbers masked and query values dropped: `/email/:id?folder`."""
    parts = urlsplit(url or "")
    segs = [s for s in (parts.path or "/").split("/") if s]
    masked = [":id" if _ID_SEGMENT.match(s) or len(s) > 40 else s.lower() for s in segs]
    keys = sorted({k.lower() for k, _ in parse_qsl(parts.query, keep_blank_values=True)})
    shape = "/" + "/".join(masked)
    if keys:
        shape += "?" + "&".join(keys)
    if parts.fragment.startswith("/"):  # hash routers: '#/inbox/12'
        shape += "#" + path_shape(parts.fragment)
    return shape


def _mask(text: str) -> str:
    text = re.sub(r"\d+([.,:/]\d+)*", "#", text.lower())
    return re.sub(r"\s+", " ", text).strip()[:60]


def _in_container(node: AXNode) -> bool:
    return any(a.role in _CONTAINER_ROLES for a in node.ancestors())


# On these pages the main heading names the item shown (a subject, a product): content.
_ITEM_PAGES = {"message", "product"}


def structure(axtree: dict | None, page_type: str | None = None) -> list[str]:
    """The page skeleton the fingerprint hashes: landmarks, headings, buttons, fields."""
    items: set[str] = set()
    item_page = page_type in _ITEM_PAGES
    for root in build(axtree):
        for n in root.walk():
            if n.ignored or n.hidden or _in_container(n):
                continue
            if n.role in _LANDMARKS:
                items.add(f"L:{n.role}:{_mask(n.name) if n.role.endswith('dialog') else ''}")
            elif n.role == "heading" and n.props.get("level", 1) in (1, 2, None):
                items.add("H:*" if item_page else f"H:{_mask(n.name)}")
            elif n.role == "button" and n.name:
                items.add(f"B:{_mask(n.name)}")
            elif n.role in _FIELD_ROLES:
                items.add(f"F:{n.role}:{_mask(n.name)}")
    return sorted(items)


def fingerprint(url: str, axtree: dict | None, page_type: str | None = None) -> str:
    """12-hex-digit hash of page type, URL path shape and page skeleton."""
    ptype = page_type or classify(url, axtree)
    blob = "\n".join([ptype, path_shape(url), *structure(axtree, ptype)])
    return hashlib.sha1(blob.encode("utf-8")).hexdigest()[:12]
