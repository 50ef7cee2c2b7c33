"""`halo eval subset|matrix --sites remote --leaderboard --run-name NAME` as a user types it:
what is refused (one line, exit 2, nothing written, nothing sent to REAL), what a dry run
says, and a run that registers with REAL (the REAL double) whose episodes cannot reach
the hosted sites from here: each says it was not submitted, and matrix.md counts that.
(`--task-set` is not an option on this branch, so its refusal is not tested here.)"""

from __future__ import annotations

import json

import pytest

from tests.support.helpers import halo
from tests.support.real_double import RealDouble

REAL_KEY = "real-cli-key-never-written-61f0"
LB = ["--leaderboard", "--run-name", "spring run"]


@pytest.fixture()
def real():
    with RealDouble() as double:
        yield double


@pytest.fixture()
def env(tmp_path, real):
    return {"HALO_RESULTS_DIR": str(tmp_path / "results"), "HALO_DATA_DIR": str(tmp_path / "data"),
            "OPENAI_API_KEY": "sk-test", "OPENAI_BASE_URL": "http://127.0.0.1:9/v1",
            "REAL_API_KEY": REAL_KEY, "HALO_REAL_API_URL": real.url,
            "HALO_REAL_EVAL_URL": real.url}


def _refused(out, needle: str) -> None:
    assert out.returncode == 2, out.stdout + out.stderr
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and needle in lines[0], out.stderr


@pytest.mark.parametrize(("argv", "extra_env", "needle"), [
    (["eval", "subset", "--tasks", "gomail-1", "--sites", "local", *LB], {},
     "use it with --sites remote"),
    (["eval", "matrix", "--tasks", "gomail-1", *LB], {}, "use it with --sites remote"),
    (["eval", "subset", "--tasks", "gomail-1", "--sites", "remote", "--packaged-cache", *LB], {},
     "--packaged-cache"),
    (["eval", "subset", "--tasks", "gomail-1", "--sites", "remote", *LB], {"REAL_API_KEY": ""},
     "set REAL_API_KEY"),
    (["eval", "subset", "--tasks", "gomail-1", "--sites", "remote", "--leaderboard"], {},
     "needs --run-name"),
    (["eval", "subset", "--tasks", "gomail-1", "--sites", "remote", "--run-name", "x"], {},
     "pass --leaderboard too"),
])
def test_refused_before_anything_is_written_or_sent(argv, extra_env, needle, env, real, tmp_path):
    _refused(halo(*argv, env={**env, **extra_env}), needle)
    assert not (tmp_path / "results").exists()
    assert real.calls == []


def test_a_dry_run_names_the_leaderboard_run_and_sends_nothing(env, real):
    out = halo("eval", "subset", "--tasks", "gomail-1,omnizon-3", "--sites", "remote",
               "--mode", "hierarchy_mgr_gate", *LB, "--dry-run", env=env)
    assert out.returncode == 0, out.stdout + out.stderr
    assert ("REAL leaderboard: run 'spring run' as HALO hierarchy_mgr_gate (gpt-4o-mini + "
            "gpt-4o) (registered with REAL when the run starts; nothing sent now)") in out.stdout
    assert real.calls == []


@pytest.mark.browser
@pytest.mark.timeout(300)
def test_a_leaderboard_run_registers_and_counts_what_it_submitted(env, real, tmp_path,
                                                                  browser_ready):
    out = halo("eval", "subset", "--tasks", "gomail-1", "--sites", "remote",
               "--mode", "baseline_worker", *LB, "--run-id", "lb1", env=env, timeout=240)
    assert out.returncode == 0, out.stdout + out.stderr
    [key_call] = real.run_keys()
    assert key_call.query == {"api_key": REAL_KEY, "model_name": "HALO baseline_worker "
                              "(gpt-4o-mini)", "run_name": "spring run"}
    run = tmp_path / "results" / "lb1"
    [spec] = json.loads((run / "run.json").read_text())["plan"]
    assert spec["leaderboard"] == {"run_name": "spring run", "real_run_id": "run-1",
                                   "model_name": "HALO baseline_worker (gpt-4o-mini)"}
    [episode] = [json.loads(x) for x in (run / "episodes.jsonl").read_text().splitlines()]
    # the hosted sites are out of reach here: the episode ends at start-up, unsubmitted
    assert episode["error_phase"] == "init"
    assert episode["leaderboard"]["submitted"] is False
    assert real.submissions() == []
    md = (run / "matrix.md").read_text()
    assert "Run `spring run`: 0 of 1 episodes submitted; REAL evaluated 0" in md
    written = "".join(p.read_text(errors="replace") for p in run.rglob("*") if p.is_file())
    assert REAL_KEY not in written
