"""StayNB: an offline replica of REAL's Airbnb-like site."""
