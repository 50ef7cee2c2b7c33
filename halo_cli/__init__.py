"""HALO: a hierarchical web agent and tooling for REAL Bench v2."""

__version__ = "0.1.0"
