"""agisdk's BrowserEnv without its fixed costs: a warm browser, an in-memory chat, settle.

agisdk 0.3.5's `BrowserEnv.reset` launches a Chromium for the page and `Chat` launches a
second one for the chat panel; `step` sleeps 0.5 s after every action; and every task asks
for Playwright's `slow_mo` of 1000 ms (`AbstractBrowserTask`), a one-second pause before
each input or navigation call, meant for watching a visible browser: three in a web-clone
task's set-up, one per action, one to read `/finish`. `FastBrowserEnv` keeps the env's
code and observation contract and changes those four things (and two more below, which
change no observation the agent acts on). Headless, `slow_mo` is
0 (the env's own override of the task's value; settle does the waiting); with a visible
browser the task's value stays. The other three by swapping three names in agisdk's env
module for the length of one `reset` or `step`:
- `_get_global_playwright`: `chromium.launch()` hands out this process's warm browser
  (`harness.warm`); each episode still gets its own fresh context, so episodes never share
  cookies, storage or pages, and closing the env closes only that context;
- `Chat`: headless, the chat is `MemoryChat` (the messages the env and the task's
  `validate()` read); with a visible browser agisdk's chat window stays;
- `time`: the post-action `sleep(0.5)` becomes `settle()`: navigation done, no request in
  flight, the DOM quiet for `quiet_ms`, capped at `cap_ms` (pages that keep changing wait
  the cap, at least the old half second); an action that only talks to the user
  (`send_msg_to_user`, `report_infeasible`) touches no page and waits for nothing. Since
  settle waits for the navigation, a Playwright timeout raised only while the action
  waited for its navigation (browsergym allows 500 ms in all) is not reported as the
  action's error.
The two more: the observation's screenshot is taken with Chrome's faster PNG encoding (the
same pixels); and with `terminal_obs=False` (what HALO's episodes use: nobody acts on
it), the step that ends the episode returns the observation's small fields only (URL,
tabs, chat, goal, action and error; None for the page's DOM, AXTree and screenshot) and
skips extracting the page: a third of a 3-step episode's observation time.
"""

from __future__ import annotations

import ast
import base64
import contextlib
import io
import time as _time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
import PIL.Image
from agisdk.REAL.browsergym.core import env as _env_module
from agisdk.REAL.browsergym.core.env import BrowserEnv

from halo_cli.harness.warm import WARM, WarmBrowser, playwright

CHAT_ROLES = ("user", "user_image", "assistant", "info", "infeasible")


class MemoryChat:
    """agisdk's `Chat` with no browser: same messages, same roles, nothing drawn."""

    def __init__(self, *_: Any, **__: Any) -> None:
        self.messages: list[dict[str, Any]] = []
        self.recording_start_time = None
        self.page = None

    def add_message(self, role: str, msg: str) -> None:
        if role not in CHAT_ROLES:
            raise ValueError(f"Invalid role: {role}")
        if role != "info":
            self.messages.append({"role": role, "timestamp": _time.time(), "message": msg})

    def wait_for_user_message(self) -> None:
        raise RuntimeError("no user can answer in a headless run's in-memory chat")

    def close(self) -> None:
        """Nothing to close."""


class _Shared:
    """What `chromium.launch()` returns under a warm browser: closing it closes only the
    contexts made through it; the browser stays for the next episode."""

    def __init__(self, browser: Any) -> None:
        self._browser = browser
        self._contexts: list[Any] = []

    def new_context(self, **kwargs: Any) -> Any:
        context = self._browser.new_context(**kwargs)
        self._contexts.append(context)
        return context

    def close(self) -> None:
        for context in self._contexts:
            with contextlib.suppress(Exception):
                context.close()
        self._contexts.clear()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._browser, name)


class _Playwright:
    """The global Playwright, but `chromium.launch()` hands out the warm browser."""

    def __init__(self, real: Any, warm: WarmBrowser) -> None:
        self._real, self._warm = real, warm
        self.chromium = self

    def launch(self, **kwargs: Any) -> Any:
        return _Shared(self._warm.get(self._real, **kwargs))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real if name != "chromium" else self._real.chromium, name)


