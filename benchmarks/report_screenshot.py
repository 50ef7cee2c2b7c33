"""The README's pictures of `halo report`: a small real run, its report, two screenshots.

Runs `halo eval subset` on local sites (gomail-1, gomail-2, gomail-4, omnizon-3;
baseline_worker and hierarchy_vac; --debug keeps screenshots). The LLM is the double on
loopback (tests/llm_double.py): it answers gomail-1 and omnizon-3 with their reference
solutions, makes gomail-2 fail (scroll, then finish) and refuses gomail-4 (HTTP 400: an
agent error). hierarchy_vac replays HALO's packaged
action cache. Then headless Chromium (Playwright) photographs the run page and one
episode page from file://.

Run: .venv/bin/python benchmarks/report_screenshot.py [--out docs] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.support.llm_double import LLMDouble, Reply, status  # noqa: E402
from tests.support.reference_llm import ReferenceAnswerer, reference  # noqa: E402
from tests.support.run_helpers import FINISH, SCROLL, goal_of, request_text  # noqa: E402

TASKS = ["gomail-1", "gomail-2", "gomail-4", "omnizon-3"]
MODES = "baseline_worker,hierarchy_vac"


def answerer() -> Any:
    """The double's handler: reference answers for two tasks, a failing script for one."""
    solvers = {goal_of(t): ReferenceAnswerer(reference(t)) for t in ("gomail-1", "omnizon-3")}
    failing, refused, calls = goal_of("gomail-2"), goal_of("gomail-4"), []

    def handler(body: dict[str, Any]) -> Reply | str:
        text = request_text(body)
        if refused in text:
            return status(400)
        if failing in text:
            calls.append(1)
            return SCROLL if len(calls) % 2 else FINISH
        return next((s(body) for g, s in solvers.items() if g in text), FINISH)

    return handler


def run(root: Path) -> Path:
    with LLMDouble() as llm:
        llm.handler = answerer()
        env = {**os.environ, "OPENAI_BASE_URL": llm.url, "OPENAI_API_KEY": "sk-demo",
               "HALO_RESULTS_DIR": str(root / "results"), "HALO_DATA_DIR": str(root / "data"),
               "NO_COLOR": "1"}
        cmd = [sys.executable, "-m", "halo_cli", "eval", "subset", "--tasks", ",".join(TASKS),
               "--mode", MODES, "--max-steps", "12", "--debug", "--run-id", "demo"]
        subprocess.run(cmd, cwd=REPO, env=env, check=True)
    return root / "results" / "demo" / "report"


def photograph(report: Path, out: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    from halo_cli.harness.browser import activate

    activate(None, report.parent / "browsers")
    shots = [(report / "index.html", out / "report-run.png", 1500),
             (report / "episodes" / "v2.omnizon-3__baseline_worker__1.html#step-1",
              out / "report-episode.png", 1100)]
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch()
        page = browser.new_page(viewport={"width": 1300, "height": 900})
        for src, dest, height in shots:
            path, _, frag = str(src).partition("#")
            page.goto(Path(path).as_uri() + (f"#{frag}" if frag else ""))
            page.screenshot(path=str(dest), clip={"x": 0, "y": 0, "width": 1300, "height": height},
                            full_page=True)
        browser.close()
    return [d for _, d, _ in shots]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=REPO / "docs")
    ap.add_argument("--keep", type=Path, help="Run in this folder (kept) instead of a temp one.")
    args = ap.parse_args()
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        report = run(args.keep)
        paths = photograph(report, args.out)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            report = run(Path(tmp))
            paths = photograph(report, args.out)
    for p in paths:
        print(p)


if __name__ == "__main__":
    main()
