"""What a local site is: seed state per task, its app routes, and extra /finish fields."""

from __future__ import annotations

import copy
import threading
import uuid
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any

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


class Site(ABC):
    """A replica of one REAL site. Subclasses live in `halo_cli/sites/<id>/`."""

    id: str
    title: str
    #: record the app path visited last at `router.location.pathname` (React-router style)
    track_location: bool = True

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

    def new_session(self, task: str) -> Session:
        state = self.seed_state(task)
        if self.track_location:
            state.setdefault("router", {"location": {"pathname": "/"}})
        return Session(task_id=task, initial=copy.deepcopy(state), state=state)


def session_of(request: Request) -> Session:
    """The calling browser's session (set up by the server's middleware)."""
    return request.state.halo_session
