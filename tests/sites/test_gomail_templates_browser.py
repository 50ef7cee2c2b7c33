"""GoMail's template solutions in real Chromium: each browser reference solution, replayed
in the real agisdk env of its base task on the local replica, ends in a `/finish` state
its template's judge passes."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from halo_cli.sites.reference import Solution
from halo_cli.sites.registry import get_site
from halo_cli.sites.templates import Draft, Template, template_of

pytestmark = pytest.mark.browser

SITE = get_site("gomail")

#: one draft per template, plus the harder variants: (template, what the draft must have)
CASES: list[tuple[str, str, Callable[[dict[str, Any]], bool]]] = [
    # Sarah's and Mark's threads hold a reply you sent with the same subject
    ("reply_with_message", "a thread with a sent reply",
     lambda p: p["sender"] in ("Sarah Johnson", "Mark Thompson")),
    ("forward_to_contact", "with a note", lambda p: bool(p["note"])),
    ("compose_new_email", "with a cc", lambda p: bool(p["cc"])),
    ("star_or_unstar", "star", lambda p: p["starred"]),
    ("mark_unread", "any", lambda p: True),
    ("archive_emails", "a whole label", lambda p: bool(p["label"])),
    ("label_email", "a new label", lambda p: p["new"]),
    ("snooze_email", "a week or more", lambda p: p["days"] >= 7),
]


def _draft(t: Template, want: Callable[[dict[str, Any]], bool]) -> Draft:
    state = SITE.seed_state(t.base_task)
    for seed in range(200):
        d = t.draft(random.Random(seed), state)
        if d is not None and want(d.params):
            return d
    raise AssertionError(f"{t.name}: no draft of that kind in 200 seeds")


@pytest.fixture(scope="module")
def base_url(browser_ready: object) -> Iterator[str]:
    from halo_cli.sites.server import start_server

    server = start_server([SITE])
    try:
        yield f"http://{server.host}:{server.port}"
    finally:
        server.stop()


def _play(t: Template, d: Draft, base_url: str) -> dict[str, Any]:
    """Replay the draft's solution in the env of its base task; the final `/finish`."""
    from halo_cli.harness.envs import make_env
    from halo_cli.harness.replay import ScriptedAgent

    env = make_env(f"v2.{t.base_task}", "local", base_url=base_url)
    try:
        obs, _ = env.reset()
        agent = ScriptedAgent(Solution(t.base_task, t.solution(d.params)), max_actions=30)
        done = False
        while not done:
            obs, _, done, truncated, _ = env.step(agent.act(obs).action)
            assert not obs.get("last_action_error"), (agent.taken, obs["last_action_error"])
            assert not truncated
        return env.unwrapped.task.get_finish_json()
    finally:
        env.close()


@pytest.mark.parametrize("name, kind, want", CASES, ids=[f"{n}-{k}" for n, k, _ in CASES])
@pytest.mark.timeout(600)
def test_solution_reaches_a_state_the_judge_passes(base_url, name, kind, want):
    t = template_of("gomail", name)
    d = _draft(t, want)
    finish = _play(t, d, base_url)
    verdict = t.judge(d.params, finish)
    assert verdict.ok, f"{d.goal}: {verdict.reason}"
