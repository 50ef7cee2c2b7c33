"""`halo debug TASK`: one task, step by step, in a live table, in a visible browser when
there is a display."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Annotated

import typer

from halo_cli.cli.common import (
    FreshBrowserOpt,
    PackagedCacheOpt,
    Sites,
    SitesOpt,
    TaskRegistryOpt,
    TaskSetOpt,
    TrueFalse,
    console,
    err_console,
    settings,
)
from halo_cli.errors import UserError

if TYPE_CHECKING:
    from halo_cli.config.settings import Settings
    from halo_cli.runner.models import EpisodeResult, EpisodeSpec

NO_DISPLAY = "no display for a visible browser: run under xvfb-run or use --headless true"


def has_display() -> bool:
    """An X or Wayland display to show a browser on ($DISPLAY / $WAYLAND_DISPLAY)."""
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def choose_headless(asked: TrueFalse | None) -> bool:
    """Visible when a display is available (one line says so when there is none); an
    explicit `--headless false` without a display is a UserError."""
    if asked is not None:
        if not asked and not has_display():
            raise UserError(NO_DISPLAY)
        return bool(asked)
    if has_display():
        return False
    console.print("note: no display, so the browser runs headless (run under xvfb-run to "
                  "watch it)", highlight=False)
    return True


def _no_x_server(message: str | None) -> bool:
    """Chromium could not open its window (a $DISPLAY that is set but unusable)."""
    text = message or ""
    return "XServer" in text or "Missing X server" in text or "cannot open display" in text


def debug(
    task: Annotated[str, typer.Argument(help="Task id, e.g. v2.gomail-1 (a bare id means v2), or "
                     "train.<site>.<template>.<n> with --task-set.")],
    mode: Annotated[str, typer.Option("--mode", "-m", help="Agent mode.")] = "hierarchy_vac_macros",
    headless: Annotated[TrueFalse | None, typer.Option(
        "--headless", help="Run Chromium headless (true|false; default: a visible browser "
        "when a display is available, else headless).")] = None,
    max_steps: Annotated[
        int | None, typer.Option("--max-steps", min=1, help="Step budget (default: the mode's, 70).")
    ] = None,
    speed: Annotated[
        bool, typer.Option("--speed", help="The runbook's speed mode: a 25-step budget.")
    ] = False,
    fresh_browser: FreshBrowserOpt = False,
    sites: SitesOpt = Sites.local,
    sites_url: Annotated[
        str | None, typer.Option("--sites-url", help="Root of a running `halo sites serve`.")
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Open the site, show what would be sent; no LLM call.")
    ] = False,
    run_id: Annotated[str | None, typer.Option("--run-id", help="Run id (default: a new one).")] = None,
    screenshots: Annotated[
        bool, typer.Option("--screenshots", help="Keep a PNG per step beside the trajectory.")
    ] = False,
    llm_timeout: Annotated[
        float, typer.Option("--llm-timeout", min=0.1, help="Seconds per LLM request (retried).")
    ] = 60.0,
    packaged_cache: PackagedCacheOpt = False,
    task_registry: TaskRegistryOpt = None,
    task_set: TaskSetOpt = None,
    report: Annotated[
        bool, typer.Option("--report", help="Keep screenshots, record the episode as a run in "
                           "the results dir and write its report (`halo report RUN_ID`).")
    ] = False,
) -> None:
    """Run one task with the HALO agent, showing each step as it happens."""
    from halo_cli.cli.debug_table import DebugView, print_dry_run, print_summary
    from halo_cli.config.modes import get_mode
    from halo_cli.runner.models import EpisodeSpec, sites_label
    from halo_cli.runner.plan import check_run_id, new_run_id, open_tasks

    info = open_tasks(task_set, sites.value, task_registry).get(task)
    run_headless = choose_headless(headless)
    if speed and max_steps:
        raise UserError("--speed sets a 25-step budget: pass it or --max-steps, not both")
    if packaged_cache and sites is not Sites.local:
        raise UserError("--packaged-cache replays the local sites' reference solutions: "
                        "use it with --sites local")
    chosen = get_mode(mode)
    chosen = chosen.speed() if speed else chosen.with_overrides(max_steps=max_steps)
    cfg = settings()
    from halo_cli.runner.plan import check_local_worker

    check_local_worker(chosen, cfg)
    if sites is Sites.local:
        from halo_cli.runner.plan import check_local_sites

        check_local_sites([info.id], "local")
    spec = EpisodeSpec(task_id=info.id, mode=chosen, run_id=check_run_id(run_id or new_run_id()),
                       sites=sites.value, sites_url=sites_url, headless=run_headless,
                       data_dir=cfg.data_dir, keep_screenshots=screenshots or report,
                       use_packaged_cache=packaged_cache, llm_timeout_s=llm_timeout,
                       speed=speed, fresh_browser=fresh_browser,
                       task=info if task_set is not None else None)
    if report and (cfg.results_dir / spec.run_id).exists():
        raise UserError(f"run {spec.run_id} already exists in {cfg.results_dir}: "
                        "pass another --run-id")
    if dry_run:
        print_dry_run(spec, cfg)
        return
    from halo_cli.runner.agents import run_halo_episode

    browser = "headless" if spec.headless else "visible browser"
    console.print(f"[bold]{info.id}[/bold] ({chosen.name}, {sites_label(spec.sites)}, "
                  f"{browser}): {info.goal}")
    with DebugView(console) as view:
        result = run_halo_episode(spec, cfg, on_step=view.add)
    if not spec.headless and result.error_phase == "init" and _no_x_server(result.error_message):
        raise UserError(NO_DISPLAY)
    print_summary(console, result, spec)
    if report:
        _report(spec, result, cfg)
    if result.error_type == "NoLLMConfigured":
        err_console.print(f"[red]error:[/red] {result.error_message}", highlight=False)
        raise typer.Exit(2)
    if result.error_phase is not None:
        raise typer.Exit(1)


def _report(spec: EpisodeSpec, result: EpisodeResult, cfg: Settings) -> None:
    """Record the episode as a one-episode run and print where its report is."""
    from halo_cli.cli.report import print_report
    from halo_cli.runner.run import record_episode_run

    record_episode_run("debug", spec, result, cfg)
    print_report(cfg.results_dir, spec.run_id, cfg)
