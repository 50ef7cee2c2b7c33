"""What GoMail's templates share: picking emails from the seed mailbox, naming them in a
goal, reading `/finish` the way REAL's gomail scripts do, and the browser steps that find
an email (search, then its row)."""

from __future__ import annotations

import random
import re
from typing import Any

from halo_cli.sites import reference as R
from halo_cli.sites.gomail.solutions import tick
from halo_cli.sites.gomail.store import folders
from halo_cli.sites.gomail.store.mailbox import Email, State
from halo_cli.sites.reference import Step

#: goals open like REAL's gomail goals: mostly bare, sometimes "GoMail: "
PREFIXES = ("", "", "GoMail: ")

DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
TIMES = ("9:30 AM", "10:15 AM", "11:45 AM", "1:30 PM", "2:15 PM", "3:45 PM", "4:30 PM")


# --- the seed mailbox -------------------------------------------------------------------

def inbox(state: State) -> list[Email]:
    """The inbox, oldest first (ids break ties)."""
    return sorted(folders.folder(state, "inbox"), key=lambda e: (e["date"], e["time"], int(e["id"])))


def is_person(email: Email) -> bool:
    """Mail from a person (a contact), not a service."""
    return email["fromEmail"].endswith("@example.com")


def sole_from(state: State) -> list[Email]:
    """Inbox emails whose sender sent nothing else in the inbox (so "the email from X"
    names one email)."""
    box = inbox(state)
    counts: dict[str, int] = {}
    for e in box:
        counts[e["from"]] = counts.get(e["from"], 0) + 1
    return [e for e in box if counts[e["from"]] == 1]


def sender_groups(state: State) -> dict[str, list[str]]:
    """Sender name -> ids of all their inbox mail, for senders whose `from:"Name"` search
    finds exactly that mail (so the browser solution can select them all)."""
    box = inbox(state)
    groups: dict[str, list[str]] = {}
    for e in box:
        groups.setdefault(e["from"], []).append(e["id"])
    return {name: ids for name, ids in groups.items()
            if sorted(x["id"] for x in folders.search(state, f'from:"{name}"')) == sorted(ids)}


def contacts(state: State) -> list[dict[str, str]]:
    return list(state["email"]["contacts"])


def first_name(name: str) -> str:
    return name.split()[0]


def describe(rng: random.Random, email: Email, by_sender: bool) -> str:
    """How a goal names one email: by its sender (when that names one) or its subject."""
    if by_sender:
        who = email["from"]
        return rng.choice((f"the email from {who}", f"{who}'s email", f"{who}'s last email"))
    subj = email["subject"]
    return rng.choice((f'the "{subj}" email', f'the email about "{subj}"',
                       f"the email with the subject {subj}"))


def pick_email(rng: random.Random, state: State, pool: list[Email]) -> tuple[Email, str]:
    """An email from `pool` and how the goal names it."""
    email = rng.choice(pool)
    unique = any(e["id"] == email["id"] for e in sole_from(state))
    return email, describe(rng, email, by_sender=unique and rng.random() < 0.5)


def other_email(rng: random.Random, pool: list[Email], eid: str) -> Email:
    """Another email of `pool` (the near miss's wrong item)."""
    return rng.choice([e for e in pool if e["id"] != eid])


def seeded(params: dict[str, Any], salt: str) -> random.Random:
    """A rng fixed by the task's params: near misses are the same for the same task."""
    return random.Random(f"{salt}:{sorted(params.items())!r}")


# --- reading /finish --------------------------------------------------------------------

def changes(finish: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """`differences.emails`: `added` (new mail), `deleted`, `updated` (id + changed fields)."""
    got = (finish.get("differences") or {}).get("emails") or {}
    return {k: [x for x in got.get(k) or [] if isinstance(x, dict)]
            for k in ("added", "deleted", "updated")}


def updated_to(finish: dict[str, Any], key: str, value: Any) -> set[str]:
    """Ids of emails whose `key` changed to `value`."""
    return {str(u.get("id")) for u in changes(finish)["updated"] if key in u and u[key] == value}


def sent_mail(finish: dict[str, Any]) -> list[dict[str, Any]]:
    """The emails this session sent."""
    return [e for e in changes(finish)["added"] if e.get("sent") is True]


def addresses(value: Any) -> set[str]:
    return {str(a).strip().lower() for a in value or []}


def norm(text: Any) -> str:
    """Lower case, single spaces, no HTML tags: what a judge compares."""
    text = re.sub(r"<[^>]+>", " ", str(text or ""))
    return " ".join(text.lower().split())


def has_words(text: Any, words: list[str]) -> bool:
    """Every key word or phrase appears in `text` as a whole word (case aside)."""
    hay = norm(text)
    return all(re.search(r"(?<![a-z0-9])" + re.escape(norm(w)) + r"(?![a-z0-9])", hay)
               for w in words)


def same_set(got: set[str], want: list[str], what: str) -> tuple[bool, str]:
    """Whether exactly the wanted emails got a change, with the judge's line."""
    want_set = set(want)
    if not want_set <= got:
        return False, f"{what}: missing email(s) {sorted(want_set - got)}"
    if got - want_set:
        return False, f"{what}: also other email(s) {sorted(got - want_set)}"
    return True, f"{what}: exactly {sorted(want_set)}"


# --- reaching an end state over HTTP ---------------------------------------------------

def act(client: Any, action: str, ids: list[str], **extra: str) -> None:
    """A toolbar action on the selected emails, as the list page posts it."""
    resp = client.post("/act", data={"action": action, "ids": ids, "next": "/", **extra})
    resp.raise_for_status()


def star(client: Any, eid: str) -> None:
    """The row's star button (toggles)."""
    client.post("/star", data={"star": eid, "next": "/"}).raise_for_status()


def send(client: Any, **fields: str) -> None:
    """The compose form, posted (`to`, `cc`, `subject`, `body`, `reply_to`, `forward_of`)."""
    data = {"to": "", "cc": "", "bcc": "", "subject": "", "body": "", **fields}
    client.post("/send", data=data).raise_for_status()


# --- browser steps ---------------------------------------------------------------------

def search(text: str) -> list[Step]:
    return [R.fill("textbox", "Search mail", text), R.click("button", "Search", exact=True)]


def row_name(sender: str, subject: str) -> str:
    """The name a row's controls carry (`views.describe`)."""
    return f"email from {sender}: {subject}"


def query_for(sender: str, subject: str) -> str:
    """The search that finds just this email (a reply you sent shares its subject)."""
    return f'from:"{sender}" subject:"{subject}"'


def find_and_tick(sender: str, subject: str) -> list[Step]:
    """Search for the email, then tick its row."""
    return [*search(query_for(sender, subject)), tick(f"Select {row_name(sender, subject)}")]


def open_email(sender: str, subject: str) -> list[Step]:
    """Search for the email, then open it (its row's link holds the subject)."""
    return [*search(query_for(sender, subject)), R.click("link", subject)]
