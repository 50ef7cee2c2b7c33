"""`halo report`: a run as a self-contained web folder (index, one page per episode,
per-task comparisons, screenshots), opened from file:// with no server and no network."""
