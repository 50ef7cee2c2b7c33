"""Omnizon seed data (products.json); a package so wheels ship the JSON."""