@dataclass(frozen=True)
class Settle:
    """After an action: a short first wait (a navigation the action caused has started and
    its requests are reported), then no request in flight and a quiet DOM, up to a cap."""

    min_ms: int = 20
    quiet_ms: int = 60
    cap_ms: int = 1500


_QUIET_JS = """([quiet, cap]) => new Promise(resolve => {
  let timer = null, capTimer = null;
  const done = (value) => {
    observer.disconnect(); clearTimeout(timer); clearTimeout(capTimer); resolve(value);
  };
  const observer = new MutationObserver(() => {
    clearTimeout(timer); timer = setTimeout(() => done(true), quiet);
  });
  observer.observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
  timer = setTimeout(() => done(true), quiet);
  capTimer = setTimeout(() => done(false), cap);
})"""


def settle(page: Any, inflight: Any, cfg: Settle) -> None:
    """Return once `page` has no request in flight and its DOM was quiet for
    `cfg.quiet_ms`, or after `cfg.cap_ms`."""
    deadline = _time.monotonic() + cfg.cap_ms / 1000
    page.wait_for_timeout(cfg.min_ms)
    while (left := deadline - _time.monotonic()) > 0:
        try:
            page.wait_for_load_state("domcontentloaded", timeout=max(1, int(left * 1000)))
            quiet = page.evaluate(_QUIET_JS, [cfg.quiet_ms, max(1, int(left * 1000))])
        except Exception:  # a navigation replaced the document mid-wait: wait for the new one
            continue
        if not quiet:
            return
        if inflight() == 0:
            return
        page.wait_for_timeout(10)  # lets Playwright deliver request events


#: actions that only add to the chat: no page is touched, so nothing needs to settle
CHAT_ONLY = frozenset({"send_msg_to_user", "report_infeasible"})


def chat_only(action: str) -> bool:
    """True when every statement of `action` is a call of a CHAT_ONLY function."""
    try:
        body = ast.parse(action.strip()).body
    except SyntaxError:
        return False
    return bool(body) and all(
        isinstance(s, ast.Expr) and isinstance(s.value, ast.Call)
        and isinstance(s.value.func, ast.Name) and s.value.func.id in CHAT_ONLY for s in body)


class _SettleClock:
    """agisdk's `time` module for one step: the post-action sleep settles instead."""

    def __init__(self, env: FastBrowserEnv, action: Any) -> None:
        self._env = env
        self._first = True
        self._chat_only = isinstance(action, str) and chat_only(action)

    def sleep(self, seconds: float) -> None:
        if self._first and seconds == 0.5:
            self._first = False
            if self._chat_only:
                return
            if self._env.page.is_closed():  # tab_close: the tab step goes back to next
                self._env._active_page_check()
            settle(self._env.page, lambda: self._env.inflight, self._env.settle_cfg)
            return
        _time.sleep(seconds)

    def __getattr__(self, name: str) -> Any:
        return getattr(_time, name)


@contextlib.contextmanager
def _swapped(**names: Any) -> Iterator[None]:
    saved = {k: getattr(_env_module, k) for k in names}
    for k, v in names.items():
        setattr(_env_module, k, v)
    try:
        yield
    finally:
        for k, v in saved.items():
            setattr(_env_module, k, v)


