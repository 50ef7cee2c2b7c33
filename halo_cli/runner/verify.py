"""Verifying the local sites (`halo sites verify`): every reference solution must score
1.0 and every negative control 0.0 (for a task set, each generated task's template
solution 1.0 and doing nothing 0.0), each played through the one episode loop
(`run_episode`) on the runner's pool of episode workers (`LocalPool`), N at a time.

A negative control proves something only when it ran to its end: one that crashed or
timed out (reward 0 with an error) fails verification, as a reference below 1.0 does.

A case crosses to its worker process as an `EpisodeSpec`: the task, and as `attempt`
the case's position among that task's solutions (`plan_verification` order, negatives
included). The worker rebuilds the solution from those two (solutions hold step state).
"""

from __future__ import annotations

import shutil
import tempfile
import threading
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from halo_cli.config.modes import MODES
from halo_cli.config.settings import Settings
from halo_cli.errors import UserError
from halo_cli.harness.replay import ScriptedAgent, generated_solutions, plan_verification
from halo_cli.outcome import succeeded
from halo_cli.runner.episode import StepCallback, run_episode
from halo_cli.runner.models import EpisodeResult, EpisodeSpec
from halo_cli.sites.base import Site
from halo_cli.sites.reference import Solution
from halo_cli.task_id import TaskId
from halo_cli.tasks.taskset import GeneratedTask

REPLAY_MODE = MODES["baseline_worker"].with_overrides(name="reference_replay", max_steps=81)
#: what each episode worker calls (`runner.child` resolves it in the worker's process)
VERIFY_EPISODE_FN = "halo_cli.runner.verify:play_case"
MAX_ACTIONS = 80


@dataclass(frozen=True)
class Case:
    """One solution to play: which, and where it sits among its task's solutions."""

    task: str  # "omnizon-3", or a generated task's id "train.zilloft.search_kind.2"
    kind: str  # reference | negative
    label: str
    index: int  # 1-based, among the task's solutions (negatives included)
    steps: int  # scripted steps: the longest start first when several run at once
    #: a generated task's definition (its solution comes from its template); None for v2
    generated: GeneratedTask | None = None


@dataclass
class VerifyRow:
    """One run of a solution, as `halo sites verify` shows it."""

    task: str
    kind: str  # reference | negative
    label: str
    reward: float
    steps: int
    seconds: float
    error: str | None = None

    @property
    def problem(self) -> str | None:
        """Why this run does not verify (None when it does)."""
        if self.kind == "reference":
            if succeeded(self.reward):
                return None
            return f"reference scored {self.reward:g}" + (f": {self.error}" if self.error else "")
        if self.error:  # its reward 0 proves nothing
            return f"negative crashed: {self.error}"
        return f"negative scored {self.reward:g}" if self.reward > 0.0 else None

    @property
    def ok(self) -> bool:
        return self.problem is None

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "ok": self.ok, "problem": self.problem}


@dataclass
class Verification:
    """Every row, in plan order; the episode logs are kept (`logs`) when a row failed."""

    rows: list[VerifyRow]
    planned: int
    logs: Path | None = None

    @property
    def failed(self) -> list[VerifyRow]:
        return [r for r in self.rows if not r.ok]


def plan_cases(sites: Sequence[Site], tasks: set[str] | None = None,
               negatives: bool = True) -> list[Case]:
    """Every reference of `sites` (or of `tasks` only, bare names), with the negative
    controls unless `negatives` is False."""
    cases: list[Case] = []
    for site in sites:
        position: Counter[str] = Counter()
        for solution in plan_verification([site], tasks, with_negatives=True):
            position[solution.task] += 1
            if negatives or solution.kind == "reference":
                cases.append(Case(solution.task, solution.kind, solution.label,
                                  position[solution.task], len(solution.steps)))
    return cases


def plan_generated_cases(tasks: Sequence[GeneratedTask], negatives: bool = True) -> list[Case]:
    """Each generated task's reference solution (from its template), and its "no action"
    control unless `negatives` is False."""
    cases = []
    for task in tasks:
        for index, solution in enumerate(generated_solutions(task, negatives), 1):
            cases.append(Case(task.id, solution.kind, solution.label, index,
                              len(solution.steps), task))
    return cases


def solution_of(task: str, index: int) -> Solution:
    """The `index`-th (1-based) solution of `task` in verification order."""
    from halo_cli.sites.registry import get_site

    mine = plan_verification([get_site(TaskId.parse(task).site)], {task})
    return mine[index - 1]


def case_spec(case: Case, base_url: str | None, data_dir: Path, headless: bool = True,
              fresh_browser: bool = False, run_id: str = "verify") -> EpisodeSpec:
    """The episode that plays `case` on the local sites at `base_url` (no trajectory)."""
    task_id = case.generated.id if case.generated else f"v2.{case.task}"
    return EpisodeSpec(task_id=task_id, mode=REPLAY_MODE, run_id=run_id,
                       attempt=case.index, sites="local", sites_url=base_url, headless=headless,
                       data_dir=data_dir, trajectory=False, fresh_browser=fresh_browser,
                       task=case.generated)


