"""TopWork talent pages: search, profiles, saved talent, hires, and the invite, message
and offer forms a client sends from a profile."""

from __future__ import annotations

from halo_cli.sites.topwork import store
from halo_cli.sites.topwork.views.frame import e, long_date


def save_button(base: str, f: dict, saved: bool, next_path: str) -> str:
    label = (f"Remove {f['name']} from saved talent" if saved else f"Save {f['name']}")
    return (f'<form class="inline" method="post" action="{base}/talent/{e(f["id"])}/save">'
            f'<input type="hidden" name="next" value="{e(next_path)}">'
            f'<button class="secondary" type="submit" aria-label="{e(label)}" '
            f'aria-pressed="{"true" if saved else "false"}">{"Saved" if saved else "Save"}'
            f'</button></form>')


def _card(base: str, f: dict, saved: bool, next_path: str) -> str:
    skills = "".join(f"<span>{e(s)}</span>" for s in f["skills"])
    return (f'<li class="card"><div class="row"><div><h2><a href="{base}/talent/{e(f["id"])}">'
            f'{e(f["name"])}</a></h2><p><strong>{e(f["title"])}</strong></p>'
            f'<p class="muted">${e(f["hourlyRate"])}/hr · {e(f["location"])} · '
            f'{e(f["jobSuccess"])}% Job Success · {e(f["availability"])}</p>'
            f'<div class="skills">{skills}</div></div>'
            f'{save_button(base, f, saved, next_path)}</div></li>')


def talent_page(base: str, state: dict, found: list[dict], query: str, availability: str,
                next_path: str) -> str:
    saved = set(store.saved_ids(state))
    opts = "".join(
        f'<option value="{e(v)}"{" selected" if v == availability else ""}>{e(t)}</option>'
        for v, t in (("", "Any availability"), ("Available now", "Available now"),
                     ("Looking for work", "Looking for work")))
    cards = "".join(_card(base, f, f["id"] in saved, next_path) for f in found)
    return f"""<h1>Find talent</h1>
<form class="card" role="search" method="get" action="{base}/talent">
<div class="field"><label for="q">Search freelancers</label>
<input type="text" id="q" name="q" value="{e(query)}" placeholder="Skill, title or name"></div>
<div class="field"><label for="availability">Availability</label>
<select id="availability" name="availability">{opts}</select></div>
<button type="submit">Search</button></form>
<p class="muted">{len(found)} freelancers</p>
<ul class="plain">{cards or "<li>No freelancers match your search.</li>"}</ul>"""


def saved_page(base: str, state: dict) -> str:
    people = [f for fid in store.saved_ids(state) if (f := store.freelancer(state, fid))]
    cards = "".join(_card(base, f, True, "/talent/saved") for f in people)
    return (f'<h1>Saved talent</h1><ul class="plain">'
            f'{cards or "<li>You have not saved any freelancers yet.</li>"}</ul>')


def hires_page(base: str, state: dict) -> str:
    rows = "".join(
        f'<tr><td><a href="{base}/talent/{e(f["id"])}">{e(f["name"])}</a><br>'
        f'<span class="muted">{e(f["title"])}</span></td><td>{e(o["contractTitle"])}</td>'
        f'<td>${e(o["hourlyRate"])}/hr</td><td>{e(long_date(o["startDate"]))}</td>'
        f'<td><a class="btn secondary" href="{base}/talent/{e(f["id"])}/offer?rehire=1" '
        f'aria-label="Rehire {e(f["name"])}">Rehire</a></td></tr>'
        for f, o in store.hires(state))
    return (f'<h1>My hires</h1><table><thead><tr><th>Freelancer</th><th>Contract</th>'
            f'<th>Rate</th><th>Started</th><th>Actions</th></tr></thead><tbody>'
            f'{rows or "<tr><td colspan=5>No hires yet.</td></tr>"}</tbody></table>')


