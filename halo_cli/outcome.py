"""Success, defined once: the task's eval script gave full reward.

`EpisodeResult.success` is how a finished episode says it; this function is the same
rule for the layers below the runner that hold only a reward (the Verified Action Cache
writes only successful episodes).
"""

from __future__ import annotations

SUCCESS_REWARD = 1.0


def succeeded(reward: float) -> bool:
    """An episode with this reward succeeded (reward >= 1)."""
    return reward >= SUCCESS_REWARD
