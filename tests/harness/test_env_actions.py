"""Every action HALO offers the model (`policy.actions.ACTIONS`) runs through the real
agisdk env, in real Chromium, on a local page: no error, and the effect a user would
see (the click landed, the text is in the box, the tab is open, the episode ended)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from halo_cli.policy.actions import ACTION_DOCS, ACTIONS, parse_action
from tests.support.pages import finish_page, serve_pages

pytestmark = pytest.mark.browser

PAGE = """<html><head><title>Actions</title><script>
window.events = [];
function log(e) { window.events.push(e); }
let dragging = false;
</script></head><body>
<h1>Action bench</h1>
<button id="btn" onclick="log('click')">Click me</button>
<button id="dbl" ondblclick="log('dblclick')">Double me</button>
<input id="txt" aria-label="Name" onfocus="log('focus')"
       onkeydown="if (event.key === 'Enter') log('enter:' + this.value)">
<select id="sel" aria-label="Sort"><option>Newest</option><option>Oldest</option></select>
<input type="checkbox" id="chk" aria-label="Agree">
<div id="hov" role="button" onmouseenter="log('hover')">Hover me</div>
<div id="src" role="button" onmousedown="dragging = true">Drag me</div>
<div id="dst" role="button" onmouseup="if (dragging) log('drop')">Drop here</div>
<div style="height: 3000px">tall</div>
</body></html>"""
OTHER = "<html><head><title>Other</title></head><body><h1>Other page</h1></body></html>"


def _page(path: str) -> str:
    if path.endswith("/finish"):
        return finish_page()
    return OTHER if path.startswith("/gomail/other") else PAGE


@pytest.fixture()
def site() -> Iterator[str]:
    with serve_pages(_page) as served:
        yield served.url


class _Bench:
    """One real env; `do(text)` parses the action as the Worker's answer would be parsed,
    steps the env with it, and fails on any action error."""

    def __init__(self, base: str) -> None:
        from halo_cli.harness.envs import make_env

        self.env = make_env("v2.gomail-1", "local", base_url=base)
        self.obs, _ = self.env.reset(seed=0)
        self.done = False
        self.ran: list[str] = []

    def bid(self, css: str) -> str:
        return self.env.page.get_attribute(css, "bid")

    def do(self, text: str) -> dict[str, Any]:
        action = parse_action(text)
        self.obs, _, self.done, _, _ = self.env.step(action.text)
        assert self.obs["last_action_error"] == "", f"{text}: {self.obs['last_action_error']}"
        self.ran.append(action.name)
        return self.obs

    def js(self, expr: str) -> Any:
        return self.env.page.evaluate(expr)

    def events(self) -> list[str]:
        return self.js("window.events")


def test_every_offered_action_works_in_the_real_env(browser_ready, site):
    bench = _Bench(site)
    try:
        b = bench.bid
        btn, dbl, txt, sel, chk = b("#btn"), b("#dbl"), b("#txt"), b("#sel"), b("#chk")
        hov, src, dst = b("#hov"), b("#src"), b("#dst")
        bench.do(f"click('{btn}')")
        bench.do(f"dblclick('{dbl}')")
        bench.do(f"hover('{hov}')")
        bench.do(f"drag_and_drop('{src}', '{dst}')")
        bench.do(f"focus('{txt}')")
        assert bench.events() == ["click", "dblclick", "hover", "drop", "focus"]
        bench.do(f"fill('{txt}', 'hello')")
        bench.do("keyboard_type(' world')")
        assert bench.js("document.querySelector('#txt').value") == "hello world"
        bench.do(f"press('{txt}', 'Enter')")
        assert bench.events()[-1] == "enter:hello world"
        bench.do("keyboard_press('Backspace')")
        assert bench.js("document.querySelector('#txt').value") == "hello worl"
        bench.do(f"clear('{txt}')")
        assert bench.js("document.querySelector('#txt').value") == ""
        bench.do(f"select_option('{sel}', 'Oldest')")
        assert bench.js("document.querySelector('#sel').value") == "Oldest"
        bench.do(f"check('{chk}')")
        assert bench.js("document.querySelector('#chk').checked") is True
        bench.do(f"uncheck('{chk}')")
        assert bench.js("document.querySelector('#chk').checked") is False
        bench.do("scroll(0, 600)")
        assert bench.js("window.scrollY") > 0
        bench.do("noop(200)")
        main = bench.obs["url"]
        bench.do(f"goto('{site}/gomail/other')")
        assert bench.obs["url"] == f"{site}/gomail/other"
        bench.do("go_back()")
        assert bench.obs["url"] == main
        bench.do("go_forward()")
        assert bench.obs["url"] == f"{site}/gomail/other"
        bench.do("go_back()")
        tabs = list(bench.obs["open_pages_urls"])
        bench.do("new_tab()")  # agisdk 0.3.5's own new_tab fails and strands the agent
        assert len(bench.obs["open_pages_urls"]) == len(tabs) + 1
        assert bench.obs["url"] == "about:blank"
        assert int(bench.obs["active_page_index"][0]) == len(tabs)
        bench.do(f"goto('{site}/gomail/other')")
        assert bench.obs["url"] == f"{site}/gomail/other"
        bench.do("tab_focus(0)")
        assert bench.obs["url"] == main and int(bench.obs["active_page_index"][0]) == 0
        bench.do(f"tab_focus({len(tabs)})")
        assert bench.obs["url"] == f"{site}/gomail/other"
        bench.do("tab_close()")  # back to the tab that was active before, not the last one
        assert list(bench.obs["open_pages_urls"]) == tabs and bench.obs["url"] == main
        assert not bench.done
        bench.do("send_msg_to_user('all done')")
        assert bench.done
        assert any(m["message"] == "all done" for m in bench.obs["chat_messages"])
    finally:
        bench.env.close()
    again = _Bench(site)
    try:
        again.do("report_infeasible('the page has no such button')")
        assert again.done
    finally:
        again.env.close()
    offered = {a.name for a in ACTIONS}
    assert set(bench.ran) | set(again.ran) == offered
    assert "new_tab()" in ACTION_DOCS  # still offered: it works now
