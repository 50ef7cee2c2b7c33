"""GoMail's toolbar actions (read, archive, trash, snooze, label, ...), the star, opening
an email, and new labels. Callers hold the session lock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from halo_cli.sites.gomail.store.mailbox import State, emails, get_email, labels, now, snoozed

SNOOZE_DAYS = (1, 2, 3, 7, 14, 30)


def _count(n: int, what: str) -> str:
    return f"Conversation {what}" if n == 1 else f"{n} conversations {what}"


def snooze_until(state: State, days: int) -> datetime:
    return (now(state) + timedelta(days=days)).replace(hour=8, minute=0, second=0)


def _fmt_until(t: datetime) -> str:
    return f"{t:%b} {t.day}, 8:00 AM"


@dataclass
class Result:
    message: str
    changed: int


#: toolbar actions that set one flag on each selected email: (key, value, snackbar text)
_FLAG_ACTIONS: dict[str, tuple[str, bool, str]] = {
    "read": ("isRead", True, "marked as read."),
    "unread": ("isRead", False, "marked as unread."),
    "trash": ("trash", True, "moved to Trash."),
    "untrash": ("trash", False, "moved to Inbox."),
    "archive": ("archived", True, "archived."),
    "unarchive": ("archived", False, "moved to Inbox."),
    "star": ("starred", True, "starred."),
    "unstar": ("starred", False, "unstarred."),
}
#: every toolbar action `apply` knows
ACTIONS = (*_FLAG_ACTIONS, "snooze", "unsnooze", "label")


def apply(state: State, action: str, ids: list[str], days: int = 7,
          label_id: str | None = None) -> Result:
    """Run a toolbar action on the selected emails; returns the snackbar text."""
    mail, parked = emails(state), snoozed(state)
    ids = list(dict.fromkeys(i for i in ids if i in mail or i in parked))
    if not ids:
        return Result("No conversations selected.", 0)
    n = len(ids)
    if action == "unsnooze":
        for i in ids:
            if i in parked:
                e = parked.pop(i)
                e.pop("snoozeUntil", None)
                e["snoozed"] = False
                mail[i] = e
        return Result(_count(n, "moved to Inbox."), n)
    ids = [i for i in ids if i in mail]
    if not ids:
        return Result("No conversations selected.", 0)
    n = len(ids)
    if action in _FLAG_ACTIONS:
        key, value, said = _FLAG_ACTIONS[action]
        for i in ids:
            mail[i][key] = value
        return Result(_count(n, said), n)
    if action == "snooze":
        until = snooze_until(state, days)
        for i in ids:
            e = mail.pop(i)
            e["snoozed"] = True
            e["snoozeUntil"] = until.isoformat()
            parked[i] = e
        return Result(_count(n, f"snoozed until {_fmt_until(until)}."), n)
    if action == "label":
        lab = labels(state).get(label_id or "")
        if lab is None:
            return Result("Choose a label first.", 0)
        for i in ids:
            if label_id not in mail[i]["labels"]:
                mail[i]["labels"] = [*mail[i]["labels"], label_id]
        return Result(_count(n, f"added to \"{lab['label']}\"."), n)
    raise ValueError(f"unknown action: {action}")


def toggle_star(state: State, eid: str) -> None:
    e = get_email(state, eid)
    if e is not None:
        e["starred"] = not e["starred"]


def mark_opened(state: State, eid: str) -> None:
    e = emails(state).get(eid)
    if e is not None and not e["isRead"]:
        e["isRead"] = True


# --- labels --------------------------------------------------------------------------

class LabelError(ValueError):
    """A label name that cannot be created."""


def create_label(state: State, name: str) -> dict[str, Any]:
    name = " ".join(name.split())
    if not name:
        raise LabelError("Enter a label name.")
    labs = labels(state)
    if any(v["label"].lower() == name.lower() for v in labs.values()):
        raise LabelError(f'The label "{name}" already exists.')
    new_id = str(max((int(k) for k in labs if k.isdigit()), default=0) + 1)
    lab = {"id": new_id, "label": name, "color": "#9e9e9e"}
    labs[new_id] = lab
    return lab

