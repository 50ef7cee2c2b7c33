"""GoCalendar's training-task templates (not REAL's tasks): create an event at a time (with
a place or a calendar), a meeting with guests and a video call, an all-day or several-day
event, a repeating event, a task; delete, reschedule or invite someone to an event already
on the calendar.

Every gocalendar task starts from the same seed calendar (today is Mon 2024-07-15,
Pacific time). New events draw their titles, places and people from the pools below (the
people are the seed's guests and a few colleagues); the others pick a seed event. Judges
read `/finish` as REAL's gocalendar scripts do: `differences.events.{added,deleted,updated}`
(whole events, UTC times) and `initialfinaldiff.added.calendar.myTasks`. They hold the
goal's constraints exactly (the day and the time in UTC, an inclusive all-day end, the
guests) and ignore what it does not ask (the description, the calendar's colour, pages).

No goal names what REAL's gocalendar tasks target (`template_parts.like_v2_target`, and no
title about the gym, math camp, emailing Ashley or picking up a sister).
"""

from __future__ import annotations

import random
import re
from datetime import date, timedelta
from typing import Any, ClassVar

from halo_cli.sites import reference as R
from halo_cli.sites.gocalendar import goal_words as W
from halo_cli.sites.gocalendar import store
from halo_cli.sites.gocalendar import template_parts as P
from halo_cli.sites.gocalendar.store import clock
from halo_cli.sites.reference import Step
from halo_cli.sites.templates import Draft, SiteClient, Template, Verdict

Params = dict[str, Any]
#: (how a goal says it, the event's title, the words a title must hold)
Thing = tuple[str, str, tuple[str, ...]]