class FastBrowserEnv(BrowserEnv):
    """BrowserEnv with a warm browser (`warm`), an in-memory chat when headless,
    `settle` in place of the fixed post-action sleep (None keeps the sleep), and, with
    `terminal_obs=False`, no page extraction for the observation that ends the episode."""

    def __init__(self, *args: Any, warm: WarmBrowser | None = WARM,
                 settle: Settle | None = Settle(), terminal_obs: bool = True,
                 **kwargs: Any) -> None:
        if kwargs.get("headless", True) and kwargs.get("slow_mo") is None:
            kwargs["slow_mo"] = 0
        super().__init__(*args, **kwargs)
        self.warm = warm
        self.settle_cfg = settle
        self.terminal_obs = terminal_obs
        self.inflight = 0
        self._ended = False

    def _count(self, delta: int) -> Any:
        def on_event(_: Any) -> None:
            self.inflight = max(0, self.inflight + delta)
        return on_event

    def reset(self, *args: Any, **kwargs: Any) -> Any:
        self._ended = False  # a new episode: its first observation is a whole one
        names: dict[str, Any] = {}
        if self.warm is not None:
            warm = self.warm
            names["_get_global_playwright"] = lambda: _Playwright(playwright(), warm)
        if self.headless:
            names["Chat"] = MemoryChat
        with _swapped(**names):
            out = super().reset(*args, **kwargs)
        self.inflight = 0
        self.context.on("request", self._count(+1))
        self.context.on("requestfinished", self._count(-1))
        self.context.on("requestfailed", self._count(-1))
        return out

    def _task_validate(self) -> Any:
        reward, done, message, info = super()._task_validate()
        self._ended = bool(done)
        return reward, done, message, info

    def _get_obs(self) -> dict[str, Any]:
        if self.terminal_obs or not self._ended:
            with _swapped(extract_screenshot=extract_screenshot):
                return super()._get_obs()
        task_id = getattr(self.task, "task_id", None) or getattr(self.task, "canonical_task_id", "")
        return {  # the episode is over: its end state is judged, its page never acted on
            "chat_messages": list(self.chat.messages),
            "goal": _env_module._try_to_extract_legacy_goal(self.goal_object),
            "goal_object": self.goal_object, "task_id": str(task_id),
            "open_pages_urls": [page.url for page in self.context.pages],
            "active_page_index": np.asarray([self.context.pages.index(self.page)]),
            "url": self.page.url, "screenshot": None, "dom_object": None,
            "axtree_object": None, "extra_element_properties": {}, "focused_element_bid": "",
            "last_action": self.last_action, "last_action_error": self.last_action_error,
            "elapsed_time": np.asarray([_time.time() - self.start_time]),
            "browser": self.browser,
        }

    def step(self, action: Any) -> Any:
        self._ended = False
        if self.settle_cfg is None:
            return super().step(action)
        with _swapped(time=_SettleClock(self, action)):
            obs, reward, done, truncated, info = super().step(action)
        if late_navigation(self.last_action_error):
            self.last_action_error = obs["last_action_error"] = ""
            info["halo_note"] = LATE_NAVIGATION_NOTE
        return obs, reward, done, truncated, info


def extract_screenshot(page: Any) -> Any:
    """agisdk's `extract_screenshot` (a PNG through CDP, as an RGB array), with Chrome's
    `optimizeForSpeed` PNG encoding: the same pixels (PNG is lossless), encoded in half the
    time and decoded faster (66 + 12 ms -> 32 + 7 ms for a 1280x720 page here)."""
    cdp = page.context.new_cdp_session(page)
    try:
        answer = cdp.send("Page.captureScreenshot", {"format": "png", "optimizeForSpeed": True})
    finally:
        cdp.detach()
    with io.BytesIO(base64.b64decode(answer["data"])) as f:
        return np.array(PIL.Image.open(f).convert(mode="RGB"))


#: the step's note when `late_navigation` cleared the action's error
LATE_NAVIGATION_NOTE = ("the action's navigation outlived browsergym's 500 ms action wait; "
                        "the action took effect")


def late_navigation(error: str | None) -> bool:
    """A Playwright timeout raised after the action was done, while it waited for the
    navigation the action started: browsergym gives each action 500 ms in all, which a
    busy machine can miss. The action happened and `settle` has waited for the page, so
    it is not an error."""
    return bool(error) and "Timeout" in error and "action done" in error \
        and "waiting for scheduled navigations to finish" in error
