"""Errors a user can cause: the CLI prints their message on one line and exits 2."""

from __future__ import annotations


class UserError(Exception):
    """Bad input (task id, config file, missing key): one clear line, exit code 2."""

    exit_code = 2


def field_path(loc: tuple[object, ...]) -> str:
    """pydantic's error location as one path: `experiments.fast.overrides[0]`."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def invalid(where: str, exc: Exception, prefix: str = "") -> UserError:
    """A pydantic ValidationError as one UserError line: `<where>: <prefix><field>: <msg>`."""
    err = exc.errors()[0]  # type: ignore[attr-defined]
    return UserError(f"{where}: {prefix}{field_path(tuple(err['loc']))}: {err['msg']}")
