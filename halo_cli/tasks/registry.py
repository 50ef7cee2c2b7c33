"""REAL tasks read straight from agisdk's task JSON files (no heavy agisdk import).

Ids are always versioned (`v2.gomail-1`): a bare id takes the registry's version,
never agisdk's default v1. A snapshot JSON pins the task set a study ran against.
"""

from __future__ import annotations

import difflib
import hashlib
import importlib.metadata
import importlib.util
import json
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

from halo_cli.errors import UserError
from halo_cli.task_id import DEFAULT_VERSION, TaskId

DEFAULT_SNAPSHOT = Path(__file__).with_name("real_v2_task_registry.json")  # packaged


@dataclass(frozen=True)
class TaskInfo:
    """One REAL task as HALO needs it."""

    id: str  # "v2.gomail-1"
    site: str
    goal: str
    start_url: str
    difficulty: str
    eval_script: str | None
    sha256: str

    @property
    def name(self) -> str:
        """The bare name, e.g. "gomail-1"."""
        return TaskId.parse(self.id).name


def _sort_key(task_id: str) -> tuple[str, int, str]:
    tid = TaskId.parse(task_id)
    return (tid.site, tid.number, tid.name)


class TaskRegistry:
    """An ordered set of tasks of one version, with lookup by (possibly bare) id."""

    def __init__(self, tasks: list[TaskInfo], version: str, agisdk_version: str) -> None:
        self.version = version
        self.agisdk_version = agisdk_version
        self.tasks = {t.id: t for t in sorted(tasks, key=lambda t: _sort_key(t.id))}

    def __len__(self) -> int:
        return len(self.tasks)

    def normalise(self, ref: str) -> str:
        """`gomail-1` -> `v2.gomail-1` (this registry's version); versioned ids unchanged."""
        return str(TaskId.parse(ref, self.version))

    def get(self, ref: str) -> TaskInfo:
        """The task for `ref`, or a UserError naming close matches."""
        task_id = self.normalise(ref)
        if task_id in self.tasks:
            return self.tasks[task_id]
        close = difflib.get_close_matches(task_id, list(self.tasks), n=3, cutoff=0.75)
        hint = f" (did you mean: {', '.join(close)}?)" if close else ""
        raise UserError(f"unknown task: {task_id}{hint}")

    def select(self, refs: list[str] | None = None, sites: list[str] | None = None) -> list[TaskInfo]:
        """Tasks by id and/or site, in registry order; unknown ids or sites are UserErrors."""
        chosen = [self.get(r) for r in refs] if refs else list(self.tasks.values())
        if sites:
            known = set(self.sites())
            for s in sites:
                if s not in known:
                    raise UserError(f"unknown site: {s} (known: {', '.join(sorted(known))})")
            chosen = [t for t in chosen if t.site in sites]
        return chosen

    def sites(self) -> dict[str, int]:
        """Task count per site, sites sorted by name."""
        return dict(sorted(Counter(t.site for t in self.tasks.values()).items()))

    def snapshot(self) -> str:
        """Deterministic JSON text of the registry (sorted keys, natural task order)."""
        doc = {
            "agisdk_version": self.agisdk_version,
            "task_version": self.version,
            "count": len(self.tasks),
            "tasks": [asdict(t) for t in self.tasks.values()],
        }
        return json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def agisdk_version() -> str:
    try:
        return importlib.metadata.version("agisdk")
    except importlib.metadata.PackageNotFoundError:
        raise UserError("agisdk is not installed: pip install agisdk==0.3.5") from None


def tasks_dir(version: str = DEFAULT_VERSION) -> Path:
    """agisdk's folder of task JSONs for `version`, found without importing agisdk."""
    spec = importlib.util.find_spec("agisdk")
    if spec is None or not spec.submodule_search_locations:
        raise UserError("agisdk is not installed: pip install agisdk==0.3.5")
    root = Path(next(iter(spec.submodule_search_locations)))
    path = root / "REAL" / "browsergym" / "webclones" / version / "tasks"
    if not path.is_dir():
        raise UserError(f"unknown task version: {version} (agisdk has no {path})")
    return path


def from_agisdk(version: str = DEFAULT_VERSION) -> TaskRegistry:
    """Every task of `version` shipped in the installed agisdk."""
    tasks = []
    for path in sorted(tasks_dir(version).glob("*.json")):
        raw = path.read_bytes()
        data = json.loads(raw)
        evals = data.get("evals") or []
        script = next((e.get("script") for e in evals if e.get("script")), None)
        tasks.append(
            TaskInfo(
                id=str(TaskId(version, data["id"])),
                site=data["website"]["id"],
                goal=data["goal"],
                start_url=data["website"]["url"],
                difficulty=data.get("difficulty", ""),
                eval_script=script,
                sha256=hashlib.sha256(raw).hexdigest(),
            )
        )
    return TaskRegistry(tasks, version, agisdk_version())


def from_snapshot(path: Path) -> TaskRegistry:
    """A registry from a snapshot file written by `halo tasks snapshot`."""
    try:
        doc = json.loads(path.read_text())
        tasks = [TaskInfo(**t) for t in doc["tasks"]]
        return TaskRegistry(tasks, doc["task_version"], doc["agisdk_version"])
    except FileNotFoundError:
        raise UserError(f"{path}: task registry not found") from None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise UserError(f"{path}: not a task registry snapshot ({type(exc).__name__}: {exc})") from None


def open_registry(path: Path | None = None, version: str = DEFAULT_VERSION) -> TaskRegistry:
    """`path` if given; else the committed snapshot when it exists and matches; else agisdk."""
    if path is not None:
        return from_snapshot(path)
    if version == DEFAULT_VERSION and DEFAULT_SNAPSHOT.is_file():
        return from_snapshot(DEFAULT_SNAPSHOT)
    return from_agisdk(version)
