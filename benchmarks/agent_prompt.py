"""Observation and prompt size (HALO vs agisdk's DemoAgent) and HALO's per-step overhead.

Plays each local task's reference solution in the real env. On every observation it
counts, with tiktoken (cl100k_base, bundled):
- the observation: HALO's AXTree summary as the Worker gets it, against DemoAgent's full
  flattened AXTree (`flatten_axtree_to_str`, what its `obs_preprocessor` sends);
- the whole Worker request: HALO's, against the one agisdk's `DemoAgent` builds itself
  (its `query_model` is replaced to capture instead of calling out). Both also attach
  the screenshot; images are left out of both counts.

It also times HALO's own work per step, excluding the env step and the LLM call:
`HaloAgent.act` (summary, page type, fingerprint, cache lookup, parsing, guard) with an
in-process zero-latency Worker, plus `observe_result` (verification).

Run: .venv/bin/python benchmarks/agent_prompt.py [--tasks gomail-1,omnizon-3]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from halo_cli.obs.tokens import DEFAULT_ENCODING, count_tokens
from halo_cli.task_id import TaskId


def _text_tokens(messages: list[dict]) -> int:
    total = 0
    for m in messages:
        content = m["content"]
        parts = [content] if isinstance(content, str) else [
            p["text"] for p in content if p.get("type") == "text"]
        total += sum(count_tokens(p) for p in parts)
    return total


def demo_agent():  # -> (DemoAgent, captured list)
    from agisdk.REAL.demo_agent.basic_agent import DemoAgent

    agent = DemoAgent(model_name="gpt-4o-mini", chat_mode=False, demo_mode="off",
                      use_html=False, use_axtree=True, use_screenshot=True,
                      openai_api_key="sk-benchmark-not-used")
    captured: list[int] = []

    def capture(system_msgs, user_msgs):  # type: ignore[no-untyped-def]
        msgs = [{"content": system_msgs}, {"content": user_msgs}]
        captured.append(_text_tokens(msgs))
        return "noop()"

    agent.query_model = capture
    return agent, captured


def measure_task(solution, base_url: str, vac_dir: Path) -> dict[str, list]:
    """Play `solution` through the HALO agent in the one episode loop, measuring each step:
    HALO's prompt and observation tokens, DemoAgent's, and HALO's own time per step."""
    from halo_cli.agent.orchestrator import HaloAgent
    from halo_cli.cache.vac import VerifiedActionCache
    from halo_cli.config.modes import MODES
    from halo_cli.harness.replay import ScriptedWorker
    from halo_cli.obs.summary import summarise
    from halo_cli.runner.episode import run_episode
    from halo_cli.runner.models import EpisodeSpec

    m: dict[str, list] = {"halo_obs": [], "demo_obs": [], "halo": [], "overhead": []}
    demo, demo_tokens = demo_agent()
    worker = ScriptedWorker(solution)

    class Measured(HaloAgent):
        def act(self, obs: dict) -> object:
            m["halo"].append(_text_tokens(self.preview_messages(obs)))
            m["halo_obs"].append(count_tokens(
                summarise(obs["axtree_object"], self.goal, self.summary_budget, obs=obs).text))
            pre = demo.obs_preprocessor(obs)
            m["demo_obs"].append(count_tokens(pre["axtree_txt"]))
            demo.get_action(pre)
            worker.obs = obs
            t0 = time.perf_counter()
            decision = super().act(obs)
            m["overhead"].append((time.perf_counter() - t0 - decision.usage.llm_latency_s) * 1000)
            return decision

        def observe_result(self, obs_after: dict, error: str | None = None) -> object:
            t0 = time.perf_counter()
            verdict = super().observe_result(obs_after, error)
            m["overhead"][-1] += (time.perf_counter() - t0) * 1000
            return verdict

    mode = MODES["hierarchy_vac_macros"].with_overrides(max_steps=60)
    spec = EpisodeSpec(task_id=str(TaskId.parse(solution.task)), mode=mode, run_id="bench", sites="local",
                       sites_url=base_url, trajectory=False)
    with VerifiedActionCache(vac_dir / f"{solution.task}.sqlite") as vac:
        run_episode(spec, lambda spec, obs, res: Measured(
            spec.mode, worker, None, vac, site=TaskId.parse(spec.task_id).site,
            goal=str(obs["goal"]), start_url=str(obs["url"])))
    return {**m, "demo": demo_tokens}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--tasks", help="comma list of local task names (default: all)")
    args = ap.parse_args()

    from halo_cli.harness.browser import activate
    from halo_cli.harness.envs import quiet_agisdk
    from halo_cli.harness.replay import site_solutions
    from halo_cli.sites.registry import all_sites
    from halo_cli.sites.server import start_server

    quiet_agisdk()
    wanted = set(args.tasks.split(",")) if args.tasks else None
    with tempfile.TemporaryDirectory() as tmp:
        activate(None, Path(tmp))
        sites = all_sites()
        server = start_server(sites)
        all_: dict[str, list] = {}
        try:
            for site in sites:
                for ref in site_solutions(site)[0]:
                    if wanted and ref.task not in wanted:
                        continue
                    m = measure_task(ref, f"http://{server.host}:{server.port}", Path(tmp))
                    for k, v in m.items():
                        all_.setdefault(k, []).extend(v)
                    med = {k: statistics.median(v) for k, v in m.items()}
                    print(f"{ref.task:<11} steps {len(m['halo']):2d}  observation HALO "
                          f"{med['halo_obs']:5.0f} / DemoAgent {med['demo_obs']:6.0f} tok   "
                          f"prompt HALO {med['halo']:5.0f} / DemoAgent {med['demo']:6.0f} tok   "
                          f"overhead p50 {med['overhead']:5.1f} ms", flush=True)
        finally:
            server.stop()
    _report(all_)


def _ratio_line(label: str, halo: list[int], demo: list[int]) -> str:
    ratio = [h / d for h, d in zip(halo, demo, strict=True)]
    return (f"{label}: HALO median {statistics.median(halo):.0f}, DemoAgent median "
            f"{statistics.median(demo):.0f}; HALO/DemoAgent per observation: median "
            f"{statistics.median(ratio):.3f}, p90 {sorted(ratio)[int(len(ratio) * 0.9)]:.3f}")


def _report(m: dict[str, list]) -> None:
    over = sorted(m["overhead"])
    print(f"\n{len(over)} observations, tokens counted with {DEFAULT_ENCODING} (text only)")
    print(_ratio_line("observation tokens", m["halo_obs"], m["demo_obs"]))
    print(_ratio_line("whole Worker request tokens", m["halo"], m["demo"]))
    print(f"HALO overhead per step (no env step, no LLM): p50 {statistics.median(over):.1f} ms, "
          f"p95 {over[int(len(over) * 0.95) - 1]:.1f} ms, max {over[-1]:.1f} ms")

if __name__ == "__main__":
    main()
