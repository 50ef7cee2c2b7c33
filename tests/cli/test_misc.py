"""CLI commands as a user runs them: `halo sites serve|list`, `halo cache`, config errors."""

from __future__ import annotations

import json
import subprocess
import sys

import httpx
import pytest

from halo_cli.cache.vac import PACKAGED_CACHE
from halo_cli.sites.registry import all_sites
from tests.support.helpers import REPO, halo


def test_sites_serve_prints_urls_and_serves_sessions():
    proc = subprocess.Popen([sys.executable, "-m", "halo_cli", "sites", "serve", "--port", "0"],
                            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        urls = json.loads(proc.stdout.readline())
        assert set(urls) == {s.id for s in all_sites()} >= {"gomail", "omnizon"}
        base = urls["gomail"]
        assert httpx.get(base + "/config").status_code == 400
        assert httpx.get(base + "/config?task_id=v2.gomail-999").status_code == 404
        assert httpx.get(base.rsplit("/", 1)[0] + "/no/such/page").status_code == 404
        with httpx.Client(follow_redirects=True) as c:
            assert c.get(base + "/config?task_id=v2.gomail-1").status_code == 200
            page = c.get(base + "/")
            assert page.status_code == 200 and "Inbox" in page.text
            assert "<pre>" in c.get(base + "/finish").text
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_sites_list_json_names_every_supported_task():
    out = halo("sites", "list", "--json")
    assert out.returncode == 0, out.stderr
    ids = json.loads(out.stdout)
    assert len(ids["gomail"]) == 21 and len(ids["omnizon"]) == 10
    assert "v2.omnizon-3" in ids["omnizon"]


def test_sites_serve_on_a_taken_port_is_one_line(tmp_path):
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        out = halo("sites", "serve", "--port", str(s.getsockname()[1]), cwd=tmp_path)
    assert out.returncode == 2 and out.stderr.startswith("error: cannot serve on 127.0.0.1:")


def test_cache_import_stats_export_clear(tmp_path):
    env = {"HALO_DATA_DIR": str(tmp_path / "data")}
    packaged = sum(1 for f in PACKAGED_CACHE.glob("*.jsonl")
                   for line in f.read_text().splitlines() if line.strip())
    for f in sorted(PACKAGED_CACHE.glob("*.jsonl")):
        out = halo("cache", "import", str(f), cwd=tmp_path, env=env)
        assert out.returncode == 0 and "imported" in out.stdout, out.stderr
    stats = halo("cache", "stats", cwd=tmp_path, env=env).stdout
    assert f"entries: {packaged} (packaged, read-only: {packaged})" in stats
    assert "gomail:" in stats and "omnizon:" in stats
    dest = tmp_path / "out.jsonl"
    assert halo("cache", "export", str(dest), cwd=tmp_path, env=env).returncode == 0
    assert len(dest.read_text().splitlines()) == packaged
    cleared = halo("cache", "clear", "--site", "omnizon", "--yes", cwd=tmp_path, env=env)
    assert cleared.returncode == 0
    assert "omnizon:" not in halo("cache", "stats", cwd=tmp_path, env=env).stdout
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json}\n")
    out = halo("cache", "import", str(bad), cwd=tmp_path, env=env)
    assert out.returncode == 2 and "bad.jsonl:1: not a VAC entry" in out.stderr


@pytest.mark.parametrize("text, message", [
    ("experiments:\n  x:\n    mode: turbo\n", "experiments.x.mode: unknown mode 'turbo'"),
    ("experiments: [\n", "invalid YAML at line"),
])
def test_rollout_with_a_bad_config_is_one_line_exit_2(tmp_path, text, message):
    cfg = tmp_path / "exp.yaml"
    cfg.write_text(text)
    out = halo("rollout", "--config", str(cfg), "--experiment", "x", "--tasks", "gomail-1",
               "--dry-run", cwd=tmp_path)
    assert out.returncode == 2, out.stdout + out.stderr
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {cfg}: ") and message in lines[0]


def test_debug_unknown_task_and_mode(tmp_path):
    out = halo("debug", "gomail-99", cwd=tmp_path)
    assert out.returncode == 2 and "unknown task: v2.gomail-99" in out.stderr
    out = halo("debug", "gomail-1", "--mode", "turbo", cwd=tmp_path)
    assert out.returncode == 2 and "unknown mode: turbo" in out.stderr
    registry = json.loads((REPO / "halo_cli" / "tasks" / "real_v2_task_registry.json").read_text())
    fake = {**registry["tasks"][0], "id": "v2.elsewhere-1", "site": "elsewhere"}
    (tmp_path / "reg.json").write_text(json.dumps({**registry, "tasks": [fake]}))
    out = halo("debug", "elsewhere-1", "--task-registry", "reg.json", cwd=tmp_path)
    assert out.returncode == 2 and "no local replica for: v2.elsewhere-1" in out.stderr
