"""Entry point of an episode worker: `python -m halo_cli.runner.child`.

It reads the settings, then warms up while the parent is still setting up the run
(imports the episode function named on its command line and, with `--warm-browser`,
launches the headless Chromium its episodes share), then reads jobs, pickled on stdin;
for each job it calls the episode function (its output going to the job's log) and
writes the EpisodeResult to the job's result file, then waits for the next job. Its
Chromium stays warm between episodes.
SIGTERM unwinds the episode (its `finally` closes the env); if the parent disappears, a
watchdog kills everything the worker started and exits.
"""

from __future__ import annotations

import contextlib
import importlib
import inspect
import os
import pickle
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from halo_cli.config.settings import Settings
from halo_cli.runner import procs
from halo_cli.runner.isolate import Job, error_result
from halo_cli.runner.models import EpisodeResult


class Terminated(BaseException):
    """Raised in the main thread on SIGTERM; BaseException so episode code lets it through."""


class StepCounter:
    """The `on_step` callback: counts steps into a file the parent reads on timeout.

    `ready()` (passed as `on_ready` when the episode function takes it) marks the end of
    env start-up, so a hang before the first step is told apart from a hang in init.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.steps = 0
        self.ready_path = path.with_name("ready")

    def __call__(self, *args: Any, **kwargs: Any) -> None:
        self.steps += 1
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(str(self.steps))
        os.replace(tmp, self.path)

    def ready(self, *args: Any, **kwargs: Any) -> None:
        self.ready_path.touch()


def _on_sigterm(signum: int, frame: object) -> None:
    raise Terminated()


def _watch_parent(token: str) -> None:
    """If the parent dies (SIGKILL), kill everything this episode started, then exit."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        procs.kill_episode(None, token)
        os._exit(3)

    threading.Thread(target=watch, name="halo-parent-watch", daemon=True).start()


def load_fn(path: str) -> Callable[..., Any]:
    """`package.module:function` -> the function."""
    module, _, name = path.partition(":")
    return getattr(importlib.import_module(module), name)


def run(job: Job, settings: Settings) -> EpisodeResult:
    spec = job.spec
    counter = StepCounter(job.job_dir / "steps")
    start = time.monotonic()
    try:
        fn = load_fn(job.episode_fn)
        hooks: dict[str, Any] = {"on_step": counter}
        if "on_ready" in inspect.signature(fn).parameters:
            hooks["on_ready"] = counter.ready
        result = fn(spec, settings, **hooks)
        if not isinstance(result, EpisodeResult):
            result = EpisodeResult.model_validate(result)
        return result
    except Exception as exc:  # the contract says run_episode never raises; be safe anyway
        return error_result(spec, counter.steps, type(exc).__name__, str(exc),
                            time.monotonic() - start, traceback.format_exc(),
                            ready=counter.ready_path.exists())


def _log_to(path: Path) -> None:
    """Send this process's stdout and stderr (and its future children's) to `path`."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    os.close(fd)


def warm_up(settings: Settings, episode_fn: str | None, browser: bool) -> None:
    """Get ready for the first job while the parent still sets the run up: import the
    episode function's module (and run its `warm_up()`, if it has one: the HALO agent
    loads its tokenizer and the OpenAI client), and with `--warm-browser` launch the
    warm Chromium. A failure here is left for the first episode to meet and report."""
    with contextlib.suppress(Exception):
        if episode_fn:
            module = importlib.import_module(episode_fn.partition(":")[0])
            getattr(module, "warm_up", lambda: None)()
        if browser:
            from halo_cli.harness.warm import launch_warm

            launch_warm(settings.chromium_path, settings.data_dir)


def release_browser() -> None:
    """Close this process's warm Chromium and Playwright, if it started them (nothing of
    theirs, no process or temp folder, outlives the worker)."""
    from halo_cli.harness import warm

    if warm.WARM.launches:
        warm.WARM.close()
        with contextlib.suppress(Exception):
            warm.playwright().stop()


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    signal.signal(signal.SIGTERM, _on_sigterm)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
    _watch_parent(os.environ.get(procs.TOKEN_VAR, ""))
    code = 0
    try:
        settings: Settings = pickle.load(sys.stdin.buffer)
        warm_up(settings, next((a for a in args if not a.startswith("--")), None),
                "--warm-browser" in args)
        while True:
            try:
                job: Job = pickle.load(sys.stdin.buffer)
            except EOFError:  # the parent is done with this worker
                break
            _log_to(job.log_path)
            result = run(job, settings)
            tmp = job.result_path.with_suffix(".tmp")
            tmp.write_text(result.model_dump_json())
            os.replace(tmp, job.result_path)
    except Terminated:
        code = 143
    release_browser()
    return code


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    # no interpreter teardown: with agisdk loaded it takes 0.45 s, and nothing is left to do
    os._exit(code)
