"""Can this machine reach the hosted REAL sites? `halo doctor --remote`'s probe.

The sites are the base URLs in agisdk's v2 task configs (one site can have more than one).
For each, one of its tasks is opened the way agisdk's set-up opens it, over plain HTTP:
the site, `/config?run_id=0&task_id=...&latency=0` (run id "0": nothing is submitted),
then `/finish` in the same session. All sites are probed at once with short timeouts, so
an offline machine hears so within seconds.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import httpx

from halo_cli.tasks.registry import from_agisdk

#: per request: connect, then read (the hosted sites answer in well under a second)
TIMEOUT = httpx.Timeout(6.0, connect=4.0)


@dataclass(frozen=True)
class HostedSite:
    """One hosted base URL and the task it is probed with."""

    site: str
    url: str
    task: str  # "v2.gomail-1"


@dataclass
class SiteProbe:
    """What worked: each step's HTTP status, or the error that stopped the probe."""

    site: HostedSite
    steps: list[tuple[str, int]] = field(default_factory=list)  # (path, status)
    error: str | None = None
    state: bool = False  # /finish's HTML carries the state JSON in a <pre>

    @property
    def reached(self) -> bool:
        return bool(self.steps)

    @property
    def ok(self) -> bool:
        return self.error is None and all(s < 400 for _, s in self.steps) and len(self.steps) == 3

    def detail(self) -> str:
        said = ", ".join(f"{path} {status}" for path, status in self.steps)
        if self.error:
            return f"{said}; then {self.error}" if said else self.error
        if self.ok:
            where = ("state JSON in its HTML" if self.state
                     else "state rendered by the page's script (a browser reads it)")
            return f"{said}; /finish: {where}"
        return said


def hosted_sites() -> list[HostedSite]:
    """Every distinct hosted base URL of agisdk's v2 tasks, with its first task."""
    out: dict[str, HostedSite] = {}
    for task in from_agisdk().tasks.values():
        url = task.start_url.rstrip("/")
        out.setdefault(url, HostedSite(task.site, url, task.id))
    return sorted(out.values(), key=lambda s: (s.site, s.url))


def _error(exc: Exception) -> str:
    if isinstance(exc, httpx.ConnectError):
        return f"unreachable ({str(exc).strip()[:80] or 'connection failed'})"
    if isinstance(exc, httpx.TimeoutException):
        return f"no answer within {TIMEOUT.read:g} s"
    return f"{type(exc).__name__}: {str(exc)[:80]}"


def probe(site: HostedSite) -> SiteProbe:
    """Open `site`, its task's `/config` and `/finish` in one session (cookies kept)."""
    out = SiteProbe(site)
    paths = [("/", site.url),
             ("/config", f"{site.url}/config?run_id=0&task_id={site.task}&latency=0"),
             ("/finish", f"{site.url}/finish")]
    try:
        with httpx.Client(timeout=TIMEOUT, follow_redirects=True) as http:
            for path, url in paths:
                resp = http.get(url)
                out.steps.append((path, resp.status_code))
                if path == "/finish":
                    out.state = "<pre" in resp.text
    except Exception as exc:  # the probe reports, never raises
        out.error = _error(exc)
    return out


def probe_all(sites: Sequence[HostedSite] | None = None) -> list[SiteProbe]:
    """Every site probed at once (`hosted_sites()` by default), in the sites' order."""
    chosen = list(hosted_sites() if sites is None else sites)
    if not chosen:
        return []
    with ThreadPoolExecutor(max_workers=len(chosen)) as pool:
        return list(pool.map(probe, chosen))
