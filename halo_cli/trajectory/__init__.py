"""Trajectories: one JSONL file per attempt, one line per step."""
