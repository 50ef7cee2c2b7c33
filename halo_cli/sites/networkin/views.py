"""NetworkIn's pages: the frame, the feed with its composer, sharing a post, search,
profiles, My Network, messaging, companies and events. Plain HTML forms, no scripts: every
control carries its own accessible name (label, button text or aria-label)."""

from __future__ import annotations

from halo_cli.sites import kit
from halo_cli.sites.kit import escape
from halo_cli.sites.networkin import store

CSS = """
*{box-sizing:border-box}
body{margin:0;font-family:-apple-system,Segoe UI,Roboto,Arial,sans-serif;font-size:14px;
color:#1d2226;background:#f4f2ee}
a{color:#0a66c2;text-decoration:none}
a:hover{text-decoration:underline}
header.top{display:flex;align-items:center;gap:16px;background:#fff;padding:8px 24px;
border-bottom:1px solid #ddd}
.logo{font-size:22px;font-weight:bold;color:#0a66c2}
form.search{display:flex;gap:4px}
form.search input{width:260px;padding:7px 10px;border:1px solid #ccc;border-radius:4px;
background:#eef3f8}
nav.main{display:flex;gap:18px;margin-left:auto}
nav.main a{color:#555}
nav.main a[aria-current=page]{color:#000;font-weight:bold}
main{max-width:1000px;margin:16px auto;padding:0 16px}
.card{background:#fff;border:1px solid #e0dfdc;border-radius:8px;padding:14px 16px;
margin-bottom:12px}
.muted{color:#666;font-size:12px}
.row{display:flex;gap:12px;align-items:center;justify-content:space-between}
ul.plain{list-style:none;margin:0;padding:0}
ul.plain>li{border-bottom:1px solid #eee;padding:10px 0}
button{cursor:pointer;border-radius:16px;border:1px solid #0a66c2;background:#fff;
color:#0a66c2;padding:5px 14px;font-weight:600}
button.primary{background:#0a66c2;color:#fff}
textarea{width:100%;min-height:80px;padding:8px;border:1px solid #bbb;border-radius:6px;
font:inherit}
.notice{background:#e7f3e8;border:1px solid #057642;padding:10px;border-radius:6px;
margin-bottom:12px}
.error{background:#fdecec;border:1px solid #b24020;padding:10px;border-radius:6px;
margin-bottom:12px}
.msg{margin:8px 0;padding:8px 10px;border-radius:8px;background:#f3f6f8;max-width:80%}
.msg.mine{background:#dce6f1;margin-left:auto}
.msg.system{background:none;color:#666;font-style:italic;text-align:center;max-width:100%}
.unread{font-weight:bold}
.inline{display:inline}
"""

NAV = [("/", "Home"), ("/mynetwork", "My Network"), ("/messaging", "Messaging"),
       ("/companies", "Companies"), ("/events", "Events")]


def e(value: object) -> str:
    return escape(str(value), quote=True)


def page(base: str, title: str, body: str, *, current: str = "", query: str = "",
         notice: str | None = None, error: str | None = None) -> str:
    """A whole page: the top bar (logo, search box, primary nav) over `body`."""
    links = "".join(
        f'<a href="{base}{path}"{" aria-current=page" if path == current else ""}>{label}</a>'
        for path, label in NAV)
    header = (f'<header class="top"><a class="logo" href="{base}/" aria-label="NetworkIn home">in</a>'
              f'<form class="search" role="search" action="{base}/search" method="get">'
              f'<input type="text" name="keywords" value="{e(query)}" aria-label="Search" '
              f'placeholder="Search"><button type="submit">Search</button></form>'
              f'<nav class="main" aria-label="Primary">{links}</nav></header>')
    return kit.shell(title=title, site="NetworkIn", css=CSS, header=header, body=body,
                     notice=e(notice) if notice else "", error=e(error) if error else "")


def _button_form(action: str, next_url: str, button: str) -> str:
    """A one-button form posting to `action`; the site then returns to `next_url`."""
    return (f'<form class="inline" method="post" action="{action}">'
            f'<input type="hidden" name="next" value="{e(next_url)}">{button}</form>')


