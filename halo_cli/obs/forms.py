"""What an action on an element would submit, read from browsergym's DOM snapshot.

The AXTree says what an element is called; the DOM says what it does. A click on a
submit button, or Enter in a field, sends the element's form: `form_submitted` gives that
form's method (`post` for a form that changes something on the server, `get` for a
search), so the agent can tell a commit from a look-up however the button is named.
`obs["dom_object"]` is CDP's `DOMSnapshot.captureSnapshot` result, with browsergym's
`bid` attribute on each marked element.
"""

from __future__ import annotations

from typing import Any

#: input types that submit their form when clicked
_SUBMIT_INPUTS = frozenset({"submit", "image"})
#: input types in which Enter submits the form (implicit submission)
_TEXT_INPUTS = frozenset({"", "text", "search", "email", "tel", "url", "password", "number",
                          "date", "time", "datetime-local", "month", "week"})


def form_submitted(dom: dict[str, Any] | None, bid: str, how: str = "click") -> str | None:
    """The method ("post" | "get") of the form that clicking (`how="click"`) or pressing
    Enter in (`how="enter"`) the element with `bid` submits; None when it submits none
    (or the snapshot does not say)."""
    strings: list[str] = (dom or {}).get("strings") or []
    for doc in (dom or {}).get("documents") or []:
        nodes = doc.get("nodes") or {}
        names, parents = nodes.get("nodeName") or [], nodes.get("parentIndex") or []
        attrs_of = nodes.get("attributes") or []

        def attrs(i: int, _attrs: list = attrs_of) -> dict[str, str]:
            flat = _attrs[i] if i < len(_attrs) else []
            return {strings[flat[k]].lower(): strings[flat[k + 1]]
                    for k in range(0, len(flat) - 1, 2)}

        for i, flat in enumerate(attrs_of):
            if not _has_bid(flat, strings, bid):
                continue
            tag, own = strings[names[i]].lower(), attrs(i)
            kind = own.get("type", "").lower()
            if how == "click":
                submits = (tag == "button" and kind in ("", "submit")) or (
                    tag == "input" and kind in _SUBMIT_INPUTS)
            else:
                submits = tag == "input" and kind in _TEXT_INPUTS
            if not submits:
                return None
            if own.get("form"):  # form="id": the form may be anywhere in the document
                return _method_by_id(names, attrs, strings, own["form"])
            j = parents[i] if i < len(parents) else -1
            while j is not None and j >= 0:
                if strings[names[j]].lower() == "form":
                    return (own.get("formmethod") or attrs(j).get("method") or "get").lower()
                j = parents[j]
            return None
    return None


def _has_bid(flat: list[int], strings: list[str], bid: str) -> bool:
    return any(strings[flat[k]] == "bid" and strings[flat[k + 1]] == bid
               for k in range(0, len(flat) - 1, 2))


def _method_by_id(names: list[int], attrs: Any, strings: list[str], form_id: str) -> str | None:
    for i, name in enumerate(names):
        if strings[name].lower() == "form":
            a = attrs(i)
            if a.get("id") == form_id:
                return (a.get("method") or "get").lower()
    return None
