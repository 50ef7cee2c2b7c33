"""What the policy was shown and what it was asked and answered at one step, collapsed.

Schema 2 steps (read through `trajectory.reader.Trajectory`): the observation (goal, URL,
page type, open tabs, AXTree summary text), the Worker's request when no call holds it
(cache, macro, Manager-only steps), and each LLM call: its facts, the request as sent
(system texts restored, images named by file) and the raw reply. Schema 1 steps
recorded none of it, and say so.
"""

from __future__ import annotations

import json
from typing import Any

from halo_cli.report.html import absent, esc, facts
from halo_cli.trajectory.reader import Trajectory

MAX_TEXT = 200_000  # characters of one field shown in a page
KNOWN = {
    "type", "index", "url", "page_type", "fingerprint", "ordinal", "action", "source",
    "cache_hit", "manager_called", "trigger", "triggers", "last_action_error", "verdict",
    "llm_calls", "tokens_in", "tokens_out", "cost", "llm_latency_s", "step_wall_s", "refused",
    "refused_action", "macro", "note", "screenshot", "observation", "calls", "prompt",
}
NOT_RECORDED = "not recorded in this trajectory (schema 1: actions only)"


def pre(text: str) -> str:
    cut = f"\n[... {len(text) - MAX_TEXT} more characters]" if len(text) > MAX_TEXT else ""
    return f"<pre>{esc(text[:MAX_TEXT] + cut)}</pre>"


def _image(part: dict[str, Any]) -> str:
    url = (part.get("image_url") or {}).get("url")
    if isinstance(url, dict):  # {"$image": file | None, "sha256", "mime"}
        sha = str(url.get("sha256") or "")[:16]
        where = url.get("$image") or "not kept"
        return f"[image {url.get('mime', '')}: {where}, sha256 {sha}…]"
    if isinstance(url, str) and url.startswith("data:"):
        return f"[inline image, {len(url)} characters]"
    return f"[image: {url}]"


def _text(content: Any) -> str:
    if isinstance(content, str):
        return content
    out = []
    for p in content or []:
        if isinstance(p, dict) and p.get("type") == "text":
            out.append(str(p.get("text", "")))
        elif isinstance(p, dict) and p.get("type") == "image_url":
            out.append(_image(p))
        else:
            out.append(json.dumps(p, ensure_ascii=False, default=str))
    return "\n".join(out)


def messages(msgs: list[dict[str, Any]]) -> str:
    """Chat messages, one block per message, headed by its role."""
    return "".join(f'<div class="msg"><b>{esc(m.get("role"))}</b>{pre(_text(m.get("content")))}'
                   f"</div>" for m in msgs)


def _fold(title: str, body: str, cls: str = "") -> str:
    c = f' class="{cls}"' if cls else ""
    return f"<details{c}><summary>{title}</summary>{body}</details>"


def _observation(obs: Any) -> str:
    if not isinstance(obs, dict):
        return f"<p>shown to the policy: {absent('no observation recorded')}</p>"
    tabs = obs.get("open_tabs") or []
    summary = obs.get("summary")
    body = facts([
        ("goal", esc(obs["goal"]) if obs.get("goal") else absent()),
        ("URL", f"<code>{esc(obs['url'])}</code>" if obs.get("url") else absent()),
        ("page type", esc(obs.get("page_type")) or absent()),
        ("open tabs", esc(", ".join(map(str, tabs))) if tabs else "none"),
        ("screenshot", esc(obs.get("screenshot")) if obs.get("screenshot")
         else absent("not kept" + (" (sha256 recorded)" if obs.get("screenshot_sha256") else ""))),
    ]) + (pre(summary) if summary else f"<p>summary: {absent()}</p>")
    return _fold("shown to the policy: page summary", body, "obs")


def _request(record: Trajectory | None, step: dict[str, Any], i: int | None) -> str:
    """The request of call `i` (None: the step's Worker prompt) as messages."""
    try:
        if record is None:
            raise KeyError("no reader")
        msgs = (record.request(step, i, images="refs") if i is not None
                else record.worker_prompt(step, images="refs"))
    except (KeyError, IndexError, TypeError, ValueError) as e:
        return f"<p>{absent(f'request unreadable: {e}')}</p>"
    return messages(msgs)


def _call(record: Trajectory | None, step: dict[str, Any], i: int, call: dict[str, Any]) -> str:
    parsed = (f"<code>{esc(call['action'])}</code>" if call.get("action") else
              f'<span class="error-text">{esc(call.get("error") or "no action")}</span>')
    lp = call.get("logprobs")
    info = facts([
        ("model", esc(call.get("model")) or absent()),
        ("parsed to", parsed),
        ("finish reason", esc(call.get("finish_reason")) or absent()),
        ("temperature / seed", f"{esc(call.get('temperature'))} / {esc(call.get('seed'))}"),
        ("tokens in / out", f"{call.get('tokens_in', 0)} / {call.get('tokens_out', 0)}"),
        ("latency", f"{call.get('latency_s', 0):.2f} s, {call.get('attempts', 1)} attempt(s)"),
        ("logprobs", f"{len(lp)} token(s)" if lp else absent("not returned")),
    ])
    raw = call.get("raw")
    reply = pre(raw) if raw else f"<p>{absent('empty reply')}</p>"
    title = (f"call {i + 1}: {esc(call.get('role') or '?')} → "
             + (esc(call["action"]) if call.get("action") else "no action"))
    return _fold(title, info + _fold("request (as sent)", _request(record, step, i))
                 + _fold("raw reply", reply, "reply"), "call")


def policy_io(step: dict[str, Any], record: Trajectory | None = None) -> str:
    """The collapsed blocks under a step's fields, plus any field this report does not know."""
    if "observation" not in step and "calls" not in step:  # schema 1
        out = (f"<p>shown to the policy: {absent(NOT_RECORDED)}</p>"
               f"<p>asked and answered: {absent(NOT_RECORDED)}</p>")
    else:
        out = _observation(step.get("observation"))
        if step.get("prompt") is not None:
            out += _fold(f"shown to the policy: the Worker's request (not sent: "
                         f"{esc(step.get('source') or '?')} step)", _request(record, step, None))
        calls = step.get("calls") or []
        out += "".join(_call(record, step, i, c) for i, c in enumerate(calls))
        if not calls:
            out += f"<p>asked and answered: {absent('no LLM call at this step')}</p>"
    extra = {k: v for k, v in step.items() if k not in KNOWN}
    if extra:
        out += _fold("other fields", pre(json.dumps(extra, indent=2, ensure_ascii=False,
                                                    default=str)))
    return out
