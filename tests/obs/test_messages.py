"""Page messages: alerts, status lines and live regions, in page order, each once."""

from halo_cli.obs.messages import page_errors, page_messages
from tests.support.axfixtures import n, page, text, tree


def test_alerts_status_lines_and_live_regions_are_the_page_messages() -> None:
    ax = tree(page(
        "Feed",
        n("status", "", text("Your post was shared.")),
        n("textbox", "Start a post"),
        n("alert", "", text("Before posting,"), text("add a description.")),
        n("generic", "", text("2 items in cart"), live="polite"),
        n("status", "", hidden=True),
        n("alertdialog", "Delete draft?", text("This cannot be undone."), n("button", "Delete")),
        text("Sponsored"),
    ))
    assert page_messages(ax) == (
        "Your post was shared.", "Before posting, add a description.", "2 items in cart",
        "Delete draft? This cannot be undone.",
    )
    # an alert reports a failure; a dialog that asks does not
    assert page_errors(ax) == ("Before posting, add a description.",)


def test_a_page_without_messages_has_none() -> None:
    ax = tree(page("Inbox", n("heading", "Inbox", level=1), n("status", "")))
    assert page_messages(ax) == () and page_errors(ax) == ()
    assert page_messages(None) == ()
