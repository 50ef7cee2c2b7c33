"""HaloAgent end to end over real HTTP doubles for the Worker and the Manager."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from halo_cli.agent.orchestrator import HaloAgent
from halo_cli.cache.vac import VerifiedActionCache
from halo_cli.config.modes import MODES, ManagerTriggers, Mode
from halo_cli.config.settings import Settings
from halo_cli.obs.locate import find
from halo_cli.policy.clients import lazy_manager, lazy_worker
from halo_cli.policy.llm import LLMClient, NoLLMConfigured
from tests.support.axfixtures import checkout, compose, inbox, obs, tree
from tests.support.llm_double import LLMDouble

START = "http://127.0.0.1:5000/"
EMAILS = [("Alice", "Lunch"), ("Bob", "Invoice from ACME"), ("Carol", "ACME newsletter")]
GOAL = "Archive the email about Lunch"


@pytest.fixture
def worker_llm() -> Iterator[LLMDouble]:
    with LLMDouble() as d:
        yield d


@pytest.fixture
def manager_llm() -> Iterator[LLMDouble]:
    with LLMDouble() as d:
        yield d


def _client(d: LLMDouble, model: str) -> LLMClient:
    return LLMClient(model=model, base_url=d.url, api_key="k", timeout=2, backoff_base=0.01)


def _agent(mode: str | Mode, worker_llm: LLMDouble, manager_llm: LLMDouble | None = None,
           vac: VerifiedActionCache | None = None, goal: str = GOAL) -> HaloAgent:
    m = MODES[mode] if isinstance(mode, str) else mode
    return HaloAgent(
        m, _client(worker_llm, m.worker_model),
        _client(manager_llm, m.manager_model) if manager_llm else None, vac,
        site="gomail", goal=goal, start_url=START, worker_image="none", manager_image="none",
    )


def _bid(ax: dict, role: str, name: str) -> str:
    node = find(ax, role, name, exact=True)
    assert node is not None
    return node.bid


def test_worker_only_mode(worker_llm: LLMDouble) -> None:
    ax = tree(inbox(EMAILS))
    worker_llm.queue(f"```\nclick('{_bid(ax, 'checkbox', 'Select Lunch')}')\n```")
    d = _agent("baseline_worker", worker_llm).act(obs(ax, START + "inbox"))
    assert (d.source, d.manager_called, d.cache_hit, d.refused) == ("worker", False, False, False)
    assert d.page_type == "inbox" and len(d.fingerprint) == 12 and d.url.endswith("/inbox")
    assert (d.usage.tokens_in, d.usage.tokens_out, d.usage.llm_calls) == (100, 10, 1) and d.usage.cost > 0
    assert worker_llm.requests[0].model == "gpt-4o-mini"


def test_manager_called_on_high_stakes_step(worker_llm: LLMDouble, manager_llm: LLMDouble
                                            ) -> None:
    ax = tree(checkout())
    place = _bid(ax, "button", "Place your order")
    worker_llm.queue(f"click('{place}')")
    manager_llm.queue(f"Card and address are empty; fill them first.\n```\nfill('"
                      f"{_bid(ax, 'textbox', 'Card number')}', '4111')\n```")
    d = _agent("hierarchy_mgr_gate", worker_llm, manager_llm).act(obs(ax, START + "checkout"))
    assert d.manager_called and d.trigger == "high_stakes" and d.triggers == ["high_stakes"]
    assert d.source == "manager" and d.action.startswith("fill(")
    assert d.usage.llm_calls == 2 and d.usage.tokens_in == 200
    body = manager_llm.requests[0].text()
    assert f"WORKER PROPOSES: click('{place}')" in body and 'button "Place your order"' in body
    assert manager_llm.requests[0].model == "gpt-4o"


def test_no_manager_call_for_ordinary_steps(worker_llm: LLMDouble, manager_llm: LLMDouble
                                            ) -> None:
    ax = tree(inbox(EMAILS))
    worker_llm.queue(f"click('{_bid(ax, 'link', 'Lunch')}')")
    d = _agent("hierarchy_mgr_gate", worker_llm, manager_llm).act(obs(ax, START))
    assert not d.manager_called and d.trigger is None and manager_llm.requests == []


def test_manager_takes_over_after_error(worker_llm: LLMDouble, manager_llm: LLMDouble) -> None:
    ax = tree(inbox(EMAILS))
    agent = _agent("hierarchy_mgr_gate", worker_llm, manager_llm)
    worker_llm.queue("click('1')")
    agent.act(obs(ax, START))
    manager_llm.queue(f"click('{_bid(ax, 'link', 'Lunch')}')")
    d = agent.act(obs(ax, START, error="TimeoutError: element is not visible"))
    assert d.manager_called and d.trigger == "error" and d.source == "manager"
    assert len(worker_llm.requests) == 1  # the manager decided this step alone
    assert "TimeoutError: element is not visible" in manager_llm.requests[0].text()
    assert agent.records[0].verdict is not None and agent.records[0].verdict.value == "error"


def test_loop_triggers_manager(worker_llm: LLMDouble, manager_llm: LLMDouble) -> None:
    ax = tree(inbox(EMAILS))
    agent = _agent("hierarchy_mgr_gate", worker_llm, manager_llm)
    worker_llm.default = "click('1')"
    manager_llm.queue("go_back()")
    decisions = [agent.act(obs(ax, START)) for _ in range(4)]
    assert [x.manager_called for x in decisions] == [False, False, False, True]
    assert decisions[-1].trigger == "loop" and decisions[-1].action == "go_back()"
    assert "repeating" in manager_llm.requests[0].text()


def test_no_progress_trigger(worker_llm: LLMDouble, manager_llm: LLMDouble) -> None:
    mode = MODES["hierarchy_mgr_gate"].model_copy(update={"manager_triggers": ManagerTriggers(
        on_loop=False, no_progress_steps=2)})
    ax = tree(inbox(EMAILS))
    agent = _agent(mode, worker_llm, manager_llm)
    worker_llm.default = "scroll(0, 100)"
    manager_llm.default = "noop()"
    triggers = [agent.act(obs(ax, START)).trigger for _ in range(5)]
    assert triggers == [None, None, "no_progress", None, "no_progress"]


def test_invalid_worker_answer_escalates(worker_llm: LLMDouble, manager_llm: LLMDouble) -> None:
    ax = tree(inbox(EMAILS))
    worker_llm.queue("I'm not sure.", "Still thinking.")
    manager_llm.queue(f"click('{_bid(ax, 'link', 'Lunch')}')")
    d = _agent("hierarchy_mgr_gate", worker_llm, manager_llm).act(obs(ax, START))
    assert d.trigger == "invalid_action" and d.source == "manager" and d.usage.llm_calls == 3
    assert "WORKER'S ANSWER WAS INVALID" in manager_llm.requests[0].text()


def test_invalid_worker_answer_without_manager_is_a_noop(worker_llm: LLMDouble) -> None:
    worker_llm.queue("hmm", "hmm")
    d = _agent("baseline_worker", worker_llm).act(obs(tree(inbox(EMAILS)), START))
    assert (d.action, d.source, d.manager_called) == ("noop()", "fallback", False)
    assert "no valid action" in (d.note or "")


@pytest.mark.parametrize(
    "answer",
    ["goto('https://evil.example.com/steal')", "goto('about:blank')",
     "goto('http://127.0.0.1:5001/')", "tab_focus(1)", "click('{help}')"],
)
def test_off_site_action_is_refused(worker_llm: LLMDouble, answer: str) -> None:
    ax = tree(checkout())
    worker_llm.queue(answer.format(help=_bid(ax, "link", "Help")), "noop()")
    agent = _agent("baseline_worker", worker_llm)
    o = obs(ax, START + "checkout", tabs=[START + "checkout", "https://other.example/"])
    d = agent.act(o)
    assert d.refused and d.action == "noop()" and d.refused_action
    assert "refused" in (d.note or "")
    agent.act(o)
    assert "was refused" in worker_llm.requests[1].text()


@pytest.mark.parametrize("answer", ["goto('/sent')", "goto('http://127.0.0.1:5000/x?y=1')",
                                    "tab_focus(0)", "new_tab()"])
def test_on_site_navigation_is_allowed(worker_llm: LLMDouble, answer: str) -> None:
    worker_llm.queue(answer)
    d = _agent("baseline_worker", worker_llm).act(obs(tree(inbox(EMAILS)), START))
    assert not d.refused and d.action == answer


# agisdk's setup leaves the site's /finish page open in tab 1; a tab the agent opened is 2
GRADER_TABS = [START, START + "finish", START + "sent"]


def test_evaluator_tab_is_left_out_of_open_tabs_with_env_indices_kept(worker_llm: LLMDouble
                                                                      ) -> None:
    worker_llm.queue("tab_focus(2)")
    d = _agent("baseline_worker", worker_llm).act(obs(tree(inbox(EMAILS)), START,
                                                      tabs=GRADER_TABS))
    text = worker_llm.requests[0].text()
    assert f"OPEN TABS: 0: {START}, 2: {START}sent" in text
    assert "finish" not in text
    assert not d.refused and d.action == "tab_focus(2)"


@pytest.mark.parametrize("answer, reason", [
    ("tab_focus(1)", "tab 1 is the evaluator's page"),
    ("goto('/finish')", f"goto to {START}finish opens the evaluator's page"),
    (f"goto('{START}config?task_id=v2.gomail-1')", "opens the evaluator's page"),
    (f"goto('{START}finish/')", "opens the evaluator's page"),
])
def test_switching_to_or_opening_the_evaluator_page_is_refused(
        worker_llm: LLMDouble, answer: str, reason: str) -> None:
    worker_llm.queue(answer, "noop()")
    agent = _agent("baseline_worker", worker_llm)
    o = obs(tree(inbox(EMAILS)), START, tabs=GRADER_TABS)
    d = agent.act(o)
    assert d.refused and d.action == "noop()" and d.refused_action == answer
    assert d.note is not None and d.note.startswith("refused: ") and reason in d.note
    agent.act(o)
    seen = worker_llm.requests[1].text()
    assert f"{answer} was refused: " in seen  # the note, and the history line:
    assert "1. noop() -> no_change  [worker]  error: refused: " in seen and reason in seen


def _episode(agent: HaloAgent, bid_start: int) -> list:
    """Tick Lunch, click Archive, report: the env's pages at each step."""
    pages = [tree(inbox(EMAILS), bid_start=bid_start),
             tree(inbox(EMAILS, checked=(0,)), bid_start=bid_start),
             tree(inbox(EMAILS[1:]), bid_start=bid_start)]
    decisions = []
    for ax in pages:
        d = agent.act(obs(ax, START + "inbox"))
        decisions.append(d)
        agent.observe_result(obs(pages[min(len(decisions), 2)], START + "inbox"))
    return decisions


