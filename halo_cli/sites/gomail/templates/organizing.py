"""GoMail templates that sort mail: star, mark unread, delete, archive, label, snooze.

The judges read `differences.emails.updated` (id + changed fields, as REAL's gomail
scripts do) and `initialfinaldiff` for labels and snoozes, and ask for exactly the emails
the goal names: the wrong email, or more than the goal asked, fails."""

from __future__ import annotations

import random
from typing import Any

from halo_cli.sites import reference as R
from halo_cli.sites.gomail.solutions import SELECT_ALL, tick
from halo_cli.sites.gomail.store import actions, folders, mailbox
from halo_cli.sites.gomail.templates import common as C
from halo_cli.sites.gomail.views import ACTIONS
from halo_cli.sites.reference import Step
from halo_cli.sites.templates import Draft, Template, Verdict

#: names for a label the goal asks to create
NEW_LABELS = ("Follow up", "Clients", "Finance", "Newsletters", "To do", "Important",
              "Projects", "Bills", "Read later", "Team")

#: how a goal says a snooze length
SNOOZE_WORDS = {1: ("1 day", "a day", "until tomorrow"), 2: ("2 days", "two days"),
                3: ("3 days", "three days"), 7: ("7 days", "a week"),
                14: ("14 days", "two weeks"), 30: ("30 days", "a month")}


def _cap(text: str) -> str:
    return text[0].upper() + text[1:]


def _target(email: dict[str, Any]) -> dict[str, Any]:
    """The params naming one email (the browser solution finds it by these)."""
    return {"ids": [email["id"]], "sender": email["from"], "subject": email["subject"]}


def _retarget(rng: random.Random, params: dict[str, Any], pool: list[dict[str, Any]]
              ) -> dict[str, Any]:
    """The params with another email of `pool` (the wrong item)."""
    other = rng.choice([e for e in pool if e["id"] not in params["ids"]])
    return {**params, **_target(other)}


def _plus_one(rng: random.Random, params: dict[str, Any], pool: list[dict[str, Any]]
              ) -> dict[str, Any]:
    """The params with one more email done as well (more than the goal asked)."""
    other = rng.choice([e for e in pool if e["id"] not in params["ids"]])
    return {**params, "extra": [other["id"]]}


class _Toolbar(Template):
    """A toolbar action on some emails, judged by one flag changing on exactly them."""

    site = "gomail"
    action: str  # the toolbar action (`/act`'s `action`)
    key: str  # the email field it sets
    value: bool
    button: str  # the toolbar button's name

    def judge(self, params: dict[str, Any], finish: dict[str, Any]) -> Verdict:
        ok, why = C.same_set(C.updated_to(finish, self.key, self.value), params["ids"],
                             f"{self.key}={self.value}")
        return Verdict(ok, why)

    def reach(self, params: dict[str, Any], client: Any) -> None:
        C.act(client, params.get("action", self.action), [*params["ids"],
                                                          *params.get("extra", [])])

    def button_for(self, params: dict[str, Any]) -> str:
        """The toolbar button of `action` (the goal's; a near miss's other action)."""
        action = params.get("action", self.action)
        return self.button if action == self.action else ACTIONS[action]

    def solution(self, params: dict[str, Any]) -> list[Step]:
        return [*C.find_and_tick(params["sender"], params["subject"]),
                R.click("button", self.button_for(params), exact=True), R.send("Done.")]


class StarTemplate(Template):
    """Star an unstarred email or unstar a starred one (by sender or subject)."""

    site = "gomail"
    name = "star_or_unstar"
    base_task = "gomail-5"

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft | None:
        email, desc = C.pick_email(rng, state, C.inbox(state))
        want = not email["starred"]
        if want:
            goal = rng.choice((f"Star {desc}", f"Add a star to {desc}",
                               f"mark {desc} as starred",
                               f"Can you star {desc}? I need to come back to it."))
        else:
            goal = rng.choice((f"Unstar {desc}", f"Remove the star from {desc}",
                               f"{_cap(desc)} doesn't need a star anymore, unstar it"))
        params = {**_target(email), "starred": want}
        return Draft(params, rng.choice(C.PREFIXES) + goal, difficulty=1)

    def judge(self, params: dict[str, Any], finish: dict[str, Any]) -> Verdict:
        flipped = {str(u.get("id")) for u in C.changes(finish)["updated"] if "starred" in u}
        ok, why = C.same_set(flipped, params["ids"], "star changed")
        if ok and C.updated_to(finish, "starred", params["starred"]) != set(params["ids"]):
            return Verdict(False, f"star of {params['ids']} not set to {params['starred']}")
        return Verdict(ok, why)

    def reach(self, params: dict[str, Any], client: Any) -> None:
        for eid in [*params["ids"], *params.get("extra", [])]:
            C.star(client, eid)

    def near_misses(self, params: dict[str, Any], state: dict[str, Any]
                    ) -> list[dict[str, Any]]:
        rng, pool = C.seeded(params, "star"), C.inbox(state)
        return [_retarget(rng, params, pool), _plus_one(rng, params, pool)]

    def solution(self, params: dict[str, Any]) -> list[Step]:
        verb = "Star" if params["starred"] else "Unstar"
        return [*C.search(params["subject"]),
                R.click("button", f"{verb} {C.row_name(params['sender'], params['subject'])}",
                        exact=True), R.send("Done.")]


