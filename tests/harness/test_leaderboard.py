"""REAL's leaderboard through agisdk's own submission path, against the REAL double on
loopback: the run id agisdk asks REAL for, the payload agisdk POSTs for an episode (a real
agisdk task, a real `/finish` state from the local replica), what HALO records of it, and
an episode run through the one episode loop that is submitted when it ends."""

from __future__ import annotations

import html
import json
import logging
import os
import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from halo_cli.config.settings import Settings
from halo_cli.errors import UserError
from halo_cli.harness.leaderboard import point_submissions_at, request_run_id, submission
from halo_cli.harness.routing import start_local_sites
from tests.support.real_double import RealDouble

KEY = "real-key-never-logged-93ab"
AGISDK_TASKS = Path(__import__("agisdk").__file__).parent / "REAL/browsergym/webclones/v2/tasks"


@pytest.fixture
def real() -> Iterator[RealDouble]:
    with RealDouble() as double:
        yield double


@pytest.fixture
def submissions_restored(monkeypatch: pytest.MonkeyPatch) -> None:
    """agisdk's evaluation URL as it was after the test (HALO points it per process)."""
    from agisdk.REAL.browsergym.webclones import base

    monkeypatch.setattr(base, "RAILWAY_API_BASE", base.RAILWAY_API_BASE)


def test_the_run_id_comes_from_real_through_agisdk(real: RealDouble) -> None:
    assert request_run_id(KEY, "HALO hierarchy_mgr_gate (gpt-4o-mini + claude-opus-5-5)",
                          "my first run", real.url) == "run-1"
    [call] = real.run_keys()
    assert call.method == "GET" and call.query == {
        "api_key": KEY, "model_name": "HALO hierarchy_mgr_gate (gpt-4o-mini + claude-opus-5-5)",
        "run_name": "my first run"}
    assert "REAL_API_BASE" not in os.environ  # set for agisdk's call only


def test_no_run_id_is_one_line_and_the_key_stays_out_of_logs(
        real: RealDouble, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.ERROR, logger="agisdk.REAL.browsergym.webclones.base")
    real.run_key_status = 500
    with pytest.raises(UserError, match="REAL gave no run id for run 'r'") as refused:
        request_run_id(KEY, "HALO m", "r", real.url)
    assert KEY not in str(refused.value)
    # unreachable: agisdk logs the request's error, whose URL carries the key
    with pytest.raises(UserError):
        request_run_id(KEY, "HALO m", "r", "http://127.0.0.1:9")
    assert "Error getting run ID from API" in caplog.text
    assert "api_key=[REDACTED]" in caplog.text and KEY not in caplog.text


def _finish_state(task: str) -> dict:
    """The local replica's `/finish` state of a fresh session of `task` (over HTTP)."""
    server = start_local_sites(["gomail"])
    try:
        base = f"http://{server.host}:{server.port}/gomail"
        with httpx.Client() as http:
            http.get(f"{base}/config", params={"task_id": f"v2.{task}"}).raise_for_status()
            page = http.get(f"{base}/finish").text
    finally:
        server.stop()
    return json.loads(html.unescape(re.search(r"<pre[^>]*>(.*?)</pre>", page, re.S)[1]))


