"""A curriculum from failures (WebRL's idea): new training tasks from the templates of the
tasks a policy failed, for `halo tasks generate --from-failures RUN_ID`.

The new tasks are shared among the failed tasks' templates in proportion to their failed
episodes (largest remainder; ties by template). Each is drafted with new parameters and
checked exactly as `generate` checks a task (verified, distinct, disjoint from v2: the
same `check_draft`), and its goal differs from every task the caller already has (the
run's, its task set's). Draws come from `random.Random` seeded by (seed, site, template,
run), so the same run and seed give the same file. Ids go on from the highest number a
template's known tasks use, so the new file can be appended to the old one.

`easier`: only drafts below the lowest difficulty the template failed at (difficulty 1
stays 1): fewer constraints, where the template can express it; a template that cannot
is dropped after `MAX_FAILS` drafts in a row and the run comes out short.
"""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence

from halo_cli.errors import UserError
from halo_cli.sites.registry import get_site
from halo_cli.sites.templates import Template, template_of
from halo_cli.task_id import TaskId
from halo_cli.tasks import generate as gen
from halo_cli.tasks.disjoint import V2Goals, V2Scripts
from halo_cli.tasks.registry import TaskRegistry, open_registry
from halo_cli.tasks.taskset import GeneratedTask
from halo_cli.tasks.vetting import Vetter

Key = tuple[str, str]  # (site, template)


def quotas(failed: Mapping[Key, int], count: int) -> dict[Key, int]:
    """`count` tasks shared among templates in proportion to their failed episodes
    (largest remainder, ties by (site, template)); templates that get 0 are left out."""
    total = sum(failed.values())
    if total <= 0 or count <= 0:
        return {}
    exact = {k: count * n / total for k, n in failed.items()}
    share = {k: int(v) for k, v in exact.items()}
    rest = count - sum(share.values())
    for k in sorted(exact, key=lambda k: (-(exact[k] - share[k]), k))[:rest]:
        share[k] += 1
    return {k: n for k, n in sorted(share.items()) if n}


def ceilings(failed_tasks: Iterable[GeneratedTask], easier: bool) -> dict[Key, int]:
    """The highest difficulty a new task of each template may have: 3, or with `easier`
    one below the lowest difficulty it was failed at (at least 1)."""
    out: dict[Key, int] = {}
    for t in failed_tasks:
        key = (t.site, t.template)
        out[key] = min(out.get(key, 3), max(1, t.difficulty - 1) if easier else 3)
    return out


def from_failures(failed: Mapping[str, int], known: Mapping[str, GeneratedTask], run_id: str,
                  count: int | None = None, seed: int = 0, easier: bool = False, *,
                  registry: TaskRegistry | None = None,
                  on_progress: Callable[[gen.Progress], None] | None = None) -> gen.Generation:
    """New tasks from the templates of the `failed` tasks (task id -> failed episodes;
    each defined in `known`, every task whose goal and number the new ones must avoid).
    `count` defaults to one per failed task. UserError when nothing failed."""
    if not failed:
        raise UserError(f"run {run_id} has no failed generated task: nothing to make a "
                        "curriculum from")
    if count is not None and count < 1:
        raise UserError(f"--count must be at least 1: {count}")
    weights: Counter[Key] = Counter()
    for task_id, n in failed.items():
        weights[(known[task_id].site, known[task_id].template)] += n
    share = quotas(weights, count if count is not None else len(failed))
    limit = ceilings((known[t] for t in failed), easier)
    registry = registry or open_registry()
    goals = V2Goals(registry)
    seen = {" ".join(t.goal.split()).lower() for t in known.values()}
    numbers: Counter[Key] = Counter()
    for t in known.values():
        numbers[(t.site, t.template)] = max(numbers[(t.site, t.template)], TaskId.parse(t.id).number)
    out = gen.Generation()
    for (site, _), n in share.items():
        out.asked[site] = out.asked.get(site, 0) + n
    start = time.monotonic()
    for site in dict.fromkeys(s for s, _ in share):
        vetter = Vetter(get_site(site))
        with V2Scripts(registry, site) as scripts:
            for key in [k for k in share if k[0] == site]:
                try:
                    template = template_of(*key)
                except KeyError:
                    raise UserError(f"run {run_id} failed tasks of {key[0]}.{key[1]}, a "
                                    "template this HALO no longer has") from None
                rng = random.Random(f"{seed}:{site}:{template.name}:from-failures:{run_id}")
                _fill(template, share[key], limit[key], rng, vetter, goals, scripts, seen,
                      numbers, out, on_progress)
    out.seconds = time.monotonic() - start
    return out


def _fill(template: Template, quota: int, ceiling: int, rng: random.Random, vetter: Vetter,
          goals: V2Goals, scripts: V2Scripts, seen: set[str], numbers: Counter[Key],
          out: gen.Generation, on_progress: Callable[[gen.Progress], None] | None) -> None:
    """Up to `quota` checked tasks of `template` into `out` (it is spent after
    `MAX_FAILS` rejected drafts in a row)."""
    key = (template.site, template.name)
    kept = fails = 0
    target = sum(out.asked.values())
    while kept < quota:
        out.drafted += 1
        task_id = str(TaskId.train(template.site, template.name, numbers[key] + 1))
        task, reason = gen.check_draft(template, rng, vetter, goals, scripts, seen, out,
                                       task_id, max_difficulty=ceiling)
        if task is None:
            out.rejected[(*key, reason)] += 1
            fails += 1
            if fails >= gen.MAX_FAILS:
                out.spent.setdefault(template.site, []).append(template.name)
                return
        else:
            fails = 0
            kept += 1
            numbers[key] += 1
            out.tasks.append(task)
            out.kept[key] += 1
        if on_progress is not None:
            on_progress(gen.Progress(template.site, len(out.tasks), target, out.drafted))


def failed_summary(failed: Mapping[str, int], known: Mapping[str, GeneratedTask]
                   ) -> Sequence[tuple[str, int, int]]:
    """(site.template, failed tasks, failed episodes) per template, most episodes first."""
    tasks: Counter[str] = Counter()
    episodes: Counter[str] = Counter()
    for task_id, n in failed.items():
        name = f"{known[task_id].site}.{known[task_id].template}"
        tasks[name] += 1
        episodes[name] += n
    return sorted(((k, tasks[k], episodes[k]) for k in tasks), key=lambda r: (-r[2], r[0]))