def test_vac_written_on_success_then_replayed_without_llm(
    worker_llm: LLMDouble, tmp_path: Path
) -> None:
    ax = tree(inbox(EMAILS))
    worker_llm.queue(f"click('{_bid(ax, 'checkbox', 'Select Lunch')}')",
                     f"click('{_bid(ax, 'button', 'Archive')}')",
                     "send_msg_to_user('Archived.')")
    with VerifiedActionCache.under(tmp_path) as vac:
        first = _agent("hierarchy_vac", worker_llm, None, vac)
        assert [d.source for d in _episode(first, 0)] == ["worker"] * 3
        assert first.finish(1.0) == 3
        # A new episode: bids renumbered, no key anywhere; the clients must never be built.
        empty = Settings.model_construct(openai_api_key=None, openai_base_url=None,
                                         vllm_url=None, worker_model=None, manager_model=None)
        mode = MODES["hierarchy_vac"]
        second = HaloAgent(mode, lazy_worker(mode, empty), lazy_manager(mode, empty), vac,
                           site="gomail", goal=GOAL + ".", start_url=START)
        replay = _episode(second, 900)
        assert [d.source for d in replay] == ["cache"] * 3 and all(d.cache_hit for d in replay)
        assert replay[0].action == "click('" + str(int(_bid(ax, "checkbox", "Select Lunch"))
                                                   + 900) + "')"
        assert replay[2].action == "send_msg_to_user('Archived.')"
        assert not second.llm_built and len(worker_llm.requests) == 3
        assert sum(d.usage.tokens_in for d in replay) == 0


