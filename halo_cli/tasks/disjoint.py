"""Keeping generated tasks disjoint from REAL's v2 test set, in two checks.

- Goals: no generated goal shares a run of 8 words with any v2 goal (case-insensitive,
  punctuation stripped): `V2Goals.shared_run(goal)`.
- End states: no generated task's reference end state passes any v2 eval script of its
  site: `V2Scripts(site).passing(state)` runs each of the site's judgeable scripts on the
  state as agisdk does (the state as a JSON file, `python eval_x.py file`, success when
  the output says SUCCESS), but in this process: each script compiled once and run with
  `sys.argv` patched and its output captured, instead of one Python start-up per script.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from types import CodeType
from typing import Any

from halo_cli.tasks.registry import TaskRegistry, tasks_dir

#: the length of the word runs a generated goal may not share with a v2 goal
RUN_WORDS = 8


def words(text: str) -> list[str]:
    """`text`'s words: lower case, punctuation stripped (`"$350,000."` -> `350000`)."""
    return re.sub(r"[^\w\s]", "", text.lower()).split()


def word_runs(text: str, n: int = RUN_WORDS) -> set[tuple[str, ...]]:
    """Every run of `n` consecutive words of `text`."""
    w = words(text)
    return {tuple(w[i:i + n]) for i in range(len(w) - n + 1)}


class V2Goals:
    """The v2 goals' word runs, for `shared_run`."""

    def __init__(self, registry: TaskRegistry, n: int = RUN_WORDS) -> None:
        self.n = n
        self._runs: dict[tuple[str, ...], str] = {}
        for task in registry.tasks.values():
            for run in word_runs(task.goal, n):
                self._runs.setdefault(run, task.id)

    def shared_run(self, goal: str) -> tuple[str, str] | None:
        """(v2 task id, the shared words) of the first run `goal` shares, or None."""
        w = words(goal)
        for run in (tuple(w[i:i + self.n]) for i in range(len(w) - self.n + 1)):
            if run in self._runs:
                return self._runs[run], " ".join(run)
        return None


class V2Scripts:
    """The judgeable v2 eval scripts of one site, run in-process on a state.

    A script is judgeable when its file is there and not empty (gocalendar-11's is
    empty). Each runs on a private folder holding only the state file, as some scripts
    read every JSON file beside theirs.
    """

    def __init__(self, registry: TaskRegistry, site: str) -> None:
        folder = tasks_dir(registry.version).parent / "eval_scripts"
        self.scripts: dict[str, tuple[Path, CodeType]] = {}
        for task in registry.select(sites=[site]) if site in registry.sites() else []:
            path = folder / (task.eval_script or "")
            if task.eval_script and path.is_file() and path.read_text().strip():
                self.scripts[task.id] = (path, compile(path.read_text(), str(path), "exec"))
        self._dir = Path(tempfile.mkdtemp(prefix="halo-disjoint-"))

    def close(self) -> None:
        shutil.rmtree(self._dir, ignore_errors=True)

    def __enter__(self) -> V2Scripts:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def passing(self, state: dict[str, Any]) -> list[str]:
        """The v2 tasks whose eval script says SUCCESS on `state` (a `/finish` JSON)."""
        path = self._dir / "state.json"
        path.write_text(json.dumps(state, indent=2), encoding="utf-8")  # as agisdk writes it
        return [task for task, (script, code) in self.scripts.items()
                if "SUCCESS" in self._run(script, code, path).upper()]

    @staticmethod
    def _run(script: Path, code: CodeType, state: Path) -> str:
        out = io.StringIO()
        with _argv([str(script), str(state)]), contextlib.redirect_stdout(out), \
                contextlib.redirect_stderr(io.StringIO()):
            try:
                exec(code, {"__name__": "__main__", "__file__": str(script)})  # noqa: S102
            except SystemExit:
                pass
            except Exception:  # a script that crashes on this state says no SUCCESS
                pass
        return out.getvalue()


@contextlib.contextmanager
def _argv(argv: list[str]) -> Iterator[None]:
    old = sys.argv
    sys.argv = argv
    try:
        yield
    finally:
        sys.argv = old
