"""The Verified Action Cache shipped with HALO (data only)."""
