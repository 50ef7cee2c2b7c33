"""Browser set-up: linking a system Chromium where Playwright looks for its own."""

from __future__ import annotations


def test_linking_system_chromium_is_safe_in_parallel(tmp_path):
    """Episode processes starting together all link the same browsers folder."""
    import subprocess
    import sys

    code = ("import sys; from pathlib import Path; from halo_cli.harness.browser import link_system_chromium;"
            " link_system_chromium('/bin/true', Path(sys.argv[1]))")
    procs = [subprocess.Popen([sys.executable, "-c", code, str(tmp_path)],
                              stderr=subprocess.PIPE, text=True) for _ in range(6)]
    errors = [p.communicate()[1] for p in procs]
    assert [p.returncode for p in procs] == [0] * 6, errors
    links = list(tmp_path.glob("*/*/chrome*"))
    assert len(links) == 2 and all(str(p.readlink()) == "/bin/true" for p in links)
