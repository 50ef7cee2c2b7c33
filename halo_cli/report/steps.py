"""One step record as HTML: its source tag, timeline marks and fields (absent fields say
so); what the policy was shown and answered is in `policy_io.py`."""

from __future__ import annotations

from typing import Any

from halo_cli.report.html import absent, esc, facts

SOURCES = ("cache", "macro", "worker", "manager")


def source_class(step: dict[str, Any]) -> str:
    src = step.get("source")
    src = "cache" if src == "cache-packaged" else src
    return f"src-{src}" if src in SOURCES else "src-other"


def source_tag(step: dict[str, Any]) -> str:
    return f'<span class="src {source_class(step)}">{esc(step.get("source") or "?")}</span>'


def triggers(step: dict[str, Any]) -> str:
    names = list(dict.fromkeys([*(step.get("triggers") or []), *([step["trigger"]]
                                                                 if step.get("trigger") else [])]))
    return ", ".join(names)


def marks(step: dict[str, Any]) -> str:
    """CSS classes marking an error, a refusal, a Manager call on a timeline entry."""
    out = []
    if step.get("last_action_error"):
        out.append("err")
    if step.get("refused"):
        out.append("refused")
    if step.get("manager_called"):
        out.append("mgr")
    return " ".join(out)


def tip(step: dict[str, Any]) -> str:
    """A one-line hover text for a step."""
    bits = [f"step {step.get('index', '?')}", str(step.get("source") or "?"),
            str(step.get("action") or step.get("refused_action") or "")]
    if step.get("last_action_error"):
        bits.append("error: " + str(step["last_action_error"])[:120])
    if step.get("refused"):
        bits.append("refused")
    if step.get("manager_called"):
        bits.append("Manager: " + (triggers(step) or "called"))
    return " · ".join(b for b in bits if b)


def _value(step: dict[str, Any], key: str, fmt: str = "{}") -> str:
    """The field as text; "none" when recorded empty, "not recorded" when the key is absent."""
    if key not in step:
        return absent()
    value = step[key]
    if value is None or value == "" or value == []:
        return "none"
    try:
        return esc(fmt.format(value))
    except (ValueError, TypeError):
        return esc(value)


def fields(step: dict[str, Any]) -> str:
    """URL, page type, action, verdict, error, refusal, Manager, usage, timing."""
    err = step.get("last_action_error")
    refused = (f'<span class="error-text">refused: <code>{esc(step.get("refused_action"))}'
               f"</code></span>" if step.get("refused") else "no")
    mgr = ("called" + (f" ({esc(triggers(step))})" if triggers(step) else "")
           if step.get("manager_called") else "no")
    usage_known = "tokens_in" in step or "llm_calls" in step
    return facts([
        ("URL", f"<code>{esc(step['url'])}</code>" if step.get("url") else absent()),
        ("page type", _value(step, "page_type")),
        ("action", f"<code>{esc(step['action'])}</code>" if step.get("action") else absent()),
        ("source", source_tag(step)),
        ("verdict", _value(step, "verdict")),
        ("error", f'<span class="error-text">{esc(err)}</span>' if err else "none"),
        ("refused", refused),
        ("Manager", mgr),
        ("macro", _value(step, "macro")),
        ("note", _value(step, "note")),
        ("tokens in / out", f"{step.get('tokens_in', 0)} / {step.get('tokens_out', 0)}"
         if usage_known else absent()),
        ("LLM calls", _value(step, "llm_calls")),
        ("cost", _value(step, "cost", "${:.5f}")),
        ("LLM latency", _value(step, "llm_latency_s", "{:.2f} s")),
        ("step wall time", _value(step, "step_wall_s", "{:.2f} s")),
    ])
