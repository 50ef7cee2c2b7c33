"""agisdk's web-clone task served from the local replicas (`harness.routing` finds and
serves them); it imports agisdk, so `harness.envs` loads it only to build an env."""

from __future__ import annotations

import html
import json
import re
from typing import Any

from agisdk.REAL.browsergym.webclones.base import AbstractWebCloneTask

from halo_cli.task_id import TaskId


class LocalWebCloneTask(AbstractWebCloneTask):
    """agisdk's web-clone task, served from `base_url/<site>` instead of the hosted site.

    The same set-up (`/config` in a background tab, then `/finish` there, then the site in
    the main tab) and the same `/finish` state; only the waits differ: agisdk waits for
    "networkidle" (no request for 500 ms), which the replicas' server-rendered pages with
    no background traffic reach at "load", so the local task waits for "load", and reads
    the state at the end with one request rather than a page load (`quick_waits=False`
    keeps agisdk's waits and read: the `--fresh-browser` baseline). Its run id
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
        """The state the eval script judges: `/finish`, fetched with the context's cookies
        (the task's session) instead of loaded and rendered in the background tab, which
        stays where set-up left it; errors are agisdk's ValueErrors."""
        if not self.quick_waits:
            return super().get_finish_json(timeout)
        try:
            response = self.page.context.request.get(self.url + "/finish", timeout=timeout)
            body = response.text()
        except Exception as exc:  # agisdk reports these as its "Validation error"
            raise ValueError(f"Validation error: {exc}") from None
        found = _PRE.search(body) if response.ok else None
        if found is None:
            raise ValueError("No state data available")
        try:
            return json.loads(html.unescape(found.group(1)))
        except json.JSONDecodeError as exc:
            raise ValueError(f"Invalid JSON format: {exc}") from None


#: the state inside /finish's page (the local server escapes it into one <pre>)
_PRE = re.compile(r"<pre>(.*?)</pre>", re.S)
