"""`halo sites verify` as a user runs it: real env, real eval scripts, rows and exit code."""

from __future__ import annotations

import json

import pytest

from tests.support.helpers import halo

pytestmark = pytest.mark.browser


@pytest.mark.timeout(500)
def test_verify_json_rows_and_exit_code(tmp_path):
    out = halo("sites", "verify", "--site", "omnizon", "--tasks", "omnizon-3", "--json",
               cwd=tmp_path, env={"HALO_DATA_DIR": str(tmp_path / "data")}, timeout=400)
    assert out.returncode == 0, out.stdout + out.stderr
    rows = json.loads(out.stdout[out.stdout.index("["):])
    by_label = {r["label"]: r for r in rows}
    assert by_label["reference"]["reward"] == 1.0 and by_label["reference"]["kind"] == "reference"
    assert by_label["no action"]["reward"] == 0.0
    assert by_label["headphones-over-100"]["reward"] == 0.0
    assert all(r["ok"] and r["task"] == "omnizon-3" for r in rows)


def test_verify_unknown_site_is_one_line(tmp_path):
    out = halo("sites", "verify", "--site", "doordash", cwd=tmp_path)
    assert out.returncode == 2 and out.stderr.startswith("error: unknown local site: doordash")
