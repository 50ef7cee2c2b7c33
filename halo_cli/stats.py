"""Uncertainty for success rates: Wilson intervals, and paired comparisons of two modes on the
same episodes (the difference with a bootstrap interval, and the exact McNemar test).

Pure Python and deterministic (the bootstrap is seeded), so tables rebuild identically.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass

#: z for a two-sided 95% interval
Z95 = 1.959963984540054


@dataclass(frozen=True)
class Interval:
    """A proportion's 95% interval, as fractions in [0, 1]."""

    low: float
    high: float

    def pct(self) -> str:
        """`[41, 78]%`-style text (whole percent)."""
        return f"[{self.low * 100:.0f}, {self.high * 100:.0f}]%"


def wilson(successes: int, n: int, z: float = Z95) -> Interval | None:
    """The Wilson score interval of `successes` out of `n` (None when n is 0)."""
    if n <= 0:
        return None
    if not 0 <= successes <= n:
        raise ValueError(f"successes must be in [0, {n}]: {successes}")
    p = successes / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return Interval(max(0.0, centre - half), min(1.0, centre + half))


def rate_text(successes: int, n: int) -> str:
    """`62% [31, 86]% (5/8)`: the rate, its 95% Wilson interval and the counts."""
    ci = wilson(successes, n)
    if ci is None:
        return "- (0 episodes)"
    return f"{successes / n * 100:.0f}% {ci.pct()} ({successes}/{n})"


def mcnemar_exact(b: int, c: int) -> float:
    """Two-sided exact McNemar p-value for `b` pairs won only by A and `c` only by B (the
    binomial test of min(b, c) among b + c discordant pairs at p = 1/2)."""
    n = b + c
    if n == 0:
        return 1.0
    k = min(b, c)
    tail = sum(math.comb(n, i) for i in range(k + 1)) / 2 ** n
    return min(1.0, 2 * tail)


@dataclass(frozen=True)
class Paired:
    """Mode B against mode A on the same (task, attempt) pairs."""

    n: int  # pairs compared
    a_successes: int
    b_successes: int
    b_only: int  # pairs B won and A lost (flipped to success)
    a_only: int  # pairs A won and B lost (flipped to failure)
    diff: float  # B's rate minus A's, as a fraction
    ci: Interval  # bootstrap 95% interval of diff (fractions, may be negative)
    p_value: float  # exact McNemar

    def text(self) -> str:
        """`+38 pts [+12, +62] (n=8; 3 up, 0 down; McNemar p=0.25)`."""
        return (f"{self.diff * 100:+.0f} pts [{self.ci.low * 100:+.0f}, {self.ci.high * 100:+.0f}] "
                f"(n={self.n}; {self.b_only} up, {self.a_only} down; McNemar p={self.p_value:.3g})")


def paired(a: Sequence[bool], b: Sequence[bool], *, resamples: int = 4000,
           seed: int = 0) -> Paired | None:
    """Compare outcomes `b` against `a`, pair by pair (same tasks and attempts, in the same
    order). The interval is a percentile bootstrap over pairs; None when there are none."""
    if len(a) != len(b):
        raise ValueError(f"paired outcomes need equal lengths: {len(a)} vs {len(b)}")
    n = len(a)
    if n == 0:
        return None
    deltas = [int(bool(y)) - int(bool(x)) for x, y in zip(a, b, strict=True)]
    rng = random.Random(seed)
    boots = sorted(sum(rng.choices(deltas, k=n)) / n for _ in range(resamples))
    lo = boots[int(0.025 * (resamples - 1))]
    hi = boots[int(math.ceil(0.975 * (resamples - 1)))]
    b_only = sum(1 for d in deltas if d > 0)
    a_only = sum(1 for d in deltas if d < 0)
    return Paired(n=n, a_successes=sum(map(bool, a)), b_successes=sum(map(bool, b)),
                  b_only=b_only, a_only=a_only, diff=sum(deltas) / n, ci=Interval(lo, hi),
                  p_value=mcnemar_exact(b_only, a_only))
