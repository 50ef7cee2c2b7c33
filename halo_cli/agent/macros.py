"""Macro skills: several browsergym actions behind one call the Worker/Manager can make.

Each macro is a generator yielding one concrete action at a time; before each step it
reads the latest observation from its context, so the runner steps the env per inner
action (and logs each one). Targets are found by role and name, never by fixed bid.
A macro that can't go on raises MacroFailed; the agent then falls back to its models.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from halo_cli.obs.locate import find_all
from halo_cli.obs.pages import classify
from halo_cli.obs.tree import AXNode, build
from halo_cli.obs.tree import AXNode as Node
from halo_cli.policy.actions import Action, Param, format_call

MAX_INNER_STEPS = 12
_FIELD_ROLES = ("textbox", "searchbox", "combobox")


class MacroFailed(RuntimeError):
    """The macro can't continue on this page; the message says why."""


@dataclass
class MacroContext:
    """What a macro reads between its steps (refreshed by MacroRun)."""

    obs: dict[str, Any] = field(default_factory=dict)

    @property
    def axtree(self) -> dict:
        return self.obs.get("axtree_object") or {}

    @property
    def url(self) -> str:
        return str(self.obs.get("url", ""))


MacroFn = Callable[..., Iterator[str]]


@dataclass(frozen=True)
class MacroSpec:
    name: str
    params: tuple[Param, ...]
    doc: str
    fn: MacroFn
    high_stakes: Callable[[Action], bool] = lambda _a: False


def _first(axtree: dict, roles: tuple[str, ...], pattern: str) -> Node | None:
    """First node of the given roles (in role order) whose name matches `pattern` (regex)."""
    rx = re.compile(pattern, re.IGNORECASE)
    for role in roles:
        for node in find_all(axtree, role):
            if rx.search(node.name):
                return node
    return None


def _named(axtree: dict, roles: tuple[str, ...], name: str) -> Node | None:
    """Exact name first, then substring, in role order."""
    for exact in (True, False):
        for role in roles:
            hits = find_all(axtree, role, name, exact=exact)
            if hits:
                return hits[0]
    return None


def _field(axtree: dict, pattern: str) -> Node | None:
    return _first(axtree, _FIELD_ROLES, pattern)


def macro_search(ctx: MacroContext, text: str) -> Iterator[str]:
    """Type `text` into the page's search box and submit."""
    box = _first(ctx.axtree, ("searchbox",), ".") or _field(ctx.axtree, r"search|find")
    if box is None:
        raise MacroFailed("no search box on this page")
    yield format_call("fill", box.bid, text)
    yield format_call("press", box.bid, "Enter")


_OPEN_ROLES = ("link", "button", "heading", "gridcell", "cell", "row", "listitem", "option",
               "menuitem", "tab", "article", "img")


def macro_open(ctx: MacroContext, name: str) -> Iterator[str]:
    """Click the link/button/row whose name is (or contains) `name`."""
    node = _named(ctx.axtree, _OPEN_ROLES, name)
    if node is None:
        raise MacroFailed(f"nothing named {name!r} to open on this page")
    yield format_call("click", node.bid)


_ADD = r"add to (cart|bag|basket)|buy now"
_TO_CHECKOUT = (r"proceed to checkout|go to checkout|^checkout$|check ?out", r"cart|basket|bag")
_PLACE = r"place (your )?order|pay now|submit payment|complete (purchase|order)|confirm (and|&) pay"


def macro_add_to_cart_and_checkout(ctx: MacroContext, item: str = "") -> Iterator[str]:
    """Open `item` (if given), add it to the cart, and go to checkout; stops before paying."""
    if item and _first(ctx.axtree, ("button",), _ADD) is None:
        yield from macro_open(ctx, item)
    add = _first(ctx.axtree, ("button", "link"), _ADD)
    if add is None:
        raise MacroFailed("no 'Add to cart' button on this page")
    yield format_call("click", add.bid)
    for _ in range(4):
        if classify(ctx.url, ctx.axtree) == "checkout" or _first(
            ctx.axtree, ("button",), _PLACE
        ):
            return
        nxt = None
        for pattern in _TO_CHECKOUT:
            nxt = _first(ctx.axtree, ("button", "link"), pattern)
            if nxt is not None:
                break
        if nxt is None:
            raise MacroFailed("added to cart, but found no way to the checkout")
        yield format_call("click", nxt.bid)
    raise MacroFailed("did not reach the checkout page")


def _text_of(node: AXNode) -> str:
    return " ".join(n.name for n in node.walk() if n.name and not n.ignored).lower()


def _row_checkboxes(axtree: dict, match: str) -> list[str]:
    """Bids of checkboxes of the rows (list items, rows, articles) whose text has `match`."""
    want = match.lower()
    found: list[str] = []
    for root in build(axtree):
        for node in root.walk():
            if node.role not in ("row", "listitem", "article", "gridcell", "link", "group"):
                continue
            boxes = [n for n in node.walk() if n.role == "checkbox" and n.bid and not n.ignored]
            if len(boxes) != 1 or want not in _text_of(node):
                continue
            if boxes[0].bid not in found:
                found.append(boxes[0].bid)  # type: ignore[arg-type]
    if not found:
        found = [n.bid for n in find_all(axtree, "checkbox", match)]
    return found


