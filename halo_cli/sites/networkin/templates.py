"""NetworkIn's training-task templates (not REAL's tasks): post an update with stated text;
like a given person's post; connect with named people, or with the person a description
picks; message someone with stated text; send someone's post to connections; follow named
companies, or the company a person works at; post an update and send it to a connection.

Every networkin task starts from the same seed store, so parameters come from the site's
data (`data/seed.json`: 27 profiles, 12 companies, 10 feed posts). Judges read `/finish`
as REAL's networkin scripts do, under deep-object-diff: `initialfinaldiff.added` holds new
posts (`ui.feed.postDynamicData.<id>`), new connections (`contactList.<n>`), new messages
(`ui.messaging.chatroomData.<uid>.messages`, a list in a new chatroom, index-keyed in an
existing one); `updated` holds likes (`postDynamicData.<id>.liked`), follows
(`followedCompanies.<id>`) and grades (`connectionGrades.<uid>`). They check what the goal
asks (who, which post or company, the words that matter) and nothing it does not: pages
visited, searches, the exact wording around the stated text.

No reference end state does one of REAL's networkin tasks (the test set): nobody connects
with or messages Olivia Martinez (networkin-27), nobody follows Microsoft (-1), at most two
connections (-10), no events (-25 passes any attendance), no searches for "tech", "New
York" or "software" (-5, -6, -26), and no posted or sent text says "summer", "internship",
"project", "software", "network" or a DM phrase (-5, -6, -11, -13, -19, -26).
"""

from __future__ import annotations

import random
import re
from functools import lru_cache
from typing import Any

from halo_cli.sites import reference as R
from halo_cli.sites.networkin.store import ME, companies, profiles, seed
from halo_cli.sites.reference import Step
from halo_cli.sites.templates import Draft, SiteClient, Template, Verdict

Params = dict[str, Any]

#: every networkin seed store is the same; this one is REAL's "connect with 3 people" task
BASE_TASK = "networkin-10"
#: whom REAL's networkin-27 names; no training task touches her
OLIVIA = "oliviamartinez"
#: the company REAL's networkin-1 must see followed
MICROSOFT = "microsoft"
#: words a posted or sent text never holds (REAL's networkin scripts look for them)
BANNED = ("summer", "intern", "project", "software", "network", " dm", "dm ", "message me",
          "pm me", "attend", "going", "advice", "mentor")


# -- the data, as the templates see it -----------------------------------------------------
def _people() -> list[dict]:
    """Every profile but Olivia Martinez, in seed order."""
    return [p for p in seed()["profiles"] if p["id"] != OLIVIA]


def _connected() -> list[dict]:
    return [p for p in _people() if p["connectionGrade"] == "1st"]


def _strangers() -> list[dict]:
    return [p for p in _people() if p["connectionGrade"] != "1st"]


def _first(uid: str) -> str:
    return profiles()[uid]["name"].split()[0]


def _posts() -> list[dict]:
    return list(seed()["feedPosts"])


def _post_of(pid: str) -> dict:
    return next(p for p in _posts() if p["id"] == pid)


def _followable() -> list[dict]:
    return [c for c in companies().values() if c["id"] != MICROSOFT]


def _role(p: dict) -> str:
    """The headline's role: "Software Engineer at Stripe" -> "Software Engineer"."""
    return p["headline"].split(" at ")[0]


def norm(text: str) -> str:
    """Lowercase words joined by single spaces (punctuation and case do not count)."""
    return " ".join(re.findall(r"[a-z0-9]+", str(text).lower()))


def _names(uids: list[str]) -> str:
    return " and ".join(profiles()[u]["name"] for u in uids)


def _company_names(cids: list[str]) -> str:
    return " and ".join(companies()[c]["name"] for c in cids)


def _pick_other(after: str, pool: list[str], exclude: set[str]) -> str:
    """A stable pick from `pool` outside `exclude`: the first one sorting after `after`."""
    rest = [x for x in pool if x not in exclude]
    later = [x for x in rest if x > after]
    return (later or rest)[0]


