"""NetworkIn pages: messaging (chat list, one conversation), companies, events."""

from __future__ import annotations

from halo_cli.sites.networkin import store
from halo_cli.sites.networkin.layout import company_row, e


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
            f'<section class="card"><ul class="plain">{rows}</ul></section>')


def events(base: str, state: dict) -> str:
    rows = "".join(
        f'<li><a href="{base}/events/{e(ev["id"])}">{e(ev["title"])}</a>'
        f'<div>{e(ev["date"])} · {e(ev["location"])}</div>'
        f'<div class="muted">{ev["attendees"] + (1 if state["attendedEvents"].get(ev["id"]) else 0):,}'
        f' attendees{" · You are attending" if state["attendedEvents"].get(ev["id"]) else ""}'
        f'</div></li>'
        for ev in store.events().values())
    return f'<h1>Events</h1><section class="card"><ul class="plain">{rows}</ul></section>'


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
