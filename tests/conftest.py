"""Fixtures shared across the suite."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(scope="session")
def browser_ready(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Point Playwright at a launchable Chromium (system one linked if needed)."""
    from halo_cli.harness.browser import activate

    data = tmp_path_factory.mktemp("halo-data")
    activate(None, data)
    return data


@pytest.fixture(scope="session")
def playwright(browser_ready: Path) -> Any:
    """The process's one sync Playwright: agisdk's global instance, which the envs a test
    runs in-process start too (a second `sync_playwright()` in the same thread fails)."""
    from agisdk.REAL.browsergym.core import _get_global_playwright

    return _get_global_playwright()
