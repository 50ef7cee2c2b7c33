"""Verified Action Cache and macro skills."""
