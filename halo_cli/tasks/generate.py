"""`halo tasks generate`: training tasks drafted by the sites' templates, verified, and
kept disjoint from REAL's v2 test set.

Per site, the templates take turns (round-robin over tasks kept: the next draft is the
active template with the fewest tasks so far), each drawing from its own
`random.Random` seeded by (seed, site, template), so the same arguments give the same
tasks, byte for byte, and adding a template leaves the others' draws alone. A draft is
kept only when
1. the template drew something usable, and its goal is new (distinct goals only);
2. its goal shares no 8-word run with a v2 goal (`disjoint.V2Goals`);
3. it verifies in-process (`vetting.Vetter`: start False, reference True, near misses
   False);
4. its reference end state passes none of the site's v2 eval scripts (`disjoint.V2Scripts`).
Every rejection is counted under its reason. A template that fails `MAX_FAILS` drafts in
a row is dropped for the rest of the run (its parameter space is spent).
"""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from halo_cli.errors import UserError
from halo_cli.sites.registry import SITE_CLASSES, get_site
from halo_cli.sites.templates import Template, templates_of
from halo_cli.task_id import TaskId
from halo_cli.tasks.disjoint import V2Goals, V2Scripts
from halo_cli.tasks.registry import TaskRegistry, open_registry
from halo_cli.tasks.taskset import GeneratedTask
from halo_cli.tasks.vetting import Vetter

#: drafts in a row a template may fail before it is dropped
MAX_FAILS = 60
UNUSABLE = "unusable draw"
DUPLICATE = "duplicate goal"
V2_GOAL = "shares 8 words with a v2 goal"
V2_SCRIPT = "passes a v2 eval script"
HARDER = "harder than asked (--easier)"


@dataclass
class Progress:
    """What the progress bar shows after each draft."""

    site: str
    kept: int  # tasks kept so far, all sites
    target: int  # tasks asked for, all sites
    drafted: int


@dataclass
class Generation:
    """The tasks kept and what happened on the way."""

    tasks: list[GeneratedTask] = field(default_factory=list)
    #: (site, template) -> tasks kept
    kept: Counter[tuple[str, str]] = field(default_factory=Counter)
    #: (site, template, reason) -> drafts rejected
    rejected: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    #: v2 task -> drafts rejected because of it (goal run or eval script)
    v2_hits: Counter[str] = field(default_factory=Counter)
    #: site -> tasks asked for
    asked: dict[str, int] = field(default_factory=dict)
    #: site -> templates dropped as spent
    spent: dict[str, list[str]] = field(default_factory=dict)
    drafted: int = 0
    seconds: float = 0.0
    #: seconds spent running v2 eval scripts (the disjointness check on end states)
    script_seconds: float = 0.0
    script_runs: int = 0

    @property
    def short(self) -> dict[str, int]:
        """Sites that got fewer tasks than asked: site -> how many fewer."""
        got = Counter(t.site for t in self.tasks)
        return {s: n - got[s] for s, n in self.asked.items() if got[s] < n}

    def reasons(self) -> Counter[str]:
        """Rejections per reason, all templates together."""
        out: Counter[str] = Counter()
        for (_, _, reason), n in self.rejected.items():
            out[reason] += n
        return out


def sites_with_templates() -> list[str]:
    """Every local site that has templates, by name."""
    return [s for s in sorted(SITE_CLASSES) if templates_of(s)]


def resolve_sites(site: str) -> list[str]:
    """`all` -> every site with templates; a site's name -> it, several comma-separated ->
    each (a UserError when one is not a local site or has no templates)."""
    if "," in site:
        names = [s.strip() for s in site.split(",") if s.strip()]
        return list(dict.fromkeys(n for name in names for n in resolve_sites(name)))
    if site == "all":
        found = sites_with_templates()
        if not found:
            raise UserError("no local site has task templates yet")
        return found
    if site not in SITE_CLASSES:
        raise UserError(f"unknown local site: {site} (known: {', '.join(sorted(SITE_CLASSES))})")
    if not templates_of(site):
        have = ", ".join(sites_with_templates()) or "none"
        raise UserError(f"site {site} has no task templates (sites with templates: {have})")
    return [site]


