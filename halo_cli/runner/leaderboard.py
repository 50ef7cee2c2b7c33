"""A run submitted to REAL's leaderboard (`halo eval subset|matrix --sites remote
--leaderboard --run-name NAME`): what is refused, the leaderboard entry of each episode
(one REAL run per mode, filed under the mode's models), registering the run with REAL when
it starts (REAL_API_KEY), and what matrix.md and the report say about the submissions.
The submitting itself is agisdk's, through `harness.leaderboard`."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from halo_cli.errors import UserError
from halo_cli.runner.models import EpisodeResult, EpisodeSpec, Leaderboard

if TYPE_CHECKING:
    from halo_cli.config.modes import Mode
    from halo_cli.config.settings import Settings
    from halo_cli.runner.run import RunOptions


def check(leaderboard: bool, run_name: str | None, run: RunOptions, settings: Settings,
          task_set: Path | None = None) -> None:
    """Refuse a leaderboard run that cannot be one, before anything starts (one line each)."""
    if not leaderboard:
        if run_name:
            raise UserError("--run-name names a REAL leaderboard run: pass --leaderboard too")
        return
    if task_set is not None:
        raise UserError("--leaderboard submits REAL's own tasks: a task set's generated tasks "
                        "have no place on REAL's leaderboard (leave --task-set out)")
    if run.sites != "remote":
        raise UserError("--leaderboard submits to REAL's hosted leaderboard: use it with "
                        "--sites remote (results on the local replicas are not REAL's)")
    if run.packaged_cache:
        raise UserError("--leaderboard with --packaged-cache would submit the answer key: "
                        "leave --packaged-cache out")
    if not run_name or not run_name.strip():
        raise UserError("--leaderboard needs --run-name NAME (the run's name on REAL's leaderboard)")
    key = settings.real_api_key
    if key is None or not key.get_secret_value():
        raise UserError("--leaderboard needs a REAL key: set REAL_API_KEY")


def model_name(mode: Mode, settings: Settings) -> str:
    """What REAL files the mode's submissions under: HALO, the mode and its models."""
    from halo_cli.policy.clients import manager_label, worker_label

    models = " + ".join(m for m in (worker_label(mode, settings), manager_label(mode, settings))
                        if m)
    return f"HALO {mode.name} ({models})"


def entries(specs: Sequence[EpisodeSpec], run_name: str, settings: Settings) -> list[EpisodeSpec]:
    """`specs`, each with its leaderboard entry (not yet registered with REAL)."""
    names: dict[str, str] = {}
    out = []
    for spec in specs:
        name = names.setdefault(spec.mode.name, model_name(spec.mode, settings))
        out.append(spec.model_copy(update={
            "leaderboard": Leaderboard(run_name=run_name.strip(), model_name=name)}))
    return out


def register(plan: Sequence[EpisodeSpec], settings: Settings) -> list[EpisodeSpec]:
    """The plan with REAL's run id in each leaderboard entry: one REAL run per model name,
    asked for with REAL_API_KEY (agisdk's `get_run_id_from_api`). Entries that have one
    (a resumed run) keep it."""
    from halo_cli.harness.leaderboard import request_run_id

    key = settings.real_api_key.get_secret_value() if settings.real_api_key else ""
    ids: dict[str, str] = {}
    out = []
    for spec in plan:
        entry = spec.leaderboard
        if entry is None or entry.real_run_id:
            out.append(spec)
            continue
        if entry.model_name not in ids:
            ids[entry.model_name] = request_run_id(key, entry.model_name, entry.run_name,
                                                   settings.real_api_url)
        out.append(spec.model_copy(update={"leaderboard": entry.model_copy(
            update={"real_run_id": ids[entry.model_name]})}))
    return out


def tally(results: Sequence[EpisodeResult]) -> dict[str, Any] | None:
    """The run's submissions counted (None when no episode was a leaderboard one):
    episodes, submitted, verified by REAL, and those where REAL's reward differs from the
    local judge's (task, mode, attempt, both rewards)."""
    entries_ = [r for r in results if r.leaderboard is not None]
    if not entries_:
        return None
    lb = [r.leaderboard or {} for r in entries_]
    mismatches = [{"task": r.task_id, "mode": r.mode, "attempt": r.attempt,
                   "local_reward": (r.leaderboard or {}).get("local_reward"),
                   "real_reward": (r.leaderboard or {}).get("real_reward")}
                  for r in entries_ if (r.leaderboard or {}).get("mismatch")]
    return {"episodes": len(entries_), "submitted": sum(bool(x.get("submitted")) for x in lb),
            "verified": sum(bool(x.get("verified")) for x in lb), "mismatches": mismatches}


def section(results: Sequence[EpisodeResult], run_name: str = "") -> str:
    """matrix.md's leaderboard section ("" when the run submitted nothing)."""
    t = tally(results)
    if t is None:
        return ""
    name = f" `{run_name}`" if run_name else ""
    lines = ["## REAL leaderboard\n",
             f"Run{name}: {t['submitted']} of {t['episodes']} episodes submitted; REAL "
             f"evaluated {t['verified']}; its reward differed from the local judge's on "
             f"{len(t['mismatches'])}.\n"]
    for m in t["mismatches"]:
        lines.append(f"- {m['task']} {m['mode']} #{m['attempt']}: local {m['local_reward']}, "
                     f"REAL {m['real_reward']}")
    return "\n".join(lines) + "\n"
