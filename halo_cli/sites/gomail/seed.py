"""GoMail's seed store: a fixed mailbox (data/seed.json) and a fixed "now", per task."""

from __future__ import annotations

import copy
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data" / "seed.json"

#: the v2 gomail tasks this replica serves (REAL numbers them with gaps)
TASKS = [f"gomail-{n}" for n in
         (1, 2, 4, 5, 7, 8, 9, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 23, 24, 26)]


@lru_cache(maxsize=1)
def _seed() -> dict[str, Any]:
    return json.loads(DATA.read_text(encoding="utf-8"))


def seed_state(task: str) -> dict[str, Any]:
    """A fresh store: `email.emails` keyed by id, labels under `settings.customLabels`.

    Every supported task starts from the same mailbox; its dates are relative to the
    fixed `email.now`, never the wall clock.
    """
    seed = copy.deepcopy(_seed())
    return {
        "email": {
            "now": seed["now"],
            "user": seed["user"],
            "emails": seed["emails"],
            "snoozed": {},
            "contacts": seed["contacts"],
        },
        "settings": {"customLabels": seed["customLabels"]},
        "ui": {"snackbar": {"message": "", "open": False}},
    }
