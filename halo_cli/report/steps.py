"""One step record as HTML: its source, its fields, and (collapsed) what the policy was
shown and what it answered, where the trajectory holds them (absent fields say so)."""

from __future__ import annotations

import json
from typing import Any

from halo_cli.report.html import absent, esc, facts

SOURCES = ("cache", "macro", "worker", "manager")
SHOWN = ("observation", "request", "prompt", "messages")  # what the policy was shown
ANSWERED = ("reply", "raw_reply", "response", "completion")  # what it answered
KNOWN = {
    "type", "index", "url", "page_type", "fingerprint", "action", "source", "cache_hit",
    "manager_called", "trigger", "triggers", "last_action_error", "verdict", "llm_calls",
    "tokens_in", "tokens_out", "cost", "llm_latency_s", "step_wall_s", "refused",
    "refused_action", "macro", "note", "screenshot", *SHOWN, *ANSWERED,
}
MAX_TEXT = 200_000  # characters of one field shown in a page


def source_class(step: dict[str, Any]) -> str:
    src = step.get("source")
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


def _shorten(value: Any) -> Any:
    """`value` with inline image data replaced by a note of its size."""
    if isinstance(value, str):
        if value.startswith("data:") and len(value) > 200:
            return f"[inline data, {len(value)} characters]"
        return value
    if isinstance(value, dict):
        return {k: _shorten(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_shorten(v) for v in value]
    return value


def _pre(text: str) -> str:
    cut = f"\n[... {len(text) - MAX_TEXT} more characters]" if len(text) > MAX_TEXT else ""
    return f"<pre>{esc(text[:MAX_TEXT] + cut)}</pre>"


def _message_text(content: Any) -> str:
    if isinstance(content, str):
        return content
    parts = []
    for p in content or []:
        if isinstance(p, dict) and p.get("type") == "text":
            parts.append(str(p.get("text", "")))
        elif isinstance(p, dict):
            ref = p.get("image_url") or p.get("image") or p.get("path") or ""
            ref = ref.get("url", "") if isinstance(ref, dict) else ref
            parts.append(f"[{p.get('type', 'part')}: {_shorten(ref) or 'attached'}]")
        else:
            parts.append(str(p))
    return "\n".join(parts)


def content(value: Any) -> str:
    """A recorded observation, request or reply: text as is, chat messages by role, any
    other value as JSON."""
    if isinstance(value, str):
        return _pre(value)
    msgs = value.get("messages") if isinstance(value, dict) else value
    if isinstance(msgs, list) and msgs and all(isinstance(m, dict) and "role" in m for m in msgs):
        out = "".join(f"<div><b>{esc(m['role'])}</b>{_pre(_message_text(m.get('content')))}</div>"
                      for m in msgs)
        if isinstance(value, dict) and len(value) > 1:
            rest = {k: v for k, v in value.items() if k != "messages"}
            out += _pre(json.dumps(_shorten(rest), indent=2, ensure_ascii=False, default=str))
        return out
    return _pre(json.dumps(_shorten(value), indent=2, ensure_ascii=False, default=str))


def _group(step: dict[str, Any], keys: tuple[str, ...], what: str) -> str:
    found = [k for k in keys if step.get(k) is not None]
    if not found:
        return f"<p>{esc(what)}: {absent('not recorded in this trajectory')}</p>"
    return "".join(f"<details><summary>{esc(what)}: {esc(k)}</summary>{content(step[k])}"
                   f"</details>" for k in found)


def policy_io(step: dict[str, Any]) -> str:
    """What the policy was shown and what it answered (collapsed), plus unknown fields."""
    out = _group(step, SHOWN, "shown to the policy") + _group(step, ANSWERED, "policy's answer")
    extra = {k: v for k, v in step.items() if k not in KNOWN}
    if extra:
        out += f"<details><summary>other fields</summary>{content(extra)}</details>"
    return out
