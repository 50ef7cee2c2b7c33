"""What one episode is asked to do, and what it reports back. Both cross process bounds."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field, computed_field, model_validator

from halo_cli.config.modes import Mode
from halo_cli.outcome import succeeded
from halo_cli.tasks.taskset import GeneratedTask
from halo_cli.usage import Usage

ErrorPhase = Literal["init", "agent", "eval"]
#: how every human-facing summary (and matrix.csv's `sites`) names where episodes ran
SITES_LABELS = {"local": "local replicas", "remote": "hosted REAL"}
#: what matrix.md says about each
SITES_NOTES = {
    "local replicas": "HALO's offline copies of the REAL sites (`--sites local`), judged by "
                      "REAL's own eval scripts; these are not results on the hosted REAL sites",
    "hosted REAL": "the REAL Bench sites online (`--sites remote`)",
}


def sites_label(sites: str | Any) -> str:
    """"local replicas" / "hosted REAL" for one `--sites` value; for several (a list of
    values, e.g. a run's specs) the distinct ones joined with " + "."""
    values = [sites] if isinstance(sites, str) else list(dict.fromkeys(sites))
    return " + ".join(SITES_LABELS.get(v, v) for v in values) if values else "unknown sites"


class Leaderboard(BaseModel):
    """An episode's entry on REAL's leaderboard: the run's name, the model it is filed
    under (one per mode), and REAL's run id (registered when the run starts)."""

    run_name: str
    model_name: str
    real_run_id: str | None = None


class EpisodeSpec(BaseModel):
    """One attempt of one task in one mode."""

    task_id: str  # "v2.gomail-1", or "train.<site>.<template>.<n>" with `task`
    mode: Mode
    run_id: str
    attempt: int = 1
    sites: Literal["local", "remote"] = "local"
    sites_url: str | None = None  # root of a running `halo sites serve`; None = in-process
    headless: bool = True
    task_seed: int = 0  # passed to env.reset(seed=...)
    data_dir: Path = Path("data")
    wall_limit_s: float | None = None  # None: derived from mode.max_steps
    keep_screenshots: bool = False
    trajectory: bool = True  # write the trajectory file (reference replays do not)
    speed: bool = False  # the runbook's speed mode (mode.max_steps is 25)
    fresh_browser: bool = False  # agisdk's own env: a browser (and chat browser) per episode
    use_packaged_cache: bool = False  # layer HALO's shipped VAC (reference solutions) under it
    #: which cache a vac mode reads and writes: "user" (HALO_DATA_DIR's), "fresh" (the run's
    #: own, empty at start: `cache_path`), "none" (no cache at all)
    cache: Literal["user", "fresh", "none"] = "user"
    cache_path: Path | None = None  # the "fresh" cache's file
    llm_timeout_s: float = 60.0  # per LLM request; retries are bounded on top of it
    #: a generated task's definition (goal, params, ...), carried with the spec so a worker
    #: process or Ray node never re-reads the task-set file; None for REAL's tasks
    task: GeneratedTask | None = None
    #: submit the episode to REAL's leaderboard (hosted sites only; `halo eval --leaderboard`)
    leaderboard: Leaderboard | None = None

    @property
    def key(self) -> tuple[str, str, int]:
        """Identity of the episode within a run: (task, mode, attempt)."""
        return (self.task_id, self.mode.name, self.attempt)

    def wall_limit(self) -> float:
        """Seconds before the episode is killed: generous per step, plus env start-up."""
        return self.wall_limit_s or 60.0 + 30.0 * self.mode.max_steps


class EpisodeResult(BaseModel):
    """The outcome of one episode, as written to matrix.csv / rollout_summary.jsonl."""

    task_id: str
    mode: str
    attempt: int = 1
    task_seed: int = 0
    temperature: float = 0.0
    reward: float = 0.0
    steps: int = 0
    wall_time_s: float = 0.0
    usage: Usage = Field(default_factory=Usage)
    invalid_actions: int = 0
    manager_calls: int = 0
    cache_hits: int = 0
    error_phase: ErrorPhase | None = None
    error_type: str | None = None
    error_message: str | None = None
    traceback: str | None = Field(None, repr=False)
    trajectory_path: str | None = None
    #: what the eval script said (`harness.judge`): verdict, each script's output, state keys
    judge: dict[str, Any] | None = None
    #: a leaderboard run's submission (`harness.leaderboard.submission`): submitted,
    #: verified, REAL's reward, the local judge's, and whether they differ
    leaderboard: dict[str, Any] | None = None

    @model_validator(mode="before")
    @classmethod
    def _flat_usage(cls, data: Any) -> Any:
        """Results written before `usage` was one value kept its fields at the top."""
        if isinstance(data, dict) and "usage" not in data:
            data = {("cost" if k == "cost_usd" else k): v for k, v in data.items()}
            flat = {k: data.pop(k) for k in list(data) if k in Usage.__dataclass_fields__}
            if flat:
                data["usage"] = Usage(**flat)
        return data

    @computed_field  # type: ignore[prop-decorator]
    @property
    def success(self) -> bool:
        """The task's eval script gave full reward (`outcome.succeeded`, the one rule)."""
        return succeeded(self.reward)

    @property
    def key(self) -> tuple[str, str, int]:
        return (self.task_id, self.mode, self.attempt)