EVENTS: tuple[Thing, ...] = (
    ("a haircut", "Haircut", ("haircut",)),
    ("my piano lesson", "Piano lesson", ("piano",)),
    ("a vet appointment for the dog", "Vet appointment", ("vet",)),
    ("a call with the landlord", "Call with landlord", ("landlord",)),
    ("the car service at the dealership", "Car service", ("car", "service")),
    ("a parent-teacher conference", "Parent-teacher conference", ("parent", "teacher")),
    ("drinks with Tom", "Drinks with Tom", ("drinks",)),
    ("a dermatologist appointment", "Dermatologist appointment", ("dermatologist",)),
    ("tennis with Priya", "Tennis with Priya", ("tennis",)),
    ("a meeting with my accountant", "Meeting with accountant", ("accountant",)),
    ("a guitar lesson", "Guitar lesson", ("guitar",)),
    ("movie night", "Movie night", ("movie",)),
    ("the plumber coming over", "Plumber visit", ("plumber",)),
    ("my job interview with Northwind", "Interview with Northwind", ("interview",)),
    ("an eye exam", "Eye exam", ("eye",)),
    ("the kids' swim practice", "Swim practice", ("swim",)),
    ("a massage", "Massage", ("massage",)),
    ("picking up my bike from the repair shop", "Pick up bike", ("bike",)),
    ("a design review", "Design review", ("design", "review")),
    ("a podcast recording", "Podcast recording", ("podcast",)),
    ("a pottery class", "Pottery class", ("pottery",)),
    ("volunteering at the food bank", "Food bank volunteering", ("food",)),
    ("physical therapy", "Physical therapy", ("therapy",)),
    ("date night", "Date night", ("date night",)),
    ("a call with Mom", "Call Mom", ("mom",)),
    ("a book signing at Kepler's", "Book signing", ("signing",)),
)
MEETINGS: tuple[Thing, ...] = (
    ("a vendor call", "Vendor call", ("vendor",)),
    ("sprint planning", "Sprint planning", ("sprint",)),
    ("a hiring sync", "Hiring sync", ("hiring",)),
    ("a roadmap review", "Roadmap review", ("roadmap",)),
    ("a demo prep session", "Demo prep", ("demo",)),
    ("an onboarding session", "Onboarding session", ("onboarding",)),
    ("a contract review", "Contract review", ("contract",)),
    ("a marketing kickoff", "Marketing kickoff", ("kickoff",)),
    ("a budget review", "Budget review", ("budget",)),
    ("a design critique", "Design critique", ("critique",)),
    ("a lunch and learn", "Lunch and learn", ("learn",)),
    ("board meeting prep", "Board prep", ("board",)),
    ("a security training", "Security training", ("security",)),
    ("a pricing discussion", "Pricing discussion", ("pricing",)),
)
ALL_DAY: tuple[Thing, ...] = (
    ("the company offsite", "Company offsite", ("offsite",)),
    ("a conference", "Conference", ("conference",)),
    ("visiting grandma", "Visit grandma", ("grandma",)),
    ("a camping trip", "Camping trip", ("camping",)),
    ("a beach day", "Beach day", ("beach",)),
    ("my vacation", "Vacation", ("vacation",)),
    ("the hackathon", "Hackathon", ("hackathon",)),
    ("jury duty", "Jury duty", ("jury",)),
    ("a wedding", "Wedding", ("wedding",)),
    ("a road trip", "Road trip", ("road trip",)),
    ("moving day", "Moving day", ("moving",)),
    ("a yoga retreat", "Yoga retreat", ("retreat",)),
    ("the trade show", "Trade show", ("trade",)),
    ("a family reunion", "Family reunion", ("reunion",)),
)
REPEATING: tuple[Thing, ...] = (
    ("piano practice", "Piano practice", ("piano",)),
    ("Spanish class", "Spanish class", ("spanish",)),
    ("a run", "Run", ("run",)),
    ("a reminder to water the plants", "Water the plants", ("plants",)),
    ("a 1:1 with Marcus", "1:1 with Marcus", ("marcus",)),
    ("team lunch", "Team lunch", ("lunch",)),
    ("a vitamins reminder", "Take vitamins", ("vitamin",)),
    ("meditation", "Meditation", ("meditat",)),
    ("a check-in with Dana", "Check-in with Dana", ("dana",)),
    ("a rent reminder", "Pay rent", ("rent",)),
    ("a call with Grandma", "Call Grandma", ("grandma",)),
    ("journaling", "Journaling", ("journal",)),
    ("a study session", "Study session", ("study",)),
    ("inbox zero time", "Inbox zero", ("inbox",)),
)
TASKS: tuple[Thing, ...] = (
    ("pay the electricity bill", "Pay the electricity bill", ("electric",)),
    ("call the dentist", "Call the dentist", ("dentist",)),
    ("book flights for the Tahoe trip", "Book flights", ("flight",)),
    ("renew my passport", "Renew passport", ("passport",)),
    ("return the library books", "Return library books", ("library",)),
    ("order a birthday gift for Mom", "Order birthday gift for Mom", ("gift",)),
    ("send the invoice to Northwind", "Send invoice to Northwind", ("invoice",)),
    ("pick up my prescription", "Pick up prescription", ("prescription",)),
    ("schedule an oil change", "Schedule oil change", ("oil",)),
    ("buy groceries", "Buy groceries", ("grocer",)),
    ("clean the garage", "Clean the garage", ("garage",)),
    ("update my resume", "Update resume", ("resume",)),
    ("RSVP to the wedding", "RSVP to the wedding", ("rsvp",)),
    ("back up my laptop", "Back up laptop", ("laptop",)),
    ("submit my timesheet", "Submit timesheet", ("timesheet",)),
    ("sign the lease renewal", "Sign lease renewal", ("lease",)),
)
#: (place, the words its location must hold)
PLACES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Supercuts, University Ave", ("supercuts",)),
    ("Mitchell Park Library", ("mitchell",)),
    ("Stanford Shopping Center", ("stanford",)),
    ("Palo Alto Art Center", ("art center",)),
    ("Philz Coffee, Middlefield Rd", ("philz",)),
    ("Room 3C, Brightloop HQ", ("3c",)),
    ("Rinconada Park", ("rinconada",)),
    ("Mountain View Community Center", ("community center",)),
    ("Menlo Park Public Library", ("menlo park",)),
    ("Town & Country Village", ("town", "country")),
    ("Redwood City Caltrain station", ("redwood",)),
    ("Downtown San Jose", ("san jose",)),
)
TOWNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Napa", ("napa",)), ("Monterey", ("monterey",)), ("Santa Cruz", ("santa cruz",)),
    ("Big Sur", ("big sur",)), ("Seattle", ("seattle",)), ("Los Angeles", ("los angeles",)),
    ("Yosemite", ("yosemite",)), ("Sacramento", ("sacramento",)),
    ("Half Moon Bay", ("half moon",)),
)
#: the seed's guests and a few more colleagues and friends: (first name, email)
PEOPLE: tuple[tuple[str, str], ...] = (
    ("Priya", "priya.patel@brightloop.io"), ("Marcus", "marcus.lee@brightloop.io"),
    ("Karen", "karen.oduya@brightloop.io"), ("Dana", "dana.whitfield@northwind.com"),
    ("Sam", "sam.rivera@gmail.com"), ("Jordan", "jordan.kim@gmail.com"),
    ("Emma", "emma.johnson@gmail.com"), ("Lena", "lena.ortiz@brightloop.io"),
    ("Tom", "tom.nguyen@northwind.com"), ("Olivia", "olivia.chen@gmail.com"),
    ("Raj", "raj.mehta@brightloop.io"), ("Ben", "ben.carter@gmail.com"),
)
CALENDARS = {"work": "Work", "personal": "Personal", "family": "Family"}