# -- stated texts: posts and messages ------------------------------------------------------
#: what a post can be about (the goal names the topic; the judge wants it in the post)
TOPICS = ("web agents", "reinforcement learning", "LLM evals", "distributed systems",
          "product design", "technical writing", "startup fundraising", "GPU kernels",
          "data visualization", "open source maintenance", "prompt engineering",
          "accessibility testing")
#: (format, the words of it the judge wants besides its slots)
POST_FORMATS = (
    ("Reading up on {topic} this week. Any book recommendations?", ("book",)),
    ("Just wrapped up a weekend hackathon on {topic}. Tired but happy!", ("hackathon",)),
    ("Hot take: {topic} is underrated. Change my mind.", ("underrated",)),
    ("Looking for a good online course on {topic}. Drop your favorites below!", ("course",)),
    ("Big thanks to {friend} for the great chat about {topic} today!", ("thanks",)),
    ("Giving a talk on {topic} at Stanford next month. Come say hi!", ("talk", "stanford")),
)
#: (format, the words of it the judge wants besides its slots)
MESSAGE_FORMATS = (
    ("Hi {first}, are you free for a quick coffee chat on {day}?", ("coffee",)),
    ("Hey {first}, would you be open to a 20 minute call on {day}?", ("call",)),
    ("Hi {first}, is your team at {company} hiring this fall?", ("hiring",)),
    ("Hey {first}, it has been a while! Want to grab lunch on {day}?", ("lunch",)),
    ("Hi {first}, thanks again for the intro. Really appreciate it!", ("thanks", "intro")),
    ("Hi {first}, happy belated birthday! Hope you had a great one.", ("birthday",)),
)
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")


def _post_text(rng: random.Random) -> tuple[str, list[str]]:
    """A post's text and the words the judge wants in it."""
    fmt, words = rng.choice(POST_FORMATS)
    topic = rng.choice(TOPICS)
    friend = rng.choice(_connected())["name"]
    text = fmt.format(topic=topic, friend=friend)
    want = [topic, *words] + ([friend] if "{friend}" in fmt else [])
    return text, [norm(w) for w in want]


def _message_text(rng: random.Random, uid: str) -> tuple[str, list[str]]:
    """A message to `uid` and the words the judge wants in it."""
    fmt, words = rng.choice(MESSAGE_FORMATS)
    day = rng.choice(DAYS)
    company = profiles()[uid]["company"]
    text = fmt.format(first=_first(uid), day=day, company=company)
    want = list(words) + ([day] if "{day}" in fmt else []) + \
        ([company] if "{company}" in fmt else [])
    return text, [norm(w) for w in want]


def clean(text: str) -> bool:
    """Whether `text` holds none of the words REAL's networkin scripts look for."""
    low = f" {text.lower()} "
    return not any(b in low for b in BANNED)


# -- what /finish says ---------------------------------------------------------------------
def _diff(finish: dict) -> dict:
    return finish.get("initialfinaldiff") or \
        (finish.get("env_state") or {}).get("initialfinaldiff") or {}


def _part(finish: dict, kind: str, *path: str) -> dict:
    node: Any = _diff(finish).get(kind) or {}
    for key in path:
        node = node.get(key) if isinstance(node, dict) else None
    return node if isinstance(node, dict) else {}


def new_posts(finish: dict) -> list[dict]:
    """My posts made during the task, in id order."""
    posts = _part(finish, "added", "ui", "feed", "postDynamicData")
    return [p for _, p in sorted(posts.items(), key=lambda kv: norm(kv[0]).zfill(12))
            if isinstance(p, dict) and p.get("authorId") == ME]


def liked(finish: dict) -> set[str]:
    """The network's posts I liked during the task."""
    posts = _part(finish, "updated", "ui", "feed", "postDynamicData")
    return {pid for pid, p in posts.items() if isinstance(p, dict) and p.get("liked") is True}


