"""The episodes an export reads: the runs' results joined to their trajectories.

Everything is checked before anything is written: an unknown run, a run with no
trajectory, a trajectory of an older schema are each one UserError line.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from halo_cli.errors import UserError
from halo_cli.policy.actions import SPECS, WORKER_SPECS
from halo_cli.runner.recorded import Episode, load_episode
from halo_cli.runner.store import RunStore
from halo_cli.trajectory.reader import Trajectory

#: steps that are no behaviour to learn: the agent's no-op fallback, refused actions
SKIPPED_SOURCES = ("fallback",)
#: actions the Worker is not offered (report_infeasible: only the Manager ends a task as
#: impossible), so never a target for the Worker's request
MANAGER_ONLY = frozenset(SPECS) - frozenset(WORKER_SPECS)


def load_episodes(results_dir: Path, run_ids: Sequence[str]) -> list[Episode]:
    """Every episode of `run_ids` that has a trajectory, in run then log order (read
    through `runner.recorded`); each has its schema-2 `trajectory`."""
    if not run_ids:
        raise UserError("no run given: pass --runs RUN_ID")
    out: list[Episode] = []
    for run_id in dict.fromkeys(run_ids):
        store = RunStore(results_dir, run_id)
        if not store.exists():
            raise UserError(f"unknown run {run_id}: no {store.config_path}")
        config = store.read_config()
        command = str(config.get("command") or "")
        cache = (config.get("options") or {}).get("cache_state")
        results = store.results()
        episodes = [load_episode(r, run_id, command, cache) for r in results]
        for ep in episodes:
            if ep.problem:  # there, but not the current schema (or not readable)
                raise UserError(ep.problem)
        episodes = [ep for ep in episodes if ep.trajectory is not None]
        if not episodes:
            raise UserError(f"run {run_id} has no trajectories (looked for the "
                            f"{len(results)} episodes of {store.episodes})")
        out.extend(episodes)
    return out


def worker_step_call(step: dict[str, Any], role: str) -> dict[str, Any] | None:
    """The last call of `role` whose reply parsed to an action."""
    calls = [c for c in step.get("calls") or () if c.get("role") == role and c.get("action")]
    return calls[-1] if calls else None


def reply_for(action: str) -> str:
    """The assistant reply for a step no model wrote (cache, macro, Manager override)."""
    return f"```\n{action}\n```"


def is_packaged(step: dict[str, Any]) -> bool:
    """A step replayed from the packaged cache: a reference demonstration, not the policy."""
    return step.get("source") == "cache-packaged"


def step_target(step: dict[str, Any], manager_target: bool,
                include_packaged: bool = False) -> tuple[str, str, bool] | None:
    """(action, assistant reply, decided by the Worker) for a step, or None to leave it out.

    Worker steps: the Worker's own raw reply. Manager steps: the Worker's reply where the
    Manager approved it (also a Worker's end that the `finish` review confirmed); where it
    overrode the Worker, the Manager's action only with `manager_target`. Cache and macro
    steps: their action in a ``` block. An action the Worker is not offered is never a
    target.
    """
    source, action = step.get("source"), str(step.get("action") or "")
    if is_packaged(step) and not include_packaged:
        return None
    if step.get("refused") or source in SKIPPED_SOURCES or not action \
            or action.split("(", 1)[0] in MANAGER_ONLY:
        return None
    worker = worker_step_call(step, "worker")
    if source == "worker" and worker is not None:
        return worker["action"], worker["raw"], True
    if source == "manager":
        manager = worker_step_call(step, "manager")
        if manager is None:
            return None
        if worker is not None and worker["action"] == manager["action"]:
            return worker["action"], worker["raw"], True
        return (manager["action"], reply_for(manager["action"]), False) if manager_target else None
    return step["action"], reply_for(step["action"]), False


def image_refs(messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The image references of packed messages, in order."""
    return [p["image_url"]["url"] for m in messages if isinstance(m.get("content"), list)
            for p in m["content"] if isinstance(p, dict) and p.get("type") == "image_url"
            and isinstance((p.get("image_url") or {}).get("url"), dict)]


def prompt_key(episode: Episode, step: dict[str, Any]) -> str:
    """What identifies an observation across rollouts: the Worker's request text and the
    hashes of its images."""
    msgs = episode.trajectory.worker_prompt(step, images="refs")
    return json.dumps([[m.get("role"), m.get("content") if not isinstance(m.get("content"), list)
                        else [_part_key(p) for p in m["content"]]] for m in msgs])


def _part_key(part: Any) -> Any:
    url = (part.get("image_url") or {}).get("url") if isinstance(part, dict) else None
    return {"image": url["sha256"]} if isinstance(url, dict) else part


def _packed_prompt(traj: Trajectory, step: dict[str, Any]) -> list[dict[str, Any]]:
    i = traj.worker_call(step)
    return step["calls"][i]["request"] if i is not None else (step.get("prompt") or [])


def prompt_images(episode: Episode, step: dict[str, Any]) -> list[bytes]:
    """The bytes of the Worker request's images; UserError when they were not kept."""
    refs = image_refs(_packed_prompt(episode.trajectory, step))
    if any(not r.get("$image") for r in refs):
        raise UserError(f"run {episode.run_id} kept no screenshots "
                        f"({episode.trajectory.path.name}): export it with --text-only")
    return [episode.trajectory.image_bytes(r) for r in refs]