class MarkUnreadTemplate(_Toolbar):
    """Mark a read email unread (by sender or subject)."""

    name = "mark_unread"
    base_task = "gomail-1"
    action, key, value, button = "unread", "isRead", False, "Mark as unread"

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft | None:
        pool = [e for e in C.inbox(state) if e["isRead"]]
        email, desc = C.pick_email(rng, state, pool)
        goal = rng.choice((f"Mark {desc} as unread",
                           f"mark {desc} unread so I remember to get back to it",
                           f"Set {desc} back to unread", f"{desc} -> unread"))
        return Draft(_target(email), rng.choice(C.PREFIXES) + goal, difficulty=1)

    def near_misses(self, params: dict[str, Any], state: dict[str, Any]
                    ) -> list[dict[str, Any]]:
        rng = C.seeded(params, "unread")
        pool = [e for e in C.inbox(state) if e["isRead"]]
        return [_retarget(rng, params, pool), _plus_one(rng, params, pool)]


class ArchiveTemplate(_Toolbar):
    """Archive one email (by sender or subject) or everything under a label."""

    name = "archive_emails"
    base_task = "gomail-17"
    action, key, value, button = "archive", "archived", True, "Archive"

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft | None:
        labs = mailbox.labels(state)
        if rng.random() < 0.25:
            lid = rng.choice(sorted(labs))
            ids = sorted((e["id"] for e in folders.labelled(state, lid)), key=int)
            if ids:
                name = labs[lid]["label"]
                goal = rng.choice((f"Archive all the emails labeled {name}",
                                   f"Archive everything in {name}",
                                   f"clean up my {name} label, archive all of it"))
                return Draft({"ids": ids, "sender": "", "subject": "", "label": name},
                             rng.choice(C.PREFIXES) + goal, difficulty=2)
        email, desc = C.pick_email(rng, state, C.inbox(state))
        goal = rng.choice((f"Archive {desc}", f"Move {desc} out of the inbox into the archive",
                           f"archive {desc}, I'm done with it"))
        return Draft({**_target(email), "label": ""}, rng.choice(C.PREFIXES) + goal,
                     difficulty=1)

    def near_misses(self, params: dict[str, Any], state: dict[str, Any]
                    ) -> list[dict[str, Any]]:
        rng, pool = C.seeded(params, "archive"), C.inbox(state)
        misses = [_plus_one(rng, params, pool), {**params, "action": "trash"}]
        if params["label"]:
            misses.append({**params, "ids": params["ids"][:-1]} if len(params["ids"]) > 1
                          else _retarget(rng, params, pool))
        else:
            misses.append(_retarget(rng, params, pool))
        return misses

    def solution(self, params: dict[str, Any]) -> list[Step]:
        if params["label"]:
            return [R.click("link", params["label"], exact=True), tick(SELECT_ALL),
                    R.click("button", self.button_for(params), exact=True), R.send("Done.")]
        return super().solution(params)


