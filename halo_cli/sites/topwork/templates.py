"""TopWork's training-task templates (not REAL's tasks): invite a named freelancer, or the
one a description picks, to one of the client's job posts; save freelancers by name, or
the cheapest / priciest / best-scoring one of a search; message a freelancer about one of
their skills; reply in a conversation with a date or a budget; post a job with a title,
a rate range and some of size, length, level, contract-to-hire, category and skills;
remove job posts.

Every topwork task starts from the same seed store, so parameters come from it (the
freelancers, job posts and conversations of `data/seed.json`). Judges read `/finish` as
REAL's topwork scripts do (`initialfinaldiff`, diffed with deep-object-diff, lists as
index-keyed dicts): new messages under `added.messages.contactList.<i>.messages`, saved ids
under `added.saved.savedFreelancerIds`, removed posts under `added.jobs.removedJobPosts`,
new posts under `added`/`updated` `jobs.jobs.<i>` (a removal shifts the list, so a post
is read as the seed post at its index with the diff laid over it). They check who, which
job, which value, and nothing the goal does not ask (pages opened, searches, chats read).

No reference end state passes one of REAL's topwork scripts (the test set), and the
templates are built so: no offers at all (topwork-7 takes any offer), invitations only to
freelancers REAL's invite scripts do not count (`invite_safe`), no message with a word
topwork-21 reads as asking about availability (`quiet`), never Ashley and Brandon saved
together (topwork-14), never a data-related post removed (topwork-8), no financial analyst
or data annotator post (topwork-9, -13).
"""

from __future__ import annotations

import random
import re
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from halo_cli.sites import reference as R
from halo_cli.sites.reference import Step
from halo_cli.sites.templates import Draft, SiteClient, Template, Verdict
from halo_cli.sites.topwork import store

Params = dict[str, Any]


# -- the seed, as the templates see it -----------------------------------------------------
@lru_cache(maxsize=1)
def _seed() -> dict[str, Any]:
    return store.seed_state()


def _freelancer(fid: str) -> dict:
    found = store.freelancer(_seed(), fid)
    if found is None:
        raise KeyError(fid)
    return found


def _job(jid: str) -> dict:
    found = store.job(_seed(), jid)
    if found is None:
        raise KeyError(jid)
    return found


def _first(name: str) -> str:
    return name.split()[0]


def norm(text: Any) -> str:
    """Lower case, hyphens and slashes as spaces, whitespace collapsed: how judges compare
    what the user typed with what the goal named."""
    return " ".join(re.sub(r"[-/]", " ", str(text or "")).lower().split())


#: words REAL's topwork-21 reads as asking about availability (substrings, as it does);
#: with "tomorrow" (topwork-12), "fitness" (topwork-2) and "get set up" (topwork-10)
_REAL_MESSAGE_WORDS = (
    "free", "available", "availability", "schedule", "meet", "call", "chat", "interview",
    "time", "slot", "connect", "today", "tomorrow", "tonight", "morning", "afternoon",
    "evening", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "this week", "next week", "fitness", "get set up")


def quiet(text: str) -> bool:
    """Whether a message the client sends says none of the words REAL's message scripts
    look for (so a reference message does not do one of REAL's message tasks)."""
    low = text.lower()
    return not any(w in low for w in _REAL_MESSAGE_WORDS)


def invite_safe(f: dict) -> bool:
    """Whether inviting freelancer `f` passes none of REAL's invite scripts: their title
    has none of full stack / back end (topwork-2, -4), python, data, ml, ai, machine
    learning (topwork-3)."""
    t = f["title"].lower()
    s = t.replace("-", " ")
    return not (("full" in t and "stack" in t) or ("back" in t and "end" in t)
                or "full stack" in s
                or any(k in t for k in ("python", "backend", "data", "machine learning", "ml",
                                        "ai")))


def _data_related(j: dict) -> bool:
    """REAL's topwork-8 heuristic, the parts that touch this seed: a data category, or a
    data word in the title, or a data skill."""
    title, skills = j["title"].lower(), " ".join(j["skills"]).lower()
    return ("data" in j["category"].lower() or "data" in j.get("subcategory", "").lower()
            or any(k in title for k in ("data", "analytics", "analysis", "analyst", "ml",
                                        "machine learning"))
            or any(k in skills for k in ("pandas", "tableau", "power bi", "pytorch", "ml",
                                         "machine learning", "etl", "spark")))


def _safe_freelancers() -> list[dict]:
    return [f for f in store.freelancers(_seed()) if invite_safe(f)]


def _open_jobs() -> list[dict]:
    return [j for j in store.jobs(_seed()) if j["status"] == "published"]


#: what a client calls each seed post in passing
_JOB_SHORT = {"job-1": "sales dashboards", "job-2": "backend API", "job-3": "recommendations",
              "job-4": "React website", "job-5": "brand identity", "job-6": "blog writer"}


# -- what /finish says ---------------------------------------------------------------------
def _diff(finish: dict, part: str) -> dict:
    found = (finish.get("initialfinaldiff") or {}).get(part)
    return found if isinstance(found, dict) else {}


def _at(tree: Any, *keys: str) -> Any:
    for key in keys:
        if not isinstance(tree, dict):
            return None
        tree = tree.get(key)
    return tree