def test_the_submission_is_agisdks_payload(real: RealDouble, submissions_restored) -> None:
    from halo_cli.harness.hosted_task import HostedWebCloneTask

    real.reward = lambda payload: 0.0
    state = _finish_state("gomail-1")
    task = HostedWebCloneTask(0, "gomail-1", "v2", run_id="run-7")
    point_submissions_at(real.url)
    info = {"env_state": state, "local_reward": 1.0}
    task._submit_script_leaderboard(state, "Done.", info, 1.0)  # what validate() calls
    [payload] = real.submissions()
    shipped = json.loads((AGISDK_TASKS / "gomail-1.json").read_text())
    assert shipped["evals"] == [{"script": "eval_gomail_1.py"}] and shipped["points"] == 1
    assert payload == {
        "env_state": state, "model_response": "Done.", "run_id": "run-7", "task_id": "v2.gomail-1",
        "task_config": {"evals": [{"type": "script", "expected_value": "", "state_variable_path": "",
                                   "rubric": "", "query": "", "description": "", "possible": True,
                                   "script": "eval_gomail_1.py"}],
                        "points": 1, "eval_scripts": ["eval_gomail_1.py"]}}
    assert "initialfinaldiff" in payload["env_state"]
    assert submission(info) == {"submitted": True, "verified": True, "real_reward": 0.0,
                                "local_reward": 1.0, "mismatch": True}


def test_a_service_that_fails_is_recorded_as_not_submitted(real: RealDouble,
                                                           submissions_restored) -> None:
    from halo_cli.harness.hosted_task import HostedWebCloneTask

    real.evaluate_status = 503
    point_submissions_at(real.url)
    info = {"env_state": {}, "local_reward": 0.0}
    HostedWebCloneTask(0, "omnizon-3", "v2", run_id="run-1")._submit_script_leaderboard(
        {}, "Done.", info, 0.0)
    record = submission(info)
    assert (record["submitted"], record["verified"], record["real_reward"]) == (False, False, None)
    assert "did not answer" in record["note"]
    assert submission(None)["note"].startswith("not sent: the episode did not end")


def test_a_runid_left_in_the_environment_is_never_used(monkeypatch: pytest.MonkeyPatch) -> None:
    from halo_cli.harness.hosted_task import HostedWebCloneTask
    from halo_cli.harness.local_task import LocalWebCloneTask

    monkeypatch.setenv("RUNID", "someone-elses-run")
    assert HostedWebCloneTask(0, "gomail-1", "v2").run_id == "0"
    assert HostedWebCloneTask(0, "gomail-1", "v2", run_id="run-3").run_id == "run-3"
    assert LocalWebCloneTask(0, "gomail-1", "v2", base_url="http://127.0.0.1:9").run_id == "0"


@pytest.mark.browser
@pytest.mark.timeout(300)
def test_an_episode_is_submitted_when_it_ends(real: RealDouble, submissions_restored,
                                              browser_ready) -> None:
    """The one episode loop with a leaderboard entry, on the local replica (the hosted sites
    cannot be reached here): agisdk's validate() judges locally, submits, HALO records it."""
    from halo_cli.config.modes import MODES
    from halo_cli.harness.replay import ScriptedAgent
    from halo_cli.runner.episode import run_episode
    from halo_cli.runner.models import EpisodeSpec, Leaderboard
    from tests.support.reference_llm import reference

    real.reward = lambda payload: 0.0  # REAL disagrees: the episode says so
    solution = reference("gomail-1")
    spec = EpisodeSpec(task_id="v2.gomail-1", mode=MODES["baseline_worker"], run_id="lb",
                       sites="local", trajectory=False, leaderboard=Leaderboard(
                           run_name="n", model_name="HALO baseline_worker", real_run_id="run-9"))
    settings = Settings.model_construct(real_eval_url=real.url, chromium_path=None,
                                        data_dir=browser_ready, settle_quiet_ms=60,
                                        settle_cap_ms=1500)
    result = run_episode(spec, lambda s, obs, res: ScriptedAgent(solution), settings=settings)
    assert result.reward == 1.0 and result.error_type is None
    assert result.leaderboard == {"submitted": True, "verified": True, "real_reward": 0.0,
                                  "local_reward": 1.0, "mismatch": True}
    [payload] = real.submissions()
    assert (payload["run_id"], payload["task_id"]) == ("run-9", "v2.gomail-1")
    assert payload["task_config"]["eval_scripts"] == ["eval_gomail_1.py"]
    assert set(payload["env_state"]) >= {"initialfinaldiff", "differences"}
