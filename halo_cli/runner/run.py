"""Starting and closing a run: its store (new or resumed), run.json, the lock, the backend.

The CLI's run commands (`eval subset|matrix`, `rollout`, `verify-exploration`) parse
their options into a request (`runner.requests`: what to run) and `RunOptions` (how),
built once; `prepare_run` opens the store and plans the episodes, `execute_run` does the
rest (checking the LLM, connecting Ray, recording run.json, executing, closing the
backend). The CLI only renders.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from halo_cli.config.modes import Mode
from halo_cli.config.settings import Settings
from halo_cli.errors import UserError
from halo_cli.runner import leaderboard
from halo_cli.runner.caches import cache_state
from halo_cli.runner.isolate import DEFAULT_EPISODE_FN
from halo_cli.runner.models import EpisodeResult, EpisodeSpec, sites_label
from halo_cli.runner.plan import check_llm, check_run_id, new_run_id
from halo_cli.runner.pool import Backend
from halo_cli.runner.store import RunStore
from halo_cli.runner.study import Execution, Observer, Outcome, execute, make_backend, run_document

if TYPE_CHECKING:
    from halo_cli.runner.requests import Request


@dataclass
class RunOptions:
    """The options every run command shares: how to run, never what."""

    headless: bool = True
    debug: bool = False  # keep screenshots; tracebacks at the end
    dry_run: bool = False
    speed: bool = False  # the runbook's speed mode: a 25-step budget
    fresh_browser: bool = False  # agisdk's env as is: a new browser (+ chat browser) per episode
    sites: str = "local"
    sites_url: str | None = None  # root of a running `halo sites serve`
    workers: int | None = None
    ray_address: str | None = None
    results_dir: Path | None = None
    run_id: str | None = None
    resume: str | None = None
    episode_timeout: float | None = None
    #: layer the packaged cache (the local sites' reference solutions) under the run's cache
    packaged_cache: bool = False
    #: the cache vac modes use: user | fresh | none (None: the command's default)
    cache: str | None = None

    def __post_init__(self) -> None:  # typer hands enums; keep plain values
        self.headless = bool(self.headless)
        self.sites = getattr(self.sites, "value", self.sites)
        self.cache = getattr(self.cache, "value", self.cache)

    def check(self) -> None:
        if self.packaged_cache and self.sites != "local":
            raise UserError("--packaged-cache replays the local sites' reference solutions: "
                            "use it with --sites local")
        if self.cache not in (None, "user", "fresh", "none"):
            raise UserError(f"--cache must be user, fresh or none: {self.cache}")
        if self.resume and self.run_id and self.run_id != self.resume:
            raise UserError("--run-id and --resume name different runs: pass one of them")
        if self.sites_url is not None:
            if self.sites != "local":
                raise UserError("--sites-url serves local replicas: use it with --sites local")
            if not self.sites_url.startswith(("http://", "https://")):
                raise UserError(f"--sites-url must be an http(s) URL: {self.sites_url}")

    def modes(self, modes: Sequence[Mode], max_steps: int | None = None) -> list[Mode]:
        """`modes` with --max-steps or --speed applied (not both)."""
        if self.speed and max_steps is not None:
            raise UserError("--speed sets a 25-step budget: pass it or --max-steps, not both")
        if self.speed:
            return [m.speed() for m in modes]
        return [m.with_overrides(max_steps=max_steps) for m in modes]

    def spec_options(self, settings: Settings, keep_screenshots: bool = False, *,
                     run_id: str = "", default_cache: str = "user") -> dict[str, Any]:
        """What every EpisodeSpec of the run takes from these options (screenshots are kept
        with --debug, or when the request keeps them: rollouts always, evals on request; a
        "fresh" cache lives in the run's folder, `results/<run_id>/cache/vac.sqlite`)."""
        cache = self.cache or default_cache
        results = (self.results_dir or settings.results_dir).resolve()
        return {"sites": self.sites, "sites_url": self.sites_url, "headless": self.headless,
                "data_dir": settings.data_dir.resolve(), "wall_limit_s": self.episode_timeout,
                "keep_screenshots": self.debug or keep_screenshots, "speed": self.speed,
                "fresh_browser": self.fresh_browser, "use_packaged_cache": self.packaged_cache,
                "cache": cache,
                "cache_path": results / run_id / "cache" / "vac.sqlite" if cache == "fresh" else None}

    def record(self) -> dict[str, Any]:
        """What run.json records about how the run was asked for."""
        return {k: (str(v) if isinstance(v, Path) else v) for k, v in asdict(self).items()}


def open_store(opts: RunOptions, settings: Settings) -> RunStore:
    """The run's store: the one named by --resume (must exist), or a new run id."""
    results_dir = opts.results_dir or settings.results_dir
    if opts.resume:
        store = RunStore(results_dir, check_run_id(opts.resume))
        store.read_config()  # UserError when there is no such run
        return store
    store = RunStore(results_dir, check_run_id(opts.run_id or new_run_id()))
    if store.exists():
        raise UserError(f"run {store.run_id} already exists in {results_dir}: "
                        f"use --resume {store.run_id} or another --run-id")
    return store


@dataclass
class PreparedRun:
    """A run ready to execute: the request, how to run it, its store and its episodes."""

    request: Request
    options: RunOptions
    store: RunStore
    plan: list[EpisodeSpec]
    note: str = ""  # for the user, e.g. tasks the local sites do not serve
    resolved: dict[str, Any] = field(default_factory=dict)  # choices the plan made

    def todo(self) -> list[EpisodeSpec]:
        """The episodes still to run (on --resume, those the run has no result for)."""
        done = self.store.done_keys() if self.options.resume else set()
        return [s for s in self.plan if s.key not in done]

    @property
    def where(self) -> str:
        """Where the episodes run, for people ("local replicas", "hosted REAL")."""
        return sites_label(s.sites for s in self.plan) if self.plan else "no sites"

    def record(self) -> dict[str, Any]:
        """run.json's `options`: the request, what its plan resolved, how it runs, and the
        cache the run starts with (`cache_state`)."""
        return {**self.request.record(), **self.resolved, **self.options.record(),
                "cache_state": cache_state(self.plan)}


def prepare_run(request: Request, opts: RunOptions, settings: Settings) -> PreparedRun:
    """Open the run's store and plan its episodes (on --resume, the stored plan; the
    request's task and mode choices are then ignored). Nothing is written yet."""
    opts.check()
    store = open_store(opts, settings)
    if opts.resume:
        return PreparedRun(request, opts, store, store.plan())
    planned = request.plan(opts, store.run_id, settings)
    return PreparedRun(request, opts, store, planned.specs, planned.note, planned.resolved)


def execute_run(run: PreparedRun, settings: Settings, *, observer: Observer | None = None,
                on_backend: Callable[[Backend], None] | None = None,
                episode_fn: str = DEFAULT_EPISODE_FN) -> Outcome:
    """Check the LLM, connect the backend (Ray fails here, before anything is written),
    register a leaderboard run with REAL, record run.json (or the resume), lock the run,
    execute it, and close the backend. `episode_fn` (an import path) runs each episode:
    HALO's agent, or e.g. a benchmark's simulated policy."""
    opts, store, plan, request = run.options, run.store, run.plan, run.request
    check_llm(list({s.mode.name: s.mode for s in plan}.values()), settings)
    backend = make_backend(Execution(workers=opts.workers, ray_address=opts.ray_address,
                                     episode_fn=episode_fn), settings, store)
    try:
        if not opts.resume and any(s.leaderboard for s in plan):
            # REAL's run ids, once the run can start (a refused run registers nothing)
            run.plan = plan = leaderboard.register(plan, settings)
        if opts.resume:
            store.lock()
            doc = store.read_config()
            doc.setdefault("resumed", []).append({"options": opts.record(),
                                                  "backend": backend.name})
            store.write_config(doc)
        else:
            store.create(run_document(request.command, store.run_id, run.record(), plan,
                                      settings))
            store.lock()
        if on_backend is not None:
            on_backend(backend)
        return execute(store, plan, settings, backend, observer, request.title, request.rollouts)
    finally:
        backend.close()


def record_episode_run(command: str, spec: EpisodeSpec, result: EpisodeResult,
                       settings: Settings) -> RunStore:
    """Record one episode run outside a plan (`halo debug --report`) as a one-episode run
    in the results dir: run.json, episodes.jsonl, the matrix files."""
    store = RunStore(settings.results_dir, spec.run_id)
    store.create(run_document(command, spec.run_id, {"task": spec.task_id}, [spec], settings))
    store.append(result, settings.secrets())
    store.write_outputs([spec], f"halo {command}")
    return store
