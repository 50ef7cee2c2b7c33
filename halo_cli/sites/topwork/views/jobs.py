"""TopWork job pages: the dashboard, My jobs, one job post and the Post a job form. Plain
HTML forms, no scripts; every control has a real label or accessible name, so the
accessibility tree is the page."""

from __future__ import annotations

from halo_cli.sites.topwork import store
from halo_cli.sites.topwork.views.frame import e, long_date


def rate_range(j: dict) -> str:
    lo, hi = j.get("hourlyRateFrom"), j.get("hourlyRateTo")
    if lo is None and hi is None:
        return "Hourly rate not set"
    return f"${lo if lo is not None else '?'}–${hi if hi is not None else '?'}/hr"


def home(base: str, state: dict) -> str:
    name = state["user"]["name"].split()[0]
    open_jobs = [j for j in store.jobs(state) if j["status"] == "published"]
    job_items = "".join(
        f'<li><a href="{base}/jobs/{e(j["id"])}">{e(j["title"])}</a> '
        f'<span class="muted">{len(j["applications"])} proposals</span></li>' for j in open_jobs)
    unread = [c for c in store.contacts(state) if c.get("unread")]
    msg_items = "".join(
        f'<li><a href="{base}/messages/{e(c["id"])}">{e(c["name"])}</a>: '
        f'<span class="muted">{e(c["lastMessage"][:90])}</span></li>' for c in unread)
    return f"""<h1>Good morning, {e(name)}</h1><p class="muted">Thursday, July 18, 2024 ·
{e(state["user"]["company"])}</p>
<section class="card"><h2>Your open job posts</h2><ul>{job_items or "<li>No open job posts.</li>"}</ul>
<a class="btn" href="{base}/jobs/new">Post a job</a></section>
<section class="card"><h2>Unread messages</h2>
<ul>{msg_items or "<li>You're all caught up.</li>"}</ul></section>"""


def _job_meta(j: dict) -> str:
    bits = [rate_range(j)]
    if j.get("estimateSize"):
        bits.append(store.SIZES.get(j["estimateSize"], j["estimateSize"]) + " project")
    if j.get("estimateTime"):
        bits.append(j["estimateTime"])
    if j.get("estimateLevelExperience"):
        bits.append(store.LEVELS.get(j["estimateLevelExperience"], "") + " level")
    if j.get("estimateHireOpportunity") == "yes":
        bits.append("Contract-to-hire")
    return " · ".join(e(b) for b in bits)


def _status(j: dict) -> str:
    return ('<span class="badge open">Open</span>' if j["status"] == "published"
            else '<span class="badge draft">Draft</span>')


def _remove_form(base: str, j: dict) -> str:
    return (f'<form class="inline" method="post" action="{base}/jobs/{e(j["id"])}/remove">'
            f'<button class="danger" type="submit" aria-label="Remove job post: {e(j["title"])}">'
            f'Remove</button></form>')


def _job_card(base: str, j: dict) -> str:
    posted = f'Posted {e(long_date(j["postedAt"]))} · {len(j["applications"])} proposals'
    return (f'<li class="card"><div class="row"><div><h2><a href="{base}/jobs/{e(j["id"])}">'
            f'{e(j["title"])}</a></h2>{_status(j)} <span class="muted">'
            f'{e(j.get("category") or "")} · {posted}</span>'
            f'<p>{_job_meta(j)}</p></div>{_remove_form(base, j)}</div></li>')


def jobs_page(base: str, state: dict) -> str:
    items = "".join(_job_card(base, j) for j in store.jobs(state))
    return (f'<div class="row"><h1>My jobs</h1><a class="btn" href="{base}/jobs/new">'
            f'Post a new job</a></div><ul class="plain">'
            f'{items or "<li>You have no job posts.</li>"}</ul>')


def job_page(base: str, state: dict, j: dict) -> str:
    skills = "".join(f"<span>{e(s)}</span>" for s in j["skills"])
    apps = []
    for a in j["applications"]:
        f = store.freelancer(state, a["freelancerId"])
        if f is None:
            continue
        apps.append(f'<li class="card"><a href="{base}/talent/{e(f["id"])}">{e(f["name"])}</a> '
                    f'<span class="muted">{e(f["title"])} · bid ${e(a["bid"])}/hr</span>'
                    f'<p>{e(a["coverLetter"])}</p></li>')
    return f"""<p><a href="{base}/jobs">Back to My jobs</a></p>
<div class="row"><h1>{e(j["title"])}</h1>{_remove_form(base, j)}</div>
<p>{_status(j)} <span class="muted">{e(j.get("category") or "")} · Posted
{e(long_date(j["postedAt"]))}</span></p><p>{_job_meta(j)}</p>
<section class="card"><h2>Description</h2><p>{e(j["description"])}</p>
<div class="skills" aria-label="Skills">{skills}</div></section>
<section><h2>Proposals ({len(apps)})</h2><ul class="plain">
{"".join(apps) or "<li>No proposals yet.</li>"}</ul></section>"""


def _radios(name: str, legend: str, options: list[tuple[str, str]], current: str) -> str:
    opts = "".join(
        f'<label><input type="radio" name="{name}" value="{e(v)}"'
        f'{" checked" if v == current else ""}> {e(text)}</label>' for v, text in options)
    return f"<fieldset><legend>{e(legend)}</legend>{opts}</fieldset>"


def job_form(base: str, values: dict[str, str] | None = None) -> str:
    v = {"duration": "1 to 3 months", "level": "entry", **(values or {})}
    cats = "".join(f'<option{" selected" if c == v.get("category") else ""}>{e(c)}</option>'
                   for c in store.CATEGORIES)
    size = _radios("size", "Project size", list(store.SIZES.items()), v.get("size", ""))
    duration = _radios("duration", "How long will your work take?",
                       [(d, d) for d in store.DURATIONS], v.get("duration", ""))
    level = _radios("level", "Experience level", list(store.LEVELS.items()), v.get("level", ""))
    hire = _radios("hire", "Is this job a contract-to-hire opportunity?",
                   list(store.HIRE.items()), v.get("hire", ""))
    return f"""<h1>Post a job</h1>
<form class="card" method="post" action="{base}/jobs/new">
<div class="field"><label for="title">Job title</label>
<input type="text" id="title" name="title" value="{e(v.get("title", ""))}" maxlength="200"></div>
<div class="field"><label for="description">Description</label>
<textarea id="description" name="description" rows="5">{e(v.get("description", ""))}</textarea></div>
<div class="field"><label for="category">Category</label><select id="category" name="category">
<option value="">Select a category</option>{cats}</select></div>
<div class="field"><label for="skills">Skills (comma separated)</label>
<input type="text" id="skills" name="skills" value="{e(v.get("skills", ""))}"></div>
<div class="field"><label for="rate_from">Hourly rate from (USD)</label>
<input type="number" id="rate_from" name="rate_from" min="1" value="{e(v.get("rate_from", ""))}"></div>
<div class="field"><label for="rate_to">Hourly rate to (USD)</label>
<input type="number" id="rate_to" name="rate_to" min="1" value="{e(v.get("rate_to", ""))}"></div>
{size}{duration}{level}{hire}
<button type="submit" name="action" value="post">Post job</button>
<button class="secondary" type="submit" name="action" value="draft">Save as draft</button>
</form>"""
