"""USD prices per million tokens for known OpenAI models; unknown or self-hosted cost 0."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Price:
    input_per_m: float
    output_per_m: float


# Standard (non-batch, uncached) list prices.
PRICES: dict[str, Price] = {
    "gpt-4o": Price(2.50, 10.00),
    "gpt-4o-2024-05-13": Price(5.00, 15.00),
    "gpt-4o-mini": Price(0.15, 0.60),
    "gpt-4.1": Price(2.00, 8.00),
    "gpt-4.1-mini": Price(0.40, 1.60),
    "gpt-4.1-nano": Price(0.10, 0.40),
    "gpt-4.5-preview": Price(75.00, 150.00),
    "gpt-4-turbo": Price(10.00, 30.00),
    "gpt-4": Price(30.00, 60.00),
    "gpt-3.5-turbo": Price(0.50, 1.50),
    "gpt-5": Price(1.25, 10.00),
    "gpt-5-mini": Price(0.25, 2.00),
    "gpt-5-nano": Price(0.05, 0.40),
    "o1": Price(15.00, 60.00),
    "o1-mini": Price(1.10, 4.40),
    "o1-pro": Price(150.00, 600.00),
    "o3": Price(2.00, 8.00),
    "o3-mini": Price(1.10, 4.40),
    "o3-pro": Price(20.00, 80.00),
    "o4-mini": Price(1.10, 4.40),
}


def price(model: str) -> Price | None:
    """The price of `model`: exact name, else the longest known prefix (dated snapshots)."""
    name = model.lower().removeprefix("openai/")
    if name in PRICES:
        return PRICES[name]
    best = max((k for k in PRICES if name.startswith(k + "-")), key=len, default=None)
    return PRICES[best] if best else None


def cost_usd(model: str, tokens_in: int, tokens_out: int) -> float:
    """Cost of one call; 0.0 for models without a known price."""
    p = price(model)
    if p is None:
        return 0.0
    return (tokens_in * p.input_per_m + tokens_out * p.output_per_m) / 1_000_000
