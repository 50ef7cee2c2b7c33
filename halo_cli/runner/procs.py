"""Find and kill every process an episode started, Chromium included (Linux /proc).

Playwright launches Chromium detached (its own session), and Chromium's crashpad
handlers re-parent to init, so killing the episode's process group is not enough.
Each episode runs with a marker in its environment (`HALO_EPISODE_TOKEN`); every
process it starts inherits it, so a /proc scan finds them all, and their process
groups take Chromium's zygotes and renderers (which drop the environment) with them.
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterable
from pathlib import Path

TOKEN_VAR = "HALO_EPISODE_TOKEN"
_PROC = Path("/proc")


def _stat(pid: int) -> tuple[str, int, int, str] | None:
    """(comm, ppid, pgid, state) of `pid`, or None when it is gone."""
    try:
        raw = (_PROC / str(pid) / "stat").read_text()
    except OSError:
        return None
    comm = raw[raw.index("(") + 1 : raw.rindex(")")]
    fields = raw[raw.rindex(")") + 2 :].split()
    return comm, int(fields[1]), int(fields[2]), fields[0]


def _pids() -> list[int]:
    try:
        return [int(d) for d in os.listdir(_PROC) if d.isdigit()]
    except OSError:  # no /proc (not Linux): nothing to find
        return []


def descendants(root: int) -> set[int]:
    """Live processes below `root` in the parent tree (not `root` itself)."""
    children: dict[int, list[int]] = {}
    for pid in _pids():
        st = _stat(pid)
        if st is not None:
            children.setdefault(st[1], []).append(pid)
    out: set[int] = set()
    todo = [root]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in out:
                out.add(child)
                todo.append(child)
    return out


def marked(token: str, prefix: bool = False) -> set[int]:
    """Processes whose environment holds `HALO_EPISODE_TOKEN=token` (or starts with it)."""
    needle = f"\0{TOKEN_VAR}={token}".encode()
    if not prefix:
        needle += b"\0"
    me = os.getpid()
    out = set()
    for pid in _pids():
        if pid == me:
            continue
        try:
            env = b"\0" + (_PROC / str(pid) / "environ").read_bytes() + b"\0"
        except OSError:
            continue
        if needle in env:
            out.add(pid)
    return out


def with_groups(pids: Iterable[int]) -> set[int]:
    """`pids` plus every process sharing a process group with one of them."""
    pids = set(pids)
    groups = {st[2] for p in pids if (st := _stat(p)) is not None}
    groups.discard(os.getpgrp())
    groups -= {0, 1}
    for pid in _pids():
        st = _stat(pid)
        if st is not None and st[2] in groups:
            pids.add(pid)
    return pids


def _kill(pids: set[int], groups: set[int]) -> None:
    own = os.getpgrp()
    for pgid in groups - {0, 1, own}:
        try:
            os.killpg(pgid, signal.SIGKILL)
        except OSError:
            pass
    for pid in pids - {os.getpid()}:
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass


def kill_episode(root: int | None, token: str, prefix: bool = False, rounds: int = 3) -> int:
    """SIGKILL `root`, its descendants, everything marked with `token`, and their groups.

    Repeats a few times, since a dying tree can still spawn. Returns how many processes
    were found. Never touches the caller's own process group.
    """
    found: set[int] = set()
    for _ in range(rounds):
        pids = marked(token, prefix)
        if root is not None:
            pids |= descendants(root)
            if _stat(root) is not None:
                pids.add(root)
        pids = with_groups(pids)
        if not pids:
            break
        groups = {st[2] for p in pids if (st := _stat(p)) is not None}
        if root is not None:
            groups.add(root)  # root was started as a session (group) leader
        _kill(pids, groups)
        found |= pids
        time.sleep(0.1)
    return len(found)


def browser_processes(token: str, prefix: bool = True) -> list[tuple[int, str]]:
    """Chromium processes (and their group mates) belonging to `token`: (pid, comm)."""
    out = []
    for pid in sorted(with_groups(marked(token, prefix))):
        st = _stat(pid)
        if st is not None and st[3] != "Z" and ("chrom" in st[0] or "headless" in st[0]):
            out.append((pid, st[0]))
    return out
