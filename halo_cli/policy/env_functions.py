"""Working versions of the agisdk 0.3.5 action functions that are broken there.

agisdk's `new_tab`, `tab_focus` and `tab_close` (`core/action/functions.py`) end with
`page.locate("html")`, which Playwright's Page does not have: each fails with an
AttributeError, and `new_tab` leaves the agent on a blank tab. The env runs an action
by executing these functions' *source* (`inspect.getsource`) with `page` bound to its
active page, so each is self-contained, uses only `page`, and keeps agisdk's docstring
form (a description, then `Examples:`), which agisdk parses. The `pageshow` event tells
the env which page is active now (its `browsergym_page_activated` hook); after a
`tab_close` the env itself goes back to the tab that was active before (its history),
not to the last tab opened (agisdk's choice, often the evaluator's background tab).
"""

from __future__ import annotations

from typing import Any

page: Any = None  # bound by the env when the action's code runs


# https://playwright.dev/python/docs/api/class-browsercontext#browser-context-new-page
def new_tab() -> None:
    """
    Open a new tab. It will become the active one.

    Examples:
        new_tab()
    """
    global page
    page = page.context.new_page()
    page.locator("html").dispatch_event("pageshow")


# https://playwright.dev/python/docs/api/class-page#page-close
def tab_close() -> None:
    """
    Close the current tab.

    Examples:
        tab_close()
    """
    page.close()


# https://playwright.dev/python/docs/api/class-page#page-bring-to-front
def tab_focus(index: int) -> None:
    """
    Bring tab to front (activate tab).

    Examples:
        tab_focus(2)
    """
    global page
    page = page.context.pages[index]
    page.bring_to_front()
    page.locator("html").dispatch_event("pageshow")


# https://playwright.dev/python/docs/api/class-keyboard#keyboard-type
def keyboard_type(text: str) -> None:
    """
    Types a string of text through the keyboard, on the focused element.

    Examples:
        keyboard_type('Hello world!')
    """
    page.keyboard.type(text)


#: name -> HALO's version, used instead of agisdk's function of that name
FUNCTIONS = {f.__name__: f for f in (new_tab, tab_close, tab_focus, keyboard_type)}
