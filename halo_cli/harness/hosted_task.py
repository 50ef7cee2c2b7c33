"""agisdk's web-clone task on the hosted REAL site, with HALO's run id (it imports
agisdk, so `harness.envs` loads it only to build an env)."""

from __future__ import annotations

from agisdk.REAL.browsergym.webclones.base import AbstractWebCloneTask


class HostedWebCloneTask(AbstractWebCloneTask):
    """agisdk's task unchanged, except whose run id it is: HALO's (`"0"`, nothing submitted,
    unless the run was registered with REAL's leaderboard), never a `RUNID` left in the
    environment, which agisdk would otherwise prefer and submit every episode under."""

    def __init__(self, seed: int, task_name: str, task_version: str, run_id: str = "0") -> None:
        super().__init__(seed, task_name=task_name, task_version=task_version, run_id=run_id)
        self.run_id = run_id