def _say(goal: str) -> str:
    """A goal as typed: one full stop after "p.m." at a sentence end, single spaces."""
    return re.sub(r"\s+", " ", re.sub(r"\.\.(?=\s|$)", ".", goal)).strip()


def _thing_params(thing: Thing) -> Params:
    what, title, keywords = thing
    return {"what": what, "title": title, "keywords": list(keywords)}


def _other_thing(pool: tuple[Thing, ...], params: Params) -> Params:
    """Another pool entry whose title lacks `params`' words (a wrong event's params)."""
    for thing in pool:
        if not P.has_words(thing[1], params["keywords"]):
            return _thing_params(thing)
    raise ValueError("no other title")


def _slot(rng: random.Random, first_hour: int = 7, last_hour: int = 20) -> str:
    return f"{rng.randint(first_hour, last_hour):02d}:{rng.choice((0, 0, 30, 15, 45)):02d}"


def _shift(plan: Params, minutes: int) -> Params:
    """`plan` moved by `minutes`, its length kept."""
    out = {**plan, "start": W.add_minutes(plan["start"], minutes)}
    if plan.get("end"):
        out["end"] = W.add_minutes(plan["end"], minutes)
    return out


class _GoCalendarTemplate(Template):
    site = "gocalendar"
    PHRASES: ClassVar[tuple[str, ...]] = ()

    def reach(self, params: Params, client: SiteClient) -> None:
        P.post_new_event(client, params)

    def judge(self, params: Params, finish: dict) -> Verdict:
        return P.judge_new_event(params, finish)

    def solution(self, params: Params) -> list[Step]:
        return [*P.new_event_steps(params), R.send(f"Added {params['title']} to your calendar.")]


class CreateEvent(_GoCalendarTemplate):
    """An event on a day at a time, maybe with a length, a place, or a calendar."""

    name = "create_event"
    base_task = "gocalendar-12"
    PHRASES = ("Add {what} to my calendar {day} {span}{extra}",
               "GoCalendar: {what} {day} {span}{extra}. Put it on the calendar",
               "Schedule {what} for {day_bare} {span}{extra}.",
               'Create an event "{title}" {day} {span}{extra}',
               "remind me about {what} {day} {span}{extra}")

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft:
        plan = _thing_params(rng.choice(EVENTS))
        day = W.random_day(rng)
        start = _slot(rng)
        length = rng.choice((None, None, 30, 45, 60, 90, 120))
        plan |= {"date": day.isoformat(), "start": start,
                 "end": W.add_minutes(start, length) if length else None}
        extra, constraints = "", 1 + (length is not None)
        which = rng.choice(("", "", "location", "calendar"))
        if which == "location":
            place, words = rng.choice(PLACES)
            plan |= {"location": place, "location_words": list(words)}
            extra = rng.choice((f" at {place}", f", location {place}", f" ({place})"))
        elif which == "calendar":
            plan["calendar"] = rng.choice(sorted(CALENDARS))
            extra = rng.choice((f" on my {CALENDARS[plan['calendar']]} calendar",
                                f", in the {CALENDARS[plan['calendar']]} calendar"))
        constraints += bool(which)
        day_text = rng.choice(W.day_phrases(day))
        goal = rng.choice(self.PHRASES).format(
            what=plan["what"], title=plan["title"], day=day_text,
            day_bare=day_text.removeprefix("on "), span=W.span_phrase(rng, start, plan["end"]),
            extra=extra)
        return Draft(plan, _say(goal), difficulty=min(3, constraints))

    def near_misses(self, params: Params, state: dict[str, Any]) -> list[Params]:
        misses = [{**params, "date": P.day_after(params["date"])},  # the wrong day
                  _shift(params, 60 if params["start"] < "12:00" else -60),  # the wrong hour
                  {**params, **_other_thing(EVENTS, params)}]  # another event
        if params.get("end"):  # the default hour instead of the length asked
            length = W.minutes_between(params["start"], params["end"])
            misses.append({**params, "end": W.add_minutes(params["start"],
                                                          30 if length == 60 else 60)})
        if params.get("location"):
            place = next(p for p in PLACES if p[0] != params["location"])[0]
            misses.append({**params, "location": place})
        if params.get("calendar"):
            misses.append({**params, "calendar": next(c for c in sorted(CALENDARS)
                                                      if c != params["calendar"])})
        return misses


