"""GoMail's server-rendered HTML: small pages whose accessibility tree is the interface.

Every control has an accessible name; the only script is the select-all checkbox.
"""

from __future__ import annotations

from datetime import date, datetime
from html import escape
from typing import Any
from urllib.parse import urlencode

from halo_cli.sites.gomail.store import folders, mailbox
from halo_cli.sites.gomail.store.actions import SNOOZE_DAYS

CSS = """
*{box-sizing:border-box}body{margin:0;font:14px/1.4 Arial,Helvetica,sans-serif;color:#202124}
header{display:flex;align-items:center;gap:24px;padding:8px 16px;border-bottom:1px solid #ddd}
header .logo{font-size:22px;color:#d93025;text-decoration:none;font-weight:bold}
header form{display:flex;gap:6px;align-items:center;flex:1;max-width:640px}
header input{flex:1;padding:8px 12px;border-radius:8px;border:1px solid #ccc;background:#f1f3f4}
.wrap{display:flex}nav{width:210px;padding:12px}nav ul{list-style:none;margin:0;padding:0}
nav li{display:flex;justify-content:space-between;padding:4px 12px;border-radius:0 16px 16px 0}
nav li.cur{background:#fce8e6;font-weight:bold}nav a{color:#202124;text-decoration:none}
nav h2{font-size:13px;margin:16px 12px 4px;color:#5f6368}
.compose{display:inline-block;margin:0 0 12px;padding:12px 20px;border-radius:16px;
background:#c2e7ff;color:#001d35;text-decoration:none;font-weight:bold}
main{flex:1;padding:8px 16px;min-width:0}main h1{font-size:20px;margin:6px 0}
.toolbar{display:flex;flex-wrap:wrap;gap:6px;align-items:center;padding:6px 0;
border-bottom:1px solid #eee}
.pager{display:flex;gap:12px;justify-content:flex-end;color:#5f6368;padding:4px 0}
ul.rows{list-style:none;margin:0;padding:0}
ul.rows li{display:flex;align-items:center;gap:8px;border-bottom:1px solid #f1f1f1;padding:2px 4px}
ul.rows li.unread{font-weight:bold;background:#fff}ul.rows li.read{background:#f6f8fc}
ul.rows a{flex:1;display:flex;gap:10px;color:inherit;text-decoration:none;min-width:0}
.from{width:190px;flex:none;overflow:hidden;white-space:nowrap;text-overflow:ellipsis}
.text{flex:1;overflow:hidden;white-space:nowrap;text-overflow:ellipsis}
.snip{color:#5f6368;font-weight:normal}.when{flex:none;width:70px;text-align:right}
.star{border:0;background:none;font-size:16px;cursor:pointer;color:#999}
.star[aria-pressed=true]{color:#f4b400}.tag{font-size:11px;background:#e8eaed;
border-radius:4px;padding:0 4px;font-weight:normal;margin-right:4px}
.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
.snackbar{position:fixed;left:24px;bottom:24px;background:#323232;color:#fff;
padding:12px 20px;border-radius:4px}
.msg{white-space:pre-wrap;border-top:1px solid #eee;padding-top:12px;max-width:800px}
.meta{color:#5f6368}.error{color:#d93025;font-weight:bold}
form.mailform{display:grid;grid-template-columns:80px 1fr;gap:8px;max-width:760px}
form.mailform textarea{min-height:220px}.quote{color:#5f6368;white-space:pre-wrap}
"""

SELECT_ALL_JS = ("for(const c of this.form.querySelectorAll('input[name=ids]'))"
                 "c.checked=this.checked")

ACTIONS = {  # toolbar button value -> visible name
    "read": "Mark as read", "unread": "Mark as unread", "archive": "Archive",
    "unarchive": "Move to Inbox", "untrash": "Move to Inbox", "unsnooze": "Unsnooze",
    "trash": "Delete",
}


def e(text: Any) -> str:
    return escape(str(text), quote=True)


def when(state: dict, email: dict) -> str:
    """Gmail's list date: a time for today, `Jul 17` this year, `4/24/23` before."""
    today = mailbox.now(state).date()
    d = date.fromisoformat(email["date"])
    if d == today:
        t = datetime.strptime(email.get("time") or "00:00", "%H:%M")
        return f"{t.hour % 12 or 12}:{t:%M} {'AM' if t.hour < 12 else 'PM'}"
    if d.year == today.year:
        return f"{d:%b} {d.day}"
    return f"{d.month}/{d.day}/{d:%y}"


