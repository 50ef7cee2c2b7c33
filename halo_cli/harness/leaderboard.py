"""REAL's leaderboard through agisdk's own submission path.

agisdk submits an episode when its task has a run id other than "0": `validate()` judges
the `/finish` state locally, then `_submit_script_leaderboard` POSTs that state, the
agent's answer and the task's eval config to REAL's evaluation service, and notes in the
step's `info["task_info"]` whether it was submitted and what reward REAL gave. HALO reuses
all of it and adds only:

- `request_run_id`: agisdk's `get_run_id_from_api` (REAL's `runKey` from a REAL key, a
  model name and a run name), with its base URL set and the key kept out of its logs;
- `point_submissions_at`: the one place HALO overrides agisdk's hard-wired evaluation URL
  (`RAILWAY_API_BASE`), from the `HALO_REAL_EVAL_URL` setting;
- `submission`: the episode's record of it (submitted, REAL's reward, a mismatch with the
  local judge).

agisdk is imported inside the functions, as everywhere in the harness.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterator, Sequence
from typing import Any

from halo_cli.errors import UserError
from halo_cli.redact import Scrubber

#: the variable agisdk's `get_run_id_from_api` reads its base URL from
REAL_API_BASE_VAR = "REAL_API_BASE"


class _Scrub(logging.Filter):
    """Scrubs secrets from a logger's records (agisdk logs request errors, URL included,
    and REAL's runKey URL carries the key)."""

    def __init__(self, secrets: Sequence[str]) -> None:
        super().__init__()
        self._scrubber = Scrubber(secrets)

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = self._scrubber.text(record.getMessage()), None
        return True


@contextlib.contextmanager
def _agisdk_call(logger: logging.Logger, secrets: Sequence[str], api_url: str) -> Iterator[None]:
    scrub = _Scrub(secrets)
    logger.addFilter(scrub)
    saved = os.environ.get(REAL_API_BASE_VAR)
    os.environ[REAL_API_BASE_VAR] = api_url
    try:
        yield
    finally:
        logger.removeFilter(scrub)
        if saved is None:
            os.environ.pop(REAL_API_BASE_VAR, None)
        else:
            os.environ[REAL_API_BASE_VAR] = saved


def request_run_id(api_key: str, model_name: str, run_name: str, api_url: str) -> str:
    """REAL's run id for `run_name` of `model_name`, from agisdk's `get_run_id_from_api`
    against `api_url`; a UserError (one line, no key in it) when REAL gives none."""
    from agisdk.REAL.browsergym.webclones import base

    with _agisdk_call(base.logger, [api_key], api_url):
        run_id = base.get_run_id_from_api(api_key, model_name, run_name)
    if not run_id:
        raise UserError(f"REAL gave no run id for run {run_name!r} ({model_name}) at {api_url}: "
                        "check REAL_API_KEY and that the service is reachable")
    return str(run_id)


def point_submissions_at(eval_url: str) -> None:
    """Send agisdk's submissions to `eval_url` (its `RAILWAY_API_BASE`, read at each
    submission); agisdk's own default is REAL's service."""
    from agisdk.REAL.browsergym.webclones import base

    base.RAILWAY_API_BASE = eval_url.rstrip("/") + "/"


def submission(task_info: Any) -> dict[str, Any]:
    """An episode's leaderboard record from the final step's `info["task_info"]` (what
    agisdk's validate() filled in; None or empty when the episode did not end)."""
    info = task_info if isinstance(task_info, dict) else {}
    if "leaderboard_submitted" not in info and "railway_verified" not in info:
        return {"submitted": False, "verified": False, "real_reward": None,
                "local_reward": info.get("local_reward"), "mismatch": False,
                "note": "not sent: the episode did not end with the agent's answer"}
    verified = bool(info.get("railway_verified"))
    real = info.get("railway_reward") if verified else None
    local = info.get("local_reward")
    record = {"submitted": bool(info.get("leaderboard_submitted")), "verified": verified,
              "real_reward": real, "local_reward": local,
              "mismatch": verified and real is not None and local is not None
              and float(real) != float(local)}
    if not verified:
        record["note"] = "REAL's evaluation service did not answer (see the episode's log)"
    return record
