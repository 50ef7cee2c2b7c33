"""Verified before written: a drafted task is kept only if its template's judge tells its
end states apart, in-process, through the site's own handlers (`SiteClient`).

- the start state (a fresh session of the template's base task) is judged False;
- the reference end state (`reach` in a fresh session) is judged True;
- each near miss (`reach` with its parameters, in a fresh session) is judged False.

`vet` answers why a draft fails (a short reason, counted by the generator) or gives the
reference end state (for the disjointness check).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from halo_cli.sites.base import Site
from halo_cli.sites.templates import Draft, SiteClient, Template

#: the reasons a draft fails verification, as the generator's summary counts them
START_TRUE = "start state judged True"
REFERENCE_FALSE = "reference end state judged False"
NEAR_MISS_TRUE = "a near miss judged True"


@dataclass
class Vetted:
    """A draft's verification: `reason` is None when it passed (then `end_state` is its
    reference end state, the `/finish` JSON), else why it failed; `detail` says more."""

    reason: str | None
    end_state: dict[str, Any] | None = None
    detail: str = ""


@dataclass
class Vetter:
    """Verifies drafts of one site's templates (the start states judged are cached per
    base task: they do not depend on the task)."""

    site: Site
    _starts: dict[str, dict[str, Any]] = field(default_factory=dict)

    def seed_state(self, template: Template) -> dict[str, Any]:
        """A fresh copy of the seed store the template drafts from."""
        return copy.deepcopy(self.site.seed_state(template.base_task))

    def start_state(self, template: Template) -> dict[str, Any]:
        if template.base_task not in self._starts:
            self._starts[template.base_task] = self.client(template).finish()
        return self._starts[template.base_task]

    def client(self, template: Template, task_id: str | None = None) -> SiteClient:
        return SiteClient(self.site, template.base_task, task_id)

    def reached(self, template: Template, params: dict[str, Any], task_id: str | None = None
                ) -> dict[str, Any]:
        """The `/finish` JSON after `reach(params)` in a fresh session (configured as
        `task_id` when given: the state then holds that id, as a real run's does)."""
        client = self.client(template, task_id)
        template.reach(params, client)
        return client.finish()

    def vet(self, template: Template, draft: Draft, task_id: str | None = None) -> Vetted:
        """Start False, reference True, every near miss False; an exception anywhere fails
        the draft with its type as the reason. The reference end state is reached as the
        task `task_id` (its id lands in the state, where a v2 script may read it)."""
        params = draft.params
        stage = "start"
        try:
            start = template.judge(params, self.start_state(template))
            if start.ok:
                return Vetted(START_TRUE, detail=start.reason)
            stage = "reach"
            end = self.reached(template, params, task_id)
            stage = "judge"
            verdict = template.judge(params, end)
            if not verdict.ok:
                return Vetted(REFERENCE_FALSE, detail=verdict.reason)
            stage = "near_misses"
            for k, miss in enumerate(template.near_misses(params, self.seed_state(template)), 1):
                stage = f"near miss {k}"
                said = template.judge(params, self.reached(template, miss))
                if said.ok:
                    return Vetted(NEAR_MISS_TRUE, detail=f"near miss {k}: {said.reason}")
        except Exception as exc:  # a template bug on this draft: count it, keep going
            return Vetted(f"{stage} raised {type(exc).__name__}", detail=str(exc)[:200])
        return Vetted(None, end)
