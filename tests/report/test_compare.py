"""`halo report A --compare B`: the same tasks of two runs side by side, which flipped either
way, and the paired difference; one file that opens in Chromium from file://."""

from __future__ import annotations

import pytest

from tests.support.helpers import halo
from tests.support.report_runs import make_run


@pytest.mark.browser
def test_compare_two_runs_in_chromium(tmp_path, playwright):
    results, data = tmp_path / "results", tmp_path / "data"
    # A: gomail-1 succeeds, gomail-3 errs; B: gomail-2 succeeds, gomail-3 errs
    make_run(results, data, "runa", ["v2.gomail-1", "v2.gomail-2", "v2.gomail-3"],
             ["baseline_worker"])
    make_run(results, data, "runb", ["v2.gomail-2", "v2.gomail-1", "v2.gomail-3"],
             ["baseline_worker"])
    out = halo("report", "runa", "--compare", "runb", "--results-dir", str(results))
    assert out.returncode == 0, out.stdout + out.stderr
    path = results / "runb" / "compare-runa-vs-runb.html"
    assert f"report: {path.as_uri()}" in out.stdout.replace("\n", "")
    browser = playwright.chromium.launch()
    try:
        page = browser.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(path.as_uri())
        text = page.locator("body").inner_text()
        assert "3 paired episodes (same task and attempt); 1 flipped to success, 1 to failure" in text
        # 1/3 each: no difference, one flip each way (exact McNemar p = 1)
        assert "+0 pts" in text and "McNemar p=1" in text and "33% [6, 79]% (1/3)" in text
        rows = page.locator("table").nth(1).locator("tbody tr")
        assert rows.count() == 3
        assert rows.nth(0).inner_text().split("\t")[3:] == ["success", "failure", "to failure"]
        assert rows.nth(1).inner_text().split("\t")[3:] == ["failure", "success", "to success"]
        assert errors == []
    finally:
        browser.close()
    unknown = halo("report", "runa", "--compare", "nope", "--results-dir", str(results))
    assert unknown.returncode == 2 and len(unknown.stderr.strip().splitlines()) == 1