def test_vac_not_written_on_failure(worker_llm: LLMDouble, tmp_path: Path) -> None:
    ax = tree(inbox(EMAILS))
    worker_llm.default = f"click('{_bid(ax, 'checkbox', 'Select Lunch')}')"
    with VerifiedActionCache.under(tmp_path) as vac:
        agent = _agent("hierarchy_vac", worker_llm, None, vac)
        _episode(agent, 0)
        assert agent.finish(0.0) == 0 and vac.stats().entries == 0


def test_vac_ignored_when_mode_has_no_cache(worker_llm: LLMDouble, tmp_path: Path) -> None:
    worker_llm.default = "noop()"
    with VerifiedActionCache.under(tmp_path) as vac:
        agent = _agent("baseline_worker", worker_llm, None, vac)
        agent.act(obs(tree(inbox(EMAILS)), START))
        assert agent.finish(1.0) == 0


def test_cache_miss_without_llm_raises_no_llm_configured(tmp_path: Path) -> None:
    empty = Settings.model_construct(openai_api_key=None, openai_base_url=None, vllm_url=None,
                                     worker_model=None, manager_model=None)
    mode = MODES["hierarchy_vac"]
    with VerifiedActionCache.under(tmp_path) as vac:
        agent = HaloAgent(mode, lazy_worker(mode, empty), lazy_manager(mode, empty), vac,
                          site="gomail", goal=GOAL, start_url=START)
        with pytest.raises(NoLLMConfigured, match="no LLM configured"):
            agent.act(obs(tree(inbox(EMAILS)), START))