def profile_page(base: str, state: dict, f: dict) -> str:
    saved = f["id"] in store.saved_ids(state)
    skills = "".join(f"<span>{e(s)}</span>" for s in f["skills"])
    fid = e(f["id"])
    return f"""<p><a href="{base}/talent">Back to Find talent</a></p>
<section class="card"><div class="row"><div><h1>{e(f["name"])}</h1>
<p><strong>{e(f["title"])}</strong></p>
<p class="muted">{e(f["location"])} · ${e(f["hourlyRate"])}/hr · {e(f["jobSuccess"])}% Job Success
· {e(f["totalEarned"])} earned · {e(f["availability"])}</p></div>
<div>{save_button(base, f, saved, f"/talent/{f['id']}")}</div></div>
<p><a class="btn" href="{base}/talent/{fid}/invite">Invite to job</a>
<a class="btn secondary" href="{base}/talent/{fid}/message">Message</a>
<a class="btn secondary" href="{base}/talent/{fid}/offer">Hire</a></p></section>
<section class="card"><h2>About</h2><p>{e(f["bio"])}</p>
<h2>Skills</h2><div class="skills">{skills}</div></section>"""


def _who(base: str, f: dict) -> str:
    return (f'<p><a href="{base}/talent/{e(f["id"])}">{e(f["name"])}</a> · '
            f'<span class="muted">{e(f["title"])}</span></p>')


def invite_form(base: str, state: dict, f: dict, job_id: str = "",
                message: str = store.INVITE_TEXT) -> str:
    opts = "".join(
        f'<option value="{e(j["id"])}"{" selected" if j["id"] == job_id else ""}>'
        f'{e(j["title"])}</option>' for j in store.jobs(state) if j["status"] == "published")
    return f"""<h1>Invite {e(f["name"])} to a job</h1>{_who(base, f)}
<form class="card" method="post" action="{base}/talent/{e(f["id"])}/invite">
<div class="field"><label for="job">Job</label><select id="job" name="job">
<option value="">Select a job post</option>{opts}</select></div>
<div class="field"><label for="message">Message</label>
<textarea id="message" name="message" rows="5">{e(message)}</textarea></div>
<button type="submit">Send invitation</button>
<a class="btn secondary" href="{base}/talent/{e(f["id"])}">Cancel</a></form>"""


def message_form(base: str, f: dict, message: str = "") -> str:
    return f"""<h1>Message {e(f["name"])}</h1>{_who(base, f)}
<form class="card" method="post" action="{base}/talent/{e(f["id"])}/message">
<div class="field"><label for="message">Message</label>
<textarea id="message" name="message" rows="5">{e(message)}</textarea></div>
<button type="submit">Send message</button>
<a class="btn secondary" href="{base}/talent/{e(f["id"])}">Cancel</a></form>"""


def offer_form(base: str, f: dict, values: dict[str, str] | None = None,
               rehire: bool = False) -> str:
    v = {"hourly_rate": str(f["hourlyRate"]), "start_date": store.DEFAULT_START,
         **(values or {})}
    heading = f"Rehire {f['name']}" if rehire else f"Send an offer to {f['name']}"
    return f"""<h1>{e(heading)}</h1>{_who(base, f)}
<form class="card" method="post" action="{base}/talent/{e(f["id"])}/offer">
<div class="field"><label for="contract_title">Contract title</label>
<input type="text" id="contract_title" name="contract_title" maxlength="200"
value="{e(v.get("contract_title", ""))}"></div>
<div class="field"><label for="hourly_rate">Hourly rate (USD)</label>
<input type="number" id="hourly_rate" name="hourly_rate" min="1" step="0.01"
value="{e(v["hourly_rate"])}"></div>
<div class="field"><label for="start_date">Start date</label>
<input type="date" id="start_date" name="start_date" min="{store.TODAY}"
value="{e(v["start_date"])}"></div>
<div class="field"><label for="description">Message to {e(f["name"])}</label>
<textarea id="description" name="description" rows="5">{e(v.get("description", ""))}</textarea>
</div><button type="submit">Send offer</button>
<a class="btn secondary" href="{base}/talent/{e(f["id"])}">Cancel</a></form>"""
