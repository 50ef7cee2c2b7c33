"""Verified Action Cache (VAC): actions that led to a successful episode, by page.

Keyed by (site, normalised goal, page fingerprint, ordinal of the step on that page).
An action is stored as its target's role + name + nth, never a bid, and resolved
against the current AXTree on lookup; a target that can't be found makes the entry
stale, and it is invalidated. Entries are written only from a successful episode,
and only its steps verified as progress. A read-only packaged cache (SQLite, or JSONL
kept in git) sits under the user's: lookups try the user's first.
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from halo_cli.cache.targets import BID_MARK, abstract, concretise
from halo_cli.obs.locate import Target
from halo_cli.outcome import succeeded
from halo_cli.policy.actions import Action

#: the cache shipped with HALO, built from the local sites' reference solutions: one
#: `<site>.jsonl` per local site (`halo cache build --packaged --site S` rewrites one)
PACKAGED_CACHE = Path(__file__).parent / "packaged"
ORIGIN_MARK = "{origin}"
_COLUMNS = ("site", "goal", "fingerprint", "ordinal", "func", "args", "kwargs", "role", "name",
            "nth", "page_type", "hits", "created")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS vac (
    site TEXT NOT NULL, goal TEXT NOT NULL, fingerprint TEXT NOT NULL,
    ordinal INTEGER NOT NULL, func TEXT NOT NULL, args TEXT NOT NULL, kwargs TEXT NOT NULL,
    role TEXT, name TEXT, nth INTEGER, page_type TEXT,
    hits INTEGER NOT NULL DEFAULT 0, created REAL NOT NULL,
    PRIMARY KEY (site, goal, fingerprint, ordinal)
);
CREATE TABLE IF NOT EXISTS stale (
    site TEXT NOT NULL, goal TEXT NOT NULL, fingerprint TEXT NOT NULL,
    ordinal INTEGER NOT NULL, at REAL NOT NULL,
    PRIMARY KEY (site, goal, fingerprint, ordinal)
);
"""


def normalise_goal(goal: str) -> str:
    """Lower case, single spaces, no trailing punctuation: the goal part of the key."""
    return re.sub(r"\s+", " ", goal).strip().lower().rstrip(".!? ")


@dataclass(frozen=True)
class VerifiedStep:
    """One executed step, as the orchestrator saw it (tree from *before* the action)."""

    fingerprint: str
    ordinal: int
    action: Action
    axtree: dict | None
    verdict: str
    page_type: str = ""
    url: str = ""


@dataclass(frozen=True)
class CacheHit:
    action: Action
    layer: Literal["user", "packaged"]
    key: tuple[str, str, str, int]


@dataclass
class CacheStats:
    entries: int
    packaged_entries: int
    stale: int
    hits_total: int
    sites: dict[str, int] = field(default_factory=dict)
    session_hits: int = 0
    session_misses: int = 0
    session_stale: int = 0


def _connect(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(path), timeout=30, check_same_thread=False)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.executescript(_SCHEMA)
    return conn


def _open_packaged(path: Path) -> sqlite3.Connection:
    """A read-only cache: a folder of JSONL files, one JSONL file, or a SQLite file."""
    if path.is_dir() or path.suffix == ".jsonl":
        conn = sqlite3.connect(":memory:", check_same_thread=False)
        conn.executescript(_SCHEMA)
        for part in sorted(path.glob("*.jsonl")) if path.is_dir() else [path]:
            _insert(conn, _read_jsonl(part))
        return conn
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            rows.append({c: row.get(c) for c in _COLUMNS} | {"ordinal": int(row["ordinal"])})
        except (ValueError, KeyError, TypeError) as exc:
            raise ValueError(f"{path}:{n}: not a VAC entry ({exc})") from None
    return rows