def followed(finish: dict) -> set[str]:
    """The companies I followed during the task."""
    return {c for c, on in _part(finish, "updated", "followedCompanies").items() if on is True}


def connected(finish: dict) -> set[str]:
    """The people I connected with during the task."""
    added = {v for v in _part(finish, "added", "contactList").values() if isinstance(v, str)}
    graded = {u for u, g in _part(finish, "updated", "connectionGrades").items() if g == "1st"}
    return added | graded


def sent(finish: dict) -> list[tuple[str, dict]]:
    """(chat partner, message) for each message I sent during the task."""
    out = []
    for uid, room in _part(finish, "added", "ui", "messaging", "chatroomData").items():
        msgs = room.get("messages") if isinstance(room, dict) else None
        items = msgs if isinstance(msgs, list) else list((msgs or {}).values()) \
            if isinstance(msgs, dict) else []
        out += [(uid, m) for m in items if isinstance(m, dict) and m.get("authorId") == ME]
    return out


def texts_to(finish: dict) -> dict[str, list[str]]:
    """Partner -> the text messages I sent them."""
    out: dict[str, list[str]] = {}
    for uid, m in sent(finish):
        if m.get("type") == "text":
            out.setdefault(uid, []).append(str(m.get("message", "")))
    return out


def shares(finish: dict) -> set[tuple[str, str]]:
    """(post id, partner) for each post I sent to someone during the task."""
    return {(str((m.get("postData") or {}).get("id")), uid) for uid, m in sent(finish)
            if m.get("type") == "post" and isinstance(m.get("postData"), dict)}


def _has(text: str, words: list[str]) -> bool:
    said = f" {norm(text)} "
    return all(f" {w} " in said for w in words)


def _judge_sets(got: set[str], want: set[str], what: str, name: Any) -> Verdict:
    if got != want:
        told = ", ".join(sorted(name(x) for x in got)) or "none"
        return Verdict(False, f"{what}: {told}; the goal wants "
                              f"{', '.join(sorted(name(x) for x in want))}")
    return Verdict(True, f"{what}: {', '.join(sorted(name(x) for x in got))}")


def _judge_post(params: Params, finish: dict) -> tuple[Verdict, dict | None]:
    """Exactly one new post, holding the words the goal states."""
    posts = new_posts(finish)
    if not posts:
        return Verdict(False, "no new post"), None
    if len(posts) > 1:
        return Verdict(False, f"{len(posts)} new posts; the goal wants one"), None
    text = str(posts[0].get("description", ""))
    if not _has(text, params["words"]):
        return Verdict(False, f"the post says {text[:80]!r}, not what the goal states"), None
    return Verdict(True, f"posted {text[:80]!r}"), posts[0]


# -- the browser and in-process steps both play ---------------------------------------------
def _search(query: str) -> list[Step]:
    return [R.fill("textbox", "Search", query), R.click("button", "Search", exact=True)]


def _post_steps(text: str) -> list[Step]:
    return [R.fill("textbox", "What do you want to talk about?", text),
            R.click("button", "Post", exact=True)]


def _connect_on(client: SiteClient, query: str, uid: str) -> None:
    client.get("/search", params={"keywords": query})
    client.post(f"/in/{uid}/connect", data={"next": ""})


class _NetworkInTemplate(Template):
    site = "networkin"
    base_task = BASE_TASK


# -- templates -----------------------------------------------------------------------------
class PostUpdate(_NetworkInTemplate):
    """Post an update whose text the goal states."""

    name = "post_update"
    PHRASES = ('Post on NetworkIn: "{text}"', "Make a post that says: {text}",
               "NetworkIn: share an update saying \"{text}\"", "post this for me - {text}")

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft | None:
        text, words = _post_text(rng)
        goal = rng.choice(self.PHRASES).format(text=text)
        return Draft({"text": text, "words": words}, goal, difficulty=1)

    def judge(self, params: Params, finish: dict) -> Verdict:
        return _judge_post(params, finish)[0]

    def reach(self, params: Params, client: SiteClient) -> None:
        for text in params.get("texts", [params["text"]]):
            client.post("/posts", data={"description": text})

    def near_misses(self, params: Params, state: dict[str, Any]) -> list[Params]:
        rng = random.Random(params["text"])
        other = params["text"]
        while set(_post_text(rng)[1]) == set(params["words"]) or other == params["text"]:
            other = _post_text(rng)[0]
        return [{**params, "text": other}, {**params, "texts": [params["text"], other]}]

    def solution(self, params: Params) -> list[Step]:
        return [*_post_steps(params["text"]), R.send("Posted the update.")]


