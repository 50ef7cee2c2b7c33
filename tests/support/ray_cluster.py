"""A Ray head started exactly as README's loopback recipe says, and stopped by its own
process ids (never `ray stop`, which would end every Ray cluster on the machine)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from halo_cli.runner import procs

RAY = str(Path(sys.executable).with_name("ray"))


def clean_env() -> dict[str, str]:
    """This process's environment without any RAY_* variable."""
    return {k: v for k, v in os.environ.items() if not k.startswith("RAY_")}


def start_as_readme(port: int) -> None:
    """`RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER=0 ray start --head --node-ip-address=127.0.0.1
    --port P`, nothing more (README, "Parallel")."""
    env = {**clean_env(), "RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER": "0"}
    subprocess.run([RAY, "start", "--head", "--node-ip-address=127.0.0.1", "--port", str(port)],
                   env=env, check=True, capture_output=True, timeout=180)


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def _session(port: int) -> tuple[int | None, str | None]:
    """(pid of the GCS listening on `port`, the cluster's session directory)."""
    pids = [int(d) for d in os.listdir("/proc") if d.isdigit()]
    gcs = next((p for p in pids if f"--gcs_server_port={port} " in _cmdline(p) + " "), None)
    if gcs is None:
        return None, None
    words = _cmdline(gcs).split()
    return gcs, next((w.split("/logs")[0].split("=", 1)[-1] for w in words
                      if w.startswith("--log_dir=")), None)


def cluster_pids(port: int) -> set[int]:
    """Every process of the cluster whose GCS listens on `port`: all processes naming its
    session directory, and their descendants (Ray's workers)."""
    gcs, session = _session(port)
    if gcs is None:
        return set()
    pids = [int(d) for d in os.listdir("/proc") if d.isdigit()]
    found = {p for p in pids if session and session in _cmdline(p)} | {gcs}
    for pid in list(found):
        found |= procs.descendants(pid)
    return found


def stop(port: int, wait_s: float = 15.0) -> None:
    """SIGTERM the cluster's processes (found once, while its GCS still runs), then
    SIGKILL whatever of them is left; then remove its session directory (and Ray's
    pointer to it, when it still names this cluster)."""
    _, session = _session(port)
    pids = cluster_pids(port)
    for sig in (signal.SIGTERM, signal.SIGKILL):
        for pid in pids:
            try:
                os.kill(pid, sig)
            except OSError:
                pass
        deadline = time.monotonic() + wait_s
        while (pids := {p for p in pids if _alive(p)}) and time.monotonic() < deadline:
            time.sleep(0.3)
    if session and Path(session).name.startswith("session_"):
        shutil.rmtree(session, ignore_errors=True)
        pointer = Path(session).parent / "ray_current_cluster"
        try:
            if pointer.read_text().strip() == f"127.0.0.1:{port}":
                pointer.unlink()
        except OSError:
            pass


def _alive(pid: int) -> bool:
    st = Path(f"/proc/{pid}/stat")
    try:
        return st.read_text().split(") ", 1)[1][0] != "Z"
    except (OSError, IndexError):
        return False
