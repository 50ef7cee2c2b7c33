"""Parsing one browsergym action out of a model's answer."""

import pytest

from halo_cli.policy.actions import SPECS, Action, ActionError, env_action_mapping, parse_action

BIDS = {"12", "5", "a51", "21"}


@pytest.mark.parametrize(
    ("answer", "want"),
    [
        ("click('12')", "click('12')"),
        ("I will open it.\n```python\nclick('12')\n```", "click('12')"),
        ("Thinking (carefully) first... then fill('5', \"a (tricky) 'text'\")",
         "fill('5', \"a (tricky) 'text'\")"),
        ("`click(12)`", "click('12')"),  # an int bid is taken as its string
        ("select_option('21', ['Oldest', 'Newest'])", "select_option('21', ['Oldest', 'Newest'])"),
        ("click('a51', button=\"right\")", "click('a51', button='right')"),
        ("press('5', 'Enter')", "press('5', 'Enter')"),
        ("send_msg_to_user('Done: 3 deleted')", "send_msg_to_user('Done: 3 deleted')"),
        ("scroll(0, 300.5)", "scroll(0, 300.5)"),
        ("go_back()", "go_back()"),
        ("```\nclick('99')\n```\nActually: click('12')", "click('12')"),  # first *valid* call
        ("tab_focus(1)", "tab_focus(1)"),
        ("keyboard_press('Escape')", "keyboard_press('Escape')"),
        ("check('12')", "check('12')"),
    ],
)
def test_parses_first_valid_call(answer: str, want: str) -> None:
    assert parse_action(answer, BIDS).text == want


@pytest.mark.parametrize(
    ("answer", "reason"),
    [
        ("", "empty"),
        ("I am not sure what to do.", "no action found"),
        ("click('99')", "bid '99' is not on the current page"),
        ("frobnicate('12')", "unknown function frobnicate"),
        ("fill('5')", "missing its 'value' argument"),
        ("click('12', 'left', [], 4)", "at most 3 arguments"),
        ("scroll('down')", "delta_x must be a number"),
        ("click('12', button='top')", "button must be"),
        ("goto(url)", "must be literals"),
        ("click('12', force=True)", "has no argument 'force'"),
        ("tab_focus('1')", "index must be an integer"),
    ],
)
def test_reports_why_an_answer_is_invalid(answer: str, reason: str) -> None:
    with pytest.raises(ActionError, match=reason):
        parse_action(answer, BIDS)


def test_bids_unchecked_without_observation() -> None:
    assert parse_action("click('777')").bids == ["777"]


def test_action_helpers() -> None:
    a = parse_action("drag_and_drop('5', to_bid='12')", BIDS)
    assert a.bids == ["5", "12"]
    assert Action("fill", ("5", "x")).arg(1, "value") == "x"


def test_custom_specs_accept_macros() -> None:
    specs = {**SPECS, "macro_search": (("text", "str", True),)}
    assert parse_action('macro_search("lamp")', BIDS, specs=specs).text == "macro_search('lamp')"
    with pytest.raises(ActionError):
        parse_action('macro_search("lamp")', BIDS)


def test_env_action_mapping_knows_every_function() -> None:
    mapping = env_action_mapping()
    for name in SPECS:
        call = parse_action(f"{name}()", None) if not any(r for _, _, r in SPECS[name]) else None
        if call is not None:
            assert mapping(call.text)
    assert "elem.check" in mapping("check('12')")
    assert "page.keyboard.press" in mapping("keyboard_press('Enter')")