class LikePost(_NetworkInTemplate):
    """Like the post of a named person (each author has one post in the feed)."""

    name = "like_post"
    PHRASES = ("Like {name}'s post", "NetworkIn: go like the post from {name}",
               "find {first}'s post in my feed and hit like", "like {name}'s latest post")
    HINTED = ("Like {name}'s post about {hint}", "NetworkIn: like the post where {first} "
              "talks about {hint}", "give {name}'s post on {hint} a like")
    HINTS = {"post-1": "the web agent benchmark", "post-2": "shipping a first AI feature",
             "post-3": "Stripe hiring new grads", "post-4": "closing their seed round",
             "post-5": "accessibility", "post-6": "cutting p99 latency",
             "post-7": "A/B testing", "post-8": "the customer summit",
             "post-9": "fused attention kernels", "post-10": "seed-stage pitches"}

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft | None:
        post = rng.choice(_posts())
        name = post["authorName"]
        phrases = self.HINTED if rng.random() < 0.5 else self.PHRASES
        goal = rng.choice(phrases).format(name=name, first=name.split()[0],
                                          hint=self.HINTS[post["id"]])
        return Draft({"post": post["id"], "author": name, "likes": [post["id"]]}, goal,
                     difficulty=1)

    def judge(self, params: Params, finish: dict) -> Verdict:
        return _judge_sets(liked(finish), {params["post"]}, "liked posts by",
                           lambda pid: _post_of(pid)["authorName"])

    def reach(self, params: Params, client: SiteClient) -> None:
        client.get("/")
        for pid in params["likes"]:
            client.post(f"/posts/{pid}/like", data={"next": ""})

    def near_misses(self, params: Params, state: dict[str, Any]) -> list[Params]:
        other = _pick_other(params["post"], [p["id"] for p in _posts()], {params["post"]})
        return [{**params, "likes": [other]}, {**params, "likes": [params["post"], other]}]

    def solution(self, params: Params) -> list[Step]:
        """Like the posts of `likes` (the goal's one; a near miss's others)."""
        return [*(R.click("button", f"Like post by {_post_of(pid)['authorName']}", exact=True)
                  for pid in params.get("likes", [params["post"]])),
                R.send(f"Liked {params['author']}'s post.")]


class ConnectWithPeople(_NetworkInTemplate):
    """Connect with one or two named people (never three: that is REAL's networkin-10)."""

    name = "connect_with_people"
    ONE = ("NetworkIn: Connect with {names}", "send {names} a connection request",
           "Add {names} to my network", "I met {names} at a meetup, connect with them")
    TWO = ("Connect with {names}", "NetworkIn: send connection requests to {names}",
           "add both {names} as connections")

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft | None:
        two = rng.random() < 0.4
        people = rng.sample(_strangers(), 2 if two else 1)
        uids = [p["id"] for p in people]
        goal = rng.choice(self.TWO if two else self.ONE).format(names=_names(uids))
        return Draft({"people": uids, "connect": uids}, goal, difficulty=2 if two else 1)

    def judge(self, params: Params, finish: dict) -> Verdict:
        return _judge_sets(connected(finish), set(params["people"]), "connected with",
                           lambda u: profiles()[u]["name"] if u in profiles() else u)

    def reach(self, params: Params, client: SiteClient) -> None:
        for uid in params["connect"]:
            _connect_on(client, profiles()[uid]["name"], uid)

    def near_misses(self, params: Params, state: dict[str, Any]) -> list[Params]:
        uids = params["people"]
        pool = [p["id"] for p in _strangers()]
        other = _pick_other(uids[0], pool, set(uids))
        misses = [{**params, "connect": [other, *uids[1:]]}]
        if len(uids) == 2:
            misses.append({**params, "connect": uids[:1]})
        else:
            misses.append({**params, "connect": [*uids, other]})
        return misses

    def solution(self, params: Params) -> list[Step]:
        """Connect with the people of `connect` (the goal's; a near miss's others)."""
        steps: list[Step] = []
        for uid in params.get("connect", params["people"]):
            name = profiles()[uid]["name"]
            steps += [*_search(name), R.click("button", f"Invite {name} to connect", exact=True)]
        return [*steps, R.send(f"Connected with {_names(params['people'])}.")]


