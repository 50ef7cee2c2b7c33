"""A leaderboard run's plan and files: one REAL run per mode registered with REAL (the REAL
double), resumed runs keep theirs, and matrix.md counts what was submitted and where REAL's
reward differed from the local judge's."""

from __future__ import annotations

from pydantic import SecretStr

from halo_cli.config.modes import MODES
from halo_cli.config.settings import Settings
from halo_cli.runner import leaderboard
from halo_cli.runner.models import EpisodeResult
from halo_cli.runner.plan import episode_specs
from halo_cli.runner.store import RunStore
from tests.support.real_double import RealDouble

KEY = "real-key-of-the-runner-test"


def _settings(real: RealDouble) -> Settings:
    return Settings.model_construct(real_api_key=SecretStr(KEY), real_api_url=real.url)


def test_one_real_run_per_mode_filed_under_its_models() -> None:
    modes = [MODES["baseline_worker"], MODES["hierarchy_mgr_gate"]]
    with RealDouble() as real:
        settings = _settings(real)
        plan = leaderboard.entries(episode_specs(["v2.gomail-1", "v2.omnizon-3"], modes, "r1",
                                                 sites="remote"), "spring run", settings)
        assert all(s.leaderboard.real_run_id is None for s in plan)  # nothing sent yet
        assert real.calls == []
        registered = leaderboard.register(plan, settings)
        again = leaderboard.register(registered, settings)  # a resumed run keeps its ids
    names = [c.query["model_name"] for c in real.run_keys()]
    assert names == ["HALO baseline_worker (gpt-4o-mini)",
                     "HALO hierarchy_mgr_gate (gpt-4o-mini + gpt-4o)"]
    assert {c.query["run_name"] for c in real.run_keys()} == {"spring run"}
    ids = {(s.task_id, s.mode.name): s.leaderboard.real_run_id for s in registered}
    assert ids == {("v2.gomail-1", "baseline_worker"): "run-1",
                   ("v2.omnizon-3", "baseline_worker"): "run-1",
                   ("v2.gomail-1", "hierarchy_mgr_gate"): "run-2",
                   ("v2.omnizon-3", "hierarchy_mgr_gate"): "run-2"}
    assert again == registered


def test_matrix_md_counts_the_submissions(tmp_path) -> None:
    mode = MODES["baseline_worker"]
    plan = leaderboard.entries(episode_specs(["v2.gomail-1", "v2.omnizon-3", "v2.dashdish-7"],
                                             [mode], "r2", sites="remote"), "spring run",
                               Settings.model_construct())
    store = RunStore(tmp_path, "r2")
    store.create({"run_id": "r2", "plan": [s.model_dump(mode="json") for s in plan]})
    records = {
        "v2.gomail-1": {"submitted": True, "verified": True, "real_reward": 1.0,
                        "local_reward": 1.0, "mismatch": False},
        "v2.omnizon-3": {"submitted": True, "verified": True, "real_reward": 0.0,
                         "local_reward": 1.0, "mismatch": True},
        "v2.dashdish-7": {"submitted": False, "verified": False, "real_reward": None,
                          "local_reward": None, "mismatch": False},
    }
    for task, record in records.items():
        store.append(EpisodeResult(task_id=task, mode=mode.name, reward=record["local_reward"] or 0,
                                   leaderboard=record))
    store.write_outputs(plan, "halo eval subset")
    md = (tmp_path / "r2" / "matrix.md").read_text()
    assert ("## REAL leaderboard\n\nRun `spring run`: 2 of 3 episodes submitted; REAL evaluated "
            "2; its reward differed from the local judge's on 1.") in md
    assert "- v2.omnizon-3 baseline_worker #1: local 1.0, REAL 0.0" in md
