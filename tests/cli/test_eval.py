"""Bad input to `halo eval` / `rollout` / `verify-exploration`: one line, exit 2, nothing
started or written. `--dry-run` prints the plan and runs nothing."""

from __future__ import annotations

import pytest

from tests.support.helpers import halo


@pytest.fixture()
def env(tmp_path):
    return {"HALO_RESULTS_DIR": str(tmp_path / "results"), "HALO_DATA_DIR": str(tmp_path / "data"),
            "OPENAI_API_KEY": "sk-test", "OPENAI_BASE_URL": "http://127.0.0.1:9/v1"}


def _refused(out, *needles: str) -> None:
    assert out.returncode == 2, out.stdout + out.stderr
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), out.stderr
    for n in needles:
        assert n in lines[0]


@pytest.mark.parametrize(("argv", "needle"), [
    (["eval", "subset", "--tasks", "gomail-1", "--mode", "fast"], "unknown mode: fast"),
    (["eval", "matrix", "--tasks", "gomail-1,gomail-999"], "unknown task: v2.gomail-999"),
    (["eval", "subset", "--task-version", "v1", "--task-type", "dashdish"],
     "no tasks selected on site dashdish"),
    (["eval", "subset", "--task-version", "v1", "--tasks", "dashdish-1"],
     "no local replica for: v1.dashdish-1"),
    (["eval", "subset", "--tasks", "gomail-1", "--task-registry", "nope.json"], "nope.json"),
    (["eval", "subset", "--resume", "no-such-run"], "no run no-such-run"),
    (["rollout", "--tasks", "gomail-1", "--experiment", "nope"], "unknown experiment: nope"),
    (["rollout", "--experiment", "explore", "--mode", "hierarchy_vac"], "pass one of them"),
    (["eval", "subset", "--tasks", "gomail-1", "--speed", "--max-steps", "9"], "not both"),
    (["eval", "subset", "--tasks", "gomail-1", "--sites-url", "127.0.0.1:8000"], "http(s) URL"),
    (["debug", "gomail-1", "--max-steps", "1000"], "mode hierarchy_vac_macros: max_steps"),
    (["verify-exploration", "--task", "gomail-999"], "unknown task"),
])
def test_bad_input_is_one_line_exit_2_and_nothing_written(argv, needle, env, tmp_path):
    out = halo(*argv, env=env)
    _refused(out, needle)
    assert not (tmp_path / "results").exists()


def test_broken_experiments_file(env, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("experiments: [unclosed\n")
    _refused(halo("rollout", "--config", str(bad), "--tasks", "gomail-1", env=env), "invalid YAML")
    assert not (tmp_path / "results").exists()


def test_missing_api_key_is_refused_before_anything_starts(env, tmp_path):
    env = {**env, "OPENAI_API_KEY": "", "OPENAI_BASE_URL": ""}
    out = halo("eval", "subset", "--tasks", "gomail-1", "--mode", "baseline_worker", env=env)
    _refused(out, "set OPENAI_API_KEY")
    assert not (tmp_path / "results").exists()


def test_existing_run_id_is_refused(env, tmp_path):
    (tmp_path / "results" / "taken").mkdir(parents=True)
    (tmp_path / "results" / "taken" / "run.json").write_text("{}")
    out = halo("eval", "subset", "--tasks", "gomail-1", "--run-id", "taken", env=env)
    _refused(out, "use --resume taken")


def test_dry_run_prints_the_plan_and_runs_nothing(env, tmp_path):
    out = halo("eval", "subset", "--tasks", "gomail-1,omnizon-3", "--mode",
               "baseline_worker,hierarchy_vac", "--attempts", "2", "--max-steps", "9",
               "--dry-run", "--run-id", "dry", env=env)
    assert out.returncode == 0, out.stderr
    assert "2 tasks x 2 modes (baseline_worker, hierarchy_vac) = 8 episodes" in out.stdout
    assert "v2.omnizon-3  hierarchy_vac  #2  max_steps=9" in out.stdout
    assert "nothing was run" in out.stdout
    assert not (tmp_path / "results").exists()
    sampled = halo("eval", "subset", "--sample-size", "3", "--seed", "5", "--dry-run", env=env)
    assert sampled.returncode == 0 and "3 tasks x 1 modes (hierarchy_vac_macros)" in sampled.stdout
    assert sampled.stdout.split("\n", 2)[2] == halo(
        "eval", "subset", "--sample-size", "3", "--seed", "5", "--dry-run", env=env
    ).stdout.split("\n", 2)[2]  # the same seed samples the same tasks


def test_the_runbook_forms_work_as_typed(env, tmp_path):
    """Each of these gave an error when tried as a new user would (issue: runbook forms)."""
    every = halo("rollout", "--rollouts-per-task", "3", "--dry-run", env=env)
    assert every.returncode == 0, every.stderr
    local = halo("sites", "list", "--json", env=env)
    served = sum(len(ids) for ids in __import__("json").loads(local.stdout).values())
    assert f"{served} tasks x 1 modes (hierarchy_mgr_gate) = {3 * served} episodes" in every.stdout

    mode_as_experiment = halo("rollout", "--experiment", "hierarchy_vac_macros", "--subset",
                              "shopping", "-n", "2", "--dry-run", env=env)
    assert mode_as_experiment.returncode == 0, mode_as_experiment.stderr
    assert "10 tasks x 1 modes (hierarchy_vac_macros) = 20 episodes" in mode_as_experiment.stdout

    by_mode = halo("rollout", "--mode", "hierarchy_vac", "--tasks", "gomail-1", "-n", "2",
                   "--speed", "--sites-url", "http://127.0.0.1:8000", "--dry-run", env=env)
    assert by_mode.returncode == 0, by_mode.stderr
    assert "v2.gomail-1  hierarchy_vac  #2  max_steps=25" in by_mode.stdout
    assert "sites: local (http://127.0.0.1:8000)" in by_mode.stdout and "speed: True" in by_mode.stdout
    assert not (tmp_path / "results").exists()
