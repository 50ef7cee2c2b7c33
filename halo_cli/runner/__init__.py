"""Running episodes: one task (debug), many (eval, rollout), locally or on Ray."""
