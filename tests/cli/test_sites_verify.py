"""`halo sites verify` as a user runs it: real env, real eval scripts, rows and exit code."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.support.helpers import REPO, halo

pytestmark = pytest.mark.browser

# Loaded by every Python process of the run (the CLI and its episode workers): omnizon's
# solutions become three negative controls of omnizon-3, one of which cannot run (its
# button does not exist), so it ends with an error and reward 0.
INJECTED = """
from halo_cli.sites import reference as R
from halo_cli.sites.omnizon import solutions as S
from halo_cli.sites.reference import Solution

S.solutions = lambda: []
S.negatives = lambda: [
    Solution("omnizon-3", [R.click("button", "No Such Button"), R.send()], kind="negative",
             label="missing-target"),
    Solution("omnizon-3", [], kind="negative", label="nothing"),
    Solution("omnizon-3", [R.send("I bought nothing.")], kind="negative", label="says-nothing"),
]
"""


@pytest.mark.timeout(500)
def test_verify_json_rows_and_exit_code(tmp_path):
    out = halo("sites", "verify", "--site", "omnizon", "--tasks", "omnizon-3", "--json",
               cwd=tmp_path, env={"HALO_DATA_DIR": str(tmp_path / "data")}, timeout=400)
    assert out.returncode == 0, out.stdout + out.stderr
    rows = json.loads(out.stdout)
    by_label = {r["label"]: r for r in rows}
    assert by_label["reference"]["reward"] == 1.0 and by_label["reference"]["kind"] == "reference"
    assert by_label["no action"]["reward"] == 0.0
    assert by_label["headphones-over-100"]["reward"] == 0.0
    assert all(r["ok"] and r["problem"] is None and r["task"] == "omnizon-3" for r in rows)
    assert "ok   omnizon-3 reference 'reference': reward 1" in out.stderr  # progress, piped


def test_a_crashed_negative_fails_and_rows_stream_when_piped(tmp_path):
    inject = tmp_path / "inject"
    inject.mkdir()
    (inject / "sitecustomize.py").write_text(INJECTED)
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200", "HALO_DATA_DIR": str(tmp_path / "data"),
           "PYTHONPATH": os.pathsep.join([str(inject), str(REPO)])}
    proc = subprocess.Popen([sys.executable, "-m", "halo_cli", "sites", "verify", "--site",
                             "omnizon", "--workers", "2"], cwd=tmp_path, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        first = proc.stdout.readline()  # type: ignore[union-attr]
        # 3 cases on 2 workers: the third had not finished when the first row was printed
        running_then = proc.poll() is None
        rest, err = proc.communicate(timeout=400)
    finally:
        proc.kill()
    lines = (first + rest).splitlines()
    assert proc.returncode == 1, first + rest + err
    assert running_then and first.startswith(("ok   omnizon-3 negative", "FAIL omnizon-3 negative"))
    [crashed] = [line for line in lines if "'missing-target'" in line]
    assert crashed.startswith("FAIL omnizon-3 negative 'missing-target': reward 0, ")
    assert "negative crashed: TargetNotFound: no button named 'No Such Button'" in crashed
    assert sum(line.startswith("ok   omnizon-3 negative") for line in lines) == 2
    assert lines[-1] == "2/3 runs as expected"
    assert "episode logs: " in err


def test_verify_unknown_site_is_one_line(tmp_path):
    out = halo("sites", "verify", "--site", "doordash", cwd=tmp_path)
    assert out.returncode == 2 and out.stderr.startswith("error: unknown local site: doordash")
