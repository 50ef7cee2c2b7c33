"""`halo export dpo`: step-level preference pairs from sibling rollouts (as Agent Q).

At one page state of one task (the step's fingerprint and ordinal: the same page, reached
as often before), an action taken in a successful rollout (chosen) is paired
with a different action taken there in a rollout that failed (rejected). An action some
successful rollout took at that state is never rejected; rollouts cut short by an error
give no rejected action. Each (state, chosen, rejected) is one row: `prompt` (the
Worker's request of the chosen step), `chosen`, `rejected` (one assistant message each)
and `images`, in TRL's conversational format.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from halo_cli.export.card import dataset_card
from halo_cli.export.dataset import Tally, features, message_feature, trl_messages, write_dataset
from halo_cli.export.sft import Progress
from halo_cli.export.source import is_packaged, load_episodes, prompt_images, step_target
from halo_cli.export.split import check_split
from halo_cli.runner.recorded import Episode
from halo_cli.task_id import TaskId

META = {"task": "string", "site": "string", "mode": "string", "fingerprint": "string",
        "ordinal": "int32", "chosen_action": "string", "rejected_action": "string",
        "chosen_run": "string", "chosen_attempt": "int32", "rejected_run": "string",
        "rejected_attempt": "int32", "source": "string"}

State = tuple[str, str, int]  # task, fingerprint, ordinal


@dataclass
class Taken:
    """One action taken at a state: the episode, the step, the assistant reply."""

    episode: Episode
    step: dict[str, Any]
    action: str
    reply: str


def _actions(episodes: Sequence[Episode], tally: Tally, include_packaged: bool = False
             ) -> dict[State, tuple[list[Taken], list[Taken]]]:
    """Per state: the actions of successful rollouts, and of cleanly failed ones."""
    states: dict[State, tuple[list[Taken], list[Taken]]] = {}
    for ep in episodes:
        if not (ep.success or ep.failed_cleanly):
            continue
        for step in ep.trajectory.steps:
            if is_packaged(step) and not include_packaged:
                tally.packaged_left_out += 1
            target = step_target(step, manager_target=True, include_packaged=include_packaged)
            if target is None or not step.get("fingerprint"):
                continue
            state = (ep.result.task_id, str(step["fingerprint"]), int(step.get("ordinal") or 0))
            won, lost = states.setdefault(state, ([], []))
            (won if ep.success else lost).append(Taken(ep, step, target[0], target[1]))
    return states


def dpo_rows(episodes: Sequence[Episode], text_only: bool, tally: Tally,
             progress: Progress | None = None, include_packaged: bool = False
             ) -> Iterator[dict[str, Any]]:
    states = _actions(episodes, tally, include_packaged)
    for n, (state, (won, lost)) in enumerate(states.items(), start=1):
        good = {t.action for t in won}
        chosen = list({t.action: t for t in won}.values())
        rejected = list({t.action: t for t in lost if t.action not in good}.values())
        for c in chosen:
            for r in rejected:
                yield _row(state, c, r, text_only)
                tally.add(site=c.episode.site, mode=c.episode.result.mode,
                          source=str(c.step.get("source") or ""),
                          split=TaskId.parse(state[0]).split, task=state[0])
                for t in (c, r):
                    tally.runs[t.episode.run_id] = t.episode.command
                    tally.caches[t.episode.run_id] = t.episode.cache_state
                    tally.models.update(t.episode.models.values())
                    tally.episodes.add(t.episode.result.key)
        if progress is not None:
            progress(n, len(states))


def _reply(text: str, text_only: bool) -> list[dict[str, Any]]:
    content: Any = text if text_only else [{"type": "text", "text": text}]
    return [{"role": "assistant", "content": content}]


def _row(state: State, c: Taken, r: Taken, text_only: bool) -> dict[str, Any]:
    prompt = c.episode.trajectory.worker_prompt(c.step, images="drop" if text_only else "refs")
    row: dict[str, Any] = {"prompt": trl_messages(prompt, not text_only),
                           "chosen": _reply(c.reply, text_only),
                           "rejected": _reply(r.reply, text_only)}
    if not text_only:
        row["images"] = [{"bytes": b, "path": None} for b in prompt_images(c.episode, c.step)]
    row.update(task=state[0], site=c.episode.site, mode=c.episode.result.mode,
               fingerprint=state[1], ordinal=state[2], chosen_action=c.action,
               rejected_action=r.action, chosen_run=c.episode.run_id,
               chosen_attempt=c.episode.result.attempt, rejected_run=r.episode.run_id,
               rejected_attempt=r.episode.result.attempt, source=str(c.step.get("source") or ""))
    return row


def export_dpo(results_dir: Path, run_ids: Sequence[str], out: Path, *, text_only: bool = False,
               secrets: Sequence[str] = (), progress: Progress | None = None,
               include_packaged: bool = False, allow_test_tasks: bool = False) -> Tally:
    """Write the DPO pairs of `run_ids` to `out`; UserError (nothing written) on bad input,
    on runs of v2 tasks unless `allow_test_tasks`, or when no state has both a successful
    and a different failed action."""
    episodes = load_episodes(results_dir, run_ids)
    check_split(episodes, run_ids, allow_test_tasks)
    tally = Tally()
    runs = ", ".join(dict.fromkeys(run_ids))

    def empty() -> str:
        won = sum(e.success for e in episodes)
        lost = sum(e.failed_cleanly for e in episodes)
        if not won:
            return f"no episode of {runs} succeeded ({len(episodes)} episodes)"
        if not lost:
            return f"no episode of {runs} failed (all {len(episodes)} succeeded or erred)"
        return (f"no page state of {runs} was met by a successful and a failed rollout "
                f"that acted differently ({won} succeeded, {lost} failed)")

    chat = message_feature(not text_only)
    feats = features({"prompt": chat, "chosen": chat, "rejected": chat}, META, not text_only)
    rows = dpo_rows(episodes, text_only, tally, progress, include_packaged)
    write_dataset(out, rows, feats,
                  lambda: dataset_card("dpo", tally, episodes, {
                      "text_only": text_only, "include_packaged": include_packaged,
                      "allow_test_tasks": allow_test_tasks}),
                  empty, secrets)
    return tally
