"""StayNB's pages: the frame (`layout`), search (`search`), a listing (`stay`), booking,
trips and wishlists (`trips`)."""

from halo_cli.sites.staynb.views import layout, search, stay, trips

__all__ = ["layout", "search", "stay", "trips"]
