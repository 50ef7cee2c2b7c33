"""Task templates: how a local site makes training tasks that are not REAL's.

A template picks parameters from the replica's own data, phrases a goal in REAL's register,
judges the `/finish` state the way REAL's eval scripts do (strict about what the goal asks,
tolerant of what it does not), reaches its reference end state through the site's own
request handlers in-process (`SiteClient`), names near misses that must fail, and gives a
browser reference solution (role-and-name steps, replayed by the replay agent).

A site's templates live in `halo_cli/sites/<site>/templates.py` as `TEMPLATES`, a list of
`Template` instances; `templates_of(site_id)` finds them. Task-set files, the generator and
verification are `halo_cli.tasks`' (this module is the sites' side of the contract).
"""

from __future__ import annotations

import html
import importlib
import json
import random
import re
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any, ClassVar

from halo_cli.sites.reference import Step
from halo_cli.task_id import TRAIN_VERSION

__all__ = ["TRAIN_VERSION", "Draft", "SiteClient", "Template", "Verdict", "template_of",
           "templates_of"]


@dataclass(frozen=True)
class Draft:
    """One task a template made: its parameters (JSON-able) and goal."""

    params: dict[str, Any]
    goal: str
    start_path: str = "/"
    #: 1 (one constraint) .. 3 (several constraints, or several things to do)
    difficulty: int = 1


@dataclass(frozen=True)
class Verdict:
    """A template judge's answer: success, and one line saying why (REAL's scripts print
    a line like this; it becomes the episode's judge output)."""

    ok: bool
    reason: str


@dataclass
class SiteClient:
    """A site's own handlers, in-process: a fresh session seeded with `base_task`'s store,
    requests through Starlette's TestClient (cookies kept), and the `/finish` state.

    `get`/`post` take paths relative to the site root (`/`, `/cart`, ...) and follow
    redirects, as a browser would.
    """

    site: Any  # a `halo_cli.sites.base.Site`
    base_task: str
    #: the id `/config` is given (default `v2.<base_task>`); a generated task's own id
    #: (`train.<site>.<template>.<n>`) seeds the same store and lands in the state as a
    #: real run of that task records it
    task_id: str | None = None
    _http: Any = field(default=None, repr=False)

    def __post_init__(self) -> None:
        from starlette.testclient import TestClient  # deferred: httpx, only for verifying

        from halo_cli.sites.server import build_app

        self._http = TestClient(build_app([self.site]), base_url="http://halo.local")
        resp = self._http.get(f"/{self.site.id}/config",
                              params={"task_id": self.task_id or f"v2.{self.base_task}",
                                      "run_id": "0"})
        resp.raise_for_status()

    def get(self, path: str, params: dict[str, Any] | None = None) -> Any:
        return self._http.get(self._url(path), params=params, follow_redirects=True)

    def post(self, path: str, data: dict[str, Any] | list[tuple[str, str]] | None = None
             ) -> Any:
        return self._http.post(self._url(path), data=data, follow_redirects=True)

    def finish(self) -> dict[str, Any]:
        """The `/finish` JSON, as the env reads it for the judge."""
        text = self._http.get(self._url("/finish")).text
        found = re.search(r"<pre>(.*)</pre>", text, re.S)
        if found is None:
            raise ValueError(f"/finish of {self.site.id} has no <pre>")
        return json.loads(html.unescape(found.group(1)))

    def _url(self, path: str) -> str:
        return f"/{self.site.id}/{path.lstrip('/')}"


class Template(ABC):
    """One family of training tasks on one site."""

    #: the site id (`gomail`)
    site: ClassVar[str]
    #: snake_case, unique within the site (`reply_by_sender`): the `<template>` of the id
    name: ClassVar[str]
    #: the v2 task (bare name) whose seed store the task starts from
    base_task: ClassVar[str]

    @abstractmethod
    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft | None:
        """Parameters picked with `rng` from `state` (the seed store of `base_task`) and a
        goal in one of several phrasings; None when `rng` drew something unusable."""

    @abstractmethod
    def judge(self, params: dict[str, Any], finish: dict[str, Any]) -> Verdict:
        """Score `/finish`'s JSON (`initialfinaldiff` / `differences`, as REAL's scripts)."""

    @abstractmethod
    def reach(self, params: dict[str, Any], client: SiteClient) -> None:
        """Reach the reference end state through the site's handlers (`client`)."""

    @abstractmethod
    def near_misses(self, params: dict[str, Any], state: dict[str, Any]
                    ) -> list[dict[str, Any]]:
        """Parameters of plausible wrong end states (wrong item, recipient, quantity,
        time, ...): `reach` with each must score 0 under `judge(params, ...)`."""

    @abstractmethod
    def solution(self, params: dict[str, Any]) -> list[Step]:
        """The browser reference solution from the site's start page, ending with
        `reference.send(...)`, targets by role and name (`halo_cli.sites.reference`)."""


def templates_of(site_id: str) -> list[Template]:
    """The site's templates (`halo_cli/sites/<site>/templates.py: TEMPLATES`), or none."""
    try:
        module = importlib.import_module(f"halo_cli.sites.{site_id}.templates")
    except ModuleNotFoundError as exc:
        # no templates module (or no such site): none; a template's own bad import raises
        target = f"halo_cli.sites.{site_id}.templates"
        if exc.name and (exc.name == target or target.startswith(exc.name + ".")):
            return []
        raise
    return list(module.TEMPLATES)


def template_of(site_id: str, name: str) -> Template:
    """The site's template called `name` (KeyError when there is none)."""
    for template in templates_of(site_id):
        if template.name == name:
            return template
    raise KeyError(f"{site_id} has no template {name!r}")
