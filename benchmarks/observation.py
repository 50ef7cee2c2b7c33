"""What the models see, measured on every observation of every reference solution.

Reads the observations `benchmarks/observation_capture.py` wrote (all 120 judgeable v2
tasks' reference solutions played as `halo sites verify` plays them, each observation with
the action taken next and the `/finish` state), and measures HALO's observation code on
them. Because the capture does not depend on that code, the same captures measure main's
code and the branch's the same way (run this file with PYTHONPATH at either checkout):

- target shown: the element the reference acts on next appears with its bid;
- interactive elements (bid, interactive role, not hidden) neither shown nor counted in a
  "more" line; observations where some bid is shown twice;
- summary tokens and whole Worker-request tokens (text; tiktoken cl100k), median and p90,
  the Worker request built by the HALO agent replaying the reference's actions (history,
  verdicts and notes as in a live episode);
- page-type accuracy on the labelled set (`tests/obs/data/page_types.jsonl`);
- over the steps that change what `/finish` reports: how many are irreversible (labelled in
  `benchmarks/data/irreversible.json`) and the share of those `agent.guard` flags
  `high_stakes`; the Manager calls per episode its reviews add.

Run: .venv/bin/python benchmarks/observation.py --captures /tmp/obs-captures [--json out.json]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "tests" / "obs" / "data" / "page_types.jsonl"
IRREVERSIBLE = ROOT / "benchmarks" / "data" / "irreversible.json"
INTERACTIVE = frozenset({
    "button", "link", "textbox", "searchbox", "checkbox", "radio", "combobox", "listbox",
    "option", "menuitem", "menuitemcheckbox", "menuitemradio", "tab", "switch", "slider",
    "spinbutton", "treeitem", "Date", "InputTime", "DateTime",
})
_BID = re.compile(r"^\s*\[([^\]\s]+)\] ", re.MULTILINE)


def load(captures: Path) -> dict[str, list[dict[str, Any]]]:
    """Every captured episode: task -> its observations in order."""
    out = {}
    for path in sorted(captures.glob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            rows = [json.loads(line) for line in fh]
        out[rows[0]["task"]] = rows
    return out


def summary_of(row: dict[str, Any]) -> Any:
    """The branch's summary with the observation's boxes; main's takes no `obs`."""
    from halo_cli.obs.summary import summarise

    try:
        return summarise(row["axtree_object"], row["goal"], 3000, obs=row)
    except TypeError:
        return summarise(row["axtree_object"], row["goal"], 3000)


def interactive_bids(axtree: dict) -> set[str]:
    """Bids of the elements a model may act on: interactive role, not hidden, not an
    option of a select (`select_option` takes the select)."""
    from halo_cli.obs.tree import build

    out: set[str] = set()

    def visit(node: Any, in_select: bool) -> None:
        if node.hidden:
            return
        if not node.ignored and node.bid is not None and node.role in INTERACTIVE:
            if not (node.role == "option" and in_select):
                out.add(node.bid)
        for child in node.children:
            visit(child, in_select or node.role == "combobox")

    for root in build(axtree):
        visit(root, False)
    return out


def target_bid(action: str) -> str | None:
    from halo_cli.policy.actions import parse_action

    try:
        bids = parse_action(action).bids
    except Exception:
        return None
    return bids[0] if bids else None


def text_tokens(messages: list[dict]) -> int:
    from halo_cli.obs.tokens import count_tokens

    total = 0
    for m in messages:
        content = m["content"]
        parts = [content] if isinstance(content, str) else [
            p["text"] for p in content if p.get("type") == "text"]
        total += sum(count_tokens(p) for p in parts)
    return total


def worker_requests(rows: list[dict[str, Any]]) -> list[int]:
    """The Worker's request tokens at every step, the HALO agent replaying `rows`' actions
    (the Worker answers the reference's next action)."""
    from halo_cli.agent.orchestrator import HaloAgent
    from halo_cli.config.modes import MODES
    from halo_cli.policy.llm import LLMResult

    answers = iter(r["action"] for r in rows)
    sizes: list[int] = []

    class Reference:
        model = "reference"

        def complete(self, messages: Any, **_: Any) -> Any:
            sizes.append(text_tokens(messages))
            return LLMResult(text=f"```{next(answers)}```", tokens_in=0, tokens_out=0,
                             cost=0.0, latency_s=0.0, model=self.model, attempts=1)

    first = rows[0]
    site = first["task"].split("-")[0]
    agent = HaloAgent(MODES["baseline_worker"], Reference(), None, None, site=site,
                      goal=first["goal"], start_url=first["url"])
    for i, row in enumerate(rows):
        obs = {**row, "screenshot": None}
        agent.act(obs)
        if i + 1 < len(rows):
            agent.observe_result({**rows[i + 1], "screenshot": None})
    return sizes


def page_type_accuracy(episodes: dict[str, list[dict]]) -> tuple[int, int, Counter]:
    """(right, labelled, confusions) of `obs.pages.classify` on the labelled set."""
    from halo_cli.obs.pages import classify

    if not LABELS.exists():
        return 0, 0, Counter()
    right = total = 0
    wrong: Counter = Counter()
    for line in LABELS.read_text().splitlines():
        lab = json.loads(line)
        rows = episodes.get(lab["task"])
        if not rows or lab["step"] >= len(rows):
            continue
        row = rows[lab["step"]]
        got = classify(row["url"], row["axtree_object"])
        total += 1
        if got == lab["type"]:
            right += 1
        else:
            wrong[(lab["type"], got)] += 1
    return right, total, wrong


