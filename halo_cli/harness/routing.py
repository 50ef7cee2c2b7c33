"""Point agisdk tasks at the local sites, keeping their goals, ids and eval scripts: which
tasks the sites serve, a server for them, and a task's arguments for an env (the task
class, agisdk's subclass, is `harness.local_task`: this module imports no agisdk)."""

from __future__ import annotations

import threading

from halo_cli.sites.registry import all_sites, pick_sites, supported_task_ids
from halo_cli.sites.server import LocalServer, start_server
from halo_cli.task_id import TaskId

_lock = threading.Lock()
_server: LocalServer | None = None


def in_process_server() -> LocalServer:
    """This process's own local-sites server, started on first use."""
    global _server
    with _lock:
        if _server is None:
            _server = start_server(all_sites())
        return _server


def local_task_ids() -> set[str]:
    """Every task id (`v2.<name>`) the bundled local sites can serve."""
    return {t for ids in supported_task_ids().values() for t in ids}


def start_local_sites(site_ids: list[str] | None = None) -> LocalServer:
    """A server for the named local sites (all when none), on a free loopback port."""
    return start_server(pick_sites(site_ids))


def local_task_kwargs(task: TaskId, base_url: str | None = None, quick_waits: bool = True
                      ) -> dict[str, object]:
    """`BrowserEnv(task_entrypoint=LocalWebCloneTask, task_kwargs=...)` for `task`.

    `base_url` is a running `halo sites serve` root (e.g. `http://127.0.0.1:8000`); when
    None, an in-process server is started.
    """
    if base_url is None:
        server = in_process_server()
        base_url = f"http://{server.host}:{server.port}"
    return {"task_name": task.name, "task_version": task.version, "base_url": base_url,
            "quick_waits": quick_waits}
