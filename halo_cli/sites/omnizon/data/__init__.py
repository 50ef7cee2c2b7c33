"""Omnizon's data: products.json (what the store reads), built from catalog.yaml by
build_products.py; a package so wheels ship them."""
