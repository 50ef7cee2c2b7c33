from pathlib import Path

import pytest

from halo_cli.errors import UserError
from halo_cli.tasks.registry import from_agisdk, from_snapshot, open_registry
from tests.support.helpers import REPO, halo


def test_v2_has_121_tasks_on_11_sites():
    reg = from_agisdk("v2")
    assert len(reg) == 121
    sites = reg.sites()
    assert len(sites) == 11
    assert sites["gomail"] == 21 and sites["omnizon"] == 10 and sites["marrisuite"] == 1


def test_bare_id_is_v2_never_v1():
    reg = from_agisdk()
    assert reg.normalise("gomail-1") == "v2.gomail-1"
    assert reg.get("gomail-1").id == "v2.gomail-1"
    assert reg.get("v2.omnizon-3").eval_script == "eval_omnizon_3.py"


def test_unknown_id_names_close_matches():
    with pytest.raises(UserError, match=r"unknown task: v2\.gomial-1 \(did you mean: v2\.gomail-1"):
        from_agisdk().get("gomial-1")
    with pytest.raises(UserError, match=r"^unknown task: v2\.foo-99"):
        from_agisdk().get("v2.foo-99")


def test_committed_snapshot_matches_installed_agisdk():
    committed = (REPO / "halo_cli" / "tasks" / "real_v2_task_registry.json").read_text()
    assert from_agisdk().snapshot() == committed


def test_snapshot_command_is_byte_for_byte_deterministic(tmp_path):
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    assert halo("tasks", "snapshot", "--out", str(a)).returncode == 0
    assert halo("tasks", "snapshot", "--out", str(b)).returncode == 0
    assert a.read_bytes() == b.read_bytes()
    reg = from_snapshot(a)
    assert len(reg) == 121 and reg.agisdk_version == "0.3.5"


def test_open_registry_prefers_given_snapshot(tmp_path):
    snap = tmp_path / "s.json"
    snap.write_text(from_agisdk().snapshot())
    assert len(open_registry(snap)) == 121
    with pytest.raises(UserError, match="task registry not found"):
        open_registry(tmp_path / "missing.json")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(UserError, match="not a task registry snapshot"):
        open_registry(bad)


def test_tasks_list_shows_total_and_sites():
    out = halo("tasks", "list")
    assert out.returncode == 0, out.stderr
    assert "total: 121 tasks on 11 sites" in out.stdout
    assert "gomail" in out.stdout and "21" in out.stdout


def test_tasks_list_filters_and_writes_json(tmp_path: Path):
    dest = tmp_path / "t.json"
    out = halo("tasks", "list", "--site", "gomail", "--site", "omnizon", "--json", str(dest))
    assert out.returncode == 0, out.stderr
    assert "total: 31 tasks on 2 sites" in out.stdout
    import json

    rows = json.loads(dest.read_text())
    assert len(rows) == 31 and {r["site"] for r in rows} == {"gomail", "omnizon"}
    ids = halo("tasks", "list", "--site", "omnizon", "--ids-only").stdout.split()
    assert ids[0] == "v2.omnizon-3" and len(ids) == 10


@pytest.mark.parametrize(
    "args, message",
    [
        (["tasks", "list", "--site", "nope"], "error: unknown site: nope"),
        (["tasks", "list", "--task-registry", "missing.json"], "missing.json: task registry not found"),
        (["tasks", "list", "--task-version", "v9"], "unknown task version: v9"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args, message):
    out = halo(*args)
    assert out.returncode == 2
    assert message in out.stderr
    assert "Traceback" not in out.stderr and len(out.stderr.strip().splitlines()) == 1


def test_tasks_list_flags_the_tasks_the_audit_names(tmp_path: Path):
    import json

    dest = tmp_path / "t.json"
    out = halo("tasks", "list", "--json", str(dest))
    assert out.returncode == 0, out.stderr
    assert "v2.gocalendar-11" in out.stdout and "unjudgeable" in out.stdout
    rows = {r["id"]: r["audit"] for r in json.loads(dest.read_text())}
    assert rows["v2.gocalendar-11"]["verdict"] == "unjudgeable"
    assert "empty" in rows["v2.gocalendar-11"]["reason"]
    assert rows["v2.networkin-19"]["verdict"] == "hosted-broken"
    assert rows["v2.dashdish-10"]["verdict"] == "loose" and "$20" in rows["v2.dashdish-10"]["reason"]
    assert rows["v2.gomail-1"] is None
    assert sum(a is not None for a in rows.values()) == 14  # every flag names a real v2 task
