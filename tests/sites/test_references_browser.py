"""Every local site's reference solutions score 1 and its negatives 0 under the real
agisdk BrowserEnv and the real v2 eval scripts (one local server per site)."""

from __future__ import annotations

import pytest

from halo_cli.sites.registry import all_sites
from tests.support.verify_pool import Case, cases, play_all

pytestmark = pytest.mark.browser

SITES = [s.id for s in all_sites()]
CASES = [(site, case) for site in SITES for case in cases(site)]


@pytest.fixture(scope="module")
def played(browser_ready: object) -> dict[str, dict[Case, dict]]:
    """Each site's rows, played on first use (a site's cases run together in a pool)."""
    return {}


@pytest.mark.parametrize("site, case", CASES, ids=[f"{t}-{k}-{lab}" for _, (t, k, lab) in CASES])
@pytest.mark.timeout(1800)
def test_solution_scores_as_expected(played: dict, site: str, case: Case) -> None:
    if site not in played:
        played[site] = play_all(site)
    row = played[site][case]
    want = 1.0 if case[1] == "reference" else 0.0
    assert row["error"] is None, row
    assert row["reward"] == want, row