def long_date(email: dict) -> str:
    d = date.fromisoformat(email["date"])
    t = datetime.strptime(email.get("time") or "00:00", "%H:%M")
    return f"{d:%a}, {d:%b} {d.day}, {d.year}, {t.hour % 12 or 12}:{t:%M} " \
           f"{'AM' if t.hour < 12 else 'PM'}"


def who(email: dict) -> str:
    """The list's sender column: the sender, or the recipients for mail you sent."""
    if email.get("sent"):
        return "To: " + ", ".join(email.get("to", []))
    return email["from"]


def describe(email: dict) -> str:
    """How a row's controls name the email: `email from Amazon: Your order has shipped`."""
    if email.get("sent"):
        return f"email to {', '.join(email.get('to', []))}: {email['subject'] or '(no subject)'}"
    return f"email from {email['from']}: {email['subject'] or '(no subject)'}"


def snippet(email: dict, n: int = 90) -> str:
    text = " ".join(email["content"].split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def layout(root: str, state: dict, title: str, body: str, current: str = "",
           query: str = "") -> str:
    labs = mailbox.labels(state)
    unread = folders.unread_count(state)
    nav_items = [("inbox", "Inbox", "/", unread), ("starred", "Starred", "/starred", None),
                 ("snoozed", "Snoozed", "/snoozed", None), ("sent", "Sent", "/sent", None),
                 ("archive", "Archive", "/archive", None), ("trash", "Trash", "/trash", None)]
    lis = []
    for key, name, href, count in nav_items:
        cur = ' class="cur"' if key == current else ""
        aria = ' aria-current="page"' if key == current else ""
        cnt = f'<span class="count">{count}</span>' if count else ""
        lis.append(f'<li{cur}><a href="{root}{href}"{aria}>{name}</a>{cnt}</li>')
    label_lis = []
    for lid, lab in labs.items():
        cur = ' class="cur"' if current == f"label:{lid}" else ""
        label_lis.append(f'<li{cur}><a href="{root}/label/{e(lid)}">{e(lab["label"])}</a></li>')
    snack = ""
    sb = state.get("ui", {}).get("snackbar", {})
    if sb.get("open") and sb.get("message"):
        snack = f'<div class="snackbar" role="status">{e(sb["message"])}</div>'
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{e(title)} - GoMail'
        f"</title><style>{CSS}</style></head><body>"
        f'<header><a class="logo" href="{root}/">GoMail</a>'
        f'<form role="search" action="{root}/search" method="get">'
        f'<label for="q" class="vh">Search mail</label>'
        f'<input type="text" id="q" name="q" value="{e(query)}" placeholder="Search mail">'
        f'<button type="submit">Search</button></form>'
        f'<span class="meta">{e(state["email"]["user"]["email"])}</span></header>'
        f'<div class="wrap"><nav aria-label="Mailboxes"><a class="compose" href="{root}/compose">'
        f'Compose</a><ul>{"".join(lis)}</ul><h2 id="lh">Labels</h2>'
        f'<ul aria-labelledby="lh">{"".join(label_lis)}</ul>'
        f'<p><a href="{root}/labels/new">Create new label</a></p></nav>'
        f"<main>{snack}{body}</main></div></body></html>"
    )


def _toolbar(state: dict, actions: list[str], select_all: bool = True) -> str:
    parts = []
    if select_all:
        parts.append('<input type="checkbox" id="selall" aria-label="Select all conversations" '
                     f'onchange="{SELECT_ALL_JS}">')
    for act in actions:
        if act in ACTIONS:
            parts.append(f'<button type="submit" name="action" value="{act}">'
                         f"{ACTIONS[act]}</button>")
    if "snooze" in actions:
        opts = "".join(f'<option value="{d}"{" selected" if d == 1 else ""}>'
                       f'{d} day{"s" if d > 1 else ""}</option>' for d in SNOOZE_DAYS)
        parts.append(f'<label>Snooze for <select name="days">{opts}</select></label>'
                     '<button type="submit" name="action" value="snooze">Snooze</button>')
    if "label" in actions:
        opts = "".join(f'<option value="{e(k)}">{e(v["label"])}</option>'
                       for k, v in mailbox.labels(state).items())
        parts.append(f'<label>Label <select name="label">{opts}</select></label>'
                     '<button type="submit" name="action" value="label">Apply label</button>')
    return f'<div class="toolbar" role="toolbar" aria-label="Actions">{"".join(parts)}</div>'