#: what a description never says: REAL's networkin-1, -5, -6 and -26 pass on searches for these
UNSAID = ("software", "new york", "tech", "microsoft")


def _descriptions(p: dict) -> list[str]:
    """Ways to pick `p` out of everyone not yet connected, each naming them alone (and none
    that would send a searcher to a REAL task's search)."""
    others = [q for q in _strangers() if q["id"] != p["id"]]
    out = []
    if all(q["headline"] != p["headline"] for q in others):
        out.append(f"the {p['headline']}")
    if all(not (_role(q) == _role(p) and q["location"] == p["location"]) for q in others):
        out.append(f"the {_role(p)} based in {p['location']}")
    if all(not (q["school"] == p["school"] and q["company"] == p["company"]) for q in others):
        out.append(f"the {p['school']} grad who works at {p['company']}")
    return [d for d in out if not any(w in d.lower() for w in UNSAID)]


class ConnectByDescription(_NetworkInTemplate):
    """Connect with the one person a description (role, company, place, school) picks."""

    name = "connect_by_description"
    PHRASES = ("Connect with {who}", "NetworkIn: find {who} and send a connection request",
               "I want to connect with {who}", "look up {who} and connect with them")

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft | None:
        p = rng.choice(_strangers())
        ways = _descriptions(p)
        if not ways:
            return None
        who = rng.choice(ways)
        goal = rng.choice(self.PHRASES).format(who=who)
        return Draft({"person": p["id"], "who": who, "connect": p["id"]}, goal, difficulty=2)

    def judge(self, params: Params, finish: dict) -> Verdict:
        return _judge_sets(connected(finish), {params["person"]}, "connected with",
                           lambda u: profiles()[u]["name"] if u in profiles() else u)

    @staticmethod
    def query(uid: str) -> str:
        """What to search to list the person: their company (their name for Microsoft's:
        a "microsoft" search alone would pass REAL's networkin-1)."""
        p = profiles()[uid]
        return p["name"] if p["company"].lower() == MICROSOFT else p["company"]

    def reach(self, params: Params, client: SiteClient) -> None:
        _connect_on(client, self.query(params["person"]), params["connect"])

    def near_misses(self, params: Params, state: dict[str, Any]) -> list[Params]:
        p = profiles()[params["person"]]
        pool = [q["id"] for q in _strangers() if q["id"] != p["id"]]
        alike = [q for q in pool if profiles()[q]["company"] == p["company"]
                 or _role(profiles()[q]) == _role(p)]
        return [{**params, "connect": u} for u in dict.fromkeys(
            [*alike[:2], _pick_other(p["id"], pool, set())])]

    def solution(self, params: Params) -> list[Step]:
        """Search for the person of `connect` (the described one; a near miss's look-alike)
        and connect with them."""
        p = profiles()[params["person"]]
        to = profiles()[params.get("connect", p["id"])]
        return [*_search(self.query(to["id"])),
                R.click("button", f"Invite {to['name']} to connect", exact=True),
                R.send(f"Connected with {p['name']} ({p['headline']}).")]


