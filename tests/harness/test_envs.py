"""The real agisdk BrowserEnv, in the real Chromium, against a tiny page on loopback."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from tests.support.helpers import halo
from tests.support.pages import PageSite, finish_page, serve_pages

pytestmark = pytest.mark.browser

STATE = {"initialfinaldiff": {"added": {}, "deleted": {}, "updated": {}},
         "differences": {"emails": {"added": [], "deleted": [], "updated": []}}}


def _page(path: str) -> str:
    if path.endswith("/finish"):
        return finish_page(json.dumps(STATE))
    return "<html><body><h1>Tiny inbox</h1><button>Refresh</button></body></html>"


@pytest.fixture()
def tiny_site() -> Iterator[PageSite]:
    with serve_pages(_page) as site:
        yield site


def test_real_env_runs_real_eval_script_on_loopback_page(browser_ready, tiny_site):
    from halo_cli.harness.envs import make_env

    env = make_env("v2.gomail-1", "local", base_url=tiny_site.url)
    try:
        obs, _ = env.reset(seed=0)
        assert obs["url"].startswith(tiny_site.url)
        assert "Tiny inbox" in json.dumps(obs["axtree_object"])
        obs, reward, done, _, info = env.step("send_msg_to_user('finished')")
    finally:
        env.close()
    assert done is True
    assert reward == 0.0  # eval_gomail_1.py judged the empty diff: FAILURE
    assert info["task_info"]["local_reward"] == 0.0
    assert any(p.startswith("/gomail/config?") and "task_id=v2.gomail-1" in p for p in tiny_site.seen)


def test_doctor_launches_chromium(tmp_path):
    out = halo("doctor", cwd=tmp_path, env={"HALO_DATA_DIR": str(tmp_path / "data")})
    assert out.returncode == 0, out.stdout + out.stderr
    assert "chromium" in out.stdout and "ready" in out.stdout
