"""Which Verified Action Cache an episode uses, and what a run says about it.

`--cache user|fresh|none` picks the cache vac modes read and write (HALO_DATA_DIR's, an empty
one of the run's own, or none); `--packaged-cache` layers the cache recorded from the local
sites' reference solutions under it. run.json, matrix.md, the report and export cards state
which it was, with its entries at start, so a mode comparison never silently inherits what
earlier runs learned or replays the answer key.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from halo_cli.cache.vac import PACKAGED_CACHE, VerifiedActionCache, packaged_size
from halo_cli.runner.models import EpisodeSpec


def cache_file(spec: EpisodeSpec) -> Path | None:
    """The cache file the episode reads and writes (None: no cache)."""
    if not spec.mode.vac or spec.cache == "none":
        return None
    if spec.cache == "fresh" and spec.cache_path is not None:
        return spec.cache_path
    return Path(spec.data_dir) / "cache" / "vac.sqlite"


def open_cache(spec: EpisodeSpec) -> VerifiedActionCache | None:
    """The episode's Verified Action Cache, over the packaged one only when asked."""
    path = cache_file(spec)
    if path is None:
        return None
    return VerifiedActionCache(path, PACKAGED_CACHE if spec.use_packaged_cache else None)


def cache_state(plan: list[EpisodeSpec]) -> dict[str, Any]:
    """What run.json, matrix.md and the report say about the cache a run starts with."""
    spec = next((s for s in plan if s.mode.vac), plan[0] if plan else None)
    if spec is None:
        return {"cache": "none", "path": None, "entries_at_start": 0, "packaged": False}
    path = cache_file(spec)
    entries = 0
    if path is not None and path.exists():
        vac = VerifiedActionCache(path)
        try:
            entries = vac.stats().entries
        finally:
            vac.close()
    packaged = bool(spec.use_packaged_cache and path is not None)
    state: dict[str, Any] = {"cache": spec.cache if spec.mode.vac else "unused (no vac mode)",
                             "path": str(path) if path else None,
                             "entries_at_start": entries, "packaged": packaged}
    if packaged:
        state["packaged_entries"] = packaged_size()
    return state


def cache_line(state: dict[str, Any] | None) -> str:
    """One line for matrix.md and the report; a warning in words when the packaged cache
    (the reference solutions) was on."""
    if not state:
        return ""
    text = (f"Cache: **{state.get('cache')}**"
            + (f" ({state['path']}, {state.get('entries_at_start', 0)} entries at start)"
               if state.get("path") else ""))
    if state.get("packaged"):
        text += ("; **packaged cache ON: steps replayed from HALO's reference solutions "
                 f"({state.get('packaged_entries', '?')} entries); where it hits, no model "
                 "decided, so these figures are not the agent's**")
    else:
        text += "; packaged cache off"
    return text + "."
