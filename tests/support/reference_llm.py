"""An LLM-double handler that answers with a task's reference solution.

It reads only what the agent sent: the page lines of the prompt (`[bid] role "name"
states`) are turned back into a minimal AXTree, and the reference's next step is
resolved against it by role and name, just as the real solution runner does. The
Worker and a reviewing Manager see the same page, so the same page gets the same answer.
"""

from __future__ import annotations

import re
from typing import Any

from halo_cli.sites.reference import Solution
from halo_cli.tasks.ids import TaskId

LINE = re.compile(r'^\s*\[(?P<bid>[^\]]+)\] (?P<role>\w+)(?: "(?P<name>(?:[^"\\]|\\.)*)")?(?P<rest>.*)$')


def tree_from_prompt(text: str) -> dict[str, Any]:
    """A minimal browsergym AXTree from the PAGE section of a prompt."""
    page = text.split("PAGE (accessibility tree", 1)[-1]
    nodes = []
    for line in page.splitlines():
        m = LINE.match(line)
        if not m:
            continue
        props = []
        states = m["rest"].split()
        if "checked" in states:
            props.append({"name": "checked", "value": {"value": "true"}})
        name = (m["name"] or "").replace('\\"', '"').rstrip("…")
        nodes.append({"nodeId": m["bid"], "browsergym_id": m["bid"], "role": {"value": m["role"]},
                      "name": {"value": name}, "properties": props})
    return {"nodes": nodes}


class ReferenceAnswerer:
    """`LLMDouble(handler=ReferenceAnswerer(solution))`; `.answers` lists what it said."""

    def __init__(self, solution: Solution) -> None:
        self.steps = list(solution.steps)
        self.answers: list[str] = []
        self._last: tuple[str, str] | None = None

    def __call__(self, body: dict[str, Any]) -> str:
        text = "\n".join(
            m["content"] if isinstance(m["content"], str)
            else "\n".join(p.get("text", "") for p in m["content"] if p.get("type") == "text")
            for m in body["messages"] if m["role"] == "user"
        )
        url = re.search(r"^URL: .*$", text, flags=re.M)
        page = text.split("PAGE (accessibility tree", 1)[-1]
        page_key = (url[0] if url else "") + "\n".join(
            line for line in page.splitlines() if LINE.match(line))
        if self._last and self._last[0] == page_key:
            return f"Same page, same answer.\n```{self._last[1]}```"
        obs = {"axtree_object": tree_from_prompt(text)}
        action = "send_msg_to_user('Done.')"
        while self.steps:
            nxt = self.steps[0].next_action(obs)
            if nxt is not None:
                action = nxt
                break
            self.steps.pop(0)
        self._last = (page_key, action)
        self.answers.append(action)
        return f"Following the plan.\n```{action}```"


def reference(task: str) -> Solution:
    """The reference solution of a local task (fresh step objects)."""
    from halo_cli.harness.replay import site_solutions
    from halo_cli.sites.registry import get_site

    refs, _ = site_solutions(get_site(TaskId.parse(task).site))
    return next(s for s in refs if s.task == task)