def _is_checked(axtree: dict, bid: str) -> bool:
    for node in find_all(axtree, "checkbox"):
        if node.bid == bid:
            return str(node.props.get("checked", "false")).lower() == "true"
    return False


def macro_select_emails_and_act(ctx: MacroContext, match: str, action: str) -> Iterator[str]:
    """Tick every email row containing `match`, then click the `action` button (Delete...)."""
    boxes = _row_checkboxes(ctx.axtree, match)
    if not boxes:
        raise MacroFailed(f"no email row matching {match!r}")
    for bid in boxes:
        if not _is_checked(ctx.axtree, bid):
            yield format_call("click", bid)
    btn = _named(ctx.axtree, ("button", "menuitem", "link"), action)
    if btn is None:
        raise MacroFailed(f"no {action!r} button after selecting")
    yield format_call("click", btn.bid)


def macro_compose_and_send(ctx: MacroContext, to: str, subject: str, body: str) -> Iterator[str]:
    """Open the composer if needed, fill To / Subject / Body, and click Send."""
    if _field(ctx.axtree, r"^(to|recipients?)\b") is None:
        compose = _first(ctx.axtree, ("button", "link"), r"compose|new (message|mail|email)")
        if compose is None:
            raise MacroFailed("no Compose button and no open composer")
        yield format_call("click", compose.bid)
    to_box = _field(ctx.axtree, r"^(to|recipients?)\b")
    if to_box is None:
        raise MacroFailed("composer has no To field")
    yield format_call("fill", to_box.bid, to)
    subj = _field(ctx.axtree, r"subject")
    if subj is None:
        raise MacroFailed("composer has no Subject field")
    yield format_call("fill", subj.bid, subject)
    body_box = _field(ctx.axtree, r"body|message|content|compose") or next(
        (n for n in find_all(ctx.axtree, "textbox")
         if n.bid not in (to_box.bid, subj.bid) and n.props.get("multiline")), None
    )
    if body_box is None:
        raise MacroFailed("composer has no message body field")
    yield format_call("fill", body_box.bid, body)
    send = _named(ctx.axtree, ("button",), "Send")
    if send is None:
        raise MacroFailed("no Send button")
    yield format_call("click", send.bid)


_DANGER = re.compile(r"delete|trash|remove|send|spam|block|pay|order", re.IGNORECASE)

MACROS: dict[str, MacroSpec] = {
    s.name: s
    for s in [
        MacroSpec("macro_search", (("text", "str", True),),
                  'macro_search("text")            search the site for text', macro_search),
        MacroSpec("macro_open", (("name", "str", True),),
                  'macro_open("item name")         open the link/item with that name',
                  macro_open),
        MacroSpec("macro_add_to_cart_and_checkout", (("item", "str", False),),
                  'macro_add_to_cart_and_checkout("item")  add to cart, go to checkout '
                  "(stops before paying)", macro_add_to_cart_and_checkout),
        MacroSpec("macro_select_emails_and_act", (("match", "str", True), ("action", "str", True)),
                  'macro_select_emails_and_act("match", "Delete")  tick matching emails, '
                  "click the action button", macro_select_emails_and_act,
                  high_stakes=lambda a: bool(_DANGER.search(str(a.arg(1, "action", ""))))),
        MacroSpec("macro_compose_and_send",
                  (("to", "str", True), ("subject", "str", True), ("body", "str", True)),
                  'macro_compose_and_send("to", "subject", "body")  write and send an email',
                  macro_compose_and_send, high_stakes=lambda _a: True),
    ]
}
MACRO_SPECS: Mapping[str, tuple[Param, ...]] = {n: s.params for n, s in MACROS.items()}
MACRO_DOCS = "\n".join(s.doc for s in MACROS.values())


class MacroRun:
    """A macro in progress: `next_action(obs)` gives its next action, or None when done."""

    def __init__(self, action: Action, max_steps: int = MAX_INNER_STEPS) -> None:
        spec = MACROS[action.name]
        self.action = action
        self.ctx = MacroContext()
        self.steps = 0
        self.max_steps = max_steps
        self._gen = spec.fn(self.ctx, *action.args, **dict(action.kwargs))

    @property
    def name(self) -> str:
        return self.action.name

    def next_action(self, obs: dict[str, Any]) -> str | None:
        """Raises MacroFailed when the page doesn't fit or the step limit is hit."""
        if self.steps >= self.max_steps:
            raise MacroFailed(f"{self.name} ran {self.steps} steps without finishing")
        self.ctx.obs = obs
        try:
            action = next(self._gen)
        except StopIteration:
            return None
        self.steps += 1
        return action