class CreateMeetingWithGuests(_GoCalendarTemplate):
    """A meeting at a time with guests invited by email, maybe with a GoMeet call."""

    name = "create_meeting_with_guests"
    base_task = "gocalendar-6"
    PHRASES = ("Set up {what} {day} {span} and invite {guests}{meet}",
               "GoCalendar: create {what} for {day_bare}, {span}. Guests: {guests}{meet}",
               "Put {what} on my calendar {day} {span}, invite {guests}{meet}",
               "I need {what} with {guests} {day} {span}{meet}")
    MEET = (". Add a GoMeet link", ". It needs a GoMeet video call", ", and add video conferencing")

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft:
        plan = _thing_params(rng.choice(MEETINGS))
        day = W.random_day(rng)
        while day.weekday() >= 5:
            day += timedelta(days=1)
        start = _slot(rng, 8, 17)
        end = W.add_minutes(start, rng.choice((30, 45, 60, 60, 90)))
        people = rng.sample(PEOPLE, rng.choice((1, 1, 2)))
        meet = rng.random() < 0.4
        plan |= {"date": day.isoformat(), "start": start, "end": end,
                 "guests": [email for _, email in people], "meet": meet,
                 "names": [name for name, _ in people]}
        day_text = rng.choice(W.day_phrases(day))
        goal = rng.choice(self.PHRASES).format(
            what=plan["what"], day=day_text, day_bare=day_text.removeprefix("on "),
            span=W.span_phrase(rng, start, end), guests=" and ".join(plan["guests"]),
            meet=rng.choice(self.MEET) if meet else "")
        return Draft(plan, _say(goal), difficulty=3 if meet or len(people) > 1 else 2)

    def near_misses(self, params: Params, state: dict[str, Any]) -> list[Params]:
        guests = params["guests"]
        other = next(e for _, e in PEOPLE if e not in guests)
        misses = [{**params, "guests": [*guests[:-1], other]},  # someone else invited
                  {**params, "guests": [*guests, other]},  # an extra guest
                  {**params, "date": P.day_after(params["date"], 7)}]  # a week late
        if params["meet"]:
            misses.append({**params, "meet": False})
        return misses


class CreateAllDayEvent(_GoCalendarTemplate):
    """An all-day event over one day or several (the last day inclusive), maybe in a town."""

    name = "create_all_day_event"
    base_task = "gocalendar-13"
    PHRASES = ("Block off {range} for {what}, all day{extra}",
               "GoCalendar: add an all-day event for {what} {range}{extra}",
               "{What} is {range}{extra}. Put it on my calendar as all day",
               "Add {what} to the calendar {range} as an all-day event{extra}")

    @staticmethod
    def _range(rng: random.Random, first: date, last: date) -> str:
        if first == last:
            return rng.choice(W.day_phrases(first))
        m1, m2 = clock.MONTHS[first.month - 1], clock.MONTHS[last.month - 1]
        same_month = first.month == last.month
        return rng.choice((
            f"from {m1} {W.ordinal(first.day)} to "
            f"{W.ordinal(last.day) if same_month else m2 + ' ' + W.ordinal(last.day)}",
            f"{m1[:3]} {first.day}-{last.day if same_month else m2[:3] + ' ' + str(last.day)}",
            f"from {clock.WEEKDAYS[first.weekday()][:3]} {m1[:3]} {first.day} through "
            f"{clock.WEEKDAYS[last.weekday()][:3]} {m2[:3]} {last.day}"))

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft:
        plan = _thing_params(rng.choice(ALL_DAY))
        first = W.random_day(rng, clock.TODAY + timedelta(days=1))
        last = first + timedelta(days=rng.choice((0, 0, 1, 2, 3, 4)))
        plan |= {"all_day": True, "date": first.isoformat(), "last": last.isoformat()}
        extra = ""
        if rng.random() < 0.5:
            town, words = rng.choice(TOWNS)
            plan |= {"location": town, "location_words": list(words)}
            extra = rng.choice((f" in {town}", f", location {town}", f" (it's in {town})"))
        goal = rng.choice(self.PHRASES).format(
            what=plan["what"], What=plan["what"][0].upper() + plan["what"][1:],
            range=self._range(rng, first, last), extra=extra)
        return Draft(plan, _say(goal), difficulty=1 + (first != last) + bool(extra))

    def near_misses(self, params: Params, state: dict[str, Any]) -> list[Params]:
        misses = [{**params, "last": P.day_after(params["last"])},  # an exclusive end date
                  {**params, "date": P.day_after(params["date"]),
                   "last": P.day_after(params["last"])},  # a day late
                  {**params, "all_day": False, "start": "09:00", "end": None,
                   "last": params["date"]}]  # at 9 AM, not all day
        if params.get("location"):
            misses.append({**params, "location": next(t for t, _ in TOWNS
                                                      if t != params["location"])})
        return misses


