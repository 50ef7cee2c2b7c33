"""Which local sites exist. Imported lazily so the CLI starts fast."""

from __future__ import annotations

import importlib

from halo_cli.errors import UserError
from halo_cli.sites.base import Site
from halo_cli.task_id import TaskId

#: site id -> "module:Class"
SITE_CLASSES = {
    "dashdish": "halo_cli.sites.dashdish.site:DashDish",
    "gocalendar": "halo_cli.sites.gocalendar.site:GoCalendar",
    "gomail": "halo_cli.sites.gomail.site:GoMail",
    "marrisuite": "halo_cli.sites.marrisuite.site:MarriSuite",
    "networkin": "halo_cli.sites.networkin.site:NetworkIn",
    "omnizon": "halo_cli.sites.omnizon.site:Omnizon",
    "opendining": "halo_cli.sites.opendining.site:OpenDining",
    "staynb": "halo_cli.sites.staynb.site:StayNB",
    "topwork": "halo_cli.sites.topwork.site:TopWork",
    "udriver": "halo_cli.sites.udriver.site:UDriver",
    "zilloft": "halo_cli.sites.zilloft.site:Zilloft",
}


def get_site(site_id: str) -> Site:
    """An instance of the local replica of `site_id` (KeyError if there is none)."""
    module, _, cls = SITE_CLASSES[site_id].partition(":")
    return getattr(importlib.import_module(module), cls)()


def all_sites() -> list[Site]:
    """Every local replica that imports (a site still being written is skipped)."""
    out = []
    for sid in SITE_CLASSES:
        try:
            out.append(get_site(sid))
        except ModuleNotFoundError:
            continue
    return out


def pick_sites(site_ids: list[str] | None = None) -> list[Site]:
    """The replicas named (all when none); an unknown id is a UserError."""
    sites = all_sites()
    if not site_ids:
        return sites
    known = {s.id: s for s in sites}
    for sid in site_ids:
        if sid not in known:
            raise UserError(f"unknown local site: {sid} (known: {', '.join(known)})")
    return [known[s] for s in site_ids]


def supported_task_ids() -> dict[str, list[str]]:
    """`{site_id: ["v2.<task>", ...]}` for every local replica."""
    return {s.id: [str(TaskId.parse(t)) for t in s.supported_tasks()] for s in all_sites()}
