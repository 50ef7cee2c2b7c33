"""What the template tests share: one `Vetter` per site (the library's in-process
verification, as `halo tasks generate` runs it), a template's draft for a seed from a fresh
seed store, and the `/finish` state its `reach` leads to in a fresh session."""

from __future__ import annotations

import functools
import random
from typing import Any

from halo_cli.sites.registry import get_site
from halo_cli.sites.templates import Draft, Template
from halo_cli.tasks.vetting import Vetter


@functools.cache
def vetter(site_id: str) -> Vetter:
    """The site's `Vetter`, one per test session (it keeps each base task's start state)."""
    return Vetter(get_site(site_id))


def draft_or_none(template: Template, seed: int) -> Draft | None:
    """The template's draft with `random.Random(seed)` from a fresh copy of its seed store
    (None when the draw was unusable)."""
    return template.draft(random.Random(seed), vetter(template.site).seed_state(template))


def draft(template: Template, seed: int) -> Draft:
    """`draft_or_none`, failing the test when the draw was unusable."""
    found = draft_or_none(template, seed)
    assert found is not None, (template.site, template.name, seed)
    return found


def reached(template: Template, params: dict[str, Any]) -> dict[str, Any]:
    """The `/finish` JSON of a fresh session of the template's base task after
    `reach(params)`."""
    return vetter(template.site).reached(template, params)
