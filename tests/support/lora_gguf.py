"""Write LoRA adapters in llama.cpp's GGUF format for a base GGUF (with the `gguf` package).

llama.cpp's layout (src/llama-adapter.cpp): `general.type = adapter`, `adapter.type =
lora`, `adapter.lora.alpha`, the base model's architecture, and for each adapted weight
`W` of ggml shape [n_in, n_out] two tensors `W.lora_a` [n_in, r] and `W.lora_b` [r, n_out]
(numpy shapes are the reverse). The update is `scale * alpha / r * B @ A`.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import numpy as np

TARGETS = re.compile(r"blk\.\d+\.attn_(q|v)\.weight$")


@functools.cache
def _targets(base: Path) -> tuple[str, tuple[tuple[str, int, int], ...]]:
    """The base's architecture and (name, n_in, n_out) of each adapted weight. Read once
    per process: GGUFReader parses the whole vocabulary (~15 s for Gemma 3's 262k tokens)."""
    from gguf import GGUFReader

    reader = GGUFReader(str(base))
    arch = reader.fields["general.architecture"].contents()
    return arch, tuple((t.name, int(t.shape[0]), int(t.shape[1]))
                       for t in reader.tensors if TARGETS.match(t.name))


def write_lora(base: Path, out: Path, *, rank: int = 4, alpha: float = 8.0,
               b_scale: float = 0.0, seed: int = 0) -> Path:
    """A LoRA on the attention q/v weights of `base`: A random, B = b_scale * random
    (b_scale 0: zero-initialised B, as training starts; the model is left unchanged)."""
    from gguf import GGUFWriter

    arch, targets = _targets(Path(base).resolve())
    rng = np.random.default_rng(seed)
    writer = GGUFWriter(str(out), arch)
    writer.add_type("adapter")
    writer.add_string("adapter.type", "lora")
    writer.add_float32("adapter.lora.alpha", alpha)
    for name, n_in, n_out in targets:
        a = rng.standard_normal((rank, n_in)).astype(np.float32) * 0.1
        b = (rng.standard_normal((n_out, rank)) * b_scale).astype(np.float32)
        writer.add_tensor(f"{name}.lora_a", a)
        writer.add_tensor(f"{name}.lora_b", b)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return out
