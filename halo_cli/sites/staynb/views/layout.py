"""StayNB's page frame (header with the search pill, notice, footer) and the small pieces
every page uses: plain HTML, no scripts. What a person sees is what the accessibility tree
holds."""

from __future__ import annotations

from html import escape
from typing import Any

from halo_cli.sites.kit import shell
from halo_cli.sites.staynb.store.search import Query, dates_label, guests_label

CSS = """
*{box-sizing:border-box}body{margin:0;font:15px/1.45 Helvetica,Arial,sans-serif;color:#222}
a{color:#222}header.top{display:flex;align-items:center;gap:24px;padding:14px 32px;
border-bottom:1px solid #ebebeb}.logo{color:#ff385c;font-weight:bold;font-size:24px;
text-decoration:none}.pill{border:1px solid #ddd;border-radius:40px;padding:8px 18px;
text-decoration:none;box-shadow:0 1px 2px rgba(0,0,0,.08)}header nav{margin-left:auto;
display:flex;gap:18px}main{max-width:1180px;margin:0 auto;padding:20px 32px}
form.searchbar{display:flex;flex-wrap:wrap;gap:14px;align-items:flex-end;border:1px solid #ddd;
border-radius:24px;padding:14px 22px;box-shadow:0 3px 12px rgba(0,0,0,.08)}
form.searchbar label,.field label{display:block;font-size:12px;font-weight:bold}
form.searchbar input{border:0;border-bottom:1px solid #ccc;padding:4px 2px;font-size:15px}
fieldset{border:1px solid #eee;border-radius:12px;padding:8px 14px}
fieldset.who{display:flex;gap:12px}fieldset.who input{width:58px}.hint{display:block;
font-size:11px;color:#717171}button.primary,a.primary{background:#e61e4d;color:#fff;border:0;
border-radius:10px;padding:10px 20px;font-size:15px;cursor:pointer;text-decoration:none}
button.plain{background:#fff;border:1px solid #222;border-radius:8px;padding:8px 14px;
cursor:pointer}.error{background:#fff4f4;border:1px solid #c13515;color:#c13515;
padding:10px;border-radius:8px}.notice{background:#f0fff4;border:1px solid #008a05;
padding:10px;border-radius:8px}ul.suggest{list-style:none;padding:0;display:grid;
grid-template-columns:repeat(3,1fr);gap:8px}ul.stays{list-style:none;padding:0;display:grid;
grid-template-columns:repeat(3,1fr);gap:22px}ul.stays li{border-radius:14px;padding:12px;
background:#fafafa}.stitle{font-weight:bold}.muted{color:#717171;font-size:13px}
.toolbar{display:flex;gap:14px;align-items:center;margin:16px 0}.grid2{display:grid;
grid-template-columns:2fr 1fr;gap:40px}.card{border:1px solid #ddd;border-radius:12px;
padding:20px;box-shadow:0 6px 16px rgba(0,0,0,.12)}.field{margin:8px 0}
.field input,.field select{padding:8px;border:1px solid #b0b0b0;border-radius:8px}
ul.amen{columns:2}footer{color:#717171;text-align:center;padding:30px}
"""


def e(text: Any) -> str:
    return escape(str(text))


def money(n: int | float) -> str:
    return f"${n:,.0f}"


def page(base: str, title: str, body: str, *, pill: str | None = None,
         notice: str | None = None) -> str:
    """The frame of every page; `pill` is the compact search summary (None on search pages)."""
    pill_html = (f'<a class="pill" href="{base}/" aria-label="Change search: {e(pill)}">'
                 f'{e(pill)}</a>' if pill else "")
    header = f"""<header class="top"><a class="logo" href="{base}/">StayNB</a>{pill_html}
<nav aria-label="Account"><a href="{base}/wishlists">Wishlists</a>
<a href="{base}/trips">Trips</a></nav></header>
"""
    return shell(title=title, site="StayNB", css=CSS, header=header, body=body,
                 notice=e(notice) if notice else "",
                 footer="&copy; 2024 StayNB, Inc. (offline replica)")


def pill_text(q: Query) -> str:
    return " · ".join([q.destination or "Anywhere", dates_label(q.start, q.end),
                       guests_label(q.guests)])


def error_box(error: str | None) -> str:
    return f'<p class="error" role="alert">{e(error)}</p>' if error else ""


def rooms_line(s: dict[str, Any]) -> str:
    r = s["rooms"]

    def n(k: int, word: str) -> str:
        return f"{k} {word}{'' if k == 1 else 's'}"
    return (f'{n(s["maxGuests"], "guest")} · {n(r["bedrooms"], "bedroom")} · '
            f'{n(r["beds"], "bed")} · {n(r["bathrooms"], "bath")}')