def _entries(value: Any) -> dict[int, Any]:
    """A list, or a diff's index-keyed dict of one, as `{index: item}`."""
    if isinstance(value, list):
        return dict(enumerate(value))
    if isinstance(value, dict):
        return {int(k): v for k, v in value.items() if str(k).isdigit()}
    return {}


def _merge(old: Any, change: Any) -> Any:
    """`old` with a diff's `change` laid over it (index-keyed dicts over lists)."""
    if isinstance(change, dict) and isinstance(old, list):
        out = list(old)
        for i, v in sorted(_entries(change).items()):
            if i < len(out):
                out[i] = _merge(out[i], v)
            else:
                out.append(v)
        return out
    if isinstance(change, dict) and isinstance(old, dict):
        return {**old, **{k: _merge(old.get(k), v) for k, v in change.items()}}
    return change


def new_messages(finish: dict) -> list[tuple[str, dict]]:
    """(conversation id, message) of every message sent during the task, in order."""
    seed = store.contacts(_seed())
    out = []
    for i, c in sorted(_entries(_at(_diff(finish, "added"), "messages", "contactList")).items()):
        if not isinstance(c, dict):
            continue
        cid = seed[i]["id"] if i < len(seed) else c.get("id")
        out += [(str(cid), m) for _, m in sorted(_entries(c.get("messages")).items())
                if isinstance(m, dict)]
    return sorted(out, key=lambda cm: str(cm[1].get("timestamp", "")))


def _client_messages(finish: dict) -> list[tuple[str, dict]]:
    """The client's own text messages sent during the task (invitations aside)."""
    return [(cid, m) for cid, m in new_messages(finish)
            if m.get("author") == store.USER and m.get("type", "text") == "text"]


def invitations(finish: dict) -> list[tuple[str, str]]:
    """(freelancer id, job id) of every invitation sent during the task."""
    return [(cid, str(m.get("jobId"))) for cid, m in new_messages(finish)
            if m.get("type") == "invite"]


def saved(finish: dict) -> set[str]:
    """The saved freelancers at the end (the seed saves none, so all are added)."""
    ids = _at(_diff(finish, "added"), "saved", "savedFreelancerIds")
    return {v for v in _entries(ids).values() if isinstance(v, str)}


def removed(finish: dict) -> set[str]:
    """The ids of the job posts removed during the task."""
    posts = _at(_diff(finish, "added"), "jobs", "removedJobPosts")
    return {str(j.get("id")) for j in _entries(posts).values() if isinstance(j, dict)}


def new_jobs(finish: dict) -> list[dict]:
    """The job posts made during the task (posted or drafts), as the store holds them."""
    seed = store.jobs(_seed())
    seed_ids = {j["id"] for j in seed}
    changed: dict[int, Any] = {}
    for part in ("added", "updated"):
        for i, v in _entries(_at(_diff(finish, part), "jobs", "jobs")).items():
            changed[i] = _merge(changed.get(i), v) if i in changed else v
    out = []
    for i, change in sorted(changed.items()):
        job = _merge(seed[i], change) if i < len(seed) else change
        if isinstance(job, dict) and job.get("id") not in seed_ids:
            out.append(job)
    return out


def _names(ids: Any) -> str:
    people = [(_freelancer(i)["name"] if store.freelancer(_seed(), i) else i) for i in ids]
    return ", ".join(sorted(people)) or "nobody"


# -- browser steps -------------------------------------------------------------------------
def _search(query: str, availability: str = "") -> list[Step]:
    return [R.click("link", "Find talent"), R.fill("textbox", "Search freelancers", query),
            *R.fill_form(("select", "combobox", "Availability", availability)),
            R.click("button", "Search", exact=True)]


def _open_profile(f: dict) -> list[Step]:
    return [*_search(f["name"]), R.click("link", f["name"], exact=True)]


def _has_chat(fid: str) -> bool:
    return store.contact(_seed(), fid) is not None


def _message_steps(f: dict, text: str) -> list[Step]:
    """From a profile: Message; a known contact's chat opens, else the message form."""
    steps = [R.click("link", "Message", exact=True)]
    if _has_chat(f["id"]):
        return [*steps, R.fill("textbox", f"Message {f['name']}", text),
                R.click("button", "Send", exact=True)]
    return [*steps, R.fill("textbox", "Message", text), R.click("button", "Send message")]


def _send_message(client: SiteClient, fid: str, text: str) -> None:
    """The message a client sends from a profile, in-process (as `_message_steps`)."""
    client.get(f"/talent/{fid}")
    client.get(f"/talent/{fid}/message")
    if _has_chat(fid):
        client.post(f"/messages/{fid}/send", data={"message": text})
    else:
        client.post(f"/talent/{fid}/message", data={"message": text})


def _retry(rng: random.Random, pick: Any, tries: int = 50) -> Any:
    """`pick(rng)` until it draws something usable (not None), at most `tries` times."""
    for _ in range(tries):
        found = pick(rng)
        if found is not None:
            return found
    return None


class _TopWorkTemplate(Template):
    site = "topwork"
    base_task = "topwork-4"


