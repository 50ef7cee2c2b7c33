"""What the models see of real pages: the local sites in the real agisdk env and Chromium.

The Worker's prompt is built by the HALO agent from the env's own observation (no model is
called: `preview_messages`), and each action runs through the env as the model's would.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from halo_cli.agent.orchestrator import HaloAgent
from halo_cli.agent.progress import Verdict, page_state, verify
from halo_cli.config.modes import MODES
from halo_cli.obs.locate import find, find_all

pytestmark = pytest.mark.browser


class _Episode:
    """A task's env on the in-process local sites; `prompt()` is the Worker's request text
    for the current observation; `do(action)` steps the env and fails on an action error."""

    def __init__(self, task: str) -> None:
        from halo_cli.harness.envs import make_env

        self.env = make_env(f"v2.{task}", "local")
        self.obs, _ = self.env.reset(seed=0)
        self.agent = HaloAgent(MODES["baseline_worker"], None, site=task.split("-")[0],
                               goal=str(self.obs["goal"]), start_url=str(self.obs["url"]),
                               worker_image="none", manager_image="none")

    def prompt(self) -> str:
        msgs = self.agent.preview_messages(self.obs)
        return "\n".join(m["content"] for m in msgs if isinstance(m["content"], str))

    def page(self) -> str:
        return self.prompt().split("PAGE (accessibility tree", 1)[1]

    def do(self, action: str) -> dict[str, Any]:
        self.obs, *_ = self.env.step(action)
        assert self.obs["last_action_error"] == "", f"{action}: {self.obs['last_action_error']}"
        return self.obs


@pytest.fixture()
def episode(browser_ready: object) -> Iterator[Any]:
    opened: list[_Episode] = []

    def open_(task: str) -> _Episode:
        opened.append(_Episode(task))
        return opened[-1]

    yield open_
    for ep in opened:
        ep.env.close()


def _line(page: str, pattern: str) -> re.Match:
    m = re.search(pattern, page, re.M)
    assert m, f"no line matching {pattern!r} in:\n{page}"
    return m


def test_marrisuite_check_out_and_what_follows_are_in_the_first_observation(episode) -> None:
    ep = episode("marrisuite-8")
    page = ep.page()
    check_in = _line(page, r'^ *\[(\w+)\] combobox "Check-in" value="[^"]+" (\d+) options: ')
    assert int(check_in.group(2)) > 100
    assert f"select_option('{check_in.group(1)}', text) takes any option's text" in page
    check_out = _line(page, r'^ *\[(\w+)\] combobox "Check-out" value="[^"]+" \d+ options: .*$')
    find_hotels = _line(page, r'^ *\[(\w+)\] button "Find Hotels"')
    # the model picks a check-out date by its text, with the bid it was shown
    last_day = re.findall(r'"([^"]+)" \(select_option', check_out.group(0))[-1]
    ep.do(f"select_option('{check_out.group(1)}', '{last_day}')")
    assert f'combobox "Check-out" value="{last_day}"' in ep.page()
    assert find_hotels.group(1) in ep.page()


def test_a_date_input_is_one_element_set_by_one_fill(episode) -> None:
    ep = episode("opendining-1")
    page = ep.page()
    date = _line(page, r"^ *\[(\w+)\] date \"[^\"]*\" value=\"(\d{4})-(\d\d)-(\d\d)\" "
                       r"\(fill 'YYYY-MM-DD'\)$")
    bid = date.group(1)
    assert len(re.findall(rf"^ *\[{bid}\] ", page, re.M)) == 1  # one bid, one line
    assert "spinbutton" not in page
    y, m, d = (int(g) for g in date.groups()[1:])
    new = f"{y:04d}-{m:02d}-{d + 1 if d < 28 else 1:02d}"
    ep.do(f"fill('{bid}', '{new}')")
    assert f'[{bid}] date "' in ep.page() and f'value="{new}"' in ep.page()
    assert ep.env.page.evaluate("document.querySelector('input[type=date]').value") == new


def test_a_scrolled_inbox_shows_its_last_row(episode) -> None:
    ep = episode("gomail-1")
    rows = [n for n in find_all(ep.obs["axtree_object"], "link")  # the conversations' links
            if any(a.role == "list" and a.name == "Conversations" for a in n.ancestors())]
    assert len(rows) >= 40
    last = rows[-1].name[:60]
    page = ep.page()
    assert last not in page, "the whole inbox fits: nothing to scroll for"
    below = _line(page, r"more list items \((\d+) checkboxes.*\) below: scroll\(0, (\d+)\)")
    for _ in range(6):  # follow the hint the page gives until the last row is in view
        ep.do(f"scroll(0, {below.group(2)})")
        page = ep.page()
        if last in page:
            break
        below = _line(page, r"more list items .* below: scroll\(0, (\d+)\)")
    row = _line(page, rf'^ *\[(\w+)\] link "{re.escape(last)}')
    assert row.group(1) == next(n.bid for n in rows if n.name.startswith(last))
    assert re.search(r"more list items .* above: scroll\(0, -\d+\)", page)


def test_a_validation_message_is_a_page_message_and_the_submit_is_rejected(episode) -> None:
    ep = episode("networkin-1")
    post = find(ep.obs["axtree_object"], "button", "Post", exact=True)
    assert post is not None
    before = page_state(str(ep.obs["url"]), ep.obs["axtree_object"])
    ep.do(f"click('{post.bid}')")
    prompt = ep.prompt()
    assert "PAGE MESSAGES:\n- Write something before posting (up to 3,000 characters)." in prompt
    after = page_state(str(ep.obs["url"]), ep.obs["axtree_object"])
    assert verify(before, after, None, "click") is Verdict.REJECTED


def test_a_drafted_post_reads_back_in_full_before_it_is_sent(episode) -> None:
    ep = episode("networkin-1")
    box = find(ep.obs["axtree_object"], "textbox", None)
    assert box is not None
    draft = " ".join(["Excited to share that our team shipped the new release today."] * 12)
    ep.do(f"fill('{box.bid}', '{draft}')")
    assert len(draft) > 700
    assert f'value="{draft}"' in ep.page()
