"""What each run command asks for, as one typed object, and the plan it becomes.

`halo eval subset|matrix` parses its options into an `EvalRequest`, `halo rollout` into a
`RolloutRequest`, `halo verify-exploration` into an `ExplorationRequest`. With the shared
`RunOptions` (how to run), `plan()` turns a request into the run's episodes, checking
every input first (an unknown task, mode, experiment or subset is a UserError and nothing
starts); `record()` is what run.json keeps of it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Literal, Protocol

from halo_cli.errors import UserError
from halo_cli.runner import plan as planning
from halo_cli.tasks.ids import DEFAULT_VERSION

if TYPE_CHECKING:
    from halo_cli.config.settings import Settings
    from halo_cli.runner.models import EpisodeSpec
    from halo_cli.runner.run import RunOptions

DEFAULT_EXPERIMENT = "explore"


@dataclass
class Planned:
    """A request's episodes, a note for the user, and the choices it resolved (recorded)."""

    specs: list[EpisodeSpec]
    note: str = ""
    resolved: dict[str, Any] = field(default_factory=dict)


class Request(Protocol):
    """What a run command asks for (never how to run it: that is `RunOptions`)."""

    rollouts: ClassVar[bool]  # write rollout_summary.jsonl

    @property
    def command(self) -> str: ...  # "eval subset", "rollout", ... as run.json names it
    @property
    def title(self) -> str: ...
    @property
    def keep_screenshots(self) -> bool: ...
    def plan(self, run: RunOptions, run_id: str, settings: Settings) -> Planned: ...
    def record(self) -> dict[str, Any]: ...


def _record(request: Any) -> dict[str, Any]:
    """The request's fields as run.json keeps them (paths as text)."""
    doc = {k: (str(v) if isinstance(v, Path) else v) for k, v in asdict(request).items()}
    return {**doc, "keep_screenshots": request.keep_screenshots}


def _eligible(run: RunOptions, ids: list[str]) -> set[str] | None:
    """On the local sites with no explicit ids, only the tasks they serve."""
    return planning.local_task_ids() if run.sites == "local" and not ids else None


def default_matrix_modes(settings: Settings) -> tuple[list[str], str]:
    """Every mode, less the vLLM ones when HALO_VLLM_URL is unset (and a note saying so)."""
    from halo_cli.config.modes import MODES

    names = [m.name for m in MODES.values() if m.worker_backend != "vllm" or settings.vllm_url]
    skipped = [n for n in MODES if n not in names]
    note = f"note: skipping {', '.join(skipped)} (HALO_VLLM_URL not set)" if skipped else ""
    return names, note


@dataclass
class EvalRequest:
    """`halo eval subset|matrix`: modes on chosen or sampled tasks, `attempts` each."""

    kind: Literal["subset", "matrix"] = "subset"
    tasks: list[str] | None = None
    task_type: str | None = None
    task_version: str = DEFAULT_VERSION
    task_registry: Path | None = None
    modes: list[str] | None = None
    max_steps: int | None = None
    seed: int = 0
    attempts: int = 1
    keep_screenshots: bool = False
    sample_size: int | None = None
    task_set: Path | None = None  # generated tasks (JSON Lines) instead of the v2 registry
    #: submit every episode to REAL's leaderboard as run `run_name` (hosted sites only)
    leaderboard: bool = False
    run_name: str | None = None

    rollouts: ClassVar[bool] = False

    @property
    def command(self) -> str:
        return f"eval {self.kind}"

    def default_cache(self) -> str:
        """A mode comparison starts from an empty cache of its own; a subset uses the user's."""
        return "fresh" if self.kind == "matrix" else "user"

    @property
    def title(self) -> str:
        return f"halo {self.command}"

    def record(self) -> dict[str, Any]:
        doc = _record(self)
        del doc["kind"]  # run.json names the command
        return doc

    def plan(self, run: RunOptions, run_id: str, settings: Settings) -> Planned:
        from halo_cli.runner import leaderboard

        leaderboard.check(self.leaderboard, self.run_name, run, settings, self.task_set)
        registry = planning.open_tasks(self.task_set, run.sites, self.task_registry,
                                       self.task_version)
        notes: list[str] = []
        names = planning.split_list(self.modes)
        if not names and self.kind == "matrix":
            names, skipped = default_matrix_modes(settings)
            notes.append(skipped)
        ids = planning.split_list(self.tasks)
        eligible = _eligible(run, ids) if self.task_set is None else None
        picked = planning.select_tasks(registry, ids, self.task_type, self.sample_size,
                                       self.seed, eligible)
        if eligible is not None and self.sample_size is None:
            every = registry.select(None, [self.task_type] if self.task_type else None)
            if len(picked) < len(every):
                notes.append(f"note: local sites serve {len(picked)} of {len(every)} tasks; "
                             "--sites remote runs all")
        task_ids = [t.id for t in picked]
        planning.check_local_sites(task_ids, run.sites)
        modes = run.modes(planning.resolve_modes(names or ["hierarchy_vac_macros"]), self.max_steps)
        specs = planning.episode_specs(task_ids, modes, run_id, self.attempts,
                                       **run.spec_options(settings, self.keep_screenshots,
                                                          run_id=run_id,
                                                          default_cache=self.default_cache()))
        if self.leaderboard and self.run_name:
            specs = leaderboard.entries(specs, self.run_name, settings)
        return Planned(planning.with_tasks(specs, registry), "\n".join(filter(None, notes)))


