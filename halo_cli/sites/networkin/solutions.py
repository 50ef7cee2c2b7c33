"""Reference solutions (must score 1) and negative controls (must score 0) for NetworkIn.

Targets are named by role and accessible name only; every call builds fresh objects.
"""

from __future__ import annotations

from halo_cli.sites import reference as R
from halo_cli.sites.reference import Solution, Step


def _search(query: str) -> list[Step]:
    return [R.fill("textbox", "Search", query), R.click("button", "Search", exact=True)]


def _post(text: str) -> list[Step]:
    return [R.fill("textbox", "What do you want to talk about?", text),
            R.click("button", "Post", exact=True)]


def _message(person: str, text: str) -> list[Step]:
    """From a list of people: open `person`'s profile, then Message them."""
    return [R.click("link", person, exact=True), R.click("link", f"Message {person}", exact=True),
            R.fill("textbox", "Write a message", text), R.click("button", "Send", exact=True)]


def _connect(person: str) -> Step:
    return R.click("button", f"Invite {person} to connect", exact=True)


def _follow(company: str) -> Step:
    return R.click("button", f"Follow {company}", exact=True)


def _share_mine(*people: str) -> list[Step]:
    return [R.click("link", "Send post by Div Garg"),
            *(R.check("checkbox", p) for p in people), R.click("button", "Send", exact=True)]


NETWORKING_POST = ("I'm hosting a networking event for AI builders next Thursday in San Francisco. "
                   "If you'd like to join, DM me!")


def solutions() -> list[Solution]:
    return [
        Solution("networkin-1", [R.click("link", "Companies", exact=True), _follow("Microsoft"),
                                 _follow("Google"), _follow("OpenAI"), R.send()]),
        Solution("networkin-5", [*_search("software engineer"),
                                 *_message("Kevin Nguyen", "Hi Kevin, would you be interested in "
                                           "working on a side project with me?"), R.send()]),
        Solution("networkin-6", [*_search("New York"),
                                 *_message("James Wilson", "Hi James, I'm starting a new project "
                                           "on AI agents. Would you like to join my new project?"),
                                 R.send()]),
        Solution("networkin-10", [R.click("link", "My Network", exact=True),
                                  _connect("James Wilson"), _connect("Kevin Nguyen"),
                                  _connect("Nina Gupta"), R.send()]),
        Solution("networkin-11", [*_post(NETWORKING_POST), *_share_mine("Alice Wong", "John Smith"),
                                  R.send()]),
        Solution("networkin-13", [*_post("Excited to share that I'm starting my summer internship "
                                         "at AGI Inc., building web agents!"), R.send()]),
        Solution("networkin-19", [*_post("I just finished my internship at AGI INC. Grateful to "
                                         "the whole team for an amazing summer!"), R.send()]),
        Solution("networkin-25", [R.click("link", "Events", exact=True),
                                  R.click("link", "Bay Area AI Builders Summit"),
                                  R.click("button", "Attend", exact=True), R.send()]),
        Solution("networkin-26", [*_search("Software Engineer"),
                                  *_message("Kevin Nguyen", "Hi Kevin, I'm early in my software "
                                            "career and would love your advice on growing as an "
                                            "engineer."), R.send()]),
        Solution("networkin-27", [*_search("Olivia Martinez"), _connect("Olivia Martinez"),
                                  R.send()]),
    ]


def negatives() -> list[Solution]:
    """Plausible wrong runs the real scripts must score 0 (the spec's near misses)."""
    neg = "negative"
    return [
        Solution("networkin-1", [R.click("link", "Companies", exact=True), _follow("Microsoft"),
                                 R.send()], kind=neg, label="only-microsoft"),
        Solution("networkin-5", [*_search("data scientist"),
                                 *_message("Sophia Lee", "Hi Sophia, would you be interested in "
                                           "a side project with me?"), R.send()],
                 kind=neg, label="data-scientist"),
        Solution("networkin-10", [R.click("link", "My Network", exact=True),
                                  _connect("James Wilson"), _connect("Kevin Nguyen"), R.send()],
                 kind=neg, label="two-connections"),
        Solution("networkin-11", [*_post(NETWORKING_POST), *_share_mine("Alice Wong"), R.send()],
                 kind=neg, label="sent-to-one"),
        Solution("networkin-19", [*_post("I finished my internship at AGI INC."),
                                  *_post("I finished my internship at AGI INC!"), R.send()],
                 kind=neg, label="posted-twice"),
        Solution("networkin-25", [R.click("link", "Events", exact=True),
                                  R.click("link", "Bay Area AI Builders Summit"), R.send()],
                 kind=neg, label="opened-event-only"),
        Solution("networkin-27", [*_search("Olivia Martin"), _connect("Olivia Martin"),
                                  R.send()], kind=neg, label="olivia-martin"),
    ]