# -- invitations ---------------------------------------------------------------------------
def _judge_invite(params: Params, finish: dict, who: str) -> Verdict:
    sent = invitations(finish)
    if not sent:
        return Verdict(False, "no invitation was sent")
    want = (params["fid"], params["job"])
    others = sorted({fid for fid, _ in sent if fid != params["fid"]})
    if others:
        return Verdict(False, f"also invited {_names(others)}; only {who} was asked for")
    jobs = sorted({jid for fid, jid in sent if fid == params["fid"]})
    if want not in sent:
        got = ", ".join(_job(j)["title"] if store.job(_seed(), j) else j for j in jobs)
        return Verdict(False, f"invited {params['name']} to {got}, not {params['job_title']}")
    if len(jobs) > 1:
        return Verdict(False, f"invited {params['name']} to {len(jobs)} jobs; one was asked for")
    return Verdict(True, f"invited {params['name']} to {params['job_title']}")


def _reach_invite(params: Params, client: SiteClient) -> None:
    fid = params["fid"]
    client.get("/talent", params={"q": params.get("query", params["name"]),
                                  "availability": params.get("availability", "")})
    client.get(f"/talent/{fid}")
    client.get(f"/talent/{fid}/invite")
    client.post(f"/talent/{fid}/invite", data={"job": params["job"],
                                               "message": store.INVITE_TEXT})


def _invite_steps(params: Params, f: dict, find: list[Step]) -> list[Step]:
    return [*find, R.click("link", f["name"], exact=True), R.click("link", "Invite to job"),
            R.select("combobox", "Job", params["job_title"]),
            R.click("button", "Send invitation"),
            R.send(f"Invited {f['name']} to {params['job_title']}.")]


def _invite_near(params: Params, fids: list[str]) -> list[Params]:
    """The right freelancer to another post, and another freelancer to the right post."""
    jobs = [j["id"] for j in _open_jobs() if j["id"] != params["job"]]
    other_job = jobs[(int(params["job"].split("-")[1])) % len(jobs)]
    other = next(i for i in fids if i != params["fid"])
    return [{**params, "job": other_job, "job_title": _job(other_job)["title"]},
            {**params, "fid": other, "name": _freelancer(other)["name"]}]


class InviteToJob(_TopWorkTemplate):
    """Invite a named freelancer to one of the client's open job posts."""

    name = "invite_to_job"
    PHRASES = ("Invite {name} to my {title} job post.",
               "TopWork: send {first} an invitation for the {short} job",
               "invite {name} to apply to {title}",
               "Can you get {name} to look at my {short} posting? Send an invite.",
               "I want {first} to submit a proposal for the {short} job. Invite them.")

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft | None:
        f = rng.choice(_safe_freelancers())
        j = rng.choice(_open_jobs())
        params = {"fid": f["id"], "name": f["name"], "job": j["id"], "job_title": j["title"]}
        goal = rng.choice(self.PHRASES).format(
            name=f["name"], first=_first(f["name"]),
            title=j["title"], short=_JOB_SHORT[j["id"]])
        return Draft(params, goal, difficulty=1)

    def judge(self, params: Params, finish: dict) -> Verdict:
        return _judge_invite(params, finish, params["name"])

    def reach(self, params: Params, client: SiteClient) -> None:
        _reach_invite(params, client)

    def near_misses(self, params: Params, state: dict[str, Any]) -> list[Params]:
        return _invite_near(params, [f["id"] for f in _safe_freelancers()])

    def solution(self, params: Params) -> list[Step]:
        f = _freelancer(params["fid"])
        return _invite_steps(params, f, _search(f["name"]))


def _descriptors() -> list[dict]:
    """Searches (a query, maybe an availability) that list exactly one invite-safe
    freelancer: their title, a skill only they list, a title word with an availability."""
    seed, out = _seed(), []
    for f in _safe_freelancers():
        words = [w for w in re.split(r"[\s/()&-]+", f["title"]) if w.endswith(("er", "ist"))]
        for q in dict.fromkeys([f["title"], *f["skills"], *words]):
            if [g["id"] for g in store.search_talent(seed, q)] == [f["id"]]:
                out.append({"fid": f["id"], "query": q, "availability": ""})
            elif [g["id"] for g in store.search_talent(seed, q, f["availability"])] == [f["id"]]:
                out.append({"fid": f["id"], "query": q, "availability": f["availability"]})
    return out


def _described(d: dict) -> str:
    """How a goal names the freelancer a descriptor picks."""
    f, q = _freelancer(d["fid"]), d["query"]
    if q in f["skills"]:
        who = f"the freelancer who lists {q} as a skill"
    elif q == f["title"]:
        who = f"the {q}"
    else:
        who = f"the {q.lower()}"
    if d["availability"] == "Available now":
        who += " who is available now"
    elif d["availability"] == "Looking for work":
        who += " who's looking for work"
    return who


def _a(who: str) -> str:
    """A descriptor with an article: "the SEO Specialist" as "an SEO Specialist"."""
    rest = who.removeprefix("the ")
    return ("an " if rest[:1].lower() in "aeiou" or rest.startswith("SEO") else "a ") + rest


