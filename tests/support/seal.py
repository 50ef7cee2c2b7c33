"""Seal a test run from the developer's keys, endpoints and `.env`.

Every `OPENAI_*`, `ANTHROPIC_*`, `REAL_*` and `HALO_*` variable, and agisdk's `RUNID` (a
leaderboard run id), leaves the environment (so subprocesses,
which inherit it, lose them too), `HALO_ENV_FILE` is set empty (so a `halo` subprocess reads
no `.env`, wherever it runs), and an in-process `Settings()` reads no `.env` either. A test
that wants one of them sets it itself (monkeypatch, or a subprocess's `env=`).
"""

from __future__ import annotations

import os

import pytest

from halo_cli.config.settings import ENV_FILE_VAR, Settings

SEALED_PREFIXES = ("OPENAI_", "ANTHROPIC_", "REAL_", "HALO_")
SEALED_NAMES = frozenset({"RUNID"})
#: the suite's own knobs (read only by tests/support, never by halo): they pass the seal
SUITE_KNOBS = frozenset({"HALO_VERIFY_WORKERS"})


def leaks() -> list[str]:
    """The sealed variables this process still sees (its environment as subprocesses get it)."""
    return sorted(k for k in os.environ
                  if (k.startswith(SEALED_PREFIXES) or k in SEALED_NAMES)
                  and k not in SUITE_KNOBS and k != ENV_FILE_VAR)


def seal(mp: pytest.MonkeyPatch) -> None:
    """Apply the seal through `mp` (undone when `mp` is)."""
    for name in leaks():
        mp.delenv(name)
    mp.setenv(ENV_FILE_VAR, "")
    mp.setitem(Settings.model_config, "env_file", None)
