"""Worker and Manager prompts and answers, through the real client and an HTTP double."""

import base64
from collections.abc import Iterator

import pytest

from halo_cli.policy.actions import Action
from halo_cli.policy.llm import LLMClient
from halo_cli.policy.manager import Manager
from halo_cli.policy.step import HistoryItem, StepView
from halo_cli.policy.worker import Worker
from tests.support.axfixtures import screenshot
from tests.support.llm_double import LLMDouble


@pytest.fixture
def llm() -> Iterator[LLMDouble]:
    with LLMDouble() as d:
        yield d


def _client(llm: LLMDouble, model: str = "gpt-4o-mini") -> LLMClient:
    return LLMClient(model=model, base_url=llm.url, api_key="k", timeout=2, backoff_base=0.01)


def _view(**kw) -> StepView:
    base = dict(
        goal="Delete the email from Alice", url="http://mail/inbox", page_type="inbox",
        summary='[7] button "Delete"\n[14] checkbox "Select Lunch" unchecked',
        bids=frozenset({"7", "14"}), screenshot=screenshot(),
        last_action="click('3')", last_error="TimeoutError: element not visible",
        history=tuple(HistoryItem(f"click('{i}')", "worker", "no_change", number=i + 1,
                                  target=f'button "B{i}"') for i in range(8)),
    )
    base.update(kw)
    return StepView(**base)


def test_prompt_has_goal_tree_screenshot_last_error_and_whole_history(llm: LLMDouble) -> None:
    llm.queue("Tick the row first.\n```\nclick('14')\n```")
    out = Worker(_client(llm), history_len=3).act(_view())
    assert out.action == Action("click", ("14",))
    req = llm.requests[0]
    body = req.text()
    assert "Delete the email from Alice" in body
    assert '[14] checkbox "Select Lunch" unchecked' in body
    assert "TimeoutError: element not visible" in body
    # every step with its real number and element; the last 3 in full, older ones compressed
    assert """8. click('7') button "B7" -> no_change  [worker]""" in body
    assert """1. click('0') button "B0" -> no_change\n""" in body
    assert """1. click('0') button "B0" -> no_change  [worker]""" not in body
    (image,) = req.images()
    assert image.startswith("data:image/jpeg;base64,")
    assert base64.b64decode(image.split(",", 1)[1])[:3] == b"\xff\xd8\xff"  # JPEG
    assert out.usage.tokens_in == 100 and out.usage.cost > 0


def test_screenshot_can_be_switched_off(llm: LLMDouble) -> None:
    llm.queue("click('7')")
    Worker(_client(llm), image="none").act(_view())
    assert llm.requests[0].images() == []
    assert isinstance(llm.requests[0].messages[1]["content"], str)


def test_malformed_answer_is_repaired(llm: LLMDouble) -> None:
    llm.queue("I would click the delete button", "```\nclick('7')\n```")
    out = Worker(_client(llm)).act(_view())
    assert out.action is not None and out.action.text == "click('7')"
    assert len(out.calls) == 2
    repair = llm.requests[1].messages
    assert repair[-2] == {"role": "assistant", "content": "I would click the delete button"}
    assert "no action found" in repair[-1]["content"]


def test_still_invalid_after_one_repair_escalates(llm: LLMDouble) -> None:
    llm.queue("click('999')", "click the red one")
    out = Worker(_client(llm)).act(_view())
    assert out.action is None
    assert out.error is not None and "no action found" in out.error
    assert len(llm.requests) == 2  # exactly one repair try
    assert "bid '999' is not on the current page" in llm.requests[1].messages[-1]["content"]


def test_manager_prompt_names_trigger_and_proposal(llm: LLMDouble) -> None:
    llm.queue("The goal asks to delete; approving.\n```\nclick('7')\n```")
    manager = Manager(_client(llm, "gpt-4o"), image="none")
    out = manager.decide(_view(), "high_stakes", proposed=Action("click", ("7",)),
                         target='button "Delete"')
    assert out.action is not None and out.action.text == "click('7')"
    body = llm.requests[0].text()
    assert "WHY YOU ARE CALLED (high_stakes)" in body
    assert "WORKER PROPOSES: click('7')  (on button \"Delete\")" in body
    assert "click('0')" in body  # the manager sees the longer history
    assert llm.requests[0].model == "gpt-4o"


def test_image_detail_is_set_per_role(llm: LLMDouble) -> None:
    llm.queue("click('7')", "```click('7')```")
    Worker(_client(llm), image="low").act(_view())
    Manager(_client(llm, "gpt-4o"), image="auto").decide(_view(), "error")
    parts = [[p for p in r.messages[1]["content"] if p["type"] == "image_url"]
             for r in llm.requests]
    assert [p[0]["image_url"]["detail"] for p in parts] == ["low", "auto"]
