"""Sending mail from GoMail: recipients from addresses or contact names, and the sent email
added to the store. Callers hold the session lock."""

from __future__ import annotations

import re

from halo_cli.sites.gomail.store.mailbox import Email, State, emails, now, snoozed


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
