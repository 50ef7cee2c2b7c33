"""`halo export sft`: one supervised example per step of the successful episodes.

An example is the Worker's request at that step (the one it was sent, or for cache and
macro steps the one it would have been sent) and the reply that chose the step's
action, in TRL's conversational format: `messages` (system, user, assistant) with
`{"type": "image"}` where the screenshot was and the JPEG in the `images` column, or
plain-text contents with `text_only`. Identical (observation, action) pairs across
rollouts are kept once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from halo_cli.export.card import dataset_card
from halo_cli.export.dataset import Tally, features, message_feature, trl_messages, write_dataset
from halo_cli.export.source import (
    is_packaged,
    load_episodes,
    prompt_images,
    prompt_key,
    step_target,
)
from halo_cli.export.split import check_split
from halo_cli.runner.recorded import Episode
from halo_cli.task_id import TaskId

META = {"task": "string", "site": "string", "mode": "string", "run_id": "string",
        "attempt": "int32", "step": "int32", "source": "string", "action": "string",
        "model": "string", "reward": "float32"}

Progress = Callable[[int, int], None]  # (episodes done, episodes in all)


@dataclass(frozen=True)
class SftOptions:
    worker_only: bool = False  # only steps whose action the Worker chose
    manager_target: bool = False  # where the Manager overrode the Worker, its action as target
    text_only: bool = False  # no images column; contents are strings
    include_packaged: bool = False  # keep steps replayed from the packaged (reference) cache
    allow_test_tasks: bool = False  # let runs of REAL's v2 tasks (the test set) in


def sft_rows(episodes: Sequence[Episode], opts: SftOptions, tally: Tally,
             progress: Progress | None = None) -> Iterator[dict[str, Any]]:
    """The examples of the successful `episodes`, each (observation, action) once."""
    won = [e for e in episodes if e.success]
    seen: set[tuple[str, str]] = set()
    for n, ep in enumerate(won, start=1):
        for step in ep.trajectory.steps:
            if is_packaged(step) and not opts.include_packaged:
                tally.packaged_left_out += 1
            target = step_target(step, opts.manager_target, opts.include_packaged)
            if target is None or (opts.worker_only and not target[2]):
                continue
            action, reply = target[0], target[1]
            key = (prompt_key(ep, step), action)
            if key in seen:
                continue
            seen.add(key)
            yield _row(ep, step, action, reply, opts.text_only)
            tally.add(site=ep.site, mode=ep.result.mode, source=step.get("source") or "",
                      split=TaskId.parse(ep.result.task_id).split, task=ep.result.task_id)
            tally.runs[ep.run_id] = ep.command
            tally.caches[ep.run_id] = ep.cache_state
            tally.models.update(ep.models.values())
            tally.episodes.add(ep.result.key)
        if progress is not None:
            progress(n, len(won))


def _row(ep: Episode, step: dict[str, Any], action: str, reply: str,
         text_only: bool) -> dict[str, Any]:
    prompt = ep.trajectory.worker_prompt(step, images="drop" if text_only else "refs")
    assistant = ({"role": "assistant", "content": reply} if text_only
                 else {"role": "assistant", "content": [{"type": "text", "text": reply}]})
    row: dict[str, Any] = {"messages": [*trl_messages(prompt, not text_only), assistant]}
    if not text_only:
        row["images"] = [{"bytes": b, "path": None} for b in prompt_images(ep, step)]
    r = ep.result
    row.update(task=r.task_id, site=ep.site, mode=r.mode, run_id=ep.run_id, attempt=r.attempt,
               step=int(step.get("index") or 0), source=str(step.get("source") or ""),
               action=action, model=ep.models.get("worker", ""), reward=r.reward)
    return row


def export_sft(results_dir: Path, run_ids: Sequence[str], out: Path, opts: SftOptions, *,
               secrets: Sequence[str] = (), progress: Progress | None = None) -> Tally:
    """Write the SFT dataset of `run_ids` to `out`; UserError (nothing written) on bad
    input, on runs of v2 tasks unless `opts.allow_test_tasks`, or when there is no
    example."""
    episodes = load_episodes(results_dir, run_ids)
    check_split(episodes, run_ids, opts.allow_test_tasks)
    tally = Tally()
    runs = ", ".join(dict.fromkeys(run_ids))

    def empty() -> str:
        won = sum(e.success for e in episodes)
        if not won:
            return f"no episode of {runs} succeeded ({len(episodes)} episodes)"
        which = "Worker-decided " if opts.worker_only else ""
        return f"the {won} successful episodes of {runs} have no {which}step to learn from"

    feats = features({"messages": message_feature(not opts.text_only)}, META, not opts.text_only)
    rows = sft_rows(episodes, opts, tally, progress)
    write_dataset(out, rows, feats, lambda: dataset_card("sft", tally, episodes, _options(opts)),
                  empty, secrets)
    return tally


def _options(opts: SftOptions) -> dict[str, Any]:
    return {"worker_only": opts.worker_only, "manager_target": opts.manager_target,
            "text_only": opts.text_only, "include_packaged": opts.include_packaged,
            "allow_test_tasks": opts.allow_test_tasks}