def finish_changing(episodes: dict[str, list[dict]]) -> list[tuple[str, str, str]]:
    """(task#step, action, target) of every step after which `/finish` reports otherwise."""
    out = []
    for task, rows in episodes.items():
        for i, row in enumerate(rows[:-1]):
            if rows[i + 1]["finish"] != row["finish"]:
                out.append((f"{task}#{i}", row["action"], _target(row)))
    return out


def stakes(episodes: dict[str, list[dict]]) -> dict[str, Any]:
    """The steps that change /finish, the irreversible ones, and what the guard flags."""
    from halo_cli.agent.guard import review_trigger
    from halo_cli.config.modes import MODES
    from halo_cli.policy.actions import parse_action

    triggers = MODES["hierarchy_mgr_gate"].manager_triggers
    labels = json.loads(IRREVERSIBLE.read_text()) if IRREVERSIBLE.exists() else {}
    flagged: set[str] = set()
    for task, rows in episodes.items():
        for i, row in enumerate(rows):
            review = review_trigger(parse_action(row["action"]), row["axtree_object"], triggers,
                                    row.get("dom_object"))
            if review is not None and review[0] == "high_stakes":
                flagged.add(f"{task}#{i}")
    changing = finish_changing(episodes)
    irreversible = [k for k, _, _ in changing if labels.get(k, {}).get("irreversible")]
    return {"changing": changing, "irreversible": len(irreversible),
            "flagged_irreversible": sum(k in flagged for k in irreversible),
            "flagged_all": len(flagged), "episodes": len(episodes),
            "missed": [f"{k} {labels[k]['target']}" for k in irreversible if k not in flagged]}


def _target(row: dict) -> str:
    from halo_cli.obs.tree import iter_nodes

    bid = target_bid(row["action"])
    node = next((n for n in iter_nodes(row["axtree_object"]) if n.bid == bid), None)
    return f'{node.role} "{node.name[:60]}"' if node is not None else ""


def pct(q: list[float], p: float) -> float:
    s = sorted(q)
    return s[min(len(s) - 1, int(len(s) * p))]


def measure(episodes: dict[str, list[dict]]) -> dict[str, Any]:
    obs_n = shown = with_target = dup_obs = missing = uncounted_elems = 0
    summary_tokens: list[int] = []
    request_tokens: list[int] = []
    misses: list[str] = []
    for task, rows in episodes.items():
        request_tokens += worker_requests(rows)
        for row in rows:
            obs_n += 1
            s = summary_of(row)
            summary_tokens.append(s.tokens)
            shown_bids = _BID.findall(s.text)
            dup_obs += len(shown_bids) != len(set(shown_bids))
            counted = getattr(s, "counted", frozenset())
            inter = interactive_bids(row["axtree_object"])
            gone = inter - set(shown_bids)
            missing += len(gone)
            uncounted_elems += len(gone - set(counted))
            bid = target_bid(row["action"])
            if bid is not None:
                with_target += 1
                if bid in set(shown_bids):
                    shown += 1
                else:
                    misses.append(f"{task}#{row['step']} {row['action']}")
    right, labelled, wrong = page_type_accuracy(episodes)
    return {
        "episodes": len(episodes), "observations": obs_n,
        "target_shown": shown, "with_target": with_target, "target_misses": misses,
        "interactive_not_shown": missing, "interactive_uncounted": uncounted_elems,
        "observations_with_duplicate_bid": dup_obs,
        "summary_tokens": [statistics.median(summary_tokens), pct(summary_tokens, 0.9)],
        "request_tokens": [statistics.median(request_tokens), pct(request_tokens, 0.9)],
        "page_type": [right, labelled, {f"{a}->{b}": c for (a, b), c in wrong.items()}],
        "stakes": stakes(episodes),
    }


def report(m: dict[str, Any]) -> None:
    st = m["stakes"]
    right, labelled, wrong = m["page_type"]
    print(f"{m['episodes']} episodes, {m['observations']} observations")
    print(f"next target shown with its bid: {m['target_shown']}/{m['with_target']} "
          f"({100 * m['target_shown'] / max(1, m['with_target']):.1f}%)")
    for miss in m["target_misses"][:20]:
        print(f"  missed: {miss}")
    print(f"interactive elements not shown: {m['interactive_not_shown']}; neither shown nor "
          f"counted in a 'more' line: {m['interactive_uncounted']}")
    print(f"observations with a bid shown twice: {m['observations_with_duplicate_bid']}")
    print(f"summary tokens median {m['summary_tokens'][0]:.0f}, p90 {m['summary_tokens'][1]}; "
          f"whole Worker request median {m['request_tokens'][0]:.0f}, "
          f"p90 {m['request_tokens'][1]}")
    print(f"page type: {right}/{labelled} right ({100 * right / max(1, labelled):.1f}%); "
          f"confusions {wrong}")
    print(f"steps changing /finish: {len(st['changing'])}; irreversible: {st['irreversible']}; "
          f"flagged high_stakes: {st['flagged_irreversible']}/{st['irreversible']}; "
          f"high_stakes reviews per episode (all steps): "
          f"{st['flagged_all'] / max(1, st['episodes']):.2f}")
    for miss in st["missed"]:
        print(f"  not flagged: {miss}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--captures", type=Path, required=True)
    ap.add_argument("--json", type=Path, help="also write the figures here")
    ap.add_argument("--changing", action="store_true",
                    help="list the steps that change /finish (to label irreversible ones)")
    args = ap.parse_args()
    m = measure(load(args.captures))
    if args.changing:
        for key, action, target in m["stakes"]["changing"]:
            print(f"{key}\t{action}\t{target}")
    report(m)
    if args.json:
        args.json.write_text(json.dumps(m, indent=1, default=str))


if __name__ == "__main__":
    main()
