"""NetworkIn pages: the feed with its composer, sharing a post, search, profiles, My Network."""

from __future__ import annotations

from halo_cli.sites.networkin import store
from halo_cli.sites.networkin.layout import (
    company_row,
    connect_control,
    e,
    hidden_next,
    person_row,
)


def _when(p: dict) -> str:
    if p.get("postedAgo"):
        return p["postedAgo"]
    return "Just now" if p.get("type") == "self-post" else ""


def post_card(base: str, p: dict, next_url: str, *, actions: bool = True) -> str:
    name = p.get("authorName", "")
    liked = bool(p.get("liked"))
    acts = ""
    if actions:
        acts = (f'<div class="row"><form class="inline" method="post" '
                f'action="{base}/posts/{e(p["id"])}/like">{hidden_next(next_url)}'
                f'<button type="submit" aria-pressed="{str(liked).lower()}" '
                f'aria-label="Like post by {e(name)}">{"Liked" if liked else "Like"}</button></form>'
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
        return (f'<h1>Search</h1><section class="card"><h2>Recent searches</h2>'
                f'<ul class="plain">{recent}</ul></section>')
    rows = "".join(person_row(base, p, store.grade(state, p["id"]), next_url) for p in people)
    crows = "".join(company_row(base, c, state["followedCompanies"].get(c["id"], False), next_url)
                    for c in comps)
    people_html = rows and f'<section class="card"><h2>People</h2><ul class="plain">{rows}</ul></section>'
    comp_html = crows and (f'<section class="card"><h2>Companies</h2>'
                           f'<ul class="plain">{crows}</ul></section>')
    empty = "" if rows or crows else '<p class="card">No results found. Try other keywords.</p>'
    return f'<h1>Search results for “{e(query)}”</h1>{people_html}{comp_html}{empty}'


def profile(base: str, state: dict, p: dict, next_url: str) -> str:
    g = store.grade(state, p["id"])
    return (f'<section class="card"><h1>{e(p["name"])}</h1><div>{e(p["headline"])}</div>'
            f'<div class="muted">{e(p["location"])} · {e(g)} degree connection</div>'
            f'<p>{connect_control(base, p, g, next_url)}</p></section>'
            f'<section class="card"><h2>About</h2><p>{e(p["about"])}</p></section>'
            f'<section class="card"><h2>Experience</h2><p>{e(p["headline"])}</p>'
            f'<p class="muted">{e(p["industry"])}</p></section>'
            f'<section class="card"><h2>Education</h2><p>{e(p["school"])}</p></section>')


def my_network(base: str, state: dict) -> str:
    here = f"{base}/mynetwork"
    sugg = "".join(person_row(base, p, store.grade(state, p["id"]), here)
                   for p in store.suggestions(state))
    return (f'<h1>My Network</h1><p class="card"><a href="{base}/mynetwork/connections">'
            f'Connections ({len(state["contactList"])})</a></p>'
            f'<section class="card"><h2>People you may know</h2>'
            f'<ul class="plain">{sugg}</ul></section>')


def connections(base: str, state: dict) -> str:
    here = f"{base}/mynetwork/connections"
    conns = "".join(person_row(base, p, "1st", here) for p in store.connections(state))
    return (f'<p><a href="{base}/mynetwork">Back to My Network</a></p>'
            f'<h1>Connections ({len(state["contactList"])})</h1>'
            f'<section class="card"><ul class="plain">{conns}</ul></section>')
