"""The v2 eval scripts run in-process say what agisdk's way (one `python eval_x.py state`
per script) says, on real end states of the zilloft replica."""

from __future__ import annotations

import json
import subprocess
import sys

from halo_cli.sites.registry import get_site
from halo_cli.sites.templates import SiteClient
from halo_cli.sites.zilloft import store
from halo_cli.tasks.disjoint import V2Scripts
from halo_cli.tasks.registry import open_registry

LB_HOUSE = "20417300"  # 5523 E Los Arcos St, Long Beach: 3 bd / 2 ba house


def states() -> dict[str, dict]:
    site = get_site("zilloft")
    start = SiteClient(site, "zilloft-2")
    tour = SiteClient(site, "zilloft-2")
    tour.post(f"/homes/{LB_HOUSE}/tour", {"date": "2024-07-19", "time": "10:00 AM",
                                          **store.USER, "message": "hi"})
    cheap_ca = SiteClient(site, "zilloft-23")
    cheap_ca.get("/homes", params={"q": "California", "filters": "1", "maxPrice": "900000",
                                   "beds": "3"})
    boston = SiteClient(site, "zilloft-23")
    boston.get("/homes", params={"q": "Boston, MA", "filters": "1", "homeType": "condo"})
    return {name: c.finish() for name, c in
            (("start", start), ("tour", tour), ("cheap_ca", cheap_ca), ("boston", boston))}


def by_subprocess(scripts: V2Scripts, state: dict, tmp_path) -> list[str]:
    path = tmp_path / "state.json"
    path.write_text(json.dumps(state, indent=2))
    passing = []
    for task, (script, _) in scripts.scripts.items():
        out = subprocess.run([sys.executable, str(script), str(path)], capture_output=True,
                             text=True, timeout=60)
        if "SUCCESS" in out.stdout.upper():
            passing.append(task)
    return passing


def test_in_process_verdicts_match_agisdks_subprocess_runs(tmp_path):
    with V2Scripts(open_registry(), "zilloft") as scripts:
        assert len(scripts.scripts) == 10  # every zilloft script is judgeable
        got = {name: scripts.passing(state) for name, state in states().items()}
        for name, state in states().items():
            assert got[name] == by_subprocess(scripts, state, tmp_path), name
    assert got["start"] == [] and got["boston"] == []
    assert {"v2.zilloft-3", "v2.zilloft-9"} <= set(got["tour"])  # they accept any tour
    assert got["cheap_ca"] == ["v2.zilloft-23"]


def test_an_empty_script_is_not_judgeable():
    with V2Scripts(open_registry(), "gocalendar") as scripts:
        assert "v2.gocalendar-11" not in scripts.scripts and len(scripts.scripts) == 9
