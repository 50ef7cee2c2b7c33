"""What GoMail lists: the folders, a label's mail, and Gmail-like search. Callers hold the
session lock."""

from __future__ import annotations

import re
from datetime import date, timedelta

from halo_cli.sites.gomail.store.mailbox import Email, State, emails, labels, now, snoozed

PAGE_SIZE = 50


def _newest_first(items: list[Email]) -> list[Email]:
    return sorted(items, key=lambda e: (e["date"], e.get("time", ""), int(e["id"])), reverse=True)


#: folder -> which emails it shows (snoozed mail is kept apart, in `email.snoozed`)
FOLDERS = {
    "inbox": lambda e: not e["sent"] and not e["trash"] and not e["archived"],
    "starred": lambda e: e["starred"] and not e["trash"],
    "sent": lambda e: e["sent"] and not e["trash"],
    "archive": lambda e: e["archived"] and not e["trash"],
    "trash": lambda e: e["trash"],
}


def folder(state: State, name: str) -> list[Email]:
    """Emails shown in a folder (`inbox`, `starred`, `snoozed`, `sent`, `archive`, `trash`)."""
    if name == "snoozed":
        return _newest_first(list(snoozed(state).values()))
    pred = FOLDERS[name]
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

