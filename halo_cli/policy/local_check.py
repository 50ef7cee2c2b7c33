"""The local backend's configuration, checked before anything starts (cheap: no loading).

`HALO_WORKER_BACKEND=local` runs the Worker in-process on a GGUF file (`HALO_LOCAL_MODEL`)
through llama-cpp-python, the optional extra `halo-cli[local]`. LoRA adapters are named
the way vLLM's `--lora-modules` names them (`HALO_LOCAL_ADAPTERS="bc=/p/bc.gguf"`) and
chosen by `HALO_WORKER_MODEL` or the mode's adapter. Each mistake is one UserError line.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from pathlib import Path

from halo_cli.config.settings import Settings
from halo_cli.errors import UserError

EXTRA_HINT = "pip install 'halo-cli[local]'"
GGUF_MAGIC = b"GGUF"


class LocalModelError(UserError):
    """The local model is misconfigured (file, format, adapter, missing extra)."""


@dataclass(frozen=True)
class LocalSpec:
    """What to load: the base GGUF and, optionally, one named LoRA adapter."""

    model_path: Path
    adapter: str | None = None
    adapter_path: Path | None = None
    threads: int | None = None

    @property
    def label(self) -> str:
        """The model's name in results and trajectories: the adapter's, else the file's."""
        return self.adapter or self.model_path.name


def extra_installed() -> bool:
    return importlib.util.find_spec("llama_cpp") is not None


def check_gguf(path: Path, what: str) -> Path:
    """`path` as an absolute path, if it is a readable GGUF file; else LocalModelError."""
    path = Path(path).expanduser()
    if not path.is_file():
        raise LocalModelError(f"{what}: no such file: {path}")
    try:
        with path.open("rb") as f:
            magic = f.read(4)
    except OSError as exc:
        raise LocalModelError(f"{what}: cannot read {path}: {exc.strerror}") from None
    if magic != GGUF_MAGIC:
        raise LocalModelError(f"{what}: {path} is not a GGUF file (llama.cpp's model format)")
    return path.resolve()


def local_spec(settings: Settings, adapter: str | None) -> LocalSpec:
    """The checked local model for one Worker; `adapter` None means the base model."""
    if settings.local_model is None:
        raise LocalModelError("HALO_WORKER_BACKEND=local needs HALO_LOCAL_MODEL (a GGUF file)")
    model = check_gguf(settings.local_model, "HALO_LOCAL_MODEL")
    adapter_path = None
    if adapter is not None:
        known = settings.adapters
        if adapter not in known:
            names = ", ".join(sorted(known)) or "none"
            raise LocalModelError(
                f"unknown adapter {adapter!r}: HALO_LOCAL_ADAPTERS names {names}")
        adapter_path = check_gguf(known[adapter], f"adapter {adapter}")
    if not extra_installed():
        raise LocalModelError(f"the local backend needs llama-cpp-python: {EXTRA_HINT}")
    return LocalSpec(model, adapter, adapter_path, settings.local_threads)
