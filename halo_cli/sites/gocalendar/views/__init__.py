"""GoCalendar's pages: the frame (`layout`), the day, week and month grids (`grids`), the
create and edit forms (`forms`), and the pages of events, tasks, the Bin and search
(`items`)."""

from halo_cli.sites.gocalendar.views import forms, grids, items, layout

__all__ = ["forms", "grids", "items", "layout"]
