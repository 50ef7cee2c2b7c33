"""The AXTree summariser: what it keeps, what it drops, and the token budget."""

from halo_cli.obs.summary import summarise
from halo_cli.obs.tokens import count_tokens
from halo_cli.obs.tree import iter_nodes
from tests.support.axfixtures import compose, inbox, n, page, text, tree, wrap


def _form_tree() -> dict:
    return tree(page(
        "Settings",
        n("heading", "Profile", text("Profile"), level=1),
        n("LabelText", "", text("Nickname"), n("textbox", "Nickname", text("bob"), value="bob")),
        n("checkbox", "Subscribe", checked="true"),
        n("combobox", "Country", n("option", "France", selected=False),
          n("option", "Spain", selected=True), value="Spain", expanded=False),
        n("button", "More", expanded=True, disabled=True),
        n("paragraph", "", text("Price:"), text("$12.50")),
        n("generic", "", n("generic", "", n("button", "Save", text("Save")))),
        n("button", "Hidden", hidden=True),
        wrap(n("link", "Inside ignored wrapper", text("Inside ignored wrapper"))),
    ))


def test_keeps_interactive_elements_with_value_and_state() -> None:
    s = summarise(_form_tree(), budget=2000).text
    lines = s.splitlines()
    assert any(ln.strip().endswith('textbox "Nickname" value="bob"') for ln in lines)
    assert any('checkbox "Subscribe" checked' in ln for ln in lines)
    assert any('combobox "Country" value="Spain"' in ln for ln in lines)
    # options fold into their select (select_option takes the select's bid + option text)
    assert any('combobox "Country" value="Spain" options: ' in ln and '"Spain"' in ln
               for ln in lines)
    assert not any(ln.strip().startswith("[") and " option " in ln for ln in lines)
    assert any('button "More" expanded disabled' in ln for ln in lines)
    assert any('button "Save"' in ln for ln in lines)
    assert any('link "Inside ignored wrapper"' in ln for ln in lines)
    assert any('heading "Profile"' in ln for ln in lines)
    # elements carry their bid; context (headings, landmarks) is shown without one
    # text lines are bare quoted strings
    assert all(ln.lstrip().startswith(("[", '"', "page ", "heading ", "navigation "))
               for ln in lines)
    assert any(ln.lstrip().startswith('heading "Profile"') for ln in lines)


def test_drops_inline_boxes_hidden_wrappers_and_redundant_text() -> None:
    s = summarise(_form_tree(), budget=2000).text
    lines = [ln.strip() for ln in s.splitlines()]
    assert "InlineTextBox" not in s
    assert "Hidden" not in s
    assert "generic" not in s and "LabelText" not in s
    assert '"Save"' not in lines  # said by its button
    assert '"bob"' not in lines  # said by the textbox value
    assert '"Nickname"' not in lines  # said by the labelled textbox next to it
    assert '"Price: $12.50"' in lines  # prices stay, sibling runs merged
    assert "collapsed" not in s  # a closed select's default state is noise
    assert 'button "More" expanded disabled' in s


def test_text_said_by_an_ancestor_with_other_punctuation_is_dropped() -> None:
    ax = tree(page("Shop", n("link", "Cart, 0 items", text("Cart (0)")), text("Deliver to Alex")))
    lines = [ln.strip() for ln in summarise(ax).text.splitlines()]
    assert '"Cart (0)"' not in lines
    assert '"Deliver to Alex"' in lines


def test_long_names_are_cut_at_a_word() -> None:
    name = "Unread, Amazon Receipts Your order has shipped - " + "Hello Alex, your package " * 6
    s = summarise(tree(page("Inbox", n("link", name)))).text
    shown = next(ln for ln in s.splitlines() if "Unread" in ln)
    assert shown.endswith('package…"') or shown.endswith('Alex,…"')
    assert len(shown) < len(name)


def test_bids_are_marked_and_listed() -> None:
    ax = tree(inbox([("Alice", "Lunch")]))
    s = summarise(ax)
    assert "[" in s.text
    for bid in s.bids:
        assert f"[{bid}]" in s.text


def _big_inbox() -> dict:
    emails = [(f"Sender {i}", f"Weekly report number {i}") for i in range(120)]
    emails[97] = ("Zelda Quartermaine", "Quarterly budget approval")
    return tree(inbox(emails))


def test_fits_budget_without_goal() -> None:
    ax = _big_inbox()
    full = summarise(ax, budget=100_000)
    small = summarise(ax, budget=300)
    assert full.tokens > 1500
    assert small.tokens <= 300
    assert small.omitted > 0
    # what is left out is named by kind: every row and element it held is counted
    marker = next(ln for ln in small.text.splitlines() if "more list items" in ln)
    left = 120 - sum('link "Weekly report number' in ln for ln in small.text.splitlines())
    assert f"({left} more list items ({left} checkboxes, {left} links) not shown" in marker


def test_keeps_goal_matching_elements_under_tiny_budget() -> None:
    ax = _big_inbox()
    s = summarise(ax, goal="Delete the email from Zelda about the quarterly budget", budget=60)
    assert 'link "Quarterly budget approval"' in s.text
    assert 'checkbox "Select Quarterly budget approval"' in s.text
    assert 'button "Delete"' in s.text
    assert "Zelda Quartermaine" in s.text
    assert "Weekly report number 5\"" not in s.text
    assert s.omitted > 100
    assert s.goal_bids  # the matching elements are reported


def test_quoted_phrase_in_goal_is_protected() -> None:
    ax = _big_inbox()
    s = summarise(ax, goal="Open 'Weekly report number 42'", budget=40)
    assert 'link "Weekly report number 42"' in s.text


