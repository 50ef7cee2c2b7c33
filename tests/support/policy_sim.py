"""A simulated Worker and Manager with known error rates (benchmarks and tests only).

The ground truth per page state is the task's reference solution replayed in a *shadow*
of the agent's episode: before each step the shadow sees the agent's observation, after it
the action the agent actually ran (from the Worker, the Manager, the cache or a macro). The
reference's next action is resolved by role and name on that very page, and the shadow
moves on only when the agent ran it without error. When the agent has strayed (a wrong
link, a wrong checkbox, a wrong textbox), the truth is to undo that first (go back, click
the box again, restore the text).

`PolicySim` answers chat requests (served by `tests.support.llm_double.LLMDouble` on loopback, so
HALO's real client, prompts, parsing and repair run): it finds the episode by the GOAL in
the request, and answers the truth with probability 1 - e (Worker) or 1 - d (Manager),
else one error web agents are known to make (`KINDS`). Every draw is seeded by (seed,
task, attempt, role, request number), so an episode replays exactly.
"""

from __future__ import annotations

import copy
import hashlib
import random
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from halo_cli.agent.progress import state_digest
from halo_cli.harness.replay import FINAL_MESSAGE, _Steps
from halo_cli.obs.locate import nodes
from halo_cli.policy.actions import Action, ActionError, parse_action
from halo_cli.sites.reference import Solution, TargetNotFound
from tests.support.llm_double import Reply, message_text

#: the errors, each drawn with equal weight when the policy errs
KINDS = ("wrong_element", "premature_finish", "repeat", "invalid", "off_site")
PREMATURE = "send_msg_to_user('I have completed the task.')"
OFF_SITE = "goto('https://www.google.com/search?q=how+to+do+this+task')"
GO_BACK = "go_back()"
_PAGE_LINE = re.compile(r"^\s*\[(?P<bid>[^\]\s]+)\] (?P<role>\w+)", re.M)
_TOGGLES = {"checkbox", "switch", "menuitemcheckbox"}


