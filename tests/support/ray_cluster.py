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
RAY_TMP = Path(os.environ.get("TMPDIR") or "/tmp") / "ray"  # Ray's own default, RAY_* unset


def clean_env() -> dict[str, str]:
    """This process's environment without any RAY_* variable."""
    return {k: v for k, v in os.environ.items() if not k.startswith("RAY_")}


def start_as_readme() -> int:
    """`RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER=0 ray start --head --node-ip-address=127.0.0.1
    --port P` (README, "Parallel") with P = 0: the head binds a port of the system's choice
    itself (no port guessed here and taken by another process before Ray binds it).
    Returns the port it got."""
    env = {**clean_env(), "RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER": "0"}
    with subprocess.Popen([RAY, "start", "--head", "--node-ip-address=127.0.0.1", "--port", "0"],
                          env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT) as proc:
        out, _ = proc.communicate(timeout=180)
    # the session is named for the process that started it; Ray persists the GCS port there
    ports = [int(p.read_text().strip() or 0)
             for p in RAY_TMP.glob(f"session_*_{proc.pid}/gcs_server_port_*")]
    if proc.returncode != 0 or len(ports) != 1:
        for port in ports:
            stop(port)  # a head that started only in part (a busy machine's raylet timeout)
        raise subprocess.CalledProcessError(proc.returncode, proc.args, out)
    return ports[0]


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def _session(port: int) -> tuple[int | None, str | None]:
    """(pid of the GCS listening on `port`, the cluster's session directory): the live
    cluster among the sessions whose persisted GCS port is `port`."""
    pids = [int(d) for d in os.listdir("/proc") if d.isdigit()]
    gcs_lines = {p: line for p in pids if "gcs_server" in (line := _cmdline(p))}
    for persisted in RAY_TMP.glob("session_*/gcs_server_port_*"):
        try:
            if persisted.read_text().strip() != str(port):
                continue
        except OSError:
            continue
        session = str(persisted.parent)
        gcs = next((p for p, line in gcs_lines.items() if f"--log_dir={session}/logs " in line + " "),
                   None)
        if gcs is not None:
            return gcs, session
    return None, None


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
