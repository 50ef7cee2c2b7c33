"""A finished episode read back with its trajectory: the one loader report and export use."""

from pathlib import Path

import pytest

from halo_cli.config.modes import get_mode
from halo_cli.runner.models import EpisodeResult, EpisodeSpec
from halo_cli.runner.recorded import load_episode
from tests.support.report_runs import write_episode


def _spec(data: Path) -> EpisodeSpec:
    return EpisodeSpec(task_id="v2.gomail-12", mode=get_mode("baseline_worker"), run_id="r1",
                       data_dir=data)


@pytest.mark.parametrize("style, kept, schema2, steps", [
    ("v2", "read", True, 3),
    ("v2-noshots", "read", True, 3),
    ("v1", "read", False, 3),  # the older schema: its records, and why it is not schema 2
    ("none", "none", False, 0),
])
def test_every_kind_of_trajectory_loads(tmp_path: Path, style: str, kept: str, schema2: bool,
                                        steps: int) -> None:
    ep = load_episode(write_episode(tmp_path, _spec(tmp_path), 3, 1.0, style=style), "r1",
                      "eval subset")
    assert (ep.kept, ep.trajectory is not None, len(ep.steps)) == (kept, schema2, steps)
    assert ("schema 1" in (ep.problem or "")) is (style == "v1")
    assert (ep.run_id, ep.command, ep.site, ep.id) == ("r1", "eval subset", "gomail",
                                                       "v2.gomail-12__baseline_worker__1")
    assert ep.success and ep.outcome == "success" and not ep.failed_cleanly
    if schema2:
        assert ep.models == {"worker": "gpt-4o-mini"} and ep.steps is ep.trajectory.steps


def test_a_missing_or_unreadable_trajectory_is_no_error(tmp_path: Path) -> None:
    result = write_episode(tmp_path, _spec(tmp_path), 3, 0.0)
    path = Path(result.trajectory_path or "")
    path.write_bytes(b"\xff\xfe not text")
    ep = load_episode(result)
    assert (ep.kept, ep.steps, ep.trajectory) == ("missing", [], None)
    assert ep.problem is not None and "unreadable" in ep.problem
    path.unlink()
    ep = load_episode(result)
    assert (ep.kept, ep.problem) == ("missing", None)
    assert ep.outcome == "failure" and ep.failed_cleanly


@pytest.mark.parametrize("reward, error, success, clean_failure", [
    (1.0, None, True, False),
    (0.99, None, False, True),  # success is full reward, nothing less
    (0.0, "agent", False, False),  # cut short by an error: no failure to learn from
])
def test_success_is_the_episode_results(reward: float, error: str | None, success: bool,
                                        clean_failure: bool) -> None:
    result = EpisodeResult(task_id="v2.gomail-1", mode="baseline_worker", reward=reward,
                           error_phase=error)
    ep = load_episode(result)
    assert (result.success, ep.success, ep.failed_cleanly) == (success, success, clean_failure)