def _row(about: str, control: str) -> str:
    """A list row: what it is on the left, its control on the right."""
    return f'<li><div class="row"><div>{about}</div><div>{control}</div></div></li>'


def _card(rows: str, heading: str = "") -> str:
    """A card holding a plain list, under an optional `h2`."""
    head = f"<h2>{heading}</h2>" if heading else ""
    return f'<section class="card">{head}<ul class="plain">{rows}</ul></section>'


def _toggle(pressed: bool, label: str, text: str) -> str:
    """A submit button showing an on/off state (aria-pressed)."""
    return (f'<button type="submit" aria-pressed="{str(pressed).lower()}" '
            f'aria-label="{label}">{text}</button>')


def connect_control(base: str, person: dict, grade: str, next_url: str) -> str:
    """Connect button for people not yet connected; a Message link for everyone."""
    name = e(person["name"])
    message = f'<a href="{base}/messaging/{e(person["id"])}" aria-label="Message {name}">Message</a>'
    if grade == "1st":
        return f'<span class="muted">Connected</span> {message}'
    button = (f'<button class="primary" type="submit" aria-label="Invite {name} to connect">'
              f'Connect</button>')
    action = f'{base}/in/{e(person["id"])}/connect'
    return f"{_button_form(action, next_url, button)} {message}"


def person_row(base: str, person: dict, grade: str, next_url: str) -> str:
    return _row(f'<a href="{base}/in/{e(person["id"])}">{e(person["name"])}</a> '
                f'<span class="muted">· {e(grade)}</span><div>{e(person["headline"])}</div>'
                f'<div class="muted">{e(person["location"])}</div>',
                connect_control(base, person, grade, next_url))


def company_row(base: str, company: dict, followed: bool, next_url: str) -> str:
    verb = "Unfollow" if followed else "Follow"
    button = _toggle(followed, f'{verb} {e(company["name"])}',
                     "✓ Following" if followed else "+ Follow")
    return _row(f'<strong>{e(company["name"])}</strong>'
                f'<div>{e(company["industry"])} · {e(company["headquarters"])}</div>'
                f'<div class="muted">{e(company["followers"])} followers</div>',
                _button_form(f"{base}/companies/{e(company['id'])}/follow", next_url, button))


def _when(p: dict) -> str:
    if p.get("postedAgo"):
        return p["postedAgo"]
    return "Just now" if p.get("type") == "self-post" else ""


def post_card(base: str, p: dict, next_url: str, *, actions: bool = True) -> str:
    name = p.get("authorName", "")
    liked = bool(p.get("liked"))
    acts = ""
    if actions:
        like = _toggle(liked, f"Like post by {e(name)}", "Liked" if liked else "Like")
        action = f"{base}/posts/{e(p['id'])}/like"
        acts = (f'<div class="row">{_button_form(action, next_url, like)}'
                f'<a href="{base}/posts/{e(p["id"])}/send" aria-label="Send post by {e(name)}">'
                f'Send</a></div>')
    return (f'<article class="card" aria-label="Post by {e(name)}">'
            f'<div><a href="{base}/in/{e(p["authorId"])}">{e(name)}</a> '
            f'<span class="muted">{e(p.get("authorHeadline", ""))} · {e(_when(p))}</span></div>'
            f'<p>{e(p.get("description", ""))}</p>'
            f'<div class="muted">{int(p.get("likes", 0))} likes</div>{acts}</article>')


def feed(base: str, state: dict, *, draft: str = "") -> str:
    me = store.user()
    composer = (
        f'<section class="card" aria-labelledby="start-post"><h2 id="start-post">Start a post</h2>'
        f'<form method="post" action="{base}/posts">'
        f'<label for="post-text">What do you want to talk about?</label>'
        f'<textarea id="post-text" name="description" maxlength="{store.MAX_POST}">{e(draft)}'
        f'</textarea><p><button class="primary" type="submit">Post</button></p></form></section>')
    profile = (f'<section class="card" aria-label="Your profile"><strong>{e(me["name"])}</strong>'
               f'<div>{e(me["headline"])}</div><div class="muted">{e(me["location"])} · '
               f'{len(state["contactList"])} connections</div></section>')
    cards = "".join(post_card(base, p, f"{base}/") for p in store.posts(state))
    return f'{profile}{composer}<h2>Feed</h2>{cards}'