class CreateRepeatingEvent(_GoCalendarTemplate):
    """A repeating event: daily, weekly, every weekday or monthly, from a first day."""

    name = "create_repeating_event"
    base_task = "gocalendar-4"
    RULES = {"daily": ("every day", "daily"),
             "weekly": ("every {weekday}", "weekly on {weekday}s"),
             "weekdays": ("every weekday", "Monday to Friday"),
             "monthly": ("on the {nth} of every month", "monthly on the {nth}")}
    PHRASES = ("Starting {day_bare}, put {what} on my calendar {rule} {span}",
               "GoCalendar: add {what} {span}, {rule}, from {day_bare}",
               "I want a repeating event for {what}: {rule} {span}, first one {day_bare}",
               "Set up {what} {rule} {span} beginning {day_bare}")

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft:
        plan = _thing_params(rng.choice(REPEATING))
        rule = rng.choice(sorted(self.RULES))
        day = W.random_day(rng)
        if rule == "weekdays":
            while day.weekday() >= 5:
                day += timedelta(days=1)
        if rule == "monthly":
            day = day.replace(day=min(day.day, 28))
        start = _slot(rng, 6, 20)
        end = W.add_minutes(start, rng.choice((15, 30, 45, 60)))
        plan |= {"date": day.isoformat(), "start": start, "end": end, "recurrence": rule}
        rule_text = rng.choice(self.RULES[rule]).format(
            weekday=clock.WEEKDAYS[day.weekday()], nth=W.ordinal(day.day))
        day_text = rng.choice(W.day_phrases(day)).removeprefix("on ")
        goal = rng.choice(self.PHRASES).format(what=plan["what"], rule=rule_text,
                                               day_bare=day_text,
                                               span=W.span_phrase(rng, start, end))
        return Draft(plan, _say(goal), difficulty=3)

    def near_misses(self, params: Params, state: dict[str, Any]) -> list[Params]:
        other = "weekly" if params["recurrence"] != "weekly" else "daily"
        return [{**params, "recurrence": "none"},  # does not repeat
                {**params, "recurrence": other},  # repeats the wrong way
                {**params, "date": P.day_after(params["date"], 7)}]  # starts a week late


