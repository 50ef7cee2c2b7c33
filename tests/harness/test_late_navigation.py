"""Which action errors the fast engine drops: only a timeout raised after the action was
done, while Playwright waited for the navigation it started (settle waits for that)."""

from __future__ import annotations

from halo_cli.harness.fast_env import late_navigation

LATE = """TimeoutError: Locator.click: Timeout 500ms exceeded.
Call log:
  - waiting for get_by_test_id("48")
    - locator resolved to <button bid="48" value="read" type="submit">Mark as read</button>
  - attempting click action
    - waiting for element to be visible, enabled and stable
    - element is visible, enabled and stable
    - scrolling into view if needed
    - done scrolling
    - performing click action
    - click action done
    - waiting for scheduled navigations to finish"""

NOT_CLICKED = """TimeoutError: Locator.click: Timeout 500ms exceeded.
Call log:
  - waiting for get_by_test_id("48")
    - locator resolved to <button bid="48">Mark as read</button>
  - attempting click action
    - waiting for element to be visible, enabled and stable
    - element is not stable"""


def test_only_a_late_navigation_after_the_action_is_dropped() -> None:
    assert late_navigation(LATE)
    assert not late_navigation(NOT_CLICKED)  # the click never happened: a real error
    assert not late_navigation("ValueError: Could not find element with bid '99'")
    assert not late_navigation("") and not late_navigation(None)


def test_browsergyms_action_tracebacks_stay_off_the_console(caplog) -> None:
    import logging

    from halo_cli.harness.envs import quiet_agisdk

    quiet_agisdk()
    log = logging.getLogger("agisdk.REAL.browsergym.core.env")
    with caplog.at_level(logging.ERROR):
        try:
            raise TimeoutError("Timeout 500ms exceeded")
        except TimeoutError:
            log.error("Error during action execution attempt: TimeoutError: ...", exc_info=True)
        log.error("Something else went wrong")
    assert [r.getMessage() for r in caplog.records] == ["Something else went wrong"]