@dataclass
class RolloutRequest:
    """`halo rollout`: N sampled rollouts per task of one experiment (or mode)."""

    config: Path | None = None  # experiments file; None: the packaged one
    experiment: str | None = None
    mode: str | None = None
    subset: str | None = None
    tasks: list[str] | None = None
    task_registry: Path | None = None
    sample_size: int | None = None
    rollouts_per_task: int = 4
    seed: int = 0  # the task sample's; rollout k samples the LLM with seed + k - 1
    task_seed: int = 0
    temperature: float | None = None
    max_steps: int | None = None
    task_set: Path | None = None  # generated tasks (JSON Lines) instead of the v2 registry

    command: ClassVar[str] = "rollout"
    rollouts: ClassVar[bool] = True
    title: ClassVar[str] = "halo rollout"
    keep_screenshots: ClassVar[bool] = True  # training data: what the policy saw, image included

    def __post_init__(self) -> None:
        if self.experiment and self.mode:
            raise UserError("--experiment and --mode both choose the agent: pass one of them")
        if self.subset and self.tasks:
            raise UserError("--subset and --tasks both choose tasks: pass one of them")
        if self.subset and self.task_set:
            raise UserError("--subset names v2 tasks of the experiments file: with --task-set "
                            "choose tasks with --tasks or --sample-size")

    @property
    def name(self) -> str:
        """The experiment (or mode) that runs."""
        return self.mode or self.experiment or DEFAULT_EXPERIMENT

    def record(self) -> dict[str, Any]:
        return _record(self)

    def plan(self, run: RunOptions, run_id: str, settings: Settings) -> Planned:
        from halo_cli.config.experiments import DEFAULT_EXPERIMENTS, load_experiments
        from halo_cli.config.modes import get_mode
        from halo_cli.tasks.registry import TaskRegistry, open_registry

        tasks = planning.open_tasks(self.task_set, run.sites, self.task_registry)
        registry = tasks if isinstance(tasks, TaskRegistry) else open_registry()
        config = self.config or DEFAULT_EXPERIMENTS
        doc = load_experiments(config, registry)
        chosen = get_mode(self.mode) if self.mode else doc.mode(self.name)
        [chosen] = run.modes([chosen.with_overrides(temperature=self.temperature)], self.max_steps)
        ids = planning.split_list(self.tasks)
        subset = self.subset or (None if ids or self.sample_size or self.mode or self.task_set
                                 else doc.default_subset(self.name))
        if subset:
            ids = doc.subset(subset)
        picked = planning.select_tasks(tasks, ids, None, self.sample_size, self.seed,
                                       _eligible(run, ids) if self.task_set is None else None)
        task_ids = [t.id for t in picked]
        planning.check_local_sites(task_ids, run.sites)
        specs = planning.rollout_specs(task_ids, chosen, run_id, self.rollouts_per_task,
                                       seed=self.seed, task_seed=self.task_seed,
                                       **run.spec_options(settings, self.keep_screenshots,
                                                          run_id=run_id))
        return Planned(planning.with_tasks(specs, tasks), resolved={"config": str(config), "subset": subset,
                                        "experiment": None if self.mode else self.name})


@dataclass
class ExplorationRequest:
    """`halo verify-exploration`: one task twice on one task seed, at temperatures A and B."""

    task: str
    mode: str = "baseline_worker"
    task_seed: int = 0
    temperature_a: float = 0.0
    temperature_b: float = 1.0
    compare_steps: int = 5
    seed: int | None = None  # the LLM's, the same for both runs
    task_registry: Path | None = None
    max_steps: int | None = None

    command: ClassVar[str] = "verify-exploration"
    rollouts: ClassVar[bool] = False
    title: ClassVar[str] = "halo verify-exploration"
    keep_screenshots: ClassVar[bool] = False

    def record(self) -> dict[str, Any]:
        return _record(self)

    def plan(self, run: RunOptions, run_id: str, settings: Settings) -> Planned:
        from halo_cli.config.modes import get_mode
        from halo_cli.tasks.registry import open_registry

        task_id = open_registry(self.task_registry).get(self.task).id
        planning.check_local_sites([task_id], run.sites)
        [base] = run.modes([get_mode(self.mode).with_overrides(seed=self.seed)], self.max_steps)
        specs = []
        for attempt, temperature in ((1, self.temperature_a), (2, self.temperature_b)):
            [spec] = planning.episode_specs([task_id], [base.with_overrides(temperature=temperature)],
                                            run_id, task_seed=self.task_seed,
                                            **run.spec_options(settings, run_id=run_id))
            specs.append(spec.model_copy(update={"attempt": attempt}))
        return Planned(specs, resolved={"task": task_id})
