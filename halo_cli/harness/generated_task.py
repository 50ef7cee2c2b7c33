"""agisdk's task class for generated training tasks (`train.<site>.<template>.<n>`) on the
local replicas: the goal and start path come from the task set (carried to the episode
in its spec, never re-read from a file), and the judge is the template's.

The episode runs exactly as a v2 task's on the local sites (`LocalWebCloneTask`: `/config`
in a background tab, the site in the main tab, `/finish` read when the agent's second
message arrives); only the evaluator differs. `TemplateEvaluator.evaluate` has the
signature and answer of agisdk's `WebCloneEvaluator.evaluate`, so agisdk's `validate()`
calls it and `harness.judge.watch_judge` records the template's words as it records an
eval script's. It imports agisdk, so `harness.envs` loads it only to build an env.
"""

from __future__ import annotations

from typing import Any

from agisdk.REAL.browsergym.core.task import AbstractBrowserTask

from halo_cli.harness.local_task import LocalWebCloneTask
from halo_cli.sites.templates import template_of
from halo_cli.task_id import TaskId


class TemplateEvaluator:
    """The template's judge behind agisdk's evaluator interface."""

    def __init__(self, site: str, template: str, params: dict[str, Any]) -> None:
        self.site = site
        self.template = template
        self.params = params

    @property
    def script(self) -> str:
        """How the judge is named where an eval script's name would be."""
        return f"template:{self.site}.{self.template}"

    def evaluate(self, env_state: Any = None, model_response: Any = None
                 ) -> tuple[float, bool, str, dict[str, Any]]:
        """`(reward, done, message, info)` as agisdk's evaluator answers, with
        `info["results"] = [(ok, {"script": "template:<site>.<name>", "output": reason})]`."""
        try:
            verdict = template_of(self.site, self.template).judge(self.params, env_state or {})
            ok, output, error = verdict.ok, verdict.reason, None
        except Exception as exc:  # a judge that breaks on odd state fails the task, loudly
            ok, output, error = False, "", f"{type(exc).__name__}: {exc}"
        detail: dict[str, Any] = {"script": self.script, "output": output}
        if error:
            detail["error"] = error
        return (1.0 if ok else 0.0, True, "SUCCESS" if ok else "FAILURE",
                {"results": [(ok, detail)]})


class GeneratedWebCloneTask(LocalWebCloneTask):
    """A generated task served by the local replica of its site.

    `task` is the task-set line as a dict (`GeneratedTask.model_dump()`); `/config` gets
    its id (`task_id=train.<site>.<template>.<n>`), so the server seeds the session with
    the template's base task's store. Never submits to a leaderboard (run id "0").
    """

    def __init__(self, seed: int, task: dict[str, Any], base_url: str,
                 quick_waits: bool = True, **_: object) -> None:
        AbstractBrowserTask.__init__(self, seed)  # agisdk's own __init__ reads a task JSON
        tid = TaskId.parse(task["id"])
        self.seed = seed
        self.task_name, self.task_version = tid.name, tid.version
        self.task_id = tid.name
        self.canonical_task_id = str(tid)
        self.run_id = "0"
        self.goal = task["goal"]
        self.url = f"{base_url.rstrip('/')}/{task['site']}"
        self.start_path = task.get("start_path") or "/"
        self.quick_waits = quick_waits
        self.evaluator = TemplateEvaluator(task["site"], task["template"], dict(task["params"]))

    @classmethod
    def get_task_id(cls) -> str:
        return "halo.generated"

    def setup(self, page: Any) -> tuple[str, dict]:
        """The local task's set-up, then the task's start page."""
        goal, info = super().setup(page)
        if self.start_path != "/":
            self.page.goto(self.url + self.start_path)
        return goal, info

    def _has_script_eval(self) -> bool:
        return False
