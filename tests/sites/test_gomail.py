"""GoMail replica without a browser: sessions, state shape, and the real v2 eval scripts
judging /finish JSON of sessions driven over HTTP."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from starlette.testclient import TestClient

from halo_cli.sites.gomail.site import GoMail
from halo_cli.sites.gomail.solutions import negatives, solutions
from halo_cli.sites.gomail.store import folders
from halo_cli.sites.gomail.store.mailbox import seed_state
from halo_cli.sites.server import build_app
from tests.support.sites import Replica

SITE = Replica("gomail", task="gomail-1", dump={})
client, finish, judge = SITE.session, SITE.finish, SITE.run_script


@pytest.fixture(scope="module")
def app():
    return build_app([GoMail()])


def ids_on(c: TestClient, path: str) -> list[str]:
    r = c.get(f"/gomail{path}")
    assert r.status_code == 200
    return re.findall(r'name="ids" value="(\d+)"', r.text)


def search_ids(c: TestClient, q: str) -> list[str]:
    return ids_on(c, f"/search?q={q}")


def act(c: TestClient, action: str, ids: list[str], **extra: str) -> None:
    data = {"action": action, "ids": ids, "next": "/", **extra}
    r = c.post("/gomail/act", data=data, follow_redirects=False)
    assert r.status_code == 303


def send(c: TestClient, to: str, subject: str, body: str, **extra: str) -> None:
    r = c.post("/gomail/send", data={"to": to, "subject": subject, "body": body, **extra},
               follow_redirects=False)
    assert r.status_code == 303, r.text


# --- HTTP versions of the reference solutions (and wrong ones) -------------------------

Flow = Callable[[TestClient], None]
FLOWS: dict[str, Flow] = {
    "gomail-1": lambda c: (act(c, "read", ids_on(c, "/")), act(c, "trash", search_ids(c, "amazon"))),
    "gomail-2": lambda c: (act(c, "trash", search_ids(c, "uber")),
                           act(c, "trash", search_ids(c, "notification"))),
    "gomail-4": lambda c: send(c, "Alexa Richardson", "Files",
                               "Please let me know when the files come in."),
    "gomail-5": lambda c: (act(c, "trash", ids_on(c, "/starred")),
                           send(c, "alexa.richardson@example.com", "Work permit", "Please sign.")),
    "gomail-7": lambda c: send(c, "ashley.campbell@example.com", "Team dinner",
                               "Are you coming to the team dinner?"),
    "gomail-8": lambda c: send(c, "Kevin Moore", "Details", "Can you send the project details?"),
    "gomail-9": lambda c: send(c, "barbara.thomas@example.com", "Project plan", "Let's talk."),
    "gomail-11": lambda c: act(c, "trash", ids_on(c, "/?page=2")[1:]),
    "gomail-12": lambda c: send(c, "Charles", "New clients?", "Found any new clients?"),
    "gomail-13": lambda c: send(c, "Carol", "Meeting", "The meeting is moved to 8:30 AM."),
    "gomail-14": lambda c: act(c, "trash", ids_on(c, "/")),
    "gomail-15": lambda c: send(c, "Danielle", "Update", "The new system update has launched."),
    "gomail-16": lambda c: c.post("/gomail/labels", data={"label": "Support Emails"}),
    "gomail-17": lambda c: act(c, "archive", ids_on(c, "/")[:3]),
    "gomail-18": lambda c: send(c, "Brian King", "Notes", "Please send me the meeting notes."),
    "gomail-19": lambda c: send(c, "Angela White", "FTA", "When do you go on FTA?"),
    "gomail-20": lambda c: (act(c, "trash", ids_on(c, "/")), act(c, "trash", ids_on(c, "/"))),
    "gomail-21": lambda c: act(c, "snooze", search_ids(c, "alerts"), days="7"),
    "gomail-23": lambda c: (c.get("/gomail/email/10/reply"),
                            send(c, "jane.smith@example.com", "Re: Team offsite agenda",
                                 "Looks good!", reply_to="10"),
                            act(c, "trash", search_ids(c, "support"))),
    "gomail-24": lambda c: act(c, "trash", search_ids(c, "from:john doe")),
    "gomail-26": lambda c: act(c, "trash", search_ids(c, "noreply")),
}
WRONG: dict[str, Flow] = {
    "gomail-1": lambda c: act(c, "trash", ids_on(c, "/")),
    "gomail-2": lambda c: act(c, "trash", search_ids(c, "uber")),
    "gomail-4": lambda c: send(c, "Alexa Richardson", "Files", "Hello!"),
    "gomail-5": lambda c: act(c, "trash", ids_on(c, "/starred")),
    "gomail-7": lambda c: send(c, "Kevin Moore", "Team dinner", "Coming to the team dinner?"),
    "gomail-11": lambda c: act(c, "trash", ids_on(c, "/")[:5]),
    "gomail-13": lambda c: send(c, "Carol", "Meeting", "The meeting is moved to 9:30 AM."),
    "gomail-16": lambda c: c.post("/gomail/labels", data={"label": "Support"}),
    "gomail-17": lambda c: act(c, "archive", ids_on(c, "/")[3:6]),
    "gomail-20": lambda c: act(c, "archive", ids_on(c, "/")),
    "gomail-21": lambda c: act(c, "snooze", search_ids(c, "notification"), days="7"),
    "gomail-23": lambda c: act(c, "trash", search_ids(c, "support")),
    "gomail-24": lambda c: act(c, "trash", search_ids(c, "Jane Smith")),
    "gomail-26": lambda c: act(c, "trash", search_ids(c, "notification")),
}


def test_flows_cover_every_supported_task():
    assert sorted(FLOWS) == sorted(GoMail().supported_tasks())


@pytest.mark.parametrize("task", sorted(FLOWS))
def test_real_eval_script_success(app, task, tmp_path):
    c = client(app, task)
    FLOWS[task](c)
    assert judge(task, finish(c), tmp_path) == "SUCCESS"


@pytest.mark.parametrize("task", sorted(WRONG))
def test_real_eval_script_failure(app, task, tmp_path):
    c = client(app, task)
    assert judge(task, finish(c), tmp_path) == "FAILURE"  # nothing done
    WRONG[task](c)
    assert judge(task, finish(c), tmp_path) == "FAILURE"


# --- server contract ---------------------------------------------------------------------

def test_config_errors(app):
    c = TestClient(app)
    assert c.get("/gomail/config?task_id=v2.gomail-999").status_code == 404
    assert c.get("/gomail/config?task_id=v2.omnizon-1").status_code == 404
    assert c.get("/gomail/config").status_code == 400


def test_sessions_are_separate(app):
    a, b = client(app), client(app)
    act(a, "trash", ["1"])
    assert finish(a)["initialfinaldiff"]["updated"]["email"]["emails"] == {"1": {"trash": True}}
    assert finish(b)["differences"]["emails"] == {"added": [], "deleted": [], "updated": []}
    assert "John Doe" not in b.get("/gomail/trash").text
    assert "John Doe" in a.get("/gomail/trash").text


def test_finish_shape_after_actions(app):
    c = client(app)
    c.get("/gomail/email/8")  # opening marks read
    act(c, "trash", ["8", "19"])
    d = finish(c)
    upd = d["initialfinaldiff"]["updated"]
    assert upd["email"]["emails"]["8"] == {"isRead": True, "trash": True}
    assert upd["ui"]["snackbar"]["message"] == "2 conversations moved to Trash."
    assert d["differences"]["emails"]["updated"] == [
        {"id": "19", "trash": True}, {"id": "8", "isRead": True, "trash": True}]
    send(c, "Carol", "Hi", "Hello Carol")
    d = finish(c)
    (sent,) = d["differences"]["emails"]["added"]
    assert sent["sent"] is True and sent["to"] == ["carol.adams@example.com"]
    assert d["initialfinaldiff"]["added"]["email"]["emails"][sent["id"]]["subject"] == "Hi"


def test_snooze_moves_mail_to_snoozed(app):
    c = client(app, "gomail-21")
    act(c, "snooze", ["11", "24"], days="7")
    d = finish(c)
    assert [e["id"] for e in d["differences"]["emails"]["deleted"]] == ["11", "24"]
    msg = d["initialfinaldiff"]["updated"]["ui"]["snackbar"]["message"]
    assert msg == "2 conversations snoozed until Jul 25, 8:00 AM."
    assert "Chase Alerts" in c.get("/gomail/snoozed").text
    act(c, "unsnooze", ["11", "24"])
    assert finish(c)["differences"]["emails"]["deleted"] == []


def test_labels_create_and_apply(app):
    c = client(app, "gomail-16")
    r = c.post("/gomail/labels", data={"label": "Support Emails"})
    assert r.status_code == 200 and "Support Emails" in r.text
    added = finish(c)["initialfinaldiff"]["added"]["settings"]["customLabels"]
    (lid, lab), = added.items()
    assert lab["label"] == "Support Emails"
    act(c, "label", ["7"], label=lid)
    assert "7" in ids_on(c, f"/label/{lid}")
    assert c.post("/gomail/labels", data={"label": "work"}).status_code == 400


def test_recipients_resolve_names_and_reject_unknown(app):
    c = client(app, "gomail-13")
    r = c.post("/gomail/send", data={"to": "Nobody Known", "subject": "x", "body": "y"})
    assert r.status_code == 400 and "not recognized" in r.text
    send(c, "Danielle Lee <danielle.lee@example.com>, Brian", "s", "b")
    (e,) = finish(c)["differences"]["emails"]["added"]
    assert e["to"] == ["danielle.lee@example.com", "brian.king@example.com"]
    assert e["cc"] == [] and e["bcc"] == []


def test_reply_and_forward_pages(app):
    c = client(app, "gomail-23")
    r = c.get("/gomail/email/10/reply")
    assert 'value="jane.smith@example.com"' in r.text and "Re: Team offsite agenda" in r.text
    assert "Fwd: Team offsite agenda" in c.get("/gomail/email/10/forward").text
    send(c, "jane.smith@example.com", "Re: Team offsite agenda", "ok", reply_to="10")
    (e,) = finish(c)["differences"]["emails"]["added"]
    assert e["isReply"] is True and e["inReplyTo"] == "10"


# --- seed consistent with the scripts' hard-coded ids -------------------------------------

def test_seed_matches_script_ids():
    st = seed_state("gomail-1")
    ids = lambda q: {e["id"] for e in folders.search(st, q)}  # noqa: E731
    assert len(ids("amazon")) == 4
    assert ids("uber") == {"48"}
    assert ids("notification") == {"3", "4", "5", "6", "17", "36", "38", "56"}  # eval_2
    assert ids("no-reply") == ids("noreply") == ids("no reply") == {"3", "14", "34", "40", "50"}
    assert len(ids("support")) == 13  # eval_23: 10..30
    assert ids("alerts") == {"11", "24", "44"}
    assert {e["id"] for e in folders.folder(st, "starred")} == {
        "2", "6", "10", "14", "16", "21", "26", "28", "31", "37", "47", "49", "53"}  # eval_5
    inbox = folders.folder(st, "inbox")
    assert [e["id"] for e in inbox[:3]] == ["46", "47", "48"]  # eval_17: today
    assert {e["id"] for e in inbox if e["date"] == "2024-07-18"} == {"46", "47", "48"}
    old = {e["id"] for e in inbox if e["date"] <= "2024-05-18"}
    assert old == {"52", "53", "54", "55", "56"}  # eval_11
    assert sum(not e["isRead"] for e in inbox[:folders.PAGE_SIZE]) >= 15  # eval_1
    assert len(inbox) == 56 and folders.PAGE_SIZE == 50  # eval_14 (< 51 visible)
    assert [e["id"] for e in folders.search(st, "john doe")] == ["1"]  # eval_24
    assert seed_state("gomail-1") == seed_state("gomail-1")


def test_pagination(app):
    c = client(app)
    assert len(ids_on(c, "/")) == 50
    assert ids_on(c, "/?page=2") == ["51", "52", "53", "54", "55", "56"]
    assert "1–50 of 56" in c.get("/gomail/").text


def test_pages_render_with_named_controls(app):
    c = client(app)
    for path in ["/", "/starred", "/snoozed", "/sent", "/archive", "/trash", "/label/1",
                 "/search?q=support", "/email/10", "/email/57", "/email/10/reply",
                 "/email/10/forward", "/compose", "/labels/new"]:
        r = c.get(f"/gomail{path}")
        assert r.status_code == 200, path
        for tag in re.findall(r"<input[^>]*>", r.text):
            if 'type="hidden"' in tag:
                continue
            m = re.search(r'id="([^"]+)"', tag)
            assert "aria-label=" in tag or (m and f'for="{m.group(1)}"' in r.text), (path, tag)
        for label, inner in re.findall(r"<button([^>]*)>(.*?)</button>", r.text):
            assert "aria-label=" in label or inner.strip(), (path, label)
    assert c.get("/gomail/email/999").status_code == 404



def test_solutions_cover_supported_tasks():
    site = GoMail()
    refs = solutions()
    assert sorted(s.task for s in refs) == sorted(site.supported_tasks())
    assert all(s.kind == "reference" for s in refs)
    assert refs[0].steps[0] is not solutions()[0].steps[0]  # fresh objects per call
    negs = negatives()
    assert len({s.task for s in negs}) >= 3 and all(s.kind == "negative" for s in negs)
    assert all(s.task in site.supported_tasks() for s in negs)
