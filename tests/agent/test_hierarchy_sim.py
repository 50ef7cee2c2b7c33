"""The hierarchy against the simulated policy: real agisdk env and Chromium on the local
GoMail replica, HALO's real client over loopback, the real eval script."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from halo_cli.config.modes import MODES, Mode
from halo_cli.config.settings import Settings
from halo_cli.runner.episode import run_episode
from halo_cli.runner.models import EpisodeResult, EpisodeSpec
from halo_cli.trajectory.reader import read_trajectory
from tests.support.llm_double import LLMDouble
from tests.support.policy_sim import PREMATURE, PolicySim, SimConfig
from tests.support.sim_episode import sim_agent, sim_settings

pytestmark = [pytest.mark.browser, pytest.mark.timeout(600)]
TASK = "gomail-16"  # open "Create new label", name it, Create: 3 steps and the message


@pytest.fixture(scope="module")
def sites_url() -> Iterator[str]:
    from halo_cli.harness.routing import start_local_sites

    server = start_local_sites(["gomail"])
    yield f"http://{server.host}:{server.port}"
    server.stop()


def _run(mode: Mode, config: SimConfig, sites_url: str, data: Path,
         max_steps: int = 12) -> tuple[EpisodeResult, list[dict], PolicySim]:
    sim = PolicySim(config)
    with LLMDouble() as llm:
        llm.handler = sim
        settings = sim_settings(Settings(_env_file=None, HALO_DATA_DIR=str(data)), llm.url)
        spec = EpisodeSpec(task_id=f"v2.{TASK}", mode=mode.with_overrides(max_steps=max_steps),
                           run_id="sim", sites="local", sites_url=sites_url, data_dir=data,
                           use_packaged_cache=False)
        result = run_episode(spec, sim_agent(settings, sim), settings=settings)
    assert result.error_type is None, result.error_message
    steps = [r for r in read_trajectory(result.trajectory_path) if r["type"] == "step"]
    return result, steps, sim


def test_a_perfect_policy_solves_the_task_and_the_manager_confirms_the_end(
        browser_ready: Path, sites_url: str, tmp_path: Path) -> None:
    result, steps, _ = _run(MODES["hierarchy_mgr_gate"], SimConfig(), sites_url, tmp_path)
    # submitting the new-label form (a POST, whatever the button is called) is reviewed
    assert result.reward == 1.0 and result.manager_calls == 2
    assert [s["trigger"] for s in steps] == [None, None, "high_stakes", "finish"]
    assert steps[-1]["source"] == "manager" and steps[-1]["action"] == "send_msg_to_user('Done.')"


def test_premature_finish_fails_alone_and_is_caught_by_the_finish_trigger(
        browser_ready: Path, sites_url: str, tmp_path: Path) -> None:
    always_done = SimConfig(e=1.0, d=0.0, kinds=("premature_finish",))
    alone, alone_steps, _ = _run(MODES["baseline_worker"], always_done, sites_url, tmp_path)
    assert alone.reward == 0.0 and [s["action"] for s in alone_steps] == [PREMATURE]

    # without the finish trigger the gated modes end the same way: test_agent_orchestrator's
    # test_finish_trigger_off_lets_the_worker_end, and benchmarks/hierarchy.py's cells
    gated, steps, sim = _run(MODES["hierarchy_mgr_gate"], always_done, sites_url, tmp_path)
    assert gated.reward == 1.0
    assert all(s["trigger"] == "finish" and s["source"] == "manager" for s in steps)
    assert gated.manager_calls == gated.steps == 4
    assert sim.kinds[("worker", "premature_finish")] == 4 and sim.kinds[("manager", "correct")] == 4


def test_a_repeating_worker_loops_alone_and_the_manager_breaks_the_loop(
        browser_ready: Path, sites_url: str, tmp_path: Path) -> None:
    repeater = SimConfig(e=1.0, d=0.0, kinds=("repeat",))  # step 1: nothing to repeat yet
    alone, alone_steps, _ = _run(MODES["baseline_worker"], repeater, sites_url, tmp_path, 6)
    assert alone.reward == 0.0 and alone.steps == 6  # twice the loop detector's 3 repeats
    assert len({s["action"] for s in alone_steps}) == 1  # the first action, over and over

    # to the task's last action; its final message (and reward 1) would be step 12
    gated, steps, _ = _run(MODES["hierarchy_mgr_gate"], repeater, sites_url, tmp_path, 9)
    broken = [s for s in steps if s["trigger"]]
    assert [(s["index"], s["triggers"], s["source"]) for s in broken] == [
        (4, ["loop"], "manager"), (8, ["loop"], "manager")]  # after 3 repeats on one page
    for s in broken:  # each time the Manager's action is a new one, and it progressed
        assert s["action"] != steps[s["index"] - 1]["action"] and s["verdict"] == "progressed"
    assert len({s["action"] for s in steps}) == 3  # the Worker repeats each new action