def _insert(conn: sqlite3.Connection, rows: Iterable[dict[str, Any]]) -> int:
    n = 0
    with conn:
        for row in rows:
            vals = dict(row)
            for k in ("args", "kwargs"):
                if not isinstance(vals.get(k), str):
                    vals[k] = json.dumps(vals.get(k) or ([] if k == "args" else {}))
            vals["hits"] = int(vals.get("hits") or 0)
            vals["created"] = float(vals.get("created") or time.time())
            conn.execute(
                f"INSERT OR REPLACE INTO vac ({', '.join(_COLUMNS)}) "
                f"VALUES ({', '.join('?' * len(_COLUMNS))})",
                [vals.get(c) for c in _COLUMNS],
            )
            conn.execute(
                "DELETE FROM stale WHERE site=? AND goal=? AND fingerprint=? AND ordinal=?",
                (vals["site"], vals["goal"], vals["fingerprint"], vals["ordinal"]),
            )
            n += 1
    return n


def packaged_size(path: Path = PACKAGED_CACHE) -> int:
    """How many entries the packaged (reference-solution) cache holds."""
    db = _open_packaged(path)
    try:
        return int(db.execute("SELECT COUNT(*) FROM vac").fetchone()[0])
    finally:
        db.close()


class VerifiedActionCache:
    """The user's cache at `path` (SQLite), over an optional read-only `packaged` one."""

    def __init__(self, path: Path, packaged: Path | None = None) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._db = _connect(self.path)
        self._packaged = _open_packaged(packaged) if packaged and packaged.exists() else None
        self._session = {"hits": 0, "misses": 0, "stale": 0}

    @classmethod
    def under(cls, data_dir: Path, packaged: Path | None = None) -> VerifiedActionCache:
        """The cache at `<data_dir>/cache/vac.sqlite`."""
        return cls(Path(data_dir) / "cache" / "vac.sqlite", packaged)

    def close(self) -> None:
        self._db.close()
        if self._packaged is not None:
            self._packaged.close()

    def __enter__(self) -> VerifiedActionCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- lookups ---------------------------------------------------------------------------
    def _row(self, conn: sqlite3.Connection, key: tuple[str, str, str, int]) -> dict | None:
        cur = conn.execute(
            f"SELECT {', '.join(_COLUMNS)} FROM vac "
            "WHERE site=? AND goal=? AND fingerprint=? AND ordinal=?",
            key,
        )
        row = cur.fetchone()
        return dict(zip(_COLUMNS, row, strict=True)) if row else None

    def _is_stale(self, key: tuple[str, str, str, int]) -> bool:
        cur = self._db.execute(
            "SELECT 1 FROM stale WHERE site=? AND goal=? AND fingerprint=? AND ordinal=?", key
        )
        return cur.fetchone() is not None

    def lookup(
        self, site: str, goal: str, fingerprint: str, ordinal: int, axtree: dict | None,
        origin: str = "",
    ) -> CacheHit | None:
        """The cached action re-targeted to this tree; a missing target invalidates it."""
        key = (site, normalise_goal(goal), fingerprint, int(ordinal))
        with self._lock:
            layer: Literal["user", "packaged"] = "user"
            row = self._row(self._db, key)
            if row is None and self._packaged is not None and not self._is_stale(key):
                row, layer = self._row(self._packaged, key), "packaged"
            if row is None:
                self._session["misses"] += 1
                return None
            args = [_with_origin(a, origin) for a in json.loads(row["args"])]
            kwargs = {k: _with_origin(v, origin) for k, v in json.loads(row["kwargs"]).items()}
            action = concretise(row["func"], args, kwargs, axtree)
            if action is None:
                self._session["stale"] += 1
                self._invalidate(key)
                return None
            self._session["hits"] += 1
            if layer == "user":
                with self._db:
                    self._db.execute(
                        "UPDATE vac SET hits = hits + 1 "
                        "WHERE site=? AND goal=? AND fingerprint=? AND ordinal=?", key,
                    )
            return CacheHit(action, layer, key)

    def _invalidate(self, key: tuple[str, str, str, int]) -> None:
        with self._db:
            self._db.execute(
                "DELETE FROM vac WHERE site=? AND goal=? AND fingerprint=? AND ordinal=?", key
            )
            self._db.execute(
                "INSERT OR REPLACE INTO stale (site, goal, fingerprint, ordinal, at) "
                "VALUES (?, ?, ?, ?, ?)", (*key, time.time()),
            )

    # -- writes ----------------------------------------------------------------------------
    def record_episode(
        self, site: str, goal: str, steps: Sequence[VerifiedStep], reward: float,
        origin: str = "",
    ) -> int:
        """Store the episode's progress steps if it succeeded; returns entries written."""
        if not succeeded(reward):
            return 0
        rows = []
        now = time.time()
        for step in steps:
            if step.verdict != "progressed":
                continue
            parts = abstract(step.action, step.axtree)
            if parts is None:
                continue
            args, kwargs = parts
            if step.action.name == "goto":
                args = [_without_origin(a, origin) for a in args]
                kwargs = {k: _without_origin(v, origin) for k, v in kwargs.items()}
            first = next((a[BID_MARK] for a in [*args, *kwargs.values()]
                          if isinstance(a, dict) and BID_MARK in a), None)
            t = Target.from_json(first) if first else None
            rows.append({
                "site": site, "goal": normalise_goal(goal), "fingerprint": step.fingerprint,
                "ordinal": step.ordinal, "func": step.action.name, "args": args,
                "kwargs": kwargs, "role": t.role if t else None, "name": t.name if t else None,
                "nth": t.nth if t else None, "page_type": step.page_type, "hits": 0,
                "created": now,
            })
        with self._lock:
            return _insert(self._db, rows)

    # -- maintenance -----------------------------------------------------------------------
    def stats(self) -> CacheStats:
        with self._lock:
            entries, hits = self._db.execute(
                "SELECT COUNT(*), COALESCE(SUM(hits), 0) FROM vac"
            ).fetchone()
            sites = dict(self._db.execute("SELECT site, COUNT(*) FROM vac GROUP BY site"))
            stale = self._db.execute("SELECT COUNT(*) FROM stale").fetchone()[0]
            packaged = (
                self._packaged.execute("SELECT COUNT(*) FROM vac").fetchone()[0]
                if self._packaged is not None else 0
            )
        return CacheStats(entries, packaged, stale, hits, sites, self._session["hits"],
                          self._session["misses"], self._session["stale"])

    def clear(self, site: str | None = None) -> int:
        """Delete the user's entries (of one site); the packaged cache is untouched."""
        with self._lock, self._db:
            where, params = ("WHERE site=?", (site,)) if site else ("", ())
            n = self._db.execute(f"DELETE FROM vac {where}", params).rowcount
            self._db.execute(f"DELETE FROM stale {where}", params)
        return n

    def entries(self) -> list[dict[str, Any]]:
        with self._lock:
            cur = self._db.execute(
                f"SELECT {', '.join(_COLUMNS)} FROM vac ORDER BY site, goal, fingerprint, ordinal"
            )
            rows = [dict(zip(_COLUMNS, r, strict=True)) for r in cur]
        for r in rows:
            r["args"], r["kwargs"] = json.loads(r["args"]), json.loads(r["kwargs"])
        return rows

    def export_jsonl(self, path: Path, site: str | None = None) -> int:
        """Write the user's entries (of `site`, when given) as JSONL, one entry a line;
        returns the count."""
        rows = [r for r in self.entries() if site is None or r["site"] == site]
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n")
        return len(rows)

    def import_jsonl(self, path: Path) -> int:
        """Add (or replace) entries from a JSONL export; returns the count."""
        rows = _read_jsonl(Path(path))
        with self._lock:
            return _insert(self._db, rows)


def _without_origin(value: Any, origin: str) -> Any:
    if origin and isinstance(value, str) and value.startswith(origin):
        return ORIGIN_MARK + value[len(origin):]
    return value


def _with_origin(value: Any, origin: str) -> Any:
    if isinstance(value, str) and value.startswith(ORIGIN_MARK):
        return origin + value[len(ORIGIN_MARK):]
    return value
