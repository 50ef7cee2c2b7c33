"""TopWork replica without a browser: pages, state shape, and REAL's own v2 eval scripts
judging the /finish JSON of sessions driven over HTTP."""

from __future__ import annotations

import html
import importlib.util
import re
from collections.abc import Callable

import pytest

from halo_cli.sites.server import build_app
from halo_cli.sites.topwork import store
from halo_cli.sites.topwork.site import TASKS, TopWork
from halo_cli.sites.topwork.solutions import negatives, solutions
from tests.support.sites import Replica, script_of, v2_tasks

SITE = Replica("topwork")
session, finish, judge = SITE.session, SITE.finish, SITE.run_script


@pytest.fixture(scope="module")
def app():
    return build_app([TopWork()])


def ok(r) -> None:
    assert r.status_code == 200, (r.status_code, r.text[:400])


# -- actions, as the forms post them ---------------------------------------------------
def invite(c, fid: str, job: str, message: str = store.INVITE_TEXT):
    r = c.post(f"/topwork/talent/{fid}/invite", data={"job": job, "message": message})
    ok(r)
    return r


def offer(c, fid: str, title: str, description: str = "") -> None:
    ok(c.post(f"/topwork/talent/{fid}/offer", data={
        "contract_title": title, "hourly_rate": "60", "start_date": "2024-07-22",
        "description": description}))


def reply(c, cid: str, text: str) -> None:
    ok(c.get(f"/topwork/messages/{cid}"))
    ok(c.post(f"/topwork/messages/{cid}/send", data={"message": text}))


def post_job(c, title: str, description: str, lo: str, hi: str, size: str, hire: str,
             action: str = "post", duration: str = "1 to 3 months", level: str = "entry"):
    return c.post("/topwork/jobs/new", data={
        "title": title, "description": description, "category": "Admin Support",
        "skills": "Labeling, Attention to detail", "rate_from": lo, "rate_to": hi,
        "size": size, "duration": duration, "level": level, "hire": hire, "action": action})


def save(c, fid: str) -> None:
    ok(c.post(f"/topwork/talent/{fid}/save", data={"next": "/talent"}))


ANNOTATOR = "Verita AI needs a data annotator to label images for a short project."
FLOWS: dict[str, Callable] = {
    "topwork-2": lambda c: invite(c, "ashleycampbell", "job-2",
                                  "Would you be interested in building a fitness app with me?"),
    "topwork-3": lambda c: invite(c, "ravisharma", "job-3"),
    "topwork-4": lambda c: invite(c, "brandonmartinez", "job-4"),
    "topwork-7": lambda c: offer(c, "davidkim", "Onboarding Screens", "Welcome aboard!"),
    "topwork-8": lambda c: [ok(c.post(f"/topwork/jobs/{j}/remove")) for j in ("job-1", "job-3")],
    "topwork-9": lambda c: ok(post_job(c, "Financial Analyst", "Budgets and forecasts.", "45",
                                       "65", "medium", "yes")),
    "topwork-10": lambda c: reply(c, "alexrodriguez", "I'm open to help you get set up!"),
    "topwork-11": lambda c: offer(c, "priyapatel", "Project Lead"),
    "topwork-12": lambda c: [reply(c, "emilywatson", "By tomorrow, please."),
                             reply(c, "jameswilson", "Thanks!")],
    "topwork-13": lambda c: ok(post_job(c, "Data Annotator", ANNOTATOR, "20", "25", "small",
                                        "no")),
    "topwork-14": lambda c: [save(c, "ashleycampbell"), save(c, "brandonmartinez")],
    "topwork-21": lambda c: ok(c.post("/topwork/talent/danielnguyen/message",
                                      data={"message": "Are you free for a call today?"})),
}

