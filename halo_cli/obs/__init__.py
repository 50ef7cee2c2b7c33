"""Observation processing: AXTree nodes, locating elements, summaries, page types."""
