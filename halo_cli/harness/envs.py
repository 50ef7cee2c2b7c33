"""Build agisdk `BrowserEnv`s for a task, on the hosted REAL sites or the local replicas.

The one place HALO constructs an env, so the scoring constraints (v2, 1280x720,
AXTree + screenshot) and HALO's action set (which adds `check`/`uncheck`) hold everywhere.
"""

from __future__ import annotations

import contextlib
import logging
import shutil
import tempfile
from collections.abc import Iterator
from typing import Any, Literal

from halo_cli.config.modes import SCORING
from halo_cli.harness.leaderboard import point_submissions_at
from halo_cli.harness.routing import local_task_kwargs
from halo_cli.policy.actions import env_action_mapping
from halo_cli.task_id import TaskId

SitesChoice = Literal["local", "remote"]


def quiet_agisdk() -> None:
    """Silence agisdk's console chatter (it prints every state JSON); logs stay available."""
    from agisdk.REAL.logging import logger as rich_logger  # deferred: agisdk, as in make_env

    rich_logger.print = lambda *a, **k: None  # type: ignore[method-assign]
    for name in ("agisdk", "agisdk.REAL"):
        logging.getLogger(name).setLevel(logging.ERROR)
    env_log = logging.getLogger("agisdk.REAL.browsergym.core.env")
    if not any(isinstance(f, _ActionErrorFilter) for f in env_log.filters):
        env_log.addFilter(_ActionErrorFilter())


class _ActionErrorFilter(logging.Filter):
    """browsergym logs every failed action with its traceback (40 lines for a click whose
    navigation outlived its 500 ms wait): the step records the error (or, for such a late
    navigation, a one-line note), so the console gets none of it."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("Error during action execution")


@contextlib.contextmanager
def private_tempdir() -> Iterator[str]:
    """A fresh temp folder for this episode's eval files.

    agisdk writes the state JSON for the eval script into the default temp folder, and
    some scripts (e.g. eval_omnizon_28.py) read every JSON file beside it: episodes running
    at once must not see each other's files.
    """
    old = tempfile.tempdir
    path = tempfile.mkdtemp(prefix="halo-eval-")
    tempfile.tempdir = path
    try:
        yield path
    finally:
        tempfile.tempdir = old
        shutil.rmtree(path, ignore_errors=True)


def make_env(
    task_id: str,
    sites: SitesChoice = "local",
    base_url: str | None = None,
    headless: bool = True,
    fresh_browser: bool = False,
    settle: Any = None,
    task: dict[str, Any] | None = None,
    leaderboard_run_id: str | None = None,
    real_eval_url: str | None = None,
    **env_kwargs: Any,
) -> Any:
    """A `BrowserEnv` for `task_id` ("v2.<name>", or "train.<site>.<template>.<n>" with
    `task`, its task-set line as a dict), not yet reset.

    `sites="local"` serves the task from the bundled replicas (`base_url` of a running
    `halo sites serve`, or an in-process server); `"remote"` uses the task's hosted URL.
    By default the env is a `FastBrowserEnv` (this process's warm browser, an in-memory
    chat when headless, settle after actions, no page extraction once the episode has
    ended: `terminal_obs=True` keeps it); `fresh_browser=True` gives agisdk's own
    BrowserEnv unchanged (a browser, and a chat browser, per episode; the task's 1 s
    `slow_mo` and a fixed 0.5 s sleep per action). A generated task runs on the local
    sites only, judged by its template (`harness.generated_task`).
    """
    # deferred: agisdk (with Ray and Playwright) takes seconds to import; only building
    # an env needs it, so importing this module (and the episode loop) stays light
    from agisdk.REAL.browsergym.core.env import BrowserEnv

    from halo_cli.harness.fast_env import FastBrowserEnv
    from halo_cli.harness.hosted_task import HostedWebCloneTask
    from halo_cli.harness.local_task import LocalWebCloneTask

    tid = TaskId.parse(task_id)
    if tid.generated:
        if sites != "local" or task is None:
            raise ValueError(f"{task_id}: a generated task runs on the local sites, with its "
                             "task-set line")
        from halo_cli.harness.generated_task import GeneratedWebCloneTask

        entry: Any = GeneratedWebCloneTask
        kwargs: dict[str, Any] = {**local_task_kwargs(tid, base_url, quick_waits=not fresh_browser),
                                  "task": task}
    elif sites == "local":
        entry = LocalWebCloneTask
        kwargs = local_task_kwargs(tid, base_url, quick_waits=not fresh_browser)
    else:
        entry = HostedWebCloneTask
        kwargs = {"task_name": tid.name, "task_version": tid.version}
    kwargs["run_id"] = leaderboard_run_id or "0"
    if leaderboard_run_id and real_eval_url:
        point_submissions_at(real_eval_url)
    quiet_agisdk()
    env_kwargs.setdefault("action_mapping", env_action_mapping())
    if not fresh_browser:
        if settle is not None:
            env_kwargs["settle"] = settle
        env_kwargs.setdefault("terminal_obs", False)  # the episode loop never reads it
    env_class = BrowserEnv if fresh_browser else FastBrowserEnv
    return env_class(
        task_entrypoint=entry,
        task_kwargs=kwargs,
        headless=headless,
        viewport=SCORING.viewport,
        **env_kwargs,
    )
