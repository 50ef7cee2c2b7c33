"""What a local site is: seed state per task, its app routes, and extra /finish fields."""

from __future__ import annotations

import copy
import threading
import uuid
from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from starlette.requests import Request
from starlette.routing import BaseRoute


@dataclass
class Session:
    """One browser's private copy of a site's store, created by `/config`."""

    task_id: str
    initial: dict[str, Any]
    state: dict[str, Any]
    id: str = field(default_factory=lambda: uuid.uuid4().hex)
    lock: threading.RLock = field(default_factory=threading.RLock, repr=False)
    submitted_answer: str | None = None
    #: a flash message for the next page this browser renders (see `kit.notify`)
    notice: str | None = None


class Site(ABC):
    """A replica of one REAL site. Subclasses live in `halo_cli/sites/<id>/`."""

    id: str
    title: str
    #: record the app path visited last at `router.location.pathname` (React-router style)
    track_location: bool = True
    #: how `/finish` diffs the store: "halo" compares lists whole (gomail, omnizon);
    #: "deep-object-diff" is npm deep-object-diff's `detailedDiff`, as REAL's React sites use
    diff_mode: Literal["halo", "deep-object-diff"] = "halo"

    @abstractmethod
    def supported_tasks(self) -> list[str]:
        """Bare task names this replica supports, e.g. `["gomail-1", ...]`."""

    @abstractmethod
    def seed_state(self, task: str) -> dict[str, Any]:
        """A fresh, deterministic store for `task` (a bare name from `supported_tasks`)."""

    @abstractmethod
    def routes(self) -> list[BaseRoute]:
        """The app's Starlette routes, relative to the site root (`/` is the app)."""

    def differences(self, initial: dict[str, Any], current: dict[str, Any]) -> dict[str, Any]:
        """Extra top-level keys for the /finish JSON (e.g. `differences`); none by default."""
        return {}

    def default_task(self) -> str:
        """The task whose seed a browser without a session sees."""
        return self.supported_tasks()[0]

    def initial_snapshot(self, task: str, state: dict[str, Any]) -> dict[str, Any]:
        """The store `/finish` diffs against; a copy of the seed unless the site needs a
        skeleton (a React store snapshotted before its data loaded)."""
        return copy.deepcopy(state)

    def configure(self, session: Session, params: Mapping[str, str]) -> None:
        """Runs after the snapshot, with `/config`'s query (`run_id`, `latency`, ...): what
        it writes lands in `initialfinaldiff.added` (see `record_config`). None by default."""
        return None

    def new_session(self, task: str, params: Mapping[str, str] | None = None) -> Session:
        state = self.seed_state(task)
        if self.track_location:
            state.setdefault("router", {"location": {"pathname": "/"}})
        session = Session(task_id=task, initial=self.initial_snapshot(task, state), state=state)
        self.configure(session, params or {})
        return session


def record_config(session: Session, key: str, params: Mapping[str, str],
                  **values: Any) -> None:
    """Store `/config`'s `run_id` and `latency` plus the site's `values` at `config.<key>`,
    as REAL's sites do after their initial snapshot (so they show under `added.config`)."""
    entry: dict[str, Any] = {"run_id": params.get("run_id", "0")}
    try:
        entry["latency"] = int(params.get("latency", "0"))
    except ValueError:
        entry["latency"] = 0
    session.state.setdefault("config", {})[key] = {**entry, **values}


def session_of(request: Request) -> Session:
    """The calling browser's session (set up by the server's middleware)."""
    return request.state.halo_session
