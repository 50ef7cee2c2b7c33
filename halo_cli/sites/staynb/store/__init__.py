"""StayNB's store, as REAL's React store keeps it (and as REAL's scripts read it):

- `search`: only `recentSearches: []` in the seed, so every applied key lands in `added`:
  `appliedDestination`, `appliedDates.{startDate,endDate}` (or null for any dates),
  `appliedGuestCounts.{Adults,Children,Infants,Pets}`, `appliedFilters.{amenities, bedrooms,
  beds, bathrooms, minPrice, maxPrice}` (once the Filters form is applied), and
  `recentSearches` (appended to, never reordered): the catalogue and the search and filter
  logic are in `search`
- `booking.{isBooking, currentBooking, errors, bookingDetails: []}`,
  `wishlist.wishlists.<id>.{id, name, stays: [snapshot]}` (none in the seed) and
  `share.shared: []`: in `trips`
- `config.staynb.{run_id, latency}` (no `removePopup`), written by `/config`
"""

from __future__ import annotations

from typing import Any

from halo_cli.sites.staynb.store import search, trips

USER = {"name": "Alex Rivera", "email": "alex.rivera@example.com",
        "location": "Los Angeles, California"}


def seed_state() -> dict[str, Any]:
    """A fresh store (the same for every task)."""
    return {
        "search": {"recentSearches": []},
        "booking": {"isBooking": False, "currentBooking": None, "errors": {},
                    "bookingDetails": []},
        "wishlist": {"wishlists": {}},
        "share": {"shared": []},
        "user": dict(USER),
    }


__all__ = ["USER", "search", "seed_state", "trips"]
