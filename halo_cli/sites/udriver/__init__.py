"""UDriver: an offline replica of REAL's Uber-like site."""
