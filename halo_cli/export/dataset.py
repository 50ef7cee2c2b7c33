"""Writing an export: rows to Parquet with `datasets` features, atomically, plus its card.

The folder that results (`data/train-00000-of-00001.parquet`, `README.md`) opens with
`datasets.load_dataset(DIR)`; images are stored as the JPEG bytes the model was sent.
It is built beside `DIR` and renamed into place at the end: an export that fails (or
finds nothing to write) leaves nothing behind.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from halo_cli.errors import UserError
from halo_cli.redact import Scrubber

DATA_FILE = "data/train-00000-of-00001.parquet"
BATCH = 64


@dataclass
class Tally:
    """What the card reports: counts per site, mode, source; the runs and models used."""

    examples: int = 0
    by: dict[str, Counter[str]] = field(default_factory=dict)
    runs: dict[str, str] = field(default_factory=dict)  # run id -> command
    models: set[str] = field(default_factory=set)
    episodes: set[tuple[str, str, int]] = field(default_factory=set)
    packaged_left_out: int = 0  # steps replayed from the packaged cache, not exported
    caches: dict[str, Any] = field(default_factory=dict)  # run id -> its cache_state

    def add(self, **keys: str) -> None:
        self.examples += 1
        for k, v in keys.items():
            self.by.setdefault(k, Counter())[v] += 1


def trl_messages(messages: list[dict[str, Any]], images: bool) -> list[dict[str, Any]]:
    """Chat messages in TRL's conversational form: with `images`, every content a list of
    parts, `{"type": "image"}` where an image was (the image goes to the `images`
    column); without, every content one string (image parts dropped)."""
    out = []
    for m in messages:
        content = m.get("content")
        parts = ([{"type": "text", "text": content}] if isinstance(content, str)
                 else [{"type": "image", "text": None} if p.get("type") == "image_url"
                       else {"type": "text", "text": p.get("text", "")} for p in content or ()])
        if images:
            out.append({"role": m["role"], "content": parts})
        else:
            out.append({"role": m["role"], "content": "\n\n".join(
                p["text"] for p in parts if p["type"] == "text")})
    return out


def _datasets() -> Any:
    try:
        # deferred: the optional `export` extra (missing: one UserError line); ~1 s to import
        import datasets
    except ImportError:
        raise UserError("halo export needs the `datasets` package: "
                        "pip install 'halo-cli[export]'") from None
    return datasets


def message_feature(images: bool) -> Any:
    List, Value = _datasets().List, _datasets().Value  # noqa: N806

    if images:
        part = {"type": Value("string"), "text": Value("string")}
        return List({"role": Value("string"), "content": List(part)})
    return List({"role": Value("string"), "content": Value("string")})


def features(columns: dict[str, Any], meta: dict[str, str], images: bool) -> Any:
    """`datasets.Features` of the chat `columns`, an `images` column, and string/number
    `meta` columns ("string", "int32", "float32")."""
    ds = _datasets()
    Features, Image, List, Value = ds.Features, ds.Image, ds.List, ds.Value  # noqa: N806

    spec = dict(columns)
    if images:
        spec["images"] = List(Image())
    spec.update({k: Value(t) for k, t in meta.items()})
    return Features(spec)


def check_out(out: Path) -> None:
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise UserError(f"--out {out} exists and is not empty: choose a new folder")


def write_dataset(out: Path, rows: Iterable[dict[str, Any]], feats: Any,
                  card: Callable[[], str], empty: Callable[[], str],
                  secrets: Sequence[str] = ()) -> int:
    """Write `rows` under `out` (which must be absent or empty), secrets scrubbed; returns
    the row count. With no row, UserError("0 examples: " + empty()), nothing written."""
    # deferred: pyarrow comes with the optional `datasets` (see _datasets)
    import pyarrow as pa
    import pyarrow.parquet as pq

    scrub = Scrubber(secrets)
    check_out(out)
    out = out.resolve()
    tmp = out.parent / f".{out.name}.partial-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    (tmp / DATA_FILE).parent.mkdir(parents=True)
    count = 0
    try:
        schema = feats.arrow_schema
        with pq.ParquetWriter(tmp / DATA_FILE, schema) as writer:
            batch: list[dict[str, Any]] = []
            for row in rows:
                batch.append(feats.encode_example(scrub.obj(row)))
                count += 1
                if len(batch) >= BATCH:
                    writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                    batch = []
            if batch:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
        if count == 0:
            raise UserError(f"0 examples: {empty()}")
        (tmp / "README.md").write_text(scrub.text(card()), encoding="utf-8")
        if out.exists():
            out.rmdir()  # empty, checked above
        os.replace(tmp, out)
    except BaseException:
        with contextlib.suppress(OSError):
            shutil.rmtree(tmp)
        raise
    return count
