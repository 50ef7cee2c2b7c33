"""Run episodes N at a time on this machine, on N episode workers (`isolate`).

Each worker is a process that keeps its browser warm across episodes. The scheduler
loop is single-threaded: hand a pending episode to each idle worker, poll the busy ones,
give each result to `on_result` (which records it) before anything else. When `stop` is
set, nothing new starts and running episodes are ended and not recorded, so a
`--resume` runs them again. At the end every worker and its browser is stopped.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

from halo_cli.config.settings import Settings
from halo_cli.runner.isolate import DEFAULT_EPISODE_FN, EpisodeWorker, log_name, run_scope
from halo_cli.runner.models import EpisodeResult, EpisodeSpec

OnResult = Callable[[EpisodeResult], None]
OnStart = Callable[[EpisodeSpec], None]


class Backend(Protocol):
    """Something that runs episodes and reports each result once."""

    name: str
    workers: int

    def run(self, specs: Sequence[EpisodeSpec], on_result: OnResult, stop: threading.Event,
            on_start: OnStart | None = None) -> None: ...

    def close(self) -> None:
        """Release what the backend holds (a Ray connection); safe to call twice."""


class LocalPool:
    """`workers` episodes at once, each a child process with its own browsers."""

    name = "local"

    def __init__(self, settings: Settings, workers: int, logs_dir: Path,
                 episode_fn: str = DEFAULT_EPISODE_FN, grace_s: float = 10.0,
                 poll_s: float = 0.2) -> None:
        self.settings = settings
        self.workers = max(1, workers)
        self.logs_dir = logs_dir
        self.episode_fn = episode_fn
        self.grace_s = grace_s
        self.poll_s = poll_s

    def close(self) -> None:
        """Nothing to release: every episode process has ended when `run` returns."""

    def run(self, specs: Sequence[EpisodeSpec], on_result: OnResult, stop: threading.Event,
            on_start: OnStart | None = None) -> None:
        pending = deque(specs)
        if not pending:
            return
        run_id, scope = pending[0].run_id, run_scope(self.logs_dir.parent)
        workers = [EpisodeWorker(self.settings, run_id, self.episode_fn, scope)
                   for _ in range(min(self.workers, len(pending)))]
        try:
            while (pending and not stop.is_set()) or any(w.busy for w in workers):
                for worker in workers:
                    if pending and not worker.busy and not stop.is_set():
                        spec = pending.popleft()
                        worker.submit(spec, self.logs_dir / log_name(spec))
                        if on_start:
                            on_start(spec)
                if stop.is_set():
                    break
                for worker in workers:
                    if worker.busy and (result := worker.poll()) is not None:
                        on_result(result)
                time.sleep(self.poll_s)
        finally:
            _end_all(workers, self.grace_s)


def _end_all(workers: list[EpisodeWorker], grace_s: float) -> None:
    """Stop every worker in parallel (each gets `grace_s` to close its browsers)."""
    threads = [threading.Thread(target=w.terminate, args=(grace_s,)) for w in workers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
