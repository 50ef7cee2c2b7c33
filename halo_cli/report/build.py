"""Write a run's report folder: index.html, episodes/, tasks/, assets/, shots/.

The folder is built beside its target and swapped in whole: running the report again
rebuilds it (never appends), and a reader never sees half a report. Screenshots are
hard-linked (copied across file systems) into `shots/`, so the folder stands alone.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Sequence
from pathlib import Path

from halo_cli.errors import UserError
from halo_cli.redact import Scrubber
from halo_cli.report.compare_page import render_compare
from halo_cli.report.data import RunData, load_run
from halo_cli.report.episode_page import Shots, render_episode
from halo_cli.report.html import CSS
from halo_cli.report.run_page import render_run
from halo_cli.report.task_page import render_task
from halo_cli.runner.recorded import Episode, slug

MARKER = ".halo-report"


def _place(src: Path, dest: Path) -> None:
    if dest.exists():
        return
    dest.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(src, dest)
    except OSError:
        shutil.copy2(src, dest)


def collect_shots(episodes: Sequence[Episode], root: Path) -> Shots:
    """Put every kept screenshot under `root/shots/<episode>/`; map each step to it."""
    shots: Shots = {}
    for ep in episodes:
        for pos, step in enumerate(ep.steps):
            src = ep.screenshot_path(step)
            if src is None:
                continue
            if not src.is_file():
                shots[(ep.id, pos)] = None
                continue
            rel = f"shots/{ep.id}/{src.name}"
            _place(src, root / rel)
            shots[(ep.id, pos)] = rel
    return shots


def _check_target(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise UserError(f"{out} is a file: pass a folder as --out")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).exists():
        raise UserError(f"{out} is not empty and holds no HALO report: choose another --out")


def write_report(run: RunData, out: Path, secrets: Sequence[str] = ()) -> Path:
    """Build the report of `run` in `out` (replacing an earlier report there); returns
    the path of its index.html."""
    out = Path(out).absolute()
    _check_target(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.building-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        _build(run, tmp, Scrubber(secrets))
        if out.exists():
            old = out.with_name(f".{out.name}.old-{os.getpid()}")
            out.rename(old)
            tmp.rename(out)
            shutil.rmtree(old, ignore_errors=True)
        else:
            tmp.rename(out)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out / "index.html"


def _build(run: RunData, root: Path, scrub: Scrubber) -> None:
    for sub in ("assets", "episodes", "tasks"):
        (root / sub).mkdir(parents=True)
    (root / MARKER).write_text(f"HALO report of run {run.run_id}\n")
    (root / "assets" / "report.css").write_text(CSS, encoding="utf-8")

    def write(rel: str, html: str) -> None:
        (root / rel).write_text(scrub.text(html), encoding="utf-8")

    shots = collect_shots(run.episodes, root)
    by_task: dict[str, list[Episode]] = {}
    for ep in run.episodes:
        by_task.setdefault(ep.task, []).append(ep)
    for task, eps in by_task.items():
        eps.sort(key=lambda e: (run.modes.index(e.mode) if e.mode in run.modes else 99,
                                e.attempt))
        write(f"tasks/{slug(task)}.html", render_task(run, task, eps, shots))
        for ep in eps:
            write(f"episodes/{ep.id}.html", render_episode(run, ep, shots, eps))
    write("index.html", render_run(run))


def compare_runs(results_dir: Path, run_a: str, run_b: str, out: Path | None = None,
                 secrets: Sequence[str] = ()) -> Path:
    """Write `compare-<a>-vs-<b>.html` (default in `<results_dir>/<run_b>/`): the same tasks
    of two runs side by side, the flips and the paired difference. Returns its path."""
    a, b = load_run(Path(results_dir), run_a), load_run(Path(results_dir), run_b)
    folder = Path(out or Path(results_dir) / run_b).absolute()
    if folder.exists() and not folder.is_dir():
        raise UserError(f"{folder} is a file: pass a folder as --out")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "assets").mkdir(exist_ok=True)
    (folder / "assets" / "report.css").write_text(CSS, encoding="utf-8")
    path = folder / f"compare-{slug(run_a)}-vs-{slug(run_b)}.html"
    path.write_text(Scrubber(secrets).text(render_compare(a, b)), encoding="utf-8")
    return path


def report_run(results_dir: Path, run_id: str, out: Path | None = None,
               secrets: Sequence[str] = ()) -> Path:
    """Load run `run_id` and write its report (default `<results_dir>/<run_id>/report`);
    UserError for an unknown or empty run. Returns the path of index.html."""
    run = load_run(Path(results_dir), run_id)
    return write_report(run, out or Path(results_dir) / run_id / "report", secrets)
