"""Run episodes N at a time on this machine, each in its own process (`isolate`).

The scheduler loop is single-threaded: launch while there is room, poll the running
episodes, hand each result to `on_result` (which records it) before anything else. When
`stop` is set, nothing new starts and running episodes are ended and not recorded, so a
`--resume` runs them again.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

from halo_cli.config.settings import Settings
from halo_cli.runner.isolate import DEFAULT_EPISODE_FN, EpisodeProcess, log_name
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
        running: list[EpisodeProcess] = []
        try:
            while (pending and not stop.is_set()) or running:
                while pending and len(running) < self.workers and not stop.is_set():
                    spec = pending.popleft()
                    ep = EpisodeProcess(spec, self.settings, self.logs_dir / log_name(spec),
                                        self.episode_fn)
                    ep.start()
                    running.append(ep)
                    if on_start:
                        on_start(spec)
                if stop.is_set():
                    break
                for ep in list(running):
                    result = ep.poll()
                    if result is not None:
                        running.remove(ep)
                        on_result(result)
                time.sleep(self.poll_s)
        finally:
            _end_all(running, self.grace_s)


def _end_all(running: list[EpisodeProcess], grace_s: float) -> None:
    """Stop every running episode in parallel (each gets `grace_s` to close its browsers)."""
    threads = [threading.Thread(target=ep.terminate, args=(grace_s,)) for ep in running]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    running.clear()
