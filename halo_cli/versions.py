"""Versions of what a result depends on, recorded in run.json and trajectory headers."""

from __future__ import annotations

import functools
import platform
import sys
from importlib import metadata

PACKAGES = ("halo-cli", "agisdk", "playwright", "openai", "pydantic", "ray", "rich", "typer")


def package_versions() -> dict[str, str]:
    """Python, the platform, and each package's version ("not installed" when absent)."""
    return dict(_versions())


@functools.cache
def _versions() -> dict[str, str]:
    """Read once per process (package metadata costs tens of ms)."""
    out = {"python": sys.version.split()[0], "platform": platform.platform()}
    for pkg in PACKAGES:
        try:
            out[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            out[pkg] = "not installed"
    return out
