"""Action verifier: progressed / no_change / error."""

from halo_cli.agent.progress import Verdict, page_state, state_digest, verify
from tests.support.axfixtures import compose, inbox, tree

EMAILS = [("Alice", "Lunch"), ("Bob", "Invoice")]


def test_same_page_renumbered_is_no_change() -> None:
    before = page_state("http://h/inbox", tree(inbox(EMAILS), bid_start=0))
    after = page_state("http://h/inbox", tree(inbox(EMAILS), bid_start=300))
    assert verify(before, after, None) is Verdict.NO_CHANGE


def test_checked_state_change_is_progress() -> None:
    before = page_state("http://h/inbox", tree(inbox(EMAILS)))
    after = page_state("http://h/inbox", tree(inbox(EMAILS, checked=(0,))))
    assert before.fingerprint == after.fingerprint
    assert verify(before, after, None) is Verdict.PROGRESSED


def test_value_change_list_change_and_navigation_are_progress() -> None:
    assert state_digest(tree(compose())) != state_digest(tree(compose(to="a@b.c")))
    assert state_digest(tree(inbox(EMAILS))) != state_digest(tree(inbox(EMAILS[:1])))
    a = page_state("http://h/inbox", tree(inbox(EMAILS)))
    b = page_state("http://h/compose", tree(compose()))
    assert verify(a, b, None) is Verdict.PROGRESSED


def test_error_wins() -> None:
    a = page_state("http://h/inbox", tree(inbox(EMAILS)))
    b = page_state("http://h/compose", tree(compose()))
    assert verify(a, b, "TimeoutError: click") is Verdict.ERROR


def test_chat_message_counts_as_progress() -> None:
    a = page_state("http://h/inbox", tree(inbox(EMAILS)))
    assert verify(a, a, None, "send_msg_to_user") is Verdict.PROGRESSED
    assert verify(a, a, None, "click") is Verdict.NO_CHANGE


def _feed(error: str = "", draft: str = "") -> dict:
    from tests.support.axfixtures import n, page, text

    parts = [n("textbox", "Start a post", value=draft), n("button", "Post")]
    if error:
        parts.append(n("alert", "", text(error)))
    return tree(page("Feed", *parts, n("status", "", text("3 new posts"))))


def test_a_submit_that_leaves_a_validation_error_is_rejected_not_progress() -> None:
    before = page_state("http://h/feed", _feed(draft="x" * 10))
    after = page_state("http://h/feed", _feed("Write something before posting.", draft=""))
    assert after.errors == ("Write something before posting.",)
    assert verify(before, after, None, "click") is Verdict.REJECTED
    # typing that changes the page is progress; the same error again is judged as before
    assert verify(before, after, None, "fill") is Verdict.PROGRESSED
    again = page_state("http://h/feed", _feed("Write something before posting.", draft="y"))
    assert verify(after, again, None, "click") is Verdict.PROGRESSED
