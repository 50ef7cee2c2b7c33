"""Macro skills yield one concrete action at a time, targets found by role and name."""

import pytest

from halo_cli.agent.macros import MACRO_DOCS, MACROS, MacroFailed, MacroRun
from halo_cli.obs.locate import find
from halo_cli.policy.actions import Action, parse_action
from tests.support.axfixtures import checkout, compose, inbox, n, obs, page, text, tree

EMAILS = [("Alice", "Lunch"), ("Bob", "Invoice from ACME"), ("Carol", "ACME newsletter")]


def _bid(ax: dict, role: str, name: str) -> str:
    node = find(ax, role, name, exact=True)
    assert node is not None
    return node.bid


def _run(call: str, pages: list[dict], url: str = "http://h/") -> list[str]:
    """Drive a macro over successive trees (what the env would show after each action)."""
    run = MacroRun(parse_action(call, specs={n: s.params for n, s in MACROS.items()}))
    out = []
    for ax in pages:
        action = run.next_action(obs(ax, url))
        if action is None:
            return out
        out.append(action)
    assert run.next_action(obs(pages[-1], url)) is None
    return out


def test_select_emails_and_act_ticks_matching_rows_then_clicks_action() -> None:
    before = tree(inbox(EMAILS))
    one = tree(inbox(EMAILS, checked=(1,)))
    both = tree(inbox(EMAILS, checked=(1, 2)))
    got = _run('macro_select_emails_and_act("acme", "Delete")', [before, one, both])
    assert got == [
        f"click('{_bid(before, 'checkbox', 'Select Invoice from ACME')}')",
        f"click('{_bid(one, 'checkbox', 'Select ACME newsletter')}')",
        f"click('{_bid(both, 'button', 'Delete')}')",
    ]


def test_select_skips_rows_already_ticked() -> None:
    ax = tree(inbox(EMAILS, checked=(0,)))
    got = _run('macro_select_emails_and_act("Lunch", "Archive")', [ax])
    assert got == [f"click('{_bid(ax, 'button', 'Archive')}')"]


def test_select_fails_cleanly_when_nothing_matches() -> None:
    run = MacroRun(Action("macro_select_emails_and_act", ("nobody", "Delete")))
    with pytest.raises(MacroFailed, match="no email row matching 'nobody'"):
        run.next_action(obs(tree(inbox(EMAILS)), "http://h/"))


def test_compose_and_send_opens_composer_fills_and_sends() -> None:
    start = tree(inbox(EMAILS))
    c0 = tree(compose())
    c1 = tree(compose(to="bob@x.com"))
    c2 = tree(compose(to="bob@x.com", subject="Hi"))
    c3 = tree(compose(to="bob@x.com", subject="Hi", body="See you"))
    got = _run('macro_compose_and_send("bob@x.com", "Hi", "See you")', [start, c0, c1, c2, c3])
    assert got == [
        f"click('{_bid(start, 'button', 'Compose')}')",
        f"fill('{_bid(c0, 'textbox', 'To')}', 'bob@x.com')",
        f"fill('{_bid(c1, 'textbox', 'Subject')}', 'Hi')",
        f"fill('{_bid(c2, 'textbox', 'Body')}', 'See you')",
        f"click('{_bid(c3, 'button', 'Send')}')",
    ]
    assert MACROS["macro_compose_and_send"].high_stakes(Action("macro_compose_and_send"))


def test_search_and_open() -> None:
    ax = tree(inbox(EMAILS))
    box = _bid(ax, "searchbox", "Search mail")
    assert _run('macro_search("acme")', [ax, ax]) == [
        f"fill('{box}', 'acme')", f"press('{box}', 'Enter')"]
    assert _run('macro_open("Invoice from ACME")', [ax]) == [
        f"click('{_bid(ax, 'link', 'Invoice from ACME')}')"]
    with pytest.raises(MacroFailed, match="nothing named"):
        MacroRun(Action("macro_open", ("Nope",))).next_action(obs(ax, "http://h/"))


def test_add_to_cart_and_checkout_stops_before_paying() -> None:
    product = tree(page("Lamp", n("heading", "Lamp", level=1),
                        n("button", "Add to Cart", text("Add to Cart")), nav=False))
    added = tree(page("Lamp", n("heading", "Lamp", level=1), n("StaticText", "Added!"),
                      n("link", "Cart (1)"), nav=False))
    cart = tree(page("Cart", n("heading", "Shopping Cart", level=1),
                     n("button", "Proceed to checkout"), nav=False))
    pay = tree(checkout())
    got = _run("macro_add_to_cart_and_checkout()", [product, added, cart, pay])
    assert got == [
        f"click('{_bid(product, 'button', 'Add to Cart')}')",
        f"click('{_bid(added, 'link', 'Cart (1)')}')",
        f"click('{_bid(cart, 'button', 'Proceed to checkout')}')",
    ]


def test_macro_docs_list_every_macro() -> None:
    for name in MACROS:
        assert name in MACRO_DOCS
