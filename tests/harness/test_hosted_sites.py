"""`halo doctor --remote`'s probe over real HTTP: the hosted sites named by agisdk's task
configs, and what the probe says of a site that speaks REAL's contract (a local replica
stands in: the hosted ones cannot be reached from here), one that is not there, and one
that answers 404."""

from __future__ import annotations

import pytest

from halo_cli.doctor import check_hosted_sites
from halo_cli.harness.hosted_sites import HostedSite, hosted_sites, probe_all
from halo_cli.harness.routing import start_local_sites

DEAD = "http://127.0.0.1:9"


@pytest.fixture(scope="module")
def local():
    server = start_local_sites(["gomail"])
    yield f"http://{server.host}:{server.port}"
    server.stop()


def test_the_hosted_sites_are_agisdks() -> None:
    sites = hosted_sites()
    assert len({s.site for s in sites}) == 11
    assert len(sites) == len({s.url for s in sites})
    assert all(s.url.startswith("https://") and s.task.startswith("v2.") for s in sites)
    gomail = [s for s in sites if s.site == "gomail"]
    assert [s.url for s in gomail] == ["https://real-gomail-1glk4rtaf-real-sites.vercel.app"]


def test_each_site_says_what_works(local) -> None:
    good = HostedSite("gomail", f"{local}/gomail", "v2.gomail-1")
    missing = HostedSite("nosuch", f"{local}/nosuch", "v2.gomail-1")
    down = HostedSite("omnizon", DEAD, "v2.omnizon-3")
    ok, absent, dead = probe_all([good, missing, down])
    assert ok.ok and ok.steps == [("/", 200), ("/config", 200), ("/finish", 200)] and ok.state
    assert ok.detail() == "/ 200, /config 200, /finish 200; /finish: state JSON in its HTML"
    assert not absent.ok and absent.steps[0] == ("/", 404)
    assert not dead.reached and dead.error.startswith("unreachable")
    checks = check_hosted_sites([good, missing, down])
    assert [(c.name.split()[0], c.status) for c in checks] == [
        ("gomail", "ok"), ("nosuch", "fail"), ("omnizon", "fail")]


def test_none_reachable_is_one_check() -> None:
    [check] = check_hosted_sites([HostedSite("gomail", DEAD, "v2.gomail-1"),
                                  HostedSite("omnizon", DEAD + "/x", "v2.omnizon-3")])
    assert check.name == "hosted REAL sites" and check.status == "fail"
    assert check.detail.startswith("none of the 2 hosted sites answered: unreachable")