def replay(solution: Solution, spec: EpisodeSpec, settings: Settings | None = None,
           on_step: StepCallback | None = None, on_ready: Callable[[], None] | None = None,
           max_actions: int = MAX_ACTIONS, timeout_retries: int = 1) -> EpisodeResult:
    """Play `solution` as the episode of `spec`; reward comes from agisdk's eval script.

    A run cut short by a Playwright timeout (browsergym gives each action 500 ms, which a
    loaded machine can miss) is played again, up to `timeout_retries` times; a wrong
    reward or any other error stands.
    """
    def play() -> EpisodeResult:
        return run_episode(spec, lambda s, obs, res: ScriptedAgent(solution, max_actions),
                           settings=settings, on_step=on_step, on_ready=on_ready)

    result = play()
    for _ in range(timeout_retries):
        if not (result.error_message and "Timeout" in result.error_message):
            break
        result = play()
    return result


def play_case(spec: EpisodeSpec, settings: Settings, on_step: StepCallback | None = None,
              on_ready: Callable[[], None] | None = None) -> EpisodeResult:
    """The episode function of a verify worker: rebuild the case's solution (a generated
    task's from its template and the spec's task definition), play it."""
    if spec.task is not None:
        solution = generated_solutions(spec.task)[spec.attempt - 1]
    else:
        solution = solution_of(TaskId.parse(spec.task_id).name, spec.attempt)
    return replay(solution, spec, settings, on_step, on_ready)


def to_row(task: str, kind: str, label: str, result: EpisodeResult) -> VerifyRow:
    """What a run of a solution shows: its reward, steps, time and error."""
    error = f"{result.error_type}: {result.error_message}" if result.error_type else None
    if result.error_type == "ReplayError":
        error = result.error_message
    return VerifyRow(task, kind, label, result.reward, result.steps,
                     round(result.wall_time_s, 2), error)


def run_solution(solution: Solution, base_url: str | None = None, headless: bool = True,
                 max_actions: int = MAX_ACTIONS, timeout_retries: int = 1,
                 fresh_browser: bool = False) -> VerifyRow:
    """Play `solution` in this process on the local sites (a fresh env); its row."""
    spec = EpisodeSpec(task_id=f"v2.{solution.task}", mode=REPLAY_MODE, run_id="reference",
                       sites="local", sites_url=base_url, headless=headless, trajectory=False,
                       fresh_browser=fresh_browser)
    result = replay(solution, spec, max_actions=max_actions, timeout_retries=timeout_retries)
    return to_row(solution.task, solution.kind, solution.label, result)


def verify(cases: Sequence[Case], sites: Sequence[Site], settings: Settings, *,
           workers: int = 1, headless: bool = True, fresh_browser: bool = False,
           on_row: Callable[[VerifyRow], None] | None = None,
           on_start: Callable[[Case], None] | None = None) -> Verification:
    """Play `cases` on one local server for `sites`, `workers` episodes at once (each
    worker a process with its own warm browser); `on_row` gets each row as it finishes.

    The episode logs go to a temporary folder, removed when every row verifies, kept
    (and named in the result) otherwise. A Ctrl-C ends the running episodes and raises.
    """
    from halo_cli.harness.browser import BrowserNotFound, activate
    from halo_cli.runner.pool import LocalPool
    from halo_cli.sites.server import start_server

    try:
        activate(settings.chromium_path, settings.data_dir)  # the workers inherit it
    except BrowserNotFound as exc:
        raise UserError(str(exc)) from None
    logs = Path(tempfile.mkdtemp(prefix="halo-verify-")) / "logs"
    server = start_server(list(sites))
    base = f"http://{server.host}:{server.port}"
    data_dir = settings.data_dir.resolve()
    by_key = {}
    for case in cases:
        spec = case_spec(case, base, data_dir, headless, fresh_browser)
        by_key[spec.key] = (case, spec)
    order = sorted(by_key.values(), key=lambda cs: -cs[0].steps)  # slowest first
    rows: dict[tuple[str, str, int], VerifyRow] = {}

    def finished(result: EpisodeResult) -> None:
        case, _ = by_key[result.key]
        rows[result.key] = row = to_row(case.task, case.kind, case.label, result)
        if on_row is not None:
            on_row(row)

    def started(spec: EpisodeSpec) -> None:
        if on_start is not None:
            on_start(by_key[spec.key][0])

    pool = LocalPool(settings, workers, logs, VERIFY_EPISODE_FN)
    try:
        pool.run([spec for _, spec in order], finished, threading.Event(), started)
    finally:
        server.stop()
    done = Verification([rows[k] for k in by_key if k in rows], len(by_key), logs)
    if not done.failed:
        shutil.rmtree(logs.parent, ignore_errors=True)
        done.logs = None
    return done
