"""Shared pieces of the eval / rollout / exploration browser tests (no tests here).

The agent runs for real (run_episode, BrowserEnv, Chromium, the local sites); only the LLM
is the scripted double on loopback, reached through OPENAI_BASE_URL like any endpoint.
"""

from __future__ import annotations

import csv
import json
import time
from pathlib import Path
from typing import Any

from halo_cli.runner import procs
from halo_cli.runner.isolate import run_token
from tests.support.llm_double import LLMDouble, Reply, Request

FINISH = "The task is done.\n```\nsend_msg_to_user('done')\n```"
SCROLL = "Look further down first.\n```\nscroll(0, 200)\n```"


def env_for(llm: LLMDouble, tmp: Path) -> dict[str, str]:
    return {"OPENAI_BASE_URL": llm.url, "OPENAI_API_KEY": "sk-test",
            "HALO_RESULTS_DIR": str(tmp / "results"), "HALO_DATA_DIR": str(tmp / "data"),
            "RAY_AUTH_MODE": "disabled"}


def goal_of(task: str) -> str:
    from halo_cli.tasks.registry import open_registry

    return open_registry().get(task).goal


def request_text(body: dict[str, Any]) -> str:
    """All message text of a chat request body (image parts left out)."""
    return Request("", {}, body).text()


def finish_at_once(body: dict[str, Any]) -> Reply | str:
    return FINISH


def browsers_left(run_id: str, wait_s: float = 10.0) -> list[tuple[int, str]]:
    """Chromium processes of the run still alive after up to `wait_s` (crashpad and
    zygotes take a moment to go once the browser is gone)."""
    deadline = time.monotonic() + wait_s
    while (left := procs.browser_processes(run_token(run_id))) and time.monotonic() < deadline:
        time.sleep(0.25)
    return left


def rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(path.open()))


def jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(x) for x in path.read_text().splitlines() if x.strip()]
