"""The whole REAL v2 benchmark offline, as a user runs it: `halo eval matrix --sites local
--mode hierarchy_vac --workers 2 --packaged-cache` over every task, no key, no network. Every judgeable
task succeeds from the packaged action cache with 0 LLM calls; gocalendar-11 (its eval
script is empty) is reported as unjudgeable, not as a failure; no Chromium is left."""

from __future__ import annotations

import pytest

from halo_cli.harness.routing import local_task_ids
from halo_cli.tasks.audit import judgeable
from tests.support.helpers import halo
from tests.support.run_helpers import browsers_left, rows

pytestmark = [pytest.mark.browser, pytest.mark.timeout(3300)]


def test_every_local_task_replays_from_the_packaged_cache(tmp_path, browser_ready):
    env = {"HALO_RESULTS_DIR": str(tmp_path / "results"), "HALO_DATA_DIR": str(tmp_path / "data"),
           "OPENAI_API_KEY": "", "OPENAI_BASE_URL": ""}
    out = halo("eval", "matrix", "--sites", "local", "--mode", "hierarchy_vac", "--workers", "2",
               "--packaged-cache", "--run-id", "offline", env=env, timeout=3000)
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-3000:]
    run = tmp_path / "results" / "offline"
    got = {r["task_id"]: r for r in rows(run / "matrix.csv")}
    assert set(got) == local_task_ids()
    failed = {t: (r["reward"], r["error_type"]) for t, r in got.items()
              if judgeable(t) and r["success"] != "True"}
    assert not failed, failed
    assert all(r["llm_calls"] == "0" and int(r["cache_hits"]) == int(r["steps"])
               for r in got.values() if judgeable(r["task_id"]))
    md = (run / "matrix.md").read_text()
    # a fresh cache of the run's own (eval matrix's default), with the answer key layered under
    assert "Cache: **fresh**" in md and "packaged cache ON" in md
    row = next(line for line in md.splitlines() if line.startswith("| hierarchy_vac |"))
    assert row.strip(" |").split(" | ")[-1] == "100.0%"  # success over judgeable tasks
    if "v2.gocalendar-11" in got:
        assert "| v2.gocalendar-11 | unjudgeable |" in md
    assert browsers_left("offline") == []
