"""Turn what the user asked for (tasks, modes, attempts) into the list of episodes to run.

Everything here is checked before anything starts: an unknown task or mode, an empty
selection or a task without a local replica is a UserError (one line, exit 2).
"""

from __future__ import annotations

import random
import secrets
from collections.abc import Iterable, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from halo_cli.config.modes import Mode, get_mode
from halo_cli.config.settings import Settings
from halo_cli.errors import UserError
from halo_cli.harness.routing import local_task_ids as served
from halo_cli.runner.models import EpisodeSpec
from halo_cli.sites.templates import templates_of
from halo_cli.task_id import TaskId
from halo_cli.tasks.registry import TaskInfo, TaskRegistry, open_registry
from halo_cli.tasks.taskset import GeneratedTask, TaskSet, load_task_set

#: where a run's tasks come from: REAL's registry, or a task set of generated tasks
TaskSource = TaskRegistry | TaskSet


def new_run_id() -> str:
    """UTC timestamp plus a short random suffix, e.g. `20250601T120000Z-3fa2c1`."""
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    return f"{stamp}-{secrets.token_hex(3)}"


def check_run_id(run_id: str) -> str:
    """Run ids name folders: letters, digits, `-`, `_`, `.` only."""
    ok = run_id and all(c.isalnum() or c in "-_." for c in run_id) and run_id[0] not in ".-"
    if not ok:
        raise UserError(f"invalid run id: {run_id!r} (use letters, digits, '-', '_', '.')")
    return run_id


def split_list(values: Iterable[str] | None) -> list[str]:
    """`["a,b", "c"]` -> `["a", "b", "c"]`: repeated and comma-separated options, de-duplicated."""
    out: list[str] = []
    for value in values or []:
        for item in value.split(","):
            item = item.strip()
            if item and item not in out:
                out.append(item)
    return out


def open_tasks(task_set: Path | None, sites: str, task_registry: Path | None = None,
               version: str | None = None) -> TaskSource:
    """The task set in `task_set` when given (its tasks run on the local sites only: with
    `--sites remote`, or beside `--task-registry`, a UserError); else the v2 registry."""
    if task_set is None:
        return open_registry(task_registry, *([version] if version else []))
    if sites != "local":
        raise UserError("--task-set tasks run on the local sites only: use --sites local")
    if task_registry is not None:
        raise UserError("--task-set and --task-registry both choose the tasks: pass one of them")
    return load_task_set(task_set)


def with_tasks(specs: list[EpisodeSpec], source: TaskSource) -> list[EpisodeSpec]:
    """`specs` carrying their generated task's definition (unchanged for REAL's tasks), so
    it travels with the plan to worker processes and Ray nodes."""
    if not isinstance(source, TaskSet):
        return specs
    return [s.model_copy(update={"task": source.get(s.task_id)}) for s in specs]


def select_tasks(
    registry: TaskSource,
    tasks: Sequence[str] | None = None,
    site: str | None = None,
    sample_size: int | None = None,
    seed: int = 0,
    eligible: set[str] | None = None,
) -> list[TaskInfo] | list[GeneratedTask]:
    """Tasks by id and/or site; without explicit ids, a seeded sample of `sample_size`
    drawn from the `eligible` ones (e.g. those with a local replica) when given.

    The sample is drawn from the registry order with `random.Random(seed)`, then kept in
    registry order, so the same seed always picks the same tasks.
    """
    chosen = registry.select(list(tasks) if tasks else None, [site] if site else None)
    if not tasks and eligible is not None:
        chosen = [t for t in chosen if t.id in eligible]
    if not tasks and sample_size is not None and sample_size < len(chosen):
        picked = set(random.Random(seed).sample(range(len(chosen)), sample_size))
        chosen = [t for i, t in enumerate(chosen) if i in picked]
    if not chosen:
        what = f" on site {site}" if site else ""
        raise UserError(f"no tasks selected{what}: check --tasks / --task-type / --sample-size")
    return chosen


