"""Run episodes N at a time on this machine, on N episode workers (`isolate`).

Each worker is a process that keeps its browser warm across episodes; `warm_up` starts
them (imports, Chromium) while the caller still sets the run up. The scheduler loop is
single-threaded: poll the busy workers, give each result to `on_result` (which records
it) before anything else, hand a pending episode to each idle worker. When `stop` is
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

    def warm_up(self, specs: Sequence[EpisodeSpec]) -> None:
        """Get ready for `specs` (start workers) while the caller finishes setting up."""

    def close(self) -> None:
        """Release what the backend holds (a Ray connection); safe to call twice."""


class LocalPool:
    """`workers` episodes at once, each a child process with its own browsers."""

    name = "local"

    def __init__(self, settings: Settings, workers: int, logs_dir: Path,
                 episode_fn: str = DEFAULT_EPISODE_FN, grace_s: float = 10.0,
                 poll_s: float = 0.05) -> None:
        self.settings = settings
        self.workers = max(1, workers)
        self.logs_dir = logs_dir
        self.episode_fn = episode_fn
        self.grace_s = grace_s
        self.poll_s = poll_s
        self._started: list[EpisodeWorker] = []  # by warm_up, for the next run

    def close(self) -> None:
        """Stop workers that `warm_up` started for a `run` that never came."""
        _end_all(self._started, self.grace_s)
        self._started = []

    def warm_up(self, specs: Sequence[EpisodeSpec]) -> None:
        """Start the workers `run(specs)` will use now: each imports the episode code and,
        when every episode runs headless on the warm browser, launches its Chromium."""
        if specs and not self._started:
            self._started = self._workers(specs)
            for worker in self._started:
                worker.start()

    def _workers(self, specs: Sequence[EpisodeSpec]) -> list[EpisodeWorker]:
        warm = all(s.headless and not s.fresh_browser for s in specs)
        scope = run_scope(self.logs_dir.parent)
        return [EpisodeWorker(self.settings, specs[0].run_id, self.episode_fn, scope, warm)
                for _ in range(min(self.workers, len(specs)))]

    def run(self, specs: Sequence[EpisodeSpec], on_result: OnResult, stop: threading.Event,
            on_start: OnStart | None = None) -> None:
        pending = deque(specs)
        if not pending:
            return
        workers, self._started = self._started or self._workers(specs), []
        try:
            while (pending and not stop.is_set()) or any(w.busy for w in workers):
                for worker in workers:  # results first: a freed worker starts again at once
                    if worker.busy and (result := worker.poll()) is not None:
                        on_result(result)
                for worker in workers:
                    if pending and not worker.busy and not stop.is_set():
                        spec = pending.popleft()
                        worker.submit(spec, self.logs_dir / log_name(spec))
                        if on_start:
                            on_start(spec)
                if stop.is_set():
                    break
                time.sleep(self.poll_s)
        finally:
            _end_all(workers, self.grace_s)


def _end_all(workers: list[EpisodeWorker], grace_s: float) -> None:
    """Stop every worker in parallel (a busy one gets `grace_s` to close its browsers)."""
    threads = [threading.Thread(target=w.stop, args=(grace_s,)) for w in workers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
