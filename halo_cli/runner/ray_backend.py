"""Run episodes as Ray tasks on an existing cluster (`--ray-address ADDR|auto`).

Each Ray task runs the episode exactly as the local pool does, in its own process with a
wall-time limit (`isolate.run_isolated`), and returns the EpisodeResult; the driver
records results as they arrive, so the same files come out either way. Ray is imported
lazily: plain runs never pay for it.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from halo_cli.config.settings import Settings
from halo_cli.errors import UserError
from halo_cli.runner.isolate import DEFAULT_EPISODE_FN, log_name, run_isolated
from halo_cli.runner.models import EpisodeResult, EpisodeSpec
from halo_cli.runner.pool import OnResult, OnStart


def _episode_task(spec: EpisodeSpec, settings: Settings, log_path: str, episode_fn: str,
                  grace_s: float) -> str:
    """Body of the Ray task: one isolated episode, its result as JSON."""
    return run_isolated(spec, settings, Path(log_path), episode_fn, grace_s).model_dump_json()


def connect(address: str) -> Any:
    """`ray.init` against an existing cluster; a UserError (nothing started) if it fails."""
    try:
        import ray
    except ImportError:
        raise UserError("--ray-address needs Ray: pip install ray") from None
    if ray.is_initialized():
        return ray
    try:
        ray.init(address=address, log_to_driver=False, logging_level="ERROR",
                 configure_logging=False)
    except Exception as exc:  # ConnectionError, RuntimeError, ValueError depending on version
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise UserError(f"cannot connect to Ray at {address}: {first}") from None
    return ray


class RayPool:
    """Up to `workers` episodes in flight as Ray tasks (default: the cluster's CPUs)."""

    name = "ray"

    def __init__(self, settings: Settings, address: str, logs_dir: Path,
                 workers: int | None = None, episode_fn: str = DEFAULT_EPISODE_FN,
                 grace_s: float = 10.0) -> None:
        self.ray = connect(address)
        self.address = address
        self.settings = settings
        self.logs_dir = logs_dir
        cpus = int(self.ray.cluster_resources().get("CPU", 1))
        self.workers = max(1, workers or cpus)
        self.episode_fn = episode_fn
        self.grace_s = grace_s
        self._remote = self.ray.remote(num_cpus=1, max_retries=0)(_episode_task)

    def run(self, specs: Sequence[EpisodeSpec], on_result: OnResult, stop: threading.Event,
            on_start: OnStart | None = None) -> None:
        ray = self.ray
        pending = deque(specs)
        running: dict[Any, EpisodeSpec] = {}
        try:
            while (pending and not stop.is_set()) or running:
                while pending and len(running) < self.workers and not stop.is_set():
                    spec = pending.popleft()
                    log = str(self.logs_dir / log_name(spec))
                    ref = self._remote.remote(spec, self.settings, log, self.episode_fn, self.grace_s)
                    running[ref] = spec
                    if on_start:
                        on_start(spec)
                if stop.is_set():
                    break
                done, _ = ray.wait(list(running), num_returns=1, timeout=0.5)
                for ref in done:
                    spec = running.pop(ref)
                    on_result(self._collect(ref, spec))
        finally:
            self._cancel(list(running))

    def _collect(self, ref: Any, spec: EpisodeSpec) -> EpisodeResult:
        try:
            return EpisodeResult.model_validate_json(self.ray.get(ref))
        except Exception as exc:  # the Ray worker itself died, or the task failed
            from halo_cli.runner.isolate import error_result

            return error_result(spec, 0, type(exc).__name__, f"Ray task failed: {exc}"[:2000])

    def _cancel(self, refs: list[Any]) -> None:
        """Cancel running tasks: each gets KeyboardInterrupt and ends its episode's processes."""
        for ref in refs:
            try:
                self.ray.cancel(ref, force=False)
            except Exception:
                pass
        if refs:
            self.ray.wait(refs, num_returns=len(refs), timeout=self.grace_s + 10)

    def close(self) -> None:
        self.ray.shutdown()
