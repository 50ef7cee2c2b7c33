"""A run's folder, `results/<run_id>/`, built around one append-only log of results.

`episodes.jsonl` is the source of truth: each finished episode is one line, flushed and
fsync'ed before it is counted. Every other file (matrix.csv, matrix.md, errors.jsonl,
rollout_summary.jsonl) is regenerated from it, de-duplicated by (task, mode, attempt),
so a killed and resumed run counts each episode exactly once.
"""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from halo_cli.errors import UserError
from halo_cli.redact import Scrubber
from halo_cli.runner import leaderboard
from halo_cli.runner import metrics as summary
from halo_cli.runner.caches import cache_line, cache_state
from halo_cli.runner.models import EpisodeResult, EpisodeSpec, sites_label

Key = tuple[str, str, int]


def write_atomic(path: Path, text: str) -> None:
    """Write `text` to `path` via a temporary file and a rename: readers never see half."""
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


class RunStore:
    """The files of one run under `results_dir/run_id`."""

    def __init__(self, results_dir: Path, run_id: str) -> None:
        self.run_id = run_id
        self.root = Path(results_dir) / run_id
        self.episodes = self.root / "episodes.jsonl"
        self.config_path = self.root / "run.json"
        self.logs = self.root / "logs"

    # ---- the run's config ----------------------------------------------------------

    def exists(self) -> bool:
        return self.config_path.is_file()

    def create(self, config: dict[str, Any]) -> None:
        """Start a new run: a fresh folder and its run.json (UserError if it is taken)."""
        if self.exists() or self.episodes.exists():
            raise UserError(
                f"run {self.run_id} already exists in {self.root.parent}: "
                f"use --resume {self.run_id} or another --run-id"
            )
        self.root.mkdir(parents=True, exist_ok=True)
        self.logs.mkdir(exist_ok=True)
        self.write_config(config)

    def lock(self) -> None:
        """Hold the run for this process (released on exit, even by SIGKILL): two processes
        appending to one run would run episodes twice. UserError when already held."""
        self.root.mkdir(parents=True, exist_ok=True)
        fh = open(self.root / ".lock", "w")
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            fh.close()
            raise UserError(f"run {self.run_id} is in progress in another process") from None
        self._held = fh  # kept open for the life of the process

    def write_config(self, config: dict[str, Any]) -> None:
        write_atomic(self.config_path, json.dumps(config, indent=2, default=str) + "\n")

    def read_config(self) -> dict[str, Any]:
        try:
            return json.loads(self.config_path.read_text())
        except FileNotFoundError:
            raise UserError(f"no run {self.run_id} in {self.root.parent} (no {self.config_path})") from None
        except (OSError, ValueError) as exc:
            raise UserError(f"{self.config_path}: unreadable ({exc})") from None

    def plan(self) -> list[EpisodeSpec]:
        """The episodes this run was created with (from run.json)."""
        try:
            return [EpisodeSpec(**s) for s in self.read_config()["plan"]]
        except (KeyError, TypeError, ValidationError) as exc:
            raise UserError(f"{self.config_path}: no valid plan ({type(exc).__name__})") from None

    # ---- the append-only log -------------------------------------------------------

    def append(self, result: EpisodeResult, secrets: Sequence[str] = ()) -> None:
        """Add one finished episode durably (one line, flushed, fsync'ed)."""
        scrub = Scrubber(secrets)
        result = result.model_copy(update={
            "error_message": scrub.optional(result.error_message),
            "traceback": scrub.optional(result.traceback),
        })
        line = result.model_dump_json() + "\n"
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.episodes, "a+b") as fh:
            fh.seek(0, os.SEEK_END)
            if fh.tell() > 0:  # a run killed mid-write may leave half a line: end it first
                fh.seek(-1, os.SEEK_END)
                if fh.read(1) != b"\n":
                    line = "\n" + line
            fh.write(line.encode())
            fh.flush()
            os.fsync(fh.fileno())

    def results(self, plan: Iterable[EpisodeSpec] | None = None) -> list[EpisodeResult]:
        """Every recorded episode once (the last line per key wins), in plan order when given.

        Lines that do not parse (a write cut by SIGKILL) are skipped; with `plan`, results
        whose key is not in the plan are dropped.
        """
        found: dict[Key, EpisodeResult] = {}
        try:
            lines = self.episodes.read_text(encoding="utf-8", errors="replace").splitlines()
        except FileNotFoundError:
            lines = []
        for line in lines:
            if not line.strip():
                continue
            try:
                r = EpisodeResult.model_validate_json(line)
            except ValidationError:
                continue
            found[r.key] = r
        if plan is None:
            return list(found.values())
        return [found[s.key] for s in plan if s.key in found]

    def done_keys(self) -> set[Key]:
        return {r.key for r in self.results()}

    # ---- derived files -------------------------------------------------------------

    def _cache_state(self, plan: Sequence[EpisodeSpec]) -> dict[str, Any] | None:
        """The cache the run started with: run.json's record, else what the plan says."""
        try:
            recorded = self.read_config().get("options", {}).get("cache_state")
        except Exception:  # no run.json yet (or unreadable): describe the plan instead
            recorded = None
        return recorded or (cache_state(list(plan)) if plan else None)

    def write_outputs(
        self, plan: Sequence[EpisodeSpec], title: str = "", rollouts: bool = False
    ) -> list[EpisodeResult]:
        """Regenerate matrix.csv, matrix.md, errors.jsonl (and rollout_summary.jsonl)."""
        results = self.results(plan)
        modes = list(dict.fromkeys(s.mode.name for s in plan))
        where = {s.key: sites_label(s.sites) for s in plan}
        self.root.mkdir(parents=True, exist_ok=True)
        write_atomic(self.root / "matrix.csv", summary.matrix_csv(results, where))
        md = summary.matrix_markdown(results, modes, f"{title or 'Run'} {self.run_id}", len(plan),
                                     sites=sites_label(s.sites for s in plan) if plan else "",
                                     cache=cache_line(self._cache_state(plan)))
        board = next((s.leaderboard.run_name for s in plan if s.leaderboard), None)
        if board is not None:  # a leaderboard run: what was submitted, where REAL disagreed
            md += "\n" + leaderboard.section(results, board)
        write_atomic(self.root / "matrix.md", md)
        write_atomic(self.root / "errors.jsonl", "".join(_error_line(r) for r in results))
        if rollouts:
            write_atomic(self.root / "rollout_summary.jsonl", "".join(_rollout_line(r) for r in results))
        return results


def _error_line(r: EpisodeResult) -> str:
    if r.error_phase is None and r.error_type is None:
        return ""
    doc = {
        "task": r.task_id, "mode": r.mode, "attempt": r.attempt, "phase": r.error_phase,
        "type": r.error_type, "message": r.error_message, "traceback": r.traceback,
    }
    return json.dumps(doc) + "\n"


def _rollout_line(r: EpisodeResult) -> str:
    doc = {
        "task": r.task_id, "mode": r.mode, "attempt": r.attempt, "task_seed": r.task_seed,
        "temperature": r.temperature, "reward": r.reward, "success": r.success,
        "steps": r.steps, "wall_time_s": round(r.wall_time_s, 3), "error_type": r.error_type,
        "trajectory_path": r.trajectory_path,
    }
    return json.dumps(doc) + "\n"
