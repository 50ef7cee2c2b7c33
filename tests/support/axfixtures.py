"""Hand-built AXTrees shaped like Chromium's getFullAXTree output as browsergym gives it.

`n(role, name, *children, ...)` describes a node; `tree(spec, bid_start=...)` flattens it
into {"nodes": [...]} with nodeIds, childIds, parentIds, InlineTextBoxes under
StaticText, ignored wrappers, and sequential browsergym_ids from `bid_start` (so the
same page can be built again with every bid renumbered).
"""

from __future__ import annotations

from typing import Any

import numpy as np

_NO_BID = {"StaticText", "InlineTextBox", "LineBreak", "ListMarker"}


def n(role: str, name: str = "", *children: dict, value: str | None = None,
      ignored: bool = False, bid: bool = True, **props: Any) -> dict:
    return {"role": role, "name": name, "children": list(children), "value": value,
            "ignored": ignored, "bid": bid, "props": props}


def text(s: str) -> dict:
    return n("StaticText", s)


def wrap(*children: dict) -> dict:
    """An ignored generic <div> wrapper, as Chromium reports it."""
    return n("none", "", *children, ignored=True, bid=False)


def tree(spec: dict, bid_start: int = 0) -> dict:
    nodes: list[dict] = []
    counter = {"id": 1, "bid": bid_start}

    def add(s: dict, parent: str | None) -> str:
        nid = str(counter["id"])
        counter["id"] += 1
        raw: dict[str, Any] = {"nodeId": nid, "ignored": s["ignored"],
                               "role": {"type": "role", "value": s["role"]},
                               "childIds": [], "backendDOMNodeId": int(nid)}
        if parent is not None:
            raw["parentId"] = parent
        if not s["ignored"]:
            raw["name"] = {"type": "computedString", "value": s["name"]}
            raw["properties"] = [
                {"name": k, "value": {"type": "booleanOrUndefined" if isinstance(v, bool)
                                      else "token", "value": v}}
                for k, v in s["props"].items()
            ]
        if s["value"] is not None:
            raw["value"] = {"type": "string", "value": s["value"]}
        if s["bid"] and s["role"] not in _NO_BID and not s["ignored"]:
            raw["browsergym_id"] = str(counter["bid"])
            counter["bid"] += 1
        nodes.append(raw)
        kids = list(s["children"])
        if s["role"] == "StaticText" and s["name"]:
            kids = [n("InlineTextBox", s["name"], bid=False)]
        for child in kids:
            raw["childIds"].append(add(child, nid))
        return nid

    add(spec, None)
    return {"nodes": nodes}


def page(title: str, *body: dict, nav: bool = True) -> dict:
    parts = []
    if nav:
        parts.append(n("navigation", "Main", n("link", "Inbox", text("Inbox"), url="/inbox"),
                       n("link", "Sent", text("Sent"), url="/sent")))
    parts.append(n("main", "", *body))
    return n("RootWebArea", title, wrap(*parts), focusable=True)


def inbox(emails: list[tuple[str, str]], checked: tuple[int, ...] = ()) -> dict:
    rows = [
        n("listitem", "",
          n("checkbox", f"Select {subject}", checked="true" if i in checked else "false"),
          n("link", subject, text(subject), url=f"/email/{100 + i}"),
          n("generic", "", text(sender), bid=True),
          text(f"{i + 1}:0{i} PM"))
        for i, (sender, subject) in enumerate(emails)
    ]
    return page(
        f"Inbox ({len(emails)}) - GoMail",
        n("heading", "Inbox", text("Inbox"), level=1),
        n("searchbox", "Search mail"),
        n("button", "Compose", text("Compose")),
        n("toolbar", "Actions", n("button", "Delete", text("Delete")),
          n("button", "Archive", text("Archive")), n("button", "Mark as read")),
        n("list", "", *rows),
    )


def compose(to: str = "", subject: str = "", body: str = "") -> dict:
    return page(
        "New message - GoMail",
        n("heading", "New message", level=1),
        n("textbox", "To", value=to), n("textbox", "Subject", value=subject),
        n("textbox", "Body", value=body, multiline=True),
        n("button", "Send", text("Send")), n("button", "Discard"),
    )


def checkout(total: str = "$42.00") -> dict:
    return page(
        "Checkout - Omnizon",
        n("heading", "Checkout", level=1),
        n("textbox", "Card number"), n("textbox", "Billing address"),
        n("StaticText", f"Order total: {total}"),
        n("button", "Place your order", text("Place your order")),
        n("link", "Help", url="https://help.example.org/"),
        nav=False,
    )


def screenshot(h: int = 72, w: int = 128) -> np.ndarray:
    img = np.zeros((h, w, 3), dtype=np.uint8)
    img[:, : w // 2] = (200, 30, 30)
    return img


def obs(ax: dict, url: str, *, error: str = "", tabs: list[str] | None = None,
        shot: np.ndarray | None = None, goal: str = "") -> dict:
    return {"axtree_object": ax, "url": url, "last_action_error": error,
            "open_pages_urls": tabs or [url], "active_page_index": 0,
            "screenshot": screenshot() if shot is None else shot, "goal": goal,
            "chat_messages": []}