def test_common_terms_do_not_protect_everything() -> None:
    ax = _big_inbox()
    s = summarise(ax, goal="open the weekly report", budget=300)
    assert s.tokens <= 400  # 'weekly'/'report' are on 120 rows: not discriminative


def test_no_indent_option_and_token_count() -> None:
    s = summarise(tree(inbox([("A", "B")])), indent=False)
    assert not any(ln.startswith(" ") for ln in s.text.splitlines())
    assert s.tokens == count_tokens(s.text)


def test_empty_tree() -> None:
    assert summarise({"nodes": []}).text == ""
    assert summarise(None).text == ""


def _boxes(ax: dict, top_of: dict[str, float], height: float = 30) -> dict:
    """An observation's `extra_element_properties`: `top_of` maps a node's name to its top."""
    out = {}
    for node in iter_nodes(ax):
        if node.bid is None:
            continue
        y = top_of.get(node.name, top_of.get(node.node_id))
        out[node.bid] = {"bbox": None if y is None else [0, y, 800, height], "visibility": 1}
    return out


def test_a_long_select_shows_count_value_ends_and_how_to_pick_any() -> None:
    days = [f"Day {i}" for i in range(1, 122)]
    ax = tree(page("Find", n("combobox", "Check-in", *[n("option", d) for d in days],
                           value="Day 1"),
                   n("combobox", "Check-out", *[n("option", d) for d in days], value="Day 2"),
                   n("button", "Find Hotels")))
    text = summarise(ax, budget=3000).text
    check_out = next(ln for ln in text.splitlines() if 'combobox "Check-out"' in ln)
    assert 'value="Day 2" 121 options: "Day 1" |' in check_out
    assert '"Day 121"' in check_out and '"Day 60"' not in check_out
    bid = _bid_of(text, 'combobox "Check-out"')
    assert f"select_option('{bid}', text) takes any option's text" in check_out
    assert 'button "Find Hotels"' in text


def _bid_of(text: str, what: str) -> str:
    line = next(ln for ln in text.splitlines() if what in ln)
    return line.strip()[1:line.strip().index("]")]


def test_a_date_input_is_one_element_with_its_fill_format() -> None:
    spin = [n("spinbutton", f"{p} {p}", value=v, bid=False) for p, v in
            (("Month", "7"), ("Day", "18"), ("Year", "2025"))]
    ax = tree(page("Book", n("Date", "Date", n("generic", "", *spin), value="2025-07-18"),
                   n("InputTime", "Time", n("spinbutton", "Hours Hours", bid=False)),
                   n("button", "Reserve")))
    lines = [ln.strip() for ln in summarise(ax).text.splitlines()]
    date_bid = _bid_of("\n".join(lines), 'date "Date"')
    assert f"[{date_bid}] date \"Date\" value=\"2025-07-18\" (fill 'YYYY-MM-DD')" in lines
    assert any(ln.endswith("time \"Time\" (fill 'HH:MM')") for ln in lines)
    assert not any("spinbutton" in ln or "Month" in ln for ln in lines)


def test_a_long_value_is_shown_in_full_when_focused_or_just_filled() -> None:
    body = " ".join(f"word{i}" for i in range(130))  # 919 characters
    ax = tree(compose(to="bob@example.com", subject="Hi", body=body))
    cut = summarise(ax).text
    assert body not in cut and "word5 " in cut and "word120" not in cut  # cut at 100 chars
    body_bid = _bid_of(cut, 'textbox "Body"')
    full = summarise(ax, full_values=[body_bid]).text
    assert f'value="{body}"' in full


def test_page_messages_get_their_own_line() -> None:
    ax = tree(page("Feed", n("textbox", "Start a post"), n("button", "Post"),
                   n("alert", "", text("Before posting, add a description.")),
                   text("Sponsored")))
    lines = [ln.strip() for ln in summarise(ax).text.splitlines()]
    assert 'alert "Before posting, add a description."' in lines
    assert '"Sponsored"' in lines


def test_rows_far_below_the_viewport_go_first_and_are_named_with_their_scroll() -> None:
    emails = [(f"Sender {i}", f"Weekly report number {i}") for i in range(60)]
    ax = tree(inbox(emails))
    tops = {f"Weekly report number {i}": 200 + 40 * i for i in range(60)}
    tops.update({f"Select Weekly report number {i}": 200 + 40 * i for i in range(60)})
    rows = [nd for nd in iter_nodes(ax) if nd.role == "listitem"]
    tops.update({row.node_id: 200 + 40 * i for i, row in enumerate(rows)})
    seen = {"extra_element_properties": _boxes(ax, tops), "screenshot": None,
            "viewport": [720, 1280]}
    s = summarise(ax, budget=700, obs=seen)
    assert s.tokens <= 700
    assert 'link "Weekly report number 0"' in s.text  # in view
    assert 'link "Weekly report number 59"' not in s.text
    marker = next(ln for ln in s.text.splitlines() if "more list items" in ln)
    shown = sum('link "Weekly report number' in ln for ln in s.text.splitlines())
    left = 60 - shown
    assert f"({left} more list items ({left} checkboxes, {left} links) below: scroll(0, " in marker
    assert marker.endswith("), or search)")
    # every element left out is counted, none of a row is split from the rest
    assert len(s.counted) == 2 * left
    # scrolled to the end, the last rows show and the first are named above
    scrolled = {k: v - 2000 for k, v in tops.items()}
    s2 = summarise(ax, budget=700, obs={**seen, "extra_element_properties": _boxes(ax, scrolled)})
    assert 'link "Weekly report number 59"' in s2.text
    assert any("more list items" in ln and "above: scroll(0, -" in ln for ln in s2.text.splitlines())
