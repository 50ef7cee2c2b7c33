"""What the models remember of an episode: every step with its real number, the element it
acted on and its verdict; the Worker's reasoning kept and shown to the Manager's review."""

from collections.abc import Iterator

import pytest

from halo_cli.agent.orchestrator import HaloAgent
from halo_cli.config.modes import MODES
from halo_cli.obs.locate import find
from halo_cli.policy.llm import LLMClient
from tests.support.axfixtures import inbox, obs, tree
from tests.support.llm_double import LLMDouble

START = "http://127.0.0.1:5000/"
EMAILS = [("Alice", "Lunch"), ("Bob", "Invoice from ACME"), ("Carol", "ACME newsletter")]


@pytest.fixture
def worker_llm() -> Iterator[LLMDouble]:
    with LLMDouble() as d:
        yield d


@pytest.fixture
def manager_llm() -> Iterator[LLMDouble]:
    with LLMDouble() as d:
        yield d


def _agent(mode: str, worker: LLMDouble, manager: LLMDouble | None = None) -> HaloAgent:
    m = MODES[mode]

    def client(d: LLMDouble, model: str) -> LLMClient:
        return LLMClient(model=model, base_url=d.url, api_key="k", timeout=2, backoff_base=0.01)

    return HaloAgent(m, client(worker, m.worker_model),
                     client(manager, m.manager_model) if manager else None, None,
                     site="gomail", goal="Archive the email about Lunch", start_url=START,
                     worker_image="none", manager_image="none")


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
