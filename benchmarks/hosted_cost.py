"""What a task costs at list prices with each provider in each role.

Runs `halo eval subset --mode hierarchy_mgr_gate` on local tasks (real CLI, env, Chromium,
eval scripts) with the Worker on the OpenAI-compatible double and the Manager on the
Anthropic Messages API double, both answering the task's reference solution (a perfect
Worker: the Manager is called only by the high-stakes and finish triggers, so this is the
gate's floor). From the trajectories it measures, per episode: steps, Worker and Manager
calls and each request's text tokens (tiktoken cl100k: a proxy for every provider's
tokenizer). Images are counted as each provider bills a 1280x720 screenshot; replies,
which a double cannot measure, are an assumption (`--worker-out`, `--manager-out`).
Prints a markdown table of cost per task for several role pairs.

    PYTHONPATH=. python benchmarks/hosted_cost.py [--tasks gomail-1,omnizon-3,...]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from halo_cli.obs.tokens import counter  # noqa: E402
from halo_cli.policy.pricing import cost_usd  # noqa: E402
from halo_cli.trajectory.reader import load_trajectory  # noqa: E402
from tests.support.anthropic_double import AnthropicDouble  # noqa: E402
from tests.support.helpers import halo  # noqa: E402
from tests.support.llm_double import LLMDouble, Reply  # noqa: E402
from tests.support.reference_llm import ReferenceAnswerer, reference  # noqa: E402

DEFAULT_TASKS = "gomail-1,omnizon-3,dashdish-7,opendining-7,udriver-2,topwork-2"
#: a 1280x720 screenshot as each bills it: OpenAI high detail is 6 tiles (gpt-4o-mini
#: 2833 + 5667 per tile, gpt-4o / gpt-4.1 85 + 170 per tile); Claude w x h / 750
IMAGE_TOKENS = {"gpt-4o-mini": 2833 + 5667 * 6, "gpt-4o": 85 + 170 * 6, "gpt-4.1": 85 + 170 * 6,
                "claude": round(1280 * 720 / 750)}
PAIRS = [("gpt-4o-mini", "gpt-4o"), ("gpt-4o-mini", "claude-opus-5-5"),
         ("gpt-4o-mini", "claude-fable-5-2"), ("gpt-4.1", "claude-fable-5-2"),
         ("claude-haiku-4-5", "claude-opus-5-5"), ("claude-haiku-5-5", "claude-sonnet-5-5")]


def image_tokens(model: str) -> int:
    return IMAGE_TOKENS["claude"] if model.startswith("claude") else IMAGE_TOKENS[model]


def measure(tasks: list[str], root: Path) -> list[dict]:
    """Per episode: steps and each call's (role, text tokens, images)."""
    count = counter()
    episodes = []
    for task in tasks:
        answer = ReferenceAnswerer(reference(task))
        with LLMDouble() as gpt, AnthropicDouble() as claude:
            gpt.handler = lambda body, a=answer: Reply(text=a(body))
            claude.handler = lambda body, a=answer: Reply(text=a(body))
            env = {"OPENAI_BASE_URL": gpt.url, "OPENAI_API_KEY": "sk-bench",
                   "HALO_MANAGER_BACKEND": "anthropic", "ANTHROPIC_API_KEY": "sk-ant-bench",
                   "ANTHROPIC_BASE_URL": claude.base, "HALO_RESULTS_DIR": str(root / "results"),
                   "HALO_DATA_DIR": str(root / "data"), "HALO_ENV_FILE": ""}
            out = halo("eval", "subset", "--tasks", task, "--mode", "hierarchy_mgr_gate",
                       "--sites", "local", "--run-id", f"cost-{task}", env=env, timeout=600)
        if out.returncode != 0:
            raise SystemExit(out.stdout + out.stderr)
        line = (root / "results" / f"cost-{task}" / "episodes.jsonl").read_text().splitlines()[0]
        result = json.loads(line)
        traj = load_trajectory(Path(result["trajectory_path"]))
        calls = []
        for step in traj.steps:
            for i, call in enumerate(step.get("calls") or []):
                messages = traj.request(step, i, images="refs")
                text = "\n".join(
                    m["content"] if isinstance(m["content"], str) else
                    "\n".join(p.get("text", "") for p in m["content"] if p.get("type") == "text")
                    for m in messages)
                images = sum(1 for m in messages if isinstance(m["content"], list)
                             for p in m["content"] if p.get("type") == "image_url")
                calls.append((call["role"], count(text), images))
        episodes.append({"task": task, "reward": result["reward"], "steps": result["steps"],
                         "calls": calls})
    return episodes


def price(episodes: list[dict], worker: str, manager: str, worker_out: int,
          manager_out: int) -> float:
    """Mean cost per task of `episodes` had `worker` and `manager` answered them."""
    costs = []
    for ep in episodes:
        total = 0.0
        for role, text, images in ep["calls"]:
            model, out = (worker, worker_out) if role == "worker" else (manager, manager_out)
            total += cost_usd(model, text + images * image_tokens(model), out)
        costs.append(total)
    return statistics.mean(costs)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tasks", default=DEFAULT_TASKS)
    ap.add_argument("--worker-out", type=int, default=150, help="assumed reply tokens per Worker call")
    ap.add_argument("--manager-out", type=int, default=400,
                    help="assumed reply tokens per Manager call (thinking included)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="halo-cost-") as tmp:
        episodes = measure(args.tasks.split(","), Path(tmp))
    worker = [t for e in episodes for r, t, _ in e["calls"] if r == "worker"]
    manager = [t for e in episodes for r, t, _ in e["calls"] if r == "manager"]
    n = len(episodes)
    print(f"{n} episodes, success {sum(e['reward'] >= 1 for e in episodes)}/{n}; per episode: "
          f"{statistics.mean(e['steps'] for e in episodes):.2f} steps, "
          f"{len(worker) / n:.2f} Worker calls (text tokens median {statistics.median(worker):.0f}), "
          f"{len(manager) / n:.2f} Manager calls (text tokens median "
          f"{statistics.median(manager):.0f}); one screenshot per call")
    print(f"\nassumed replies: Worker {args.worker_out}, Manager {args.manager_out} tokens\n")
    print("| Worker | Manager | cost per task |\n|---|---|---|")
    for w, m in PAIRS:
        print(f"| {w} | {m} | ${price(episodes, w, m, args.worker_out, args.manager_out):.4f} |")


if __name__ == "__main__":
    main()