class InviteDescribed(_TopWorkTemplate):
    """Invite the one freelancer a description picks (a title, a skill, an availability) to
    an open job post: the user finds them with a search."""

    name = "invite_described"
    base_task = "topwork-3"
    PHRASES = ("Find {who} and invite them to my {title} post",
               "TopWork: invite {who} to the {short} job",
               "There's {who_a} on TopWork, invite them to apply for {title}.",
               "send an invitation for my {short} job to {who}")

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft | None:
        d = rng.choice(_descriptors())
        j = rng.choice(_open_jobs())
        f = _freelancer(d["fid"])
        who = _described(d)
        params = {**d, "name": f["name"], "job": j["id"], "job_title": j["title"], "who": who}
        goal = rng.choice(self.PHRASES).format(
            who=who, who_a=_a(who), title=j["title"],
            short=_JOB_SHORT[j["id"]])
        return Draft(params, goal, difficulty=3 if d["availability"] else 2)

    def judge(self, params: Params, finish: dict) -> Verdict:
        return _judge_invite(params, finish, params["who"])

    def reach(self, params: Params, client: SiteClient) -> None:
        _reach_invite(params, client)

    def near_misses(self, params: Params, state: dict[str, Any]) -> list[Params]:
        return _invite_near(params, [f["id"] for f in _safe_freelancers()])

    def solution(self, params: Params) -> list[Step]:
        return _invite_steps(params, _freelancer(params["fid"]),
                             _search(params["query"], params["availability"]))


# -- saving freelancers --------------------------------------------------------------------
#: topwork-14 asks for these two saved together
_REAL_SAVED_PAIR = frozenset({"ashleycampbell", "brandonmartinez"})


def _judge_saved(want: set[str], finish: dict, what: str) -> Verdict:
    got = saved(finish)
    if not got:
        return Verdict(False, "nobody was saved")
    if got != want:
        return Verdict(False, f"saved {_names(got)}; {what} is {_names(want)}")
    return Verdict(True, f"saved {_names(got)}")


def _reach_saves(fids: list[str], client: SiteClient, query: str = "",
                 availability: str = "") -> None:
    for fid in fids:
        client.get("/talent", params={"q": query or _freelancer(fid)["name"],
                                      "availability": availability})
        client.post(f"/talent/{fid}/save", data={"next": "/talent"})


class SaveFreelancers(_TopWorkTemplate):
    """Save one or two named freelancers to Saved talent."""

    name = "save_freelancers"
    base_task = "topwork-14"
    ONE = ("Save {a} to my saved talent.",
           "TopWork: favorite {a}, I want to come back to that profile later",
           "bookmark {a} on topwork",
           "Please save {a}'s profile so I can find it again.")
    TWO = ("Save {a} and {b} to my saved talent.",
           "TopWork: favorite both {a} and {b}",
           "bookmark {a} and {b}, I might hire one of them",
           "Add {a} and {b} to Saved talent please")

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft | None:
        return _retry(rng, self._draw)

    def _draw(self, rng: random.Random) -> Draft | None:
        people = store.freelancers(_seed())
        picks = rng.sample(people, rng.choice((1, 2)))
        ids = [f["id"] for f in picks]
        if set(ids) == _REAL_SAVED_PAIR:
            return None
        names = [f["name"] for f in picks]
        phrases = self.ONE if len(ids) == 1 else self.TWO
        goal = rng.choice(phrases).format(a=names[0], b=names[-1])
        return Draft({"fids": ids, "names": names}, goal, difficulty=len(ids))

    def judge(self, params: Params, finish: dict) -> Verdict:
        return _judge_saved(set(params["fids"]), finish, "the list asked for")

    def reach(self, params: Params, client: SiteClient) -> None:
        _reach_saves(params["fids"], client)

    def near_misses(self, params: Params, state: dict[str, Any]) -> list[Params]:
        ids = params["fids"]
        others = [f["id"] for f in store.freelancers(_seed()) if f["id"] not in ids]
        fids = [[*ids[:-1], others[len(ids[0]) % len(others)]],
                ids[:1] if len(ids) == 2 else [*ids, others[0]]]
        return [{**params, "fids": f, "names": [_freelancer(i)["name"] for i in f]} for f in fids]

    def solution(self, params: Params) -> list[Step]:
        steps: list[Step] = []
        for name in params["names"]:
            steps += [*_search(name), R.click("button", f"Save {name}", exact=True)]
        return [*steps, R.send("Saved " + " and ".join(params["names"]) + ".")]


#: how a pick is ranked: the freelancer field, and whether the highest wins
_RANKS = {"cheapest": ("hourlyRate", False), "priciest": ("hourlyRate", True),
          "best": ("jobSuccess", True)}


def _rank_words(rank: str) -> str:
    return {"cheapest": "the cheapest", "priciest": "the most expensive",
            "best": "the highest Job Success"}[rank]


#: title words a client searches for ("designer" lists every kind of designer)
_TITLE_WORDS = ("developer", "engineer", "designer", "writer", "full stack", "backend")


def _is(f: dict, q: str) -> bool:
    """Whether freelancer `f` is what a goal calls "{q}s" or "freelancers with {q} skills"
    (the site's search matches substrings anywhere: "go" finds "Logo Design")."""
    if q in _TITLE_WORDS:
        return q in norm(f["title"])
    return q.lower() in (s.lower() for s in f["skills"])


