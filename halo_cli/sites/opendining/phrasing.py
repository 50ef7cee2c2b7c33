"""How OpenDining's generated goals say days, times, party sizes and time windows, in REAL's
casual register ("tomorrow at 7:30pm", "for a party of 4", "between 6 and 8pm")."""

from __future__ import annotations

import random
from datetime import date

from halo_cli.sites.opendining import store as C

TODAY = C.TODAY


def _nth(n: int) -> str:
    suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def say_day(rng: random.Random, d: date, t: int) -> str:
    """`d` the way people say it, relative to today (Fri Jul 18) when it is close."""
    ahead = (d - TODAY).days
    if ahead == 0:
        return rng.choice(["tonight" if t >= 17 * 60 else "today", "today",
                           f"today, {d:%B} {_nth(d.day)}"])
    if ahead == 1:
        return rng.choice(["tomorrow", "tomorrow (Saturday)", f"tomorrow, {d:%b} {d.day}"])
    if ahead == 2:
        return rng.choice(["this Sunday", f"Sunday the {_nth(d.day)}", "on Sunday"])
    if ahead <= 6:
        return rng.choice([f"this coming {d:%A}", f"on {d:%A}, {d:%B} {_nth(d.day)}",
                           f"{d:%A} the {_nth(d.day)}"])
    if ahead == 7:
        return rng.choice(["a week from today", f"next Friday, {d:%B} {_nth(d.day)}"])
    return rng.choice([f"on {d:%B} {_nth(d.day)}", f"{d:%b} {d.day}",
                       f"on {d:%A}, {d:%B} {d.day}", f"on {d.month}/{d.day}"])


def say_time(rng: random.Random, t: int) -> str:
    h, m = divmod(t, 60)
    h12, half = (h % 12) or 12, "am" if h < 12 else "pm"
    forms = [f"{h12}:{m:02d}{half}", f"{h12}:{m:02d} {half.upper()}"]
    if m == 0:
        forms += [f"{h12}{half}", f"{h12} {half}"]
    return rng.choice(forms)


def say_party(rng: random.Random, n: int) -> str:
    if n == 1:
        return rng.choice(["just for me", "for one", "for 1 person"])
    if n == 2:
        return rng.choice(["for two", "for 2", "for me and a friend", "for my wife and me",
                           "for 2 people"])
    return rng.choice([f"for {n}", f"for {n} people", f"for a party of {n}",
                       f"for a group of {n}"])


def say_window(lo: int, hi: int) -> tuple[str, ...]:
    """Phrasings of a time window: "between 6 and 8pm", "from 11am to 1pm", ..."""
    def bare(t: int) -> str:
        h, m = divmod(t, 60)
        return f"{(h % 12) or 12}" + (f":{m:02d}" if m else "")

    def full(t: int) -> str:
        return bare(t) + ("am" if t < 12 * 60 else "pm")

    same = (lo < 12 * 60) == (hi < 12 * 60)
    short = f"{bare(lo)} and {full(hi)}" if same else f"{full(lo)} and {full(hi)}"
    return (f"between {short}", f"sometime {full(lo)}-{full(hi)}",
            f"any time from {C.label_time(lo)} to {C.label_time(hi)}")

def a_or_an(phrase: str) -> str:
    return f"{'an' if phrase[0].lower() in 'aeiou' else 'a'} {phrase}"
