"""What one episode is asked to do, and what it reports back. Both cross process bounds."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from halo_cli.config.modes import Mode

ErrorPhase = Literal["init", "agent", "eval"]


class EpisodeSpec(BaseModel):
    """One attempt of one task in one mode."""

    task_id: str  # "v2.gomail-1"
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
    use_packaged_cache: bool = True  # layer HALO's shipped VAC under the user's (vac modes)
    llm_timeout_s: float = 60.0  # per LLM request; retries are bounded on top of it

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
    success: bool = False
    steps: int = 0
    wall_time_s: float = 0.0
    llm_calls: int = 0
    tokens_in: int = 0
    tokens_out: int = 0
    cost_usd: float = 0.0
    invalid_actions: int = 0
    manager_calls: int = 0
    cache_hits: int = 0
    error_phase: ErrorPhase | None = None
    error_type: str | None = None
    error_message: str | None = None
    traceback: str | None = Field(None, repr=False)
    trajectory_path: str | None = None

    @property
    def key(self) -> tuple[str, str, int]:
        return (self.task_id, self.mode, self.attempt)