def _tags(state: dict, email: dict) -> str:
    """The email's label names, as small tags."""
    labs = mailbox.labels(state)
    return "".join(f'<span class="tag">{e(labs[lid]["label"])}</span> '
                   for lid in email.get("labels", []) if lid in labs)


def _row(root: str, state: dict, email: dict) -> str:
    name = describe(email)
    read = email.get("isRead", True)
    starred = email.get("starred", False)
    star_label = ("Unstar " if starred else "Star ") + name
    unread = "" if read else '<span class="vh">Unread, </span>'
    return (
        f'<li class="{"read" if read else "unread"}">'
        f'<input type="checkbox" name="ids" value="{e(email["id"])}" aria-label="Select {e(name)}">'
        f'<button type="submit" class="star" formaction="{root}/star" name="star" '
        f'value="{e(email["id"])}" aria-label="{e(star_label)}" '
        f'aria-pressed="{"true" if starred else "false"}">{"★" if starred else "☆"}</button>'
        f'<a href="{root}/email/{e(email["id"])}">{unread}<span class="from">{e(who(email))}</span>'
        f'<span class="text">{_tags(state, email)}{e(email["subject"] or "(no subject)")}'
        f'<span class="snip"> - {e(snippet(email))}</span></span>'
        f'<span class="when">{e(when(state, email))}</span></a></li>'
    )