def generate(sites: list[str], count: int, seed: int, *, registry: TaskRegistry | None = None,
             on_progress: Callable[[Progress], None] | None = None) -> Generation:
    """`count` verified tasks per site of `sites` (fewer when its templates run dry)."""
    if count < 1:
        raise UserError(f"--count must be at least 1: {count}")
    registry = registry or open_registry()
    goals = V2Goals(registry)
    out = Generation(asked={s: count for s in sites})
    start = time.monotonic()
    seen: set[str] = set()
    for site in sites:
        with V2Scripts(registry, site) as scripts:
            _site(site, count, seed, goals, scripts, seen, out, on_progress)
    out.seconds = time.monotonic() - start
    return out


def _site(site_id: str, count: int, seed: int, goals: V2Goals, scripts: V2Scripts,
          seen: set[str], out: Generation,
          on_progress: Callable[[Progress], None] | None) -> None:
    templates = templates_of(site_id)
    vetter = Vetter(get_site(site_id))
    rngs = {t.name: random.Random(f"{seed}:{site_id}:{t.name}") for t in templates}
    numbers: Counter[str] = Counter()
    fails: Counter[str] = Counter()
    active = list(templates)
    kept = 0
    target = sum(out.asked.values())
    while kept < count and active:
        template = min(active, key=lambda t: numbers[t.name])  # the first of the fewest
        out.drafted += 1
        task_id = str(TaskId.train(site_id, template.name, numbers[template.name] + 1))
        task, reason = check_draft(template, rngs[template.name], vetter, goals, scripts, seen,
                                   out, task_id)
        if task is None:
            out.rejected[(site_id, template.name, reason)] += 1
            fails[template.name] += 1
            if fails[template.name] >= MAX_FAILS:
                active.remove(template)
                out.spent.setdefault(site_id, []).append(template.name)
        else:
            fails[template.name] = 0
            numbers[template.name] += 1
            out.tasks.append(task)
            out.kept[(site_id, template.name)] += 1
            kept += 1
        if on_progress is not None:
            on_progress(Progress(site_id, len(out.tasks), target, out.drafted))


def check_draft(template: Template, rng: random.Random, vetter: Vetter, goals: V2Goals,
                scripts: V2Scripts, seen: set[str], out: Generation, task_id: str,
                max_difficulty: int = 3) -> tuple[GeneratedTask | None, str]:
    """One draft of `template`, checked as the task `task_id` (a draft above
    `max_difficulty` is rejected before anything is run): (the task and "") or (None, why
    not). Its reference end state holds `task_id`, as a real run's does, when the site's v2
    scripts judge it (a script may read any digit in the state). A kept task's goal joins
    `seen` (lower case)."""
    draft = template.draft(rng, vetter.seed_state(template))
    if draft is None:
        return None, UNUSABLE
    if draft.difficulty > max_difficulty:
        return None, HARDER
    goal = " ".join(draft.goal.split())
    if goal.lower() in seen:
        return None, DUPLICATE
    shared = goals.shared_run(goal)
    if shared is not None:
        out.v2_hits[shared[0]] += 1
        return None, V2_GOAL
    vetted = vetter.vet(template, draft, task_id)
    if vetted.reason is not None or vetted.end_state is None:
        return None, vetted.reason or "no end state"
    t0 = time.monotonic()
    passing = scripts.passing(vetted.end_state)
    out.script_seconds += time.monotonic() - t0
    out.script_runs += len(scripts.scripts)
    if passing:
        out.v2_hits.update(passing)
        return None, V2_SCRIPT
    seen.add(goal.lower())
    task = GeneratedTask(id=task_id,
                         site=template.site, template=template.name, goal=goal,
                         start_path=draft.start_path, params=draft.params,
                         difficulty=draft.difficulty, base_task=template.base_task)
    return task, ""
