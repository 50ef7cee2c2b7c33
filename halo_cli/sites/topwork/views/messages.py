"""TopWork messages: the contact list with unread badges, and one conversation."""

from __future__ import annotations

from datetime import datetime, timedelta

from halo_cli.sites.topwork import store
from halo_cli.sites.topwork.views.frame import e


def when(ts: str) -> str:
    """A UTC timestamp shown in Pacific time (PDT), e.g. "Jul 17, 8:22 AM"."""
    try:
        t = datetime.strptime(ts, "%Y-%m-%dT%H:%M:%S.000Z") - timedelta(hours=7)
    except ValueError:
        return ""
    return f"{t.strftime('%b')} {t.day}, {t.strftime('%I:%M %p').lstrip('0')}"


def _contacts(base: str, state: dict, current: str | None) -> str:
    items = []
    for c in store.contacts(state):
        badge = ' <span class="badge unread">Unread</span>' if c.get("unread") else ""
        label = f"{c['name']}, unread" if c.get("unread") else c["name"]
        cls = ' class="current"' if c["id"] == current else ""
        cur = ' aria-current="page"' if c["id"] == current else ""
        items.append(
            f'<li{cls}><a href="{base}/messages/{e(c["id"])}" aria-label="{e(label)}"{cur}>'
            f'{e(c["name"])}</a>{badge}<br><span class="muted">{e(c["job"])}</span><br>'
            f'<span class="muted">{e(c["lastMessage"][:70])}</span></li>')
    return (f'<aside aria-label="Conversations"><h2>Conversations</h2><ul>{"".join(items)}</ul>'
            f'</aside>')


def messages_page(base: str, state: dict) -> str:
    return (f'<h1>Messages</h1><div class="chat">{_contacts(base, state, None)}'
            f'<section class="thread"><p class="muted">Select a conversation to read and reply.'
            f'</p></section></div>')


def _message(m: dict) -> str:
    mine = m["author"] in (store.USER, store.INVITER)
    author = store.USER if mine else m["author"]
    extra = ""
    if m.get("type") == "invite":
        extra = (f'<div class="offerbox">Invitation to job: {e(m.get("jobTitle", ""))}</div>')
    elif m.get("type") == "offer" and isinstance(m.get("offer"), dict):
        o = m["offer"]
        extra = (f'<div class="offerbox"><strong>Offer: {e(o["contractTitle"])}</strong><br>'
                 f'${e(o["hourlyRate"])}/hr · starts {e(o["startDate"])} · {e(o["status"])}</div>')
    return (f'<li class="msg{" mine" if mine else ""}"><strong>{e(author)}</strong> '
            f'<span class="muted">{e(when(m["timestamp"]))}</span><p>{e(m["message"])}</p>'
            f'{extra}</li>')


def chat_page(base: str, state: dict, c: dict, draft: str = "") -> str:
    msgs = "".join(_message(m) for m in c["messages"])
    profile = (f'<a href="{base}/talent/{e(c["id"])}">View profile</a> '
               f'<a class="btn secondary" href="{base}/talent/{e(c["id"])}/offer" '
               f'aria-label="Hire {e(c["name"])}">Hire</a>'
               if store.freelancer(state, c["id"]) else "")
    return f"""<h1>Messages</h1><div class="chat">{_contacts(base, state, c["id"])}
<section class="thread" aria-label="Conversation with {e(c["name"])}">
<h2>{e(c["name"])}</h2><p class="muted">{e(c["job"])} {profile}</p>
<ul class="plain">{msgs}</ul>
<form method="post" action="{base}/messages/{e(c["id"])}/send">
<div class="field"><label for="message">Message {e(c["name"])}</label>
<textarea id="message" name="message" rows="3">{e(draft)}</textarea></div>
<button type="submit">Send</button></form></section></div>"""
