"""USD list prices per million tokens of known OpenAI and Anthropic (Claude) models;
unknown or self-hosted models cost 0."""

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
    # Claude (Anthropic's Messages API), from platform.claude.com/docs/en/about-claude/pricing
    # and the models' own pages: base input tokens and output tokens (no cache, no batch)
    "claude-fable-5-2": Price(8.00, 40.00),
    "claude-fable-5-1": Price(10.00, 50.00),
    "claude-fable-5": Price(10.00, 50.00),
    "claude-mythos-5-1": Price(10.00, 50.00),
    "claude-mythos-5": Price(10.00, 50.00),
    "claude-opus-5-5": Price(4.00, 20.00),
    "claude-opus-5": Price(5.00, 25.00),
    "claude-opus-4-8": Price(5.00, 25.00),
    "claude-opus-4-7": Price(5.00, 25.00),
    "claude-opus-4-6": Price(5.00, 25.00),
    "claude-opus-4-5": Price(5.00, 25.00),
    "claude-opus-4-1": Price(15.00, 75.00),
    "claude-opus-4": Price(15.00, 75.00),
    "claude-sonnet-5-5": Price(2.00, 10.00),
    "claude-sonnet-5": Price(2.00, 10.00),
    "claude-sonnet-4-6": Price(3.00, 15.00),
    "claude-sonnet-4-5": Price(3.00, 15.00),
    "claude-sonnet-4": Price(3.00, 15.00),
    "claude-3-7-sonnet": Price(3.00, 15.00),
    # Haiku 5.5: the price of prompts up to 100K tokens (HALO's are a few thousand); a longer
    # prompt is billed at $0.50 / $2.50
    "claude-haiku-5-5": Price(0.10, 0.50),
    "claude-haiku-4-5": Price(1.00, 5.00),
    "claude-3-5-haiku": Price(0.80, 4.00),
    "claude-3-haiku": Price(0.25, 1.25),
}


def price(model: str) -> Price | None:
    """The price of `model`: exact name, else the longest known prefix (dated snapshots)."""
    name = model.lower().removeprefix("openai/").removeprefix("anthropic/")
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