def resolve_modes(names: Sequence[str], max_steps: int | None = None) -> list[Mode]:
    """Modes by name, each with `max_steps` applied when given."""
    if not names:
        raise UserError("no mode selected: pass --mode NAME")
    return [get_mode(n).with_overrides(max_steps=max_steps) for n in names]


def check_local_sites(task_ids: Iterable[str], sites: str) -> None:
    """With `--sites local`, every task must have a local replica (a generated task: its
    site's template); a generated task never runs on the hosted sites."""
    generated = [t for t in task_ids if TaskId.parse(t).generated]
    if sites != "local":
        if generated:
            raise UserError(f"{generated[0]} is a generated task: it runs on the local sites "
                            "only (--sites local)")
        return
    supported = local_task_ids()
    missing = [t for t in task_ids if t not in supported and not _has_template(t)]
    if missing:
        shown = ", ".join(missing[:5]) + (f" (+{len(missing) - 5} more)" if len(missing) > 5 else "")
        raise UserError(
            f"no local replica for: {shown}; local sites serve "
            f"{len(supported)} tasks (halo sites list), or use --sites remote"
        )


def _has_template(task_id: str) -> bool:
    tid = TaskId.parse(task_id)
    return tid.generated and tid.template in {t.name for t in templates_of(tid.site)}


def local_task_ids() -> set[str]:
    """Every task the bundled local sites can serve."""
    return served()


def check_llm(modes: Iterable[Mode], settings: Settings) -> None:
    """Each mode's LLM endpoints are configured, before anything starts.

    Modes with the action cache may start without one: their cache hits need no model,
    and a miss ends that episode with a NoLLMConfigured error in errors.jsonl.
    """
    # deferred: policy loads the agent-side clients; a run's planner needs only this check
    from halo_cli.policy.clients import manager_endpoint, worker_endpoint

    for mode in modes:
        check_local_worker(mode, settings)
        if mode.vac:
            continue
        try:
            worker_endpoint(mode, settings)
            if mode.manager:
                manager_endpoint(mode, settings)
        except UserError as exc:  # NoLLMConfigured, a bad local model
            raise UserError(f"mode {mode.name}: {exc}") from None


def check_local_worker(mode: Mode, settings: Settings) -> None:
    """A Worker on the local backend has its GGUF file, its adapter and llama-cpp-python
    (cheap checks: nothing is loaded); other backends pass. Checked for cached modes too."""
    # deferred: policy loads the agent-side clients; a run's planner needs only this check
    from halo_cli.policy.clients import local_worker_spec, worker_backend

    if worker_backend(mode, settings) != "local":
        return
    try:
        local_worker_spec(mode, settings)
    except UserError as exc:
        raise UserError(f"mode {mode.name}: {exc}") from None


def episode_specs(
    task_ids: Sequence[str],
    modes: Sequence[Mode],
    run_id: str,
    attempts: int = 1,
    **options: Any,
) -> list[EpisodeSpec]:
    """Every task x mode x attempt, ordered attempt, task, mode (so partial runs compare
    the modes on the same tasks). `options` are further EpisodeSpec fields (sites,
    sites_url, headless, task_seed, data_dir, wall_limit_s, keep_screenshots, speed)."""
    return [
        EpisodeSpec(task_id=task, mode=mode, run_id=run_id, attempt=attempt, **options)
        for attempt in range(1, attempts + 1)
        for task in task_ids
        for mode in modes
    ]


def rollout_specs(
    task_ids: Sequence[str],
    mode: Mode,
    run_id: str,
    rollouts: int,
    *,
    seed: int = 0,
    **options: Any,
) -> list[EpisodeSpec]:
    """`rollouts` attempts per task, all on `task_seed`; attempt k samples with seed+k-1.
    `options` are `episode_specs`'s (sites, headless, task_seed, ...)."""
    return [
        spec.model_copy(update={"mode": mode.with_overrides(seed=seed + spec.attempt - 1)})
        for spec in episode_specs(task_ids, [mode], run_id, rollouts, **options)
    ]
