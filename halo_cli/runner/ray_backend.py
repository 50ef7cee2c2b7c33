"""Run episodes on an existing Ray cluster (`--ray-address ADDR|auto`).

Each of `workers` Ray actors owns one episode worker (`isolate.EpisodeWorker`), so its
browser stays warm across the episodes it runs, with the same isolation and wall-time
limit as the local pool; the driver records results as they arrive, so the same files
come out either way. Stopping kills the actors (their workers' watchdogs then end the
browsers). Ray is imported lazily: plain runs never pay for it.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from halo_cli.config.settings import Settings
from halo_cli.runner.isolate import (
    DEFAULT_EPISODE_FN,
    EpisodeWorker,
    error_result,
    log_name,
    run_on,
    run_scope,
)
from halo_cli.runner.models import EpisodeResult, EpisodeSpec
from halo_cli.runner.pool import OnResult, OnStart
from halo_cli.runner.ray_connect import connect


class EpisodeActor:
    """A Ray actor with one warm episode worker; `run` plays one episode, returns JSON."""

    def __init__(self, settings: Settings, run_id: str, episode_fn: str, grace_s: float,
                 scope: str = "") -> None:
        self.worker = EpisodeWorker(settings, run_id, episode_fn, scope)
        self.grace_s = grace_s

    def run(self, spec: EpisodeSpec, log_path: str) -> str:
        return run_on(self.worker, spec, Path(log_path), self.grace_s).model_dump_json()

    def stop(self) -> None:
        self.worker.stop(self.grace_s)


class RayPool:
    """Up to `workers` episodes in flight as Ray tasks (default: the cluster's CPUs)."""

    name = "ray"

    def __init__(self, settings: Settings, address: str, logs_dir: Path,
                 workers: int | None = None, episode_fn: str = DEFAULT_EPISODE_FN,
                 grace_s: float = 10.0) -> None:
        self.ray = connect(address, settings.ray_connect_timeout_s)
        self.address = address
        self.settings = settings
        self.logs_dir = logs_dir
        cpus = int(self.ray.cluster_resources().get("CPU", 1))
        self.workers = max(1, workers or cpus)
        self.episode_fn = episode_fn
        self.grace_s = grace_s
        self._actor_class = self.ray.remote(num_cpus=1, max_restarts=0)(EpisodeActor)
        self._actors: list[Any] = []

    def warm_up(self, specs: Sequence[EpisodeSpec]) -> None:
        """Nothing ahead of `run`: actors start with their tasks, wherever Ray places them."""

    def run(self, specs: Sequence[EpisodeSpec], on_result: OnResult, stop: threading.Event,
            on_start: OnStart | None = None) -> None:
        ray = self.ray
        pending = deque(specs)
        if not pending:
            return
        run_id = pending[0].run_id
        scope = run_scope(self.logs_dir.parent)
        idle = [self._actor_class.remote(self.settings, run_id, self.episode_fn, self.grace_s,
                                         scope)
                for _ in range(min(self.workers, len(pending)))]
        self._actors = list(idle)
        running: dict[Any, tuple[EpisodeSpec, Any]] = {}
        try:
            while (pending and not stop.is_set()) or running:
                while pending and idle and not stop.is_set():
                    spec, actor = pending.popleft(), idle.pop()
                    ref = actor.run.remote(spec, str(self.logs_dir / log_name(spec)))
                    running[ref] = (spec, actor)
                    if on_start:
                        on_start(spec)
                if stop.is_set():
                    break
                done, _ = ray.wait(list(running), num_returns=1, timeout=0.5)
                for ref in done:
                    spec, actor = running.pop(ref)
                    on_result(self._collect(ref, spec))
                    idle.append(actor)
        finally:
            self._stop_actors(bool(running))

    def _collect(self, ref: Any, spec: EpisodeSpec) -> EpisodeResult:
        try:
            return EpisodeResult.model_validate_json(self.ray.get(ref))
        except Exception as exc:  # the actor itself died, or the call failed
            return error_result(spec, 0, type(exc).__name__, f"Ray task failed: {exc}"[:2000])

    def _stop_actors(self, interrupted: bool) -> None:
        """Idle actors stop their workers (browsers closed); busy ones are killed, and
        their workers' parent watchdogs end the episode's processes."""
        refs = []
        for actor in self._actors:
            try:
                if interrupted:
                    self.ray.kill(actor)
                else:
                    refs.append(actor.stop.remote())
            except Exception:
                pass
        if refs:
            self.ray.wait(refs, num_returns=len(refs), timeout=self.grace_s + 10)
        for actor in self._actors:
            try:
                self.ray.kill(actor)
            except Exception:
                pass
        self._actors = []

    def close(self) -> None:
        self.ray.shutdown()
