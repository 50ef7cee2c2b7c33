"""agisdk's web-clone task served from the local replicas (`harness.routing` finds and
serves them); it imports agisdk, so `harness.envs` loads it only to build an env."""

from __future__ import annotations

import json
from typing import Any

from agisdk.REAL.browsergym.webclones.base import AbstractWebCloneTask

from halo_cli.task_id import TaskId


class LocalWebCloneTask(AbstractWebCloneTask):
    """agisdk's web-clone task, served from `base_url/<site>` instead of the hosted site.

    The same set-up (`/config` in a background tab, then `/finish` there, then the site in
    the main tab) and the same `/finish` read; only the waits differ: agisdk waits for
    "networkidle" (no request for 500 ms), which the replicas' server-rendered pages with
    no background traffic reach at "load", so the local task waits for "load"
    (`quick_waits=False` keeps agisdk's waits: the `--fresh-browser` baseline). Its run id
    is HALO's (`"0"`: nothing is submitted anywhere), never a `RUNID` left in the
    environment.
    """

    def __init__(self, seed: int, task_name: str, task_version: str, base_url: str,
                 quick_waits: bool = True, run_id: str = "0", **kwargs: object) -> None:
        super().__init__(seed, task_name=task_name, task_version=task_version, run_id=run_id,
                         **kwargs)
        self.run_id = run_id
        self.url = f"{base_url.rstrip('/')}/{TaskId(task_version, task_name).site}"
        self.quick_waits = quick_waits

    def setup(self, page: Any) -> tuple[str, dict]:
        """agisdk's set-up, waiting for "load" (goto's own wait) instead of networkidle."""
        if not self.quick_waits:
            return super().setup(page)
        self.page = page
        self.background_page = page.context.new_page()
        self.background_page.goto(
            f"{self.url}/config?run_id={self.run_id}&task_id={self.canonical_task_id}&latency=0")
        self.background_page.goto(f"{self.url}/finish")
        self.page.bring_to_front()
        self.page.goto(self.url)
        return self.goal, {}

    def get_finish_json(self, timeout: int = 1000) -> dict:
        """agisdk's read of `/finish` (the state the eval script judges), without the
        networkidle wait; errors are agisdk's ValueErrors."""
        if not self.quick_waits:
            return super().get_finish_json(timeout)
        try:
            self.background_page.goto(self.url + "/finish", timeout=timeout)
            pre = self.background_page.wait_for_selector("pre", timeout=timeout)
            text = pre.inner_text() if pre else None
        except Exception as exc:  # agisdk reports these as its "Validation error"
            raise ValueError(f"Validation error: {exc}") from None
        if text is None:
            raise ValueError("No state data available")
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValueError(f"Invalid JSON format: {exc}") from None
