"""Make a Chromium launchable by Playwright, with or without `playwright install`.

agisdk launches two browsers: the env's (which takes `executable_path`) and the chat
window's (which takes no options). Both find their executable through Playwright's
browser folder, so on machines where `playwright install` cannot download we build a
folder laid out as Playwright expects whose executables link to a system Chromium
(Debian's `chromium`) and point `PLAYWRIGHT_BROWSERS_PATH` at it.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import playwright

SYSTEM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")

# Executable paths inside a Playwright browser folder, per browser name (Linux x64).
_LAYOUT = {
    "chromium": "chrome-linux64/chrome",
    "chromium-headless-shell": "chrome-headless-shell-linux64/chrome-headless-shell",
}
_FOLDER = {"chromium": "chromium", "chromium-headless-shell": "chromium_headless_shell"}


class BrowserNotFound(RuntimeError):
    """No Chromium that Playwright can launch."""


@dataclass(frozen=True)
class BrowserSetup:
    """Where Playwright will find Chromium, and how that was decided."""

    browsers_path: str | None  # value for PLAYWRIGHT_BROWSERS_PATH, None = Playwright default
    executable: str  # the Chromium binary that will run
    source: str  # "playwright" (its own download) or "system" (linked)


def _revisions() -> dict[str, str]:
    """Chromium revisions the installed Playwright expects, read from its browsers.json."""
    path = Path(playwright.__file__).parent / "driver" / "package" / "browsers.json"
    data = json.loads(path.read_text())
    return {b["name"]: b["revision"] for b in data["browsers"] if b["name"] in _LAYOUT}


def _default_browsers_dir() -> Path:
    env = os.environ.get("PLAYWRIGHT_BROWSERS_PATH")
    if env and env != "0":
        return Path(env)
    return Path.home() / ".cache" / "ms-playwright"


def _expected_paths(root: Path) -> dict[str, Path]:
    return {
        name: root / f"{_FOLDER[name]}-{rev}" / _LAYOUT[name] for name, rev in _revisions().items()
    }


def find_system_chromium(explicit: str | None = None) -> str | None:
    """The system Chromium to link to: `explicit` if given, else a known install path."""
    if explicit:
        return explicit if Path(explicit).exists() else None
    for cand in SYSTEM_CANDIDATES:
        if Path(cand).exists():
            return cand
    found = shutil.which("chromium")
    return found


def link_system_chromium(chromium: str, root: Path) -> Path:
    """Lay out `root` as a Playwright browsers folder whose executables run `chromium`.

    Safe when several episode processes do it at once: each link is made under a unique
    name and renamed into place atomically.
    """
    for exe in _expected_paths(root).values():
        exe.parent.mkdir(parents=True, exist_ok=True)
        if not (exe.is_symlink() and os.readlink(exe) == chromium):
            tmp = exe.with_name(f".{exe.name}.{os.getpid()}")
            tmp.unlink(missing_ok=True)
            tmp.symlink_to(chromium)
            os.replace(tmp, exe)
        (exe.parent.parent / "INSTALLATION_COMPLETE").touch()
        (exe.parent.parent / "DEPENDENCIES_VALIDATED").touch()
    return root


def resolve(chromium_path: str | None, data_dir: Path) -> BrowserSetup:
    """Decide how Playwright finds Chromium; link a system one under `data_dir` if needed."""
    default = _expected_paths(_default_browsers_dir())
    if not chromium_path and all(p.exists() for p in default.values()):
        return BrowserSetup(None, str(default["chromium"]), "playwright")
    system = find_system_chromium(chromium_path)
    if system is None:
        where = chromium_path or ", ".join(SYSTEM_CANDIDATES)
        raise BrowserNotFound(
            f"no Chromium found ({where}): run `playwright install chromium`, "
            "or `apt-get install chromium`, or set HALO_CHROMIUM_PATH"
        )
    root = link_system_chromium(system, (data_dir / "browsers").resolve())
    return BrowserSetup(str(root), system, "system")


def activate(chromium_path: str | None, data_dir: Path) -> BrowserSetup:
    """Resolve the browser and export PLAYWRIGHT_BROWSERS_PATH for this process and children."""
    setup = resolve(chromium_path, data_dir)
    if setup.browsers_path:
        os.environ["PLAYWRIGHT_BROWSERS_PATH"] = setup.browsers_path
    return setup
