"""GoMail's model: folder listings, search, and the state changes behind every action.

Everything here works on a session's store (see `seed.py`); callers hold the session lock.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

PAGE_SIZE = 50
SNOOZE_DAYS = (1, 2, 3, 7, 14, 30)

Email = dict[str, Any]
State = dict[str, Any]


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


def _newest_first(items: list[Email]) -> list[Email]:
    return sorted(items, key=lambda e: (e["date"], e.get("time", ""), int(e["id"])), reverse=True)


# --- folders -------------------------------------------------------------------------

FOLDERS = {  # path segment -> (title, predicate)
    "inbox": ("Inbox", lambda e: not e["sent"] and not e["trash"] and not e["archived"]),
    "starred": ("Starred", lambda e: e["starred"] and not e["trash"]),
    "sent": ("Sent", lambda e: e["sent"] and not e["trash"]),
    "archive": ("Archive", lambda e: e["archived"] and not e["trash"]),
    "trash": ("Trash", lambda e: e["trash"]),
}


def folder(state: State, name: str) -> list[Email]:
    """Emails shown in a folder (`inbox`, `starred`, `snoozed`, `sent`, `archive`, `trash`)."""
    if name == "snoozed":
        return _newest_first(list(snoozed(state).values()))
    pred = FOLDERS[name][1]
    return _newest_first([e for e in emails(state).values() if pred(e)])


def labelled(state: State, label_id: str) -> list[Email]:
    return _newest_first([e for e in emails(state).values()
                          if label_id in e.get("labels", []) and not e["trash"]])


def unread_count(state: State) -> int:
    return sum(1 for e in folder(state, "inbox") if not e["isRead"])


# --- search --------------------------------------------------------------------------

_OPERATOR = re.compile(r"\b(from|to|older_than|newer_than|is|label|subject):(\"[^\"]*\"|\S+)", re.I)


def _variants(text: str) -> set[str]:
    """A phrase and its hyphen/space spellings ("no-reply" ~ "no reply" ~ "noreply")."""
    t = " ".join(text.lower().split())
    return {t, t.replace("-", " "), t.replace("-", ""), t.replace(" ", ""), t.replace(" ", "-")}


def _contains(haystack: str, phrase: str) -> bool:
    hay = haystack.lower()
    hays = {hay, hay.replace("-", " "), hay.replace("-", "")}
    return any(v in h for v in _variants(phrase) for h in hays)


def _months_ago(d: date, months: int) -> date:
    y, m = divmod(d.year * 12 + d.month - 1 - months, 12)
    m += 1
    for day in (d.day, 30, 29, 28):
        try:
            return date(y, m, day)
        except ValueError:
            continue
    raise ValueError(d)


def _cutoff(today: date, spec: str) -> date | None:
    m = re.fullmatch(r"(\d+)([dmy])", spec.lower())
    if not m:
        return None
    n, unit = int(m.group(1)), m.group(2)
    if unit == "d":
        return today - timedelta(days=n)
    return _months_ago(today, n * (12 if unit == "y" else 1))


def _haystack(e: Email) -> str:
    return " ".join([e["from"], e["fromEmail"], " ".join(e.get("to", [])), e["subject"],
                     e["content"]])


def search(state: State, query: str) -> list[Email]:
    """Gmail-like search over all mail but Trash: a phrase plus `from:`, `older_than:2m`, ..."""
    today = now(state).date()
    label_names = {v["label"].lower(): k for k, v in labels(state).items()}
    checks = []
    for op, raw in _OPERATOR.findall(query):
        val = raw.strip('"')
        op = op.lower()
        if op == "from":
            checks.append(lambda e, v=val: _contains(e["from"] + " " + e["fromEmail"], v))
        elif op == "to":
            checks.append(lambda e, v=val: _contains(" ".join(e.get("to", [])), v))
        elif op == "subject":
            checks.append(lambda e, v=val: _contains(e["subject"], v))
        elif op in ("older_than", "newer_than"):
            cut = _cutoff(today, val)
            if cut is None:
                return []
            if op == "older_than":
                checks.append(lambda e, c=cut: date.fromisoformat(e["date"]) <= c)
            else:
                checks.append(lambda e, c=cut: date.fromisoformat(e["date"]) > c)
        elif op == "is":
            flag = {"unread": ("isRead", False), "read": ("isRead", True),
                    "starred": ("starred", True)}.get(val.lower())
            if flag:
                checks.append(lambda e, f=flag: bool(e.get(f[0])) == f[1])
        elif op == "label":
            lid = label_names.get(val.lower())
            checks.append(lambda e, lid=lid: lid is not None and lid in e.get("labels", []))
    phrase = " ".join(_OPERATOR.sub(" ", query).split())
    if phrase:
        checks.append(lambda e: _contains(_haystack(e), phrase))
    if not checks:
        return []
    return _newest_first([e for e in emails(state).values()
                          if not e["trash"] and all(c(e) for c in checks)])


# --- bulk actions --------------------------------------------------------------------

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


# --- sending -------------------------------------------------------------------------

class RecipientError(ValueError):
    """A recipient that is neither an address nor a known contact."""


_ADDR = re.compile(r"^[^@\s<>,;]+@[^@\s<>,;]+\.[^@\s<>,;]+$")


def resolve_recipients(state: State, field: str) -> list[str]:
    """Addresses from a To/Cc/Bcc field: addresses, `Name <addr>`, or contact names."""
    out: list[str] = []
    contacts = state["email"]["contacts"]
    for raw in re.split(r"[,;\n]", field or ""):
        tok = raw.strip()
        if not tok:
            continue
        m = re.search(r"<([^<>]+)>\s*$", tok)
        if m:
            tok = m.group(1).strip()
        if "@" in tok:
            if not _ADDR.match(tok):
                raise RecipientError(f'The address "{raw.strip()}" was not recognized.')
            out.append(tok.lower())
            continue
        want = " ".join(tok.lower().split())
        exact = [c for c in contacts if c["name"].lower() == want]
        partial = [c for c in contacts
                   if want in (c["name"].lower().split()[0], c["name"].lower().split()[-1])]
        found = exact or (partial if len(partial) == 1 else [])
        if not found:
            raise RecipientError(f'The address "{raw.strip()}" was not recognized. '
                                 "Use an email address or a contact's full name.")
        out.append(found[0]["email"])
    return list(dict.fromkeys(out))


def send(state: State, to: str, cc: str, bcc: str, subject: str, body: str,
         reply_to: str | None = None, forward_of: str | None = None) -> Email:
    """Add a sent email to the store (new id); raises RecipientError on a bad address."""
    to_list = resolve_recipients(state, to)
    if not to_list:
        raise RecipientError("Please specify at least one recipient.")
    cc_list, bcc_list = resolve_recipients(state, cc), resolve_recipients(state, bcc)
    all_ids = [int(k) for k in (*emails(state), *snoozed(state)) if k.isdigit()]
    new_id = str(max(all_ids, default=0) + 1)
    t = now(state)
    user = state["email"]["user"]
    email: Email = {
        "id": new_id, "from": user["name"], "fromEmail": user["email"], "to": to_list,
        "cc": cc_list, "bcc": bcc_list, "subject": subject.strip(), "content": body,
        "date": t.date().isoformat(), "time": f"{t:%H:%M}", "isRead": True, "starred": False,
        "trash": False, "archived": False, "labels": [], "sent": True, "draft": False,
        "spam": False, "isReply": reply_to is not None, "isForward": forward_of is not None,
    }
    if reply_to is not None:
        email["inReplyTo"] = reply_to
    if forward_of is not None:
        email["forwardOf"] = forward_of
    emails(state)[new_id] = email
    return email
