"""Training datasets from rollouts: `halo export sft|dpo` (TRL formats, Parquet, a card)."""