def test_cached_action_without_progress_is_not_retried(worker_llm: LLMDouble, tmp_path: Path
                                                       ) -> None:
    ax = tree(inbox(EMAILS))
    worker_llm.queue(f"click('{_bid(ax, 'checkbox', 'Select Lunch')}')", "noop()")
    with VerifiedActionCache.under(tmp_path) as vac:
        first = _agent("hierarchy_vac", worker_llm, None, vac)
        first.act(obs(ax, START))
        first.observe_result(obs(tree(inbox(EMAILS, checked=(0,))), START))
        first.finish(1)
        second = _agent("hierarchy_vac", worker_llm, None, vac)
        assert second.act(obs(ax, START)).source == "cache"
        second.observe_result(obs(ax, START))  # the page didn't change this time
        assert second.act(obs(ax, START)).source == "worker"


def test_macro_runs_inner_steps(worker_llm: LLMDouble, manager_llm: LLMDouble) -> None:
    pages = [tree(inbox(EMAILS)), tree(inbox(EMAILS, checked=(1,))),
             tree(inbox(EMAILS, checked=(1, 2)))]
    worker_llm.queue('```\nmacro_select_emails_and_act("ACME", "Archive")\n```', "noop()")
    agent = _agent("hierarchy_vac_macros", worker_llm, manager_llm,
                   goal="Archive both ACME emails")
    got = []
    for ax in [*pages, pages[-1]]:
        d = agent.act(obs(ax, START))
        got.append((d.source, d.macro, d.action))
    assert got == [
        ("worker", "macro_select_emails_and_act",
         f"click('{_bid(pages[0], 'checkbox', 'Select Invoice from ACME')}')"),
        ("macro", "macro_select_emails_and_act",
         f"click('{_bid(pages[1], 'checkbox', 'Select ACME newsletter')}')"),
        ("macro", "macro_select_emails_and_act", f"click('{_bid(pages[2], 'button', 'Archive')}')"),
        ("worker", None, "noop()"),
    ]
    assert "macro_compose_and_send" in worker_llm.requests[0].messages[0]["content"]
    assert manager_llm.requests == []


def test_high_stakes_macro_goes_to_manager(worker_llm: LLMDouble, manager_llm: LLMDouble) -> None:
    ax = tree(compose())
    worker_llm.queue('macro_compose_and_send("bob@x.com", "Hi", "Hello")')
    manager_llm.queue('macro_compose_and_send("bob@acme.com", "Hi", "Hello")')
    d = _agent("hierarchy_vac_macros", worker_llm, manager_llm).act(obs(ax, START))
    assert d.trigger == "high_stakes" and d.macro == "macro_compose_and_send"
    assert d.action == f"fill('{_bid(ax, 'textbox', 'To')}', 'bob@acme.com')"


def test_failed_macro_falls_back_to_worker(worker_llm: LLMDouble) -> None:
    worker_llm.queue('macro_select_emails_and_act("nobody", "Delete")', "noop()")
    mode = MODES["hierarchy_vac_macros"].model_copy(update={"manager": False, "vac": False})
    agent = _agent(mode, worker_llm)
    d = agent.act(obs(tree(inbox(EMAILS)), START))
    assert d.action == "noop()" and "no email row matching" in (d.note or "")
    agent.act(obs(tree(inbox(EMAILS)), START))
    assert "no email row matching" in worker_llm.requests[1].text()


