"""Per-mode figures of a run, with the runbook's definitions, as rows, CSV and Markdown.

- valid_tasks: episodes that finished without an init or agent error (eval errors count
  as failures)
- init_or_agent_errors: episodes whose error_phase is init or agent
- successes: valid episodes with reward >= 1; failures = valid_tasks - successes
- success_rate = successes / valid_tasks; medians are over valid episodes
- success_all = successes / episodes; success_judgeable = the same over the episodes of
  tasks some run can pass (`tasks.audit`: gocalendar-11's script is empty)
- invalid-action, manager-call and cache-hit rates are per step, over all episodes
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from statistics import median

from halo_cli.harness.judge import short as judge_short
from halo_cli.runner.models import SITES_NOTES, EpisodeResult
from halo_cli.stats import Paired, paired, wilson
from halo_cli.task_id import site_of
from halo_cli.tasks.audit import flag, judgeable
from halo_cli.usage import Usage

BASELINE = "baseline_worker"

DEFINITIONS = """\
- **valid_tasks**: episodes that finished without an init or agent error (eval errors count as failures)
- **init_or_agent_errors**: episodes whose error phase is `init` or `agent`
- **successes**: valid episodes with reward >= 1; **failures** = valid_tasks - successes
- **success_rate** = successes / valid_tasks; **median_steps**, **median_wall_time** over valid episodes
- **success_all** = successes / episodes (every task); **success_judgeable** = the same over \
tasks some run can pass (the task audit below: an unjudgeable task is not a failure there)
- **invalid-action / manager-call / cache-hit rate**: per step, over all episodes
- **success_ci**: the 95% Wilson interval of success_rate (n = valid_tasks)
- **delta vs baseline**: success rate (points) and median steps against `baseline_worker`, when it ran; \
the paired comparison below matches the same tasks and attempts (an error counts as a failure): \
the difference with its 95% bootstrap interval, the pairs that flipped either way, \
and the exact McNemar p
"""

CSV_FIELDS = [
    "task_id", "site", "sites", "mode", "attempt", "task_seed", "temperature", "reward", "success",
    "steps", "wall_time_s", "llm_calls", "tokens_in", "tokens_out", "tokens", "cost_usd",
    "invalid_actions", "manager_calls", "cache_hits", "error_phase", "error_type", "judge",
    "trajectory_path",
]


def is_valid(r: EpisodeResult) -> bool:
    return r.error_phase not in ("init", "agent")


def is_success(r: EpisodeResult) -> bool:
    return is_valid(r) and r.success


@dataclass(frozen=True)
class Stats:
    """Figures for one group of episodes (a mode, or a mode on one site)."""

    name: str
    episodes: int
    valid_tasks: int
    init_or_agent_errors: int
    successes: int
    failures: int
    success_rate: float | None
    median_steps: float | None
    median_wall_time: float | None
    llm_calls: int
    tokens: int
    cost_usd: float
    invalid_action_rate: float | None
    manager_call_rate: float | None
    cache_hit_rate: float | None
    success_all: float | None = None
    success_judgeable: float | None = None


def _rate(num: int, den: int) -> float | None:
    return num / den if den else None


def stats(name: str, results: Sequence[EpisodeResult]) -> Stats:
    valid = [r for r in results if is_valid(r)]
    wins = sum(1 for r in valid if r.success)
    steps = sum(r.steps for r in results)
    usage = Usage.total(r.usage for r in results)
    return Stats(
        name=name,
        episodes=len(results),
        valid_tasks=len(valid),
        init_or_agent_errors=len(results) - len(valid),
        successes=wins,
        failures=len(valid) - wins,
        success_rate=_rate(wins, len(valid)),
        median_steps=median(r.steps for r in valid) if valid else None,
        median_wall_time=median(r.wall_time_s for r in valid) if valid else None,
        llm_calls=usage.llm_calls,
        tokens=usage.tokens_in + usage.tokens_out,
        cost_usd=usage.cost,
        invalid_action_rate=_rate(sum(r.invalid_actions for r in results), steps),
        manager_call_rate=_rate(sum(r.manager_calls for r in results), steps),
        cache_hit_rate=_rate(sum(r.cache_hits for r in results), steps),
        success_all=_rate(sum(r.success for r in valid), len(results)),
        success_judgeable=_rate(sum(r.success for r in valid if judgeable(r.task_id)),
                                sum(judgeable(r.task_id) for r in results)),
    )


def _group(results: Sequence[EpisodeResult], key) -> dict[str, list[EpisodeResult]]:  # type: ignore[no-untyped-def]
    out: dict[str, list[EpisodeResult]] = {}
    for r in results:
        out.setdefault(key(r), []).append(r)
    return out


def by_mode(results: Sequence[EpisodeResult], modes: Sequence[str] = ()) -> list[Stats]:
    """One Stats per mode, in `modes` order first (modes with no results yet included)."""
    groups = _group(results, lambda r: r.mode)
    order = list(dict.fromkeys([*modes, *groups]))
    return [stats(m, groups.get(m, [])) for m in order]


def by_site(results: Sequence[EpisodeResult]) -> dict[str, list[Stats]]:
    """Per mode, one Stats per site."""
    return {
        mode: [stats(site, rs) for site, rs in sorted(_group(mrs, lambda r: site_of(r.task_id)).items())]
        for mode, mrs in _group(results, lambda r: r.mode).items()
    }


@dataclass(frozen=True)
class Delta:
    success_rate_pts: float | None  # percentage points
    median_steps: float | None


def delta_vs_baseline(table: Sequence[Stats]) -> dict[str, Delta]:
    """For each non-baseline mode, its change against `baseline_worker` (if that ran)."""
    base = next((s for s in table if s.name == BASELINE and s.episodes), None)
    if base is None:
        return {}
    out = {}
    for s in table:
        if s.name == BASELINE:
            continue
        sr = (
            (s.success_rate - base.success_rate) * 100
            if s.success_rate is not None and base.success_rate is not None
            else None
        )
        ms = (
            s.median_steps - base.median_steps
            if s.median_steps is not None and base.median_steps is not None
            else None
        )
        out[s.name] = Delta(sr, ms)
    return out


# ---- rendering -------------------------------------------------------------------------


def pct(x: float | None) -> str:
    return "-" if x is None else f"{x * 100:.1f}%"


def num(x: float | None, fmt: str = "{:.1f}") -> str:
    return "-" if x is None else fmt.format(x)


def signed(x: float | None, unit: str = "") -> str:
    return "-" if x is None else f"{x:+.1f}{unit}"


MAIN_HEADERS = [
    "mode", "episodes", "valid_tasks", "init_or_agent_errors", "successes", "failures",
    "success_rate", "success_ci", "median_steps", "median_wall_time", "llm_calls", "tokens", "cost_usd",
    "invalid_action_rate", "manager_call_rate", "cache_hit_rate", "d_success_rate",
    "d_median_steps", "success_all", "success_judgeable",
]


def main_rows(table: Sequence[Stats]) -> list[list[str]]:
    """The per-mode table as strings (shared by matrix.md and the live view)."""
    deltas = delta_vs_baseline(table)
    rows = []
    for s in table:
        d = deltas.get(s.name)
        rows.append([
            s.name, str(s.episodes), str(s.valid_tasks), str(s.init_or_agent_errors),
            str(s.successes), str(s.failures), pct(s.success_rate),
            ci_text(s.successes, s.valid_tasks), num(s.median_steps),
            num(s.median_wall_time, "{:.1f}s"), str(s.llm_calls), str(s.tokens),
            f"${s.cost_usd:.4f}", pct(s.invalid_action_rate), pct(s.manager_call_rate),
            pct(s.cache_hit_rate),
            signed(d.success_rate_pts, " pts") if d else "-",
            signed(d.median_steps) if d else "-",
            pct(s.success_all), pct(s.success_judgeable),
        ])
    return rows


def ci_text(successes: int, n: int) -> str:
    """The 95% Wilson interval of successes / n as `[31, 86]%`, or `-` with no episodes."""
    ci = wilson(successes, n)
    return "-" if ci is None else ci.pct()


def paired_vs_baseline(results: Sequence[EpisodeResult]) -> dict[str, Paired]:
    """Each mode against `baseline_worker` on the (task, attempt) pairs both ran."""
    outcome: dict[str, dict[tuple[str, int], bool]] = {}
    for r in results:
        outcome.setdefault(r.mode, {})[(r.task_id, r.attempt)] = is_success(r)
    base = outcome.get(BASELINE)
    if not base:
        return {}
    out = {}
    for mode, seen in outcome.items():
        keys = sorted(set(seen) & set(base))
        if mode == BASELINE or not keys:
            continue
        cmp = paired([base[k] for k in keys], [seen[k] for k in keys])
        if cmp is not None:
            out[mode] = cmp
    return out


def paired_section(results: Sequence[EpisodeResult]) -> str:
    """matrix.md's paired comparison against `baseline_worker` (empty when it did not run)."""
    table = paired_vs_baseline(results)
    if not table:
        return ""
    rows = [[mode, str(p.n), str(p.a_successes), str(p.b_successes), str(p.b_only), str(p.a_only),
             f"{p.diff * 100:+.1f} pts", f"[{p.ci.low * 100:+.1f}, {p.ci.high * 100:+.1f}]",
             f"{p.p_value:.3g}"] for mode, p in table.items()]
    headers = ["mode", "pairs", "baseline successes", "mode successes", "flipped to success",
               "flipped to failure", "difference", "95% CI (bootstrap)", "McNemar p (exact)"]
    return f"## Paired against {BASELINE}\n\n" + _md_table(headers, rows)


