"""Where an episode's time goes: one process, a warm browser, the real env and agent.

Runs `--episodes` 3-step episodes (the throughput double: scroll, scroll, finish) through
`run_halo_episode`, exactly as an episode worker does, and times each part by wrapping
the functions that do it: the env's reset (context, `/config`, navigations, first
observation), each step (the agent's decision, the action, settle, the task's
validation, the observation: marking, DOM snapshot, AXTree, screenshot), the end
(`/finish`, the judge, closing) and the records. Times are inclusive; `(rest)` is the
part of a span none of its children account for. Printed as a tree of mean ms per
episode, beside the count of calls per episode.

Then the floor: the same parts done with bare Playwright and CDP calls on the same warm
browser and pages (a context and page, the `/config` and site navigations, three DOM +
AXTree + screenshot observations, two scrolls, the `/finish` read, closing).

Run: .venv/bin/python benchmarks/episode_profile.py [--tasks gomail-1,...] [--episodes 12]
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import os
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.throughput import counting_script  # noqa: E402
from tests.support.llm_double import LLMDouble  # noqa: E402

DEFAULT_TASKS = "gomail-1,gomail-2,omnizon-3,omnizon-9"


class Profile:
    """Inclusive time and call count per span path (`episode/step/obs/axtree`)."""

    def __init__(self) -> None:
        self.stack: list[str] = []
        self.ms: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)

    @contextlib.contextmanager
    def span(self, name: str) -> Iterator[None]:
        self.stack.append(name)
        path = "/".join(self.stack)
        t0 = time.perf_counter()
        try:
            yield
        finally:
            self.ms[path] += (time.perf_counter() - t0) * 1000
            self.calls[path] += 1
            self.stack.pop()

    def wrap(self, owner: Any, attr: str, name: str) -> None:
        """Time every call of `owner.attr` as span `name` (for the rest of the process)."""
        original = getattr(owner, attr)
        profile = self

        @functools.wraps(original)
        def timed(*args: Any, **kwargs: Any) -> Any:
            with profile.span(name):
                return original(*args, **kwargs)

        setattr(owner, attr, timed)

    def table(self, episodes: int) -> list[tuple[str, float, float]]:
        """(indented name, mean ms per episode, calls per episode), children under parents."""
        rows: list[tuple[str, float, float]] = []

        def walk(path: str, depth: int) -> None:
            kids = sorted((p for p in self.ms if p.rsplit("/", 1)[0] == path and p.count("/") == depth),
                          key=lambda p: -self.ms[p])
            for kid in kids:
                rows.append(("  " * (depth - 1) + kid.rsplit("/", 1)[-1],
                             self.ms[kid] / episodes, self.calls[kid] / episodes))
                before = len(rows)
                walk(kid, depth + 1)
                if len(rows) > before:
                    rest = self.ms[kid] - sum(self.ms[k] for k in self.ms
                                              if k.rsplit("/", 1)[0] == kid and k.count("/") == depth + 1)
                    rows.append(("  " * depth + "(rest)", rest / episodes, 0.0))

        walk("episode", 1)
        return rows


def instrument(profile: Profile) -> None:
    """Wrap the parts of an episode (agisdk's env and task, Playwright, HALO's agent)."""
    from agisdk.REAL.browsergym.core import env as env_mod
    from agisdk.REAL.browsergym.webclones.evaluate import WebCloneEvaluator
    from playwright.sync_api._generated import BrowserContext, Page

    from halo_cli.agent.orchestrator import HaloAgent
    from halo_cli.harness import fast_env
    from halo_cli.harness.local_task import LocalWebCloneTask
    from halo_cli.obs import summary
    from halo_cli.policy import llm, step
    from halo_cli.trajectory.writer import TrajectoryWriter

    w = profile.wrap
    w(fast_env.FastBrowserEnv, "reset", "reset")
    w(fast_env.FastBrowserEnv, "step", "step")
    w(fast_env.FastBrowserEnv, "close", "close")
    w(fast_env._Shared, "new_context", "new_context")
    w(BrowserContext, "expose_binding", "expose_binding")
    w(BrowserContext, "add_init_script", "add_init_script")
    w(BrowserContext, "new_page", "new_page")
    w(BrowserContext, "cookies", "cookies")
    w(Page, "goto", "goto")
    w(LocalWebCloneTask, "setup", "task_setup")
    w(LocalWebCloneTask, "get_finish_json", "read_finish")
    w(WebCloneEvaluator, "evaluate", "judge")
    w(env_mod.BrowserEnv, "_wait_dom_loaded", "wait_dom_loaded")
    w(env_mod.BrowserEnv, "_task_validate", "validate")
    w(env_mod.BrowserEnv, "_get_obs", "obs")
    for name, label in (("_pre_extract", "mark"), ("_post_extract", "unmark"),
                        ("extract_dom_snapshot", "dom_snapshot"),
                        ("extract_merged_axtree", "axtree"),
                        ("extract_focused_element_bid", "focused_bid"),
                        ("extract_dom_extra_properties", "extra_properties"),
                        ("extract_screenshot", "screenshot"),
                        ("execute_python_code", "action")):
        w(env_mod, name, label)
    w(fast_env, "extract_screenshot", "screenshot")  # what FastBrowserEnv's obs calls
    w(fast_env._SettleClock, "sleep", "settle")
    w(HaloAgent, "act", "agent_act")
    w(HaloAgent, "observe_result", "agent_observe")
    from halo_cli.agent import orchestrator
    from halo_cli.obs import messages, pages

    w(orchestrator, "summarise", "summarise")
    for module in (summary, pages, messages):
        w(module, "build", "axtree_walk")
    w(step, "screenshot_data_url", "jpeg")
    w(llm.LLMClient, "complete", "llm_call")
    w(TrajectoryWriter, "step", "record_step")
    w(TrajectoryWriter, "final", "record_final")


def floor(base_url: str, tasks: list[str], rounds: int) -> dict[str, float]:
    """The physical floor, in ms: each part of an episode done with bare Playwright and CDP
    calls on the same warm Chromium and the same pages (no agisdk, no agent)."""
    from halo_cli.harness.warm import HEADLESS_LAUNCH, WARM, playwright
    from halo_cli.task_id import TaskId

    browser = WARM.get(playwright(), **HEADLESS_LAUNCH)
    parts: dict[str, list[float]] = defaultdict(list)

    @contextlib.contextmanager
    def timed(name: str) -> Iterator[None]:
        t0 = time.perf_counter()
        yield
        parts[name].append((time.perf_counter() - t0) * 1000)

    for i in range(rounds):
        tid = TaskId.parse(tasks[i % len(tasks)])
        site = f"{base_url}/{tid.site}"
        with timed("new context + page"):
            context = browser.new_context(viewport={"width": 1280, "height": 720})
            page = context.new_page()
        with timed("navigation"):
            page.goto(f"{site}/config?task_id={tid}")
        with timed("navigation"):
            page.goto(site)
        cdp = context.new_cdp_session(page)
        for step in range(3):  # an observation for each decision, a scroll after two
            with timed("DOM snapshot + AXTree"):
                cdp.send("DOMSnapshot.captureSnapshot", {"computedStyles": []})
                cdp.send("Accessibility.getFullAXTree", {})
            with timed("screenshot"):
                cdp.send("Page.captureScreenshot", {"format": "png"})
            if step < 2:
                with timed("action (scroll)"):
                    page.mouse.wheel(0, 200)
        with timed("/finish read"):
            context.request.get(f"{site}/finish").text()
        with timed("close"):
            context.close()
    return {k: sum(v) / rounds for k, v in parts.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tasks", default=DEFAULT_TASKS)
    ap.add_argument("--episodes", type=int, default=12, help="episodes timed (after one warm-up)")
    ap.add_argument("--steps", type=int, default=3)
    args = ap.parse_args()

    from halo_cli.config.modes import MODES
    from halo_cli.config.settings import load_settings
    from halo_cli.runner import agents
    from halo_cli.runner.models import EpisodeSpec
    from halo_cli.sites.registry import all_sites
    from halo_cli.sites.server import start_server
    from halo_cli.task_id import TaskId

    tasks = [str(TaskId.parse(t)) for t in args.tasks.split(",")]
    profile = Profile()
    with LLMDouble() as llm_double, tempfile.TemporaryDirectory(prefix="halo-prof-") as tmp:
        llm_double.handler = counting_script(args.steps)
        os.environ.update(OPENAI_BASE_URL=llm_double.url, OPENAI_API_KEY="sk-bench",
                          HALO_DATA_DIR=str(Path(tmp) / "data"))
        settings = load_settings(env_file=os.devnull)
        server = start_server(all_sites())
        mode = MODES["baseline_worker"].with_overrides(max_steps=args.steps + 2)

        def episode(i: int) -> Any:
            spec = EpisodeSpec(task_id=tasks[i % len(tasks)], mode=mode, run_id="prof", attempt=i + 1,
                               sites="local", sites_url=f"http://{server.host}:{server.port}",
                               data_dir=Path(tmp) / "data")
            return agents.run_halo_episode(spec, settings)

        first = time.perf_counter()
        warm = episode(0)  # launches the warm browser: not in the table
        first = time.perf_counter() - first
        instrument(profile)
        walls, steps, rewards = [], [], []
        for i in range(args.episodes):
            t0 = time.perf_counter()
            with profile.span("episode"):
                r = episode(i + 1)
            walls.append(time.perf_counter() - t0)
            steps.append(r.steps)
            rewards.append(r.reward)
            if r.error_type:
                raise SystemExit(f"episode failed: {r.error_type}: {r.error_message}")
        ground = floor(f"http://{server.host}:{server.port}", tasks, args.episodes)
        server.stop()
    print(f"{args.episodes} episodes of {', '.join(tasks)} in turn, {sum(steps) / len(steps):.1f} "
          f"steps each, warm browser (first episode, with its launch: {first:.2f} s, "
          f"{warm.steps} steps), zero-latency LLM double, {os.cpu_count()} CPUs, "
          f"load {os.getloadavg()[0]:.1f}")
    print(f"{'part':<34}{'ms/episode':>12}{'calls':>8}")
    for name, ms, calls in profile.table(args.episodes):
        print(f"{name:<34}{ms:12.1f}{calls:8.1f}" if calls else f"{name:<34}{ms:12.1f}")
    print(f"mean episode {sum(walls) / len(walls) * 1000:.0f} ms, median "
          f"{sorted(walls)[len(walls) // 2] * 1000:.0f} ms")
    print("\nthe floor: the same work with bare Playwright/CDP calls, same browser and pages "
          "(2 navigations, 3 observations, 2 scrolls per episode)")
    for name, ms in ground.items():
        print(f"{name:<34}{ms:12.1f}")
    print(f"{'floor per episode':<34}{sum(ground.values()):12.1f}")


if __name__ == "__main__":
    main()
