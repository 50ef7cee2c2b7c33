"""The fast engine on a real Chromium: one warm browser serves many episodes, each in its
own context; the chat lives in memory; settle waits for the page's own requests."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator

import numpy as np
import pytest

from tests.support.pages import Page, finish_page, serve_pages

pytestmark = pytest.mark.browser

STATE = {"initialfinaldiff": {"added": {}, "deleted": {}, "updated": {}},
         "differences": {"emails": {"added": [], "deleted": [], "updated": []}}}
PAGE = """<html><body><h1>Slow inbox</h1>
<button onclick="fetch('slow').then(r => r.text()).then(t => {
  document.getElementById('out').textContent = t; })">Load mail</button>
<p id="out">nothing yet</p></body></html>"""


def _page(path: str) -> Page:
    if path.endswith("/finish"):
        return finish_page(json.dumps(STATE))
    if path.endswith("/slow"):
        time.sleep(0.4)  # a request the page is waiting on, longer than a quiet window
        return "3 new messages"
    if "/config" in path:
        return PAGE, {"Set-Cookie": f"visit={time.monotonic_ns()}; Path=/"}
    return PAGE


@pytest.fixture()
def site() -> Iterator[str]:
    with serve_pages(_page) as served:
        yield served.url


def _cookie(env) -> str:
    return next(c["value"] for c in env.context.cookies() if c["name"] == "visit")


def test_episodes_share_one_browser_but_never_a_context(browser_ready, site):
    from agisdk.REAL.browsergym.webclones.base import AbstractWebCloneTask

    from halo_cli.harness.envs import make_env
    from halo_cli.harness.fast_env import MemoryChat
    from halo_cli.harness.warm import WARM, launch_warm

    launch_warm(None, browser_ready)  # what a worker does before its first job ...
    launches = WARM.launches
    first = make_env("v2.gomail-1", "local", base_url=site)
    first.reset(seed=0)
    assert WARM.launches == launches  # ... with the very arguments an env's reset launches with
    cookie = _cookie(first)
    assert isinstance(first.chat, MemoryChat)
    first.close()
    second = make_env("v2.gomail-1", "local", base_url=site)
    try:
        second.reset(seed=0)
        assert WARM.launches == launches  # the same Chromium ...
        assert _cookie(second) != cookie  # ... but a fresh context: the first one's cookie is gone
        assert len(second.context.pages) == 2  # this episode's page and REAL's /finish tab only
        judged = AbstractWebCloneTask.get_finish_json(second.task)  # agisdk's read: a page load
        assert second.task.get_finish_json() == judged == STATE  # HALO's: one request, same state
        obs, reward, done, _, _ = second.step("send_msg_to_user('done')")
        assert done and reward == 0.0  # the in-memory chat ends the episode; the eval judged it
        said = [(m["role"], m["message"]) for m in obs["chat_messages"]]
        assert ("assistant", "done") in said and said[1][0] == "user"  # the goal, then the answer
        # the episode is over: nobody acts on its last page, so it is not extracted
        assert obs["screenshot"] is None and obs["axtree_object"] is None
        assert obs["url"].startswith(site)
        obs, _ = second.reset(seed=0)  # the same env, a new episode: a whole observation again
        assert obs["axtree_object"]["nodes"] and obs["screenshot"].shape == (720, 1280, 3)
    finally:
        second.close()


def test_settle_waits_for_the_request_the_action_started(browser_ready, site):
    from agisdk.REAL.browsergym.core.observation import extract_screenshot

    from halo_cli.harness.envs import make_env
    from halo_cli.obs.locate import find

    env = make_env("v2.gomail-1", "local", base_url=site)
    try:
        obs, _ = env.reset(seed=0)
        # the screenshot Chrome encodes for speed has agisdk's pixels, to the last one
        assert obs["screenshot"].shape == (720, 1280, 3)
        assert np.array_equal(obs["screenshot"], extract_screenshot(env.page))
        button = find(obs["axtree_object"], "button", "Load mail")
        obs, *_ = env.step(f"click('{button.bid}')")
        assert "3 new messages" in json.dumps(obs["axtree_object"])
    finally:
        env.close()


def test_fresh_browser_is_agisdks_env_as_shipped(browser_ready, site):
    from agisdk.REAL.browsergym.core.chat import Chat

    from halo_cli.harness.envs import make_env
    from halo_cli.harness.fast_env import FastBrowserEnv

    env = make_env("v2.gomail-1", "local", base_url=site, fresh_browser=True)
    try:
        env.reset(seed=0)
        assert not isinstance(env, FastBrowserEnv) and isinstance(env.chat, Chat)
    finally:
        env.close()


def test_headless_drops_the_tasks_slow_mo_a_visible_browser_keeps_it(site):
    """agisdk's tasks ask Playwright to pause 1 s before every input and page load; headless
    the fast env does not (settle waits instead), a visible browser and --fresh-browser do."""
    from halo_cli.harness.envs import make_env

    assert make_env("v2.gomail-1", "local", base_url=site).slow_mo == 0
    assert make_env("v2.gomail-1", "local", base_url=site, headless=False).slow_mo is None
    assert make_env("v2.gomail-1", "local", base_url=site, fresh_browser=True).slow_mo is None


@pytest.mark.parametrize(("action", "talks_only"), [
    ("send_msg_to_user('The total is $42')", True),
    ("report_infeasible('no such flight')", True),
    ("click('12')", False),
    ("fill('3', 'x')\nsend_msg_to_user('done')", False),  # a page action: settle
    ("send_msg_to_user('unclosed", False),
])
def test_only_an_action_that_just_talks_skips_settle(action, talks_only):
    from halo_cli.harness.fast_env import chat_only

    assert chat_only(action) is talks_only
