"""The real agisdk BrowserEnv, in the real Chromium, against a tiny page on loopback."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.support.helpers import halo

pytestmark = pytest.mark.browser

STATE = {"initialfinaldiff": {"added": {}, "deleted": {}, "updated": {}},
         "differences": {"emails": {"added": [], "deleted": [], "updated": []}}}


class _Page(BaseHTTPRequestHandler):
    seen: list[str] = []

    def do_GET(self) -> None:  # noqa: N802
        self.seen.append(self.path)
        if self.path.endswith("/finish"):
            body = f"<html><body><pre>{json.dumps(STATE)}</pre></body></html>"
        else:
            body = "<html><body><h1>Tiny inbox</h1><button>Refresh</button></body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        self.wfile.write(body.encode())

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def tiny_site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_real_env_runs_real_eval_script_on_loopback_page(browser_ready, tiny_site):
    from halo_cli.harness.envs import make_env

    env = make_env("v2.gomail-1", "local", base_url=tiny_site)
    try:
        obs, _ = env.reset(seed=0)
        assert obs["url"].startswith(tiny_site)
        assert "Tiny inbox" in json.dumps(obs["axtree_object"])
        obs, reward, done, _, info = env.step("send_msg_to_user('finished')")
    finally:
        env.close()
    assert done is True
    assert reward == 0.0  # eval_gomail_1.py judged the empty diff: FAILURE
    assert info["task_info"]["local_reward"] == 0.0
    assert any(p.startswith("/gomail/config?") and "task_id=v2.gomail-1" in p for p in _Page.seen)


def test_doctor_launches_chromium(tmp_path):
    out = halo("doctor", cwd=tmp_path, env={"HALO_DATA_DIR": str(tmp_path / "data")})
    assert out.returncode == 0, out.stdout + out.stderr
    assert "chromium" in out.stdout and "ready" in out.stdout