@dataclass(frozen=True)
class SimConfig:
    """Error rates of the simulated Worker (e) and Manager (d), which errors, the seed."""

    e: float = 0.0
    d: float = 0.0
    seed: int = 0
    kinds: tuple[str, ...] = KINDS

    def to_dict(self) -> dict[str, Any]:
        return {"e": self.e, "d": self.d, "seed": self.seed, "kinds": list(self.kinds)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SimConfig:
        return cls(float(data.get("e", 0)), float(data.get("d", 0)), int(data.get("seed", 0)),
                   tuple(data.get("kinds") or KINDS))


def _norm(text: str) -> str:
    try:
        return parse_action(text).text
    except ActionError:
        return text


def _state(obs: dict) -> tuple[str, str]:
    return str(obs.get("url")), state_digest(obs.get("axtree_object"))


def _undo(action: str, before: dict, after: dict) -> str | None:
    """The action that takes back `action` (run on `before`, giving `after`), if any."""
    if _state(before) == _state(after):
        return None  # nothing changed: nothing to take back
    try:
        act = parse_action(action)
    except ActionError:
        return None
    if str(before.get("url")) != str(after.get("url")):
        return "go_forward()" if act.name == "go_back" else GO_BACK
    if not act.bids:
        return None
    node = next((n for n in nodes(before.get("axtree_object") or {}) if n.bid == act.bids[0]),
                None)
    if node is None:
        return None
    if act.name in ("click", "check", "uncheck") and node.role in _TOGGLES:
        return f"click({node.bid!r})"
    if act.name == "fill":
        return Action("fill", (node.bid, node.value or "")).text
    return None


@dataclass
class Shadow:
    """The reference solution, kept level with one episode of the agent."""

    solution: Solution
    key: str  # seeds the draws: "<seed>|<task>|<attempt>"
    steps: _Steps = field(init=False)
    undo: list[str] = field(default_factory=list)
    obs: dict = field(default_factory=dict)
    truth: str = FINAL_MESSAGE
    last_executed: str | None = None
    asked: Counter = field(default_factory=Counter)  # requests per role
    answers: list[tuple[str, str, str]] = field(default_factory=list)  # (role, kind, action)
    _after: _Steps | None = None
    _pending: tuple[str, str, _Steps | None, dict] | None = None

    def __post_init__(self) -> None:
        self.steps = _Steps(self.solution)

    def observe(self, obs: dict) -> None:
        """The page the agent is about to act on (settles the previous action first)."""
        if self._pending is not None:
            self._settle(obs)
        self.obs = obs
        self.truth, self._after = self._ground_truth(obs)

    def executed(self, action: str) -> None:
        """The action the agent ran on the last observed page, whoever chose it."""
        self._pending = (_norm(action), self.truth, self._after, self.obs)
        self.last_executed = action

    def _settle(self, after: dict) -> None:
        action, truth, steps_after, before = self._pending  # type: ignore[misc]
        self._pending = None
        if after.get("last_action_error") and _state(before) == _state(after):
            return  # failed without effect (a timed-out click that did land still counts)
        if action == _norm(truth):
            if steps_after is None:
                self.undo.pop()
            else:
                self.steps = steps_after
            return
        undo = _undo(action, before, after)
        if undo is not None:
            self.undo.append(undo)

    def _ground_truth(self, obs: dict) -> tuple[str, _Steps | None]:
        if self.undo:
            return self.undo[-1], None
        ahead = copy.deepcopy(self.steps)
        try:
            return ahead.next_action(obs), ahead
        except TargetNotFound:
            return GO_BACK, None

    def rng(self, role: str) -> random.Random:
        n = self.asked[role]
        self.asked[role] += 1
        digest = hashlib.sha256(f"{self.key}|{role}|{n}".encode()).digest()
        return random.Random(int.from_bytes(digest[:8], "big"))


def request_text(body: dict[str, Any], role: str = "user") -> str:
    """The text of every message of `role` in a chat request (images left out)."""
    return message_text(body.get("messages", []), role)


def _tokens_in(body: dict[str, Any], model: str) -> int:
    """Prompt tokens as OpenAI bills them: text at ~4 characters a token, and each
    1280x720 screenshot as 6 tiles (gpt-4o: 85 + 170 per tile; gpt-4o-mini: 2833 + 5667)."""
    chars = sum(len(request_text(body, r)) for r in ("system", "user", "assistant"))
    images = sum(1 for m in body.get("messages", []) if isinstance(m.get("content"), list)
                 for p in m["content"] if p.get("type") == "image_url")
    per_image = 2833 + 5667 * 6 if "mini" in model else 85 + 170 * 6
    return chars // 4 + images * per_image


class PolicySim:
    """The LLM double's handler: the simulated Worker and Manager of every open episode."""

    def __init__(self, config: SimConfig) -> None:
        self.config = config
        self.shadows: dict[str, Shadow] = {}  # by goal
        self.kinds: Counter = Counter()  # (role, kind) over the handler's life

    def begin(self, solution: Solution, goal: str, attempt: int = 1) -> Shadow:
        """A shadow for a new episode of `solution` (replacing any with the same goal)."""
        shadow = Shadow(solution, f"{self.config.seed}|{solution.task}|{attempt}")
        self.shadows[goal.strip()] = shadow
        return shadow

    def __call__(self, body: dict[str, Any]) -> Reply:
        text = request_text(body)
        goal = re.search(r"^GOAL: (.*)$", text, re.M)
        shadow = self.shadows.get(goal[1].strip()) if goal else None
        if shadow is None:
            return Reply(status=400, text="policy simulator: no episode for this GOAL")
        role = "manager" if request_text(body, "system").startswith("You supervise") else "worker"
        rng = shadow.rng(role)
        rate = self.config.e if role == "worker" else self.config.d
        kind = "correct" if rng.random() >= rate else rng.choice(self.config.kinds)
        kind, action = self._answer(kind, shadow, text, rng)
        shadow.answers.append((role, kind, action))
        self.kinds[(role, kind)] += 1
        reply = f"{'Next step' if kind != 'invalid' else 'Hmm'}: {kind}.\n```{action}```"
        if kind == "invalid" and not action.endswith(")"):
            reply = action
        model = str(body.get("model", ""))
        return Reply(text=reply, usage=(_tokens_in(body, model), max(1, len(reply) // 4 + 30)))

    def _answer(self, kind: str, shadow: Shadow, text: str, rng: random.Random
                ) -> tuple[str, str]:
        """(kind, action): `kind` if it applies here, else the next configured kind that
        does (nothing to repeat yet, no other element of the role), else the truth."""
        if kind == "correct":
            return kind, shadow.truth
        page = text.split("PAGE (accessibility tree", 1)[-1]
        roles = {m["bid"]: m["role"] for m in _PAGE_LINE.finditer(page)}
        for k in (kind, *(k for k in KINDS if k in self.config.kinds and k != kind)):
            action = _error(k, shadow, roles, rng)
            if action is not None:
                return k, action
        return "correct", shadow.truth


def _error(kind: str, shadow: Shadow, roles: dict[str, str], rng: random.Random
           ) -> str | None:
    """The answer of one error kind on this page, or None when it does not apply."""
    if kind == "wrong_element":
        return _wrong_element(shadow.truth, roles, rng)
    if kind == "repeat":
        return shadow.last_executed
    if kind == "premature_finish":
        return PREMATURE
    if kind == "off_site":
        return OFF_SITE
    if rng.random() < 0.5:  # invalid: no call at all, or a bid that is not on the page
        return "I will click the button that moves the task forward."
    return f"click('{max((int(b) for b in roles if b.isdigit()), default=0) + 9999}')"


def _wrong_element(truth: str, roles: dict[str, str], rng: random.Random) -> str | None:
    """`truth` aimed at another element of the same role on the page, or None."""
    try:
        act = parse_action(truth)
    except ActionError:
        return None
    if not act.bids or act.bids[0] not in roles:
        return None
    role = roles[act.bids[0]]
    others = sorted(b for b, r in roles.items() if r == role and b != act.bids[0])
    if not others:
        return None
    return Action(act.name, (rng.choice(others), *act.args[1:]), act.kwargs).text
