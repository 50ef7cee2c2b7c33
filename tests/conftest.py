"""Fixtures shared across the suite: the seal from the developer's keys, and the browser."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.seal import seal


@pytest.fixture(scope="session", autouse=True)
def sealed_session() -> Iterator[None]:
    """No test, and no fixture of any scope, sees the developer's `.env`, `OPENAI_*`,
    `ANTHROPIC_*`, `REAL_*`, `RUNID` or `HALO_*` (tests/support/seal.py)."""
    with pytest.MonkeyPatch.context() as mp:
        seal(mp)
        yield


@pytest.fixture(autouse=True)
def sealed(monkeypatch: pytest.MonkeyPatch) -> None:
    """The seal again around each test, so a test that sets a variable without
    monkeypatch cannot hand it to the next one."""
    seal(monkeypatch)


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