@lru_cache(maxsize=1)
def _ranked_searches() -> list[dict]:
    """Searches whose results have a clear cheapest, priciest or best-scoring freelancer:
    a skill two freelancers or more list, or a word of their titles, with an availability;
    only those that list exactly the freelancers the goal's words name."""
    seed = _seed()
    queries: list[str] = []
    for f in store.freelancers(seed):
        queries += f["skills"]
    queries += list(_TITLE_WORDS)
    out = []
    for q in dict.fromkeys(queries):
        for avail in ("", "Available now", "Looking for work"):
            found = store.search_talent(seed, q, avail)
            if len(found) < 2 or not all(_is(f, q) for f in found):
                continue
            for rank, (key, high) in _RANKS.items():
                order = sorted(found, key=lambda f: f[key], reverse=high)
                if order[0][key] != order[1][key]:
                    out.append({"query": q, "availability": avail, "rank": rank,
                                "fid": order[0]["id"], "ranked": [f["id"] for f in order]})
    return out


def _group(q: str, avail: str) -> str:
    """How a goal names a search's results ("designers available now")."""
    noun = (f"freelancers with {q} skills" if q not in _TITLE_WORDS
            else f"{q} developers" if q in ("full stack", "backend") else f"{q}s")
    return noun + {"": "", "Available now": " available now",
                   "Looking for work": " who are looking for work"}[avail]


class SaveBestMatch(_TopWorkTemplate):
    """Save the cheapest, priciest or best-scoring freelancer among a search's results."""

    name = "save_best_match"
    base_task = "topwork-14"
    PHRASES = {
        "cheapest": ("Among {group}, save the one with the lowest hourly rate.",
                     "TopWork: look up {group} and save whoever charges the least per hour",
                     "save the cheapest of the {group} to my saved talent"),
        "priciest": ("Among {group}, save the one with the highest hourly rate.",
                     "TopWork: look up {group} and save whoever charges the most per hour",
                     "save the most expensive of the {group}"),
        "best": ("Among {group}, save the one with the best Job Success score.",
                 "TopWork: look up {group} and favorite the one with the highest job success",
                 "save whichever of the {group} has the top Job Success %"),
    }

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft | None:
        s = rng.choice(_ranked_searches())
        f = _freelancer(s["fid"])
        group = _group(s["query"], s["availability"])
        params = {**s, "name": f["name"], "group": group}
        goal = rng.choice(self.PHRASES[s["rank"]]).format(group=group)
        return Draft(params, goal, difficulty=3 if s["availability"] else 2)

    def judge(self, params: Params, finish: dict) -> Verdict:
        return _judge_saved({params["fid"]}, finish,
                            f"{_rank_words(params['rank'])} of the {params['group']}")

    def reach(self, params: Params, client: SiteClient) -> None:
        _reach_saves([params["fid"]], client, params["query"], params["availability"])

    def near_misses(self, params: Params, state: dict[str, Any]) -> list[Params]:
        ranked = params["ranked"]
        return [{**params, "fid": i} for i in dict.fromkeys((ranked[1], ranked[-1]))]

    def solution(self, params: Params) -> list[Step]:
        f = _freelancer(params["fid"])
        return [*_search(params["query"], params["availability"]),
                R.click("button", f"Save {f['name']}", exact=True),
                R.send(f"Saved {f['name']}.")]


# -- messages ------------------------------------------------------------------------------
def _judge_said(params: Params, finish: dict, wanted: str, says: Any) -> Verdict:
    """Success when the client's new messages went to `params['fid']` only and one of them
    `says(text)`."""
    sent = _client_messages(finish)
    if not sent:
        return Verdict(False, "no message was sent")
    others = sorted({cid for cid, _ in sent if cid != params["fid"]})
    if others:
        return Verdict(False, f"messaged {_names(others)}; the goal is a message to "
                              f"{params['name']}")
    if not any(says(m.get("message", "")) for _, m in sent):
        return Verdict(False, f"the message to {params['name']} does not mention {wanted}")
    return Verdict(True, f"messaged {params['name']} about {wanted}")


class MessageAboutSkill(_TopWorkTemplate):
    """Message a freelancer asking about one of the skills on their profile."""

    name = "message_about_skill"
    base_task = "topwork-21"
    PHRASES = ("Message {name} and ask if they've used {skill} on a real project.",
               "TopWork: ask {first} about their {skill} experience",
               "send {name} a message asking how many years of {skill} they have",
               "I'm curious about {name}'s {skill} work. Message {first} to ask about it.")

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft | None:
        return _retry(rng, self._draw)

    def _draw(self, rng: random.Random) -> Draft | None:
        f = rng.choice(store.freelancers(_seed()))
        skill = rng.choice(f["skills"])
        text = (f"Hi {_first(f['name'])}, how much {skill} work have you done? I have a "
                f"project coming up that needs it.")
        if not quiet(text):
            return None
        params = {"fid": f["id"], "name": f["name"], "skill": skill, "text": text}
        goal = rng.choice(self.PHRASES).format(name=f["name"], first=_first(f["name"]),
                                               skill=skill)
        return Draft(params, goal, difficulty=2)

    def judge(self, params: Params, finish: dict) -> Verdict:
        skill = norm(params["skill"])
        return _judge_said(params, finish, params["skill"], lambda t: skill in norm(t))

    def reach(self, params: Params, client: SiteClient) -> None:
        _send_message(client, params["fid"], params["text"])

    def near_misses(self, params: Params, state: dict[str, Any]) -> list[Params]:
        people = store.freelancers(_seed())
        other = next(f for f in people[len(params["skill"]) % len(people):] + people
                     if f["id"] != params["fid"])
        generic = f"Hi {_first(params['name'])}, I liked your profile and have a project."
        return [{**params, "fid": other["id"], "name": other["name"]},
                {**params, "text": generic}]

    def solution(self, params: Params) -> list[Step]:
        f = _freelancer(params["fid"])
        return [*_open_profile(f), *_message_steps(f, params["text"]),
                R.send(f"Asked {f['name']} about {params['skill']}.")]