def share_picker(base: str, state: dict, p: dict) -> str:
    boxes = "".join(
        f'<li><input type="checkbox" id="to-{e(c["id"])}" name="to" value="{e(c["id"])}">'
        f' <label for="to-{e(c["id"])}">{e(c["name"])}</label>'
        f' <span class="muted">{e(c["headline"])}</span></li>'
        for c in store.connections(state))
    return (f'<h1>Send post</h1>{post_card(base, p, "", actions=False)}'
            f'<form class="card" method="post" action="{base}/posts/{e(p["id"])}/send">'
            f'<fieldset><legend>Send to your connections</legend><ul class="plain">{boxes}</ul>'
            f'</fieldset><p><button class="primary" type="submit">Send</button> '
            f'<a href="{base}/">Cancel</a></p></form>')


def search_results(base: str, state: dict, query: str, people: list[dict],
                   comps: list[dict], next_url: str) -> str:
    if not query:
        recent = "".join(
            f'<li><a href="{base}/search?keywords={e(h["searchTerm"])}">{e(h["searchTerm"])}</a></li>'
            for h in reversed(state["searchHistory"][-8:]))
        return f'<h1>Search</h1>{_card(recent, "Recent searches")}'
    rows = "".join(person_row(base, p, store.grade(state, p["id"]), next_url) for p in people)
    crows = "".join(company_row(base, c, state["followedCompanies"].get(c["id"], False), next_url)
                    for c in comps)
    people_html = rows and _card(rows, "People")
    comp_html = crows and _card(crows, "Companies")
    empty = "" if rows or crows else '<p class="card">No results found. Try other keywords.</p>'
    return f'<h1>Search results for “{e(query)}”</h1>{people_html}{comp_html}{empty}'


def profile(base: str, state: dict, p: dict, next_url: str) -> str:
    g = store.grade(state, p["id"])
    top = (f'<section class="card"><h1>{e(p["name"])}</h1><div>{e(p["headline"])}</div>'
           f'<div class="muted">{e(p["location"])} · {e(g)} degree connection</div>'
           f'<p>{connect_control(base, p, g, next_url)}</p></section>')
    about = [("About", f'<p>{e(p["about"])}</p>'),
             ("Experience", f'<p>{e(p["headline"])}</p><p class="muted">{e(p["industry"])}</p>'),
             ("Education", f'<p>{e(p["school"])}</p>')]
    return top + "".join(f'<section class="card"><h2>{h}</h2>{text}</section>' for h, text in about)


def my_network(base: str, state: dict) -> str:
    here = f"{base}/mynetwork"
    sugg = "".join(person_row(base, p, store.grade(state, p["id"]), here)
                   for p in store.suggestions(state))
    return (f'<h1>My Network</h1><p class="card"><a href="{base}/mynetwork/connections">'
            f'Connections ({len(state["contactList"])})</a></p>'
            f'{_card(sugg, "People you may know")}')


def connections(base: str, state: dict) -> str:
    here = f"{base}/mynetwork/connections"
    conns = "".join(person_row(base, p, "1st", here) for p in store.connections(state))
    return (f'<p><a href="{base}/mynetwork">Back to My Network</a></p>'
            f'<h1>Connections ({len(state["contactList"])})</h1>'
            f'{_card(conns)}')


def inbox(base: str, state: dict) -> str:
    rows = []
    for room in store.chatrooms(state):
        who = room["participant"]
        last = room["lastMessage"] or "No messages yet"
        mine = "You: " if room["lastMessageAuthorId"] == store.ME and room["lastMessage"] else ""
        cls = ' class="unread"' if room.get("unread") else ""
        flag = ' <span class="muted">(unread)</span>' if room.get("unread") else ""
        rows.append(f'<li{cls}><a href="{base}/messaging/{e(who["id"])}">{e(who["name"])}</a>{flag}'
                    f'<div class="muted">{e(mine + last)}</div></li>')
    body = "".join(rows) or "<li>No conversations yet.</li>"
    return (f'<h1>Messaging</h1><section class="card"><ul class="plain">{body}</ul>'
            f'<p class="muted">To start a conversation, open a profile and choose Message.</p>'
            f'</section>')


