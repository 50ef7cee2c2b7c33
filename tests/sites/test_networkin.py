"""NetworkIn replica without a browser: pages, state shape, and REAL's own eval scripts."""

from __future__ import annotations

import html
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from halo_cli.sites.networkin import store
from halo_cli.sites.networkin.site import NetworkIn
from halo_cli.sites.networkin.solutions import negatives, solutions
from halo_cli.sites.server import build_app
from tests.support.sites import Replica, check_solutions, v2_tasks, verdict

SITE = Replica("networkin", task="networkin-1")
session, finish, _start_script = SITE.session, SITE.finish, SITE.start_script
N = "/networkin"


@pytest.fixture(scope="module")
def app():
    return build_app([NetworkIn()])


def text_of(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


# -- site basics -------------------------------------------------------------------------
def test_supported_tasks_are_the_v2_networkin_tasks():
    assert sorted(NetworkIn().supported_tasks()) == v2_tasks("networkin")


def test_registry_finds_the_site():
    from halo_cli.sites.registry import get_site

    site = get_site("networkin")
    assert site.id == "networkin" and site.diff_mode == "deep-object-diff"
    assert site.track_location is False


def test_seed_holds_what_the_scripts_name():
    state = NetworkIn().new_session("networkin-27").state
    assert state["user"]["id"] == "divgarg" and "router" not in state
    assert state["connectionGrades"]["oliviamartinez"] == "2nd"
    assert "oliviamartinez" not in state["contactList"]
    assert state["followedCompanies"]["microsoft"] is False
    assert not any(state["followedCompanies"].values())
    assert isinstance(state["contactList"], list) and isinstance(state["searchHistory"], list)
    rooms = state["ui"]["messaging"]["chatroomData"]
    assert all(isinstance(r["messages"], list) and r["participant"]["headline"]
               for r in rooms.values())
    # software engineers without a chat, connected or not
    swe = [p for p in store.profiles().values() if "software engineer" in p["headline"].lower()
           and p["id"] not in rooms]
    assert any(state["connectionGrades"][p["id"]] == "1st" for p in swe)
    assert sum(state["connectionGrades"][p["id"]] != "1st" for p in swe) >= 2
    ny_tech = [p for p in store.profiles().values()
               if p["location"] == "New York, NY" and p["industry"] == "Technology"]
    assert len(ny_tech) >= 3
    assert len([p for p in store.profiles().values() if p["connectionGrade"] != "1st"]) >= 3
    assert len(store.events()) >= 5 and len(state["feedPosts"]) == 10


def test_pages_render_with_named_controls(app):
    c = session(app)
    home = c.get(f"{N}/").text
    assert '<label for="post-text">What do you want to talk about?</label>' in home
    assert 'aria-label="Search"' in home and ">Post</button>" in home
    assert 'aria-label="Send post by Nathan Brooks"' in home
    comp = c.get(f"{N}/companies").text
    assert 'aria-label="Follow Microsoft"' in comp and "Popular companies" in comp
    net = c.get(f"{N}/mynetwork").text
    assert 'aria-label="Invite Olivia Martinez to connect"' in net
    assert "Alice Wong" not in net and "Connections (7)" in net  # already connected
    conns = c.get(f"{N}/mynetwork/connections").text
    assert 'aria-label="Message Alice Wong"' in conns and "Olivia" not in conns
    ev = c.get(f"{N}/events/ai-builders-summit").text
    assert ">Attend</button>" in ev and "Bay Area AI Builders Summit" in ev
    chat = c.get(f"{N}/messaging/alicewong").text
    assert "Write a message…</label>" in chat and "Let's grab coffee!" in text_of(chat)
    assert "Alice Wong" in c.get(f"{N}/messaging").text
    prof = c.get(f"{N}/in/oliviamartinez").text
    assert "Engineering Manager at Microsoft" in prof and 'aria-label="Message Olivia Martinez"' in prof
    picker = c.get(f"{N}/posts/post-1/send").text
    assert '<label for="to-alicewong">Alice Wong</label>' in picker
    assert "to-oliviamartinez" not in picker  # only connections


def test_browsing_changes_nothing(app):
    c = session(app)
    for path in ("/", "/mynetwork", "/mynetwork/connections", "/messaging", "/companies",
                 "/events", "/search", "/events/nyc-tech-night", "/in/jameswilson", "/posts/post-2/send"):
        assert c.get(N + path).status_code == 200, path
    diff = finish(c)["initialfinaldiff"]
    assert diff == {"added": {}, "deleted": {}, "updated": {}}


@pytest.mark.parametrize("method,path,data", [
    ("get", "/in/nobody", None), ("get", "/events/nope", None), ("get", "/messaging/nobody", None),
    ("get", "/posts/post-999/send", None), ("post", "/posts/post-999/like", {}),
    ("post", "/in/nobody/connect", {}), ("post", "/companies/nope/follow", {}),
    ("post", "/events/nope/attend", {}), ("post", "/posts", {"junk": "1"}),
    ("post", "/messaging/alicewong", {"text": "x"}), ("post", "/in/alicewong/connect", {}),
    ("post", "/posts/post-1/send", {"to": "oliviamartinez"}),
    ("post", "/posts/post-1/send", {"to": "nobody"}), ("get", "/posts", None),
    ("get", "/in/alicewong/connect", None), ("post", "/search", {}),
])
def test_malformed_requests_get_4xx(app, method, path, data):
    c = session(app)
    r = getattr(c, method)(N + path, **({"data": data} if data is not None else {}))
    assert 400 <= r.status_code < 500, (path, r.status_code)
    assert finish(c)["initialfinaldiff"]["added"] == {}


def test_empty_post_or_message_is_refused_with_a_message(app):
    c = session(app)
    r = c.post(f"{N}/posts", data={"description": "   "})
    assert r.status_code == 422 and "Write something" in r.text
    r = c.post(f"{N}/messaging/alicewong", data={"message": ""})
    assert r.status_code == 422 and "Write a message before sending" in r.text
    r = c.post(f"{N}/posts/post-1/send", data={})
    assert r.status_code == 422 and "Choose at least one connection" in r.text
    assert finish(c)["initialfinaldiff"]["added"] == {}


# -- state shapes --------------------------------------------------------------------------
def test_search_is_recorded_once_per_query(app):
    c = session(app)
    page = c.get(f"{N}/search", params={"keywords": "software engineer"}).text
    assert {"Kevin Nguyen", "James Wilson", "Rachel Green"} <= set(re.findall(r">([A-Z]\w+ \w+)</a>",
                                                                            page))
    assert "Maya Rodriguez" not in page and "Sophia Lee" not in page
    c.get(f"{N}/search", params={"keywords": "software engineer"})
    diff = finish(c)["initialfinaldiff"]
    assert diff["updated"]["ui"]["searchTerm"] == "software engineer"
    assert list(diff["added"]["searchHistory"].values()) == [
        {"searchTerm": "software engineer", "timestamp": "2024-07-18T16:01:00.000Z"}]
    nyc = c.get(f"{N}/search", params={"keywords": "nyc"}).text
    assert "James Wilson" in nyc and "Kevin Nguyen" not in nyc


def test_connect_adds_contact_grade_and_a_new_chatroom_with_a_message_list(app):
    c = session(app)
    r = c.post(f"{N}/in/oliviamartinez/connect", data={"next": f"{N}/mynetwork"})
    assert r.url.path == f"{N}/mynetwork" and "You are now connected with Olivia Martinez" in r.text
    payload = finish(c)
    diff = payload["initialfinaldiff"]
    assert list(diff["added"]["contactList"].values()) == ["oliviamartinez"]
    assert diff["updated"]["connectionGrades"] == {"oliviamartinez": "1st"}
    room = diff["added"]["ui"]["messaging"]["chatroomData"]["oliviamartinez"]
    assert [m["message"] for m in room["messages"]] == [
        "Connection request sent", "Olivia Martinez accepted your connection request"]
    assert payload["env_state"] == {"initialfinaldiff": diff}
    assert c.post(f"{N}/in/oliviamartinez/connect").status_code == 409


def test_message_to_an_existing_chat_adds_an_index_entry(app):
    c = session(app)
    r = c.post(f"{N}/messaging/michaelchen", data={"message": "Free for lunch?"})
    assert r.url.path == f"{N}/messaging/michaelchen" and "Free for lunch?" in r.text
    diff = finish(c)["initialfinaldiff"]
    room = diff["added"]["ui"]["messaging"]["chatroomData"]["michaelchen"]
    (msg,) = room["messages"].values()
    assert msg["authorId"] == "divgarg" and msg["type"] == "text"
    assert list(room["messages"]) == ["2"]
    assert diff["updated"]["ui"]["messaging"]["chatroomData"]["michaelchen"]["lastMessage"] == \
        "Free for lunch?"
    inbox = text_of(c.get(f"{N}/messaging").text)
    assert "You: Free for lunch?" in inbox


def test_post_like_follow_attend_toggle(app):
    c = session(app)
    c.post(f"{N}/posts/post-2/like", data={"next": f"{N}/"})
    c.post(f"{N}/companies/apple/follow", data={})
    c.post(f"{N}/companies/apple/follow", data={})
    c.post(f"{N}/events/resume-workshop/attend")
    c.post(f"{N}/events/resume-workshop/attend")
    diff = finish(c)["initialfinaldiff"]
    assert diff["updated"] == {"ui": {"feed": {"postDynamicData": {"post-2": {
        "liked": True, "likes": 129}}}}}
    assert diff["added"] == {}
    c.post(f"{N}/events/resume-workshop/attend")
    assert finish(c)["initialfinaldiff"]["added"] == {"attendedEvents": {"resume-workshop": True}}
    assert "You are attending this event." in c.get(f"{N}/events/resume-workshop").text


def test_new_post_shows_first_in_the_feed_and_can_be_shared(app):
    c = session(app)
    r = c.post(f"{N}/posts", data={"description": "Hello network"})
    assert r.url.path == f"{N}/" and "Your post was shared." in r.text
    assert r.text.index("Hello network") < r.text.index("Nathan Brooks")
    r = c.post(f"{N}/posts/post-11/send", data={"to": ["alicewong", "davidkim", "alicewong"]})
    assert "Post sent to Alice Wong, David Kim." in r.text
    rooms = finish(c)["initialfinaldiff"]["added"]["ui"]["messaging"]["chatroomData"]
    assert rooms["alicewong"]["messages"]["3"]["postData"] == {"id": "post-11"}
    assert rooms["davidkim"]["messages"][0]["type"] == "post"  # a new chatroom: a list
    assert "Shared a post by Div Garg" in c.get(f"{N}/messaging/davidkim").text


# -- the real eval scripts on HTTP-driven sessions ---------------------------------------
def _verdict(proc: subprocess.Popen) -> str:
    return verdict(proc).splitlines()[-1]


def _run_script(task: str, payload: dict, tmp_path: Path) -> str:
    return _verdict(_start_script(task, payload, tmp_path))


def _search(q: str) -> Callable[[TestClient], object]:
    return lambda c: c.get(f"{N}/search", params={"keywords": q})


def _msg(uid: str, text: str) -> Callable[[TestClient], object]:
    return lambda c: c.post(f"{N}/messaging/{uid}", data={"message": text})


def _connect(uid: str) -> Callable[[TestClient], object]:
    return lambda c: c.post(f"{N}/in/{uid}/connect")


def _follow(cid: str) -> Callable[[TestClient], object]:
    return lambda c: c.post(f"{N}/companies/{cid}/follow")


def _post(text: str) -> Callable[[TestClient], object]:
    return lambda c: c.post(f"{N}/posts", data={"description": text})


def _share(*uids: str) -> Callable[[TestClient], object]:
    return lambda c: c.post(f"{N}/posts/post-11/send", data={"to": list(uids)})


def _open(path: str) -> Callable[[TestClient], object]:
    return lambda c: c.get(N + path)


NET = "Hosting a networking event on Friday, DM me if you want to come!"
SCENARIOS = [
    ("networkin-1", [_follow("microsoft"), _follow("google")], "SUCCESS"),
    ("networkin-1", [_follow("microsoft")], "FAILURE"),
    ("networkin-1", [_follow("google"), _follow("apple")], "FAILURE"),
    ("networkin-5", [_msg("kevinnguyen", "Interested in a side project?")], "SUCCESS"),
    ("networkin-5", [_search("software engineer"), _msg("michaelchen", "Up for a side project?")],
     "SUCCESS"),
    ("networkin-5", [_msg("michaelchen", "Up for a side project?")], "FAILURE"),
    ("networkin-5", [_search("software engineer"), _msg("sophialee", "A side project?")], "FAILURE"),
    ("networkin-5", [_msg("kevinnguyen", "Want to grab coffee?")], "FAILURE"),
    ("networkin-6", [_search("New York"), _msg("jameswilson", "Join my new project?")], "SUCCESS"),
    ("networkin-6", [_search("tech"), _connect("carlosgarcia")], "SUCCESS"),
    ("networkin-6", [_msg("jameswilson", "Join my new project?")], "FAILURE"),
    ("networkin-6", [_search("New York"), _msg("jameswilson", "Nice to meet you!")], "FAILURE"),
    ("networkin-10", [_connect("jameswilson"), _connect("kevinnguyen"), _connect("ninagupta")],
     "SUCCESS"),
    ("networkin-10", [_msg("ninagupta", "hi"), _connect("jameswilson"), _connect("kevinnguyen"),
                      _connect("ninagupta")], "SUCCESS"),
    ("networkin-10", [_connect("jameswilson"), _connect("kevinnguyen")], "FAILURE"),
    ("networkin-11", [_post(NET), _share("alicewong", "johnsmith")], "SUCCESS"),
    ("networkin-11", [_post(NET), _share("alicewong")], "FAILURE"),
    ("networkin-11", [_post("Hosting a networking event on Friday!"),
                      _share("alicewong", "johnsmith")], "FAILURE"),
    ("networkin-13", [_post("My summer internship starts today")], "SUCCESS"),
    ("networkin-13", [_post("My internship starts today")], "FAILURE"),
    ("networkin-19", [_post("Finished my internship at AGI, Inc.!")], "SUCCESS"),
    ("networkin-19", [_post("Finished my internship at AGI INC."),
                      _post("Finished my internship at AGI INC.")], "FAILURE"),
    ("networkin-19", [_post("Finished my internship at AGI.")], "FAILURE"),
    ("networkin-25", [_open("/events/nyc-tech-night"),
                      lambda c: c.post(f"{N}/events/nyc-tech-night/attend")], "SUCCESS"),
    ("networkin-25", [_open("/events/nyc-tech-night"), _open("/events")], "FAILURE"),
    ("networkin-26", [_search("software engineer")], "SUCCESS"),
    ("networkin-26", [_msg("jameswilson", "Any advice for a new software grad?")], "SUCCESS"),
    ("networkin-26", [_search("data scientist"), _msg("sophialee", "Any advice?")], "FAILURE"),
    ("networkin-27", [_search("Olivia Martinez"), _connect("oliviamartinez")], "SUCCESS"),
    ("networkin-27", [_search("Olivia Martin"), _connect("oliviamartin")], "FAILURE"),
    ("networkin-27", [_search("Olivia Martinez"), _open("/in/oliviamartinez")], "FAILURE"),
]


@pytest.mark.parametrize("task,actions,expected", SCENARIOS,
                         ids=[f"{s[0]}-{i}-{s[2]}" for i, s in enumerate(SCENARIOS)])
def test_real_eval_script_judges_http_session(app, tmp_path, task, actions, expected):
    c = session(app, task)
    for act in actions:
        assert act(c).status_code == 200
    assert _run_script(task, finish(c), tmp_path) == expected


def test_every_task_has_a_successful_http_scenario_and_fails_untouched(app, tmp_path):
    assert {s[0] for s in SCENARIOS if s[2] == "SUCCESS"} == set(store.TASKS)
    procs = {t: _start_script(t, finish(session(app, t)), tmp_path) for t in store.TASKS}
    assert {t: _verdict(p) for t, p in procs.items()} == dict.fromkeys(store.TASKS, "FAILURE")


# -- solutions ---------------------------------------------------------------------------
def test_solutions_cover_every_task_with_fresh_objects():
    check_solutions(solutions, negatives, store.TASKS, negative_tasks=5)
