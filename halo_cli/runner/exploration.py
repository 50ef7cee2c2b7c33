"""Did sampling change what the agent did? Compare the first K actions of two trajectories
(`halo verify-exploration`: `conclude` compares its two runs and writes exploration.json)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from halo_cli.runner.models import EpisodeResult
from halo_cli.trajectory.reader import step_actions


def actions(path: str | Path | None, limit: int) -> list[str]:
    """The first `limit` actions of a trajectory JSONL (its `type: step` lines)."""
    return step_actions(path, limit)


@dataclass(frozen=True)
class Comparison:
    steps: int  # K asked for
    a: list[str]
    b: list[str]
    first_difference: int | None  # 1-based step, None when the first K are identical

    @property
    def changed(self) -> bool:
        return self.first_difference is not None

    def rows(self) -> list[tuple[int, str, str, bool]]:
        """(step, action a, action b, same) for each of the first K steps either run took."""
        n = max(len(self.a), len(self.b))
        return [(i + 1, _at(self.a, i), _at(self.b, i), _at(self.a, i) == _at(self.b, i))
                for i in range(n)]

    def verdict(self, temp_a: float, temp_b: float) -> str:
        if self.changed:
            return (f"exploration changed the sequence: temperature {temp_a:g} and {temp_b:g} "
                    f"first differ at step {self.first_difference}")
        return (f"exploration did not change the sequence: the first {min(self.steps, len(self.a))} "
                f"actions are identical at temperature {temp_a:g} and {temp_b:g}")

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "changed": self.changed}


def _at(seq: list[str], i: int) -> str:
    return seq[i] if i < len(seq) else "(ended)"


def compare(a: list[str], b: list[str], steps: int) -> Comparison:
    """Compare the first `steps` actions; a run that ended earlier differs where it stopped."""
    a, b = a[:steps], b[:steps]
    first = next((i + 1 for i in range(max(len(a), len(b))) if _at(a, i) != _at(b, i)), None)
    return Comparison(steps, a, b, first)


@dataclass(frozen=True)
class Exploration:
    """The two runs of `halo verify-exploration` compared: rows, verdict, trajectories."""

    comparison: Comparison
    verdict: str
    trajectories: list[str | None]  # attempt 1's and 2's (None: the episode wrote none)


def conclude(results: Sequence[EpisodeResult], steps: int, temperatures: tuple[float, float],
             task_seed: int, run_root: Path) -> Exploration:
    """Compare the first `steps` actions of attempts 1 and 2 (run at `temperatures`) and
    write the comparison to `run_root/exploration.json`."""
    by_attempt = {r.attempt: r for r in results}
    paths = [by_attempt[k].trajectory_path if k in by_attempt else None for k in (1, 2)]
    cmp = compare(actions(paths[0], steps), actions(paths[1], steps), steps)
    verdict = cmp.verdict(*temperatures)
    doc = {**cmp.to_json(), "verdict": verdict, "trajectories": paths,
           "temperatures": list(temperatures), "task_seed": task_seed}
    (run_root / "exploration.json").write_text(json.dumps(doc, indent=2) + "\n")
    return Exploration(cmp, verdict, paths)
