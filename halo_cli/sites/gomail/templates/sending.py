"""GoMail templates that send mail: reply to an email, forward one, write a new one.

Each judge looks for one sent email in `differences.emails.added` (where REAL's gomail
scripts look) with the right recipient, the right thread and the goal's key words."""

from __future__ import annotations

import random
from typing import Any

from halo_cli.sites import reference as R
from halo_cli.sites.gomail.templates import common as C
from halo_cli.sites.reference import Step
from halo_cli.sites.templates import Draft, Template, Verdict

#: reply lines: (text with {day}/{time}, key words the judge wants)
REPLIES = (
    ("Sounds good, see you on {day}.", ("{day}",)),
    ("Can we push this to {day} at {time}?", ("{day}", "{t}")),
    ("Thanks, I'll get back to you by {day}.", ("{day}",)),
    ("Works for me, let's meet {day} at {time}.", ("{day}", "{t}")),
    ("I'm out until {day}, let's pick this up then.", ("{day}",)),
    ("Got it, I'll have it ready by {time} on {day}.", ("{day}", "{t}")),
)

#: notes added to a forward: (text, key words)
NOTES = (
    ("FYI", ("fyi",)),
    ("Can you take a look at this by {day}?", ("{day}",)),
    ("Let's discuss this on {day} at {time}.", ("{day}", "{t}")),
    ("Please handle this one.", ("handle",)),
)

#: new emails: (subject, body after the greeting, key words of the body)
TOPICS = (
    ("Lunch on {day}", "are you free for lunch on {day}?", ("lunch", "{day}")),
    ("Meeting moved", "the meeting is moved to {day} at {time}.", ("{day}", "{t}")),
    ("Quick call", "do you have time for a quick call on {day} at {time}?",
     ("call", "{day}", "{t}")),
    ("Report due", "the report is due on {day}.", ("report", "{day}")),
    ("Out of office", "I'll be out of office on {day}.", ("office", "{day}")),
    ("Budget review", "can we go over the budget on {day} at {time}?",
     ("budget", "{day}", "{t}")),
)


def _slots(rng: random.Random) -> dict[str, str]:
    """A drawn day and time (`t`: the time without AM/PM, the judge's key word)."""
    day, time = rng.choice(C.DAYS), rng.choice(C.TIMES)
    return {"day": day, "time": time, "t": time.split()[0]}


def _fill(rng: random.Random, text: str, keys: tuple[str, ...]) -> tuple[str, list[str]]:
    """A line with a drawn day and time, and its key words."""
    slots = _slots(rng)
    return text.format(**slots), [k.format(**slots) for k in keys]


def _redraw(params: dict[str, Any], text: str, keys: tuple[str, ...], salt: str
            ) -> tuple[str, list[str]]:
    """The same kind of line with other key words (a near miss's wrong day or time)."""
    rng = C.seeded(params, salt)
    while True:
        line, words = _fill(rng, text, keys)
        if words != params["keywords"] and line != params.get("message"):
            return line, words


def _recipient(rng: random.Random, contact: dict[str, str]) -> str:
    """How a goal names a contact: full name, first name or address."""
    return rng.choice((contact["name"], contact["name"], C.first_name(contact["name"]),
                       contact["email"]))


