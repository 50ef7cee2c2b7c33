"""The agent on a real Chromium page through agisdk's BrowserEnv (marked `browser`).

A small inbox served on loopback; the Worker is the HTTP LLM double, which reads the
summarised tree it is sent to pick bids. One episode is learned, then replayed from the
Verified Action Cache in a fresh env with no LLM call at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from halo_cli.agent.orchestrator import HaloAgent
from halo_cli.cache.vac import VerifiedActionCache
from halo_cli.config.modes import MODES
from halo_cli.obs.pages import classify
from halo_cli.obs.summary import summarise
from halo_cli.policy.actions import env_action_mapping
from halo_cli.policy.llm import LLMClient, NoLLMConfigured
from tests.support.llm_double import LLMDouble
from tests.support.pages import finish_page, serve_pages

pytestmark = pytest.mark.browser

INBOX = """<!doctype html><html><head><title>Inbox - Mail</title></head><body>
<nav aria-label="Main"><a href="/">Inbox</a> <a href="/sent">Sent</a></nav>
<main><h1>Inbox</h1><input type="search" aria-label="Search mail">
<div role="toolbar" aria-label="Actions"><button id="del">Delete</button></div>
<ul id="rows">
<li><input type="checkbox" aria-label="Select Lunch"><a href="/email/1">Lunch</a> Alice</li>
<li><input type="checkbox" aria-label="Select Invoice"><a href="/email/2">Invoice</a> Bob $12.50
</li>
<li><input type="checkbox" aria-label="Select Party"><a href="/email/3">Party</a> Carol</li>
</ul><p role="status" id="st"></p></main>
<script>
document.getElementById('del').onclick = () => {
  const boxes = [...document.querySelectorAll('#rows input:checked')];
  boxes.forEach(b => b.closest('li').remove());
  document.getElementById('st').textContent = boxes.length + ' deleted';
};
</script></body></html>"""
GOAL = "Delete the Lunch and Party emails"


@pytest.fixture
def site() -> Iterator[str]:
    with serve_pages(lambda path: finish_page() if "finish" in path else INBOX) as served:
        yield served.url


def _env(url: str):
    from agisdk.REAL.browsergym.core.env import BrowserEnv
    from agisdk.REAL.browsergym.webclones.base import AbstractWebCloneTask

    class Local(AbstractWebCloneTask):
        def __init__(self, *a, **k) -> None:
            super().__init__(*a, **k)
            self.url = url

    return BrowserEnv(task_entrypoint=Local, task_kwargs={"task_name": "gomail-1",
                      "task_version": "v2"}, headless=True,
                      viewport={"width": 1280, "height": 720},
                      action_mapping=env_action_mapping())


def _worker_reply(body: dict) -> str:
    """A scripted 'model' that reads bids off the summary it was sent."""
    prompt = "\n".join(m["content"] if isinstance(m["content"], str) else m["content"][0]["text"]
                       for m in body["messages"])
    page = prompt.rsplit("PAGE (", 1)[1]

    def bid(pattern: str) -> str | None:
        m = re.search(r"\[(\w+)\] " + pattern, page)
        return m.group(1) if m else None

    lunch = bid(r'checkbox "Select Lunch" unchecked')
    party = bid(r'checkbox "Select Party" unchecked')
    if lunch:
        return f"```\nclick('{lunch}')\n```"
    if party:
        return f"```\ncheck('{party}')\n```"
    delete = bid('button "Delete"')
    if "deleted" not in page:
        return f"click('{delete}')"
    return "send_msg_to_user('Deleted the Lunch and Party emails.')"


def _run_episode(env, agent: HaloAgent, max_steps: int = 8) -> list:
    obs, _ = env.reset(seed=0)
    decisions = []
    for _ in range(max_steps):
        d = agent.act(obs)
        decisions.append(d)
        obs, _reward, done, _trunc, _info = env.step(d.action)
        agent.observe_result(obs)
        if done:
            break
    return decisions


def test_learn_then_replay_from_cache_on_real_browser(browser_ready, site, tmp_path: Path
                                                      ) -> None:
    mode = MODES["hierarchy_vac"]
    with LLMDouble() as llm, VerifiedActionCache.under(tmp_path) as vac:
        llm.handler = _worker_reply
        client = LLMClient(model="gpt-4o-mini", base_url=llm.url, api_key="k", timeout=5)
        env = _env(site)
        try:
            obs, _ = env.reset(seed=0)
            summary = summarise(obs["axtree_object"], GOAL, budget=500)
            assert re.search(r'\[\w+\] checkbox "Select Lunch" unchecked', summary.text)
            assert re.search(r'\[\w+\] button "Delete"', summary.text)
            assert "InlineTextBox" not in summary.text and "$12.50" in summary.text
            assert classify(obs["url"], obs["axtree_object"]) == "inbox"

            agent = HaloAgent(mode, client, None, vac, site="local", goal=GOAL, start_url=site,
                              worker_image="auto")
            learned = _run_episode(env, agent)
            assert [d.source for d in learned] == ["worker"] * 4
            assert [r.verdict.value for r in agent.records[:3]] == ["progressed"] * 3
            assert learned[1].action.startswith("check(")  # the custom action mapping works
            assert llm.requests[0].images()  # a real PNG screenshot went out
            assert agent.finish(1.0) == 4
            calls = len(llm.requests)

            def no_llm():
                raise NoLLMConfigured()

            replay_agent = HaloAgent(mode, no_llm, None, vac, site="local", goal=GOAL,
                                     start_url=site)
            replay = _run_episode(env, replay_agent)
            assert [d.source for d in replay] == ["cache"] * 4
            assert [r.verdict.value for r in replay_agent.records[:3]] == ["progressed"] * 3
            assert len(llm.requests) == calls and not replay_agent.llm_built
        finally:
            env.close()
