"""OpenDining: a local replica of REAL's OpenTable-like site."""
