"""Rules applied to every action before it runs: stay on the task's site and off the
evaluator's pages; which Worker actions the Manager reviews (an end, an irreversible step).

agisdk's task setup leaves the site's `/finish` page (the state JSON the eval script
reads) open in a background tab, and `/config` starts the task's session afresh: the
agent is neither shown those tabs (`visible_tabs`) nor allowed to open them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import urljoin, urlsplit

from halo_cli.agent.macros import MACROS
from halo_cli.config.modes import ManagerTriggers
from halo_cli.obs.forms import form_submitted
from halo_cli.obs.locate import node_of
from halo_cli.origin import DEFAULT_PORTS, origin
from halo_cli.policy.actions import CHAT_FUNCTIONS, Action

HIGH_STAKES_NAME = re.compile(
    r"\b(place (your )?order|buy( it)? now|purchase|pay( now)?|checkout|check out|"
    r"submit( (order|payment|request|application))?|confirm( (and|&) pay| (order|booking|"
    r"purchase|payment|reservation|ride|trip))?|complete (order|purchase|booking|reservation)|"
    r"book( now)?|reserve( now)?|send( now)?|delete( forever| permanently)?|remove|trash|"
    r"discard|cancel (order|booking|reservation|ride|trip)|request( \w+)?|hire|"
    r"transfer|unsubscribe|post( (job|update|it|now))?|publish|contact( \w+)?|notify me|"
    r"add (funds|money|credits?|payment)|apply( now)?|schedule( \w+)?|reply|forward|"
    r"withdraw|donate|tip)\b",
    re.IGNORECASE,
)
#: a POST form submitted by these is a look-up or an easily undone step, not a commit
LOOKUP_NAME = re.compile(
    r"\b(search|find|filter|sort|sign in|log ?in|add to (cart|bag|basket|wish ?list|list)|"
    r"save for later|update (cart|quantity)|apply filters?|next|previous|back|show|view|"
    r"mark as (read|unread)|(un)?star|"
    r"load more|clear)\b",
    re.IGNORECASE,
)
_CLICKS = ("click", "dblclick")


def on_site(url: str, start_url: str, extra_origins: Sequence[str] = ()) -> bool:
    """`url` is an http(s) page on the start page's origin (or one of `extra_origins`)."""
    here = origin(url)
    return bool(here) and here in {origin(u) for u in (start_url, *extra_origins)}


#: the paths under a task's URL that belong to the evaluator, not to the task
GRADER_PATHS = ("/finish", "/config")


def is_grader_page(url: str, start_url: str) -> bool:
    """`url` is the task site's `/finish` (the grader's state JSON) or `/config` page:
    on the start page's origin, directly under the site's root (a prefix of the start
    page's path, which may be deeper when the site redirected on load)."""
    if not origin(url) or origin(url) != origin(start_url):
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
        node = node_of(axtree, action.bids[0])
        url = str(node.props.get("url") or "") if node is not None else ""
        if url and urlsplit(url).scheme in DEFAULT_PORTS:
            url = urljoin(current_url or start_url, url)
            if is_grader_page(url, start_url):
                return f"link to {url} opens the evaluator's page, not part of the task"
            if not on_site(url, start_url, extra_origins):
                return f"link to {url} leaves the task's site"
    return None


def high_stakes_target(action: Action, axtree: dict | None, dom: dict | None = None
                       ) -> str | None:
    """The target's description if the action looks irreversible, else None: a click or
    Enter on an element named like a commit (send, order, book, pay, post, hire, delete,
    request, contact, ...), or one that submits a POST form (`obs.forms`) and is not
    named like a look-up (search, filter, sign in, add to cart, ...), whatever its name."""
    if action.name not in (*_CLICKS, "press") or not action.bids:
        return None
    if action.name == "press" and "enter" not in str(action.arg(1, "key_comb", "")).lower():
        return None
    node = node_of(axtree, action.bids[0])
    if node is None:
        return None
    what = f'{node.role} "{node.name}"'
    if HIGH_STAKES_NAME.search(node.name):
        return what
    how = "enter" if action.name == "press" else "click"
    if form_submitted(dom, action.bids[0], how) == "post" and not LOOKUP_NAME.search(node.name):
        return f"{what} (submits a form)"
    return None


def review_trigger(action: Action, axtree: dict | None, triggers: ManagerTriggers,
                   dom: dict | None = None) -> tuple[str, str | None] | None:
    """(trigger, target) when the Worker's `action` needs the Manager's review: it ends
    the episode (`finish`), or it looks irreversible (`high_stakes`, `dom` being the
    observation's DOM snapshot); None otherwise."""
    if action.name in CHAT_FUNCTIONS:
        return ("finish", None) if triggers.on_finish else None
    if not triggers.on_high_stakes:
        return None
    spec = MACROS.get(action.name)
    if spec is not None:
        return ("high_stakes", action.text) if spec.high_stakes(action) else None
    target = high_stakes_target(action, axtree, dom)
    return ("high_stakes", target) if target is not None else None
