"""TopWork's store and the changes a client makes to it (no HTTP here).

Shape, as REAL's React store keeps it (plain lists, diffed with deep-object-diff):
- `messages.contactList[]`: `{id, name, job, avatar, unread, messages[], lastMessage,
  lastMessageAuthor, lastMessageTime}`; a message is `{id, author, message, type, timestamp}`
  (`type` "text" | "invite" | "offer"; offers embed `offer`). `messages.selectedChatId` is
  absent until a chat is opened.
- `jobs.jobs[]`; removing a post moves it to `jobs.removedJobPosts[]` (absent until then).
- `offers.offers[]`, appended; `saved.savedFreelancerIds[]`; `talent.freelancers[]`.

The user writes as "Sarah Johnson"; invitations are authored "Client", as on the real site.
Contacts, jobs and offers are only ever appended, so the diff shows new items whole.
"""

from __future__ import annotations

import copy
import json
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data" / "seed.json"

USER = "Sarah Johnson"
INVITER = "Client"
#: "now" on this site: Thu 2024-07-18, 10:00 PDT (never the wall clock)
NOW = datetime(2024, 7, 18, 17, 0, tzinfo=timezone.utc)
TODAY = "2024-07-18"
DEFAULT_START = "2024-07-22"

SIZES = {"small": "Small", "medium": "Medium", "large": "Large"}
DURATIONS = ["More than 6 months", "3 to 6 months", "1 to 3 months"]
LEVELS = {"entry": "Entry", "intermediate": "Intermediate", "expert": "Expert"}
HIRE = {"yes": "Yes", "no": "No"}
CATEGORIES = [
    "Web, Mobile & Software Dev", "Data Science & Analytics", "Design & Creative", "Writing",
    "Sales & Marketing", "Accounting & Consulting", "Admin Support", "Customer Service",
]
INVITE_TEXT = ("Hello! I'd like to invite you to take a look at the job I've posted. "
               "Please submit a proposal if you're available and interested.")


class InputError(ValueError):
    """A form the user must correct (shown on the form, never a server error)."""


@lru_cache(maxsize=1)
def _seed() -> dict[str, Any]:
    return json.loads(DATA.read_text(encoding="utf-8"))


def seed_state() -> dict[str, Any]:
    s = copy.deepcopy(_seed())
    return {
        "user": s["user"],
        "talent": {"freelancers": s["freelancers"]},
        "jobs": {"jobs": s["jobs"]},
        "messages": {"contactList": s["contacts"]},
        "offers": {"offers": s["offers"]},
        "saved": {"savedFreelancerIds": s["savedFreelancerIds"]},
    }


# -- lookups ---------------------------------------------------------------------------
def _by_id(items: list[dict], key: str) -> dict | None:
    return next((x for x in items if x["id"] == key), None)


def freelancers(state: dict) -> list[dict]:
    return state["talent"]["freelancers"]


def freelancer(state: dict, fid: str) -> dict | None:
    return _by_id(freelancers(state), fid)


def contacts(state: dict) -> list[dict]:
    return state["messages"]["contactList"]


def contact(state: dict, cid: str) -> dict | None:
    return _by_id(contacts(state), cid)


def jobs(state: dict) -> list[dict]:
    return state["jobs"]["jobs"]


def job(state: dict, jid: str) -> dict | None:
    return _by_id(jobs(state), jid)


def offers(state: dict) -> list[dict]:
    return state["offers"]["offers"]


def saved_ids(state: dict) -> list[str]:
    return state["saved"]["savedFreelancerIds"]


def hires(state: dict) -> list[tuple[dict, dict]]:
    """(freelancer, their latest accepted offer), most recent first."""
    out: dict[str, tuple[dict, dict]] = {}
    for o in offers(state):
        f = freelancer(state, o["freelancerId"])
        if f is not None and o.get("status") == "Accepted":
            out[f["id"]] = (f, o)
    return sorted(out.values(), key=lambda fo: fo[1]["startDate"], reverse=True)


def unread_count(state: dict) -> int:
    return sum(1 for c in contacts(state) if c.get("unread"))


def search_talent(state: dict, query: str = "", availability: str = "") -> list[dict]:
    words = query.lower().split()
    found = []
    for f in freelancers(state):
        text = " ".join([f["name"], f["title"], f["bio"], " ".join(f["skills"])]).lower()
        if all(w in text for w in words) and availability in ("", f["availability"]):
            found.append(f)
    return found


# -- messages --------------------------------------------------------------------------
def _timestamp(state: dict) -> str:
    """Deterministic: one minute after "now" per message already in the store."""
    n = sum(len(c["messages"]) for c in contacts(state))
    return (NOW + timedelta(minutes=n)).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def open_chat(state: dict, cid: str) -> dict | None:
    c = contact(state, cid)
    if c is not None:
        state["messages"]["selectedChatId"] = cid
        if c.get("unread"):
            c["unread"] = False
    return c


def ensure_contact(state: dict, f: dict) -> dict:
    """The freelancer's conversation, appended to the contact list if new."""
    c = contact(state, f["id"])
    if c is None:
        c = {"id": f["id"], "name": f["name"], "job": f["title"],
             "avatar": "".join(w[0] for w in f["name"].split()), "unread": False,
             "messages": [], "lastMessage": "", "lastMessageAuthor": "", "lastMessageTime": ""}
        contacts(state).append(c)
    return c


def message_text(raw: str) -> str:
    text = raw.strip()
    if not text:
        raise InputError("Type a message before sending.")
    if len(text) > 5000:
        raise InputError("Messages can be at most 5,000 characters.")
    return text