#: per conversation: what a date or a budget in the reply is about
_TOPICS = {
    "alexrodriguez": ("the website redesign kickoff", "the website redesign"),
    "emilywatson": ("the first draft", "the summer blog series"),
    "davidkim": ("the first milestone", "the onboarding screens"),
    "jameswilson": ("the next keyword report", "the SEO work"),
    "priyapatel": ("the brand kit", "the brand kit"),
}
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def _says_date(day: date) -> Any:
    """A test of a message's text: it names `day` ("August 9", "Aug 9th", "9 August",
    "8/9", "2024-08-09")."""
    month = _MONTHS[day.month - 1]
    d = day.day
    forms = [rf"\b{month[:3]}[a-z]*\.?\s+{d}(st|nd|rd|th)?\b",
             rf"\b{d}(st|nd|rd|th)?\s+(of\s+)?{month[:3]}", rf"(?<!\d){day.month}/{d}(?!\d)",
             day.isoformat()]
    return lambda text: any(re.search(f, text, re.I) for f in forms)


def _says_amount(amount: int) -> Any:
    plain, comma = str(amount), f"{amount:,}"
    return lambda text: bool(re.search(rf"(?<![\d,.])({plain}|{re.escape(comma)})(?![\d,])",
                                       text))


class ReplyWithDetail(_TopWorkTemplate):
    """Reply in an existing conversation with a due date or a budget."""

    name = "reply_with_detail"
    base_task = "topwork-12"
    DATE = ("Reply to {name} in Messages: {topic} is due {when}.",
            "TopWork: tell {first} that {topic} should be done by {when}",
            "answer {first}'s message, the date for {topic} is {when}",
            "Let {name} know {topic} needs to be in by {when}.")
    BUDGET = ("Reply to {name} in Messages: the budget for {topic} is ${amount}.",
              "TopWork: tell {first} we have ${amount} for {topic}",
              "message {first} back, budget for {topic} is {amount} dollars",
              "Let {name} know the {topic} budget is capped at ${amount}.")

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft | None:
        return _retry(rng, self._draw)

    def _draw(self, rng: random.Random) -> Draft | None:
        cid = rng.choice(sorted(_TOPICS))
        name = store.contact(_seed(), cid)["name"]
        kind = rng.choice(("date", "budget"))
        if kind == "date":
            day = date.fromisoformat(store.TODAY) + timedelta(days=rng.randint(4, 60))
            value: Any = day.isoformat()
            when = f"{_MONTHS[day.month - 1]} {day.day}"
            topic = _TOPICS[cid][0]
            text = f"Hi {_first(name)}, {topic} is due {when}."
            goal = rng.choice(self.DATE).format(name=name, first=_first(name), topic=topic,
                                                when=when)
        else:
            value = rng.randrange(500, 5001, 250)
            topic = _TOPICS[cid][1]
            text = f"Hi {_first(name)}, the budget for {topic} is ${value:,}."
            goal = rng.choice(self.BUDGET).format(name=name, first=_first(name), topic=topic,
                                                  amount=f"{value:,}")
        if not quiet(text):
            return None
        params = {"fid": cid, "name": name, "kind": kind, "value": value, "text": text}
        return Draft(params, goal, difficulty=2)

    def judge(self, params: Params, finish: dict) -> Verdict:
        if params["kind"] == "date":
            day = date.fromisoformat(params["value"])
            return _judge_said(params, finish, f"{_MONTHS[day.month - 1]} {day.day}",
                               _says_date(day))
        return _judge_said(params, finish, f"${params['value']:,}",
                           _says_amount(params["value"]))

    def reach(self, params: Params, client: SiteClient) -> None:
        client.get("/messages")
        client.get(f"/messages/{params['fid']}")
        client.post(f"/messages/{params['fid']}/send", data={"message": params["text"]})

    def near_misses(self, params: Params, state: dict[str, Any]) -> list[Params]:
        if params["kind"] == "date":
            day = date.fromisoformat(params["value"]) + timedelta(days=7)
            wrong = f"{_MONTHS[day.month - 1]} {day.day}"
        else:
            wrong = f"${params['value'] + 250:,}"
        others = sorted(c for c in _TOPICS if c != params["fid"])
        other = others[len(params["text"]) % len(others)]
        text = re.sub(r"is (due |\$).*", f"is {'due ' if params['kind'] == 'date' else ''}"
                                         f"{wrong}.", params["text"])
        return [{**params, "text": text},
                {**params, "fid": other, "name": store.contact(_seed(), other)["name"]}]

    def solution(self, params: Params) -> list[Step]:
        name = params["name"]
        return [R.click("link", "Messages"), R.click("link", name),
                R.fill("textbox", f"Message {name}", params["text"]),
                R.click("button", "Send", exact=True), R.send(f"Replied to {name}.")]