class MessagePerson(_NetworkInTemplate):
    """Send a named person a message whose text the goal states."""

    name = "message_person"
    PHRASES = ('Message {name}: "{text}"', "NetworkIn: send {name} a message saying {text}",
               "dm {first} this: {text}", "Write to {name} on NetworkIn - \"{text}\"")

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft | None:
        p = rng.choice(_people())
        text, words = _message_text(rng, p["id"])
        goal = rng.choice(self.PHRASES).format(name=p["name"], first=p["name"].split()[0],
                                               text=text)
        return Draft({"person": p["id"], "text": text, "words": words, "to": p["id"]}, goal,
                     difficulty=1 if p["connectionGrade"] == "1st" else 2)

    def judge(self, params: Params, finish: dict) -> Verdict:
        got = texts_to(finish)
        want, name = params["person"], profiles()[params["person"]]["name"]
        others = sorted(profiles()[u]["name"] if u in profiles() else u for u in got if u != want)
        if others:
            return Verdict(False, f"messaged {', '.join(others)}; the goal wants {name} only")
        if want not in got:
            return Verdict(False, f"no message to {name}")
        if not any(_has(t, params["words"]) for t in got[want]):
            return Verdict(False, f"the message to {name} does not say what the goal states")
        return Verdict(True, f"messaged {name}: {got[want][-1][:80]!r}")

    def reach(self, params: Params, client: SiteClient) -> None:
        uid = params["to"]
        if profiles()[uid]["connectionGrade"] != "1st":
            client.get("/search", params={"keywords": profiles()[uid]["name"]})
        client.get(f"/in/{uid}")
        client.get(f"/messaging/{uid}")
        client.post(f"/messaging/{uid}", data={"message": params["text"]})

    def near_misses(self, params: Params, state: dict[str, Any]) -> list[Params]:
        uid = params["person"]
        other = _pick_other(uid, [p["id"] for p in _people()], {uid})
        rng = random.Random(params["text"])
        text = params["text"]
        while text == params["text"] or _has(text, params["words"]):
            text = _message_text(rng, uid)[0]
        return [{**params, "to": other}, {**params, "text": text}]

    def solution(self, params: Params) -> list[Step]:
        p = profiles()[params["person"]]
        return [*_search(p["name"]), R.click("link", p["name"], exact=True),
                R.click("link", f"Message {p['name']}", exact=True),
                R.fill("textbox", "Write a message", params["text"]),
                R.click("button", "Send", exact=True), R.send(f"Sent {p['name']} the message.")]


class SharePost(_NetworkInTemplate):
    """Send a named person's post to one or two of my connections."""

    name = "share_post"
    PHRASES = ("Send {author}'s post to {names}", "NetworkIn: share the post by {author} "
               "with {names}", "forward {first}'s post to {names}",
               "{names} would like {author}'s post, send it to them")

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft | None:
        post = rng.choice(_posts())
        pool = [p for p in _connected() if p["id"] != post["authorId"]]
        two = rng.random() < 0.35
        to = [p["id"] for p in rng.sample(pool, 2 if two else 1)]
        author = post["authorName"]
        goal = rng.choice(self.PHRASES).format(author=author, first=author.split()[0],
                                               names=_names(to))
        return Draft({"post": post["id"], "author": author, "people": to,
                      "send": {"post": post["id"], "to": to}}, goal,
                     difficulty=3 if two else 2)

    def judge(self, params: Params, finish: dict) -> Verdict:
        got = shares(finish)
        want = {(params["post"], u) for u in params["people"]}

        def name(share: tuple[str, str]) -> str:
            pid, uid = share
            who = profiles()[uid]["name"] if uid in profiles() else uid
            try:
                by = _post_of(pid)["authorName"]
            except StopIteration:
                by = "me"
            return f"{by}'s post to {who}"

        return _judge_sets(got, want, "sent", name)

    def reach(self, params: Params, client: SiteClient) -> None:
        pid = params["send"]["post"]
        client.get(f"/posts/{pid}/send")
        client.post(f"/posts/{pid}/send", data={"to": list(params["send"]["to"])})

    def near_misses(self, params: Params, state: dict[str, Any]) -> list[Params]:
        pid, to = params["post"], params["people"]
        other_post = _pick_other(pid, [p["id"] for p in _posts()],
                                 {pid, *(p["id"] for p in _posts() if p["authorId"] in to)})
        pool = [p["id"] for p in _connected() if p["id"] != _post_of(pid)["authorId"]]
        other = _pick_other(to[0], pool, set(to))
        misses = [{**params, "send": {"post": other_post, "to": to}},
                  {**params, "send": {"post": pid, "to": [other, *to[1:]]}}]
        if len(to) == 2:
            misses.append({**params, "send": {"post": pid, "to": to[:1]}})
        return misses

    def solution(self, params: Params) -> list[Step]:
        """Send the post of `send` to its people (the goal's; a near miss's others)."""
        send = params.get("send", {"post": params["post"], "to": params["people"]})
        author = _post_of(send["post"])["authorName"]
        names = [profiles()[u]["name"] for u in params["people"]]
        return [R.click("link", f"Send post by {author}", exact=True),
                *(R.check("checkbox", profiles()[u]["name"]) for u in send["to"]),
                R.click("button", "Send", exact=True),
                R.send(f"Sent {params['author']}'s post to {' and '.join(names)}.")]


