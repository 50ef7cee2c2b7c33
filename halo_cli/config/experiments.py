"""Experiments files: named experiments (a mode plus overrides) and task subsets. The
default is the packaged `halo_cli/config/experiments.yaml`; `--config FILE` takes another.

Loading validates everything up front; any problem is one UserError naming the file
and the field, e.g. `my.yaml: experiments.fast.mode: unknown mode 'x'`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from halo_cli.config.modes import MODES, Mode
from halo_cli.errors import UserError, invalid

DEFAULT_EXPERIMENTS = Path(__file__).with_name("experiments.yaml")  # packaged


class Experiment(BaseModel):
    """A mode by name plus field overrides (validated against `Mode`)."""

    model_config = ConfigDict(extra="forbid")

    mode: str
    description: str = ""
    overrides: dict[str, Any] = Field(default_factory=dict)
    subset: str | None = None  # the tasks it runs on when a command names none


class ExperimentsFile(BaseModel):
    """The whole file: experiments and subsets (lists of task ids)."""

    model_config = ConfigDict(extra="forbid")

    experiments: dict[str, Experiment] = Field(default_factory=dict)
    subsets: dict[str, list[str]] = Field(default_factory=dict)
    source: str = ""

    def mode(self, experiment: str) -> Mode:
        """The fully resolved Mode of `experiment` (already validated at load); every mode
        name is also an experiment with no overrides."""
        if experiment in self.experiments:
            exp = self.experiments[experiment]
            return MODES[exp.mode].with_overrides(**exp.overrides)
        if experiment in MODES:
            return MODES[experiment]
        known = ", ".join([*self.experiments, *MODES]) or "none"
        raise UserError(f"{self.source}: unknown experiment: {experiment} (known: {known})")

    def default_subset(self, experiment: str) -> str | None:
        exp = self.experiments.get(experiment)
        return exp.subset if exp else None

    def subset(self, name: str) -> list[str]:
        if name not in self.subsets:
            known = ", ".join(self.subsets) or "none"
            raise UserError(f"{self.source}: unknown subset: {name} (known: {known})")
        return list(self.subsets[name])


def load_experiments(path: Path = DEFAULT_EXPERIMENTS, registry: Any = None) -> ExperimentsFile:
    """Parse and validate `path`; `registry` (a TaskRegistry) also checks subset task ids."""
    try:
        raw = yaml.safe_load(path.read_text()) or {}
    except FileNotFoundError:
        raise UserError(f"{path}: no such file") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise UserError(f"{path}: invalid YAML{where}") from None
    if not isinstance(raw, dict):
        raise UserError(f"{path}: expected a mapping with 'experiments' and 'subsets'")
    try:
        doc = ExperimentsFile(**raw, source=str(path))
    except ValidationError as exc:
        raise invalid(str(path), exc) from None
    for name, exp in doc.experiments.items():
        if exp.mode not in MODES:
            raise UserError(f"{path}: experiments.{name}.mode: unknown mode '{exp.mode}'")
        if exp.subset is not None and exp.subset not in doc.subsets:
            raise UserError(f"{path}: experiments.{name}.subset: unknown subset '{exp.subset}'")
        try:
            Mode(**{**MODES[exp.mode].model_dump(), **exp.overrides})
        except ValidationError as exc:
            raise invalid(str(path), exc, prefix=f"experiments.{name}.overrides.") from None
    if registry is not None:
        for name, ids in doc.subsets.items():
            for i, ref in enumerate(ids):
                try:
                    registry.get(ref)
                except UserError as exc:
                    raise UserError(f"{path}: subsets.{name}[{i}]: {exc}") from None
    return doc
