"""The dataset card (README.md of an export): what it holds, from where, how to load it.

The YAML header points `datasets.load_dataset(DIR)` at the Parquet file; the body opens
with which tasks the rows come from (generated training tasks, or a warning when REAL's
v2 test tasks are among them: `export.split`), then counts the rows per split, site, mode,
source and template, and lists the runs and models they came from.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from typing import Any

from halo_cli.export.dataset import DATA_FILE, Tally
from halo_cli.export.split import split_lines, template_table
from halo_cli.runner.caches import cache_line
from halo_cli.runner.recorded import Episode
from halo_cli.trajectory.schema import SCHEMA

WHAT = {
    "sft": ("supervised fine-tuning", "examples",
            "one example per step of the successful rollouts: `messages` = the "
            "Worker's request (system, user) and the reply that chose the step's action"),
    "dpo": ("direct preference optimisation", "pairs",
            "step-level pairs: at one task's page state (fingerprint + ordinal), the action "
            "of a successful rollout (`chosen`) against a different action of one "
            "that failed (`rejected`); `prompt` is the Worker's request of the chosen step"),
}


def _table(title: str, counts: Any) -> str:
    lines = [f"| {title} | rows |", "|---|---:|"]
    lines += [f"| {k or '-'} | {v} |" for k, v in sorted(counts.items(), key=lambda kv: -kv[1])]
    return "\n".join(lines)


def dataset_card(kind: str, tally: Tally, episodes: Sequence[Episode],
                 options: dict[str, Any]) -> str:
    purpose, unit, what = WHAT[kind]
    images = not options.get("text_only")
    used = [e for e in episodes if e.result.key in tally.episodes]
    header = "\n".join([
        "---", "configs:", "- config_name: default", "  data_files:", "  - split: train",
        f"    path: {DATA_FILE}", "tags:", "- halo", "- real-bench-v2", "- web-agent", f"- {kind}",
        "---", ""])
    columns = ("`prompt`, `chosen`, `rejected`" if kind == "dpo" else "`messages`")
    rows_by_task = tally.by.get("task", Counter())
    body = [
        f"# HALO {kind.upper()} dataset", "", *split_lines(rows_by_task, unit), "",
        f"For {purpose} (TRL's conversational format): {what}.",
        "",
        f"- {tally.examples} {unit} from {len(used)} episodes "
        f"({sum(e.success for e in used)} of them successful)",
        f"- columns: {columns}" + (", `images` (the JPEG screenshot the model was sent; "
                                   "`{\"type\": \"image\"}` marks its place)" if images else
                                   " (text only)") + ", and where each row came from",
        f"- options: `{json.dumps(options, sort_keys=True)}`",
        f"- steps replayed from the packaged cache (the local sites' reference solutions, "
        f"not the policy): {tally.by.get('source', {}).get('cache-packaged', 0)} exported, "
        f"{tally.packaged_left_out} left out"
        + ("" if options.get("include_packaged") else " (`--include-packaged` keeps them)"),
        f"- trajectory schema {SCHEMA}",
        "", "```python", "from datasets import load_dataset",
        "ds = load_dataset(\"path/to/this/folder\", split=\"train\")", "```", "",
    ]
    for key, title in (("split", "split"), ("site", "site"), ("mode", "mode"),
                       ("source", "source")):
        if key in tally.by:
            body += [f"## Per {title}", "", _table(title, tally.by[key]), ""]
    body += template_table(rows_by_task)
    body += ["## Runs", "", "| run | command | episodes used | cache at start |", "|---|---|---:|---|"]
    for run_id, command in sorted(tally.runs.items()):
        n = sum(e.run_id == run_id for e in used)
        cache = cache_line(tally.caches.get(run_id)).replace("**", "") or "-"
        body.append(f"| {run_id} | {command or '-'} | {n} | {cache} |")
    body += ["", "## Models", ""]
    body += [f"- {m}" for m in sorted(tally.models)] or ["- none (cache and scripted steps only)"]
    return header + "\n".join(body) + "\n"