def test_manager_confirms_the_workers_finish(worker_llm: LLMDouble, manager_llm: LLMDouble
                                             ) -> None:
    ax = tree(inbox(EMAILS))
    lunch = _bid(ax, "link", "Lunch")
    worker_llm.default = "```send_msg_to_user('All done.')```"
    manager_llm.queue(f"Lunch is still in the inbox.\n```click('{lunch}')```",
                      "Archived: confirmed.\n```send_msg_to_user('All done.')```")
    agent = _agent("hierarchy_mgr_gate", worker_llm, manager_llm)
    first = agent.act(obs(ax, START))
    assert (first.trigger, first.triggers, first.source) == ("finish", ["finish"], "manager")
    assert first.action == f"click('{lunch}')"  # the premature end was turned into a step
    assert "WORKER PROPOSES: send_msg_to_user('All done.')" in manager_llm.requests[0].text()
    assert "wants to end the task" in manager_llm.requests[0].text()
    second = agent.act(obs(tree(inbox(EMAILS[1:])), START))
    assert (second.trigger, second.action) == ("finish", "send_msg_to_user('All done.')")


def test_finish_trigger_off_lets_the_worker_end(worker_llm: LLMDouble, manager_llm: LLMDouble
                                                ) -> None:
    mode = MODES["hierarchy_mgr_gate"].model_copy(update={"manager_triggers": ManagerTriggers(
        on_finish=False)})
    worker_llm.queue("```send_msg_to_user('All done.')```")
    d = _agent(mode, worker_llm, manager_llm).act(obs(tree(inbox(EMAILS)), START))
    assert (d.source, d.manager_called, d.action) == ("worker", False,
                                                      "send_msg_to_user('All done.')")
    assert manager_llm.requests == []


def test_worker_is_not_offered_report_infeasible(worker_llm: LLMDouble,
                                                 manager_llm: LLMDouble) -> None:
    ax = tree(inbox(EMAILS))
    worker_llm.queue("```report_infeasible('no such email')```",
                     "```report_infeasible('really')```")
    manager_llm.queue(f"```click('{_bid(ax, 'link', 'Lunch')}')```")
    d = _agent("hierarchy_mgr_gate", worker_llm, manager_llm).act(obs(ax, START))
    worker_prompt = worker_llm.requests[0].messages[0]["content"]
    assert "report_infeasible" not in worker_prompt and "send_msg_to_user" in worker_prompt
    assert "report_infeasible" in manager_llm.requests[0].messages[0]["content"]
    assert "unknown function report_infeasible()" in worker_llm.requests[1].text()
    assert (d.trigger, d.source) == ("invalid_action", "manager")


def test_the_managers_own_end_is_confirmed_too(worker_llm: LLMDouble, manager_llm: LLMDouble
                                               ) -> None:
    ax = tree(checkout())
    worker_llm.queue(f"click('{_bid(ax, 'button', 'Place your order')}')")
    card = _bid(ax, "textbox", "Card number")
    manager_llm.queue("```send_msg_to_user('Ordered.')```",
                      f"Nothing is ordered yet.\n```fill('{card}', '4111')```")
    d = _agent("hierarchy_mgr_gate", worker_llm, manager_llm).act(obs(ax, START + "checkout"))
    assert (d.trigger, d.triggers) == ("high_stakes", ["high_stakes", "finish"])
    assert (d.source, d.action) == ("manager", f"fill('{card}', '4111')")
    assert "YOUR LAST ANSWER WAS: send_msg_to_user('Ordered.')" in manager_llm.requests[1].text()
    assert d.usage.llm_calls == 3
    assert [(c.role, c.action) for c in d.calls][1:] == [
        ("manager", "send_msg_to_user('Ordered.')"), ("manager", f"fill('{card}', '4111')")]