def list_page(root: str, state: dict, *, title: str, items: list[dict], page: int,
              base_path: str, params: dict[str, str], actions: list[str], current: str,
              query: str = "", empty: str = "No conversations.") -> str:
    total = len(items)
    pages = max(1, (total + folders.PAGE_SIZE - 1) // folders.PAGE_SIZE)
    page = min(max(page, 1), pages)
    start = (page - 1) * folders.PAGE_SIZE
    shown = items[start:start + folders.PAGE_SIZE]

    def href(p: int) -> str:
        q = {**params, **({"page": str(p)} if p > 1 else {})}
        return f"{root}{base_path}" + (f"?{urlencode(q)}" if q else "")

    here = base_path + (f"?{urlencode({**params, 'page': str(page)})}" if params or page > 1
                        else "")
    pager = ""
    if total:
        newer = (f'<a href="{href(page - 1)}" aria-label="Newer">‹ Newer</a>' if page > 1 else "")
        older = (f'<a href="{href(page + 1)}" aria-label="Older">Older ›</a>' if page < pages
                 else "")
        pager = (f'<div class="pager"><span>{start + 1}–{start + len(shown)} of {total}</span>'
                 f"{newer}{older}</div>")
    rows = "".join(_row(root, state, m) for m in shown)
    listing = (f'<ul class="rows" aria-label="Conversations">{rows}</ul>' if rows
               else f"<p>{e(empty)}</p>")
    body = (
        f"<h1>{e(title)}</h1>"
        f'<form method="post" action="{root}/act" autocomplete="off">'
        f'<input type="hidden" name="next" value="{e(here)}">'
        f"{_toolbar(state, actions, select_all=bool(rows))}{pager}{listing}</form>"
    )
    return layout(root, state, title, body, current=current, query=query)


def email_page(root: str, state: dict, email: dict, back: str) -> str:
    to = ", ".join(email.get("to", []))
    cc = ", ".join(email.get("cc", []))
    state_note = ""
    if email.get("trash"):
        state_note = '<p class="meta">This conversation is in Trash.</p>'
    elif email.get("snoozeUntil"):
        state_note = f'<p class="meta">Snoozed until {e(email["snoozeUntil"])}.</p>'
    if email.get("snoozeUntil"):
        actions = ["unsnooze"]
    elif email.get("trash"):
        actions = ["untrash"]
    else:
        actions = ["unread", "unarchive" if email.get("archived") else "archive", "trash",
                   "snooze", "label"]
    star = ("Unstar" if email.get("starred") else "Star") + " this email"
    body = (
        f'<p><a href="{root}{e(back)}">Back to list</a></p>'
        f'<h1>{e(email["subject"] or "(no subject)")} {_tags(state, email)}</h1>{state_note}'
        f'<form method="post" action="{root}/act" autocomplete="off">'
        f'<input type="hidden" name="ids" value="{e(email["id"])}">'
        f'<input type="hidden" name="next" value="{e(back)}">'
        f"{_toolbar(state, actions, select_all=False)}"
        f'<button type="submit" formaction="{root}/star?next=/email/{e(email["id"])}" name="star" '
        f'value="{e(email["id"])}" '
        f'aria-pressed="{"true" if email.get("starred") else "false"}">{star}</button></form>'
        f'<p><strong>{e(email["from"])}</strong> <span class="meta">&lt;{e(email["fromEmail"])}'
        f"&gt;</span></p>"
        f'<p class="meta">to {e(to)}{" cc " + e(cc) if cc else ""} · {e(long_date(email))}</p>'
        f'<div class="msg">{e(email["content"])}</div>'
        f'<p><a href="{root}/email/{e(email["id"])}/reply">Reply</a> · '
        f'<a href="{root}/email/{e(email["id"])}/forward">Forward</a></p>'
    )
    return layout(root, state, email["subject"] or "(no subject)", body)


def _error(error: str) -> str:
    return f'<p class="error" role="alert">{e(error)}</p>' if error else ""


def compose_page(root: str, state: dict, *, heading: str, to: str = "", cc: str = "",
                 bcc: str = "", subject: str = "", body: str = "", error: str = "",
                 hidden: dict[str, str] | None = None, quote: str = "") -> str:
    hid = "".join(f'<input type="hidden" name="{e(k)}" value="{e(v)}">'
                  for k, v in (hidden or {}).items())
    quoted = f'<div class="quote" aria-label="Quoted message">{e(quote)}</div>' if quote else ""
    html = (
        f"<h1>{e(heading)}</h1>{_error(error)}"
        f'<form class="mailform" method="post" action="{root}/send" autocomplete="off">{hid}'
        f'<label for="to">To</label><input id="to" name="to" value="{e(to)}">'
        f'<label for="cc">Cc</label><input id="cc" name="cc" value="{e(cc)}">'
        f'<label for="bcc">Bcc</label><input id="bcc" name="bcc" value="{e(bcc)}">'
        f'<label for="subject">Subject</label><input id="subject" name="subject" '
        f'value="{e(subject)}">'
        f'<label for="body">Body</label><textarea id="body" name="body">{e(body)}</textarea>'
        f'<span></span><div><button type="submit">Send</button> '
        f'<a href="{root}/">Discard</a></div></form>{quoted}'
    )
    return layout(root, state, heading, html)


def _prefixed(subject: str, prefix: str) -> str:
    """`Re: subject` (once: a subject already starting `Re:` stays as it is)."""
    return subject if subject.lower().startswith(prefix.lower() + ":") else f"{prefix}: {subject}"


def reply_page(root: str, state: dict, email: dict) -> str:
    """Compose, answering `email`: to its sender (or the recipients of mail you sent),
    the message quoted below the form."""
    to = ", ".join(email["to"]) if email.get("sent") else email["fromEmail"]
    quoted = (f"On {long_date(email)}, {email['from']} <{email['fromEmail']}> wrote:\n"
              f"{email['content']}")
    return compose_page(root, state, heading="Reply", to=to,
                        subject=_prefixed(email["subject"], "Re"),
                        hidden={"reply_to": email["id"]}, quote=quoted)


def forward_page(root: str, state: dict, email: dict) -> str:
    """Compose, forwarding `email`: its headers and text in the body."""
    fwd = (f"---------- Forwarded message ---------\nFrom: {email['from']} "
           f"<{email['fromEmail']}>\nDate: {long_date(email)}\n"
           f"Subject: {email['subject']}\n\n{email['content']}")
    return compose_page(root, state, heading="Forward",
                        subject=_prefixed(email["subject"], "Fwd"), body=f"\n\n{fwd}",
                        hidden={"forward_of": email["id"]})


def label_form(root: str, state: dict, error: str = "", name: str = "") -> str:
    body = (
        f"<h1>New label</h1>{_error(error)}"
        f'<form method="post" action="{root}/labels" autocomplete="off">'
        f'<label for="label">Label name</label> <input id="label" name="label" value="{e(name)}"> '
        f'<button type="submit">Create</button> <a href="{root}/">Cancel</a></form>'
    )
    return layout(root, state, "New label", body)


def not_found(root: str, state: dict, what: str) -> str:
    return layout(root, state, "Not found", f"<h1>Not found</h1><p>{e(what)}</p>")