def _message(base: str, state: dict, m: dict, who: dict) -> str:
    if m["type"] == "system":
        return f'<div class="msg system">{e(m["message"])}</div>'
    mine = m["authorId"] == store.ME
    author = store.user()["name"] if mine else who["name"]
    cls = "msg mine" if mine else "msg"
    if m["type"] == "post":
        p = store.post(state, (m.get("postData") or {}).get("id", ""))
        text = (f'Shared a post by {e(p.get("authorName", ""))}: “{e(p.get("description", "")[:140])}”'
                if p else "Shared a post")
    else:
        text = e(m["message"])
    return f'<div class="{cls}"><strong>{e(author)}</strong><div>{text}</div></div>'


def thread(base: str, state: dict, person: dict, *, draft: str = "") -> str:
    room = state["ui"]["messaging"]["chatroomData"].get(person["id"])
    msgs = "".join(_message(base, state, m, person) for m in (room or {}).get("messages", []))
    msgs = msgs or '<p class="muted">This is the start of your conversation.</p>'
    return (f'<p><a href="{base}/messaging">Back to Messaging</a></p>'
            f'<section class="card"><h1>{e(person["name"])}</h1>'
            f'<div class="muted">{e(person["headline"])} · {e(person["location"])}</div>'
            f'<div role="log" aria-label="Conversation with {e(person["name"])}">{msgs}</div>'
            f'<form method="post" action="{base}/messaging/{e(person["id"])}">'
            f'<label for="message-text">Write a message…</label>'
            f'<textarea id="message-text" name="message" maxlength="{store.MAX_MESSAGE}">'
            f'{e(draft)}</textarea><p><button class="primary" type="submit">Send</button></p>'
            f'</form></section>')


def companies(base: str, state: dict) -> str:
    here = f"{base}/companies"
    rows = "".join(company_row(base, c, state["followedCompanies"].get(c["id"], False), here)
                   for c in store.companies().values())
    n = sum(1 for v in state["followedCompanies"].values() if v is True)
    return (f'<h1>Popular companies</h1><p class="muted">You follow {n} '
            f'compan{"y" if n == 1 else "ies"}.</p>'
            f'{_card(rows)}')


def _event_row(base: str, ev: dict, going: bool) -> str:
    mine = " · You are attending" if going else ""
    return (f'<li><a href="{base}/events/{e(ev["id"])}">{e(ev["title"])}</a>'
            f'<div>{e(ev["date"])} · {e(ev["location"])}</div>'
            f'<div class="muted">{ev["attendees"] + going:,} attendees{mine}</div></li>')


def events(base: str, state: dict) -> str:
    going = state["attendedEvents"]
    rows = "".join(_event_row(base, ev, bool(going.get(ev["id"])))
                   for ev in store.events().values())
    return f"<h1>Events</h1>{_card(rows)}"


def event(base: str, state: dict, ev: dict) -> str:
    going = bool(state["attendedEvents"].get(ev["id"]))
    label = "Cancel attendance" if going else "Attend"
    status = '<p role="status">You are attending this event.</p>' if going else ""
    count = ev["attendees"] + (1 if going else 0)
    return (f'<p><a href="{base}/events">All events</a></p><section class="card">'
            f'<h1>{e(ev["title"])}</h1><div>{e(ev["date"])} · {e(ev["time"])}</div>'
            f'<div>{e(ev["location"])}</div><div class="muted">Hosted by {e(ev["organizer"])} · '
            f'{count:,} attendees</div><p>{e(ev["description"])}</p>{status}'
            f'<form method="post" action="{base}/events/{e(ev["id"])}/attend">'
            f'<button class="primary" type="submit">{label}</button></form></section>')
