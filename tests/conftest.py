"""Fixtures shared across the suite."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def browser_ready(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Point Playwright at a launchable Chromium (system one linked if needed)."""
    from halo_cli.harness.browser import activate

    data = tmp_path_factory.mktemp("halo-data")
    activate(None, data)
    return data