class FollowCompanies(_NetworkInTemplate):
    """Follow one or two named companies (never Microsoft: REAL's networkin-1)."""

    name = "follow_companies"
    ONE = ("Follow {names} on NetworkIn", "NetworkIn: follow the {names} company page",
           "start following {names}", "I want updates from {names}, follow them")
    TWO = ("Follow {names}", "NetworkIn: follow both {names}",
           "go to companies and follow {names}")

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft | None:
        two = rng.random() < 0.5
        cids = [c["id"] for c in rng.sample(_followable(), 2 if two else 1)]
        goal = rng.choice(self.TWO if two else self.ONE).format(names=_company_names(cids))
        return Draft({"companies": cids, "follow": cids}, goal, difficulty=2 if two else 1)

    def judge(self, params: Params, finish: dict) -> Verdict:
        return _judge_sets(followed(finish), set(params["companies"]), "followed",
                           lambda c: companies()[c]["name"] if c in companies() else c)

    def reach(self, params: Params, client: SiteClient) -> None:
        client.get("/companies")
        for cid in params["follow"]:
            client.post(f"/companies/{cid}/follow", data={"next": ""})

    def near_misses(self, params: Params, state: dict[str, Any]) -> list[Params]:
        cids = params["companies"]
        other = _pick_other(cids[0], [c["id"] for c in _followable()], set(cids))
        misses = [{**params, "follow": [other, *cids[1:]]}, {**params, "follow": [*cids, other]}]
        if len(cids) == 2:
            misses.append({**params, "follow": cids[:1]})
        return misses

    def solution(self, params: Params) -> list[Step]:
        """Follow the companies of `follow` (the goal's; a near miss's others)."""
        names = [companies()[c]["name"] for c in params["companies"]]
        return [R.click("link", "Companies", exact=True),
                *(R.click("button", f"Follow {companies()[c]['name']}", exact=True)
                  for c in params.get("follow", params["companies"])),
                R.send(f"Following {' and '.join(names)}.")]


@lru_cache(maxsize=1)
def _by_company_name() -> dict[str, str]:
    return {c["name"]: c["id"] for c in _followable()}