class ReplyTemplate(Template):
    """Reply to an email (found by sender or subject) with a stated line."""

    site = "gomail"
    name = "reply_with_message"
    base_task = "gomail-23"

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft | None:
        pool = [e for e in C.inbox(state) if C.is_person(e)]
        email, desc = C.pick_email(rng, state, pool)
        text, keys = rng.choice(REPLIES)
        message, words = _fill(rng, text, keys)
        first = C.first_name(email["from"])
        goal = rng.choice((
            f'Reply to {desc} and say "{message}"',
            f'Answer {desc}: "{message}"',
            f'Can you reply to {desc}? Tell {first} "{message}"',
            f"reply to {desc} saying {message[0].lower()}{message[1:]}",
        ))
        params = {"eid": email["id"], "sender": email["from"], "sender_email": email["fromEmail"],
                  "subject": email["subject"], "message": message, "keywords": words,
                  "template": [text, list(keys)]}
        return Draft(params, rng.choice(C.PREFIXES) + goal, difficulty=2)

    def judge(self, params: dict[str, Any], finish: dict[str, Any]) -> Verdict:
        addr = params["sender_email"].lower()
        replies = [m for m in C.sent_mail(finish)
                   if str(m.get("inReplyTo")) == params["eid"]
                   or (addr in C.addresses(m.get("to"))
                       and C.norm(params["subject"]) in C.norm(m.get("subject")))]
        if not replies:
            return Verdict(False, f"no reply to email {params['eid']} ({params['subject']!r})")
        for m in replies:
            if addr in C.addresses(m.get("to")) and C.has_words(m.get("content"),
                                                                 params["keywords"]):
                return Verdict(True, f"replied to {addr} with {params['keywords']}")
        return Verdict(False, f"a reply, but not to {addr} with {params['keywords']}")

    def reach(self, params: dict[str, Any], client: Any) -> None:
        client.get(f"/email/{params['eid']}/reply")
        C.send(client, to=params["sender_email"], subject=f"Re: {params['subject']}",
               body=params["message"], reply_to=params["eid"])

    def near_misses(self, params: dict[str, Any], state: dict[str, Any]
                    ) -> list[dict[str, Any]]:
        rng = C.seeded(params, "reply")
        pool = [e for e in C.inbox(state) if C.is_person(e)]
        other = C.other_email(rng, pool, params["eid"])
        text, keys = params["template"]
        message, words = _redraw(params, text, tuple(keys), "reply-line")
        return [
            {**params, "eid": other["id"], "sender": other["from"],
             "sender_email": other["fromEmail"], "subject": other["subject"]},
            {**params, "message": message, "keywords": words},
        ]

    def solution(self, params: dict[str, Any]) -> list[Step]:
        return [*C.open_email(params["sender"], params["subject"]), R.click("link", "Reply", exact=True),
                R.fill("textbox", "Body", params["message"]),
                R.click("button", "Send", exact=True), R.send("Done.")]


class ForwardTemplate(Template):
    """Forward an email (by sender or subject) to a contact, sometimes with a note."""

    site = "gomail"
    name = "forward_to_contact"
    base_task = "gomail-4"

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft | None:
        email, desc = C.pick_email(rng, state, C.inbox(state))
        contact = rng.choice([c for c in C.contacts(state) if c["email"] != email["fromEmail"]])
        who = _recipient(rng, contact)
        note, words = "", []
        if rng.random() < 0.5:
            text, keys = rng.choice(NOTES)
            note, words = _fill(rng, text, keys)
        if note:
            goal = rng.choice((
                f'Forward {desc} to {who} with a note saying "{note}"',
                f'Send {desc} on to {who} and add "{note}"',
                f'fwd {desc} to {who}, note: "{note}"',
            ))
        else:
            goal = rng.choice((f"Forward {desc} to {who}", f"Send {desc} on to {who}",
                               f"Can you forward {desc} to {who}?", f"fwd {desc} to {who}"))
        params = {"eid": email["id"], "sender": email["from"], "subject": email["subject"],
                  "to": contact["email"], "to_name": contact["name"], "note": note,
                  "keywords": words}
        return Draft(params, rng.choice(C.PREFIXES) + goal, difficulty=3 if note else 2)

    def judge(self, params: dict[str, Any], finish: dict[str, Any]) -> Verdict:
        subj = C.norm(params["subject"])
        fwds = [m for m in C.sent_mail(finish)
                if str(m.get("forwardOf")) == params["eid"]
                or (subj in C.norm(m.get("subject"))
                    and C.norm(m.get("subject")).startswith(("fwd", "fw")))]
        if not fwds:
            return Verdict(False, f"email {params['eid']} ({params['subject']!r}) not forwarded")
        for m in fwds:
            if params["to"] in C.addresses(m.get("to")) and C.has_words(m.get("content"),
                                                                        params["keywords"]):
                return Verdict(True, f"forwarded {params['eid']} to {params['to']}"
                               + (f" with {params['keywords']}" if params["note"] else ""))
        return Verdict(False, f"forwarded, but not to {params['to']}"
                       + (f" with {params['keywords']}" if params["note"] else ""))

    def reach(self, params: dict[str, Any], client: Any) -> None:
        client.get(f"/email/{params['eid']}/forward")
        C.send(client, to=params["to"], subject=f"Fwd: {params['subject']}",
               body=params["note"] or "See below.", forward_of=params["eid"])

    def near_misses(self, params: dict[str, Any], state: dict[str, Any]
                    ) -> list[dict[str, Any]]:
        rng = C.seeded(params, "forward")
        wrong = rng.choice([c for c in C.contacts(state) if c["email"] != params["to"]])
        other = C.other_email(rng, C.inbox(state), params["eid"])
        misses = [{**params, "to": wrong["email"], "to_name": wrong["name"]},
                  {**params, "eid": other["id"], "sender": other["from"],
                   "subject": other["subject"]}]
        if params["note"]:
            misses.append({**params, "note": ""})
        return misses

    def solution(self, params: dict[str, Any]) -> list[Step]:
        steps = [*C.open_email(params["sender"], params["subject"]), R.click("link", "Forward", exact=True),
                 R.fill("textbox", "To", params["to_name"])]
        if params["note"]:
            steps.append(R.fill("textbox", "Body", params["note"]))
        return [*steps, R.click("button", "Send", exact=True), R.send("Done.")]