NEAR_MISSES: list[tuple[str, str, Callable]] = [
    ("topwork-2", "default invite text", lambda c: invite(c, "ashleycampbell", "job-2")),
    ("topwork-2", "designer", lambda c: invite(c, "chloemartin", "job-5",
                                               "Interested in building a fitness app?")),
    ("topwork-3", "brand designer", lambda c: invite(c, "chloemartin", "job-5")),
    ("topwork-3", "message, not invite", lambda c: ok(c.post(
        "/topwork/talent/ravisharma/message", data={"message": "I'd like to invite you."}))),
    ("topwork-4", "backend engineer", lambda c: invite(c, "kevinbrooks", "job-2")),
    ("topwork-4", "two invites", lambda c: [invite(c, "brandonmartinez", "job-4"),
                                            invite(c, "danielnguyen", "job-4")]),
    ("topwork-7", "message only", lambda c: ok(c.post(
        "/topwork/talent/brandonmartinez/message", data={"message": "I'd like to hire you."}))),
    ("topwork-8", "design job", lambda c: ok(c.post("/topwork/jobs/job-5/remove"))),
    ("topwork-9", "over budget", lambda c: ok(post_job(c, "Financial Analyst", "x", "40", "70",
                                                       "medium", "yes"))),
    ("topwork-9", "draft", lambda c: ok(post_job(c, "Financial Analyst", "x", "45", "65",
                                                 "medium", "yes", action="draft"))),
    ("topwork-10", "get setup", lambda c: reply(c, "alexrodriguez", "Happy to help you get setup")),
    ("topwork-10", "wrong chat last", lambda c: [
        reply(c, "alexrodriguez", "I'm open to help you get set up!"),
        ok(c.get("/topwork/messages/emilywatson"))]),
    ("topwork-11", "project manager", lambda c: offer(c, "priyapatel", "Project Manager")),
    ("topwork-11", "two offers", lambda c: [offer(c, "priyapatel", "Project Lead"),
                                            offer(c, "jameswilson", "Project Lead")]),
    ("topwork-12", "no tomorrow", lambda c: reply(c, "emilywatson", "Next week is fine.")),
    ("topwork-13", "medium", lambda c: ok(post_job(c, "Data Annotator", ANNOTATOR, "20", "25",
                                                   "medium", "no"))),
    ("topwork-13", "3 to 6 months", lambda c: ok(post_job(c, "Data Annotator", ANNOTATOR, "20",
                                                          "25", "small", "no",
                                                          duration="3 to 6 months"))),
    ("topwork-14", "only ashley", lambda c: save(c, "ashleycampbell")),
    ("topwork-14", "saved then unsaved", lambda c: [save(c, "ashleycampbell"),
                                                    save(c, "brandonmartinez"),
                                                    save(c, "brandonmartinez")]),
    ("topwork-21", "no availability", lambda c: ok(c.post(
        "/topwork/talent/danielnguyen/message", data={"message": "Nice portfolio!"}))),
]


# -- site basics -----------------------------------------------------------------------
def test_supported_tasks_are_the_v2_topwork_tasks():
    on_disk = v2_tasks("topwork")
    assert sorted(TopWork().supported_tasks()) == on_disk == sorted(TASKS)
    refs = {s.task for s in solutions()}
    assert refs == set(TASKS) and {n.task for n in negatives()} <= refs


def test_registry_finds_the_site():
    from halo_cli.sites.registry import get_site

    site = get_site("topwork")
    assert site.title == "TopWork" and site.diff_mode == "deep-object-diff"


def test_seed_has_the_ids_and_shape_the_scripts_need():
    s = TopWork().new_session("topwork-10").state
    contacts = s["messages"]["contactList"]
    assert isinstance(contacts, list) and "selectedChatId" not in s["messages"]
    assert "removedJobPosts" not in s["jobs"] and s["saved"]["savedFreelancerIds"] == []
    alex = store.contact(s, "alexrodriguez")
    assert alex["name"] == "Alex Rodriguez" and alex["unread"]
    assert "get set up" in alex["lastMessage"]
    applicants = {a["freelancerId"] for j in s["jobs"]["jobs"] for a in j["applications"]}
    assert {"ashleycampbell", "brandonmartinez"} <= applicants
    # invite targets are not contacts yet, so an invite appends a contact with id and job
    jobs_of_contacts = " ".join(c["job"].lower() for c in contacts)
    for word in ("full", "stack", "backend", "python", "data"):
        assert word not in jobs_of_contacts
    titles = [f["title"].lower() for f in s["talent"]["freelancers"]]
    assert sum("full" in t and "stack" in t for t in titles) >= 3
    assert sum("python" in t for t in titles) >= 2 and sum("backend" in t for t in titles) >= 2


