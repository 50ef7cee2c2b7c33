"""NetworkIn's page frame and small HTML helpers. Plain HTML forms, no scripts: every
control carries its own accessible name (label, button text or aria-label)."""

from __future__ import annotations

from html import escape

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
    links = "".join(
        f'<a href="{base}{path}"{" aria-current=page" if path == current else ""}>{label}</a>'
        for path, label in NAV)
    note = f'<div class="notice" role="status">{e(notice)}</div>' if notice else ""
    err = f'<div class="error" role="alert">{e(error)}</div>' if error else ""
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{e(title)} | NetworkIn</title><style>{CSS}</style></head><body>
<header class="top"><a class="logo" href="{base}/" aria-label="NetworkIn home">in</a>
<form class="search" role="search" action="{base}/search" method="get">
<input type="text" name="keywords" value="{e(query)}" aria-label="Search" placeholder="Search">
<button type="submit">Search</button></form>
<nav class="main" aria-label="Primary">{links}</nav></header>
<main>{note}{err}{body}</main></body></html>"""


def hidden_next(next_url: str) -> str:
    return f'<input type="hidden" name="next" value="{e(next_url)}">'


def connect_control(base: str, person: dict, grade: str, next_url: str) -> str:
    """Connect button for people not yet connected; a Message link for everyone."""
    name = person["name"]
    message = (f'<a href="{base}/messaging/{e(person["id"])}" aria-label="Message {e(name)}">'
               f'Message</a>')
    if grade == "1st":
        return f'<span class="muted">Connected</span> {message}'
    return (f'<form class="inline" method="post" action="{base}/in/{e(person["id"])}/connect">'
            f'{hidden_next(next_url)}<button class="primary" type="submit" '
            f'aria-label="Invite {e(name)} to connect">Connect</button></form> {message}')


def person_row(base: str, person: dict, grade: str, next_url: str) -> str:
    return (f'<li><div class="row"><div><a href="{base}/in/{e(person["id"])}">{e(person["name"])}'
            f'</a> <span class="muted">· {e(grade)}</span><div>{e(person["headline"])}</div>'
            f'<div class="muted">{e(person["location"])}</div></div>'
            f'<div>{connect_control(base, person, grade, next_url)}</div></div></li>')


def follow_control(base: str, company: dict, followed: bool, next_url: str) -> str:
    verb = "Unfollow" if followed else "Follow"
    text = "✓ Following" if followed else "+ Follow"
    return (f'<form class="inline" method="post" action="{base}/companies/{e(company["id"])}/follow">'
            f'{hidden_next(next_url)}<button type="submit" aria-pressed="{str(followed).lower()}" '
            f'aria-label="{verb} {e(company["name"])}">{text}</button></form>')


def company_row(base: str, company: dict, followed: bool, next_url: str) -> str:
    return (f'<li><div class="row"><div><strong>{e(company["name"])}</strong>'
            f'<div>{e(company["industry"])} · {e(company["headquarters"])}</div>'
            f'<div class="muted">{e(company["followers"])} followers</div></div>'
            f'<div>{follow_control(base, company, followed, next_url)}</div></div></li>')