class AddTask(Template):
    """A task (not an event) on a day, maybe at a time."""

    site = "gocalendar"
    name = "add_task"
    base_task = "gocalendar-8"
    PHRASES = ("GoCalendar: add a task to {what} {day}{at}",
               "Make me a task: {what}, {day}{at}",
               "Create a task {day}{at} to {what}",
               "add a to-do for {day_bare}{at}: {what}")

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft:
        plan = _thing_params(rng.choice(TASKS))
        day = W.random_day(rng)
        at = _slot(rng, 7, 19) if rng.random() < 0.6 else None
        plan |= {"date": day.isoformat(), "start": at}
        day_text = rng.choice(W.day_phrases(day))
        goal = rng.choice(self.PHRASES).format(
            what=plan["what"], day=day_text, day_bare=day_text.removeprefix("on "),
            at=f" at {W.time_phrase(rng, at)}" if at else "")
        return Draft(plan, _say(goal), difficulty=2 if at else 1)

    def judge(self, params: Params, finish: dict) -> Verdict:
        tasks = [t for t in P.new_tasks(finish) if P.has_words(t["title"], params["keywords"])]
        if not tasks:
            made = [e.get("title") for e in P.added_events(finish).values()]
            return Verdict(False, f"no new task titled like {params['title']!r}"
                                  + (f" (new events: {made})" if made else ""))
        want_day = date.fromisoformat(params["date"])
        for t in tasks:
            try:
                day = store.task_day(t)
            except (KeyError, TypeError, ValueError):
                continue
            if day != want_day:
                continue
            if params["start"] is None or (not t.get("allDay") and W.same_instant(
                    t["start"], W.utc_start(params["date"], params["start"]))):
                return Verdict(True, f"created the task {t['title']!r} for {day}")
        got = "; ".join(f"{t['title']!r} at {t['start']}" for t in tasks)
        at = f" at {W.form_time(params['start'])}" if params["start"] else ""
        return Verdict(False, f"the new task is {got}, not on {params['date']}{at}")

    def reach(self, params: Params, client: SiteClient) -> None:
        client.get("/create", params={"type": "task", "date": clock.TODAY.isoformat()})
        client.post("/tasks/create", data={
            "title": params["title"], "date": params["date"],
            "time": W.form_time(params["start"]) if params["start"] else "",
            "description": ""})

    def near_misses(self, params: Params, state: dict[str, Any]) -> list[Params]:
        misses = [{**params, "date": P.day_after(params["date"])},
                  {**params, **_other_thing(TASKS, params)}]
        if params["start"]:
            misses.append({**params, "start": W.add_minutes(params["start"], 60)})
        return misses

    def solution(self, params: Params) -> list[Step]:
        at = W.form_time(params["start"]) if params["start"] else ""
        return [R.click("link", "Create", exact=True), R.click("link", "Task", exact=True),
                R.fill("textbox", "Title", params["title"]),
                R.fill("textbox", "Date", params["date"]), R.fill("textbox", "Time", at),
                R.click("button", "Save", exact=True),
                R.send(f"Added the task {params['title']}.")]


# -- templates on the seed's own events -----------------------------------------------------
def _named(rng: random.Random, ev: dict) -> tuple[str, str]:
    """How a goal names seed event `ev`: its title (as typed) and its day."""
    title = rng.choice((ev["title"], ev["title"], ev["title"].lower()))
    if ev["recurrence"] != "none":
        return title, rng.choice(("(the whole series)", "series", "(all of them)"))
    return title, W.event_day_phrase(P.local_day(ev))


def _event_params(ev: dict) -> Params:
    start, end = P.local_hhmm(ev)
    return {"eid": ev["id"], "title": ev["title"], "old_date": P.local_day(ev).isoformat(),
            "old_start": start, "old_end": end}


def _neighbour(state: dict, eid: str, pool: list[dict]) -> str:
    """The pool event closest in time to `eid` (a plausible wrong pick)."""
    ev = state["calendar"]["events"][eid]
    at = clock.parse_iso(ev["start"])
    others = [e for e in pool if e["id"] != eid]
    return min(others, key=lambda e: (abs(clock.parse_iso(e["start"]) - at), e["id"]))["id"]


class DeleteEvent(Template):
    """Delete one event of the seed calendar (a repeating one: its series)."""

    site = "gocalendar"
    name = "delete_event"
    base_task = "gocalendar-16"
    PHRASES = ("Delete the {title} {day}",
               "GoCalendar: cancel {title} {day}, it's not happening anymore",
               "Remove {title} {day} from my calendar",
               "{Title} {day} got called off. Take it off the calendar",
               "please get rid of the {title} event {day}")

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft:
        ev = rng.choice(P.seed_choices(state))
        title, day = _named(rng, ev)
        goal = rng.choice(self.PHRASES).format(title=title, Title=title[0].upper() + title[1:],
                                               day=day)
        same_title = sum(e["title"] == ev["title"] for e in state["calendar"]["events"].values())
        return Draft(_event_params(ev), _say(goal), difficulty=2 if same_title > 1 else 1)

    def judge(self, params: Params, finish: dict) -> Verdict:
        deleted = P.deleted_events(finish)
        if params["eid"] not in deleted:
            gone = [P.describe(e) for e in deleted.values()]
            return Verdict(False, f"{params['title']!r} on {params['old_date']} was not "
                                  f"deleted (deleted: {gone or 'nothing'})")
        extra = [P.describe(e) for k, e in deleted.items() if k != params["eid"]]
        if extra:
            return Verdict(False, f"also deleted {', '.join(extra)}")
        return Verdict(True, f"deleted {P.describe(deleted[params['eid']])}")

    def reach(self, params: Params, client: SiteClient) -> None:
        client.get(f"/event/{params['eid']}")
        client.post(f"/event/{params['eid']}/delete")

    def near_misses(self, params: Params, state: dict[str, Any]) -> list[Params]:
        pool = P.seed_choices(state)
        events = state["calendar"]["events"]
        twins = [e["id"] for e in events.values()
                 if e["title"] == params["title"] and e["id"] != params["eid"]]
        misses = [{**params, "eid": _neighbour(state, params["eid"], pool)}]
        misses += [{**params, "eid": t} for t in twins]  # the same title, another day
        return misses

    def solution(self, params: Params) -> list[Step]:
        ev = P.seed_event(params["eid"])
        return [*P.open_event_steps(ev), R.click("button", "Delete event"),
                R.send(f"Deleted {params['title']}.")]


