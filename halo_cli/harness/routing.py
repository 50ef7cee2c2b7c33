"""Point agisdk tasks at the local sites, keeping their goals, ids and eval scripts."""

from __future__ import annotations

import threading

from agisdk.REAL.browsergym.webclones.base import AbstractWebCloneTask

from halo_cli.sites.server import LocalServer, start_server
from halo_cli.tasks.ids import TaskId


class LocalWebCloneTask(AbstractWebCloneTask):
    """agisdk's web-clone task, served from `base_url/<site>` instead of the hosted site."""

    def __init__(self, seed: int, task_name: str, task_version: str, base_url: str,
                 **kwargs: object) -> None:
        super().__init__(seed, task_name=task_name, task_version=task_version, **kwargs)
        self.url = f"{base_url.rstrip('/')}/{TaskId(task_version, task_name).site}"


_lock = threading.Lock()
_server: LocalServer | None = None


def in_process_server() -> LocalServer:
    """This process's own local-sites server, started on first use."""
    global _server
    with _lock:
        if _server is None:
            from halo_cli.sites.registry import all_sites

            _server = start_server(all_sites())
        return _server


def local_task_ids() -> set[str]:
    """Every task id (`v2.<name>`) the bundled local sites can serve."""
    from halo_cli.sites.registry import supported_task_ids

    return {t for ids in supported_task_ids().values() for t in ids}


def start_local_sites(site_ids: list[str] | None = None) -> LocalServer:
    """A server for the named local sites (all when none), on a free loopback port."""
    from halo_cli.sites.registry import pick_sites

    return start_server(pick_sites(site_ids))


def local_task_kwargs(task_name: str, base_url: str | None = None) -> dict[str, object]:
    """`BrowserEnv(task_entrypoint=LocalWebCloneTask, task_kwargs=...)` for a bare v2 task name.

    `base_url` is a running `halo sites serve` root (e.g. `http://127.0.0.1:8000`); when
    None, an in-process server is started.
    """
    if base_url is None:
        server = in_process_server()
        base_url = f"http://{server.host}:{server.port}"
    return {"task_name": task_name, "task_version": "v2", "base_url": base_url}
