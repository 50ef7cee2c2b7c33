"""Connecting the driver to an existing Ray cluster, within a bounded time.

Two things Ray does not do by itself: a loopback address (`127.0.0.1:P`, `localhost:P`)
keeps every connection of the driver on loopback (Ray otherwise swaps the host for the
machine's own address and then retries that forever when the head listens on loopback
only), and a cluster that is not there, or does not answer, ends the attempt after
`timeout_s` with one line naming the address and the likely fix, instead of Ray's
endless "Failed to connect to GCS" retries on stderr.
"""

from __future__ import annotations

import ipaddress
import os
import socket
import sys
import tempfile
import threading
from typing import Any

from halo_cli.errors import UserError

CONNECT_TIMEOUT_S = 30.0
PROBE_TIMEOUT_S = 5.0
START_HINT = ("RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER=0 ray start --head "
              "--node-ip-address=127.0.0.1 --port {port}")


def is_loopback(host: str) -> bool:
    """`localhost`, `127.x.y.z` or `::1`."""
    host = host.strip("[]")
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def split_address(address: str) -> tuple[str, int] | None:
    """`host:port` (or `[v6]:port`) -> (host, port); None when it is not that shape."""
    host, sep, port = address.rpartition(":")
    if not sep or not host or not port.isdigit():
        return None
    return host.strip("[]"), int(port)


def resolve(address: str) -> str:
    """`auto` -> the cluster Ray itself would pick (RAY_ADDRESS, else the last `ray start`
    on this machine); any other address unchanged."""
    if address != "auto":
        return address
    try:
        # deferred: Ray is optional and takes seconds to import; only --ray-address needs it
        from ray._private.services import get_ray_address_from_environment

        found = get_ray_address_from_environment("auto", None)
    except Exception:  # no cluster found, or Ray's private helper moved
        raise UserError("cannot connect to Ray at auto: no running Ray cluster found on this "
                        "machine; start one (`ray start --head`) or pass --ray-address "
                        "HOST:PORT") from None
    return found or address


def keep_on_loopback() -> None:
    """Ray's switch that makes the driver use 127.0.0.1 as its own node address (it is
    read once at import, so the loaded constant is set as well)."""
    os.environ["RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER"] = "0"
    try:
        # deferred: Ray reads the switch above when imported
        from ray._private import ray_constants

        ray_constants.ENABLE_RAY_CLUSTER = False
    except Exception:  # pragma: no cover - a Ray without the constant needs nothing
        pass


def probe(address: str, host: str, port: int, timeout_s: float) -> None:
    """A UserError at once when nothing accepts a TCP connection at host:port."""
    try:
        with socket.create_connection((host, port), timeout=timeout_s):
            return
    except OSError as exc:
        why = "no answer" if isinstance(exc, TimeoutError) else (exc.strerror or str(exc))
    hint = (f"is the head running? start it with `{START_HINT.format(port=port)}`"
            if is_loopback(host) else
            "is the head running there, and is that port reachable from this machine? "
            "use the address `ray start --head` printed")
    raise UserError(f"cannot connect to Ray at {address}: nothing listens at {host}:{port} "
                    f"({why.lower()}); {hint}")


class _QuietStderr:
    """Ray's C++ client writes its retry warnings straight to file descriptor 2: send
    them to a scratch file while connecting. If the attempt is abandoned, Ray's thread
    goes on retrying until the process exits, so fd 2 stays muted and `sys.stderr`
    moves to a copy of the real stderr (the caller's one-line error still shows)."""

    def __init__(self) -> None:
        sys.stderr.flush()
        self.saved = os.dup(2)
        self.scratch = tempfile.TemporaryFile()
        os.dup2(self.scratch.fileno(), 2)

    def release(self) -> None:
        sys.stderr.flush()
        os.dup2(self.saved, 2)
        os.close(self.saved)
        self.scratch.close()

    def abandon(self) -> None:
        sys.stderr.flush()
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        os.close(devnull)
        self.scratch.close()
        sys.stderr = os.fdopen(self.saved, "w", buffering=1)


def init_within(ray: Any, address: str, timeout_s: float, **kwargs: Any) -> BaseException | None:
    """`ray.init` on a helper thread, waited for at most timeout_s: None when connected,
    the exception it raised, or TimeoutError when it did not finish in time."""
    box: dict[str, BaseException | None] = {}

    def go() -> None:
        try:
            ray.init(address=address, **kwargs)
            box["error"] = None
        except BaseException as exc:  # noqa: BLE001 - handed back to the caller
            box["error"] = exc

    quiet = _QuietStderr()
    worker = threading.Thread(target=go, name="ray-connect", daemon=True)
    worker.start()
    worker.join(timeout_s)
    if worker.is_alive():
        quiet.abandon()
        return TimeoutError()
    quiet.release()
    return box.get("error")


def connect(address: str, timeout_s: float = CONNECT_TIMEOUT_S) -> Any:
    """`ray.init` against an existing cluster; a one-line UserError (nothing started)
    when Ray is missing, nothing listens there, or it does not connect within timeout_s."""
    try:
        # deferred: Ray is optional and takes seconds to import; only --ray-address needs it
        import ray
    except ImportError:
        raise UserError("--ray-address needs Ray: pip install ray") from None
    if ray.is_initialized():
        return ray
    target = resolve(address)
    parts = None if "://" in target else split_address(target)
    kwargs: dict[str, Any] = {"log_to_driver": False, "logging_level": "ERROR",
                              "configure_logging": False}
    if parts is not None:
        host, port = parts
        if is_loopback(host):
            keep_on_loopback()
            kwargs["_node_ip_address"] = "127.0.0.1"
        probe(address, host, port, min(PROBE_TIMEOUT_S, timeout_s))
    error = init_within(ray, target, timeout_s, **kwargs)
    if error is None:
        return ray
    where = address if target == address else f"{address} ({target})"
    if isinstance(error, TimeoutError):
        hint = ("is that the --port of a Ray head started with `ray start --head "
                "--node-ip-address=127.0.0.1` (see README)?"
                if parts and is_loopback(parts[0]) else
                "can this machine reach every node of the cluster (its GCS, raylet and "
                "object-manager ports), and is this the address `ray start --head` printed?")
        raise UserError(f"cannot connect to Ray at {where}: no connection within "
                        f"{timeout_s:g} s; {hint}")
    text = str(error).strip()
    first = text.splitlines()[0] if text else type(error).__name__
    raise UserError(f"cannot connect to Ray at {where}: {first}")
