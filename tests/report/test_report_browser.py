"""`halo report` in the real Chromium: a small real run (local sites, the LLM double, two
modes, one failing episode) opened from file://; `halo debug --report`; the index of a
500-episode run opening in under a second."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from halo_cli.report.build import report_run
from tests.support.helpers import halo
from tests.support.llm_double import LLMDouble, Reply, status
from tests.support.report_runs import make_run
from tests.support.run_helpers import FINISH, SCROLL, env_for, goal_of, jsonl, request_text

pytestmark = [pytest.mark.browser, pytest.mark.timeout(900)]

MODES = ("baseline_worker", "hierarchy_vac")


class Watched:
    """A Chromium page that records every request, console error and page error."""

    def __init__(self, page: Any) -> None:
        self.page, self.requests, self.errors = page, [], []
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))

    def images_loaded(self) -> list[str]:
        """The src of every <img> that did not load (naturalWidth 0)."""
        return self.page.eval_on_selector_all(
            "img", "els => els.filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src)")


@pytest.fixture(scope="module")
def chromium(playwright) -> Iterator[Any]:
    browser = playwright.chromium.launch()
    yield browser
    browser.close()


@pytest.fixture()
def watched(chromium) -> Iterator[Watched]:
    ctx = chromium.new_context(viewport={"width": 1300, "height": 900})
    yield Watched(ctx.new_page())
    ctx.close()


@pytest.fixture(scope="module")
def small_run(tmp_path_factory, browser_ready) -> tuple[Path, str]:
    """gomail-1 and gomail-2 in two modes, --debug (screenshots), 3 steps at most: the
    double answers scroll then finish, and fails gomail-2's Worker with HTTP 400."""
    tmp = tmp_path_factory.mktemp("report")
    g2, calls = goal_of("gomail-2"), []

    def answer(body: dict[str, Any]) -> Reply | str:
        if g2 in request_text(body):
            return status(400)
        calls.append(1)
        return SCROLL if len(calls) % 2 else FINISH

    with LLMDouble() as llm:
        llm.handler = answer
        out = halo("eval", "subset", "--tasks", "gomail-1,gomail-2", "--mode", ",".join(MODES),
                   "--max-steps", "3", "--debug", "--packaged-cache", "--run-id", "rep1",
                   env=env_for(llm, tmp), timeout=500)
    assert out.returncode == 0, out.stdout + out.stderr
    return tmp, out.stdout


def test_small_run_report_in_chromium(small_run, watched):
    tmp, stdout = small_run
    index = tmp / "results" / "rep1" / "report" / "index.html"
    assert f"report: {index.as_uri()}" in stdout
    episodes = jsonl(tmp / "results" / "rep1" / "episodes.jsonl")
    assert len(episodes) == 4 and [e["error_type"] for e in episodes].count("LLMError") == 1
    page = watched.page
    page.goto(index.as_uri())
    cells = page.locator("#grid a.cell")
    assert cells.count() == len(episodes)
    assert page.locator("#grid a.cell.error").count() == 1
    page.select_option("#f-outcome", "error")
    assert page.locator("#grid a.cell:not(.off)").count() == 1
    expect(page.locator("#shown")).to_have_text("1 episode(s) shown")
    page.select_option("#f-outcome", "")

    # a cell opens its episode; the arrow keys move between its steps
    page.locator('#grid a.cell[data-mode="hierarchy_vac"]').first.click()
    page.wait_for_load_state()
    assert re.search(r"/episodes/v2\.gomail-1__hierarchy_vac__1\.html", page.url)
    assert "v2.gomail-1 · hierarchy_vac #1" in page.locator("h1").inner_text()
    pos = page.locator("#pos")
    assert page.locator("section.step").count() == 3
    expect(pos).to_have_text("step 1 of 3")
    page.keyboard.press("ArrowRight")
    expect(pos).to_have_text("step 2 of 3")
    expect(page.locator("section.step.active h2")).to_contain_text("Step 2 of 3")
    expect(page.locator("section.step.active img")).to_be_visible()
    expect(page.locator("section.step:not(.active)").first).to_be_hidden()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")  # stays on the last step
    expect(pos).to_have_text("step 3 of 3")
    page.keyboard.press("ArrowLeft")
    expect(pos).to_have_text("step 2 of 3")
    expect(page.locator("ol.timeline a.active")).to_have_text("2")

    # every page of the report: screenshots load, nothing outside file://, no errors
    report = index.parent
    pages = [index, *sorted(report.glob("episodes/*.html")), *sorted(report.glob("tasks/*.html"))]
    shots = 0
    for p in pages:
        page.goto(p.as_uri())  # waits for the load event: every <img> has loaded or failed
        assert watched.images_loaded() == [], p
        shots += page.locator("img").count()
    assert shots >= 2 * 5  # 5 steps with a screenshot, each on its episode and task page
    err_page = report / "episodes" / "v2.gomail-2__baseline_worker__1.html"
    page.goto(err_page.as_uri())
    assert "LLMError" in page.locator("dl.facts").inner_text()
    assert [u for u in watched.requests if not u.startswith("file://")] == []
    assert watched.errors == []


def test_debug_report_and_rebuild(tmp_path, browser_ready, watched):
    env = {"HALO_DATA_DIR": str(tmp_path / "data"), "HALO_RESULTS_DIR": str(tmp_path / "results"),
           "OPENAI_API_KEY": "", "HALO_VLLM_URL": "", "OPENAI_BASE_URL": ""}
    out = halo("debug", "v2.gomail-1", "--mode", "hierarchy_vac", "--max-steps", "3",
               "--packaged-cache", "--run-id", "dbg1", "--report", cwd=tmp_path, env=env, timeout=300)
    index = tmp_path / "results" / "dbg1" / "report" / "index.html"
    assert f"report: {index.as_uri()}" in out.stdout, out.stdout + out.stderr
    again = halo("report", "dbg1", env=env)
    assert again.returncode == 0 and again.stdout.strip() == f"report: {index.as_uri()}"
    watched.page.goto((index.parent / "episodes" / "v2.gomail-1__hierarchy_vac__1.html").as_uri())
    assert watched.page.locator("section.step img").count() == 3  # --report keeps screenshots
    assert watched.images_loaded() == [] and watched.errors == []


def test_index_of_500_episodes_opens_and_filters(tmp_path, watched):
    tasks = [f"v2.gomail-{i}" for i in range(1, 251)]
    make_run(tmp_path / "results", tmp_path / "data", "big", tasks, list(MODES), style="v2-noshots",
             steps=5)
    index = report_run(tmp_path / "results", "big")
    page = watched.page
    page.goto(index.as_uri())
    assert page.locator("#grid a.cell").count() == 500
    page.select_option("#f-mode", "hierarchy_vac")
    expect(page.locator("#shown")).to_have_text("250 episode(s) shown")
    assert watched.errors == []
