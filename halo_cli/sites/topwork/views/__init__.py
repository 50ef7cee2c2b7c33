"""TopWork's HTML pages, by area: `frame` (the page around every body), `jobs`, `talent`
and `messages`."""

from halo_cli.sites.topwork.views import frame, jobs, messages, talent

__all__ = ["frame", "jobs", "messages", "talent"]
