"""Reference solutions (must score 1) and negative controls (must score 0) for GoMail.

Steps name their targets by role and accessible name only; see `views.py` for the names.
"""

from __future__ import annotations

from dataclasses import dataclass

from halo_cli.obs.locate import find
from halo_cli.sites import reference as R
from halo_cli.sites.reference import Solution, Step, TargetNotFound

SELECT_ALL = "Select all conversations"


@dataclass
class Tick(Step):
    """Tick a checkbox by clicking it (agisdk's action set has no `check`); once."""

    role: str
    name: str
    nth: int = 0
    _done: bool = False

    def next_action(self, obs: dict) -> str | None:
        if self._done:
            return None
        self._done = True
        node = find(obs["axtree_object"], self.role, self.name, nth=self.nth)
        if node is None:
            raise TargetNotFound(f"no {self.role} named {self.name!r} (nth={self.nth})")
        if str(node.props.get("checked", "false")).lower() == "true":
            return None
        return f"click({node.bid!r})"

    def reset(self) -> None:
        self._done = False


def tick(name: str, nth: int = 0) -> Step:
    return Tick("checkbox", name, nth)


def _search(text: str) -> list[Step]:
    return [R.fill("textbox", "Search mail", text), R.click("button", "Search", exact=True)]


def _trash_all_shown() -> list[Step]:
    return [tick(SELECT_ALL), R.click("button", "Delete", exact=True)]


def _compose(to: str, subject: str, body: str) -> list[Step]:
    return [
        R.click("link", "Compose", exact=True),
        R.fill("textbox", "To", to),
        R.fill("textbox", "Subject", subject),
        R.fill("textbox", "Body", body),
        R.click("button", "Send", exact=True),
    ]


def _check(*senders: str) -> list[Step]:
    return [tick(f"Select email from {s}") for s in senders]


def solutions() -> list[Solution]:
    """One reference solution per supported task (fresh step objects on every call)."""
    S = Solution
    return [
        S("gomail-1", [tick(SELECT_ALL), R.click("button", "Mark as read"),
                       *_search("amazon"), *_trash_all_shown()]),
        S("gomail-2", [*_search("uber"), *_trash_all_shown(),
                       *_search("notification"), *_trash_all_shown()]),
        S("gomail-4", _compose("Alexa Richardson", "Files",
                               "Hi Alexa,\n\nPlease let me know when the files come in.\n\n"
                               "Thanks,\nAlex")),
        S("gomail-5", [R.click("link", "Starred", exact=True), *_trash_all_shown(),
                       *_compose("alexa.richardson@example.com", "Signing my work permit",
                                 "Hi Alexa,\n\nCould you sign my work permit this week?\n\n"
                                 "Thanks,\nAlex")]),
        S("gomail-7", _compose("ashley.campbell@example.com", "Team dinner",
                               "Hi Ashley, are you coming to the team dinner on Friday?")),
        S("gomail-8", _compose("kevin.moore@example.com", "Project details",
                               "Hi Kevin, could you send me the project details? Thanks!")),
        S("gomail-9", _compose("barbara.thomas@example.com", "Project plan",
                               "Hi Barbara, I'd like to go over the project plan with you. "
                               "Do you have time this week?")),
        S("gomail-11", [*_search("older_than:2m"), *_trash_all_shown()]),
        S("gomail-12", _compose("Charles", "Any new clients?",
                                "Hi Charles, have you found any new clients this month?")),
        S("gomail-13", _compose("Carol", "Meeting time change",
                                "Hi Carol, there has been a time change for the meeting: "
                                "it is now moved to 8:30 AM.")),
        S("gomail-14", _trash_all_shown()),
        S("gomail-15", _compose("Danielle", "System update launched",
                                "Hi Danielle, the new system update has been launched.")),
        S("gomail-16", [R.click("link", "Create new label"),
                        R.fill("textbox", "Label name", "Support Emails"),
                        R.click("button", "Create", exact=True)]),
        S("gomail-17", [*_check("Laura Martinez", "Robert Taylor", "Uber Receipts"),
                        R.click("button", "Archive", exact=True)]),
        S("gomail-18", _compose("brian.king@example.com", "Meeting notes",
                                "Hi Brian, could you send me the meeting notes? Thanks!")),
        S("gomail-19", _compose("angela.white@example.com", "FTA dates",
                                "Hi Angela, when do you go on FTA?")),
        S("gomail-20", [*_trash_all_shown(), *_trash_all_shown()]),
        S("gomail-21", [*_search("alerts"), tick(SELECT_ALL),
                        R.select("combobox", "Snooze for", "7 days"),
                        R.click("button", "Snooze", exact=True)]),
        S("gomail-23", [R.click("link", "Jane Smith"), R.click("link", "Reply", exact=True),
                        R.fill("textbox", "Body", "Thanks Jane, the agenda looks good to me."),
                        R.click("button", "Send", exact=True),
                        *_search("support"), *_trash_all_shown()]),
        S("gomail-24", [*_check("John Doe"), R.click("button", "Delete", exact=True)]),
        S("gomail-26", [*_search("no-reply"), *_trash_all_shown()]),
    ]


def negatives() -> list[Solution]:
    """Plausible wrong solutions the real eval scripts must score 0."""

    def N(task: str, label: str, steps: list[Step]) -> Solution:
        return Solution(task, steps, kind="negative", label=label)

    return [
        N("gomail-1", "delete-every-visible-email", _trash_all_shown()),
        N("gomail-5", "trash-one-starred-only",
          [R.click("link", "Starred", exact=True),
           tick("Select email from"), R.click("button", "Delete", exact=True),
           *_compose("alexa.richardson@example.com", "Signing my work permit",
                     "Hi Alexa, could you sign my work permit?")]),
        N("gomail-7", "email-wrong-person",
          _compose("kevin.moore@example.com", "Team dinner",
                   "Hi Kevin, are you coming to the team dinner on Friday?")),
        N("gomail-11", "delete-newest-emails",
          [*_check("Laura Martinez", "Robert Taylor"), R.click("button", "Delete", exact=True)]),
        N("gomail-17", "archive-yesterdays-emails",
          [*_check("Atlassian Support", "Weather Alerts"),
           R.click("button", "Archive", exact=True)]),
        N("gomail-21", "snooze-notifications-instead",
          [*_search("notification"), tick(SELECT_ALL),
           R.select("combobox", "Snooze for", "7 days"),
           R.click("button", "Snooze", exact=True)]),
        N("gomail-24", "delete-jane-smith-instead",
          [*_check("Jane Smith"), R.click("button", "Delete", exact=True)]),
        N("gomail-26", "delete-notifications-instead",
          [*_search("notification"), *_trash_all_shown()]),
    ]
