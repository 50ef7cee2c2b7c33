"""Collect each local site's reference solutions and negative controls."""

from __future__ import annotations

import importlib

from halo_cli.sites.base import Site
from halo_cli.sites.reference import Solution


def site_solutions(site: Site) -> tuple[list[Solution], list[Solution]]:
    """(references, negatives) from `halo_cli.sites.<id>.solutions`."""
    mod = importlib.import_module(f"halo_cli.sites.{site.id}.solutions")
    return mod.solutions(), mod.negatives()


def plan_verification(sites: list[Site], tasks: set[str] | None = None,
                      with_negatives: bool = True) -> list[Solution]:
    """Every reference, the "no action" control per task, and the site's wrong solutions."""
    plan: list[Solution] = []
    for site in sites:
        refs, negs = site_solutions(site)
        supported = set(site.supported_tasks())
        for ref in refs:
            if ref.task in supported and (tasks is None or ref.task in tasks):
                plan.append(ref)
                if with_negatives:
                    plan.append(Solution(ref.task, [], kind="negative", label="no action"))
        if with_negatives:
            plan += [n for n in negs if n.task in supported and (tasks is None or n.task in tasks)]
    return plan