@pytest.mark.parametrize("url, start, grader", [
    ("http://127.0.0.1:5/gomail/finish", "http://127.0.0.1:5/gomail", True),
    ("http://127.0.0.1:5/gomail/finish/", "http://127.0.0.1:5/gomail/", True),
    ("http://127.0.0.1:5/gomail/config?task_id=v2.gomail-1", "http://127.0.0.1:5/gomail/inbox",
     True),
    ("https://evals-gomail.vercel.app/finish", "https://evals-gomail.vercel.app/inbox/3", True),
    ("http://127.0.0.1:5/gomail/settings/finish", "http://127.0.0.1:5/gomail", False),
    ("http://127.0.0.1:6/gomail/finish", "http://127.0.0.1:5/gomail", False),  # other origin
    ("http://127.0.0.1:5/gomail/finishing", "http://127.0.0.1:5/gomail", False),
])
def test_the_evaluator_pages_are_the_sites_own_finish_and_config(url, start, grader) -> None:
    from halo_cli.agent.guard import is_grader_page

    assert is_grader_page(url, start) is grader


# -- what the models remember: every step numbered with its element; the Worker's reasoning

def test_step_one_is_named_in_the_workers_prompt_at_step_nine(worker_llm: LLMDouble) -> None:
    ax = tree(inbox(EMAILS))
    lunch = find(ax, "checkbox", "Select Lunch", exact=True).bid
    worker_llm.queue(f"Tick Lunch.\n```check('{lunch}')```")
    worker_llm.default = "```scroll(0, 300)```"
    agent = _agent("baseline_worker", worker_llm)
    for _ in range(14):
        agent.act(obs(ax, START + "inbox"))
    ninth = worker_llm.requests[8].text()
    assert f"""1. check('{lunch}') checkbox "Select Lunch" -> no_change  [worker]""" in ninth
    assert "8. scroll(0, 300) -> no_change  [worker]" in ninth
    # at step 14: the last 8 steps in full; older ones compressed, repeats as one line
    last = worker_llm.requests[13].text()
    assert f"""1. check('{lunch}') checkbox "Select Lunch" -> no_change\n""" in last
    assert "2-5. scroll(0, 300) -> no_change (x4)\n" in last
    assert "13. scroll(0, 300) -> no_change  [worker]" in last


def test_the_workers_reasoning_reaches_the_managers_finish_review(
        worker_llm: LLMDouble, manager_llm: LLMDouble) -> None:
    worker_llm.queue("The search for Lunch showed it archived already, so we are done.\n"
                     "```send_msg_to_user('Archived.')```")
    manager_llm.queue("Agreed.\n```send_msg_to_user('Archived.')```")
    d = _agent("hierarchy_mgr_gate", worker_llm, manager_llm).act(
        obs(tree(inbox(EMAILS[1:])), START))
    review = manager_llm.requests[0].text()
    assert "WORKER PROPOSES: send_msg_to_user('Archived.')" in review
    assert ("WORKER'S REASONING: The search for Lunch showed it archived already, so we are "
            "done.") in review
    assert d.reasoning == "Agreed."  # the deciding policy's own words are the step's
    assert d.to_dict()["reasoning"] == "Agreed."


def test_the_field_just_filled_and_the_page_messages_reach_the_worker(worker_llm: LLMDouble
                                                                     ) -> None:
    from tests.support.axfixtures import n, page, text

    body = " ".join(f"line{i} of the drafted message" for i in range(30))  # ~800 characters
    first = tree(compose(to="bob@example.com", subject="Hi"))
    body_bid = _bid(first, "textbox", "Body")
    after = tree(page("New message - GoMail", n("heading", "New message", level=1),
                      n("textbox", "To", value="bob@example.com"),
                      n("textbox", "Subject", value="Hi"),
                      n("textbox", "Body", value=body, multiline=True),
                      n("button", "Send", text("Send")), n("button", "Discard"),
                      n("status", "", text("Draft saved."))))
    assert _bid(after, "textbox", "Body") == body_bid
    worker_llm.queue(f"```fill('{body_bid}', 'drafted')```", "```noop()```")
    agent = _agent("baseline_worker", worker_llm, goal="Send Bob a note")
    agent.act(obs(first, START + "compose"))
    agent.act(obs(after, START + "compose"))
    second = worker_llm.requests[1].text()
    assert f'value="{body}"' in second  # the value just filled, read back in full
    assert "PAGE MESSAGES:\n- Draft saved.\n\nPAGE (" in second
    assert "value=" in worker_llm.requests[0].text() and "PAGE MESSAGES" not in \
        worker_llm.requests[0].text()
