"""What the site tests share: a session on a replica (its `/config` visited, as agisdk
does), the `/finish` JSON the evaluator reads, and REAL's own v2 eval scripts judging it.

Each tests/sites/test_<site>.py names its replica once, `SITE = Replica("omnizon")`, and
takes `session`, `finish` and `run_script` from it.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import agisdk
from starlette.testclient import TestClient

V2 = Path(agisdk.__file__).parent / "REAL" / "browsergym" / "webclones" / "v2"
SCRIPTS = V2 / "eval_scripts"


def v2_tasks(site: str) -> list[str]:
    """REAL's v2 task ids of `site`, as agisdk ships them (sorted)."""
    return sorted(p.stem for p in (V2 / "tasks").glob(f"{site}-*.json"))


def script_of(task: str) -> Path:
    """The task's eval script: `gomail-3` -> .../eval_scripts/eval_gomail_3.py."""
    return SCRIPTS / f"eval_{task.replace('-', '_')}.py"


def finish_json(page: str) -> dict:
    """The state a `/finish` page shows in its `<pre>`."""
    return json.loads(html.unescape(re.search(r"<pre>(.*)</pre>", page, re.S).group(1)))


def start_script(task: str, state: Path, *python_flags: str) -> subprocess.Popen:
    """`python eval_<task>.py state.json`, as agisdk runs it, started (not waited for)."""
    return subprocess.Popen([sys.executable, *python_flags, str(script_of(task)), str(state)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def verdict(proc: subprocess.Popen, timeout: float = 30) -> str:
    """What a started eval script printed, stripped."""
    out, _ = proc.communicate(timeout=timeout)
    return out.strip()


_BATCH = """
import contextlib, io, json, runpy, sys
verdicts = []
for script, path in json.loads(sys.argv[1]):
    sys.argv = [script, path]
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        try:
            runpy.run_path(script, run_name="__main__")
        except SystemExit:
            pass
    verdicts.append(out.getvalue().strip())
print(json.dumps(verdicts))
"""


@dataclass(frozen=True)
class Replica:
    """One replica's test helpers. `config`: the extra `/config` query (`run_id`, ...);
    `task`: the default task of `session`; `dump`: how the state file is written
    (`json.dumps` options: /finish sorts keys); `python_flags`: for the eval scripts."""

    site: str
    task: str | None = None
    config: dict[str, str] = field(default_factory=dict)
    dump: dict[str, object] = field(default_factory=lambda: {"sort_keys": True})
    python_flags: tuple[str, ...] = ()

    def session(self, app, task: str | None = None, **config: str) -> TestClient:
        """A client whose session is configured for `task` (the replica's default if none);
        `config` adds to or replaces the replica's `/config` query."""
        c = TestClient(app)
        query = "".join(f"&{k}={v}" for k, v in (self.config | config).items())
        assert c.get(f"/{self.site}/config?task_id=v2.{task or self.task}{query}").status_code == 200
        return c

    def finish(self, c: TestClient) -> dict:
        """The session's `/finish` state."""
        return finish_json(c.get(f"/{self.site}/finish").text)

    def write_state(self, task: str, payload: dict, folder: Path, name: str | None = None) -> Path:
        """`payload` written as the task's state file (in `folder`, as `name` if given)."""
        path = folder / (name or f"{task}.json")
        path.write_text(json.dumps(payload, **self.dump))  # type: ignore[arg-type]
        return path

    def start_script(self, task: str, payload: dict, folder: Path) -> subprocess.Popen:
        """The task's eval script on `payload`, started."""
        return start_script(task, self.write_state(task, payload, folder), *self.python_flags)

    def run_script(self, task: str, payload: dict, folder: Path, name: str | None = None) -> str:
        """The task's eval script's verdict on `payload`."""
        state = self.write_state(task, payload, folder, name)
        return verdict(start_script(task, state, *self.python_flags))

    def run_scripts(self, jobs: list[tuple[str, dict]], folder: Path) -> list[str]:
        """Each (task, payload) judged by its eval script, all in one interpreter (most of
        a script's run is Python's start-up), in order."""
        pairs = [(str(script_of(task)), str(self.write_state(task, payload, folder, f"{i}-{task}.json")))
                 for i, (task, payload) in enumerate(jobs)]
        out = subprocess.run([sys.executable, *self.python_flags, "-c", _BATCH, json.dumps(pairs)],
                             capture_output=True, text=True, timeout=60)
        return json.loads(out.stdout)


def check_solutions(solutions: Callable[[], list], negatives: Callable[[], list], tasks: Iterable[str],
                    *, negative_tasks: int = 0, at_least: int = 0) -> None:
    """A site's reference solutions cover `tasks` exactly, as new objects on every call; its
    negatives are negatives, told apart by (task, label), at least `at_least` of them on at
    least `negative_tasks` tasks."""
    refs, again = solutions(), solutions()
    assert sorted(s.task for s in refs) == sorted(tasks)
    assert all(s.kind == "reference" for s in refs)
    assert refs[0] is not again[0] and refs[0].steps[0] is not again[0].steps[0]
    negs = negatives()
    assert all(s.kind == "negative" for s in negs)
    assert len(negs) >= at_least and len({s.task for s in negs}) >= negative_tasks
    assert len({(s.task, s.label) for s in negs}) == len(negs)
