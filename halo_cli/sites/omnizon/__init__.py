"""Omnizon: offline replica of REAL's Amazon-like store."""