class RescheduleEvent(Template):
    """Move a seed event to another time, another day, or both, keeping its length."""

    site = "gocalendar"
    name = "reschedule_event"
    base_task = "gocalendar-23"
    PHRASES = {
        "time": ("Move my {title} {old_day} to {new_time}",
                 "GoCalendar: push {title} {old_day} to {new_time}, same day",
                 "Can you change the {title} {old_day} so it starts at {new_time}? Keep the "
                 "same length"),
        "day": ("Move the {title} {old_day} to {new_day_bare}, same time",
                "GoCalendar: {title} {old_day} needs to happen {new_day} instead (same time)",
                "Reschedule {title} from {old_day_bare} to {new_day_bare}, keep the time"),
        "both": ("Reschedule the {title} {old_day} to {new_day_bare} at {new_time}",
                 "GoCalendar: move {title} ({old_day_bare}) to {new_day_bare}, {new_time}",
                 "{Title} {old_day} has to move to {new_day_bare} at {new_time}, same length"),
    }

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft:
        ev = rng.choice([e for e in P.seed_choices(state, timed=True)
                         if P.local_day(e) >= clock.TODAY])
        params = _event_params(ev)
        length = W.minutes_between(params["old_start"], params["old_end"])
        mode = rng.choice(sorted(self.PHRASES))
        new_day, new_start = P.local_day(ev), params["old_start"]
        if mode in ("day", "both"):
            new_day = W.random_day(rng, clock.TODAY, clock.TODAY + timedelta(days=20))
            if new_day == P.local_day(ev):
                new_day += timedelta(days=1)
        if mode in ("time", "both"):
            latest = min(20 * 60, 22 * 60 - length)
            slots = [W.add_minutes("08:00", m) for m in range(0, latest - 8 * 60 + 1, 30)]
            new_start = rng.choice([t for t in slots if t != params["old_start"]])
        params |= {"date": new_day.isoformat(), "start": new_start,
                   "end": W.add_minutes(new_start, length)}
        title, old_day = _named(rng, ev)
        new_day_text = rng.choice(W.day_phrases(new_day))
        goal = rng.choice(self.PHRASES[mode]).format(
            title=title, Title=title[0].upper() + title[1:], old_day=old_day,
            old_day_bare=old_day.removeprefix("on "), new_day=new_day_text,
            new_day_bare=new_day_text.removeprefix("on "),
            new_time=W.time_phrase(rng, new_start))
        return Draft(params, _say(goal), difficulty=3 if mode == "both" else 2)

    def judge(self, params: Params, finish: dict) -> Verdict:
        updated, deleted = P.updated_events(finish), P.deleted_events(finish)
        want = P.norm(params["title"])
        moved = [updated[params["eid"]]] if params["eid"] in updated else []
        if params["eid"] in deleted:  # deleted and made again
            moved += [e for e in P.added_events(finish).values() if P.norm(e.get("title")) == want]
        if not moved:
            return Verdict(False, f"{params['title']!r} was not moved (still "
                                  f"{params['old_date']} {W.form_time(params['old_start'])})")
        start = W.utc_start(params["date"], params["start"])
        end = W.utc_start(params["date"], params["end"])
        for ev in moved:
            if (P.norm(ev.get("title")) == want and not ev.get("allDay")
                    and W.same_instant(ev.get("start"), start)
                    and W.same_instant(ev.get("end"), end)):
                return Verdict(True, f"moved to {P.describe(ev)}")
        return Verdict(False, f"{params['title']!r} is now {P.describe(moved[0])}; wanted "
                              f"{params['date']} {W.form_time(params['start'])} to "
                              f"{W.form_time(params['end'])}")

    def reach(self, params: Params, client: SiteClient) -> None:
        P.post_edit(client, params["eid"], startDate=params["date"],
                    startTime=W.form_time(params["start"]), endTime=W.form_time(params["end"]),
                    endDate="")

    def near_misses(self, params: Params, state: dict[str, Any]) -> list[Params]:
        length = W.minutes_between(params["start"], params["end"])
        hour = 60 if params["start"] < "15:00" else -60
        misses = [
            {**params, "start": W.add_minutes(params["start"], hour),
             "end": W.add_minutes(params["end"], hour)},  # the wrong hour
            {**params, "end": W.add_minutes(params["start"], 60 if length != 60 else 30)},
        ]
        if params["date"] != params["old_date"]:
            misses.append({**params, "date": P.day_after(params["date"])})  # the wrong day
        pool = P.seed_choices(state, timed=True)
        other = P.seed_event(_neighbour(state, params["eid"], pool))
        misses.append({**params, "eid": other["id"]})  # another event moved
        return misses

    def solution(self, params: Params) -> list[Step]:
        ev = P.seed_event(params["eid"])
        return [*P.open_event_steps(ev), R.click("link", "Edit event", exact=True),
                R.fill("textbox", "Start date", params["date"]),
                R.fill("textbox", "Start time", W.form_time(params["start"])),
                R.fill("textbox", "End time", W.form_time(params["end"])),
                R.click("button", "Save", exact=True),
                R.send(f"Moved {params['title']} to {params['date']} "
                       f"{W.form_time(params['start'])}.")]