class FollowEmployer(_NetworkInTemplate):
    """Follow the company a named person works at."""

    name = "follow_employer"
    PHRASES = ("Follow the company {name} works at", "NetworkIn: check where {name} works "
               "and follow that company", "follow {first}'s employer",
               "whatever company {name} is at, follow it")

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft | None:
        pool = [p for p in _people() if p["company"] in _by_company_name()]
        p = rng.choice(pool)
        goal = rng.choice(self.PHRASES).format(name=p["name"], first=p["name"].split()[0])
        cid = _by_company_name()[p["company"]]
        return Draft({"person": p["id"], "company": cid, "follow": [cid]}, goal, difficulty=2)

    def judge(self, params: Params, finish: dict) -> Verdict:
        name = profiles()[params["person"]]["name"]
        return _judge_sets(followed(finish), {params["company"]}, f"followed ({name}'s employer)",
                           lambda c: companies()[c]["name"] if c in companies() else c)

    reach = FollowCompanies.reach

    def near_misses(self, params: Params, state: dict[str, Any]) -> list[Params]:
        cid = params["company"]
        other = _pick_other(cid, [c["id"] for c in _followable()], {cid})
        return [{**params, "follow": [other]}, {**params, "follow": [cid, other]}]

    def solution(self, params: Params) -> list[Step]:
        """Look the person up, then follow the companies of `follow` (their employer; a
        near miss's others)."""
        p = profiles()[params["person"]]
        name = companies()[params["company"]]["name"]
        return [*_search(p["name"]), R.click("link", p["name"], exact=True),
                R.click("link", "Companies", exact=True),
                *(R.click("button", f"Follow {companies()[c]['name']}", exact=True)
                  for c in params.get("follow", [params["company"]])),
                R.send(f"{p['name']} works at {name}; following {name}.")]


class PostAndSend(_NetworkInTemplate):
    """Post an update with stated text, then send that post to a connection."""

    name = "post_and_send"
    PHRASES = ('Post "{text}" and then send the post to {name}',
               "NetworkIn: make a post saying {text} Then share it with {name}.",
               "post this: {text} - and forward it to {name}")

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft | None:
        text, words = _post_text(rng)
        to = rng.choice(_connected())["id"]
        goal = rng.choice(self.PHRASES).format(text=text, name=profiles()[to]["name"])
        return Draft({"text": text, "words": words, "person": to, "to": to}, goal,
                     difficulty=3)

    def judge(self, params: Params, finish: dict) -> Verdict:
        verdict, post = _judge_post(params, finish)
        if post is None:
            return verdict
        name = profiles()[params["person"]]["name"]
        got = shares(finish)
        if got != {(str(post.get("id")), params["person"])}:
            told = ", ".join(sorted(profiles().get(u, {}).get("name", u) for _, u in got))
            return Verdict(False, f"posted, but sent posts to: {told or 'nobody'}; the goal "
                                  f"wants the new post sent to {name} only")
        return Verdict(True, f"{verdict.reason}, sent to {name}")

    def reach(self, params: Params, client: SiteClient) -> None:
        feed = client.post("/posts", data={"description": params["text"]}).text
        if params["to"]:
            # the feed lists my posts first: the first Send link is the new post's
            pid = re.search(r'/posts/([^/"]+)/send', feed).group(1)
            client.get(f"/posts/{pid}/send")
            client.post(f"/posts/{pid}/send", data={"to": [params["to"]]})

    def near_misses(self, params: Params, state: dict[str, Any]) -> list[Params]:
        other = _pick_other(params["person"], [p["id"] for p in _connected()],
                            {params["person"]})
        return [{**params, "to": ""}, {**params, "to": other}]

    def solution(self, params: Params) -> list[Step]:
        """Post the text, then send the post to `to` (the goal's connection; a near miss's
        other one, or nobody)."""
        name = profiles()[params["person"]]["name"]
        to = params.get("to", params["person"])
        sending = [R.click("link", f"Send post by {seed()['user']['name']}", exact=True),
                   R.check("checkbox", profiles()[to]["name"]),
                   R.click("button", "Send", exact=True)] if to else []
        return [*_post_steps(params["text"]), *sending,
                R.send(f"Posted the update and sent it to {name}.")]


TEMPLATES: list[Template] = [PostUpdate(), LikePost(), ConnectWithPeople(),
                             ConnectByDescription(), MessagePerson(), SharePost(),
                             FollowCompanies(), FollowEmployer(), PostAndSend()]
