"""`halo doctor --remote` as a user runs it on a machine that cannot reach the hosted REAL
sites (this one: no internet): one line says so, exit 1. Skipped where the sites resolve."""

from __future__ import annotations

import socket

import pytest

from tests.support.helpers import halo


def _online() -> bool:
    try:
        socket.getaddrinfo("real-gomail-1glk4rtaf-real-sites.vercel.app", 443)
    except OSError:
        return False
    return True


@pytest.mark.skipif(_online(), reason="the hosted REAL sites resolve from here")
def test_offline_it_says_in_one_line_that_the_hosted_sites_are_unreachable(tmp_path) -> None:
    out = halo("doctor", "--remote", cwd=tmp_path)
    assert out.returncode == 1, out.stdout + out.stderr
    [row] = [ln for ln in out.stdout.splitlines() if "hosted REAL sites" in ln and "fail" in ln]
    assert "none of the 12 hosted sites answered: unreachable" in row
    assert "1 required check(s) failed" in out.stdout