class LabelTemplate(Template):
    """Put a label on an email (by sender or subject); sometimes a label to create first."""

    site = "gomail"
    name = "label_email"
    base_task = "gomail-16"

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft | None:
        labs = mailbox.labels(state)
        email, desc = C.pick_email(rng, state, C.inbox(state))
        free = [v["label"] for k, v in sorted(labs.items()) if k not in email["labels"]]
        if rng.random() < 0.35 or not free:
            name = rng.choice(NEW_LABELS)
            goal = rng.choice((f'Create a label called "{name}" and put {desc} in it',
                               f"Make a new label {name} and apply it to {desc}",
                               f'label {desc} as "{name}" (the label doesn\'t exist yet)'))
            return Draft({**_target(email), "label": name, "new": True},
                         rng.choice(C.PREFIXES) + goal, difficulty=3)
        name = rng.choice(free)
        goal = rng.choice((f"Label {desc} as {name}", f"Add the {name} label to {desc}",
                           f"put {desc} under {name}", f"Tag {desc} with the {name} label"))
        return Draft({**_target(email), "label": name, "new": False},
                     rng.choice(C.PREFIXES) + goal, difficulty=2)

    def _seed_labels(self) -> dict[str, dict[str, Any]]:
        return mailbox.labels(mailbox.seed_state(self.base_task))

    def _label_id(self, finish: dict[str, Any], name: str) -> str | None:
        """The id of the label called `name`: a new one in `initialfinaldiff.added`, or a
        seed label (by the ids the seed has)."""
        diff = finish.get("initialfinaldiff") or {}
        added = ((diff.get("added") or {}).get("settings") or {}).get("customLabels") or {}
        for lid, lab in added.items():
            if isinstance(lab, dict) and C.norm(lab.get("label")) == C.norm(name):
                return str(lid)
        return next((k for k, v in self._seed_labels().items()
                     if C.norm(v["label"]) == C.norm(name)), None)

    def judge(self, params: dict[str, Any], finish: dict[str, Any]) -> Verdict:
        lid = self._label_id(finish, params["label"])
        if lid is None:
            return Verdict(False, f"no label {params['label']!r}")
        if params["new"] and lid in self._seed_labels():
            return Verdict(False, f"label {params['label']!r} was not created")
        got = {str(u.get("id")) for u in C.changes(finish)["updated"]
               if isinstance(u.get("labels"), list) and lid in u["labels"]}
        ok, why = C.same_set(got, params["ids"], f"label {params['label']!r}")
        return Verdict(ok, why)

    def reach(self, params: dict[str, Any], client: Any) -> None:
        if params["new"]:
            resp = client.post("/labels", data={"label": params["label"]})
            resp.raise_for_status()
            lid = str(resp.url).rstrip("/").rsplit("/", 1)[-1]
        else:
            lid = next(k for k, v in self._seed_labels().items() if v["label"] == params["label"])
        if params.get("apply", True):
            C.act(client, "label", [*params["ids"], *params.get("extra", [])], label=lid)

    def near_misses(self, params: dict[str, Any], state: dict[str, Any]
                    ) -> list[dict[str, Any]]:
        rng, pool = C.seeded(params, "label"), C.inbox(state)
        labs = mailbox.labels(state)
        target = next(e for e in pool if e["id"] == params["ids"][0])
        on = set(target["labels"])
        others = [v["label"] for k, v in sorted(labs.items())
                  if k not in on and v["label"] != params["label"]]
        lid = next((k for k, v in labs.items() if v["label"] == params["label"]), None)
        unlabelled = [e for e in pool if lid not in e["labels"]]
        misses = [_retarget(rng, params, unlabelled), _plus_one(rng, params, unlabelled)]
        if others:
            misses.append({**params, "label": rng.choice(others), "new": False})
        if params["new"]:
            misses.append({**params, "apply": False})
        return misses

    def solution(self, params: dict[str, Any]) -> list[Step]:
        steps: list[Step] = []
        if params["new"]:
            steps = [R.click("link", "Create new label"),
                     R.fill("textbox", "Label name", params["label"]),
                     R.click("button", "Create", exact=True)]
        return [*steps, *C.find_and_tick(params["sender"], params["subject"]),
                R.select("combobox", "Label", params["label"]),
                R.click("button", "Apply label", exact=True), R.send("Done.")]


class SnoozeTemplate(Template):
    """Snooze an email (by sender or subject) for a stated time."""

    site = "gomail"
    name = "snooze_email"
    base_task = "gomail-21"

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft | None:
        email, desc = C.pick_email(rng, state, C.inbox(state))
        days = rng.choice(sorted(SNOOZE_WORDS))
        span = rng.choice(SNOOZE_WORDS[days])
        span = span if span.startswith("until") else f"for {span}"
        goal = rng.choice((f"Snooze {desc} {span}", f"snooze {desc} {span} please",
                           f"I'll deal with {desc} later, snooze it {span}"))
        until = actions.snooze_until(state, days).date().isoformat()
        return Draft({**_target(email), "days": days, "until": until},
                     rng.choice(C.PREFIXES) + goal, difficulty=2)

    def judge(self, params: dict[str, Any], finish: dict[str, Any]) -> Verdict:
        diff = finish.get("initialfinaldiff") or {}
        parked = ((diff.get("added") or {}).get("email") or {}).get("snoozed") or {}
        ok, why = C.same_set({str(k) for k in parked}, params["ids"], "snoozed")
        if not ok:
            return Verdict(False, why)
        for eid in params["ids"]:
            until = str((parked.get(eid) or {}).get("snoozeUntil", ""))
            if not until.startswith(params["until"]):
                return Verdict(False, f"{eid} snoozed until {until or '?'}, "
                               f"not {params['until']}")
        return Verdict(True, f"snoozed {params['ids']} until {params['until']}")

    def reach(self, params: dict[str, Any], client: Any) -> None:
        C.act(client, params.get("action", "snooze"),
              [*params["ids"], *params.get("extra", [])], days=str(params["days"]))

    def near_misses(self, params: dict[str, Any], state: dict[str, Any]
                    ) -> list[dict[str, Any]]:
        rng, pool = C.seeded(params, "snooze"), C.inbox(state)
        days = rng.choice([d for d in SNOOZE_WORDS if d != params["days"]])
        return [_retarget(rng, params, pool), {**params, "days": days},
                {**params, "action": "archive"}]

    def solution(self, params: dict[str, Any]) -> list[Step]:
        days = params["days"]
        return [*C.find_and_tick(params["sender"], params["subject"]),
                R.select("combobox", "Snooze for", f"{days} day{'s' if days > 1 else ''}"),
                R.click("button", "Snooze", exact=True), R.send("Done.")]
