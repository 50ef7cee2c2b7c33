"""NetworkIn's store and the actions that change it (no HTTP here).

The store holds plain lists where the real React store does (`feedPosts`, `contactList`,
`searchHistory`, chat `messages`), so REAL's deep-object-diff turns an append to an
existing list into index-keyed `added` entries and a new chatroom into a whole object
whose `messages` stay a list. Static catalog data (profiles, companies, events) lives in
`data/seed.json` and is not part of the store.
"""

from __future__ import annotations

import copy
import json
import re
import threading
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data" / "seed.json"
ME = "divgarg"

#: the v2 networkin tasks (REAL numbers them with gaps)
TASKS = [f"networkin-{n}" for n in (1, 5, 6, 10, 11, 13, 19, 25, 26, 27)]

MAX_POST = 3000
MAX_MESSAGE = 2000
MAX_QUERY = 200


@lru_cache(maxsize=1)
def seed() -> dict[str, Any]:
    return json.loads(DATA.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def profiles() -> dict[str, dict[str, Any]]:
    return {p["id"]: p for p in seed()["profiles"]}


@lru_cache(maxsize=1)
def companies() -> dict[str, dict[str, Any]]:
    return {c["id"]: c for c in seed()["companies"]}


@lru_cache(maxsize=1)
def events() -> dict[str, dict[str, Any]]:
    return {e["id"]: e for e in seed()["events"]}


def user() -> dict[str, Any]:
    return seed()["user"]


def seed_state(task: str) -> dict[str, Any]:
    """A fresh store; every task starts from the same network on Thu 2024-07-18."""
    s = copy.deepcopy(seed())
    dynamic = {p["id"]: {"id": p["id"], "type": "post", "authorId": p["authorId"],
                         "likes": s["likes"][p["id"]], "liked": False}
               for p in s["feedPosts"]}
    return {
        "user": s["user"],
        "feedPosts": s["feedPosts"],
        "ui": {
            "feed": {"postDynamicData": dynamic},
            "messaging": {"chatroomData": s["chatroomData"]},
            "searchTerm": "",
        },
        "contactList": [p["id"] for p in s["profiles"] if p["connectionGrade"] == "1st"],
        "connectionGrades": {p["id"]: p["connectionGrade"] for p in s["profiles"]},
        "followedCompanies": {c["id"]: False for c in s["companies"]},
        "searchHistory": s["searchHistory"],
        "attendedEvents": {},
    }


# -- a deterministic clock: each action is one minute after the previous one ------------
_clock_lock = threading.Lock()
_ticks: dict[str, int] = {}


def now(session_id: str) -> str:
    """An ISO time on the fixed "today" (9:00 AM PDT + one minute per action)."""
    with _clock_lock:
        n = _ticks[session_id] = _ticks.get(session_id, 0) + 1
    t = datetime(2024, 7, 18, 16, 0, tzinfo=timezone.utc) + timedelta(minutes=n)
    return t.strftime("%Y-%m-%dT%H:%M:%S.000Z")


# -- queries -----------------------------------------------------------------------------
def grade(state: dict, uid: str) -> str:
    return state["connectionGrades"].get(uid, "3rd")


def connections(state: dict) -> list[dict[str, Any]]:
    return [profiles()[u] for u in state["contactList"] if u in profiles()]


def suggestions(state: dict) -> list[dict[str, Any]]:
    """People you may know: everyone not yet connected, 2nd-degree first."""
    rest = [p for p in seed()["profiles"] if grade(state, p["id"]) != "1st"]
    return sorted(rest, key=lambda p: grade(state, p["id"]) != "2nd")


def _tokens(text: str) -> list[str]:
    return [t for t in re.split(r"[^a-z0-9+#]+", text.lower()) if t]


def _matches(query: str, *fields: str) -> bool:
    hay = " ".join(fields).lower()
    if "new york" in hay:
        hay += " nyc"
    return all(t in hay for t in _tokens(query))


def search(query: str) -> tuple[list[dict], list[dict]]:
    """People and companies whose text holds every word of `query`."""
    if not _tokens(query):
        return [], []
    people = [p for p in seed()["profiles"]
              if _matches(query, p["name"], p["headline"], p["location"], p["company"],
                          p["industry"], p["school"])]
    comps = [c for c in seed()["companies"]
             if _matches(query, c["name"], c["industry"], c["headquarters"])]
    return people, comps


def posts(state: dict) -> list[dict[str, Any]]:
    """The feed: my own posts newest first, then the network's posts."""
    dyn = state["ui"]["feed"]["postDynamicData"]
    mine = [dict(p) for p in dyn.values() if p.get("type") == "self-post"]
    mine.sort(key=lambda p: p.get("timestamp", ""), reverse=True)
    others = [{**p, **dyn.get(p["id"], {})} for p in state["feedPosts"]]
    return mine + others


def post(state: dict, pid: str) -> dict[str, Any] | None:
    return next((p for p in posts(state) if p["id"] == pid), None)


def chatrooms(state: dict) -> list[dict[str, Any]]:
    rooms = list(state["ui"]["messaging"]["chatroomData"].values())
    return sorted(rooms, key=lambda r: r["messages"][-1]["timestamp"] if r["messages"] else "",
                  reverse=True)


# -- actions -----------------------------------------------------------------------------
def record_search(state: dict, query: str, ts: str) -> None:
    """The last search at `ui.searchTerm`, appended to `searchHistory` unless repeated."""
    state["ui"]["searchTerm"] = query
    hist = state["searchHistory"]
    if not hist or hist[-1].get("searchTerm") != query:
        hist.append({"searchTerm": query, "timestamp": ts})


def _room(state: dict, uid: str) -> dict[str, Any]:
    rooms = state["ui"]["messaging"]["chatroomData"]
    if uid not in rooms:
        p = profiles()[uid]
        rooms[uid] = {"id": uid,
                      "participant": {"id": uid, "name": p["name"], "headline": p["headline"],
                                      "location": p["location"]},
                      "messages": [], "lastMessage": "", "lastMessageAuthorId": "",
                      "unread": False}
    return rooms[uid]


def _post_message(state: dict, room: dict, msg: dict[str, Any]) -> None:
    n = sum(len(r["messages"]) for r in state["ui"]["messaging"]["chatroomData"].values())
    msg = {"id": f"msg-{n + 1}", **msg}
    room["messages"].append(msg)
    room["lastMessage"] = msg["message"] if msg["type"] != "post" else "You shared a post"
    room["lastMessageAuthorId"] = msg["authorId"]


def connect(state: dict, uid: str, ts: str) -> None:
    """Connect with `uid` (accepted at once): contact list, grade and a chatroom notice."""
    state["connectionGrades"][uid] = "1st"
    if uid not in state["contactList"]:
        state["contactList"].append(uid)
    room = _room(state, uid)
    name = profiles()[uid]["name"]
    _post_message(state, room, {"authorId": ME, "message": "Connection request sent",
                         "type": "system", "timestamp": ts})
    _post_message(state, room, {"authorId": uid, "message": f"{name} accepted your connection request",
                         "type": "system", "timestamp": ts})


def send_message(state: dict, uid: str, text: str, ts: str) -> None:
    room = _room(state, uid)
    _post_message(state, room, {"authorId": ME, "message": text, "type": "text", "timestamp": ts})
    room["unread"] = False


def mark_read(state: dict, uid: str) -> None:
    room = state["ui"]["messaging"]["chatroomData"].get(uid)
    if room is not None and room.get("unread"):
        room["unread"] = False


def create_post(state: dict, text: str, ts: str) -> str:
    dyn = state["ui"]["feed"]["postDynamicData"]
    pid = f"post-{len(dyn) + 1}"
    me = user()
    dyn[pid] = {"id": pid, "type": "self-post", "authorId": ME, "authorName": me["name"],
                "authorHeadline": me["headline"], "description": text, "timestamp": ts,
                "likes": 0, "liked": False}
    return pid


def toggle_like(state: dict, pid: str) -> None:
    entry = state["ui"]["feed"]["postDynamicData"][pid]
    entry["liked"] = not entry["liked"]
    entry["likes"] += 1 if entry["liked"] else -1


def share_post(state: dict, pid: str, uids: list[str], ts: str) -> None:
    for uid in uids:
        _post_message(state, _room(state, uid), {"authorId": ME, "message": "", "type": "post",
                                          "postData": {"id": pid}, "timestamp": ts})


def toggle_follow(state: dict, cid: str) -> bool:
    fc = state["followedCompanies"]
    fc[cid] = not fc.get(cid, False)
    return fc[cid]


def toggle_attend(state: dict, eid: str) -> bool:
    """Attend an event (`attendedEvents.<id> = true`); attending again withdraws."""
    att = state["attendedEvents"]
    if att.get(eid):
        del att[eid]
        return False
    att[eid] = True
    return True
