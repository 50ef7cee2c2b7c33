"""TopWork's page frame: the CSS, the top bar (with the unread count) and small formatting
helpers the other view modules share."""

from __future__ import annotations

from datetime import date

from halo_cli.sites import kit
from halo_cli.sites.kit import escape
from halo_cli.sites.topwork import store

CSS = """
*{box-sizing:border-box}
body{margin:0;font-family:Helvetica,Arial,sans-serif;font-size:14px;color:#001e00;background:#f7faf7}
a{color:#108a00}
header.top{display:flex;align-items:center;gap:18px;background:#fff;border-bottom:1px solid #d5e0d5;
padding:10px 20px}
.logo{font-size:22px;font-weight:bold;color:#14a800;text-decoration:none}
header nav{display:flex;gap:14px;flex:1;flex-wrap:wrap;align-items:center}
header nav .grp{color:#5e6d55;font-size:12px;text-transform:uppercase}
.me{color:#5e6d55;font-size:13px}
main{max-width:1100px;margin:0 auto;padding:20px}
.card{background:#fff;border:1px solid #d5e0d5;border-radius:12px;padding:16px;margin-bottom:14px}
.muted{color:#5e6d55;font-size:13px}
.badge{display:inline-block;border-radius:10px;padding:1px 8px;font-size:12px;background:#e4ebe4}
.badge.open{background:#d9f2d2}.badge.draft{background:#fff2cc}.badge.unread{background:#14a800;color:#fff}
.skills span{display:inline-block;background:#e4ebe4;border-radius:10px;padding:2px 8px;margin:2px}
.row{display:flex;gap:12px;align-items:flex-start;justify-content:space-between}
button,.btn{background:#14a800;color:#fff;border:0;border-radius:16px;padding:6px 16px;cursor:pointer;
font-size:14px;text-decoration:none;display:inline-block}
button.secondary,.btn.secondary{background:#fff;color:#14a800;border:1px solid #14a800}
button.danger{background:#fff;color:#b42318;border:1px solid #b42318}
form.inline{display:inline}
label{font-weight:bold}
.field{margin:0 0 14px}
.field input[type=text],.field input[type=number],.field input[type=date],.field select,
.field textarea{display:block;width:100%;max-width:560px;padding:8px;border:1px solid #bfc9bf;
border-radius:8px;font-size:14px;font-weight:normal}
fieldset{border:1px solid #d5e0d5;border-radius:8px;margin:0 0 14px;padding:8px 12px}
fieldset label{font-weight:normal;margin-right:16px}
.notice{background:#eefbe9;border:1px solid #14a800;border-radius:8px;padding:10px;margin-bottom:14px}
.error{background:#fdecea;border:1px solid #b42318;border-radius:8px;padding:10px;margin-bottom:14px}
.chat{display:flex;gap:16px}
.chat aside{width:300px;flex:none}
.chat aside ul{list-style:none;margin:0;padding:0}
.chat aside li{border-bottom:1px solid #e4ebe4;padding:8px 4px}
.chat aside li.current{background:#eefbe9}
.thread{flex:1}
.msg{margin:8px 0;padding:8px 12px;border-radius:10px;background:#f2f7f2;max-width:640px}
.msg.mine{background:#e3f5dc;margin-left:auto}
.offerbox{border:1px solid #14a800;border-radius:8px;padding:8px;margin-top:6px;background:#fff}
table{border-collapse:collapse;width:100%}
td,th{text-align:left;padding:8px;border-bottom:1px solid #e4ebe4;vertical-align:top}
ul.plain{list-style:none;padding:0;margin:0}
ul.plain>li{margin-bottom:14px}
"""


def e(value: object) -> str:
    return escape(str(value), quote=True)


def long_date(day: str) -> str:
    """"2024-07-18" as "Jul 18, 2024" (anything else as given)."""
    try:
        d = date.fromisoformat(day)
    except ValueError:
        return day
    return f"{d.strftime('%b')} {d.day}, {d.year}"


def page(base: str, state: dict, title: str, body: str, *, notice: str | None = None,
         error: str | None = None) -> str:
    """A whole page: the top bar (nav with the unread count, the signed-in client) over
    `body`."""
    unread = store.unread_count(state)
    msgs = f"Messages ({unread} unread)" if unread else "Messages"
    header = f"""<header class="top"><a class="logo" href="{base}/">TopWork</a>
<nav aria-label="Main"><span class="grp">Jobs</span><a href="{base}/jobs">My jobs</a>
<a href="{base}/jobs/new">Post a job</a><span class="grp">Talent</span>
<a href="{base}/talent">Find talent</a><a href="{base}/talent/saved">Saved talent</a>
<a href="{base}/talent/hires">My hires</a><a href="{base}/messages">{msgs}</a></nav>
<span class="me">{e(state["user"]["name"])} · Client</span></header>
"""
    return kit.shell(title=title, site="TopWork", css=CSS, header=header, body=body,
                     notice=e(notice) if notice else "", error=e(error) if error else "")


def not_found(what: str) -> str:
    return f"<h1>Not found</h1><p>{e(what)}</p>"
