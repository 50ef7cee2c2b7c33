"""Which v2 tasks (agisdk 0.3.5) a result can be trusted on: each flagged task, one reason.

- `unjudgeable`: no run can pass as shipped; left out of "success over judgeable tasks";
- `hosted-broken`: cannot pass on the hosted site as shipped; HALO's replica makes it pass;
- `loose`: the eval script accepts far less than the goal asks (a success overstates).
Read off the eval scripts (`../shared/SITES-SPEC.md` in the project's steering notes).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Verdict = Literal["unjudgeable", "hosted-broken", "loose"]


@dataclass(frozen=True)
class Flag:
    verdict: Verdict
    reason: str


AUDIT: dict[str, Flag] = {
    "v2.gocalendar-11": Flag("unjudgeable", "eval_gocalendar_11.py is an empty file: no run can "
                             "pass"),
    "v2.networkin-19": Flag("hosted-broken", "the script reads /finish's env_state, which the "
                            "hosted site does not serve (HALO's replica does)"),
    "v2.dashdish-10": Flag("loose", "accepts a total up to $20; the goal says under $15"),
    "v2.marrisuite-8": Flag("loose", "'goleta' anywhere plus a hotel or listing word passes; no "
                            "search result is checked"),
    "v2.networkin-1": Flag("loose", "with no follow at all, a 'microsoft' search alone passes"),
    "v2.networkin-25": Flag("loose", "any string containing /events/ passes: opening an event "
                            "page is enough on the hosted site"),
    "v2.networkin-26": Flag("loose", "a 'software engineer' search alone passes; no message "
                            "is needed"),
    "v2.opendining-20": Flag("loose", "any completed 5:00 PM booking passes, at any restaurant"),
    "v2.topwork-3": Flag("loose", "the job match is a substring test: 'ai' in 'Email' or 'ml' in "
                         "'HTML' counts as Python experience"),
    "v2.zilloft-3": Flag("loose", "any valid tour request passes"),
    "v2.zilloft-5": Flag("loose", "any contact-agent submission passes"),
    "v2.zilloft-9": Flag("loose", "any valid tour request passes; the size is not checked"),
    "v2.zilloft-22": Flag("loose", "any valid tour request passes; price and region are not "
                          "checked"),
    "v2.zilloft-23": Flag("loose", "'Los Angeles, CA' plus any '$450,000' string passes"),
}


def flag(task_id: str) -> Flag | None:
    """The audit flag of a versioned task id, or None for a task judged as its goal says."""
    return AUDIT.get(task_id)


def judgeable(task_id: str) -> bool:
    """Whether some run of the task can pass (on the local replicas)."""
    found = AUDIT.get(task_id)
    return found is None or found.verdict != "unjudgeable"
