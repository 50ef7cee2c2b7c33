"""The REAL task registry: discovery from agisdk, snapshots, id normalisation."""