# -- job posts -----------------------------------------------------------------------------
def _category(role: str) -> str:
    low = role.lower()
    for words, category in ((("designer",), "Design & Creative"),
                            (("writer",), "Writing"), (("seo",), "Sales & Marketing"),
                            (("bookkeeper",), "Accounting & Consulting"),
                            (("data", "machine learning"), "Data Science & Analytics")):
        if any(w in low for w in words):
            return category
    return "Web, Mobile & Software Dev"


@lru_cache(maxsize=1)
def _roles() -> list[dict]:
    """The roles a client might post for: the freelancers' titles (what is in brackets
    dropped), each with its category and the skills its freelancers list."""
    out: dict[str, dict] = {}
    for f in store.freelancers(_seed()):
        role = re.sub(r"\s*\(.*\)", "", f["title"]).strip()
        low = role.lower()
        if "financial analyst" in low or "data annotator" in low:  # topwork-9, -13
            continue
        r = out.setdefault(role, {"role": role, "category": _category(role), "skills": []})
        r["skills"] = list(dict.fromkeys([*r["skills"], *f["skills"]]))
    return list(out.values())


_SIZES = {"small": "a small project", "medium": "a medium-sized project",
          "large": "a large project"}
_LEVELS = {"entry": "entry level", "intermediate": "intermediate level",
           "expert": "expert level"}
_DURATIONS = {"More than 6 months": "more than 6 months", "3 to 6 months": "3 to 6 months",
              "1 to 3 months": "1 to 3 months"}
_HIRE = {"yes": "it's contract-to-hire", "no": "not contract-to-hire"}


def _extra_phrase(key: str, value: str) -> str:
    return {"size": lambda: _SIZES[value], "duration": lambda: f"it'll take {_DURATIONS[value]}",
            "level": lambda: _LEVELS[value], "hire": lambda: _HIRE[value],
            "category": lambda: f"under {value}",
            "skill": lambda: f"they need {value}"}[key]()


