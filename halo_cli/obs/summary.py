"""Summarise a browsergym AXTree into compact lines a model can act on, within a budget.

Shows every interactive element (bid, role, name, value, state) and the text a reader
needs; drops InlineTextBox, ignored/hidden nodes, unnamed wrappers and text already
said by an ancestor or neighbour. A date, time or datetime-local input is one element
with the format `fill` takes; a long select shows its option count, value, first and
last options. Over the budget, what is farthest from the viewport goes first (a row of
a list or table as a whole), and every run of lines left out is replaced by a line
naming what it held and how to reach it ("31 more rows below (31 links): scroll(0,
600), or search"): nothing interactive is dropped without a word. Lines matching the
goal's terms, the focused element and the elements named in `full_values` are never
dropped; those last two show their value in full (up to 1,000 characters).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from halo_cli.obs.messages import region_text
from halo_cli.obs.tokens import DEFAULT_ENCODING, counter
from halo_cli.obs.tree import AXNode, build
from halo_cli.obs.viewport import Viewport

INTERACTIVE_ROLES = frozenset(
    {
        "button", "link", "textbox", "searchbox", "checkbox", "radio", "combobox",
        "listbox", "option", "menuitem", "menuitemcheckbox", "menuitemradio", "tab",
        "switch", "slider", "spinbutton", "treeitem", "DisclosureTriangle", "textField",
        "TextField", "ComboBoxMenuButton", "PopUpButton", "ToggleButton", "date", "time",
        "InputTime", "DateTime", "Date", "colorwell",
    }
)
# Printed when they carry a name: what a reader uses to orient.
CONTENT_ROLES = frozenset(
    {
        "heading", "img", "image", "cell", "gridcell", "columnheader", "rowheader",
        "dialog", "alertdialog", "alert", "status", "caption", "term", "definition",
        "figure", "math", "meter", "progressbar", "note", "tooltip", "log", "marquee",
        "timer", "code", "mark", "blockquote",
    }
)
LANDMARK_ROLES = frozenset(
    {
        "navigation", "main", "banner", "contentinfo", "complementary", "search", "form",
        "region", "article", "table", "grid", "list", "tablist", "menu", "menubar",
        "toolbar", "tree", "radiogroup", "group", "listitem", "row", "Section",
    }
)
#: structure and context, never an action's target: shown without their bids
CONTEXT_ONLY_ROLES = frozenset(
    {
        "heading", "navigation", "main", "banner", "contentinfo", "complementary", "search",
        "form", "region", "list", "toolbar", "tablist", "menubar", "group", "Section", "table",
        "caption", "note", "status", "alert", "log", "figure", "term", "definition",
        "blockquote", "code", "mark", "timer", "marquee",
    }
)
SKIP_SUBTREE_ROLES = frozenset({"InlineTextBox", "ListMarker", "LineBreak"})
TEXT_ROLES = frozenset({"StaticText", "text"})
_VALUE_ROLES = frozenset(
    {"textbox", "searchbox", "combobox", "spinbutton", "slider", "listbox", "textField",
     "TextField", "date", "time", "InputTime", "DateTime", "Date", "colorwell", "meter",
     "progressbar"}
)
_STOPWORDS = frozenset(
    """a an the and or but if of to in on at by for from with into onto as is are was were be
    been it its this that these those there their them they you your our we i me my he she
    his her do does did not no so than then too very can could should would will just only
    also all any some each every what which who whom when where how please task page pages
    site website using use via about up down out over under again""".split()
)
_MAX_NAME = 100
_MAX_VALUE_FULL = 1000  # the focused or just-filled field's value
_LONG_SELECT = 12  # a select with more options shows the first and last few
_SELECT_HEAD, _SELECT_TAIL = 5, 3
#: Chromium's roles for <input type=date|time|datetime-local>: one element, `fill` format
DATE_INPUTS = {
    "Date": ("date", "YYYY-MM-DD"), "date": ("date", "YYYY-MM-DD"),
    "InputTime": ("time", "HH:MM"), "time": ("time", "HH:MM"),
    "DateTime": ("datetime-local", "YYYY-MM-DDTHH:MM"),
    "datetime-local": ("datetime-local", "YYYY-MM-DDTHH:MM"),
}
#: a row of one of these is left out or shown as a whole
ITEM_ROLES = {"row": "rows", "listitem": "list items", "article": "articles",
              "treeitem": "tree items"}
_ITEM_PARENTS = frozenset({"table", "grid", "treegrid", "rowgroup", "list", "feed", "tree",
                           "group", "listbox"})
_MARKER_COST = 30  # tokens reserved per "N more ... below" line
_MAX_TEXT = 300
_MERGE_UPTO = 160  # merge sibling text runs into one line up to this many characters
_TERM_CAP = 15  # a term found on more lines than this is not discriminative: no protection

_WORD = re.compile(r"[a-z0-9]+(?:[.'][a-z0-9]+)*")


@dataclass(frozen=True)
class Summary:
    """The summary text and what it shows."""

    text: str
    tokens: int
    bids: frozenset[str]
    omitted: int = 0  # lines left out (each counted in a "more" line)
    goal_bids: tuple[str, ...] = ()
    #: bids of interactive elements left out, each counted in a "more" line
    counted: frozenset[str] = frozenset()


@dataclass
class _Line:
    depth: int
    kind: str  # "elem" | "text" | "content" | "landmark" | "page" | "message"
    role: str
    name: str
    bid: str | None = None
    value: str | None = None
    states: list[str] = field(default_factory=list)
    priority: int = 2
    protected: bool = False
    options: list[str] = field(default_factory=list)  # a select's choices, folded in
    span: tuple[float, float] | None = None  # top, bottom in viewport coordinates
    item: str | None = None  # node id of the row / list item it belongs to
    item_role: str = ""
    fmt: str | None = None  # a date/time input's `fill` format
    full: bool = False  # value shown in full

    def render(self, indent: bool) -> str:
        pad = " " * self.depth if indent else ""
        if self.kind == "text":
            return f"{pad}{_q(self.name, _MAX_TEXT)}"
        head = f"[{self.bid}] " if self.bid and self.role not in CONTEXT_ONLY_ROLES else ""
        out = f"{pad}{head}{self.role}"
        if self.name:
            out += f" {_q(self.name, _MAX_TEXT if self.kind == 'message' else _MAX_NAME)}"
        if self.value:
            out += f" value={_q(self.value, _MAX_VALUE_FULL if self.full else _MAX_NAME)}"
        if self.states:
            out += " " + " ".join(self.states)
        if self.fmt:
            out += f" (fill '{self.fmt}')"
        if self.options:
            out += self._options()
        return out

    def _options(self) -> str:
        opts = self.options
        if len(opts) <= _LONG_SELECT:
            return " options: " + " | ".join(_q(o) for o in opts)
        head = " | ".join(_q(o) for o in opts[:_SELECT_HEAD])
        tail = " | ".join(_q(o) for o in opts[-_SELECT_TAIL:])
        return (f" {len(opts)} options: {head} | … | {tail} "
                f"(select_option('{self.bid}', text) takes any option's text)")
def _q(s: str, limit: int = _MAX_NAME) -> str:
    if len(s) > limit:
        cut = s.rfind(" ", 0, limit)
        s = s[: cut if cut > limit * 0.8 else limit - 1] + "…"
    return json.dumps(s, ensure_ascii=False)


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip().lower()


def _plain(s: str) -> str:
    """Lower-case words only, so "Cart (0)" is found in "Cart, 0 items"."""
    return " ".join(re.findall(r"\w+", s.lower()))


def _stem(w: str) -> str:
    if len(w) > 4 and w.endswith("es"):
        return w[:-2]
    if len(w) > 3 and w.endswith("s"):
        return w[:-1]
    return w


def goal_terms(goal: str) -> tuple[set[str], list[str]]:
    """(stemmed words, quoted phrases) from the goal that can identify an element."""
    phrases = [_norm(p) for p in re.findall(r"[\"“']([^\"”']{3,})[\"”']", goal)]
    words = {
        _stem(w)
        for w in _WORD.findall(goal.lower())
        if w not in _STOPWORDS and (len(w) >= 3 or w.isdigit())
    }
    return words, phrases


def states(node: AXNode) -> list[str]:
    """Human-readable states: checked/unchecked, selected, expanded/collapsed, ..."""
    p = node.props
    out: list[str] = []
    checked = p.get("checked")
    if checked is not None:
        c = str(checked).lower()
        out.append({"true": "checked", "false": "unchecked", "mixed": "mixed"}.get(c, c))
    if p.get("selected") is True:
        out.append("selected")
    if "expanded" in p:
        if p["expanded"]:
            out.append("expanded")
        elif node.role not in ("combobox", "listbox"):  # a closed select: noise
            out.append("collapsed")
    pressed = p.get("pressed")
    if pressed is not None and str(pressed).lower() in ("true", "mixed"):
        out.append("pressed")
    for flag in ("disabled", "required", "focused", "modal"):
        if p.get(flag) is True:
            out.append(flag)
    if str(p.get("invalid", "false")).lower() not in ("false", "", "none"):
        out.append("invalid")
    return out


def _collect(roots: list[AXNode], view: Viewport | None) -> list[_Line]:
    lines: list[_Line] = []
    shown_bids: set[str] = set()

    def span_of(node: AXNode, inherited: tuple[float, float] | None
                ) -> tuple[float, float] | None:
        if view is not None and node.bid is not None and node.bid in view.boxes:
            return view.boxes[node.bid]
        return inherited

    def visit(node: AXNode, depth: int, context: list[str], span: tuple[float, float] | None,
              item: tuple[str, str] | None) -> None:
        role = node.role
        if role in SKIP_SUBTREE_ROLES or node.hidden:
            return
        span = span_of(node, span)
        if (role in ITEM_ROLES and not node.ignored and node.parent is not None
                and _in_collection(node)):
            item = (node.node_id, role)
        line: _Line | None = None
        skip_children = False
        if node.ignored or role in ("none", "presentation", "generic", "Iframe", ""):
            pass
        elif role in TEXT_ROLES:
            text = node.name.strip()
            low = _plain(text)
            if low and not any(low in c for c in context if c):
                line = _Line(depth, "text", role, text)
        elif role == "RootWebArea" or role == "WebArea":
            if node.name:
                line = _Line(depth, "page", "page", node.name, bid=None, priority=1)
        elif role in DATE_INPUTS and node.bid is not None:
            kind, fmt = DATE_INPUTS[role]
            line = _Line(depth, "elem", kind, node.name, node.bid, node.value or None,
                         states(node), priority=1, fmt=fmt)
            skip_children = True  # its spinbuttons share its bid: one element, one line
        elif role in ("alert", "status", "alertdialog", "log", "marquee") and role != "dialog":
            said = region_text(node)
            if said:
                line = _Line(depth, "message", role, said, node.bid, None, [], priority=1)
                if role != "alertdialog":
                    skip_children = not _has_interactive(node)
        elif role in INTERACTIVE_ROLES and node.bid is not None:
            value = node.value if role in _VALUE_ROLES and node.value else None
            line = _Line(depth, "elem", role, node.name, node.bid, value, states(node), priority=1)
        elif role in CONTENT_ROLES and node.name:
            prio = 1 if role in ("heading", "dialog", "alertdialog", "alert", "status") else 2
            line = _Line(depth, "content", role, node.name, node.bid, None, states(node),
                         priority=prio)
        elif role in LANDMARK_ROLES and node.name and role not in ("listitem", "row", "group"):
            line = _Line(depth, "landmark", role, node.name, node.bid, None, [], priority=3)
        elif role == "group" and node.name:
            line = _Line(depth, "landmark", role, node.name, node.bid, None, [], priority=3)
        elif node.bid is not None and states(node) and role not in LANDMARK_ROLES:
            # unknown role with a state (e.g. custom widget): keep it actionable
            line = _Line(depth, "elem", role, node.name, node.bid, node.value, states(node),
                         priority=1)
        if line is not None and line.kind == "elem" and line.bid in shown_bids:
            line = None  # one DOM element, several AX nodes: shown once
        child_context = context
        child_depth = depth
        if line is not None:
            line.span = span
            if item is not None:
                line.item, line.item_role = item
            if line.kind == "elem" and line.bid:
                shown_bids.add(line.bid)
            lines.append(line)
            child_depth = depth + 1
            if line.kind != "text":
                child_context = [*context, _plain(node.name), _plain(node.value or "")]
        if skip_children:
            return
        for child in node.children:
            visit(child, child_depth, child_context, span, item)

    for root in roots:
        visit(root, 0, [], None, None)
    return lines


def _in_collection(node: AXNode) -> bool:
    """A row / list item among siblings of its kind (a table's, a list's, a feed's)."""
    parent = node.parent
    while parent is not None and (parent.ignored or parent.role in ("generic", "none")):
        parent = parent.parent
    return parent is not None and parent.role in _ITEM_PARENTS


def _has_interactive(node: AXNode) -> bool:
    return any(n.bid is not None and n.role in INTERACTIVE_ROLES for n in node.walk()
               if n is not node)


def _merge_and_dedupe(lines: list[_Line]) -> list[_Line]:
    """Merge sibling text runs; drop text (and headings) equal to a neighbouring element's name."""
    merged: list[_Line] = []
    for ln in lines:
        prev = merged[-1] if merged else None
        if (
            ln.kind == "text" and prev is not None and prev.kind == "text"
            and prev.depth == ln.depth and prev.item == ln.item
            and len(prev.name) + len(ln.name) < _MERGE_UPTO
        ):
            if _norm(ln.name) != _norm(prev.name):
                prev.name = f"{prev.name} {ln.name}"
            continue
        merged.append(ln)
    out: list[_Line] = []
    for i, ln in enumerate(merged):
        nxt = merged[i + 1] if i + 1 < len(merged) else None
        if (ln.kind == "content" and nxt is not None and nxt.kind == "elem"
                and nxt.depth > ln.depth and _norm(nxt.name) == _norm(ln.name)):
            nxt.item = nxt.item or ln.item
            continue  # a heading that only wraps a same-named link: the link says it all
        if ln.kind == "landmark" and out and _norm(out[-1].name) == _norm(ln.name):
            continue  # e.g. list "Labels" right under heading "Labels"
        if ln.kind == "text":
            t = _norm(ln.name)
            near = [merged[j] for j in (i - 1, i + 1) if 0 <= j < len(merged)]
            if any(n.kind != "text" and _norm(n.name) == t for n in near):
                continue
            if out and out[-1].kind == "text" and _norm(out[-1].name) == t:
                continue
        out.append(ln)
    return out


def _fold_options(lines: list[_Line]) -> list[_Line]:
    """Fold a select's option lines into it: `select_option` takes the select's bid and
    the option's text, so the options' own bids and lines are noise. A listbox's options
    (suggestions, a multiple select) keep their lines and bids: they are clicked."""
    out: list[_Line] = []
    for ln in lines:
        owner = out[-1] if out else None
        if (ln.role == "option" and owner is not None and owner.role == "combobox"
                and ln.depth == owner.depth + 1 and ln.name):
            owner.options.append(ln.name)
            continue
        out.append(ln)
    return out
def _mark_goal(lines: list[_Line], goal: str) -> None:
    words, phrases = goal_terms(goal)
    if not words and not phrases:
        return
    hits_per_term: dict[str, list[int]] = {}
    for i, ln in enumerate(lines):
        hay = _norm(f"{ln.name} {ln.value or ''}")
        if any(p in hay for p in phrases):
            ln.protected = True
        for w in {_stem(w) for w in _WORD.findall(hay)} & words:
            hits_per_term.setdefault(w, []).append(i)
    for idxs in hits_per_term.values():
        if len(idxs) <= _TERM_CAP:
            for i in idxs:
                lines[i].protected = True


def _units(lines: list[_Line]) -> list[list[int]]:
    """What is dropped together: a row / list item's lines as one, any other line alone."""
    units: list[list[int]] = []
    by_item: dict[str, list[int]] = {}
    for i, ln in enumerate(lines):
        if ln.item is None:
            units.append([i])
        elif ln.item in by_item:
            by_item[ln.item].append(i)
        else:
            by_item[ln.item] = [i]
            units.append(by_item[ln.item])
    return units


def _drop_order(lines: list[_Line], units: list[list[int]], view: Viewport | None
                ) -> list[list[int]]:
    """Units that may go, first to go first: far from the viewport before near, then
    text before rows before elements, then farthest, then last in the page."""
    height = view.height if view is not None else 1.0

    def key(unit: list[int]) -> tuple:
        dist = min((abs(view.distance(lines[i].span)) if view else 0.0) for i in unit)
        band = 0 if dist == 0 else (1 if dist <= height else 2)
        if lines[unit[0]].item is not None:
            tier = 1
        else:
            tier = 2 if lines[unit[0]].priority == 1 else 0
        return (-band, tier, -dist, -unit[0])

    droppable = [u for u in units if not any(lines[i].protected for i in u)
                 and lines[u[0]].kind not in ("landmark", "page")]
    return sorted(droppable, key=key)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {_PLURALS.get(word, word + 's')}"


_PLURALS = {"checkbox": "checkboxes", "listbox": "listboxes", "searchbox": "searchboxes",
            "text line": "text lines", "menuitem": "menu items", "row": "rows",
            "list item": "list items"}


def _marker(lines: list[_Line], run: list[int], view: Viewport | None, searchable: bool,
            indent: bool) -> str:
    """The line that stands for a run of lines left out: what they held, and where."""
    items: dict[str, set[str]] = {}
    elems: Counter[str] = Counter()
    texts = 0
    for i in run:
        ln = lines[i]
        if ln.item is not None:
            items.setdefault(ln.item_role, set()).add(ln.item)
        if ln.kind == "elem" and ln.bid:
            elems[ln.role] += 1
        elif ln.kind != "elem":
            texts += 1
    parts = [f"{len(ids)} more {ITEM_ROLES[role] if len(ids) > 1 else role.replace('item', ' item')}"
             for role, ids in items.items()]
    inner = [_plural(c, role) for role, c in elems.most_common()]
    if parts:
        what = ", ".join(parts) + (f" ({', '.join(inner)})" if inner else "")
    else:
        what = ", ".join(inner + ([_plural(texts, "text line")] if texts else []))
    spans = [lines[i].span for i in run if lines[i].span is not None]
    where = "not shown"
    if view is not None and spans:
        first = min(s[0] for s in spans)
        last = max(s[1] for s in spans)
        if first >= view.height:
            where = f"below: scroll(0, {view.scroll_to(first)})"
        elif last <= 0:
            where = f"above: scroll(0, {view.scroll_to(first)})"
        elif first < 0 and last > view.height:
            where = "around the view, not shown"
        elif first < 0:
            where = f"above, partly in view: scroll(0, {view.scroll_to(first)})"
        else:
            where = "in view, not shown" if last <= view.height else \
                f"partly below: scroll(0, {view.scroll_to(view.height)})"
    hint = ", or search" if parts and searchable else ""
    pad = " " * lines[run[0]].depth if indent else ""
    return f"{pad}({what} {where}{hint})"


def _runs(keep: list[bool]) -> list[list[int]]:
    runs: list[list[int]] = []
    for i, k in enumerate(keep):
        if k:
            continue
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def summarise(
    axtree: dict | None,
    goal: str = "",
    budget: int = 3000,
    *,
    indent: bool = True,
    encoding: str = DEFAULT_ENCODING,
    obs: dict[str, Any] | None = None,
    full_values: Iterable[str] = (),
) -> Summary:
    """Compact text of the page, at most `budget` tokens unless goal matches need more.

    `obs` (the browsergym observation) gives the elements' boxes, so what is left out is
    what lies farthest from the viewport, with the scroll that brings it; `full_values`
    names the bids (e.g. the field just filled) whose value is shown in full, like the
    focused element's."""
    view = Viewport.of(obs)
    lines = _fold_options(_merge_and_dedupe(_collect(build(axtree), view)))
    _mark_goal(lines, goal)
    full = set(full_values)
    for ln in lines:
        if ln.kind == "elem" and ("focused" in ln.states or ln.bid in full):
            ln.protected = True
            ln.full = True
    count = counter(encoding)
    rendered = [ln.render(indent) for ln in lines]
    cost = [count(r) + 1 for r in rendered]
    keep = [True] * len(lines)
    searchable = any(ln.role == "searchbox" or (ln.role == "textbox" and "search" in
                     ln.name.lower()) for ln in lines)

    def text_of() -> str:
        runs = {r[0]: r for r in _runs(keep)}
        out = []
        for i, r in enumerate(rendered):
            if keep[i]:
                out.append(r)
            elif i in runs:
                out.append(_marker(lines, runs[i], view, searchable, indent))
        return "\n".join(out)

    total = sum(cost)
    if total > budget:
        order = _drop_order(lines, _units(lines), view)
        runs = 0
        for unit in order:
            if total + runs * _MARKER_COST <= budget:
                break
            for i in unit:
                before = (i > 0 and not keep[i - 1]) + (i + 1 < len(keep) and not keep[i + 1])
                keep[i] = False
                total -= cost[i]
                runs += 1 - before
    text = text_of()
    kept = [ln for ln, k in zip(lines, keep, strict=True) if k]
    left = [ln for ln, k in zip(lines, keep, strict=True) if not k]
    return Summary(
        text=text,
        tokens=count(text),
        bids=frozenset(ln.bid for ln in kept if ln.bid and ln.role not in CONTEXT_ONLY_ROLES),
        omitted=len(left),
        goal_bids=tuple(ln.bid for ln in lines if ln.protected and ln.bid),
        counted=frozenset(ln.bid for ln in left if ln.kind == "elem" and ln.bid),
    )
