"""Summarise a browsergym AXTree into compact lines a model can act on, within a budget.

Keeps every interactive element (bid, role, name, value, state) and the text a reader
needs; drops InlineTextBox, ignored/hidden nodes, unnamed wrappers and text already
said by an ancestor or neighbour. Lines matching the goal's terms are never dropped to
fit the token budget: a model can't click what it can't see.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from halo_cli.obs.tokens import DEFAULT_ENCODING, counter
from halo_cli.obs.tree import AXNode, build

INTERACTIVE_ROLES = frozenset(
    {
        "button", "link", "textbox", "searchbox", "checkbox", "radio", "combobox",
        "listbox", "option", "menuitem", "menuitemcheckbox", "menuitemradio", "tab",
        "switch", "slider", "spinbutton", "treeitem", "DisclosureTriangle", "textField",
        "TextField", "ComboBoxMenuButton", "PopUpButton", "ToggleButton", "date", "time",
        "InputTime", "DateTime", "colorwell",
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
     "TextField", "date", "time", "InputTime", "DateTime", "colorwell", "meter",
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
    omitted: int = 0
    goal_bids: tuple[str, ...] = ()


@dataclass
class _Line:
    depth: int
    kind: str  # "elem" | "text" | "content" | "landmark" | "page"
    role: str
    name: str
    bid: str | None = None
    value: str | None = None
    states: list[str] = field(default_factory=list)
    priority: int = 2
    protected: bool = False
    options: list[str] = field(default_factory=list)  # a select's choices, folded in

    def render(self, indent: bool) -> str:
        pad = " " * self.depth if indent else ""
        if self.kind == "text":
            return f"{pad}{_q(self.name, _MAX_TEXT)}"
        head = f"[{self.bid}] " if self.bid and self.role not in CONTEXT_ONLY_ROLES else ""
        out = f"{pad}{head}{self.role}"
        if self.name:
            out += f" {_q(self.name)}"
        if self.value:
            out += f" value={_q(self.value)}"
        if self.states:
            out += " " + " ".join(self.states)
        if self.options:
            out += " options: " + " | ".join(_q(o) for o in self.options)
        return out


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


def _collect(roots: list[AXNode]) -> list[_Line]:
    lines: list[_Line] = []

    def visit(node: AXNode, depth: int, context: list[str]) -> None:
        role = node.role
        if role in SKIP_SUBTREE_ROLES or node.hidden:
            return
        line: _Line | None = None
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
        child_context = context
        child_depth = depth
        if line is not None:
            lines.append(line)
            child_depth = depth + 1
            if line.kind != "text":
                child_context = [*context, _plain(node.name), _plain(node.value or "")]
        for child in node.children:
            visit(child, child_depth, child_context)

    for root in roots:
        visit(root, 0, [])
    return lines


def _merge_and_dedupe(lines: list[_Line]) -> list[_Line]:
    """Merge sibling text runs; drop text (and headings) equal to a neighbouring element's name."""
    merged: list[_Line] = []
    for ln in lines:
        prev = merged[-1] if merged else None
        if (
            ln.kind == "text" and prev is not None and prev.kind == "text"
            and prev.depth == ln.depth and len(prev.name) + len(ln.name) < _MERGE_UPTO
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
    the option's text, so the options' own bids and lines are noise."""
    out: list[_Line] = []
    for ln in lines:
        owner = out[-1] if out else None
        if (ln.role == "option" and owner is not None and owner.role in ("combobox", "listbox")
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


def summarise(
    axtree: dict | None,
    goal: str = "",
    budget: int = 3000,
    *,
    indent: bool = True,
    encoding: str = DEFAULT_ENCODING,
) -> Summary:
    """Compact text of the page, at most `budget` tokens unless goal matches need more."""
    lines = _fold_options(_merge_and_dedupe(_collect(build(axtree))))
    _mark_goal(lines, goal)
    for ln in lines:
        if ln.kind == "elem" and "focused" in ln.states:
            ln.protected = True
    count = counter(encoding)
    rendered = [ln.render(indent) for ln in lines]
    cost = [count(r) + 1 for r in rendered]
    total = sum(cost)
    keep = [True] * len(lines)
    omitted = 0
    if total > budget:
        marker_cost = count("(999 more lines omitted)") + 1
        order = sorted(
            (i for i, ln in enumerate(lines) if not ln.protected),
            key=lambda i: (-lines[i].priority, -i),
        )
        for i in order:
            if total + marker_cost <= budget:
                break
            keep[i] = False
            total -= cost[i]
            omitted += 1
    shown = [r for r, k in zip(rendered, keep, strict=True) if k]
    if omitted:
        shown.append(f"({omitted} more lines omitted)")
    text = "\n".join(shown)
    kept = [ln for ln, k in zip(lines, keep, strict=True) if k]
    return Summary(
        text=text,
        tokens=count(text),
        bids=frozenset(ln.bid for ln in kept if ln.bid and ln.role not in CONTEXT_ONLY_ROLES),
        omitted=omitted,
        goal_bids=tuple(ln.bid for ln in lines if ln.protected and ln.bid),
    )