class PostJob(_TopWorkTemplate):
    """Post (publish) a job: a role and an hourly range, and up to three of project size,
    length, experience level, contract-to-hire, category and a skill."""

    name = "post_job"
    base_task = "topwork-9"
    PHRASES = ("Post a job for {a_role} paying ${lo}-{hi}/hr{extras}.",
               "TopWork: create a job posting for {a_role}, ${lo} to ${hi} an hour{extras}",
               "I need to hire {a_role}. Publish a job at {lo}-{hi} dollars an hour{extras}.",
               "new job post: {role}, hourly rate between {lo} and {hi}{extras}")
    KEYS = ("size", "duration", "level", "hire", "category", "skill")

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft | None:
        r = rng.choice(_roles())
        lo = rng.randrange(15, 95, 5)
        hi = lo + rng.randrange(10, 45, 5)
        asked = rng.sample(self.KEYS, rng.randint(0, 3))
        values = {"size": rng.choice(sorted(store.SIZES)), "duration": rng.choice(store.DURATIONS),
                  "level": rng.choice(sorted(store.LEVELS)), "hire": rng.choice(("yes", "no")),
                  "category": r["category"], "skill": rng.choice(r["skills"])}
        extras = "".join(f", {_extra_phrase(k, values[k])}" for k in asked)
        params = {"role": r["role"], "lo": lo, "hi": hi, "asked": asked, **values,
                  "status": "published"}
        goal = rng.choice(self.PHRASES).format(role=r["role"], a_role=_a(r["role"]), lo=lo,
                                               hi=hi, extras=extras)
        return Draft(params, goal, difficulty=1 + (len(asked) + 1) // 2)

    def _wrong(self, params: Params, job: dict) -> str | None:
        """What of the post differs from what the goal asks ("" when nothing)."""
        if norm(params["role"]) not in norm(job.get("title")):
            return f"title {job.get('title')!r} does not name a {params['role']}"
        for key, want in (("hourlyRateFrom", params["lo"]), ("hourlyRateTo", params["hi"])):
            try:
                got = float(job.get(key))
            except (TypeError, ValueError):
                return f"{key} is {job.get(key)!r}, not {want}"
            if got != want:
                return f"{key} is {job.get(key)}, not {want}"
        fields = {"size": "estimateSize", "duration": "estimateTime",
                  "level": "estimateLevelExperience", "hire": "estimateHireOpportunity",
                  "category": "category"}
        for key in params["asked"]:
            if key == "skill":
                if norm(params["skill"]) not in {norm(s) for s in job.get("skills") or []}:
                    return f"skills {job.get('skills')} lack {params['skill']}"
            elif norm(job.get(fields[key])) != norm(params[key]):
                return f"{fields[key]} is {job.get(fields[key])!r}, not {params[key]!r}"
        return ""

    def judge(self, params: Params, finish: dict) -> Verdict:
        jobs = new_jobs(finish)
        if not jobs:
            return Verdict(False, "no job post was made")
        live = [j for j in jobs if j.get("status") == "published"]
        if not live:
            return Verdict(False, f"the {params['role']} post was saved as a draft, not posted")
        reasons = [self._wrong(params, j) for j in live]
        if "" in reasons:
            return Verdict(True, f"posted a {params['role']} job at ${params['lo']}-"
                                 f"{params['hi']}/hr")
        return Verdict(False, reasons[0] or "no matching post")

    def _form(self, params: Params) -> dict[str, str]:
        role = params["role"]
        skills = [params["skill"], *(s for r in _roles() if r["role"] == role
                                     for s in r["skills"] if s != params["skill"])][:3]
        return {"title": role, "description": f"{store.USER}'s team at Northwind Wellness is "
                f"hiring a {role}.", "category": params["category"], "skills": ", ".join(skills),
                "rate_from": str(params["lo"]), "rate_to": str(params["hi"]),
                "size": params["size"], "duration": params["duration"], "level": params["level"],
                "hire": params["hire"],
                "action": "post" if params["status"] == "published" else "draft"}

    def reach(self, params: Params, client: SiteClient) -> None:
        client.get("/jobs/new")
        client.post("/jobs/new", data=self._form(params))

    def near_misses(self, params: Params, state: dict[str, Any]) -> list[Params]:
        near = [{**params, "status": "draft"}, {**params, "hi": params["hi"] + 5}]
        for key in params["asked"]:
            if key == "size":
                near.append({**params, "size": "large" if params["size"] != "large" else "small"})
            elif key == "hire":
                near.append({**params, "hire": "no" if params["hire"] == "yes" else "yes"})
            elif key == "level":
                near.append({**params, "level": "expert" if params["level"] != "expert"
                             else "entry"})
        return near

    def solution(self, params: Params) -> list[Step]:
        form = self._form(params)
        return [R.click("link", "Post a job"), R.fill("textbox", "Job title", form["title"]),
                R.fill("textbox", "Description", form["description"]),
                R.select("combobox", "Category", form["category"]),
                R.fill("textbox", "Skills", form["skills"]),
                R.fill("spinbutton", "Hourly rate from", form["rate_from"]),
                R.fill("spinbutton", "Hourly rate to", form["rate_to"]),
                R.click("radio", store.SIZES[params["size"]], exact=True),
                R.click("radio", params["duration"], exact=True),
                R.click("radio", store.LEVELS[params["level"]], exact=True),
                R.click("radio", store.HIRE[params["hire"]], exact=True),
                R.click("button", "Post job" if params["status"] == "published"
                        else "Save as draft"),
                R.send(f"Posted the {params['role']} job.")]


class RemoveJobPosts(_TopWorkTemplate):
    """Remove one or two job posts (never a data-related one: that is REAL's topwork-8)."""

    name = "remove_job_posts"
    base_task = "topwork-8"
    ONE = ("Remove my {a} job post.", "TopWork: take down the {a} posting",
           "delete the {a} job, I don't need it anymore",
           "Please remove the job post for {a} from My jobs.")
    TWO = ("Remove my {a} and {b} job posts.", "TopWork: take down the {a} and {b} postings",
           "delete both the {a} job and the {b} job",
           "Please remove the {a} post and the {b} post from My jobs.")

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft | None:
        pool = [j for j in store.jobs(_seed()) if not _data_related(j)]
        picks = sorted(rng.sample(pool, rng.choice((1, 2))), key=lambda j: j["id"])
        called = [rng.choice((j["title"], _JOB_SHORT[j["id"]])) for j in picks]
        phrases = self.ONE if len(picks) == 1 else self.TWO
        goal = rng.choice(phrases).format(a=called[0], b=called[-1])
        params = {"jobs": [j["id"] for j in picks], "titles": [j["title"] for j in picks]}
        return Draft(params, goal, difficulty=len(picks))

    def judge(self, params: Params, finish: dict) -> Verdict:
        got, want = removed(finish), set(params["jobs"])

        def titles(ids: set[str]) -> str:
            return "; ".join(sorted(_job(i)["title"] if store.job(_seed(), i) else i
                                    for i in ids)) or "nothing"
        if got != want:
            return Verdict(False, f"removed {titles(got)}; the goal removes {titles(want)}")
        return Verdict(True, f"removed {titles(got)}")

    def reach(self, params: Params, client: SiteClient) -> None:
        client.get("/jobs")
        for jid in params["jobs"]:
            client.post(f"/jobs/{jid}/remove")

    def near_misses(self, params: Params, state: dict[str, Any]) -> list[Params]:
        pool = [j["id"] for j in store.jobs(_seed())
                if not _data_related(j) and j["id"] not in params["jobs"]]
        jobs = [[*params["jobs"][:-1], pool[0]],
                params["jobs"][:1] if len(params["jobs"]) == 2 else [*params["jobs"], pool[-1]]]
        return [{**params, "jobs": j, "titles": [_job(i)["title"] for i in j]} for j in jobs]

    def solution(self, params: Params) -> list[Step]:
        steps = [R.click("link", "My jobs")]
        steps += [R.click("button", f"Remove job post: {t}") for t in params["titles"]]
        return [*steps, R.send("Removed " + " and ".join(params["titles"]) + ".")]


TEMPLATES: list[Template] = [InviteToJob(), InviteDescribed(), SaveFreelancers(),
                             SaveBestMatch(), MessageAboutSkill(), ReplyWithDetail(), PostJob(),
                             RemoveJobPosts()]
