"""Capture every observation of every reference solution, with the action taken next.

Plays each judgeable v2 task's reference solution through the one episode loop, as
`halo sites verify` does (a `ScriptedAgent`, the real env, real Chromium, the local
sites), and writes one gzipped JSON line per observation to `<out>/<task>.jsonl.gz`:
the URL, goal, AXTree, DOM snapshot, the elements' boxes (`extra_element_properties`: bbox and
visibility), the viewport, the focused bid, the last action's error, the action the
reference takes next, and the `/finish` state the evaluator would read at that moment.

The capture does not depend on HALO's observation code, so `benchmarks/observation.py`
can measure main's summary and the branch's on the very same observations.

Run: .venv/bin/python benchmarks/observation_capture.py --out /tmp/obs-captures [--tasks a,b]
"""

from __future__ import annotations

import argparse
import gzip
import html
import json
import re
import tempfile
from pathlib import Path
from typing import Any

from halo_cli.task_id import TaskId


def _finish_state(obs: dict[str, Any]) -> dict | None:
    """The `/finish` JSON for this browser's session, read over the context's own HTTP
    client (its cookies; the page does not navigate)."""
    url = str(obs.get("url") or "")
    m = re.match(r"(https?://[^/]+/[^/?#]+)", url)
    browser = obs.get("browser")
    if not m or browser is None:
        return None
    for ctx in browser.contexts:
        if any(p.url == url for p in ctx.pages):
            resp = ctx.request.get(m.group(1) + "/finish")
            body = re.search(r"<pre>(.*)</pre>", resp.text(), re.S)
            return json.loads(html.unescape(body.group(1))) if body else None
    return None


def _record(obs: dict[str, Any]) -> dict[str, Any]:
    shot = obs.get("screenshot")
    extra = {
        bid: {"bbox": p.get("bbox"), "visibility": p.get("visibility")}
        for bid, p in (obs.get("extra_element_properties") or {}).items()
    }
    return {
        "url": str(obs.get("url") or ""),
        "goal": str(obs.get("goal") or ""),
        "axtree_object": obs.get("axtree_object"),
        # the DOM snapshot: what the guard reads to tell a form's submit (`obs.forms`)
        "dom_object": obs.get("dom_object"),
        "extra_element_properties": extra,
        "viewport": list(shot.shape[:2]) if shot is not None else None,
        "focused_element_bid": obs.get("focused_element_bid"),
        "last_action_error": obs.get("last_action_error") or "",
        "open_pages_urls": list(obs.get("open_pages_urls") or []),
        "finish": _finish_state(obs),
    }


def capture_task(solution: Any, base_url: str, out: Path) -> int:
    """Play `solution` and write its observations; returns the reward."""
    from halo_cli.harness.replay import ScriptedAgent
    from halo_cli.runner.episode import run_episode
    from halo_cli.runner.models import EpisodeSpec
    from halo_cli.runner.verify import REPLAY_MODE

    rows: list[dict[str, Any]] = []

    class Capturing(ScriptedAgent):
        def act(self, obs: dict[str, Any]) -> Any:
            row = _record(obs)
            decision = super().act(obs)
            row["action"] = decision.action
            rows.append(row)
            return decision

    spec = EpisodeSpec(task_id=str(TaskId.parse(solution.task)), mode=REPLAY_MODE,
                       run_id="capture", sites="local", sites_url=base_url, trajectory=False)
    result = run_episode(spec, lambda spec, obs, res: Capturing(solution))
    with gzip.open(out / f"{solution.task}.jsonl.gz", "wt", encoding="utf-8") as fh:
        for i, row in enumerate(rows):
            fh.write(json.dumps({"task": solution.task, "step": i, **row}) + "\n")
    return result.reward


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--tasks", help="comma list of local task names (default: all 120)")
    args = ap.parse_args()

    from halo_cli.harness.browser import activate
    from halo_cli.harness.envs import quiet_agisdk
    from halo_cli.harness.replay import plan_verification
    from halo_cli.sites.registry import all_sites
    from halo_cli.sites.server import start_server

    quiet_agisdk()
    args.out.mkdir(parents=True, exist_ok=True)
    wanted = set(args.tasks.split(",")) if args.tasks else None
    with tempfile.TemporaryDirectory() as tmp:
        activate(None, Path(tmp))
        sites = all_sites()
        server = start_server(sites)
        try:
            for ref in plan_verification(sites, wanted, with_negatives=False):
                reward = capture_task(ref, f"http://{server.host}:{server.port}", args.out)
                print(f"{ref.task:<14} reward {reward}", flush=True)
        finally:
            server.stop()


if __name__ == "__main__":
    main()
