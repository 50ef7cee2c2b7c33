"""The page's messages: alerts, status lines, validation errors, live regions, notices.

Sites show what just happened (a flash notice, "Added to cart") or what went wrong ("Before
posting, add a description.") in `role=alert` / `role=status` elements, ARIA live regions
or alert dialogs. `page_messages` returns them, in page order, for their own section of
the prompt; `page_errors` only the ones that report a failure (alerts, assertive regions).
"""

from __future__ import annotations

from halo_cli.obs.tree import AXNode, build

MESSAGE_ROLES = frozenset({"alert", "status", "alertdialog", "log", "marquee"})
ERROR_ROLES = frozenset({"alert"})  # an alertdialog asks (confirm?); an alert reports
_MAX = 300
_TEXT = frozenset({"StaticText", "text"})


def _is_region(node: AXNode) -> bool:
    live = str(node.props.get("live", "")).lower()
    return node.role in MESSAGE_ROLES or live in ("polite", "assertive")


def region_text(node: AXNode) -> str:
    """The words a message region shows (its name, else its visible text)."""
    if node.name and node.role != "alertdialog":
        return _cut(node.name)
    parts: list[str] = []
    if node.name:
        parts.append(node.name)
    for n in node.walk():
        if n is node or n.hidden or n.ignored:
            continue
        if n.role in _TEXT and n.name.strip() and n.name.strip() not in parts:
            parts.append(n.name.strip())
    return _cut(" ".join(parts))


def _cut(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _MAX else text[: _MAX - 1] + "…"


def _messages(axtree: dict | None, errors_only: bool) -> tuple[str, ...]:
    out: list[str] = []
    seen_regions: list[AXNode] = []
    for root in build(axtree):
        for node in root.walk():
            if node.ignored or node.hidden:
                continue
            if any(r is a for r in seen_regions for a in node.ancestors()):
                continue  # a region inside a region: said by the outer one
            if _is_region(node):
                seen_regions.append(node)
                error = node.role in ERROR_ROLES or (
                    node.role != "alertdialog" and str(node.props.get("live")) == "assertive")
                text = region_text(node)
                if text and (error or not errors_only) and text not in out:
                    out.append(text)
    return tuple(out)


def page_messages(axtree: dict | None) -> tuple[str, ...]:
    """Every message the page shows (alerts, status lines, live regions), in page order."""
    return _messages(axtree, errors_only=False)


def page_errors(axtree: dict | None) -> tuple[str, ...]:
    """The messages that report a failure: alerts and assertive live regions."""
    return _messages(axtree, errors_only=True)