def _md_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines) + "\n"


def sites_line(sites: str) -> str:
    """matrix.md's line naming the sites the episodes ran on ("local replicas" / ...)."""
    notes = [SITES_NOTES[s] for s in sites.split(" + ") if s in SITES_NOTES]
    return f"Sites: **{sites}**" + (f": {'; '.join(notes)}." if notes else ".")


def matrix_markdown(
    results: Sequence[EpisodeResult], modes: Sequence[str] = (), title: str = "", planned: int = 0,
    sites: str = "", cache: str = "",
) -> str:
    """matrix.md: the sites used, definitions, the per-mode table, then a per-site
    breakdown per mode."""
    table = by_mode(results, modes)
    parts = [f"# {title or 'Evaluation matrix'}\n"]
    if sites:
        parts.append(sites_line(sites) + "\n")
    if cache:
        parts.append(cache + "\n")
    if planned:
        parts.append(f"{len(results)} of {planned} planned episodes finished.\n")
    parts += ["## Definitions\n", DEFINITIONS, "## Per mode\n", _md_table(MAIN_HEADERS, main_rows(table))]
    if paired_part := paired_section(results):
        parts.append(paired_part)
    parts.append("## Per site\n")
    site_headers = ["site", "episodes", "valid_tasks", "init_or_agent_errors", "successes",
                    "success_rate", "success_ci", "median_steps"]
    for mode, sites in by_site(results).items():
        rows = [[s.name, str(s.episodes), str(s.valid_tasks), str(s.init_or_agent_errors),
                 str(s.successes), pct(s.success_rate), ci_text(s.successes, s.valid_tasks),
                 num(s.median_steps)] for s in sites]
        parts += [f"### {mode}\n", _md_table(site_headers, rows)]
    flagged = {r.task_id: f for r in results if (f := flag(r.task_id)) is not None}
    if flagged:
        parts += ["## Task audit\n", "Tasks of this run that agisdk 0.3.5's eval scripts cannot "
                  "judge, or judge more loosely than the goal asks (`halo tasks list`):\n",
                  _md_table(["task", "verdict", "reason"],
                            [[t, f.verdict, f.reason] for t, f in sorted(flagged.items())])]
    return "\n".join(parts)


def csv_row(r: EpisodeResult, sites: str = "") -> dict[str, object]:
    row = {**r.model_dump(), **r.usage.to_dict()}
    row = {k: v for k, v in row.items() if k in CSV_FIELDS}
    row.update(site=site_of(r.task_id), sites=sites,
               tokens=r.usage.tokens_in + r.usage.tokens_out)
    row["wall_time_s"] = round(r.wall_time_s, 3)
    row["cost_usd"] = round(r.usage.cost, 6)
    row["judge"] = judge_short(r.judge)
    return row


def matrix_csv(results: Sequence[EpisodeResult],
               sites: Mapping[tuple[str, str, int], str] | None = None) -> str:
    """One row per episode; `sites` maps an episode's key to where it ran (its label)."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for r in results:
        writer.writerow(csv_row(r, (sites or {}).get(r.key, "")))
    return buf.getvalue()
