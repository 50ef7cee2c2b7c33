"""`--ray-address` when there is no usable cluster: one line naming the address and the
likely fix, exit 2, within the connect timeout, nothing written. (The working case,
README's loopback recipe as written, is in test_eval_browser.py.)"""

from __future__ import annotations

import pytest

from halo_cli.runner.ray_connect import is_loopback, split_address
from halo_cli.sites.server import bind
from tests.support.helpers import halo
from tests.support.ray_cluster import clean_env


def test_loopback_addresses_are_recognised():
    assert all(is_loopback(h) for h in ("127.0.0.1", "127.0.1.1", "localhost", "::1", "[::1]"))
    assert not any(is_loopback(h) for h in ("192.0.2.2", "10.0.0.1", "example.org", ""))
    assert split_address("127.0.0.1:6379") == ("127.0.0.1", 6379)
    assert split_address("[::1]:6379") == ("::1", 6379)
    assert split_address("auto") is None and split_address("host:port") is None


def _eval(tmp_path, address: str, timeout_s: str = "30"):
    env = {**clean_env(), "HALO_RESULTS_DIR": str(tmp_path / "results"),
           "HALO_RAY_CONNECT_TIMEOUT_S": timeout_s}
    return halo("eval", "subset", "--tasks", "gomail-1", "--mode", "hierarchy_vac",
                "--ray-address", address, "--run-id", "r1", env=env, timeout=120)


def test_nothing_listening_is_one_line_naming_the_address_and_the_fix(tmp_path):
    pytest.importorskip("ray")
    with bind() as held:  # bound, never listening: refused, and no other process can take it
        port = held.getsockname()[1]
        out = _eval(tmp_path, f"127.0.0.1:{port}")
    assert out.returncode == 2, out.stdout + out.stderr
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1, out.stderr
    assert f"cannot connect to Ray at 127.0.0.1:{port}: nothing listens" in lines[0]
    assert f"ray start --head --node-ip-address=127.0.0.1 --port {port}" in lines[0]
    assert not (tmp_path / "results" / "r1").exists()


def test_a_port_that_never_answers_gives_up_within_the_timeout(tmp_path):
    """Something accepts TCP there but never speaks Ray: Ray itself would retry forever,
    printing "Failed to connect to GCS" every few seconds."""
    pytest.importorskip("ray")
    with bind() as silent:
        silent.listen(16)
        port = silent.getsockname()[1]
        out = _eval(tmp_path, f"localhost:{port}", timeout_s="4")
    assert out.returncode == 2, out.stdout + out.stderr
    lines = out.stderr.strip().splitlines()
    assert lines == [f"error: cannot connect to Ray at localhost:{port}: no connection within "
                     "4 s; is that the --port of a Ray head started with `ray start --head "
                     "--node-ip-address=127.0.0.1` (see README)?"], out.stderr
    assert "Failed to connect" not in out.stderr + out.stdout
    assert not (tmp_path / "results" / "r1").exists()
