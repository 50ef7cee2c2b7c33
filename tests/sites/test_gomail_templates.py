"""GoMail's templates, what is GoMail's own (the contract every template keeps is
tests/sites/test_templates.py): the judges ignore reading and searching, take any case and
extra words but want the key words and the cc the goal names; the searches the solutions
use find just the named email."""

from __future__ import annotations

import pytest

from halo_cli.sites.registry import get_site
from halo_cli.sites.templates import SiteClient, template_of, templates_of
from tests.support.templates import draft

SITE = get_site("gomail")
TEMPLATES = templates_of("gomail")


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("t", TEMPLATES, ids=lambda t: t.name)
def test_reading_and_searching_first_leave_the_reference_passing(t, seed):
    """Harmless wandering first (a search, two emails opened: they become read)."""
    d = draft(t, seed)
    client = SiteClient(SITE, t.base_task)
    client.get("/search", params={"q": "meeting"})
    client.get("/email/1")
    client.get("/email/29")
    t.reach(d.params, client)
    done = t.judge(d.params, client.finish())
    assert done.ok, f"{d.goal}: {done.reason}"


def test_reply_judge_takes_any_case_and_extra_words_but_wants_the_key_words():
    t = template_of("gomail", "reply_with_message")
    p = draft(t, 3).params
    client = SiteClient(SITE, t.base_task)
    client.post("/send", data={"to": p["sender_email"].upper(), "subject": "re: " + p["subject"],
                               "body": f"Hi!\n\n{p['message'].upper()}\n\nBest,\nAlex",
                               "reply_to": p["eid"]})
    assert t.judge(p, client.finish()).ok
    other = SiteClient(SITE, t.base_task)
    other.post("/send", data={"to": p["sender_email"], "subject": "Re: " + p["subject"],
                              "body": "Sounds good!", "reply_to": p["eid"]})
    assert not t.judge(p, other.finish()).ok


def test_compose_judge_wants_the_cc_the_goal_names():
    t = template_of("gomail", "compose_new_email")
    d = next(d for d in (draft(t, s) for s in range(50)) if d.params["cc"])
    assert "Cc" in d.goal and d.difficulty == 3
    client = SiteClient(SITE, t.base_task)
    p = d.params
    client.post("/send", data={"to": p["to"], "cc": p["to"], "subject": p["subject"],
                               "body": p["body"]})
    assert not t.judge(p, client.finish()).ok


def test_the_search_solutions_use_finds_just_the_named_email():
    from halo_cli.sites.gomail.store import folders
    from halo_cli.sites.gomail.templates import common

    state = SITE.seed_state("gomail-1")
    for email in common.inbox(state):
        query = common.query_for(email["from"], email["subject"])
        assert [e["id"] for e in folders.search(state, query)] == [email["id"]], query