class InviteToEvent(Template):
    """Invite one more person (by email) to a seed event, keeping its guests."""

    site = "gocalendar"
    name = "invite_to_event"
    base_task = "gocalendar-10"
    PHRASES = ("Add {email} to the {title} {day}",
               "GoCalendar: invite {email} to {title} {day}",
               "{name} should join the {title} {day}. Invite them ({email})",
               "please add {name} ({email}) as a guest on {title} {day}")

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft:
        ev = rng.choice([e for e in P.seed_choices(state, timed=True)
                         if P.local_day(e) >= clock.TODAY])
        name, email = rng.choice([p for p in PEOPLE if p[1] not in ev["guests"]])
        params = {**_event_params(ev), "guests": list(ev["guests"]), "email": email,
                  "name": name}
        title, day = _named(rng, ev)
        goal = rng.choice(self.PHRASES).format(email=email, name=name, title=title, day=day)
        return Draft(params, _say(goal), difficulty=2 if ev["guests"] else 1)

    def judge(self, params: Params, finish: dict) -> Verdict:
        updated = P.updated_events(finish)
        ev = updated.get(params["eid"])
        if ev is None:
            return Verdict(False, f"{params['title']!r} on {params['old_date']} was not changed")
        got = sorted({str(g).strip().lower() for g in ev.get("guests") or []})
        want = sorted({g.lower() for g in [*params["guests"], params["email"]]})
        if got != want:
            return Verdict(False, f"{params['title']!r} has guests {got}; wanted {want}")
        old = P.seed_event(params["eid"])
        if (ev.get("start"), ev.get("end")) != (old["start"], old["end"]):
            return Verdict(False, f"{params['title']!r} was also moved: {P.describe(ev)}")
        return Verdict(True, f"{params['email']} invited to {P.describe(ev)}")

    def reach(self, params: Params, client: SiteClient) -> None:
        P.post_edit(client, params["eid"], guests=", ".join([*params["guests"], params["email"]]))

    def near_misses(self, params: Params, state: dict[str, Any]) -> list[Params]:
        pool = [e for e in P.seed_choices(state, timed=True)
                if params["email"] not in e["guests"]]
        other_ev = P.seed_event(_neighbour(state, params["eid"], pool))
        other_email = next(e for _, e in PEOPLE
                           if e != params["email"] and e not in params["guests"])
        misses = [{**params, "eid": other_ev["id"], "guests": other_ev["guests"]},  # wrong event
                  {**params, "email": other_email}]  # someone else
        if params["guests"]:
            misses.append({**params, "guests": []})  # the others dropped
        return misses

    def solution(self, params: Params) -> list[Step]:
        ev = P.seed_event(params["eid"])
        return [*P.open_event_steps(ev), R.click("link", "Edit event", exact=True),
                R.fill("textbox", "Guests", ", ".join([*params["guests"], params["email"]])),
                R.click("button", "Save", exact=True),
                R.send(f"Invited {params['email']} to {params['title']}.")]


TEMPLATES: list[Template] = [CreateEvent(), CreateMeetingWithGuests(), CreateAllDayEvent(),
                             CreateRepeatingEvent(), AddTask(), DeleteEvent(),
                             RescheduleEvent(), InviteToEvent()]
