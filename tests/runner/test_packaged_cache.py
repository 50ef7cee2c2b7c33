"""The packaged cache (the local sites' reference solutions) is opt-in: without it a VAC-mode
run measures the agent (a Worker that only says "done" wins nothing); with it the run replays
the key and says so in matrix.md; export leaves its steps out unless asked."""

from __future__ import annotations

import json

import pytest

from tests.support.helpers import halo
from tests.support.llm_double import LLMDouble
from tests.support.run_helpers import env_for, finish_at_once, rows

pytestmark = [pytest.mark.browser, pytest.mark.timeout(900)]

TASKS = "gomail-1,omnizon-3"


def test_vac_modes_replay_the_answer_key_only_when_asked(tmp_path, browser_ready):
    with LLMDouble() as llm:
        llm.handler = finish_at_once  # a Worker (and Manager) that only says "done"
        env = env_for(llm, tmp_path)
        plain = halo("eval", "subset", "--tasks", TASKS, "--mode", "hierarchy_vac",
                     "--max-steps", "4", "--run-id", "own", env=env, timeout=600)
        keyed = halo("eval", "subset", "--tasks", TASKS, "--mode", "hierarchy_vac",
                     "--packaged-cache", "--run-id", "key", env=env, timeout=600)
    assert plain.returncode == 0, plain.stdout + plain.stderr
    assert keyed.returncode == 0, keyed.stdout + keyed.stderr
    own = tmp_path / "results" / "own"
    assert [r["success"] for r in rows(own / "matrix.csv")] == ["False", "False"]
    md = (own / "matrix.md").read_text()
    assert "Cache: **user**" in md and "packaged cache off" in md
    cache = json.loads((own / "run.json").read_text())["options"]["cache_state"]
    assert cache["packaged"] is False and cache["entries_at_start"] == 0

    key = tmp_path / "results" / "key"
    got = rows(key / "matrix.csv")
    assert [r["success"] for r in got] == ["True", "True"]
    assert all(r["llm_calls"] == "0" for r in got)
    md = (key / "matrix.md").read_text()
    assert "packaged cache ON: steps replayed from HALO's reference solutions" in md
    header = json.loads(open(got[0]["trajectory_path"]).readline())
    assert header["cache"] == {"cache": "user", "packaged": True}
    steps = [json.loads(line) for line in open(got[0]["trajectory_path"])][1:]
    assert {s["source"] for s in steps if s.get("type") == "step"} == {"cache-packaged"}

    # export: the key's steps are demonstrations, left out unless asked for
    left = halo("export", "sft", "--runs", "key", "--out", str(tmp_path / "sft-a"),
                "--allow-test-tasks", env=env)
    assert left.returncode == 2 and "0 examples" in left.stderr
    kept = halo("export", "sft", "--runs", "key", "--out", str(tmp_path / "sft-b"),
                "--include-packaged", "--text-only", "--allow-test-tasks", env=env, timeout=300)
    assert kept.returncode == 0, kept.stdout + kept.stderr
    card = (tmp_path / "sft-b" / "README.md").read_text()
    assert "steps replayed from the packaged cache" in card and "packaged cache ON" in card

    remote = halo("eval", "subset", "--tasks", TASKS, "--sites", "remote", "--packaged-cache",
                  "--dry-run", env=env)
    assert remote.returncode == 2 and "use it with --sites local" in remote.stderr
