"""Rules applied to every action before it runs: stay on the task's site and off the
evaluator's pages; spot irreversible steps that deserve the Manager's review.

agisdk's task setup leaves the site's `/finish` page (the state JSON the eval script
reads) open in a background tab, and `/config` starts the task's session afresh: the
agent is neither shown those tabs (`visible_tabs`) nor allowed to open them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import urljoin, urlsplit

from halo_cli.obs.locate import nodes
from halo_cli.policy.actions import Action

_DEFAULT_PORTS = {"http": 80, "https": 443}

HIGH_STAKES_NAME = re.compile(
    r"\b(place (your )?order|buy( it)? now|purchase|pay( now)?|checkout|check out|"
    r"submit( (order|payment|request|application))?|confirm( (and|&) pay| (order|booking|"
    r"purchase|payment|reservation|ride|trip))?|complete (order|purchase|booking|reservation)|"
    r"book( now)?|reserve( now)?|send( now)?|delete( forever| permanently)?|remove|trash|"
    r"discard|cancel (order|booking|reservation|ride|trip)|request (ride|trip|driver)|hire|"
    r"transfer|unsubscribe)\b",
    re.IGNORECASE,
)
_CLICKS = ("click", "dblclick")


def origin_key(url: str) -> tuple[str, int | None] | None:
    """(host, port) of an http(s) URL, default ports filled in; None otherwise."""
    parts = urlsplit(url)
    if parts.scheme not in _DEFAULT_PORTS or not parts.hostname:
        return None
    try:
        port = parts.port or _DEFAULT_PORTS[parts.scheme]
    except ValueError:
        return None
    return parts.hostname.lower(), port


def on_site(url: str, start_url: str, extra_origins: Sequence[str] = ()) -> bool:
    key = origin_key(url)
    if key is None:
        return False
    allowed = {origin_key(u) for u in (start_url, *extra_origins)}
    return key in allowed


#: the paths under a task's URL that belong to the evaluator, not to the task
GRADER_PATHS = ("/finish", "/config")


def is_grader_page(url: str, start_url: str) -> bool:
    """`url` is the task site's `/finish` (the grader's state JSON) or `/config` page:
    on the start page's origin, directly under the site's root (a prefix of the start
    page's path, which may be deeper when the site redirected on load)."""
    if not url or origin_key(url) is None or origin_key(url) != origin_key(start_url):
        return False
    head, _, last = urlsplit(url).path.rstrip("/").rpartition("/")
    if "/" + last not in GRADER_PATHS:
        return False
    base = urlsplit(start_url).path.rstrip("/")
    return base == head or base.startswith(head + "/")


def visible_tabs(open_tabs: Sequence[str], start_url: str) -> tuple[tuple[int, str], ...]:
    """(env tab index, url) of every open tab but the evaluator's: the indices stay the
    ones `tab_focus` takes."""
    return tuple((i, u) for i, u in enumerate(open_tabs) if not is_grader_page(u, start_url))


def off_site_reason(
    action: Action,
    *,
    start_url: str,
    current_url: str = "",
    open_tabs: Sequence[str] = (),
    axtree: dict | None = None,
    extra_origins: Sequence[str] = (),
) -> str | None:
    """Why `action` would leave the task's site or open the evaluator's page, or None
    when it stays on the task."""
    if action.name == "goto" or (action.name == "new_tab" and action.args):
        target = urljoin(current_url or start_url, str(action.arg(0, "url", "")))
        if is_grader_page(target, start_url):
            return f"{action.name} to {target} opens the evaluator's page, not part of the task"
        if not on_site(target, start_url, extra_origins):
            return f"{action.name} to {target} leaves the task's site"
    elif action.name == "tab_focus":
        idx = action.arg(0, "index")
        if isinstance(idx, int) and 0 <= idx < len(open_tabs):
            url = open_tabs[idx]
            if is_grader_page(url, start_url):
                return f"tab {idx} is the evaluator's page, not part of the task"
            if url not in ("", "about:blank") and not on_site(url, start_url, extra_origins):
                return f"tab {idx} shows {url}, off the task's site"
    elif action.name in _CLICKS and axtree is not None and action.bids:
        node = next((n for n in nodes(axtree) if n.bid == action.bids[0]), None)
        url = str(node.props.get("url") or "") if node is not None else ""
        if url and urlsplit(url).scheme in _DEFAULT_PORTS:
            url = urljoin(current_url or start_url, url)
            if is_grader_page(url, start_url):
                return f"link to {url} opens the evaluator's page, not part of the task"
            if not on_site(url, start_url, extra_origins):
                return f"link to {url} leaves the task's site"
    return None


def high_stakes_target(action: Action, axtree: dict | None) -> str | None:
    """The target's description if clicking it looks irreversible, else None."""
    if action.name not in (*_CLICKS, "press") or not action.bids:
        return None
    if action.name == "press" and "enter" not in str(action.arg(1, "key_comb", "")).lower():
        return None
    node = next((n for n in nodes(axtree or {}) if n.bid == action.bids[0]), None)
    if node is None or not HIGH_STAKES_NAME.search(node.name):
        return None
    return f'{node.role} "{node.name}"'
