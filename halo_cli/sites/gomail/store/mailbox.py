"""GoMail's store: the seed mailbox (data/seed.json, a fixed "now"), the accessors every
other part reads it through, and the snackbar REAL's scripts read back."""

from __future__ import annotations

import copy
import json
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent.parent / "data" / "seed.json"

#: the v2 gomail tasks this replica serves (REAL numbers them with gaps)
TASKS = [f"gomail-{n}" for n in
         (1, 2, 4, 5, 7, 8, 9, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 23, 24, 26)]

Email = dict[str, Any]
State = dict[str, Any]


@lru_cache(maxsize=1)
def _seed() -> dict[str, Any]:
    return json.loads(DATA.read_text(encoding="utf-8"))


def seed_state(task: str) -> State:
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


def now(state: State) -> datetime:
    return datetime.fromisoformat(state["email"]["now"])


def emails(state: State) -> dict[str, Email]:
    return state["email"]["emails"]


def snoozed(state: State) -> dict[str, Email]:
    return state["email"].setdefault("snoozed", {})


def labels(state: State) -> dict[str, dict[str, Any]]:
    return state["settings"]["customLabels"]


def get_email(state: State, eid: str) -> Email | None:
    return emails(state).get(eid) or snoozed(state).get(eid)


# --- the snackbar ----------------------------------------------------------------------

def snack(state: State, message: str) -> None:
    """Open the snackbar with `message` (what REAL's scripts read at `ui.snackbar`)."""
    state.setdefault("ui", {})["snackbar"] = {"message": message, "open": True}


def seen_snackbar(state: State) -> None:
    """The snackbar shows on the page after the action, then closes (the message stays)."""
    sb = state.setdefault("ui", {}).setdefault("snackbar", {"message": "", "open": False})
    if sb.get("open"):
        sb["open"] = False
