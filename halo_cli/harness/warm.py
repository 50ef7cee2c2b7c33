"""This process's warm Chromium: launched once, shared by its episodes (each in a fresh
context: `harness.fast_env`), relaunched if it died.

An episode worker launches it before its first job (`launch_warm`, from
`runner.child`), so the first episode's reset finds it running.
"""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path
from typing import Any

#: what agisdk's reset passes to `chromium.launch()` for a headless FastBrowserEnv
#: (`slow_mo` 0: FastBrowserEnv's override when headless; no args, no pw_chromium_kwargs)
HEADLESS_LAUNCH: dict[str, Any] = {"headless": True, "slow_mo": 0, "args": None}


def playwright() -> Any:
    """This process's Playwright: agisdk's global one (started on first use)."""
    from agisdk.REAL.browsergym.core import _get_global_playwright  # deferred: agisdk

    return _get_global_playwright()


class WarmBrowser:
    """One headless Chromium per process, launched on first use and relaunched if it died."""

    def __init__(self) -> None:
        self._browser: Any = None
        self._key: tuple | None = None
        self._lock = threading.Lock()
        self.launches = 0

    def get(self, playwright: Any, **launch_kwargs: Any) -> Any:
        key = tuple(sorted((k, repr(v)) for k, v in launch_kwargs.items()))
        with self._lock:
            alive = self._browser is not None and self._browser.is_connected()
            if not alive or key != self._key:
                self.close()
                self._browser = playwright.chromium.launch(**launch_kwargs)
                self._key = key
                self.launches += 1
            return self._browser

    def close(self) -> None:
        if self._browser is not None:
            with contextlib.suppress(Exception):
                self._browser.close()
        self._browser = None


#: this process's warm browser (an episode worker runs many episodes on it)
WARM = WarmBrowser()


def launch_warm(chromium_path: str | None, data_dir: Path | str, warm: WarmBrowser = WARM) -> None:
    """Launch the warm browser now, as a headless FastBrowserEnv's first reset would (the
    same Chromium, the same launch arguments), so that reset finds it running."""
    from halo_cli.harness.browser import activate

    activate(chromium_path, Path(data_dir))
    warm.get(playwright(), **HEADLESS_LAUNCH)
