"""NetworkIn's templates, what is NetworkIn's own (the contract every template keeps is
tests/sites/test_templates.py): the site's pages show each reference end state; stated
texts use no banned words; the judges ignore what the goal does not ask; a like undone
fails; no goal targets REAL's people or companies."""

from __future__ import annotations

import html
import json
import re

from halo_cli.sites.networkin import store
from halo_cli.sites.networkin.templates import TEMPLATES, clean
from halo_cli.sites.registry import get_site
from halo_cli.sites.templates import SiteClient
from tests.support.templates import draft

SITE = get_site("networkin")


def named(name: str):
    return next(t for t in TEMPLATES if t.name == name)


def _text_of(page: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


def test_what_the_user_sees_after_the_references():
    """Each reference end state shows on the site's own pages."""
    client = SiteClient(SITE, "networkin-10")
    d = draft(named("post_update"), 1)
    named("post_update").reach(d.params, client)
    assert d.params["text"] in _text_of(client.get("/").text)

    d = draft(named("like_post"), 2)
    named("like_post").reach(d.params, client)
    assert f'aria-label="Like post by {d.params["author"]}">Liked' in client.get("/").text

    d = draft(named("connect_with_people"), 3)
    named("connect_with_people").reach(d.params, client)
    page = _text_of(client.get("/mynetwork/connections").text)
    assert all(store.profiles()[u]["name"] in page for u in d.params["people"])

    d = draft(named("message_person"), 4)
    named("message_person").reach(d.params, client)
    assert d.params["text"] in _text_of(client.get(f"/messaging/{d.params['person']}").text)

    d = draft(named("follow_companies"), 5)
    named("follow_companies").reach(d.params, client)
    page = client.get("/companies").text
    for cid in d.params["companies"]:
        assert f'aria-label="Unfollow {store.companies()[cid]["name"]}"' in page

    d = draft(named("share_post"), 6)
    named("share_post").reach(d.params, client)
    page = _text_of(client.get(f"/messaging/{d.params['people'][0]}").text)
    assert f"Shared a post by {d.params['author']}" in page


def test_stated_texts_use_no_banned_words():
    for t in TEMPLATES:
        for s in range(40):
            d = draft(t, s)
            if "text" in d.params:
                assert clean(d.params["text"]), d.params["text"]


def test_judges_ignore_what_the_goal_does_not_ask():
    """Browsing and searching around the reference, or wording the stated text a little
    differently, changes nothing."""
    post = named("post_update")
    d = draft(post, 3)
    client = SiteClient(SITE, post.base_task)
    client.get("/search", params={"keywords": "Stripe"})
    client.post("/posts", data={"description": f"  {d.params['text'].upper()}  "})
    client.get("/events")
    client.get("/mynetwork")
    assert post.judge(d.params, client.finish()).ok

    message = named("message_person")
    d = draft(message, 8)
    client = SiteClient(SITE, message.base_task)
    client.get("/messaging")
    client.post(f"/messaging/{d.params['person']}", data={"message": d.params["text"] + " :)"})
    assert message.judge(d.params, client.finish()).ok


def test_a_like_undone_fails_and_no_goal_targets_reals_people_or_companies():
    """Liking the post and unliking it leaves nothing liked; no draft names Olivia Martinez
    (REAL's networkin-27) or asks to follow Microsoft (networkin-1)."""
    like = named("like_post")
    d = draft(like, 0)
    client = SiteClient(SITE, like.base_task)
    client.post(f"/posts/{d.params['post']}/like", data={"next": ""})
    client.post(f"/posts/{d.params['post']}/like", data={"next": ""})
    assert not like.judge(d.params, client.finish()).ok
    for t in TEMPLATES:
        for s in range(30):
            params = draft(t, s).params
            assert "oliviamartinez" not in json.dumps(params)
            assert "microsoft" not in params.get("companies", []) + [params.get("company")]