def _script(n: int):
    spec = importlib.util.spec_from_file_location(f"eval_topwork_{n}", script_of(f"topwork-{n}"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_exactly_the_data_jobs_count_as_data_related():
    data_related = _script(8).is_data_related
    jobs = store.seed_state()["jobs"]["jobs"]
    assert [j["id"] for j in jobs if data_related(j)] == ["job-1", "job-3", "job-7"]


def test_pages_render_with_named_controls(app):
    c = session(app, "topwork-13")
    form = c.get("/topwork/jobs/new").text
    for label in ("Job title", "Description", "Category", "Hourly rate from (USD)",
                  "Hourly rate to (USD)"):
        assert f">{label}</label>" in form
    assert re.search(r'value="1 to 3 months" checked', form)
    assert re.search(r'value="entry" checked', form)
    assert not re.search(r'name="(size|hire)" value="\w+" checked', form)
    assert ">Post job</button>" in form and ">Save as draft</button>" in form
    profile = c.get("/topwork/talent/ashleycampbell").text
    for text in (">Invite to job</a>", ">Message</a>", ">Hire</a>",
                 'aria-label="Save Ashley Campbell"'):
        assert text in profile
    inv = c.get("/topwork/talent/ashleycampbell/invite").text
    assert html.escape(store.INVITE_TEXT, quote=True) in inv and ">Send invitation</button>" in inv
    msgs = c.get("/topwork/messages").text
    assert 'aria-label="Alex Rodriguez, unread"' in msgs and "Messages (4 unread)" in msgs
    hires = c.get("/topwork/talent/hires").text
    assert 'aria-label="Rehire Priya Patel"' in hires
    found = c.get("/topwork/talent", params={"q": "python",
                                            "availability": "Looking for work"}).text
    assert "Ravi Sharma" in found and "Olivia Chen" not in found


def test_opening_a_chat_selects_it_and_marks_it_read(app):
    c = session(app, "topwork-10")
    ok(c.get("/topwork/messages/alexrodriguez"))
    diff = finish(c)["initialfinaldiff"]
    assert diff["added"]["messages"] == {"selectedChatId": "alexrodriguez"}
    assert diff["updated"]["messages"]["contactList"] == {"0": {"unread": False}}
    assert "Messages (3 unread)" in c.get("/topwork/").text


def test_invite_appends_a_contact_with_id_job_and_client_message(app):
    c = session(app, "topwork-4")
    shown = invite(c, "brandonmartinez", "job-4").text
    assert "Invitation sent to Brandon Martinez." in shown  # the profile, after the redirect
    added = finish(c)["initialfinaldiff"]["added"]["messages"]["contactList"]
    (new,) = added.values()
    assert new["id"] == "brandonmartinez" and new["job"] == "Full Stack Developer"
    assert isinstance(new["messages"], list)
    assert new["messages"][0]["author"] == "Client" and new["messages"][0]["type"] == "invite"


def test_offer_is_appended_and_embedded_in_the_chat_with_the_same_id(app):
    c = session(app, "topwork-11")
    offer(c, "priyapatel", "Project Lead", "Lead the next project?")
    diff = finish(c)["initialfinaldiff"]
    (o,) = diff["added"]["offers"]["offers"].values()
    assert o["status"] == "Pending" and o["id"] == "offer-5"
    (msg,) = diff["added"]["messages"]["contactList"]["4"]["messages"].values()
    assert msg["type"] == "offer" and msg["offer"] == o


def test_removing_a_job_moves_it_to_removed_posts(app):
    c = session(app, "topwork-8")
    ok(c.post("/topwork/jobs/job-1/remove"))
    added = finish(c)["initialfinaldiff"]["added"]["jobs"]
    assert [j["id"] for j in added["removedJobPosts"]] == ["job-1"]
    assert "Senior Data Analyst" not in c.get("/topwork/jobs").text


# -- the real scripts ------------------------------------------------------------------
@pytest.mark.parametrize("task", TASKS)
def test_flow_passes_the_real_script_and_no_action_fails(app, task, tmp_path):
    idle = session(app, task)
    ok(idle.get("/topwork/"))
    assert judge(task, finish(idle), tmp_path) == "FAILURE"
    c = session(app, task)
    FLOWS[task](c)
    assert judge(task, finish(c), tmp_path) == "SUCCESS"


@pytest.mark.parametrize("task, label, flow", NEAR_MISSES,
                         ids=[f"{t}-{lab}" for t, lab, _ in NEAR_MISSES])
def test_near_misses_fail_the_real_script(app, task, label, flow, tmp_path):
    c = session(app, task)
    flow(c)
    assert judge(task, finish(c), tmp_path) == "FAILURE"


# -- bad input -------------------------------------------------------------------------
def test_form_errors_are_shown_and_change_nothing(app):
    c = session(app, "topwork-9")
    r = post_job(c, "Financial Analyst", "x", "65", "45", "medium", "yes")
    assert r.status_code == 422 and "cannot be more than" in html.unescape(r.text)
    r = post_job(c, "Financial Analyst", "x", "45", "65", "", "")
    assert r.status_code == 422 and "a project size" in r.text
    assert 'value="Financial Analyst"' in r.text  # the form keeps what was typed
    r = c.post("/topwork/talent/ashleycampbell/invite", data={"job": "", "message": "hi"})
    assert r.status_code == 422 and "open job posts" in r.text
    r = c.post("/topwork/talent/ashleycampbell/offer", data={"contract_title": "X",
                                                             "hourly_rate": "abc"})
    assert r.status_code == 422
    r = c.post("/topwork/messages/alexrodriguez/send", data={"message": "   "})
    assert r.status_code == 422
    assert finish(c)["initialfinaldiff"]["added"] == {}


@pytest.mark.parametrize("method, path", [
    ("GET", "/jobs/job-99"), ("POST", "/jobs/job-99/remove"), ("GET", "/talent/nobody"),
    ("POST", "/talent/nobody/save"), ("GET", "/talent/nobody/invite"),
    ("POST", "/talent/nobody/offer"), ("GET", "/messages/nobody"),
    ("POST", "/messages/nobody/send"), ("GET", "/jobs/job-1/remove"),
    ("GET", "/messages/alexrodriguez/send"), ("POST", "/talent/ashleycampbell/offer"),
    ("POST", "/jobs/new"), ("POST", "/talent/ashleycampbell/invite"),
    ("POST", "/talent/ashleycampbell/message"), ("DELETE", "/jobs"),
])
def test_malformed_requests_get_4xx(app, method, path):
    c = session(app, "topwork-2")
    r = c.request(method, f"/topwork{path}", content=b"\xff\x00junk=&&=%zz")
    assert 400 <= r.status_code < 500, (r.status_code, r.text[:200])
    big = c.post("/topwork/jobs/new", content=b"title=" + b"x" * 70_000)
    assert big.status_code == 413
