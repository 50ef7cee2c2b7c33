"""`halo cache stats|clear|export|import|build`: the Verified Action Cache."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated

import typer

from halo_cli.cli.common import console, settings
from halo_cli.errors import UserError

app = typer.Typer(help="Inspect and manage the Verified Action Cache (VAC).", no_args_is_help=True)


def _open():  # -> VerifiedActionCache
    # deferred: loaded when the command runs, so every `halo` command starts fast
    from halo_cli.cache.vac import PACKAGED_CACHE, VerifiedActionCache

    return VerifiedActionCache.under(settings().data_dir, PACKAGED_CACHE)


@app.command("stats")
def stats() -> None:
    """Entries per site in your cache, plus the packaged one."""
    with _open() as vac:
        s = vac.stats()
        path = vac.path
    console.print(f"cache: {path}")
    console.print(f"entries: {s.entries} (packaged, read-only: {s.packaged_entries}); "
                  f"stale: {s.stale}; hits recorded: {s.hits_total}")
    for site, n in sorted(s.sites.items()):
        console.print(f"  {site}: {n}")


@app.command("clear")
def clear(
    site: Annotated[str | None, typer.Option("--site", help="Only this site's entries.")] = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask.")] = False,
) -> None:
    """Delete your cache entries (the packaged cache is never changed)."""
    if not yes and not typer.confirm(f"delete {'all' if not site else site} cache entries?"):
        raise typer.Exit(1)
    with _open() as vac:
        n = vac.clear(site)
    console.print(f"deleted {n} entries")


@app.command("export")
def export(out: Annotated[Path, typer.Argument(help="JSONL file to write.")]) -> None:
    """Write your cache entries as JSONL."""
    with _open() as vac:
        n = vac.export_jsonl(out)
    console.print(f"wrote {n} entries to {out}")


@app.command("import")
def import_(src: Annotated[Path, typer.Argument(help="JSONL file from `halo cache export`.")]) -> None:
    """Add entries from a JSONL export to your cache."""
    if not src.is_file():
        raise UserError(f"{src}: no such file")
    with _open() as vac:
        try:
            n = vac.import_jsonl(src)
        except ValueError as exc:
            raise UserError(str(exc)) from None
    console.print(f"imported {n} entries from {src}")


@app.command("build")
def build(
    site: Annotated[list[str] | None, typer.Option(
        "--site", "-s", help="Only these sites, comma-separated or repeated.")] = None,
    packaged: Annotated[
        bool, typer.Option("--packaged", help="Rebuild the cache shipped in the package instead.")
    ] = False,
) -> None:
    """Record the local sites' reference solutions into a cache, through the agent."""
    # deferred: loaded when the command runs, so every `halo` command starts fast
    from halo_cli.cache.vac import PACKAGED_CACHE, VerifiedActionCache
    from halo_cli.harness.browser import activate
    from halo_cli.runner.solutions import build_cache
    from halo_cli.sites.registry import pick_sites

    cfg = settings()
    activate(cfg.chromium_path, cfg.data_dir)
    from halo_cli.runner.plan import split_list

    sites = pick_sites(split_list(site) or None)

    def show(row) -> None:  # type: ignore[no-untyped-def]
        mark = "[green]ok[/]" if row.success else "[red]FAILED[/]"
        console.print(f"{mark} {row.task}: reward {row.reward:g}, {row.steps} steps, "
                      f"{row.written} entries")

    if packaged:
        with tempfile.TemporaryDirectory() as tmp:
            vac = VerifiedActionCache(Path(tmp) / "vac.sqlite")
            rows = build_cache(vac, sites, on_row=show)
            for s in sites:
                n = vac.export_jsonl(PACKAGED_CACHE / f"{s.id}.jsonl", site=s.id)
                console.print(f"wrote {n} entries to {PACKAGED_CACHE / s.id}.jsonl")
            vac.close()
    else:
        with _open() as vac:
            rows = build_cache(vac, sites, on_row=show)
    if not all(r.success for r in rows):
        raise typer.Exit(1)