class ComposeTemplate(Template):
    """Write a new email to a contact with a stated subject and message (sometimes a Cc)."""

    site = "gomail"
    name = "compose_new_email"
    base_task = "gomail-4"

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft | None:
        people = C.contacts(state)
        contact = rng.choice(people)
        who = _recipient(rng, contact)
        subject_t, body_t, keys = rng.choice(TOPICS)
        slots = _slots(rng)
        subject, body = subject_t.format(**slots), body_t.format(**slots)
        words = [k.format(**slots) for k in keys]
        cc = rng.choice([c for c in people if c is not contact]) if rng.random() < 0.3 else None
        first = C.first_name(contact["name"])
        said = body[0].upper() + body[1:]
        goal = rng.choice((
            f'Send an email to {who} with the subject "{subject}" saying "{said}"',
            f'Email {who} (subject: {subject}) and ask {first}: "{said}"'
            if said.endswith("?") else f'Email {who} (subject: {subject}) and tell {first} '
            f'"{said}"',
            f'Write {who} an email titled "{subject}": {said}',
        ))
        if cc:
            goal += f" Cc {cc['name']}."
        params = {"to": contact["email"], "to_name": contact["name"], "subject": subject,
                  "body": f"Hi {first}, {body}", "keywords": words,
                  "cc": cc["email"] if cc else "", "cc_name": cc["name"] if cc else "",
                  "template": [body_t, list(keys)]}
        return Draft(params, rng.choice(C.PREFIXES) + goal, difficulty=3 if cc else 2)

    def judge(self, params: dict[str, Any], finish: dict[str, Any]) -> Verdict:
        mine = [m for m in C.sent_mail(finish)
                if not m.get("inReplyTo") and not m.get("forwardOf")
                and params["to"] in C.addresses(m.get("to"))]
        if not mine:
            return Verdict(False, f"no new email to {params['to']}")
        for m in mine:
            if C.norm(params["subject"]) not in C.norm(m.get("subject")):
                continue
            if not C.has_words(m.get("content"), params["keywords"]):
                continue
            if params["cc"] and params["cc"] not in C.addresses(m.get("cc")):
                continue
            return Verdict(True, f"sent {params['subject']!r} to {params['to']}"
                           + (f" cc {params['cc']}" if params["cc"] else ""))
        return Verdict(False, f"an email to {params['to']}, but not {params['subject']!r} with "
                       f"{params['keywords']}" + (f" cc {params['cc']}" if params["cc"] else ""))

    def reach(self, params: dict[str, Any], client: Any) -> None:
        client.get("/compose")
        C.send(client, to=params["to_name"], cc=params["cc_name"], subject=params["subject"],
               body=params["body"])

    def near_misses(self, params: dict[str, Any], state: dict[str, Any]
                    ) -> list[dict[str, Any]]:
        rng = C.seeded(params, "compose")
        wrong = rng.choice([c for c in C.contacts(state)
                            if c["email"] not in (params["to"], params["cc"])])
        text, keys = params["template"]
        line, words = _redraw(params, text, tuple(keys), "compose-line")
        first = C.first_name(params["to_name"])
        misses = [{**params, "to": wrong["email"], "to_name": wrong["name"]},
                  {**params, "body": f"Hi {first}, {line}", "keywords": words}]
        if params["cc"]:
            misses.append({**params, "cc": "", "cc_name": ""})
        return misses

    def solution(self, params: dict[str, Any]) -> list[Step]:
        steps = [R.click("link", "Compose", exact=True),
                 R.fill("textbox", "To", params["to_name"])]
        if params["cc_name"]:
            steps.append(R.fill("textbox", "Cc", params["cc_name"]))
        return [*steps, R.fill("textbox", "Subject", params["subject"]),
                R.fill("textbox", "Body", params["body"]),
                R.click("button", "Send", exact=True), R.send("Done.")]
