"""Every route of every local site answers junk with a 4xx (or a page), never a 500.

For each route: path parameters filled with junk (text, huge and negative numbers,
unknown ids), then GET and POST with no body, junk form fields and a non-form body.
"""

from __future__ import annotations

import re

import pytest
from starlette.routing import Route
from starlette.testclient import TestClient

from halo_cli.sites.registry import all_sites
from halo_cli.sites.server import build_app

SITES = all_sites()
JUNK_PARAMS = ["x", "999999999", "-1", "0", "not-an-id", "%20"]
JUNK_FORMS = [
    {},
    {"id": "zzz", "quantity": "lots", "date": "31/31/31", "time": "25:99", "q": "x" * 3000},
    {"action": "explode", "product_id": "-5", "guests": "NaN", "price": "1e999"},
]


def _paths(route: Route) -> list[str]:
    params = re.findall(r"{([^}:]+)(?::[^}]+)?}", route.path)
    if not params:
        return [route.path]
    out = []
    for junk in JUNK_PARAMS:
        path = route.path
        for name in params:
            path = re.sub("{" + re.escape(name) + r"(?::[^}]+)?}", junk, path)
        out.append(path)
    return out


@pytest.mark.parametrize("site", SITES, ids=[s.id for s in SITES])
def test_junk_to_every_route_never_crashes(site) -> None:
    client = TestClient(build_app([site]), raise_server_exceptions=False)
    task = site.supported_tasks()[0]
    assert client.get(f"/{site.id}/config?task_id=v2.{task}").status_code == 200
    crashes = []
    for route in site.routes():
        if not isinstance(route, Route):
            continue
        for path in _paths(route):
            url = f"/{site.id}{path}"
            calls = [("GET", {}), ("GET", {"params": {"q": "%%%", "page": "-3", "id": "x"}})]
            calls += [("POST", {"data": form}) for form in JUNK_FORMS]
            calls.append(("POST", {"content": b"\xff\xfe not a form", "headers": {
                "content-type": "application/x-www-form-urlencoded"}}))
            for method, kw in calls:
                r = client.request(method, url, follow_redirects=False, **kw)
                if r.status_code >= 500:
                    crashes.append(f"{method} {url} {kw} -> {r.status_code}")
    assert not crashes, "\n".join(crashes[:10])
