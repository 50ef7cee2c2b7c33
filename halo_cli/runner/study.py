"""Run a planned set of episodes durably: the piece `halo eval`, `rollout` and
`verify-exploration` share.

`execute` runs what the run's log does not hold yet, records each result before it is
counted, regenerates the summary files (at most every OUTPUTS_EVERY_S while episodes
run, since each regeneration re-reads the whole log, and at the end), and on Ctrl-C (or
SIGTERM) stops launching, ends the running episodes and writes the summary of what
finished.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Protocol

from halo_cli.config.settings import Settings
from halo_cli.harness.routing import start_local_sites
from halo_cli.runner import procs
from halo_cli.runner.isolate import DEFAULT_EPISODE_FN, run_scope, run_token
from halo_cli.runner.models import EpisodeResult, EpisodeSpec
from halo_cli.runner.pool import Backend, LocalPool
from halo_cli.runner.ray_backend import RayPool
from halo_cli.runner.store import RunStore
from halo_cli.versions import package_versions

#: seconds between regenerations of matrix.csv/.md while a run goes on (each re-reads the
#: run's log: 0.2 s at 4,000 episodes, on the path from one episode to the next)
OUTPUTS_EVERY_S = 5.0


@dataclass
class Execution:
    """How to run (not what): never part of a run's identity, may change on resume."""

    workers: int | None = None  # local default 1; Ray default: the cluster's CPUs
    ray_address: str | None = None
    grace_s: float = 10.0  # time an interrupted episode gets to close its browsers
    episode_fn: str = DEFAULT_EPISODE_FN  # import path, resolved in the episode's process


class Observer(Protocol):
    """Receives progress (the live view implements it)."""

    def begin(self, plan: Sequence[EpisodeSpec], done: Sequence[EpisodeResult]) -> None: ...
    def episode_started(self, spec: EpisodeSpec) -> None: ...
    def episode_finished(self, result: EpisodeResult) -> None: ...
    def stopping(self) -> None: ...
    def end(self) -> None: ...


class _Silent:
    def begin(self, plan: Sequence[EpisodeSpec], done: Sequence[EpisodeResult]) -> None: ...
    def episode_started(self, spec: EpisodeSpec) -> None: ...
    def episode_finished(self, result: EpisodeResult) -> None: ...
    def stopping(self) -> None: ...
    def end(self) -> None: ...


@dataclass
class Outcome:
    results: list[EpisodeResult]  # every recorded episode of the plan, once each
    planned: int
    ran: int  # episodes finished in this invocation
    interrupted: bool = False
    backend: str = "local"
    errors: list[EpisodeResult] = field(default_factory=list)


def run_document(
    command: str, run_id: str, options: dict[str, Any], plan: Sequence[EpisodeSpec],
    settings: Settings,
) -> dict[str, Any]:
    """run.json: the full config, the plan, settings (secrets redacted), package versions."""
    return {
        "run_id": run_id,
        "command": command,
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "options": options,
        "settings": settings.redacted(),
        "versions": package_versions(),
        "plan": [s.model_dump(mode="json") for s in plan],
    }


def make_backend(execution: Execution, settings: Settings, store: RunStore) -> Backend:
    """The Ray backend when an address is given (connects now), else the local pool."""
    logs = store.logs.resolve()
    if execution.ray_address:
        return RayPool(settings, execution.ray_address, logs, execution.workers,
                       execution.episode_fn, execution.grace_s)
    return LocalPool(settings, execution.workers or 1, logs, execution.episode_fn,
                     execution.grace_s)


class _Interrupts:
    """First Ctrl-C / SIGTERM: set `stop`. Second: KeyboardInterrupt (ends at once)."""

    def __init__(self, stop: threading.Event, observer: Observer) -> None:
        self.stop = stop
        self.observer = observer
        self.saved: dict[int, Any] = {}

    def __enter__(self) -> _Interrupts:
        if threading.current_thread() is threading.main_thread():
            for sig in (signal.SIGINT, signal.SIGTERM):
                self.saved[sig] = signal.signal(sig, self._handle)
        return self

    def _handle(self, signum: int, frame: object) -> None:
        if self.stop.is_set():
            raise KeyboardInterrupt
        self.stop.set()
        self.observer.stopping()

    def __exit__(self, *exc: object) -> None:
        for sig, handler in self.saved.items():
            signal.signal(sig, handler)


def _with_sites_server(specs: list[EpisodeSpec], backend: Backend) -> tuple[list[EpisodeSpec], Any]:
    """Local pool + local sites: one server in this process for every episode.

    Ray tasks may run on other hosts, so there each episode starts its own server.
    """
    if backend.name != "local" or not any(s.sites == "local" and not s.sites_url for s in specs):
        return specs, None

    server = start_local_sites()
    url = f"http://{server.host}:{server.port}"
    specs = [s.model_copy(update={"sites_url": url}) if s.sites == "local" and not s.sites_url
             else s for s in specs]
    return specs, server


def execute(
    store: RunStore,
    plan: Sequence[EpisodeSpec],
    settings: Settings,
    backend: Backend,
    observer: Observer | None = None,
    title: str = "",
    rollouts: bool = False,
) -> Outcome:
    """Run every episode of `plan` that `store` has no result for; see the module doc."""
    observer = observer or _Silent()
    plan = list(plan)
    done = store.results(plan)
    done_keys = {r.key for r in done}
    todo = [s for s in plan if s.key not in done_keys]
    marker = run_token(store.run_id, run_scope(store.root))  # this run's processes only
    procs.kill_episode(None, marker, prefix=True)  # leftovers of a killed run
    secrets = settings.secrets()
    stop = threading.Event()
    ran = 0

    written = 0.0

    def on_result(result: EpisodeResult) -> None:
        nonlocal ran, written
        store.append(result, secrets)  # durable before it is counted
        ran += 1
        if time.monotonic() - written >= OUTPUTS_EVERY_S:  # the summary files, live but
            store.write_outputs(plan, title, rollouts)  # not after every one of 4,000
            written = time.monotonic()
        observer.episode_finished(result)

    server = None
    observer.begin(plan, done)
    try:
        with _Interrupts(stop, observer):
            backend.warm_up(todo)  # workers start while the sites server does
            todo, server = _with_sites_server(todo, backend)
            backend.run(todo, on_result, stop, observer.episode_started)
    finally:
        if server is not None:
            server.stop()
        procs.kill_episode(None, marker, prefix=True)
        results = store.write_outputs(plan, title, rollouts)
        observer.end()
    errors = [r for r in results if r.error_phase or r.error_type]
    return Outcome(results, len(plan), ran, stop.is_set(), backend.name, errors)
