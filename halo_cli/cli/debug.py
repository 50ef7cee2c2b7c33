"""`halo debug TASK`: one task, step by step, in a live table."""

from __future__ import annotations

from typing import Annotated

import typer

from halo_cli.cli.common import (
    FreshBrowserOpt,
    HeadlessOpt,
    Sites,
    SitesOpt,
    TaskRegistryOpt,
    TrueFalse,
    console,
    err_console,
    settings,
)
from halo_cli.errors import UserError


def debug(
    task: Annotated[str, typer.Argument(help="Task id, e.g. v2.gomail-1 (a bare id means v2).")],
    mode: Annotated[str, typer.Option("--mode", "-m", help="Agent mode.")] = "hierarchy_vac_macros",
    headless: HeadlessOpt = TrueFalse.true,
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
    packaged_cache: Annotated[
        bool, typer.Option(help="Use the action cache shipped with HALO (vac modes).")
    ] = True,
    task_registry: TaskRegistryOpt = None,
) -> None:
    """Run one task with the HALO agent, showing each step as it happens."""
    from halo_cli.cli.debug_table import DebugView, print_dry_run, print_summary
    from halo_cli.config.modes import get_mode
    from halo_cli.runner.models import EpisodeSpec
    from halo_cli.runner.plan import check_run_id, new_run_id
    from halo_cli.tasks.registry import open_registry

    info = open_registry(task_registry).get(task)
    if speed and max_steps:
        raise UserError("--speed sets a 25-step budget: pass it or --max-steps, not both")
    chosen = get_mode(mode)
    chosen = chosen.speed() if speed else chosen.with_overrides(max_steps=max_steps)
    cfg = settings()
    from halo_cli.runner.plan import check_local_worker

    check_local_worker(chosen, cfg)
    if sites is Sites.local:
        from halo_cli.runner.plan import check_local_sites

        check_local_sites([info.id], "local")
    spec = EpisodeSpec(task_id=info.id, mode=chosen, run_id=check_run_id(run_id or new_run_id()),
                       sites=sites.value, sites_url=sites_url, headless=bool(headless),
                       data_dir=cfg.data_dir, keep_screenshots=screenshots,
                       use_packaged_cache=packaged_cache, llm_timeout_s=llm_timeout,
                       speed=speed, fresh_browser=fresh_browser)
    if dry_run:
        print_dry_run(spec, cfg)
        return
    from halo_cli.runner.agents import run_halo_episode

    console.print(f"[bold]{info.id}[/bold] ({chosen.name}): {info.goal}")
    with DebugView(console) as view:
        result = run_halo_episode(spec, cfg, on_step=view.add)
    print_summary(console, result)
    if result.error_type == "NoLLMConfigured":
        err_console.print(f"[red]error:[/red] {result.error_message}", highlight=False)
        raise typer.Exit(2)
    if result.error_phase is not None:
        raise typer.Exit(1)
