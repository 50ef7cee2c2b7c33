"""The per-step orchestrator: cache -> macro -> Worker -> Manager (gated)."""