def post_message(state: dict, c: dict, text: str, *, author: str = USER, kind: str = "text",
                 **extra: Any) -> dict:
    text = message_text(text)
    ts = _timestamp(state)
    msg = {"id": f"{c['id']}-{len(c['messages']) + 1}", "author": author, "message": text,
           "type": kind, "timestamp": ts, **extra}
    c["messages"].append(msg)
    c.update(lastMessage=text, lastMessageAuthor=author, lastMessageTime=ts)
    if c.get("unread"):
        c["unread"] = False
    return msg


def message_freelancer(state: dict, f: dict, text: str) -> dict:
    text = message_text(text)
    return post_message(state, ensure_contact(state, f), text)


def invite(state: dict, f: dict, job_id: str, text: str) -> dict:
    j = job(state, job_id)
    if j is None or j["status"] != "published":
        raise InputError("Choose one of your open job posts.")
    text = message_text(text)
    c = ensure_contact(state, f)
    return post_message(state, c, text, author=INVITER, kind="invite", jobId=j["id"],
                        jobTitle=j["title"])


# -- offers ----------------------------------------------------------------------------
def _money(raw: str, what: str) -> int | float:
    try:
        value = float(raw.strip().lstrip("$").replace(",", ""))
    except ValueError:
        raise InputError(f"{what} must be a number, e.g. 45.") from None
    if not 1 <= value <= 999:
        raise InputError(f"{what} must be between $1 and $999 an hour.")
    return int(value) if value == int(value) else round(value, 2)


def _date(raw: str) -> str:
    try:
        day = datetime.strptime(raw.strip(), "%Y-%m-%d")
    except ValueError:
        raise InputError("Start date must be a date (YYYY-MM-DD).") from None
    if not 2024 <= day.year <= 2030:
        raise InputError("Start date must be within the next few years.")
    return day.strftime("%Y-%m-%d")


def send_offer(state: dict, f: dict, form: dict[str, str]) -> dict:
    title = " ".join(form.get("contract_title", "").split())
    if not title:
        raise InputError("Give the contract a title.")
    if len(title) > 200:
        raise InputError("Contract titles can be at most 200 characters.")
    rate = _money(form.get("hourly_rate", ""), "Hourly rate")
    start = _date(form.get("start_date", ""))
    if start < TODAY:
        raise InputError("Start date cannot be in the past.")
    description = form.get("description", "").strip()
    text = message_text(description or f"I sent you an offer: {title}.")
    offer = {"id": f"offer-{len(offers(state)) + 1}", "contractTitle": title,
             "freelancerId": f["id"], "freelancerName": f["name"], "hourlyRate": rate,
             "startDate": start, "offerDate": TODAY, "description": description,
             "status": "Pending"}
    offers(state).append(offer)
    c = ensure_contact(state, f)
    post_message(state, c, text, kind="offer", offer=copy.deepcopy(offer))
    return offer


# -- jobs ------------------------------------------------------------------------------
def post_job(state: dict, form: dict[str, str]) -> dict:
    draft = form.get("action") == "draft"
    title = " ".join(form.get("title", "").split())
    if not title:
        raise InputError("Give the job a title.")
    if len(title) > 200:
        raise InputError("Job titles can be at most 200 characters.")
    description = form.get("description", "").strip()
    category = form.get("category", "")
    if category and category not in CATEGORIES:
        raise InputError("Choose a category from the list.")
    size, duration = form.get("size", ""), form.get("duration", "")
    level, hire = form.get("level", ""), form.get("hire", "")
    for value, allowed, what in ((size, SIZES, "project size"), (duration, DURATIONS, "duration"),
                                 (level, LEVELS, "experience level"),
                                 (hire, HIRE, "contract-to-hire")):
        if value and value not in allowed:
            raise InputError(f"Choose a {what} from the list.")
    rates = {}
    for key, what in (("rate_from", "Hourly rate from"), ("rate_to", "Hourly rate to")):
        raw = form.get(key, "").strip()
        rates[key] = _money(raw, what) if raw or not draft else None
    if not draft:
        missing = [what for value, what in ((description, "a description"),
                                            (category, "a category"),
                                            (size, "a project size"),
                                            (duration, "how long the work will take"),
                                            (level, "an experience level"),
                                            (hire, "whether it is contract-to-hire"))
                   if not value]
        if missing:
            raise InputError("Before posting, add " + ", ".join(missing) + ".")
    lo, hi = rates["rate_from"], rates["rate_to"]
    if lo is not None and hi is not None and lo > hi:
        raise InputError("Hourly rate from cannot be more than hourly rate to.")
    skills = [s.strip() for s in form.get("skills", "").split(",") if s.strip()][:15]
    j = {"id": f"job-{_next_job_number(state)}", "title": title, "description": description,
         "category": category, "subcategory": "", "skills": skills,
         "hourlyRateFrom": lo, "hourlyRateTo": hi, "estimateSize": size,
         "estimateTime": duration, "estimateLevelExperience": level,
         "estimateHireOpportunity": hire, "status": "draft" if draft else "published",
         "postedAt": TODAY, "applications": []}
    jobs(state).append(j)
    return j


def _next_job_number(state: dict) -> int:
    every = jobs(state) + state["jobs"].get("removedJobPosts", [])
    return 1 + max((int(j["id"].split("-")[1]) for j in every), default=0)


def remove_job(state: dict, jid: str) -> dict | None:
    j = job(state, jid)
    if j is not None:
        jobs(state).remove(j)
        state["jobs"].setdefault("removedJobPosts", []).append(j)
    return j


def toggle_saved(state: dict, fid: str) -> bool:
    """Save or unsave a freelancer; True when now saved."""
    ids = saved_ids(state)
    if fid in ids:
        ids.remove(fid)
        return False
    ids.append(fid)
    return True
