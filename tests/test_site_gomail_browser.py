"""Every GoMail reference solution scores 1 and every negative scores 0 under the real
agisdk BrowserEnv and the real v2 eval scripts, against one local server."""

from __future__ import annotations

import pytest

from tests.verify_pool import Case, cases, play_all

pytestmark = pytest.mark.browser

CASES = cases("gomail")


@pytest.fixture(scope="module")
def rows(browser_ready: object) -> dict[Case, dict]:
    return play_all("gomail")


@pytest.mark.parametrize("case", CASES, ids=[f"{t}-{k}-{lab}" for t, k, lab in CASES])
def test_solution_scores_as_expected(rows: dict[Case, dict], case: Case) -> None:
    row = rows[case]
    want = 1.0 if case[1] == "reference" else 0.0
    assert row["error"] is None, row
    assert row["reward"] == want, row
